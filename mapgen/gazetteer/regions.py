"""Well-known regions that no GeoNames data on PyPI carries (the Sahel, the Balkans):
a small table of our own, data/regions.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources

from ..model import Candidate
from .entry import Entry

SOURCE = "mapgen regions"


def regions() -> Iterator[Entry]:
    table = json.loads(resources.files("mapgen").joinpath("data", "regions.json").read_text("utf-8"))
    for region in table["regions"]:
        yield Entry(
            Candidate(
                None, region["name"], "region", region.get("country"), region["lat"], region["lon"], source=SOURCE
            ),
            frozenset(region["names"]),
        )
