"""Whether a highlight still holds: the figures it was written against, beside today's.

A highlight records its area's activities (a place's own and shared ones, as
the study's place pages counted them, or the region's all) and, when it is
about a breakdown, its page's leading categories in order
(``Highlight.written_total`` and ``written_order``). It needs checking when the total has moved by more than
``MATERIAL_SHARE`` of what it was, or the categories it names are no longer in
that order ahead of the rest (a tie still holds).
"""

import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from activities.models import Activity, Place, SharedExperience
from activities.reference.coverage import serving_condition
from reports.figures.summaries import (
    SHARED_EXPERIENCE,
    VOCABULARY_BREAKDOWNS,
    ReportOptions,
    places_with_counts,
    report_counts,
)
from reports.figures.tables import count_alias

MATERIAL_SHARE = Decimal("0.10")
LEADING = 3  # how many leading categories a new highlight records


@dataclass
class AreaFigures:
    """An area's figures as a highlight is checked against them.

    ``found`` is what a highlight's total means: for a place, the activities
    found there (its own and those it shares with other places, as the study's
    place pages listed them), not the region-wide ones its page adds; for the
    region, every activity. ``counts`` are the page's own breakdowns.
    """

    found: int
    counts: dict  # {breakdown key: {value: count}}

    def order(self, key, leading=LEADING):
        counts = self.counts.get(key, {})
        return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:leading]


def figures_of(report):
    """A report page's figures, as a highlight is checked against them."""
    found = report.total - (report.coverages.region_wide if report.place else 0)
    return AreaFigures(
        found,
        {b.key: {r.value: r.count for r in b.rows} for b in report.activity_breakdowns},
    )


def _experience_counts(places):
    """{experience slug: {place pk: activities serving it}}, and the region's, in one query."""
    links = Activity.shared_experiences.through.objects.order_by()
    annotations = {"region": Count("*")}
    for place in places:
        annotations[f"p{place.pk}"] = Count(
            "pk", filter=serving_condition([place.pk], "activity__")
        )
    grouped = links.values("sharedexperience__slug").annotate(**annotations)
    return {g.pop("sharedexperience__slug"): g for g in grouped}


def live_figures():
    """{place slug, or "" for the region: AreaFigures} of every activity, as the pages count them.

    From the report pages' own (cached) activity counts and one grouped query
    for the shared experiences: a few queries whatever the number of places or
    highlights. A test holds it equal to ``figures_of`` each page.
    """
    places = list(Place.objects.order_by("name"))
    counts = report_counts(ReportOptions(), places).counts
    region = places_with_counts(places, counts)
    experiences = _experience_counts(places)
    slugs = SharedExperience.objects.values_list("slug", flat=True)
    areas = {"": (region, "region")} | {p.slug: (p.counts, f"p{p.pk}") for p in places}
    figures = {}
    for slug, (area_counts, column) in areas.items():
        breakdowns = {
            e.key: {v: area_counts.get(count_alias(e.key, v), 0) for v in e.choices.values}
            for e in VOCABULARY_BREAKDOWNS
        }
        breakdowns[SHARED_EXPERIENCE] = {s: experiences.get(s, {}).get(column, 0) for s in slugs}
        place = next((p for p in places if p.slug == slug), None)
        found = region.get("activity_count", 0)
        if place is not None:
            found = place.own_count + place.shared_count
        figures[slug] = AreaFigures(found, breakdowns)
    return figures


def reasons_to_check(highlight, live):
    """Why ``highlight`` no longer matches ``live`` figures (``live_figures()``): [] if it does."""
    area = live.get(highlight.place.slug if highlight.place_id else "")
    if area is None:
        return []
    reasons = []
    then = highlight.written_total
    if then is not None and abs(area.found - then) > max(1, then * MATERIAL_SHARE):
        reasons.append(f"activities were {then:,} when written, now {area.found:,}")
    order = [v for v in highlight.written_order or [] if isinstance(v, str)]
    if highlight.about and order:
        counts = area.counts.get(highlight.about, {})
        named = [counts.get(v, 0) for v in order]
        others = [n for v, n in counts.items() if v not in order]
        in_order = all(a >= b for a, b in itertools.pairwise(named))
        ahead = not others or named[-1] >= max(others)
        if not (in_order and ahead):
            now = ", ".join(area.order(highlight.about, max(len(order), 1)))
            reasons.append(f"the order was {', '.join(order)}; now {now}")
    return reasons


def record_written_figures(highlight, live):
    """Set what a highlight is written against from ``live`` figures (on saving it)."""
    area = live.get(highlight.place.slug if highlight.place_id else "")
    if area is None:
        return
    highlight.written_total = area.found
    highlight.written_order = area.order(highlight.about) if highlight.about else []
