"""The region's map: the six places' outlines (``static/map/places.json``, built by
``map_outlines``), each shaded by its own activities per 100,000 people (the rates the
page shows, ``PlaceFigures.per_100k``) and linking to its page.

Drawn inline (``_place_map.html``), so nothing is fetched; the same figures are in the
table beside it, for anyone who cannot see the shading.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.urls import reverse

from reports.figures.map_outlines import OUTPUT

SHADES = 4  # how many steps of shading the legend has


@functools.cache
def outlines(path=OUTPUT):
    return json.loads(Path(path).read_text(encoding="utf-8"))


@dataclass
class MapPlace:
    slug: str
    name: str
    url: str
    path: str
    label_x: int
    label_y: int
    rate: object  # Decimal per 100,000, or None when the population is not known
    own: int
    shade: int  # 0 for no rate, else 1 (lowest) to SHADES
    note: str = ""

    @property
    def description(self):
        """The place's figure in words: its link's name and its line of the text alternative."""
        if self.rate is None:
            return f"{self.name}: {self.own:,} activities; population not known"
        return f"{self.name}: {self.rate} activities per 100,000 people ({self.own:,} activities)"


@dataclass
class Shade:
    level: int
    low: int
    high: int


def step_for(top):
    """The width of each shade: the highest rate shared into ``SHADES`` steps, rounded up
    to a whole 5 (or 1 for small rates) so the legend reads in round numbers."""
    raw = float(top) / SHADES if top else 1
    unit = 5 if raw > 5 else 1
    return max(unit, math.ceil(raw / unit) * unit)


def place_map(report, query=""):
    """What ``_place_map.html`` draws for ``report``'s six places, or None without outlines
    for them."""
    data = outlines()
    rates = [f.per_100k for f in report.places if f.per_100k is not None]
    step = step_for(max(rates, default=0))
    suffix = f"?{query}" if query else ""
    places = []
    for figures in report.places:
        place = figures.place
        if place.slug not in data["places"]:
            return None
        rate = figures.per_100k
        shade = 0 if rate is None else min(SHADES, int(float(rate) // step) + 1)
        label_x, label_y = data["labels"][place.slug]
        places.append(
            MapPlace(
                place.slug,
                place.name,
                reverse("reports:place", args=[place.slug]) + suffix,
                data["places"][place.slug],
                label_x,
                label_y,
                rate,
                figures.own,
                shade,
                getattr(place, "population_note", ""),
            )
        )
    return {
        "view_box": data["view_box"],
        "borders": data["borders"],
        "places": places,
        "shades": [Shade(n, (n - 1) * step, n * step) for n in range(1, SHADES + 1)],
        "unknown": any(p.shade == 0 for p in places),
    }
