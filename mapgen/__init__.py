"""mapgen: turn a news article into a map of the places it names.

    >>> import mapgen
    >>> places = mapgen.find_places("Les combats ont repris à Mossoul (Irak).")
    >>> site = mapgen.build_site("article.txt", "site/")

The stages run in order, each in its own module: ingest (read the article),
extract (find the names of places), resolve (choose the real place each name
stands for, asking a place index: the offline gazetteer by default), and site
(write the map pages with render's folium map).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import corrections as _corrections
from .corrections import StaleCorrection
from .errors import (
    CorrectionsError,
    DamagedIndex,
    DumpNotFound,
    ExtractError,
    GazetteerError,
    GoldDataError,
    IngestError,
    MapgenError,
    NearPlaceError,
    NothingSure,
    OnlineGeocoderError,
    SiteError,
)
from .geocode import PlaceIndex
from .model import Article, Candidate, Mention, Place

if TYPE_CHECKING:
    from .site.pages import SiteResult

try:
    __version__ = version("mapgen")
except PackageNotFoundError:  # a plain checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Article",
    "Candidate",
    "CorrectionsError",
    "DamagedIndex",
    "DumpNotFound",
    "ExtractError",
    "GazetteerError",
    "GoldDataError",
    "IngestError",
    "MapgenError",
    "Mention",
    "NearPlaceError",
    "NothingSure",
    "OnlineGeocoderError",
    "Place",
    "PlaceIndex",
    "SiteError",
    "StaleCorrection",
    "__version__",
    "build_site",
    "find_places",
    "read_article",
]


def read_article(source: str | Path, *, language: str | None = None, max_bytes: int | None = None) -> Article:
    """Read an article from a file (text or HTML, any common encoding), or '-' for stdin;
    one over `max_bytes` (default 10 MB) is refused."""
    from .ingest import MAX_ARTICLE_BYTES
    from .ingest import read_article as _read

    return _read(source, language=language, max_bytes=max_bytes or MAX_ARTICLE_BYTES)


def find_places(
    text: str | Article,
    language: str | None = None,
    *,
    index: PlaceIndex | None = None,
    geocoder: PlaceIndex | None = None,
    corrections: str | Path | _corrections.Corrections | None = None,
    near: tuple[str, ...] = (),
    reuse_reading: bool = False,
    doc: Any = None,
) -> list[Place]:
    """The places an article names, each resolved to one real place.

    `text` is the article's text or an Article from read_article(); `index` is
    any geocode.PlaceIndex: the offline gazetteer by default (gazetteer.offline_index()),
    or online.nominatim(offline_index()) to also ask Nominatim for the names it
    lacks. `geocoder` is the earlier name of `index`. `corrections` is a
    corrections file (see mapgen.corrections), or corrections already read
    from one for this article; left out, ARTICLE.mapgen.toml
    beside the article's file is used if there is one. A correction that no
    longer matches is reported as a StaleCorrection warning. `near` names the
    newsroom's home region ("Alexandria, Louisiana"), whose namesakes win
    when the article gives no other anchor. `reuse_reading` keeps what was read of
    the article in the cache and reuses it when the same text is read again with
    the same model, code and index (extract.kept): build_site does, as a desk
    builds one article many times while it corrects the map. `doc` is spaCy's reading of the
    text where the caller has it (mapgen.batch reads many texts at once: extract.read_all).
    """
    from .extract import find_mentions
    from .extract.kept import kept_mentions
    from .gazetteer import offline_index
    from .ingest import parse_article
    from .resolve import one_per_place, resolve

    article = text if isinstance(text, Article) else parse_article(text, language=language)
    chosen = _corrections_of(article.source, corrections)
    index = index or geocoder or offline_index()
    mentions = kept_mentions(article, index) if reuse_reading else find_mentions(article, index, doc=doc)
    if chosen is None:
        return one_per_place(_in_language(resolve(article, mentions, index, near=near), article.language, index))
    prepared = _corrections.prepare(article, mentions, chosen, index)
    places = prepared.finish(resolve(article, list(prepared.mentions), index, pinned=prepared.pinned, near=near))
    return one_per_place(_in_language(places, article.language, index))


def _in_language(places: list[Place], language: str, index: PlaceIndex) -> list[Place]:
    """Each place under its name in the article's language where the index has one
    (an added GeoNames dump's 'Londres' for a French article), as the popup and --review show it;
    in a language whose names inflect, named by its base form ("Москва", not "Москвы")."""
    from dataclasses import replace

    from . import languages

    inflects = language in languages.CODES and languages.get(language).names_inflect
    localized = []
    for found in places:
        base = next((m.stands_for for m in found.mentions if m.stands_for), None) if inflects else None
        named = found.origin == "resolved" and found.renamed_from is None
        place = replace(found, name=base) if base and named else found  # "Москва" where it first wrote "Москвы"
        c = place.chosen
        name = index.local_name(c.geonameid, language) if c.geonameid is not None else None
        localized.append(replace(place, chosen=replace(c, name=name)) if name and name != c.name else place)
    return localized


def _corrections_of(
    source: str, corrections: str | Path | _corrections.Corrections | None
) -> _corrections.Corrections | None:
    """The corrections for the article read from `source`: the file named, else the one beside it."""
    if isinstance(corrections, _corrections.Corrections):
        return corrections
    path = corrections or _corrections.beside(source)
    return _corrections.load(path).for_article(source) if path else None


def build_site(
    article: str | Path | Article,
    out_dir: str | Path,
    *,
    language: str | None = None,
    index: PlaceIndex | None = None,
    geocoder: PlaceIndex | None = None,
    corrections: str | Path | _corrections.Corrections | None = None,
    edit: bool = False,
    near: tuple[str, ...] = (),
    **options: Any,
) -> SiteResult:
    """Read the article (a path, or an Article), find its places and write the map site.

    `index` (or its earlier name `geocoder`), `corrections` and `near` are as for
    find_places; `edit` also writes edit.html, the editor's view (see
    site.write_edit_page); `options` go to site.write_site (tiles, assets,
    single_file, png, base_url, source, theme, force). Returns the
    site.SiteResult, which holds the iframe snippet to paste.
    """
    from .gazetteer import offline_index
    from .lookup import area_of
    from .names import name_key
    from .site import check_options, write_site

    check_options(Path(out_dir), **options)  # a bad folder or option fails before the slow work
    if not isinstance(article, Article):
        article = read_article(article, language=language)
    chosen = _corrections_of(article.source, corrections)  # a bad file fails before the slow work too
    index = index or geocoder or offline_index()
    places = find_places(article, index=index, corrections=chosen, near=near, reuse_reading=True)
    if not edit:
        return write_site(article, places, Path(out_dir), **options)
    areas = {c: area_of(index, c) for p in places for c in (p.chosen, *p.runners_up)}
    found = {name_key(m.text) for p in places for m in p.mentions}
    found |= {name_key(p.renamed_from or p.name) for p in places}
    # the page writes the file beside the article: only what concerns it, as its own
    own = _corrections.for_article(chosen or _corrections.Corrections(), article.text, found)
    return write_site(article, places, Path(out_dir), edit=own, areas=areas.get, **options)
