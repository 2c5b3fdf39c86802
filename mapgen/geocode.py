"""What the pipeline asks of a place index, whatever answers it.

extract and resolve ask a PlaceIndex for the places a name may stand for and
the country a demonym points to. The offline gazetteer (mapgen.gazetteer: the
default index and the countries added from GeoNames' dumps) is one; the online
fallback (mapgen.online, Nominatim through geopy) is another, wrapped around it.
"""

from __future__ import annotations

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
