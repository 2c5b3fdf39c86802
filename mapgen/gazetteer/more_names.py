"""Names that the packages' data lack for places they carry (data/more-names.json):
"Britain" for the United Kingdom, "Angleterre" for England."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class MoreNames:
    countries: dict[str, frozenset[str]]  # by ISO 3166 code
    areas: dict[tuple[str, str], frozenset[str]]  # by (ISO 3166 code, the first-level area's name in GeoNames)


def more_names() -> MoreNames:
    table = json.loads(resources.files("mapgen").joinpath("data", "more-names.json").read_text("utf-8"))
    return MoreNames(
        {code: frozenset(names) for code, names in table["countries"].items()},
        {(code, area): frozenset(names) for code, areas in table["areas"].items() for area, names in areas.items()},
    )
