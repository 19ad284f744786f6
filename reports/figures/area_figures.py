"""Every area's figures in brief, live: for the region and each place, its activities and
its report page's breakdown counts, read in a few queries whatever the number of places.

What a highlight is written against and compared with (``reports.study.highlight_holds``).
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from activities.models import Activity, Place, SharedExperience
from activities.reference.coverage import Coverage
from reports.figures.summaries import (
    SHARED_EXPERIENCE,
    VOCABULARY_BREAKDOWNS,
    ReportOptions,
    places_with_counts,
    report_counts,
)
from reports.figures.tables import count_alias


@dataclass
class AreaFigures:
    """An area's figures in brief: how many activities it has, and its page's breakdowns.

    ``found`` is an area's activities as the study's pages counted them: for a
    place, those serving it alone (its page's headline), not those it shares with
    other places or the region-wide ones; for the region, every activity.
    ``counts`` are the page's own breakdowns with the default options.
    """

    found: int
    counts: dict  # {breakdown key: {value: count}}

    def order(self, key, leading):
        """The ``leading`` most common values of breakdown ``key``, most first (ties by value)."""
        counts = self.counts.get(key, {})
        return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:leading]


def figures_of(report):
    """A report page's figures as ``AreaFigures`` (its default options')."""
    found = report.own_total
    return AreaFigures(
        found,
        {b.key: {r.value: r.count for r in b.rows} for b in report.activity_breakdowns},
    )


def _experience_counts(places):
    """{experience slug: {place pk: activities serving it alone}}, and the region's, in one
    query."""
    links = Activity.shared_experiences.through.objects.order_by()
    annotations = {"region": Count("*")}
    for place in places:
        annotations[f"p{place.pk}"] = Count(
            "pk", filter=Q(activity__place_id=place.pk, activity__coverage=Coverage.PLACE)
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
            found = place.own_count
        figures[slug] = AreaFigures(found, breakdowns)
    return figures
