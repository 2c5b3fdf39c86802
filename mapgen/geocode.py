"""The offline gazetteer behind geopy's Geocoder interface.

The resolver asks a geopy geocoder for every place a name may stand for, so
that an online service from geopy can stand in for the gazetteer later.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from . import gazetteer as _gazetteer
from .model import Candidate


class OfflineGazetteer(Geocoder):
    """A geopy geocoder that answers from the local GeoNames index, never the network."""

    def __init__(self, path: Path | None = None, progress: _gazetteer.Progress | None = None):
        super().__init__()
        self.gazetteer = _gazetteer.load(path, progress)

    def geocode(self, query: str, *, exactly_one: bool = True, loose: bool = False, timeout=None):
        """Places named so, most populous first.

        With loose=True, the places whose name has the same skeleton instead
        (names.skeleton): the spellings no gazetteer lists.
        """
        lookup = self.gazetteer.loose_candidates if loose else self.gazetteer.candidates
        locations = [location_of(c) for c in lookup(query)]
        if exactly_one:
            return locations[0] if locations else None
        return locations

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        """The place with this GeoNames id, or None if the index has none."""
        return self.gazetteer.by_geonameid(geonameid)

    def demonym_country(self, word: str) -> str | None:
        """The country a demonym points to ('Syrian' → SY); online geocoders have no such thing."""
        return self.gazetteer.demonym_country(word)


def location_of(candidate: Candidate) -> Location:
    """A candidate as geopy's Location, the candidate itself in its raw member."""
    address = ", ".join(part for part in (candidate.name, candidate.country) if part)
    return Location(address, (candidate.lat, candidate.lon), asdict(candidate))


def candidate_of(location: Location) -> Candidate:
    """The Candidate a Location from OfflineGazetteer stands for."""
    return Candidate(**location.raw)


def candidates(geocoder: Geocoder, name: str, *, loose: bool = False, online: bool = False) -> list[Candidate]:
    """Every candidate place for a name, through the geopy interface; `online`
    lets a geocoder with an online fallback (mapgen.online) ask it."""
    kwargs = {"loose": True} if loose else {"online": True} if online and asks_online(geocoder) else {}
    return [candidate_of(loc) for loc in geocoder.geocode(name, exactly_one=False, **kwargs) or []]


def asks_online(geocoder: Geocoder) -> bool:
    return getattr(geocoder, "asks_online", False)


def by_geonameid(geocoder: Geocoder, geonameid: int) -> Candidate | None:
    """The offline index's place with this GeoNames id, behind an online fallback if there is one."""
    return getattr(geocoder, "offline", geocoder).by_geonameid(geonameid)
