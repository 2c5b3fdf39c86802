"""GeoNames' own per-country dumps (`CC.zip`, and `alternatenames/CC.zip`), as
the index's entries: every neighbourhood, hamlet, island, volcano, river and
station a local story may name, with admin codes and names in every language.

The dump's format is GeoNames' export, one feature a line, 19 columns separated
by tabs; the alternate names' file has 10 (alternateNamesV2) or 8 (older).
"""

from __future__ import annotations

import math
import re
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import GazetteerError
from ..model import Candidate, Feature
from .entry import Entry

COLUMNS = 19
_ROWS_REPORTED = 10_000  # the progress bar moves by this many rows
# GeoNames' longest lines are a few kilobytes (a city's hundreds of names); a longer one is
# skipped unread, not held whole in memory.
MAX_LINE_BYTES = 1 << 20
_ID = re.compile(r"[0-9]{1,18}")  # ASCII digits only ("９" is a digit to int()), within 64 bits

# GeoNames feature codes a news map shows, by the gazetteer's feature. Populated
# places but the abandoned, destroyed and historical ones; administrative areas at
# every level and countries; and the natural and built sites a story names.
_FEATURES: dict[str, Feature] = {
    **dict.fromkeys(("PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLC", "PPLF", "PPLG", "PPLL"), "city"),
    **dict.fromkeys(("PPLR", "PPLS", "PPLX", "STLMT"), "city"),
    **dict.fromkeys(("ADM1", "ADM2", "ADM3", "ADM4", "ADM5", "ADMD"), "admin"),
    **dict.fromkeys(("PCL", "PCLD", "PCLF", "PCLI", "PCLIX", "PCLS", "TERR"), "country"),
    **dict.fromkeys(
        (
            # water
            "STM", "LK", "LKS", "RSV", "BAY", "GULF", "SEA", "STRT", "LGN", "FJD", "ESTY", "CNL", "GLCR", "SD",
            # land
            "ISL", "ISLS", "ISLET", "MT", "MTS", "PK", "VLC", "PASS", "PEN", "CAPE", "VAL", "PLN", "PLAT", "DSRT",
            "HLL", "HLLS", "GRGE", "CNYN", "FRST", "ATOL", "BCH",
            # areas
            "RGN", "PRK", "RESN", "PRT", "CST", "LCTY", "MILB", "OILF", "AREA", "CMPRF",
            # buildings and works
            "AIRP", "AIRB", "AIRF", "RSTN", "MTRO", "PRN", "HSP", "DAM", "BDG", "STDM", "NVB", "INSM", "PS", "PSN",
            "MN", "UNIV", "CSTL", "PAL", "MNMT", "CMP", "HBR", "TNL", "RF",
        ),
        "site",
    ),
}  # fmt: skip

# Alternate "names" that are codes and links, not words prose uses.
_NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "fr_1793"})


def source_name(code: str) -> str:
    return f"GeoNames {code}"


@dataclass
class AlternateNames:
    """What `alternatenames/CC.zip` says of a country's features."""

    names: dict[int, set[str]]  # every name a feature goes by, in any language
    local: dict[int, dict[str, str]]  # its name in each language: the preferred one, else the first plain one


def read_alternate_names(path: Path, code: str) -> AlternateNames:
    """Each feature's names in other languages, less the codes, links and historic
    names; and in each language the name a reader of it would see (never a colloquial one)."""
    names: dict[int, set[str]] = defaultdict(set)
    local: dict[int, dict[str, str]] = defaultdict(dict)
    rank: dict[tuple[int, str], int] = {}
    for line, row in _rows(path, code):
        if row is None:
            continue
        if len(row) < 4:
            raise GazetteerError(f"line {line} of {path.name}: {len(row)} columns, not an alternate names file")
        preferred, short, colloquial, historic = (len(row) > i and row[i] == "1" for i in (4, 5, 6, 7))
        language = row[2]
        if language in _NOT_NAMES or historic or not _ID.fullmatch(row[1]):
            continue
        geonameid = int(row[1])
        names[geonameid].add(row[3])
        # a short name alone ("Noyal-Châtillon") is for matching, not for showing
        if not language or colloquial or (short and not preferred):
            continue
        if (this := 2 * preferred + short) > rank.get((geonameid, language), -1):
            rank[geonameid, language] = this
            local[geonameid][language] = row[3]
    return AlternateNames(names, local)


def admin_area_names(path: Path, code: str) -> dict[tuple[str, str], str]:
    """The names of a country's admin codes from GeoNames' admin1CodesASCII.txt
    ("FR.53", 4 columns) or admin2Codes.txt ("FR.53.35"): (admin1, admin2 or "") → name."""
    areas = {}
    prefix = f"{code}."
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.startswith(prefix):
                    codes, name = line.split("\t", 2)[:2]
                    admin1, _, admin2 = codes.removeprefix(prefix).partition(".")
                    areas[admin1, admin2] = name
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise GazetteerError(f"{path.name} is not GeoNames' admin codes file ({err})") from None
    return areas


def entries(
    path: Path,
    code: str,
    alternate_names: AlternateNames | None,
    rows_done: Callable[[int], None] | None = None,
    areas: dict[tuple[str, str], str] | None = None,
    skipped: Callable[[], None] | None = None,
) -> Iterator[Entry]:
    """The features of `CC.zip` a news map shows. Without the alternate names'
    file, the dump's own comma-separated column stands in for it, less what
    looks like a code. `areas` is given the names of the ADM1 and ADM2 rows
    met on the way, by their codes as admin_area_names has them: the dump is
    read once. A row that cannot be a place (a latitude of 95 or "nan", an id past 64 bits,
    a line not UTF-8 or past MAX_LINE_BYTES) is skipped and told to `skipped`."""
    source = source_name(code)
    line = 0
    for line, row in _rows(path, code):
        if rows_done and line % _ROWS_REPORTED == 0:
            rows_done(_ROWS_REPORTED)
        if row is not None and len(row) != COLUMNS:
            raise GazetteerError(f"line {line} of {path.name}: {len(row)} columns, not GeoNames' {COLUMNS}")
        feature = _FEATURES.get(row[7]) if row is not None else None
        if row is not None and feature is None:
            continue  # a shop, a ruin: no place of a news map
        values = _values(row, code) if row is not None else None
        if row is None or feature is None or values is None:
            if skipped:
                skipped()
            continue
        geonameid, lat, lon, population = values
        if alternate_names is None:
            others = {n for n in row[3].split(",") if n and not (n.isupper() and len(n) <= 4) and "http" not in n}
            local: tuple[tuple[str, str], ...] = ()
        else:
            others = alternate_names.names.get(geonameid, set())
            local = tuple(sorted(alternate_names.local.get(geonameid, {}).items()))
        if areas is not None and row[7] in ("ADM1", "ADM2"):
            areas[row[10], row[11] if row[7] == "ADM2" else ""] = row[1]
        admin1, admin2 = row[10] or None, row[11] or None
        candidate = Candidate(
            geonameid, row[1], feature, row[8], lat, lon, population, admin1, row[7] == "PPLC", source, admin2
        )
        yield Entry(candidate, frozenset({row[1], row[2], *others}), local)
    if rows_done:
        rows_done(line % _ROWS_REPORTED)


def _values(row: list[str], code: str) -> tuple[int, float, float, int] | None:
    """A row's id, latitude, longitude and population, or None where they cannot be a place's."""
    if not (_ID.fullmatch(row[0]) and _ID.fullmatch(row[14] or "0") and row[1].strip() and row[8] == code):
        return None
    try:
        lat, lon = float(row[4]), float(row[5])
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
        return None
    return int(row[0]), lat, lon, int(row[14] or 0)


def _rows(path: Path, code: str) -> Iterator[tuple[int, list[str] | None]]:
    """The lines of `CC.txt` inside the zip, split on tabs, numbered from 1; None for a line
    not UTF-8 or past MAX_LINE_BYTES."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(f"{code}.txt") as raw:
            number = 0
            while line := raw.readline(MAX_LINE_BYTES + 1):
                number += 1
                if len(line) > MAX_LINE_BYTES:
                    while not line.endswith(b"\n") and (line := raw.readline(MAX_LINE_BYTES)):
                        pass  # the rest of the line, read past
                    yield number, None
                    continue
                try:
                    yield number, line.decode("utf-8").rstrip("\r\n").split("\t")
                except UnicodeDecodeError:
                    yield number, None
    except KeyError:
        raise GazetteerError(f"{path.name} holds no {code}.txt: not a GeoNames dump") from None
    except UNREADABLE as err:
        raise GazetteerError(f"{path.name} is damaged or unreadable ({err}); download it again") from None


# What zipfile raises on a zip it cannot read: damaged, cut, deflate64 (NotImplementedError), encrypted (RuntimeError).
UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
