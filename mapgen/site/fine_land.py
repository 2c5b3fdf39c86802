"""Sharp land where a local or regional story happens, from Natural Earth's 1:10m shapes.

The vector basemap's 1:110m countries hold only to zoom 6: a story of towns
30 km apart would open on a crude coast, and a département drawn at 1:10m
would stick out into the 1:110m sea. The admin-1 shapes (admin1.py) together
are the 1:10m land, so for a local story the page gets them, cut to a window
around the story's view: mapgen.js covers the window with sea and draws them
over it, and the first view may come as close as they stay sharp. A regional
story (a province, a Land, a state: a view under REGIONAL_KM) opens past zoom
6 too, where the 1:110m coasts would stray by 5 px and more: it gets the
package's country outlines at the same tolerance (shapes.py), which draw the
same coasts and borders for a fraction of the bytes of every area's own
outline, in a window wide enough to be shown from zoom 6 on. Without the
shapes, or for a story wider than that, the page is as it was.
"""

from __future__ import annotations

import json
import math
from contextlib import closing
from pathlib import Path

from .admin1 import countries, country_table, data_key
from .basemap import FINE_MAX_ZOOM, FINE_SHARP_ZOOM, VECTOR_SHARP_ZOOM
from ..cache import cache_dir, kept_json
from ..geo import distance_km
from . import framing, shapes
from .framing import View
from ..model import Place
from .world import decode, encode

# Below this zoom the fine land is hidden, as its window's edges would show, where the coarse and the fine
# coasts meet: the 1:110m land holds there. At this zoom the window reaches MARGIN_PX past the view.
FINE_FROM_ZOOM = VECTOR_SHARP_ZOOM + 1
MARGIN_PX = 500
# A view whose diagonal is shorter opens at zoom 6 or closer in a desktop frame: a regional story's.
REGIONAL_KM = 1000.0
Box = tuple[float, float, float, float]  # south, west, north, east, in degrees


def with_fine_land(basemap: dict, view: View | None, places: list[Place]) -> dict:
    """The vector basemap with a local or regional story's fine land and the closer zooms it allows;
    any other basemap, or one where the window holds no shape, as it was."""
    if not basemap.get("world") or view is None or not has_towns(view, places):
        return basemap
    if framing.is_local(view.bounds):
        from_zoom, land_in = FINE_FROM_ZOOM, areas_in
    elif is_regional(view.bounds):
        from_zoom, land_in = VECTOR_SHARP_ZOOM, countries_in
    else:
        return basemap
    window = window_around(view.bounds, from_zoom)
    areas = land_in(window)
    if not areas:
        return basemap
    (south, west, north, east) = window
    fine = {"window": [[south, west], [north, east]], "fromZoom": from_zoom, "areas": areas}
    return {**basemap, "sharpZoom": FINE_SHARP_ZOOM, "maxZoom": FINE_MAX_ZOOM, "fine": fine}


def has_towns(view: View, places: list[Place]) -> bool:
    """Whether the first view holds a town: a story of areas alone opens too far out for the coast to matter."""
    return any(p.kind == "place" for k, p in enumerate(places) if k not in view.far)


def is_regional(bounds: list[list[float]]) -> bool:
    (south, west), (north, east) = bounds
    return distance_km(south, west, north, east) < REGIONAL_KM


def window_around(bounds: list[list[float]], zoom: int) -> Box:
    """The view's bounds widened on every side by MARGIN_PX at a zoom, in Web Mercator as the
    map draws it: from that zoom on, within a frame up to twice that wide, the window's edges
    stay off-screen."""
    (south, west), (north, east) = bounds
    per_radian = 256 * 2**zoom / (2 * math.pi)  # pixels per radian of longitude, or of Mercator's y
    pad = MARGIN_PX / per_radian
    return (
        round(max(-85.0, mercator_lat(mercator_y(south) - pad)), 2),
        round(max(-180.0, west - math.degrees(pad)), 2),
        round(min(85.0, mercator_lat(mercator_y(north) + pad)), 2),
        round(min(180.0, east + math.degrees(pad)), 2),
    )


def mercator_y(lat: float) -> float:
    """A latitude as Web Mercator's y, in radians: the map's pixels are even in it, not in degrees."""
    return math.log(math.tan(math.pi / 4 + math.radians(max(-85.0, min(85.0, lat))) / 2))


def mercator_lat(y: float) -> float:
    """Web Mercator's y back to a latitude."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def areas_in(window: Box) -> list[dict]:
    """Every admin-1 area that meets the window, cut to it, as {"code", "rings"}: by country, in the tables' order."""
    found = []
    for country, boxes in sorted(area_bounds().items()):
        if not any(meets(box, window) for box in boxes):
            continue
        for area, box in zip(country_table(country).get("areas", []), boxes, strict=True):
            polygons = [cut(polygon, window) for polygon in area["rings"]] if meets(box, window) else []
            if any(polygons):
                found.append({"code": country, "rings": [polygon for polygon in polygons if polygon]})
    return found


def countries_in(window: Box) -> list[dict]:
    """Every country's outline that meets the window, cut to it, as {"code", "rings"}, in code order."""
    south, west, north, east = window
    with closing(_kept_countries()) as db:
        rows = db.execute(
            "SELECT code, shape FROM countries WHERE south <= ? AND north >= ? AND west <= ? AND east >= ? ORDER BY k",
            (north, south, east, west),
        ).fetchall()
    found: dict[str, list] = {}
    for code, shape in rows:
        polygon = cut(json.loads(shape), window)
        if polygon:
            found.setdefault(code, []).append(polygon)
    return [{"code": code, "rings": polygons} for code, polygons in found.items()]


def _kept_countries():
    """The package's fine country outlines, a polygon a row with its outline's box, in code order."""

    def rows():
        polygons = [(code, p) for code, ps in sorted(shapes.country_shapes("fine").items()) for p in ps]
        for k, (code, polygon) in enumerate(polygons):
            yield (k, code, *shapes.box_of(polygon[0]), json.dumps(polygon, separators=(",", ":")))

    columns = "k, code, south, west, north, east, shape"
    return shapes.kept_rows("countries-fine", "countries", columns, Path(__file__), rows)


def area_bounds() -> dict[str, list[Box]]:
    """Each country's admin-1 areas' bounding boxes, in its table's order, kept in the cache:
    finding the countries a window meets would otherwise read all 240 tables."""
    codes = countries()
    if not codes:
        return {}

    def measure() -> dict[str, list[Box]]:
        return {code: [bounding_box(area["rings"]) for area in country_table(code).get("areas", [])] for code in codes}

    key = data_key()
    older = "admin1-bounds-admin1-pkg-*.json" if key.startswith("admin1-pkg-") else None  # the package's earlier data
    return kept_json(cache_dir() / f"admin1-bounds-{key}.json", measure, older=older)


def bounding_box(polygons: list[list[list[int]]]) -> Box:
    """South, west, north, east of an area's encoded outer rings."""
    points = [point for polygon in polygons for point in decode(polygon[0])] if polygons else [[0.0, 0.0]]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lats), min(lons), max(lats), max(lons)


def meets(box: Box, window: Box) -> bool:
    """Whether two boxes overlap."""
    return box[0] <= window[2] and window[0] <= box[2] and box[1] <= window[3] and window[1] <= box[3]


def cut(polygon: list[list[int]], window: Box) -> list[list[int]]:
    """An encoded polygon cut to the window, its rings encoded again; [] where nothing of it is inside."""
    rings = [clip(decode(ring), window) for ring in polygon]
    if len(rings[0]) < 3:
        return []
    return [encode(ring) for ring in rings if len(ring) >= 3]


def clip(ring: list[list[float]], window: Box) -> list[list[float]]:
    """Sutherland–Hodgman: the part of a ring inside the window (a ring wholly inside comes back as it was).

    The ring is cut by the window's four sides in turn; where land crosses a
    side, the ring runs along it.
    """
    south, west, north, east = window
    for axis, limit, keep_above in ((0, west, True), (0, east, False), (1, south, True), (1, north, False)):
        kept: list[list[float]] = []
        for a, b in zip(ring[-1:] + ring[:-1], ring, strict=True):
            a_in, b_in = (a[axis] >= limit) == keep_above, (b[axis] >= limit) == keep_above
            if a_in != b_in:
                kept.append(crossing(a, b, axis, limit))
            if b_in:
                kept.append(b)
        ring = kept
    return ring


def crossing(a: list[float], b: list[float], axis: int, limit: float) -> list[float]:
    """Where the segment from a to b crosses the line where coordinate `axis` equals `limit`."""
    t = (limit - a[axis]) / (b[axis] - a[axis])
    point = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
    point[axis] = limit
    return point
