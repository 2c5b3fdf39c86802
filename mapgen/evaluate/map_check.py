"""Whether an article's map gives the answer its gold file describes.

A gold file of a whole article (the seed's `seed.gold.json`, our own
`examples/*.gold.json`) lists the point markers it must show, the countries and
regions it must recognise as such, and the traps (newspapers, soldiers, people)
that must never become places. The tests and `benchmarks/accuracy.py` judge a
map with this one function.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..geo import SAME_PLACE_KM, distance_km
from ..model import Place
from ..names import name_key


@dataclass(frozen=True)
class MapCheck:
    """What is wrong with a map, by the gold's mentions; all empty when it is right."""

    markers: int  # gold markers in all
    misplaced: tuple[str, ...]  # gold markers with no single point marker at the gold's place
    extra: tuple[str, ...]  # point markers the gold does not list
    traps: tuple[str, ...]  # trap words that became places
    countries_missed: tuple[str, ...]  # not recognised as their country
    regions_missed: tuple[str, ...]  # not recognised as their region

    @property
    def right_markers(self) -> int:
        return self.markers - len(self.misplaced)

    @property
    def ok(self) -> bool:
        return not (self.misplaced or self.extra or self.traps or self.countries_missed or self.regions_missed)


def check_map(gold: dict[str, Any], places: list[Place]) -> MapCheck:
    markers = [p for p in places if p.kind == "place"]
    misplaced = []
    for expected in gold["markers"]:
        named = [p for p in markers if any(m.text == expected["mention"] for m in p.mentions)]
        if len(named) != 1 or not _same_place(named[0], expected):
            misplaced.append(expected["mention"])
    listed = {g["mention"] for g in gold["markers"]}
    extra = [p.name for p in markers if not listed & {m.text for m in p.mentions}]
    trap_keys = {name_key(t) for t in gold["traps"]}
    traps = [m.text for p in places for m in p.mentions if name_key(m.text) in trap_keys]
    countries_missed = []
    for expected in gold["countries"]:
        spellings = {name_key(s) for s in [expected["mention"], *expected.get("also", [])]}
        named = [p for p in places if spellings & {name_key(m.text) for m in p.mentions}]
        if not named or not all(p.kind == "country" and p.chosen.country == expected["country"] for p in named):
            countries_missed.append(expected["mention"])
    regions_missed = []
    for expected in gold.get("regions", []):
        named = [p for p in places if any(m.text == expected["mention"] for m in p.mentions)]
        if [p.kind for p in named] != ["region"] or named[0].chosen.name != expected["name"]:
            regions_missed.append(expected["mention"])
    return MapCheck(
        len(gold["markers"]),
        tuple(misplaced),
        tuple(extra),
        tuple(traps),
        tuple(countries_missed),
        tuple(regions_missed),
    )


def _same_place(place: Place, expected: dict[str, Any]) -> bool:
    chosen = place.chosen
    return chosen.geonameid == expected.get("geonameid") or (
        distance_km(chosen.lat, chosen.lon, expected["lat"], expected["lon"]) <= SAME_PLACE_KM
    )
