"""The report pages' figures.

The activity counts (every vocabulary category by place and coverage, the
several-place activities by the places they serve, the shared experiences by
place) are counted from the data version's facet index (``reports.figures.index_counts``)
and cached under the data version (``activities.records.data_version``): until the
activities change, a page reads them from the cache. The rest stays live: the
places, the experiences' names, the page's highlights, and the two interview
queries of ``interview_panels`` (participants, then coded themes, each grouped by
place).

Coverage (``activities.reference.coverage``): the region's figures count every activity
once, whether it serves one place, several or the whole region. A place's figures
count, by default, the activities serving that place alone: the study's measure
(Leeds 55, Bradford & Craven 234, ... adding up to 491 of the region's 602), and the
page says beside it how many more it shares with other places and how many
region-wide ones are open to its people (``PlaceFigures``). With the option
``include_shared`` its figures count every activity serving it (its own, shared and
region-wide), so the places' counts add up to more than the region's. Rates per
100,000 and shares of the region always count a place's own activities: the region's
rate counts all of them, once.

The interview panels are ``Breakdown``s too (``section = INTERVIEWS``), appended
in ``report_build``; the page and the exports render every ``Breakdown`` alike
(the table types live in ``reports.figures.tables``, which both modules build on).
A count the interview panels hide is ``None`` (see ``interviews.disclosure.control``).
"""

import datetime
import secrets
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone

from activities.currency.measure import VERIFIED_RECENTLY, verified_since
from activities.directory.facet_index import index_of
from activities.models import Place, SharedExperience
from activities.records.data_version import cached, current_token
from activities.reference.coverage import Coverage
from activities.vocabulary.terms import Status
from reports.figures.gaps import gap_grids
from reports.figures.index_counts import (
    SHARED_BY_PLACE,
    VOCABULARY_BREAKDOWNS,
    activity_counts,
    experience_counts_by_place,
)
from reports.figures.populations import population_note
from reports.figures.tables import (
    ACTIVITIES,
    INTERVIEWS,
    REGION,
    Breakdown,
    Row,
    count_alias,
    per_100k,
    percent,
)
from reports.interview_figures.panels import (
    interview_panels,
    round_comparison,
    rounds_with_figures,
)
from reports.models import Highlight

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
    # A place's figures count its shared and region-wide activities too, not only its own.
    include_shared: bool = False
    # The research round whose interview figures are shown (its slug; "" for the latest with
    # released figures), and another shown beside it ("" for none).
    interview_round: str = ""
    compare_round: str = ""

    def counting(self):
        """The options the activity counts depend on: how a place's are added up and which
        interview rounds are shown are not among them, so all share one (prepared)
        computation."""
        return replace(self, include_shared=False, interview_round="", compare_round="")

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
            when = f"{which} scoped from {start} to {end}"
        elif start:
            when = f"{which} scoped on or after {start}"
        elif end:
            when = f"{which} scoped on or before {end}"
        else:
            when = f"{which}, whenever scoped"
        return f"{when}; {self.describe_places()}"

    def describe_places(self):
        """What a place's figures count, in words."""
        if self.include_shared:
            return (
                "a place's figures include the activities it shares with other places "
                "and the region-wide ones"
            )
        return "a place's figures count the activities serving it alone, as the study did"


def _long_date(date):
    return f"{date.day} {date:%B %Y}" if date else ""


@dataclass
class PlaceFigures:
    """A place's activities: ``own`` serve it alone, ``shared`` serve it and other
    places, ``region_wide`` the whole region; ``serving`` is all three. ``count`` is
    what its figures count (``own``, or ``serving`` with ``include_shared``); the rate
    and the share of the region count its ``own``."""

    place: Place
    count: int
    per_100k: Decimal | None
    share: Decimal
    own: int = 0
    shared: int = 0
    region_wide: int = 0
    verified: int = 0  # of ``count``, checked in the last 12 months (activities.currency.measure)
    serving: int = 0


@dataclass(frozen=True)
class Coverages:
    """How many of a page's activities serve one place, several places or the whole region."""

    one_place: int = 0
    several_places: int = 0
    region_wide: int = 0


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
    coverages: Coverages = field(default_factory=Coverages)
    population_places: list = field(default_factory=list)  # every place, for its source and date
    interviewed: int | None = None  # participants interviewed here; None when not shown
    region_interviewed: int | None = None
    interview_release: object = None  # interview_panels.InterviewPanels: when, or why not
    interview_rounds: list = field(default_factory=list)  # the rounds with released figures
    interview_comparison: list = field(default_factory=list)  # ``round_comparison``, or []
    compared_release: object = None  # the compared round's InterviewPanels, or None
    computed_at: datetime.datetime | None = None  # when the activity figures were counted
    figures_version: str = ""  # ``ReportCounts.version``: what is rendered from them is cached
    verified: int = 0  # of ``total``, checked in the last 12 months
    region_verified: int = 0
    gaps: list = field(default_factory=list)  # reports.figures.gaps.GapGrid, on the region's page
    own_total: int = 0  # a place's activities serving it alone (the study's measure); the region's

    @property
    def include_shared(self):
        return self.place is not None and self.options.include_shared

    @property
    def title(self):
        return self.place.name if self.place else "West Yorkshire & Harrogate"

    @property
    def share_of_region(self):
        """A place's own activities as a percentage of the region's (each counted once)."""
        return percent(self.own_total, self.region_total)

    @property
    def serving_total(self):
        """Every activity serving a place: its own, shared and region-wide."""
        return self.own_total + self.also_serving

    @property
    def also_serving(self):
        """The activities serving a place beyond its own: shared and region-wide."""
        return self.coverages.several_places + self.coverages.region_wide

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


class ReportCounts(NamedTuple):
    """The passes over the activities that the report pages and exports need."""

    computed_at: datetime.datetime  # when they were counted
    counts: dict  # ``activity_counts``
    experience_counts: dict  # ``experience_counts_by_place``: {experience: {REGION/place: n}}
    version: str  # new with each computation: names what was rendered from these counts
    alone_experience_counts: dict = {}  # the same, a place's activities serving it alone

    def experiences_by_place(self, include_shared=False):
        """{experience: {REGION/place: n}}, a place's n as ``include_shared`` counts it."""
        return self.experience_counts if include_shared else self.alone_experience_counts

    def experiences_for(self, place_id, include_shared=False):
        """{experience pk: {REGION: count}}, and the place's count when ``place_id``."""
        keep = {REGION} if place_id is None else {REGION, place_id}
        return {
            pk: {key: n for key, n in by.items() if key in keep}
            for pk, by in self.experiences_by_place(include_shared).items()
        }


def report_counts(options, places=(), *, token=None):
    """``ReportCounts``: the activities counted, for every place at once.

    Counted from the data version's ``FacetIndex`` (``reports.figures.index_counts``), which
    the directory builds after every change too. Cached until the data change
    (``activities.records.data_version``), so the region's page, every place's page and their
    exports with the same options share one computation; the token costs one query
    (none when given: ``reports.figures.prepared`` counts under a token not yet published).
    The day from which a check counts as recent is part of the key, so they renew daily.
    """
    since = verified_since()
    token = current_token() if token is None else token
    options = options.counting()

    def count():
        index = index_of(token)
        return ReportCounts(
            timezone.now(),
            activity_counts(index, options, since),
            experience_counts_by_place(index, options, places),
            secrets.token_hex(8),
            experience_counts_by_place(index, options, places, alone=True),
        )

    # :5 since they count each place's activities serving it alone too
    key = (options, since, tuple(p.pk for p in places))
    return cached("report-counts:5", key, count, token=token)


def _added(*counts):
    total = {}
    for one in counts:
        for alias, n in one.items():
            total[alias] = total.get(alias, 0) + n
    return total


def places_with_counts(places, counts, include_shared=False):
    """Give every place the counts its figures count; return the region's counts.

    A place's ``counts`` are of its own activities (serving it alone), or with
    ``include_shared`` they add the several-place ones serving it and every
    region-wide one; ``own_count``, ``shared_count``, ``region_wide_count`` and
    ``serving_count`` (all three) are set either way. The region's count each
    activity once.
    """
    region_wide = counts.get(Coverage.REGION, {})
    shared_by_place = counts.get(SHARED_BY_PLACE, {})
    for place in places:
        own, shared = counts.get(place.pk, {}), shared_by_place.get(place.pk, {})
        serving = _added(own, shared, region_wide)
        place.counts = serving if include_shared else _added(own)
        place.activity_count = place.counts.get("activity_count", 0)
        place.own_count = own.get("activity_count", 0)
        place.shared_count = shared.get("activity_count", 0)
        place.region_wide_count = region_wide.get("activity_count", 0)
        place.serving_count = serving.get("activity_count", 0)
        place.verified_count = place.counts.get(VERIFIED_RECENTLY, 0)
    return _added(*(c for key, c in counts.items() if key != SHARED_BY_PLACE))


def _sorted(rows):
    return sorted(rows, key=lambda r: (-r.count, -(r.region_count or 0), r.label))


def _rows(categories, place, places, total, region_total):
    """Rows from (value, label, {place pk: count, REGION: count}) categories.

    For one place or the region; the region's count is each activity once, so
    it is given, never the places' counts added up.
    """
    rows = []
    for value, label, counts in categories:
        region_count = counts.get(REGION, 0)
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


def vocabulary_breakdowns(places, region, place, total, region_total):
    breakdowns = []
    for enumeration in VOCABULARY_BREAKDOWNS:
        key, title = enumeration.key, enumeration.title
        categories = [
            (
                value,
                label,
                {
                    **{p.pk: p.counts.get(count_alias(key, value), 0) for p in places},
                    REGION: region.get(count_alias(key, value), 0),
                },
            )
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


def interview_rounds_shown(places, place, options):
    """(the chosen round's InterviewPanels, the compared round's or None, the rounds with
    released figures): the latest such round unless the options name one (three queries,
    five when comparing)."""
    rounds = rounds_with_figures()
    by_slug = {r.slug: r for r in rounds}
    shown = by_slug.get(options.interview_round) or (rounds[0] if rounds else None)
    compared = by_slug.get(options.compare_round)
    panels = interview_panels(places, place, shown)
    if compared is None or compared == shown:
        return panels, None, rounds
    return panels, interview_panels(places, place, compared), rounds


def report_build(*, options, place_slug=None, token=None):
    """The figures of the region's page, or of one place's; None for an unknown place.

    ``token``: count at that data version, not the current one (a new version's pages are
    prepared before it is published: ``reports.figures.prepared``)."""
    places = list(Place.objects.order_by("name"))
    place = None
    if place_slug is not None:
        place = next((p for p in places if p.slug == place_slug), None)
        if place is None:
            return None
    for p in places:
        p.population_note = population_note(p)
    counted = report_counts(options, places, token=token)
    counts = counted.counts
    include = options.include_shared
    experience_counts = counted.experiences_for(place.pk if place else None, include)
    region = places_with_counts(places, counts, include)
    region_total = region.get("activity_count", 0)
    region_population = sum(p.population for p in places)
    figures = [
        PlaceFigures(
            p,
            p.activity_count,
            per_100k(p.own_count, p.population),
            percent(p.own_count, region_total),
            own=p.own_count,
            shared=p.shared_count,
            region_wide=p.region_wide_count,
            verified=p.verified_count,
            serving=p.serving_count,
        )
        for p in places
    ]
    total = place.activity_count if place else region_total
    own_total = place.own_count if place else region_total
    population = place.population if place else region_population
    if place:
        coverages = Coverages(place.own_count, place.shared_count, place.region_wide_count)
    else:
        coverages = Coverages(
            sum(p.own_count for p in places),
            counts.get(Coverage.PLACES, {}).get("activity_count", 0),
            counts.get(Coverage.REGION, {}).get("activity_count", 0),
        )
    breakdowns = vocabulary_breakdowns(places, region, place, total, region_total)
    experiences = list(SharedExperience.objects.values_list("pk", "slug", "name"))  # query 4
    breakdowns.append(
        shared_experience_breakdown(
            experience_counts, places, place, total, region_total, experiences
        )
    )
    interviews, compared, rounds = interview_rounds_shown(places, place, options)
    breakdowns += interviews.breakdowns
    return Report(
        options=options,
        places=figures,
        total=total,
        population=population,
        per_100k=per_100k(own_total, population),
        region_total=region_total,
        region_population=region_population,
        breakdowns=breakdowns,
        highlights=list(Highlight.objects.for_report(place).order_by("order", "pk")),
        place=place,
        coverages=coverages,
        population_places=places,
        interviewed=interviews.interviewed,
        region_interviewed=interviews.region_interviewed,
        interview_release=interviews,
        interview_rounds=rounds,
        interview_comparison=round_comparison(interviews, compared) if compared else [],
        compared_release=compared,
        computed_at=counted.computed_at,
        figures_version=counted.version,
        verified=place.verified_count if place else region.get(VERIFIED_RECENTLY, 0),
        region_verified=region.get(VERIFIED_RECENTLY, 0),
        gaps=[]
        if place
        else gap_grids(
            places,
            region,
            experience_counts,
            counted.experiences_by_place(include),
            experiences,
        ),
        own_total=own_total,
    )
