"""The six places' outlines for the region's map, built once, offline, from a public
boundary file, and read by ``place_map`` when a page draws the map.

Source: the English local authority districts (2013 codes, generalised and clipped) as
TopoJSON, ``json/administrative/eng/topo_lad.json`` of github.com/martinjc/UK-GeoJSON,
converted from the ONS and Ordnance Survey boundaries; Open Government Licence v3
(``static/map/LICENCE.md``). Bradford & Craven is the Bradford and Craven districts
together; Harrogate & Rural District is the Harrogate district (its pre-2023 boundary).

Built with::

    .venv/bin/python -m reports.figures.map_outlines path/to/topo_lad.json

which writes ``static/map/places.json``: the SVG view box, each place's outline as SVG
path data (projected, simplified, rounded to whole units) and the borders to stroke,
without the line between Bradford and Craven. A few KB, committed; nothing is fetched
while the app runs.
"""

import json
import math
import sys
from pathlib import Path

# {place slug: the districts (LAD13CD) it is made of}
PLACE_DISTRICTS = {
    "bradford-craven": ("E08000032", "E07000163"),
    "calderdale": ("E08000033",),
    "harrogate-rural-district": ("E07000165",),
    "kirklees": ("E08000034",),
    "leeds": ("E08000035",),
    "wakefield": ("E08000036",),
}
OUTPUT = Path(__file__).resolve().parents[2] / "static" / "map" / "places.json"
WIDTH = 400  # the SVG's width in its own units; the height follows the shapes
TOLERANCE = 1.6  # Douglas-Peucker tolerance, in SVG units


def decoded_arcs(topology):
    """Every arc of ``topology`` as a list of (longitude, latitude), undoing the
    quantisation and delta encoding of TopoJSON."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_arc_indexes(geometry):
    """The rings of a Polygon or MultiPolygon geometry, each a list of arc indexes."""
    if geometry["type"] == "Polygon":
        return list(geometry["arcs"])
    return [ring for polygon in geometry["arcs"] for ring in polygon]


def arc_points(arcs, index):
    """An arc's points, reversed for a negative (one's complement) index."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def simplified(points, tolerance):
    """Douglas-Peucker: ``points`` with those nearer than ``tolerance`` to the line dropped."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        furthest, distance = None, tolerance
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            else:
                d = math.hypot(x - x1, y - y1)
            if d > distance:
                furthest, distance = i, d
        if furthest is not None:
            keep[furthest] = True
            stack += [(first, furthest), (furthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def path_data(lines, closed):
    """SVG path data for lines of whole-unit points."""
    parts = []
    for line in lines:
        unique = [p for i, p in enumerate(line) if i == 0 or p != line[i - 1]]
        if len(unique) < 2:
            continue
        start, *rest = unique
        parts.append(f"M{start[0]} {start[1]}" + "".join(f"L{x} {y}" for x, y in rest))
        if closed:
            parts[-1] += "Z"
    return "".join(parts)


def label_point(points):
    """Where to write a place's name: the middle of its outline's points, as whole units."""
    return [round(sum(p[i] for p in points) / len(points)) for i in (0, 1)]


def outlines(topology):
    """{"view_box", "places": {slug: path data}, "labels": {slug: [x, y]}, "borders": path
    data} for the six places."""
    geometries = {
        g["properties"]["LAD13CD"]: g
        for g in next(iter(topology["objects"].values()))["geometries"]
    }
    district_place = {code: slug for slug, codes in PLACE_DISTRICTS.items() for code in codes}
    rings = {slug: [] for slug in PLACE_DISTRICTS}
    arc_places = {}  # arc index: the places whose outline uses it
    for code, slug in district_place.items():
        for ring in ring_arc_indexes(geometries[code]):
            rings[slug].append(ring)
            for index in ring:
                arc_places.setdefault(index if index >= 0 else ~index, []).append(slug)

    arcs = decoded_arcs(topology)
    used = [arcs[i] for i in arc_places]
    lats = [lat for arc in used for _, lat in arc]
    lons = [lon for arc in used for lon, _ in arc]
    # Equirectangular, squeezed by the cosine of the middle latitude: true enough for 80 km.
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    scale = WIDTH / ((max(lons) - min(lons)) * squeeze)
    height = math.ceil((max(lats) - min(lats)) * scale)

    def project(point):
        lon, lat = point
        return ((lon - min(lons)) * squeeze * scale, (max(lats) - lat) * scale)

    # Each arc simplified once, so neighbouring places keep the same border.
    projected = {
        i: [(round(x), round(y)) for x, y in simplified([project(p) for p in arcs[i]], TOLERANCE)]
        for i in arc_places
    }

    def ring_points(ring):
        points = []
        for index in ring:
            line = projected[index] if index >= 0 else projected[~index][::-1]
            points.extend(line if not points else line[1:])
        return points

    places = {slug: path_data([ring_points(r) for r in rs], True) for slug, rs in rings.items()}
    labels = {
        slug: label_point(max((ring_points(r) for r in rs), key=len)) for slug, rs in rings.items()
    }
    # The borders between places and round the region, not the one inside Bradford & Craven.
    borders = path_data(
        [projected[i] for i, slugs in arc_places.items() if len(slugs) == 1 or len(set(slugs)) > 1],
        False,
    )
    return {
        "view_box": f"0 0 {WIDTH} {height}",
        "places": places,
        "labels": labels,
        "borders": borders,
    }


def main(source):
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(outlines(topology), indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(f"{OUTPUT}: {OUTPUT.stat().st_size} bytes\n")


if __name__ == "__main__":
    main(sys.argv[1])
