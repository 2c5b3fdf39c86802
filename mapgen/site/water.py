"""Lakes and rivers around the story, from the package's Natural Earth shapes (shapes.py).

The band follows the story's scale: 1:10m for a local story, 1:50m for a
regional one, 1:110m for a world one; only the lakes and rivers whose box meets
the story's area, widened by its own size on each side, reach the page.

Each band's shapes are kept in the cache as an SQLite table with their boxes,
so that a build reads only those it draws: reading the 1:10m band whole and
measuring its 10,000 rings took a tenth of a local story's warm build.
"""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

from . import shapes

WIDEN = 1.0  # the story's area widened by this share of its size on each side
MIN_WIDEN_DEG = 1.0


def water_near(bounds: list[list[float]], local: bool) -> dict:
    """{"lakes": [polygon, ...], "rivers": [line, ...]} as encoded rings, for the story's area."""
    (south, west), (north, east) = bounds
    span = max(north - south, east - west)
    band = "10m" if local else "50m" if span < 25 else "110m"
    pad = max(MIN_WIDEN_DEG, span * WIDEN)
    with closing(_kept_band(band)) as db:
        found = db.execute(
            "SELECT kind, shape FROM water WHERE south <= ? AND north >= ? AND west <= ? AND east >= ? ORDER BY k",
            (north + pad, south - pad, east + pad, west - pad),
        ).fetchall()
    lakes = [json.loads(shape) for kind, shape in found if kind == "lake"]
    rivers = [json.loads(shape) for kind, shape in found if kind == "river"]
    return {"lakes": lakes, "rivers": rivers} if lakes or rivers else {}


def _kept_band(band: str):
    """The band's lake polygons and river lines with the box of each (a lake's by its outline), in the
    package's order, lakes first; kept by the package's file and this module's code."""

    def rows():
        found = shapes.water(band)
        drawn: list[tuple[str, tuple, tuple[int, ...]]]
        drawn = [("lake", polygon, polygon[0]) for lake in found.lakes for polygon in lake.polygons]
        drawn += [("river", line, line) for river in found.rivers for line in river.lines]
        for k, (kind, shape, outline) in enumerate(drawn):
            yield (k, kind, *shapes.box_of(outline), json.dumps(shape, separators=(",", ":")))

    columns = "k, kind, south, west, north, east, shape"
    return shapes.kept_rows(f"water-{band}", "water", columns, Path(__file__), rows)
