"""Where mapgen keeps what it builds once per machine: the gazetteer index,
the trimmed spaCy pipelines, and the JSON or SQLite copies of data that is slow to read."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote


def cache_dir() -> Path:
    """The user's cache directory for mapgen, or $MAPGEN_CACHE when set."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("MAPGEN_CACHE") or user_cache_dir("mapgen"))


@contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """A scratch file to write `path` through, moved into place when the block ends well.

    Each process writes its own (two first runs at once), and a block that
    fails (a full disk) removes it: no half-written file is left to fill the
    disk further at every run.
    """
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        yield partial
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def folder_written_whole(folder: Path) -> Iterator[Path]:
    """A scratch folder to write `folder` through, moved into place when the block ends well.

    As written_whole, for a copy kept as several files. Where another run moved
    its own in first, that one stays; a block that fails removes the scratch
    folder and its error goes on.
    """
    partial = folder.with_name(f"{folder.name}.{os.getpid()}.partial")
    try:
        partial.mkdir(parents=True, exist_ok=True)
        yield partial
        try:
            partial.rename(folder)
        except OSError:
            if not folder.is_dir():
                raise
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def kept_json(path: Path, make: Callable[[], Any], *, older: str | None = None) -> Any:
    """What `make` returns, kept as JSON at `path` for the next run; `path`'s name
    must say all it is made from, as nothing else tells a copy is out of date.

    A copy that is missing or damaged is made again. `older` is a glob of the
    copies that earlier versions kept beside it, deleted once the new one is written.
    """
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        pass
    made = make()
    keep_json(path, made, older=older)
    return made


def keep_json(path: Path, data: Any, *, older: str | None = None) -> None:
    """Write `data` at `path` whole or not at all; `older`: as for kept_json."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with written_whole(path) as partial:
            partial.write_text(json.dumps(data, separators=(",", ":")), "utf-8")
        for old in path.parent.glob(older) if older else ():
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs the time again


def kept_table(
    path: Path, table: str, columns: str, make: Callable[[], Iterable[tuple]], *, older: str | None = None
) -> sqlite3.Connection:
    """A read-only connection to a table kept as SQLite at `path`, made of `make`'s rows where
    missing or damaged: a build asks it for the few rows it needs, where a JSON copy is read
    whole. As for kept_json, `path`'s name must say all it is made from, and `older` is a glob
    of the copies that earlier versions kept beside it. Where the cache cannot be written, the
    table is made in memory. The caller closes the connection, which any thread may use."""
    try:
        db = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, check_same_thread=False)
        try:
            db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchall()
            return db
        except sqlite3.Error:
            db.close()
    except sqlite3.Error:
        pass
    rows = list(make())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with written_whole(path) as partial:
            _write_table(sqlite3.connect(partial), table, columns, rows).close()
        for old in path.parent.glob(older) if older else ():
            if old != path:
                old.unlink(missing_ok=True)
        return sqlite3.connect(sqlite_uri(path, "ro"), uri=True, check_same_thread=False)
    except (OSError, sqlite3.Error):
        return _write_table(
            sqlite3.connect(":memory:", check_same_thread=False), table, columns, rows
        )  # costs the time again, next run


def _write_table(db: sqlite3.Connection, table: str, columns: str, rows: list[tuple]) -> sqlite3.Connection:
    marks = ", ".join("?" * len(columns.split(",")))
    with db:
        db.execute(f"CREATE TABLE {table} ({columns})")
        db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    return db


def sqlite_uri(path: Path, mode: str) -> str:
    """The file as an SQLite URI, its path percent-encoded: '#', '?' and '%' are legal in folder names."""
    return f"file:{quote(str(path.absolute()))}?mode={mode}"
