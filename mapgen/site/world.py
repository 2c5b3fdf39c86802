"""The countries of the world, for the vector basemap and for the areas an article names.

The shapes are Natural Earth's 1:110m countries as countryinfo ships them
(its per-country files carry them as GeoJSON, from the world.geo.json
extract). countryinfo is already a dependency, so the basemap costs no new
package, and at this scale the whole world is about 30 KB gzipped: one file,
the same for every article in a language. Its names are CLDR's, through Babel,
in the article's language.

Each ring is sent as integers, hundredths of a degree (about a kilometre, finer
than the 1:110m lines), each point as the step from the one before: longitude
first, as in GeoJSON. mapgen.js adds the steps back up.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

from ..geo import ring_area_and_centroid
from ..packages import package_dir

SCALE = 100  # points are sent in hundredths of a degree


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166 alpha-2
    polygons: list  # GeoJSON MultiPolygon coordinates: polygons of rings of [lon, lat]


def countries() -> list[Country]:
    """Every country countryinfo has a shape for, in code order."""
    found = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        record = json.loads(path.read_text("utf-8"))
        code = (record.get("ISO") or {}).get("alpha2")
        for feature in (record.get("geoJSON") or {}).get("features", []):
            geometry = feature["geometry"]
            polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
            if code:
                found[code] = Country(code, polygons)
    return [found[code] for code in sorted(found)]


def world_data(names: dict[str, str]) -> list[dict]:
    """The countries as mapgen.js draws them: code, name, label point and encoded rings."""
    return [
        {
            "code": c.code,
            "name": names.get(c.code, c.code),
            "at": label_point(c.polygons),
            "rings": [[encode(ring) for ring in polygon] for polygon in c.polygons],
        }
        for c in countries()
    ]


def encode(ring: list[list[float]]) -> list[int]:
    """A ring as steps between points, in hundredths of a degree, repeated points dropped."""
    steps: list[int] = []
    x0 = y0 = 0
    for lon, lat in ring:
        x, y = round(lon * SCALE), round(lat * SCALE)
        if steps and (x, y) == (x0, y0):
            continue
        steps += [x - x0, y - y0]
        x0, y0 = x, y
    return steps


def decode(steps: list[int]) -> list[list[float]]:
    """A ring as encode wrote it, back to [lon, lat] points."""
    xs = itertools.accumulate(steps[0::2])
    ys = itertools.accumulate(steps[1::2])
    return [[x / SCALE, y / SCALE] for x, y in zip(xs, ys, strict=True)]


def label_point(polygons: list) -> list[float]:
    """Where the country's name goes, [lat, lon]: the centroid of its largest polygon's outline."""
    best, best_area = [0.0, 0.0], 0.0
    for polygon in polygons:
        area, (lat, lon) = ring_area_and_centroid(polygon[0])
        if area > best_area:
            best_area, best = area, [round(lat, 2), round(lon, 2)]
    return best
