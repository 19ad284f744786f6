"""Whether a highlight still holds: the figures it was written against, beside today's.

A highlight records its page's activity total and, when it is about a
breakdown, the leading categories in order (``Highlight.written_total`` and
``written_order``). It needs checking when the total has moved by more than
``MATERIAL_SHARE`` of what it was, or the categories it names are no longer in
that order ahead of the rest (a tie still holds).
"""

import itertools
from dataclasses import dataclass
from decimal import Decimal

from activities.models import SharedExperience

from .summaries import (
    SHARED_EXPERIENCE,
    VOCABULARY_BREAKDOWNS,
    ReportOptions,
    places_with_counts,
    report_counts,
)
from .tables import count_alias

MATERIAL_SHARE = Decimal("0.10")
LEADING = 3  # how many leading categories a new highlight records


@dataclass
class AreaFigures:
    total: int
    counts: dict  # {breakdown key: {value: count}}

    def order(self, key, leading=LEADING):
        counts = self.counts.get(key, {})
        return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:leading]


def figures_of(report):
    """A report page's figures, as a highlight is checked against them."""
    return AreaFigures(
        report.total,
        {b.key: {r.value: r.count for r in b.rows} for b in report.activity_breakdowns},
    )


def live_figures():
    """{place slug, or "" for the region: AreaFigures} of every activity, as the pages count them.

    From the report pages' own (cached) counts, without building each page: a
    few queries whatever the number of places or highlights. A test holds it
    equal to ``figures_of`` each page.
    """
    _at, counts, experience_counts = report_counts(ReportOptions(), by_place=True)
    places = places_with_counts(counts)
    experiences = dict(SharedExperience.objects.values_list("pk", "slug"))
    areas = {"": None, **{p.slug: p for p in places}}
    figures = {}
    for slug, place in areas.items():
        members = [place] if place else places
        breakdowns = {
            e.key: {
                value: sum(p.counts.get(count_alias(e.key, value), 0) for p in members)
                for value in e.choices.values
            }
            for e in VOCABULARY_BREAKDOWNS
        }
        breakdowns[SHARED_EXPERIENCE] = {
            experiences[pk]: sum(by_place.get(p.pk, 0) for p in members)
            for pk, by_place in experience_counts.items()
            if pk in experiences
        }
        total = sum(p.activity_count for p in members)
        figures[slug] = AreaFigures(total, breakdowns)
    return figures


def reasons_to_check(highlight, live):
    """Why ``highlight`` no longer matches ``live`` figures (``live_figures()``): [] if it does."""
    area = live.get(highlight.place.slug if highlight.place_id else "")
    if area is None:
        return []
    reasons = []
    then = highlight.written_total
    if then is not None and abs(area.total - then) > max(1, then * MATERIAL_SHARE):
        reasons.append(f"activities were {then:,} when written, now {area.total:,}")
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
    highlight.written_total = area.total
    highlight.written_order = area.order(highlight.about) if highlight.about else []
