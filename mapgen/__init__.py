"""mapgen: turn a news article into a map of the places it names.

    >>> import mapgen
    >>> places = mapgen.find_places("Les combats ont repris à Mossoul (Irak).")
    >>> site = mapgen.build_site("article.txt", "site/")

The stages run in order, each in its own module: ingest (read the article),
extract (find the names of places), resolve (choose the real place each name
stands for, with the offline gazetteer behind geopy's interface), and site
(write the map pages with render's folium map).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .errors import (
    DamagedIndex,
    ExtractError,
    GazetteerError,
    GoldDataError,
    IngestError,
    MapgenError,
    NearPlaceError,
    OnlineGeocoderError,
    SiteError,
)
from .model import Article, Candidate, Mention, Place

try:
    __version__ = version("mapgen")
except PackageNotFoundError:  # a plain checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Article",
    "Candidate",
    "DamagedIndex",
    "ExtractError",
    "GazetteerError",
    "GoldDataError",
    "IngestError",
    "MapgenError",
    "Mention",
    "NearPlaceError",
    "OnlineGeocoderError",
    "Place",
    "SiteError",
    "__version__",
    "build_site",
    "find_places",
    "read_article",
]


def read_article(source: str | Path, *, language: str | None = None) -> Article:
    """Read an article from a file (text or HTML, any common encoding), or '-' for stdin."""
    from .ingest import read_article as _read

    return _read(source, language=language)


def find_places(
    text: str | Article, language: str | None = None, *, geocoder=None, near: tuple[str, ...] = ()
) -> list[Place]:
    """The places an article names, each resolved to one real place.

    `text` is the article's text or an Article from read_article(); `geocoder`
    is any geopy geocoder that answers like geocode.OfflineGazetteer (the
    default), such as online.nominatim(OfflineGazetteer()); `near` names the
    newsroom's home region ("Alexandria, Louisiana"), whose namesakes win
    when the article gives no other anchor.
    """
    from .extract import find_mentions
    from .geocode import OfflineGazetteer
    from .ingest import parse_article
    from .resolve import resolve

    article = text if isinstance(text, Article) else parse_article(text, language=language)
    geocoder = geocoder or OfflineGazetteer()
    return resolve(article, find_mentions(article, geocoder), geocoder, near=near)


def build_site(
    article: str | Path | Article,
    out_dir: str | Path,
    *,
    language: str | None = None,
    geocoder=None,
    near: tuple[str, ...] = (),
    **options,
):
    """Read the article (a path, or an Article), find its places and write the map site.

    `geocoder` and `near` are as for find_places; `options` go to site.write_site (tiles,
    assets, single_file, labels, png). Returns the site.SiteResult, which holds
    the iframe snippet to paste.
    """
    from .site import check_options, write_site

    check_options(Path(out_dir), **options)  # a bad folder or option fails before the slow work
    if not isinstance(article, Article):
        article = read_article(article, language=language)
    return write_site(article, find_places(article, geocoder=geocoder, near=near), Path(out_dir), **options)
