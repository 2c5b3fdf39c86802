"""An article's mentions kept in the cache, for the next time the same article is read.

Importing spaCy and loading a model take most of a warm build (1.7 s of 3 on
the machine we measure on), and the same article is built again and again
while a desk corrects its map. The copy is used only when everything the
mentions come from is the same: the text and its language, the model and its
version, mapgen's own code, and the index files as they are now.
"""

from __future__ import annotations

import json
import os
from hashlib import sha256
from pathlib import Path

from ..cache import cache_dir, keep_json
from ..geocode import PlaceIndex
from ..model import Article, Mention
from .pipeline import installed_model

FOLDER = "mentions"
MAX_KEPT = 100  # articles; the least recently read go first
MAX_CHARS = 200_000  # a longer text is read anew: its copy would be tens of MB (each mention quotes its sentence)


def kept_mentions(article: Article, index: PlaceIndex) -> list[Mention]:
    """find_mentions, or the copy kept of its answer for this very article, model, code and index."""
    from . import find_mentions

    made_from = index.offline_version()
    if made_from is None or len(article.text) > MAX_CHARS:
        return find_mentions(article, index)
    key = sha256("\0".join((article.text, article.language, installed_model(article.language), made_from)).encode())
    path = cache_dir() / FOLDER / f"{key.hexdigest()}-{_code_version()}.json"
    try:
        mentions = [Mention(**fields) for fields in json.loads(path.read_text("utf-8"))]
        if all(_fits(m, article.text) for m in mentions):
            os.utime(path)  # read again: kept longer
            return mentions
    except (OSError, ValueError, TypeError):
        pass  # never read, or damaged: read again
    mentions = find_mentions(article, index)
    _keep(path, [vars(m) for m in mentions])
    return mentions


def _fits(mention: Mention, text: str) -> bool:
    """A kept mention as find_mentions makes one: a copy edited by hand is read anew, not trusted."""
    offsets = (mention.start, mention.end, mention.sentence_start)
    return (
        all(type(n) is int for n in offsets)
        and isinstance(mention.text, str)
        and isinstance(mention.sentence, str)
        and isinstance(mention.label, str)
        and isinstance(mention.stands_for, str | None)
        and 0 <= mention.sentence_start <= mention.start <= mention.end <= len(text)
        and text[mention.start : mention.end] == mention.text
    )


def _code_version() -> str:
    """A digest of mapgen's own code: the rules that make mentions of spaCy's entities are spread over it."""
    package = Path(__file__).resolve().parents[1]
    digest = sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _keep(path: Path, rows: list[dict]) -> None:
    keep_json(path, rows)
    try:
        kept = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    except OSError:
        return  # another run pruned at the same time
    for old in kept[:-MAX_KEPT]:
        old.unlink(missing_ok=True)
