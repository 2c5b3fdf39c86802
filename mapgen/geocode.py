"""What the pipeline asks of a place index, whatever answers it.

extract and resolve ask a PlaceIndex for the places a name may stand for and
the country a demonym points to. The offline gazetteer (mapgen.gazetteer: the
default index and the countries added from GeoNames' dumps) is one; the online
fallback (mapgen.online, Nominatim through geopy) is another, wrapped around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from .model import Candidate


class PlaceIndex(Protocol):
    def candidates(self, name: str, *, loose: bool = False, online: bool = False) -> list[Candidate]:
        """Places named so, most populous first. `loose`: whose name has the same
        skeleton instead (names.skeleton), for spellings no gazetteer lists;
        `online`: an index with an online fallback may ask it for a name it lacks."""
        ...

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        """The place with this GeoNames id, or None if the index has none."""
        ...

    def local_name(self, geonameid: int, language: str) -> str | None:
        """The place's name in this language (ISO 639-1) as a reader of it would write it
        ('Londres' in French), where the index knows one; None elsewhere."""
        ...

    def area_name(self, country: str, admin1: str, admin2: str | None = None) -> str | None:
        """The name of the first-level area (state, region, province) of this code, for a
        person to read; with the second level's before it where the index knows it
        ('Ille-et-Vilaine, Bretagne')."""
        ...

    def demonym_country(self, word: str) -> str | None:
        """The country whose people are called so ('Syrian' → SY); None for an index that has no such thing."""
        ...

    def offline_version(self) -> str | None:
        """What the offline answers depend on (the index files as they are now), so that a
        result worked out from them can be kept and reused; None for an index that cannot tell."""
        ...


def candidates(index: PlaceIndex, name: str, *, loose: bool = False, online: bool = False) -> list[Candidate]:
    """Every candidate place for a name (the stages' one way of asking). A county
    written with its kind before it, as Irish and British news write it ("County
    Clare", "Co. Cavan"), is that county where the index holds the name without it."""
    found = index.candidates(name, loose=loose, online=online)
    if found or (county := county_less_its_kind(name)) is None:
        return found
    return [c for c in index.candidates(county, loose=loose, online=online) if c.feature == "admin"]


def county_less_its_kind(name: str) -> str | None:
    """The county's name in "County Clare" or "Co. Cavan"; None for a name not so written."""
    county = _COUNTY_BEFORE.match(name)
    return county.group(1) if county else None


_COUNTY_BEFORE = re.compile(r"(?:County|Co\.?)\s+([A-Z].*)")


def offline_index(
    progress: Callable[[int, int, str], None] | None = None, waiting: Callable[[], None] | None = None
) -> PlaceIndex:
    """The offline gazetteer of this machine's cache, its default index built first if there is none."""
    from .gazetteer import load

    return load(progress=progress, waiting=waiting)


def area_of(index: PlaceIndex, candidate: Candidate) -> str | None:
    """The name of the area a place lies in ('Leinster', not its code 'L'), for a person to
    read; None for an admin area itself, or a place without codes."""
    c = candidate
    if not (c.country and c.admin1) or c.feature == "admin":
        return None
    return index.area_name(c.country, c.admin1, c.admin2)


def by_geonameid(index: PlaceIndex, geonameid: int) -> Candidate | None:
    """The place with this GeoNames id, for a corrections file that pins a name to it."""
    return index.by_geonameid(geonameid)
