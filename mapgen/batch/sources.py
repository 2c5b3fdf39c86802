"""What the batch's inputs hold: article files, folders of them, and JSON Lines files.

The inputs are only listed here, each article with its id and where to read it;
the articles are read when their partition is sent to a worker, so an archive of
millions is never held in memory whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import MapgenError

ARTICLE_SUFFIXES = (".txt", ".html")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
RECORD_FIELDS = ("text", "html", "date", "language", "title", "url")


class BatchError(MapgenError):
    """A batch that cannot start or finish as asked: a bad input, a cluster out of reach."""


@dataclass(frozen=True)
class Source:
    """Where one article is: a file (line None), or a line of a JSON Lines file (its byte offset)."""

    id: str
    path: str
    line: int | None = None  # 1-based, for messages
    offset: int = 0


@dataclass(frozen=True)
class Record:
    """One article as a JSON Lines file gives it (the schema is in docs/batch.md)."""

    text: str | None = None
    html: str | None = None
    date: str | None = None
    language: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Item:
    """One article as sent to a worker: a file's bytes, a record, or why its line could not be read."""

    id: str
    origin: str  # the file, or file:line, for messages
    data: bytes | None = None
    record: Record | None = None
    error: str | None = None


def find_sources(inputs: list[str | Path]) -> list[Source]:
    """Every article of the inputs, in their order (a folder's files sorted by path)."""
    if not inputs:
        raise BatchError("no input: name article files, folders or JSON Lines files")
    found: list[Source] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found.extend(_folder(path))
        elif not path.exists():
            raise BatchError(f"{given}: no such file or folder")
        elif path.suffix.lower() in JSONL_SUFFIXES:
            found.extend(_lines(path))
        else:
            found.append(Source(path.with_suffix("").name, str(path)))
    _check_unique(found)
    return found


def _folder(folder: Path) -> list[Source]:
    files = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
    )
    if not files:
        raise BatchError(f"{folder}: no .txt or .html file in it")
    return [Source(str(Path(rel).with_suffix("").as_posix()), str(folder / rel)) for rel in files]


def _lines(path: Path) -> list[Source]:
    """One Source a non-blank line; a line without a readable id gets `FILE:LINE`, and its error row."""
    found = []
    offset = 0
    try:
        with path.open("rb") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    found.append(Source(_id_of(line) or f"{path}:{number}", str(path), number, offset))
                offset += len(line)
    except OSError as err:
        raise BatchError(f"{path}: cannot read ({err.strerror})") from None
    return found


def _id_of(line: bytes) -> str | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return _valid_id(value.get("id")) if isinstance(value, dict) else None


def _valid_id(value: object) -> str | None:
    """An id is a string or a whole number, not empty."""
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) and str(value) else None


def _check_unique(sources: list[Source]) -> None:
    seen: dict[str, Source] = {}
    for source in sources:
        first = seen.setdefault(source.id, source)
        if first is not source:
            raise BatchError(f"two articles have the id '{source.id}': {_where(first)} and {_where(source)}")


def _where(source: Source) -> str:
    return f"{source.path}:{source.line}" if source.line else source.path


def check_site_ids(sources: list[Source]) -> None:
    """Each id names a folder under OUT/sites/: no absolute path, no '..', nothing a file system
    refuses, and no folder of another article's site ('a' and 'a/b')."""
    ids = {source.id for source in sources}
    for source in sources:
        parts = source.id.split("/")
        if any(p in ("", ".", "..") or "\\" in p or any(ord(ch) < 32 for ch in p) for p in parts):
            raise BatchError(f"{_where(source)}: the id '{source.id}' cannot name a site's folder (--sites)")
        inside = next((prefix for n in range(1, len(parts)) if (prefix := "/".join(parts[:n])) in ids), None)
        if inside is not None:
            raise BatchError(
                f"{_where(source)}: the site of '{source.id}' would be inside the site of '{inside}' (--sites)"
            )


def read_items(sources: list[Source]) -> list[Item]:
    """The articles themselves, read on the client: a worker of a remote cluster may not see these files.
    A JSON Lines file is opened once for all its lines among the sources."""
    files: dict[str, BinaryIO | OSError] = {}
    try:
        return [_item(source, files) for source in sources]
    finally:
        for file in files.values():
            if not isinstance(file, OSError):
                file.close()


def _item(source: Source, files: dict[str, BinaryIO | OSError]) -> Item:
    if source.line is None:
        try:
            return Item(source.id, source.path, data=Path(source.path).read_bytes())
        except OSError as err:
            return Item(source.id, source.path, error=f"cannot read ({err.strerror})")
    origin = f"{source.path}:{source.line}"
    if source.path not in files:
        try:
            files[source.path] = open(source.path, "rb")  # closed by read_items
        except OSError as err:
            files[source.path] = err
    lines = files[source.path]
    if isinstance(lines, OSError):
        return Item(source.id, origin, error=f"cannot read ({lines.strerror})")
    try:
        lines.seek(source.offset)
        line = lines.readline()
    except OSError as err:
        return Item(source.id, origin, error=f"cannot read ({err.strerror})")
    try:
        return Item(source.id, origin, record=_record(json.loads(line)))
    except ValueError as err:
        return Item(source.id, origin, error=f"{origin}: {err}")


def _record(value: object) -> Record:
    """The line's fields, checked: an id, text or html (one of them), and optional strings."""
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    if _valid_id(value.get("id")) is None:
        raise ValueError("no 'id' (a string or a number)")
    fields = {key: value.get(key) for key in RECORD_FIELDS}
    for key, field in fields.items():
        if field is not None and not isinstance(field, str):
            raise ValueError(f"'{key}' is not a string")
    if (fields["text"] is None) == (fields["html"] is None):
        raise ValueError("give the article as 'text' or as 'html' (one of them)")
    return Record(**fields)
