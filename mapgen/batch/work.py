"""What a worker does with a partition: read its articles, find their places, write their rows.

The index and spaCy's pipelines are loaded once per worker process, by the
cached loaders below and extract.load_pipeline, and kept for every partition
it is given; this module is imported by the worker, so nothing hangs on a
script's `__main__`. Each language's pipeline loads only when an article in
it comes. The texts of one language go through spaCy together
(extract.read_all), then each article is finished on its own: one that fails
is an error row, not a failed partition.
"""

from __future__ import annotations

import tempfile
import warnings
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from ..errors import MapgenError
from ..model import Article
from .sources import Item, Record
from .table import Row, rows_of

# The article's source for find_places: no file of its own, so no corrections file is
# looked for beside it (a remote worker would not see one; the batch reads none).
NO_FILE = "-"


@dataclass(frozen=True)
class Done:
    """One article's outcome: its places.jsonl line, its rows, its site's files, or its error."""

    id: str
    line: str
    rows: tuple[Row, ...] = ()
    site: tuple[tuple[str, bytes], ...] = ()
    error: str | None = None


@cache
def loaded_index():
    """The offline index, opened once per worker process."""
    from ..gazetteer import offline_index

    return offline_index()


def work(items: list[Item], sites: bool) -> list[Done]:
    """The partition's articles done, in their order."""
    articles: dict[str, Article] = {}
    failed: dict[str, str] = {}
    for item in items:
        try:
            articles[item.id] = _article(item)
        except Exception as err:  # noqa: BLE001 - the article's failure, reported as its row
            failed[item.id] = _message(err)
    docs = _read(articles)
    done = []
    for item in items:
        article = articles.get(item.id)
        if article is None:
            done.append(_failure(item.id, failed[item.id]))
            continue
        try:
            done.append(_places(item, article, docs.get(item.id), sites))
        except Exception as err:  # noqa: BLE001 - as above
            done.append(_failure(item.id, _message(err)))
    return done


def _article(item: Item) -> Article:
    from ..ingest import decode, detect_language, parse_article

    if item.error is not None:
        raise MapgenError(item.error)
    if item.data is not None:
        return replace(parse_article(decode(item.data, item.origin), source=item.origin), source=NO_FILE)
    record = item.record or Record()
    if record.html is not None:
        article = replace(parse_article(record.html, source=item.origin, language=record.language), source=NO_FILE)
    else:
        text = (record.text or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        if not text.strip():
            raise MapgenError(f"{item.origin}: the article is empty")
        article = Article(text=text, language=record.language or detect_language(text), source=NO_FILE)
    return replace(article, date=record.date or article.date, title=record.title or article.title)


def _read(articles: dict[str, Article]) -> dict[str, object]:
    """spaCy's reading of each article, by id, language by language. A language
    with no model is left out here: its articles fail on their own in find_places."""
    from ..extract import load_pipeline, read_all

    docs: dict[str, object] = {}
    for language in sorted({a.language for a in articles.values()}):
        ids = [key for key, a in articles.items() if a.language == language]
        try:
            nlp = load_pipeline(language)
        except MapgenError:
            continue
        docs.update(zip(ids, read_all([articles[key].text for key in ids], nlp), strict=True))
    return docs


def _places(item: Item, article: Article, doc, sites: bool) -> Done:
    from .. import find_places
    from ..errors import NothingSure
    from ..site.geojson import dumps, feature_collection

    index = loaded_index()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NothingSure)  # an article with nothing to map is its empty line, not a warning
        places = find_places(article, index=index, doc=doc)
    collection = {"type": "FeatureCollection", "id": item.id, **feature_collection(article, places)}
    if item.record is not None and item.record.url:
        collection["url"] = item.record.url
    site = _site(article, places) if sites else ()
    return Done(item.id, dumps(collection), rows_of(item.id, collection, places, index), site)


def _site(article: Article, places) -> tuple[tuple[str, bytes], ...]:
    """The article's map site, as its files' paths and bytes: the client writes them, as a remote
    worker cannot write into OUT."""
    from ..site import write_site

    with tempfile.TemporaryDirectory(prefix="mapgen-site-") as scratch:
        out = Path(scratch) / "site"
        write_site(article, places, out)
        return tuple(
            (path.relative_to(out).as_posix(), path.read_bytes()) for path in sorted(out.rglob("*")) if path.is_file()
        )


def _failure(article_id: str, message: str) -> Done:
    from ..site.geojson import dumps

    return Done(article_id, dumps({"id": article_id, "error": message}), error=message)


def _message(err: Exception) -> str:
    """One line: the user's problem as mapgen words it, a bug as what it is."""
    if isinstance(err, MapgenError):
        text = str(err)
    elif isinstance(err, OSError):
        text = f"{err.strerror or err}"
    else:
        text = f"internal error (a bug in mapgen): {type(err).__name__}: {err}"
    return " ".join(text.split())
