"""The gap finder and the six places compared: what a commissioner reads for where
nothing was found, built from the figures a report page has already counted.

A grid has a row per category (shared experience, delivery model) and a column per
place, then the region: each cell holds the activities found and their share of
that place's activities, so a place's share can be read against the region's in
the last column. A cell with none found is marked as a gap. No query of its own.
"""

from dataclasses import dataclass

from activities.vocabulary import ENUMERATION

from .tables import count_alias, percent

RATE_CAVEAT = (
    "Rates compare what the champions found, not what exists: the scoping was not "
    "exhaustive, and each place's population is an ONS estimate of a different year "
    "(see the Places table)."
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


def gap_grid(key, title, places, categories):
    """A grid from (value, label, {place pk: count}) categories; places carry activity_count."""
    region_total = sum(place.activity_count for place in places)
    rows = []
    for value, label, counts in categories:
        cells = [
            GapCell(counts.get(p.pk, 0), percent(counts.get(p.pk, 0), p.activity_count))
            for p in places
        ]
        region_count = sum(cell.count for cell in cells)
        rows.append(
            GapRow(value, label, cells, GapCell(region_count, percent(region_count, region_total)))
        )
    rows.sort(key=lambda row: (-row.region.count, row.label))
    return GapGrid(key, title, places, rows)


def gap_grids(places, experience_counts, experiences):
    """The place × shared experience and place × delivery model grids.

    ``places`` as ``summaries.places_with_counts`` gives them; ``experience_counts``
    {experience pk: {place pk: count}}; ``experiences`` [(pk, slug, name)].
    """
    delivery = ENUMERATION["delivery_model"]
    return [
        gap_grid(
            "gaps-shared-experience",
            "Shared experience by place",
            places,
            [(slug, name, experience_counts.get(pk, {})) for pk, slug, name in experiences],
        ),
        gap_grid(
            "gaps-delivery-model",
            "Delivery model by place",
            places,
            [
                (
                    value,
                    label,
                    {p.pk: p.counts.get(count_alias(delivery.key, value), 0) for p in places},
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


def place_rates(report):
    """The six places' activities per 100,000 people, as bars scaled to the highest."""
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
