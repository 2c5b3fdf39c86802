"""Named natural features (lakes, rivers, seas and bays, islands, ranges, deserts, peaks…) from
Natural Earth, and its towns' names in other languages, as package data.

`data/features.json.gz` and `data/town-names.json.gz` are derived by
scripts/derive_features.py from Natural Earth's 10m layers (public domain);
docs/data.md says how to rebuild them. Nothing here is wired into the index yet.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from importlib import resources

FEATURES_FILE = "features.json.gz"
TOWN_NAMES_FILE = "town-names.json.gz"


@dataclass(frozen=True)
class NaturalFeature:
    """One named feature: `names` are its other names as articles write them (the kind word
    added: 'Lake Egridir', 'Euphrates River'), `i18n` its names by language ('fr' → 'mer Noire')."""

    id: str  # stable: 'class/slug', with the label point after it where two share one
    kind: str  # lake, reservoir, river, ocean, sea, gulf, bay, strait, island, archipelago, range, desert, peak…
    name: str
    names: tuple[str, ...]
    i18n: tuple[tuple[str, tuple[str, ...]], ...]  # (language, names), by language
    lat: float
    lon: float
    bbox: tuple[float, float, float, float]  # south, west, north, east
    scalerank: int  # Natural Earth's: 0 the most prominent
    region: str | None = None
    elevation: int | None = None

    def all_names(self, language: str | None = None) -> tuple[str, ...]:
        """Its name and other names, and with `language` that language's names too."""
        extra = dict(self.i18n).get(language, ()) if language else ()
        return tuple(dict.fromkeys((self.name, *self.names, *extra)))


def _read(name: str) -> dict:
    raw = resources.files("mapgen").joinpath("data", name).read_bytes()
    return json.loads(gzip.decompress(raw))


@functools.cache
def natural_features() -> tuple[NaturalFeature, ...]:
    """Every feature, in id order."""
    return tuple(
        NaturalFeature(
            id=row["id"],
            kind=row["class"],
            name=row["name"],
            names=tuple(row["names"]),
            i18n=tuple((lang, tuple(texts)) for lang, texts in sorted(row.get("i18n", {}).items())),
            lat=row["at"][0],
            lon=row["at"][1],
            bbox=(row["bbox"][0], row["bbox"][1], row["bbox"][2], row["bbox"][3]),
            scalerank=row["scalerank"],
            region=row.get("region"),
            elevation=row.get("elevation"),
        )
        for row in _read(FEATURES_FILE)["features"]
    )


@functools.cache
def features_by_id() -> dict[str, NaturalFeature]:
    return {f.id: f for f in natural_features()}


@functools.cache
def town_names() -> dict[int, tuple[tuple[str, str], ...]]:
    """Natural Earth's towns' names by language ('de', 'en', 'es', 'fr', 'pt', 'ru', 'zh'), by
    GeoNames id: only the names that differ from the town's own."""
    return {int(gid): tuple(sorted(names.items())) for gid, names in _read(TOWN_NAMES_FILE)["towns"].items()}
