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

from .summaries import ReportOptions, report_build

MATERIAL_SHARE = Decimal("0.10")
LEADING = 3  # how many leading categories a new highlight records


@dataclass
class AreaFigures:
    total: int
    counts: dict  # {breakdown key: {value: count}}

    def order(self, key, leading=LEADING):
        counts = self.counts.get(key, {})
        return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:leading]


def _figures(report):
    return AreaFigures(
        report.total,
        {b.key: {r.value: r.count for r in b.rows} for b in report.activity_breakdowns},
    )


def live_figures():
    """{place slug, or "" for the region: AreaFigures} of every activity, as the pages count them."""
    region = report_build(options=ReportOptions())
    figures = {"": _figures(region)}
    for place in region.places:
        report = report_build(options=ReportOptions(), place_slug=place.place.slug)
        figures[place.place.slug] = _figures(report)
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
