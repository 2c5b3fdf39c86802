"""Write the map site: index.html, embed.html, places.geojson and what they load.

The site is built in a scratch folder and moved in only once complete
(publish.py), so a failed build never costs the reader the site they had.
"""

from __future__ import annotations

import html
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FunctionLoader, select_autoescape
from markupsafe import Markup

from .assets import page_assets
from .basemap import offline_basemap, online_basemap
from .corrections import Corrections
from .edit import EDIT_PAGE, edit_page
from .errors import SiteError
from .geojson import dumps, feature_collection
from .model import Article, Place
from .publish import check_target, staged
from .render import build_map, country_name, quotes, resolved_name
from .resources import templates

ASPECT = "4 / 3"  # of the embedded map

WORDS = {
    "en": {
        "places": "places",
        "dated": "Dated",
        "list_heading": "Places named in the article",
        "mention": "mention",
        "mentions": "mentions",
        "low": "low confidence",
        "map_label": "Map of the places named in the article",
        "embed_heading": "Embed this map",
        "embed_help": "Paste this into your page, with src set to where you publish embed.html.",
        "wheel": "Click the map, or hold Ctrl, to zoom with the wheel",
        "untitled": "Places named in {source}",
    },
    "fr": {
        "places": "lieux",
        "dated": "Daté de",
        "list_heading": "Les lieux cités dans l'article",
        "mention": "mention",
        "mentions": "mentions",
        "low": "confiance faible",
        "map_label": "Carte des lieux cités dans l'article",
        "embed_heading": "Intégrer cette carte",
        "embed_help": "Collez ce code dans votre page, avec src pointant vers l'adresse où vous publiez embed.html.",
        "wheel": "Cliquez sur la carte, ou maintenez Ctrl, pour zoomer avec la molette",
        "untitled": "Les lieux cités dans {source}",
    },
    "es": {
        "places": "lugares",
        "dated": "Fechado el",
        "list_heading": "Lugares citados en el artículo",
        "mention": "mención",
        "mentions": "menciones",
        "low": "confianza baja",
        "map_label": "Mapa de los lugares citados en el artículo",
        "embed_heading": "Insertar este mapa",
        "embed_help": "Pegue este código en su página, con src apuntando a donde publique embed.html.",
        "wheel": "Haga clic en el mapa, o mantenga Ctrl, para acercar con la rueda",
        "untitled": "Lugares citados en {source}",
    },
}


@dataclass(frozen=True)
class SiteResult:
    out_dir: Path
    index: Path
    embed: Path
    geojson: Path
    iframe_snippet: str
    png: Path | None = None
    edit: Path | None = None  # the editor's view, when asked for


def write_site(
    article: Article,
    places: list[Place],
    out_dir: str | Path,
    *,
    tiles: str | None = None,
    assets: str = "local",
    single_file: bool = False,
    labels: bool = False,
    png: bool = False,
    base_url: str = "",
    force: bool = False,
    edit: Corrections | None = None,
) -> SiteResult:
    """Write the site for an article's places; its files replace the old ones only when all are written.

    `base_url` is where the site will be published, for the iframe snippet and
    og:image; left empty, both are relative to the site's folder. `force`
    writes into a folder that holds files mapgen did not write (see publish.py).
    `edit`, the corrections the places were found with, asks for edit.html too
    (mapgen.edit).
    """
    out_dir = Path(out_dir)
    online = check_options(out_dir, tiles=tiles, assets=assets, force=force)
    words = WORDS.get(article.language, WORDS["en"])
    snippet = iframe_snippet(f"{base_url}embed.html", _title(article, words))
    with staged(out_dir, force=force) as work:
        basemap = online or _found(offline_basemap, places, work, inline=single_file)
        loaded = _found(page_assets, work, assets, single_file)
        page = _page_context(article, places, basemap, labels, words, snippet, loaded)
        (work / "places.geojson").write_text(dumps(feature_collection(article, places)) + "\n", "utf-8")
        _render(work / "embed.html", "embed.html", page, embed=True)
        picture = None
        if png:
            picture = work / "map.png"
            screenshot(work / "embed.html", picture)
            page["image"] = f"{base_url}map.png"
        _render(work / "index.html", "index.html", page, embed=False)
        if edit is not None:
            _render(work / EDIT_PAGE, EDIT_PAGE, edit_page(article, places, edit, basemap, loaded), embed=False)
    return SiteResult(
        out_dir,
        out_dir / "index.html",
        out_dir / "embed.html",
        out_dir / "places.geojson",
        snippet,
        out_dir / "map.png" if picture else None,
        out_dir / EDIT_PAGE if edit is not None else None,
    )


def _found(step, *args, **kwargs):
    """Run a step that looks something up (a tile layer, a package), as a SiteError if missing."""
    try:
        return step(*args, **kwargs)
    except LookupError as err:
        raise SiteError(str(err)) from None


def iframe_snippet(src: str, title: str) -> str:
    """A responsive iframe: fluid width, fixed aspect ratio, a title for screen readers."""
    return (
        f'<div style="position:relative;width:100%;aspect-ratio:{ASPECT}">'
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" loading="lazy" '
        'style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe></div>'
    )


# --- the target folder --------------------------------------------------------


def check_options(
    out_dir: Path, *, tiles: str | None = None, assets: str = "local", force: bool = False, **_
) -> dict | None:
    """Fail on a bad folder or option before any slow work; returns the online tile layer, if one is asked."""
    if assets not in ("local", "cdn"):
        raise SiteError(f"assets must be 'local' or 'cdn', not '{assets}'")
    online = _found(online_basemap, tiles) if tiles else None
    check_target(Path(out_dir), force=force)
    return online


# --- pages ----------------------------------------------------------------------


def _template_source(name: str):
    path = templates().joinpath(name)
    return path.read_text("utf-8"), None, lambda: True


_ENV = Environment(
    loader=FunctionLoader(_template_source), autoescape=select_autoescape(default=True), keep_trailing_newline=True
)


def _render(path: Path, template: str, page: dict, *, embed: bool) -> None:
    path.write_text(_ENV.get_template(template).render(page, embed=embed), "utf-8")


def _page_context(article, places, basemap, labels, words, snippet, loaded: dict) -> dict:
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
        **loaded,
    }


def _title(article: Article, words: dict) -> str:
    if article.title:
        return article.title
    if article.source == "-":
        return words["list_heading"]
    return words["untitled"].format(source=Path(article.source).name)


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
        runs.append([*parts, (text[at:], False)])
    resolved, country = resolved_name(place, language), country_name(place.chosen.country, language)
    where = [name for name in (resolved, country) if name and name != place.name]
    return {
        "name": place.name,
        "where": ", ".join(dict.fromkeys(where)),
        "mentions": len(place.mentions),
        "low": place.low_confidence,
        "quotes": runs,
    }


# --- the picture ----------------------------------------------------------------------

CHROMIUM = os.environ.get("MAPGEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def screenshot(page: Path, picture: Path, size: tuple[int, int] = (1200, 630)) -> None:
    """A picture of the map for social cards and print, taken with headless Chromium.

    It is taken in a thread of its own: Playwright's sync API refuses to run
    where an event loop already runs, as in a notebook.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SiteError("png needs Playwright: pip install 'mapgen[png]' (and Debian's package chromium)") from None
    if not Path(CHROMIUM).exists():
        raise SiteError(
            f"png needs Chromium at {CHROMIUM}: install Debian's package chromium "
            "(apt install chromium) or set MAPGEN_CHROMIUM"
        )

    def take() -> None:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                tab = browser.new_page(viewport={"width": size[0], "height": size[1]})
                tab.goto(page.resolve().as_uri())
                tab.wait_for_load_state("networkidle")
                tab.screenshot(path=str(picture))
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(take).result()
