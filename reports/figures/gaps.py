"""The gap finder and the six places compared: what a commissioner reads for where
nothing was found, built from the figures a report page has already counted.

A grid has a row per category (shared experience, delivery model) and a column per
place, then the region: each cell holds the activities found and their share of
that place's activities, so a place's share can be read against the region's in
the last column. A cell with none found is marked as a gap. One query of its own
(shared experiences by place served), cached with the page's other counts.
"""

from dataclasses import dataclass

from activities.vocabulary.terms import ENUMERATION
from reports.figures.tables import REGION, count_alias, percent

RATE_CAVEAT = (
    "Rates compare what the champions found, not what exists: the scoping was not "
    "exhaustive, and each place's population is an ONS estimate of a different year "
    "(see the Places table). A place's rate counts its own activities (serving it alone, "
    "as the study counted them); the region's counts every activity once, the region-wide "
    "ones included."
)


@dataclass
class GapCell:
    count: int
    share: object  # Decimal percentage of the column's activities

    @property
    def is_gap(self):
        return self.count == 0


@dataclass
class GapRow:
    value: str
    label: str
    cells: list  # one GapCell a place, in the columns' order
    region: GapCell


@dataclass
class GapGrid:
    key: str
    title: str
    places: list  # Place objects, the columns
    rows: list

    @property
    def gap_count(self):
        return sum(cell.is_gap for row in self.rows for cell in row.cells)


def gap_grid(key, title, places, region_total, categories):
    """A grid from (value, label, {place pk: count, REGION: count}) categories.

    A place's count is of the activities its figures count (its own, or with the
    option ``include_shared`` its shared and region-wide ones too:
    ``activities.reference.coverage``), its share of those; the region's counts each
    activity once.
    """
    rows = []
    for value, label, counts in categories:
        cells = [
            GapCell(counts.get(p.pk, 0), percent(counts.get(p.pk, 0), p.activity_count))
            for p in places
        ]
        whole = counts.get(REGION, 0)
        rows.append(GapRow(value, label, cells, GapCell(whole, percent(whole, region_total))))
    rows.sort(key=lambda row: (-row.region.count, row.label))
    return GapGrid(key, title, places, rows)


def gap_grids(places, region, experience_counts, by_place, experiences):
    """The place × shared experience and place × delivery model grids of the region's page.

    ``places`` and ``region`` as ``summaries.places_with_counts`` leaves them;
    ``experience_counts`` {experience pk: {REGION: count}}; ``by_place`` as
    ``index_counts.experience_counts_by_place`` gives it; ``experiences`` [(pk, slug, name)].
    """
    region_total = region.get("activity_count", 0)
    delivery = ENUMERATION["delivery_model"]
    return [
        gap_grid(
            "gaps-shared-experience",
            "Shared experience by place",
            places,
            region_total,
            [
                (slug, name, {**by_place.get(pk, {}), **experience_counts.get(pk, {})})
                for pk, slug, name in experiences
            ],
        ),
        gap_grid(
            "gaps-delivery-model",
            "Delivery model by place",
            places,
            region_total,
            [
                (
                    value,
                    label,
                    {
                        **{p.pk: p.counts.get(count_alias(delivery.key, value), 0) for p in places},
                        REGION: region.get(count_alias(delivery.key, value), 0),
                    },
                )
                for value, label in delivery.choices.choices
            ],
        ),
    ]


@dataclass
class RateBar:
    name: str
    slug: str
    rate: object  # Decimal per 100,000, or None when the population is not known
    width: float  # percentage of the widest bar
    current: bool
    note: str = ""  # what to know about the place's population (``populations``)


def place_rates(report):
    """The six places' own activities per 100,000 people, as bars scaled to the highest."""
    rates = [figures.per_100k for figures in report.places]
    top = max((rate for rate in rates if rate is not None), default=0)
    current = report.place.slug if report.place else None
    return [
        RateBar(
            figures.place.name,
            figures.place.slug,
            figures.per_100k,
            round(float(figures.per_100k) * 100 / float(top), 1) if top and figures.per_100k else 0,
            figures.place.slug == current,
            getattr(figures.place, "population_note", ""),
        )
        for figures in report.places
    ]


# The small charts at the top of a page: (breakdown key, heading, bars shown).
GLANCE_CHARTS = [
    ("sector", "Sector", 0),
    ("delivery_model", "Delivery model", 5),
    ("shared_experience", "Leading shared experiences", 5),
]


def glance_context(report):
    """What the "at a glance" part of a report page needs besides the report."""
    if report is None:
        return {}
    return {
        "rates": place_rates(report),
        "rate_caveat": RATE_CAVEAT,
        "glance_charts": GLANCE_CHARTS,
    }
