"""Horizontal bar charts as inline SVG: the tag works out the geometry, the template draws it."""

from dataclasses import dataclass

from django import template

from interviews.disclosure.control import SUPPRESSED

register = template.Library()

WIDTH = 640
BAR_SPACE = 520  # the longest bar; the rest of the width holds its value
ROW = 44
COMPARED_ROW = 56
LEGEND = 28


@dataclass
class Bar:
    label: str
    y: float
    label_y: float
    width: float
    value_x: float
    value_y: float
    text: str
    region_y: float = 0
    region_width: float = 0
    region_value_x: float = 0
    region_value_y: float = 0
    region_text: str = ""


def _length(value, largest):
    """A bar's length; no bar for a hidden (None) percentage."""
    return round(float(value) / largest * BAR_SPACE, 1) if largest and value is not None else 0.0


def _percent(value):
    return SUPPRESSED if value is None else f"{value}%"


def describe(breakdown, where):
    """The chart's content in words, for screen readers: the same figures as the table."""
    parts = []
    for row in breakdown.rows:
        if row.count is None:
            text = f"{row.label}: {SUPPRESSED}"
        else:
            text = (
                f"{row.label}: {row.count:,} {breakdown.noun(row.count)}, {_percent(row.percent)}"
            )
        if breakdown.compared:
            text += f" (region: {_percent(row.region_percent)})"
        parts.append(text)
    return f"{breakdown.title}, {where}. " + "; ".join(parts) + "."


def _bar_text(row):
    if row.count is None:
        return SUPPRESSED
    return f"{_percent(row.percent)} ({row.count:,})"


@register.inclusion_tag("reports/figures/_bar_chart.html")
def bar_chart(report, breakdown):
    compared = breakdown.compared
    values = [row.percent for row in breakdown.rows]
    if compared:
        values += [row.region_percent for row in breakdown.rows]
    largest = float(max((v for v in values if v is not None), default=0))
    top = LEGEND if compared else 0
    step = COMPARED_ROW if compared else ROW
    bars = []
    for i, row in enumerate(breakdown.rows):
        y = top + i * step
        bar = Bar(
            label=row.label,
            label_y=y + 14,
            y=y + 20,
            width=_length(row.percent, largest),
            value_x=_length(row.percent, largest) + 6,
            value_y=y + 32,
            text=_bar_text(row),
        )
        if compared:
            bar.region_y = y + 37
            bar.region_width = _length(row.region_percent, largest)
            bar.region_value_x = bar.region_width + 6
            bar.region_value_y = y + 46
            bar.region_text = _percent(row.region_percent)
        bars.append(bar)
    where = report.place.name if report.place else "all six places"
    return {
        "id": f"chart-{breakdown.key}",
        "title": f"Bar chart: {breakdown.title}, percentage of {breakdown.plural}",
        "desc": describe(breakdown, where),
        "bars": bars,
        "compared": compared,
        "place_name": report.place.name if report.place else "",
        "width": WIDTH,
        "height": top + len(bars) * step + 4,
    }
