"""Named natural features (lakes, rivers, seas and bays, islands, ranges, deserts, peaks…) from
Natural Earth, and its towns' names in other languages, as package data.

`data/features.json.gz` and `data/town-names.json.gz` are derived by
scripts/derive_features.py from Natural Earth's 10m layers (public domain);
docs/data.md says how to rebuild them. The features go into the default index (feature_entries)
as sites: "Lake Michigan", "la Méditerranée", "Oahu", "the Euphrates".
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ..model import Candidate
from .entry import Entry

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


SOURCE = "Natural Earth"


def source_of(feature: NaturalFeature) -> str:
    """What a candidate's `source` says of a feature: its id after the data's name, so that
    its box can be found again (evaluate judges a mark of it by the box)."""
    return f"{SOURCE} {feature.id}"


def is_feature(candidate: Candidate) -> bool:
    """Whether a candidate stands for one of the features, as its `source` says: without loading them."""
    return candidate.source.startswith(SOURCE + " ")


def feature_of(candidate: Candidate) -> NaturalFeature | None:
    """The feature a candidate of this source stands for; None for any other candidate."""
    prefix = SOURCE + " "
    return features_by_id().get(candidate.source[len(prefix) :]) if candidate.source.startswith(prefix) else None


def feature_entries() -> Iterator[Entry]:
    """Each feature as a site of the index, under every name it goes by, its names in
    other languages among them (the first of each is what a reader of it sees)."""
    for f in natural_features():
        names = {*f.names, f.name, *(n for _, texts in f.i18n for n in texts)}
        yield Entry(
            Candidate(None, f.name, "site", None, f.lat, f.lon, source=source_of(f)),
            frozenset(names),
            tuple((lang, texts[0]) for lang, texts in f.i18n if texts),
        )
