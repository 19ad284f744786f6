"""Writes of the study's conclusions: loading them from the study's own text in ``fixtures/``.

- ``study_conclusions_load``: the recommendations (``fixtures/recommendations.json``) and
  the literature review (``fixtures/literature_review.json``). Loading adds what is
  missing and leaves what exists as it is, so an administrator's edits survive; links
  from the review's themes to the codebook are made where a codebook theme of that name
  exists (the codebook may be loaded later: run this again).
- ``study_highlights_load``: the study's own highlight bullets, word for word
  (``fixtures/highlights.json``): added where missing and set back to the study's words
  where they differ; the team's own highlights are left alone.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from activities.models import Place
from interviews.models import Theme
from reports.study.highlight_models import Highlight
from reports.study.literature_models import LiteratureSource, ReviewTheme
from reports.study.recommendation_models import RecommendationArea, SuggestedAction

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
HIGHLIGHTS_FIXTURE = FIXTURES / "highlights.json"


@transaction.atomic
def study_conclusions_load(*, fixtures_dir=FIXTURES):
    """Add the missing areas, actions, review themes and sources; return what was added."""
    added = _recommendations_load(fixtures_dir / "recommendations.json")
    added.update(_literature_load(fixtures_dir / "literature_review.json"))
    return added


def _recommendations_load(path):
    records = json.loads(path.read_text(encoding="utf-8"))
    areas = {area.number: area for area in RecommendationArea.objects.all()}
    new_areas = [
        RecommendationArea(number=r["number"], title=r["title"], summary=r["summary"])
        for r in records
        if r["number"] not in areas
    ]
    RecommendationArea.objects.bulk_create(new_areas)
    areas = {area.number: area for area in RecommendationArea.objects.all()}
    existing = set(SuggestedAction.objects.values_list("area__number", "number"))
    new_actions = [
        SuggestedAction(area=areas[r["number"]], number=n, text=text)
        for r in records
        for n, text in enumerate(r["actions"], 1)
        if (r["number"], n) not in existing
    ]
    SuggestedAction.objects.bulk_create(new_actions)
    return {"areas for consideration": len(new_areas), "suggested actions": len(new_actions)}


def _literature_load(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    existing = {(t.group, t.name): t for t in ReviewTheme.objects.all()}
    new_themes = [
        ReviewTheme(group=t["group"], name=t["name"], order=order)
        for order, t in enumerate(data["themes"])
        if (t["group"], t["name"]) not in existing
    ]
    ReviewTheme.objects.bulk_create(new_themes)
    themes = {(t.group, t.name): t for t in ReviewTheme.objects.all()}

    codebook = dict(Theme.objects.values_list("name", "pk"))
    links = set(
        ReviewTheme.codebook_themes.through.objects.values_list("reviewtheme_id", "theme_id")
    )
    new_links = [
        (themes[(t["group"], t["name"])].pk, codebook[name])
        for t in data["themes"]
        for name in t["codebook"]
        if name in codebook
    ]
    ReviewTheme.codebook_themes.through.objects.bulk_create(
        [
            ReviewTheme.codebook_themes.through(reviewtheme_id=review, theme_id=theme)
            for review, theme in new_links
            if (review, theme) not in links
        ]
    )

    known = set(LiteratureSource.objects.values_list("cited_as", flat=True))
    new_sources = [s for s in data["sources"] if s["cited_as"] not in known]
    LiteratureSource.objects.bulk_create(
        [
            LiteratureSource(
                cited_as=s["cited_as"],
                author=s["author"],
                year=s["year"],
                pages_cited=s["pages_cited"],
                note=s["note"],
            )
            for s in new_sources
        ]
    )
    created = {
        source.cited_as: source
        for source in LiteratureSource.objects.filter(
            cited_as__in=[s["cited_as"] for s in new_sources]
        )
    }
    LiteratureSource.themes.through.objects.bulk_create(
        [
            LiteratureSource.themes.through(
                literaturesource_id=created[s["cited_as"]].pk,
                reviewtheme_id=themes[tuple(key)].pk,
            )
            for s in new_sources
            for key in s["themes"]
        ]
    )
    return {
        "review themes": len(new_themes),
        "literature sources": len(new_sources),
        "links to the codebook": len([link for link in new_links if link not in links]),
    }


# What the loader sets from the study's text on each of its own bullets.
STUDY_FIELDS = ("place_id", "order", "text", "written_on", "about")


@transaction.atomic
def study_highlights_load(*, path=HIGHLIGHTS_FIXTURE):
    """The study's own highlight bullets, word for word: add the missing, mend the changed.

    Each record names its place by slug (null for the region) and the line of the
    study's text it comes from (``study_line``, its key); a record for a place that
    does not exist is skipped rather than failing the set-up. A study bullet whose
    text, place, order, date or subject differs from the study's is set back to it,
    with the figures the study wrote it against; one that matches keeps the figures
    recorded since ("still holds" in the admin). Highlights the team wrote (no
    ``study_line``) are never touched. Returns {"added": n, "restored": m}.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    places = dict(Place.objects.values_list("slug", "pk"))
    existing = {h.study_line: h for h in Highlight.objects.filter(study_line__isnull=False)}
    added, restored = [], 0
    for r in data["highlights"]:
        if r["place"] is not None and r["place"] not in places:
            continue
        study = Highlight(
            place_id=places[r["place"]] if r["place"] else None,
            order=r["order"],
            text=r["text"],
            written_on=datetime.date.fromisoformat(r["written_on"]),
            about=r["about"],
            written_total=r["written_total"],
            written_order=r["written_order"],
            study_line=r["study_line"],
        )
        highlight = existing.get(r["study_line"])
        if highlight is None:
            added.append(study)
        elif any(getattr(highlight, f) != getattr(study, f) for f in STUDY_FIELDS):
            for field in (*STUDY_FIELDS, "written_total", "written_order"):
                setattr(highlight, field, getattr(study, field))
            highlight.save()  # with its history: who changed the study's words back, and when
            restored += 1
    Highlight.objects.bulk_create(added)
    return {"added": len(added), "restored": restored}
