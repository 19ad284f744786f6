"""The report pages' tables: a ``Breakdown`` of ``Row``s, and how their figures are rounded.

Shared by the activity figures (``summaries``) and the interview panels
(``interview_panels``), so neither imports the other for them; the page, the
charts and the exports read nothing else.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")
REGION = "region"  # the key of a count for the whole region rather than one place
ACTIVITIES, INTERVIEWS = "activities", "interviews"  # the page's two sections of breakdowns


def percent(part, whole):
    """``part`` as a percentage of ``whole`` to one decimal place (halves round up); 0 of 0 is 0."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def per_100k(count, population):
    """Activities per 100,000 people to one decimal place; None when the population is unknown."""
    if not population:
        return None
    return (Decimal(count) * 100_000 / Decimal(population)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def count_alias(key, value):
    """The name a conditional count of ``key`` = ``value`` goes by in a grouped query."""
    return f"n_{key}_{value}"


@dataclass
class Row:
    """One category of a breakdown; the region's figures too on a place page.

    In the interview panels a count (and its percentage) too small to show is None.
    ``extras`` are the values of the breakdown's ``extra_headers`` columns.
    """

    value: str
    label: str
    count: int | None
    percent: Decimal | None
    region_count: int | None = None
    region_percent: Decimal | None = None
    extras: tuple = ()


@dataclass
class Breakdown:
    """One table and chart: what is counted (activities or participants), by category."""

    key: str
    title: str
    total: int | None
    rows: list[Row]
    compared: bool = False
    note: str = ""
    region_total: int | None = None
    singular: str = "activity"
    plural: str = "activities"
    section: str = ACTIVITIES
    extra_headers: tuple = ()
    empty: str = ""  # said instead of an empty table

    def noun(self, count):
        return self.singular if count == 1 else self.plural
