"""Lakes and rivers around the story, from the package's Natural Earth shapes (shapes.py).

The band follows the story's scale: 1:10m for a local story, 1:50m for a
regional one, 1:110m for a world one; only the lakes and rivers whose box meets
the story's area, widened by its own size on each side, reach the page.
"""

from __future__ import annotations

from . import shapes

WIDEN = 1.0  # the story's area widened by this share of its size on each side
MIN_WIDEN_DEG = 1.0


def _box(ring) -> tuple[float, float, float, float]:
    x = y = 0
    xs, ys = [], []
    for k in range(0, len(ring), 2):
        x += ring[k]
        y += ring[k + 1]
        xs.append(x)
        ys.append(y)
    return min(ys) / 100, min(xs) / 100, max(ys) / 100, max(xs) / 100


def water_near(bounds: list[list[float]], local: bool) -> dict:
    """{"lakes": [polygon, ...], "rivers": [line, ...]} as encoded rings, for the story's area."""
    (south, west), (north, east) = bounds
    span = max(north - south, east - west)
    band = "10m" if local else "50m" if span < 25 else "110m"
    pad = max(MIN_WIDEN_DEG, span * WIDEN)
    area = (south - pad, west - pad, north + pad, east + pad)

    def meets(ring) -> bool:
        s, w, n, e = _box(ring)
        return s <= area[2] and n >= area[0] and w <= area[3] and e >= area[1]

    found = shapes.water(band)
    lakes = [[list(r) for r in polygon] for lake in found.lakes for polygon in lake.polygons if meets(polygon[0])]
    rivers = [list(line) for river in found.rivers for line in river.lines if meets(line)]
    return {"lakes": lakes, "rivers": rivers} if lakes or rivers else {}
