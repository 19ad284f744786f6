"""Writes for the reports: the demo highlights."""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from activities.models import Place
from reports.study.highlight_models import Highlight

HIGHLIGHTS_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "highlights.json"


@transaction.atomic
def highlights_demo_load(*, path=HIGHLIGHTS_FIXTURE):
    """Load the demo highlights once: only when there are none; return how many were added.

    Each record names its place by slug (null for the region); a record for a
    place that does not exist is skipped rather than failing the set-up. The
    study's highlights carry the date they were written and the study's figures
    they describe (its totals, the order of what they name).
    """
    if Highlight.objects.exists():
        return 0
    places = dict(Place.objects.values_list("slug", "pk"))
    records = json.loads(path.read_text(encoding="utf-8"))
    highlights = [
        Highlight(
            place_id=places[r["place"]] if r["place"] else None,
            order=r["order"],
            text=r["text"],
            written_on=datetime.date.fromisoformat(r["written_on"]),
            about=r.get("about", ""),
            written_total=r.get("written_total"),
            written_order=r.get("written_order", []),
        )
        for r in records
        if r["place"] is None or r["place"] in places
    ]
    Highlight.objects.bulk_create(highlights)
    return len(highlights)
