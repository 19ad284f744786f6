"""The study's interview findings, as its report gives them: each theme's text, its regional
highlights and the pull-quotes the report printed (``fixtures/interview_findings.json``).

The study's words are fixed, so they are read from the fixture once per process, not
kept in the database; the codebook's themes each section corresponds to are looked up
by name (one query) so that those who may read the codebook can open them.
"""

import functools
import json

from django.conf import settings

from interviews.models import Theme

FINDINGS_FIXTURE = settings.BASE_DIR / "fixtures" / "interview_findings.json"


@functools.cache
def study_findings():
    """The fixture's content: {"source", "quotes_note", "sections": [...]}."""
    return json.loads(FINDINGS_FIXTURE.read_text(encoding="utf-8"))


def findings_page():
    """The page's context: the sections, each with the codebook themes of its names."""
    findings = study_findings()
    names = {name for section in findings["sections"] for name in section["codebook"]}
    themes = dict(Theme.objects.filter(name__in=names).values_list("name", "pk"))
    sections = [
        {**section, "themes": [(name, themes.get(name)) for name in section["codebook"]]}
        for section in findings["sections"]
    ]
    return {"sections": sections, "quotes_note": findings["quotes_note"]}
