"""The geoparsers measured: mapgen as `mapgen build` runs it, and the geotext baseline."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import MapgenError, NothingSure
from ..model import Place
from ..packages import missing
from .extents import Extent, extent_of

System = Callable[[str, str], list[Place]]


@dataclass(frozen=True)
class Guess:
    """One predicted span and where the system put it."""

    start: int
    end: int
    name: str
    country: str | None
    feature: str
    lat: float
    lon: float
    geonameid: int | None = None
    confidence: float = 1.0
    flagged: bool = False  # marked for a desk to check
    extent: Extent | None = None  # a feature's, region's, continent's or county's, where known (judges.extent_of)


def guesses(places: list[Place]) -> list[Guess]:
    return sorted(
        (
            Guess(
                m.start,
                m.end,
                p.chosen.name,
                p.chosen.country,
                p.chosen.feature,
                p.chosen.lat,
                p.chosen.lon,
                p.chosen.geonameid,
                p.confidence,
                p.low_confidence,
                extent_of(p.chosen),
            )
            for p in places
            for m in p.mentions
        ),
        key=lambda g: (g.start, g.end),
    )


def mapgen_system(geocoder=None) -> System:
    """mapgen's own extract and resolve, as `mapgen build` runs them."""
    from .. import find_places
    from ..gazetteer import offline_index

    geocoder = geocoder or offline_index()

    def system(text: str, language: str) -> list[Place]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NothingSure)  # empty maps are counted, not told one by one
            return find_places(text, language, geocoder=geocoder)

    return system


def geotext_system(geocoder=None) -> System:
    """The usual baseline: geotext's names, each taken as its most populous namesake."""
    import re

    try:
        from geotext import GeoText
    except ImportError:
        raise MapgenError(missing("geotext", extra="eval")) from None

    from ..gazetteer import offline_index
    from ..lookup import candidates
    from ..model import Mention

    geocoder = geocoder or offline_index()

    def run(text: str, language: str) -> list[Place]:
        found = GeoText(text)
        places = []
        for name in dict.fromkeys([*found.cities, *found.countries]):
            namesakes = candidates(geocoder, name)
            if not namesakes:
                continue
            spans = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
            mentions = tuple(Mention(name, a, b, "", 0, "GEOTEXT") for a, b in spans)
            if mentions:
                places.append(Place(name, max(namesakes, key=lambda c: c.population), 1.0, mentions))
        return places

    return run
