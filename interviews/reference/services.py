"""The study's interview materials: the question guides and the starting codebook,
loaded where missing (edits made in the admin survive a reload)."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from interviews.models import InterviewGuide, Theme
from interviews.rounds.services import study_round_load

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@transaction.atomic
def interview_reference_load(*, fixtures_dir=FIXTURES):
    """Create the question guides and codebook themes that are missing.

    Rows that exist already are left as they are, so edits made in the admin
    survive a second ``make run``. Returns counts of what was added.
    """
    guides = json.loads((fixtures_dir / "interview_guides.json").read_text(encoding="utf-8"))
    existing = set(InterviewGuide.objects.values_list("slug", "version"))
    new_guides = [InterviewGuide(**g) for g in guides if (g["slug"], g["version"]) not in existing]
    InterviewGuide.objects.bulk_create(new_guides)
    study_round_load()  # the first round asks the study's guides

    codebook = json.loads((fixtures_dir / "codebook.json").read_text(encoding="utf-8"))
    themes = {t.name: t for t in Theme.objects.all()}
    added = 0
    for entry in codebook:  # parents come before their children in the file
        if entry["name"] in themes:
            continue
        theme = Theme.objects.create(
            name=entry["name"],
            description=entry.get("description", ""),
            source=entry["source"],
            parent=themes.get(entry.get("parent") or ""),
        )
        themes[theme.name] = theme
        added += 1
    return {"question guides": len(new_guides), "themes": added}
