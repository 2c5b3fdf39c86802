"""The countries added from GeoNames' dumps: `mapgen gazetteer add | list | remove | update`.

They live in one index file of their own beside the default one, which is
rebuilt from the packages whenever they change and must not take the user's
downloads with it. Each country is written in one SQLite transaction: a failed
or interrupted add leaves the file as it was, and a second add of the same
country replaces the first.
"""

from __future__ import annotations

import os
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..cache import cache_dir
from ..errors import DumpNotFound, GazetteerError
from . import geonames_dump
from .download import fetch
from .index import INDEXES, SCHEMA, insert

GEONAMES_URL = "https://download.geonames.org/export/dump"
URL_VARIABLE = "MAPGEN_GEONAMES_URL"

# Told of work under way: (what, done so far, in all or None, unit), e.g. ("FR.zip", 81920, 9_500_000, "B").
Progress = Callable[[str, int, int | None, str], None]
Warn = Callable[[str], None]

_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_ADMIN_CODES = ("admin1CodesASCII.txt", "admin2Codes.txt")  # at the dump folder's base, as GeoNames serves them


@dataclass(frozen=True)
class AddedCountry:
    code: str
    places: int
    names: int
    url: str
    added: str  # ISO 8601, UTC
    skipped: int = 0  # rows of the dump that could be no place (a latitude of 95), left out; not kept


def added_path(cache: Path | None = None) -> Path:
    return (cache or cache_dir()) / "geonames-added.sqlite"


def adding_lock(cache: Path | None = None) -> Path:
    """Held by an add or update from its first download to its last write: two at once would
    write into the same partial downloads."""
    return (cache or cache_dir()) / "geonames-adding.lock"


def dump_url(url: str | None = None) -> str:
    """The base of the dump folder: --from, else $MAPGEN_GEONAMES_URL, else GeoNames' own."""
    chosen = (url or os.environ.get(URL_VARIABLE) or GEONAMES_URL).rstrip("/")
    if not chosen.startswith(("http://", "https://")):
        raise GazetteerError(f"the GeoNames URL must start with http:// or https://, not '{chosen}'")
    return chosen


def add(
    codes: list[str],
    *,
    url: str | None = None,
    cache: Path | None = None,
    progress: Progress | None = None,
    warn: Warn | None = None,
    skip_missing: bool = False,
) -> list[AddedCountry]:
    """Download each country's dump and write its places into the added countries'
    index; with `skip_missing`, a country the server lacks is a warning (for --all).
    A second add while one runs waits for it, and says so."""
    base, cache = dump_url(url), cache or cache_dir()
    wanted = [_country_code(code) for code in codes]
    downloads = cache / "geonames-downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    with _one_at_a_time(adding_lock(cache), warn):
        return _add(wanted, base, cache, downloads, progress, warn, skip_missing)


@contextmanager
def _one_at_a_time(path: Path, warn: Warn | None) -> Iterator[None]:
    from filelock import FileLock, Timeout  # only to add countries: importing it cost a warm build 20 ms

    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if warn:
            warn("another mapgen gazetteer add or update is under way; waiting for it to end…")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def _add(
    wanted: list[str],
    base: str,
    cache: Path,
    downloads: Path,
    progress: Progress | None,
    warn: Warn | None,
    skip_missing: bool,
) -> list[AddedCountry]:
    codes_files: list[Path] | None = None  # fetched once a first dump is there: a bad code fails first
    added = []
    for code in wanted:
        try:
            dump = _download(f"{base}/{code}.zip", downloads / f"{code}.zip", progress)
        except DumpNotFound as err:
            if not skip_missing:
                raise
            if warn:
                warn(f"{err}: {code} skipped")
            continue
        try:
            alternates = _download(
                f"{base}/alternatenames/{code}.zip", downloads / f"{code}-alternatenames.zip", progress
            )
        except DumpNotFound:
            alternates = None
            if warn:
                warn(f"{base}/alternatenames/{code}.zip is not there: {code}'s places get only the dump's own names")
        if codes_files is None:
            codes_files = _admin_codes_files(base, downloads, progress, warn)
        added.append(_write(code, dump, alternates, codes_files, f"{base}/{code}.zip", cache, progress))
        for path in (dump, alternates):
            if path:
                path.unlink()
    for path in codes_files or ():
        path.unlink()
    return added


def _admin_codes_files(base: str, downloads: Path, progress: Progress | None, warn: Warn | None) -> list[Path]:
    """GeoNames' names of the admin codes, for the whole world, where the mirror has them."""
    found = []
    for name in _ADMIN_CODES:
        dest = downloads / name
        try:
            _fetch(f"{base}/{name}", dest, progress)
        except DumpNotFound:
            if warn:
                warn(f"{base}/{name} is not there: admin areas are named from the dumps' own rows only")
            continue
        found.append(dest)
    return found


def update(
    *, url: str | None = None, cache: Path | None = None, progress: Progress | None = None, warn: Warn | None = None
) -> list[AddedCountry]:
    """Every added country downloaded again: from `url` or $MAPGEN_GEONAMES_URL
    when given, else from where it was added (a newsroom's mirror stays its source)."""
    updated = []
    for country in listed(cache):
        base = url or os.environ.get(URL_VARIABLE) or country.url.rsplit("/", 1)[0]
        updated += add([country.code], url=base, cache=cache, progress=progress, warn=warn)
    return updated


def listed(cache: Path | None = None) -> list[AddedCountry]:
    path = added_path(cache)
    if not path.exists():
        return []
    with closing(_connect(path)) as db:
        rows = db.execute("SELECT code, places, names, url, added FROM countries ORDER BY code").fetchall()
    return [AddedCountry(*row) for row in rows]


def remove(code: str, cache: Path | None = None) -> None:
    code = _country_code(code)
    if code not in {c.code for c in listed(cache)}:
        raise GazetteerError(f"{code} was never added; `mapgen gazetteer list` shows those that were")
    with _writing(added_path(cache)) as db:
        _delete(db, code)


def _country_code(code: str) -> str:
    if not _COUNTRY_CODE.fullmatch(code.upper()):
        raise GazetteerError(f"'{code}' is no country code: two letters, such as FR or US")
    return code.upper()


def _fetch(url: str, dest: Path, progress: Progress | None) -> None:
    fetch(url, dest, (lambda done, total: progress(dest.name, done, total, "B")) if progress else None)


def _download(url: str, dest: Path, progress: Progress | None) -> Path:
    """A zip file, whole and readable: its members' checksums checked. One that is not
    (damaged, spliced from two versions, deflate64, encrypted) is removed, for the next
    run to download afresh."""
    _fetch(url, dest, progress)
    try:
        with zipfile.ZipFile(dest) as archive:
            damaged = archive.testzip()  # every member's CRC-32 against the archive's own
    except geonames_dump.UNREADABLE as err:
        damaged = f"{dest.name}: {err}"
    if damaged:
        dest.unlink()
        raise GazetteerError(f"{url} is not a whole zip file mapgen can read ({damaged}); nothing was added")
    return dest


def _write(
    code: str,
    dump: Path,
    alternates: Path | None,
    codes_files: list[Path],
    url: str,
    cache: Path,
    progress: Progress | None,
) -> AddedCountry:
    names = geonames_dump.read_alternate_names(alternates, code) if alternates else None
    areas: dict[tuple[str, str], str] = {}
    rows = skipped = 0

    def rows_done(n: int) -> None:
        nonlocal rows
        rows += n
        if progress:
            progress(f"{code} rows", rows, None, "rows")

    def one_skipped() -> None:
        nonlocal skipped
        skipped += 1

    with _writing(added_path(cache)) as db:
        _delete(db, code)
        places = insert(db, geonames_dump.entries(dump, code, names, rows_done, areas, one_skipped))
        for path in codes_files:  # the dump's own ADM1 and ADM2 rows first: their names are the local ones
            areas = geonames_dump.admin_area_names(path, code) | areas
        db.executemany(
            "INSERT INTO admin_names VALUES (?, ?, ?, ?)",
            ((code, admin1, admin2, name) for (admin1, admin2), name in sorted(areas.items())),
        )
        (name_count,) = db.execute(
            "SELECT count(*) FROM names JOIN places USING (pid) WHERE source = ?", (geonames_dump.source_name(code),)
        ).fetchone()
        country = AddedCountry(code, places, name_count, url, datetime.now(UTC).isoformat(timespec="seconds"), skipped)
        db.execute("INSERT INTO countries VALUES (?, ?, ?, ?, ?)", (code, places, name_count, url, country.added))
    return country


def _delete(db: sqlite3.Connection, code: str) -> None:
    source = geonames_dump.source_name(code)
    for table in ("names", "skeletons", "local_names"):
        db.execute(f"DELETE FROM {table} WHERE pid IN (SELECT pid FROM places WHERE source = ?)", (source,))
    db.execute("DELETE FROM places WHERE source = ?", (source,))
    db.execute("DELETE FROM admin_names WHERE country = ?", (code,))
    db.execute("DELETE FROM countries WHERE code = ?", (code,))


def _connect(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as err:
        raise GazetteerError(f"cannot open {path} ({err})") from None


@contextmanager
def _writing(path: Path) -> Iterator[sqlite3.Connection]:
    """The added countries' index, locked and in one transaction: committed
    whole when the block ends, rolled back on any error or interruption."""
    from filelock import FileLock

    with FileLock(path.with_name(path.name + ".lock")), closing(_connect(path)) as db:
        try:
            db.executescript(SCHEMA + INDEXES + _COUNTRIES)
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as err:
            raise GazetteerError(f"cannot write {path} ({err}); it is as it was") from None


_COUNTRIES = (
    "CREATE TABLE IF NOT EXISTS countries (code TEXT PRIMARY KEY, places INTEGER, names INTEGER, url TEXT, added TEXT);"
)
