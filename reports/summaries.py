"""The report pages' figures, aggregated in SQL.

A page costs the same eight queries whatever the number of activities or
interviews: the data version, the places, the activities counted per place with every vocabulary
category (one conditional aggregate per category, one pass), the
shared-experience links counted per experience (and per place when the page
needs it), the experiences' names, the page's highlights, and the two
interview queries of ``interview_panels`` (participants, then coded themes,
each grouped by place). The two activity counts are cached under the data
version (``activities.data_version``), so until the activities change a page
costs six: they take a pass over every activity; the interview queries stay live.
The region's figures are the sums of the six places' rows, so a place page
gets its regional comparison without more queries.

The interview panels are ``Breakdown``s too (``section = INTERVIEWS``), appended
in ``report_build``; the page and the exports render every ``Breakdown`` alike
(the table types live in ``reports.tables``, which both modules build on).
A count the interview panels hide is ``None`` (see ``reports.disclosure``).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from activities.data_version import cached
from activities.models import Activity, Place, SharedExperience
from activities.vocabulary import ENUMERATION, Status

from .gaps import gap_grids
from .interview_panels import interview_panels
from .models import Highlight
from .tables import ACTIVITIES, INTERVIEWS, REGION, Breakdown, Row, count_alias, per_100k, percent

# The activity fields broken down on every page, in page order.
VOCABULARY_BREAKDOWNS = [
    ENUMERATION[key] for key in ("delivery_model", "sector", "main_focus", "funding_type", "status")
]
SHARED_EXPERIENCE = "shared_experience"
SHARED_EXPERIENCE_NOTE = (
    "An activity may bring together people with more than one shared experience, "
    "so these percentages add up to more than 100."
)


@dataclass(frozen=True)
class ReportOptions:
    """Which activities a page counts: all or active only, and a date-scoped range."""

    active_only: bool = False
    scoped_from: datetime.date | None = None
    scoped_to: datetime.date | None = None

    def activity_filter(self, prefix=""):
        """The options as a Q over activities (reached through ``prefix``), or None."""
        conditions = {}
        if self.active_only:
            conditions[f"{prefix}status"] = Status.ACTIVE
        if self.scoped_from:
            conditions[f"{prefix}date_scoped__gte"] = self.scoped_from
        if self.scoped_to:
            conditions[f"{prefix}date_scoped__lte"] = self.scoped_to
        return Q(**conditions) if conditions else None

    def describe(self):
        """The options in words, for the page and the exports."""
        which = "Active activities" if self.active_only else "All activities"
        start, end = _long_date(self.scoped_from), _long_date(self.scoped_to)
        if start and end:
            return f"{which} scoped from {start} to {end}"
        if start:
            return f"{which} scoped on or after {start}"
        if end:
            return f"{which} scoped on or before {end}"
        return f"{which}, whenever scoped"


def _long_date(date):
    return f"{date.day} {date:%B %Y}" if date else ""


@dataclass
class PlaceFigures:
    place: Place
    count: int
    per_100k: Decimal | None
    share: Decimal


@dataclass
class Report:
    options: ReportOptions
    places: list[PlaceFigures]
    total: int
    population: int
    per_100k: Decimal | None
    region_total: int
    region_population: int
    breakdowns: list[Breakdown]
    highlights: list = field(default_factory=list)
    place: Place | None = None
    interviewed: int | None = None  # participants interviewed here; None when not shown
    region_interviewed: int | None = None
    gaps: list = field(default_factory=list)  # reports.gaps.GapGrid: place × category

    @property
    def title(self):
        return self.place.name if self.place else "West Yorkshire & Harrogate"

    @property
    def share_of_region(self):
        return percent(self.total, self.region_total)

    @property
    def region_per_100k(self):
        return per_100k(self.region_total, self.region_population)

    def breakdown(self, key):
        return next(b for b in self.breakdowns if b.key == key)

    @property
    def activity_breakdowns(self):
        return [b for b in self.breakdowns if b.section == ACTIVITIES]

    @property
    def interview_breakdowns(self):
        return [b for b in self.breakdowns if b.section == INTERVIEWS]


def activity_counts(options):
    """{place pk: {alias: count}}: every vocabulary count, in one pass over the activities.

    Grouped on the activity table itself: joining the places in would cost a
    second pass at 100,000 activities; places with no activities are simply absent.
    """
    annotations = {"activity_count": Count("pk")}
    for enumeration in VOCABULARY_BREAKDOWNS:
        key = enumeration.key
        for value in enumeration.choices.values:
            annotations[count_alias(key, value)] = Count("pk", filter=Q(**{key: value}))
    activities = Activity.objects.order_by()
    condition = options.activity_filter()
    if condition is not None:
        activities = activities.filter(condition)
    grouped = activities.values("place_id").annotate(**annotations)
    return {g.pop("place_id"): g for g in grouped}


def report_counts(options, *, by_place):
    """(``activity_counts``, ``shared_experience_counts``): the two passes over the activities.

    Cached until the data change (``activities.data_version``), so every page and
    export with the same options shares them; the token costs one query.
    """
    return cached(
        "report-counts",
        (options, by_place),
        lambda: (activity_counts(options), shared_experience_counts(options, by_place=by_place)),
    )


def places_with_counts(counts):
    """Every place with ``counts``, its activity and vocabulary counts."""
    places = list(Place.objects.order_by("name"))
    for place in places:
        place.counts = counts.get(place.pk, {})
        place.activity_count = place.counts.get("activity_count", 0)
    return places


def shared_experience_counts(options, *, by_place):
    """{experience pk: {place pk: count}}, grouped in SQL.

    The region's page with no options counts the link table alone; a place's
    page, or any option, joins the activities to read their place, status and date.
    """
    links = Activity.shared_experiences.through.objects.order_by()
    condition = options.activity_filter("activity__")
    if not by_place and condition is None:
        grouped = links.values("sharedexperience_id").annotate(n=Count("*"))
        return {g["sharedexperience_id"]: {REGION: g["n"]} for g in grouped}
    if condition is not None:
        links = links.filter(condition)
    counts = {}
    grouped = links.values("sharedexperience_id", "activity__place_id").annotate(n=Count("*"))
    for g in grouped:
        counts.setdefault(g["sharedexperience_id"], {})[g["activity__place_id"]] = g["n"]
    return counts


def _sorted(rows):
    return sorted(rows, key=lambda r: (-r.count, -(r.region_count or 0), r.label))


def _rows(categories, place, places, total, region_total):
    """Rows from (value, label, {place pk: count}) categories, for one place or the region.

    A category's counts may be given for the whole region at once, under ``REGION``.
    """
    rows = []
    for value, label, counts in categories:
        if REGION in counts:
            region_count = counts[REGION]
        else:
            region_count = sum(counts.get(p.pk, 0) for p in places)
        if place is None:
            rows.append(Row(value, label, region_count, percent(region_count, region_total)))
        else:
            count = counts.get(place.pk, 0)
            rows.append(
                Row(
                    value,
                    label,
                    count,
                    percent(count, total),
                    region_count,
                    percent(region_count, region_total),
                )
            )
    return _sorted(rows)


def vocabulary_breakdowns(places, place, total, region_total):
    breakdowns = []
    for enumeration in VOCABULARY_BREAKDOWNS:
        key, title = enumeration.key, enumeration.title
        categories = [
            (value, label, {p.pk: p.counts.get(count_alias(key, value), 0) for p in places})
            for value, label in enumeration.choices.choices
        ]
        rows = _rows(categories, place, places, total, region_total)
        breakdowns.append(
            Breakdown(
                key, title, total, rows, compared=place is not None, region_total=region_total
            )
        )
    return breakdowns


def shared_experience_breakdown(counts, places, place, total, region_total, experiences):
    categories = [(slug, name, counts.get(pk, {})) for pk, slug, name in experiences]
    rows = _rows(categories, place, places, total, region_total)
    return Breakdown(
        SHARED_EXPERIENCE,
        "Shared experience",
        total,
        rows,
        compared=place is not None,
        note=SHARED_EXPERIENCE_NOTE,
        region_total=region_total,
    )


def report_build(*, options, place_slug=None):
    """The figures of the region's page, or of one place's; None for an unknown place."""
    # By place on the region's page too: the gap finder sets each place beside the others.
    counts, experience_counts = report_counts(options, by_place=True)
    places = places_with_counts(counts)
    place = None
    if place_slug is not None:
        place = next((p for p in places if p.slug == place_slug), None)
        if place is None:
            return None
    region_total = sum(p.activity_count for p in places)
    region_population = sum(p.population for p in places)
    figures = [
        PlaceFigures(
            p,
            p.activity_count,
            per_100k(p.activity_count, p.population),
            percent(p.activity_count, region_total),
        )
        for p in places
    ]
    total = place.activity_count if place else region_total
    population = place.population if place else region_population
    breakdowns = vocabulary_breakdowns(places, place, total, region_total)
    experiences = list(SharedExperience.objects.values_list("pk", "slug", "name"))  # query 4
    breakdowns.append(
        shared_experience_breakdown(
            experience_counts, places, place, total, region_total, experiences
        )
    )
    interviews = interview_panels(places, place)
    breakdowns += interviews.breakdowns
    return Report(
        options=options,
        places=figures,
        total=total,
        population=population,
        per_100k=per_100k(total, population),
        region_total=region_total,
        region_population=region_population,
        breakdowns=breakdowns,
        highlights=list(Highlight.objects.for_report(place).order_by("order", "pk")),
        place=place,
        interviewed=interviews.interviewed,
        region_interviewed=interviews.region_interviewed,
        gaps=gap_grids(places, experience_counts, experiences),
    )
