"""Whether a highlight still holds: the figures it was written against, beside today's.

A highlight records its area's activities (a place's own and shared ones, as
the study's place pages counted them, or the region's all) and, when it is
about a breakdown, its page's leading categories in order
(``Highlight.written_total`` and ``written_order``). It may no longer hold when
the total has moved by more than ``MATERIAL_SHARE`` of what it was, or the
categories it names are no longer in that order ahead of the rest (a tie still
holds).
"""

import itertools
from decimal import Decimal

from reports.study.highlight_models import INTERVIEW_SUBJECTS

MATERIAL_SHARE = Decimal("0.10")
LEADING = 3  # how many leading categories a new highlight records
INTERVIEW_KEYS = {key for key, _ in INTERVIEW_SUBJECTS}


def reasons_it_may_not_hold(highlight, live):
    """Why ``highlight`` may no longer hold against ``live`` figures: [] if it still holds.

    ``live`` is ``reports.figures.area_figures.live_figures()``.
    """
    area = live.get(highlight.place.slug if highlight.place_id else "")
    if area is None:
        return []
    return reasons_against(highlight, area)


def reasons_against(highlight, area, labels=None):
    """Why ``highlight`` may no longer hold against its page's ``AreaFigures``: [] if it holds.

    Only what the activities say is checked: a highlight about who was interviewed is
    not (the interview figures are the team's releases, shown beside it, not live).
    ``labels`` ({value: label}) name the categories; their values by default.
    """
    if highlight.about in INTERVIEW_KEYS:
        return []
    name = (labels or {}).get
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
            now = area.order(highlight.about, max(len(order), 1))
            reasons.append(
                f"the order was {', '.join(name(v, v) for v in order)}; "
                f"now {', '.join(name(v, v) for v in now)}"
            )
    return reasons


def record_written_figures(highlight, live):
    """Set what a highlight is written against from ``live`` figures (on saving it)."""
    area = live.get(highlight.place.slug if highlight.place_id else "")
    if area is None:
        return
    highlight.written_total = area.found
    highlight.written_order = (
        area.order(highlight.about, LEADING) if highlight.about in area.counts else []
    )
