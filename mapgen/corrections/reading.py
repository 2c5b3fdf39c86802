"""Reading a corrections file: TOML, checked alone, each mistake named by its line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import cast

from ..errors import CorrectionsError
from ..model import Role
from ..names import name_key
from .records import (
    ROLES,
    SECTIONS,
    Addition,
    Corrections,
    CorrectionsFile,
    Drop,
    Line,
    Mark,
    Pin,
    Rename,
    Spot,
)
from .writing import toml_string


def load(path: str | Path) -> CorrectionsFile:
    """Read and check a corrections file; a mistake is a CorrectionsError naming its line."""
    name = str(path)
    try:
        text = Path(path).read_text("utf-8-sig")  # a BOM, as Windows' Notepad writes one
    except OSError as err:
        raise CorrectionsError(f"{name}: cannot read the corrections file: {err.strerror}") from None
    except UnicodeDecodeError:
        raise CorrectionsError(f"{name}: the corrections file is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        at = re.search(r"\(at line (\d+), column \d+\)$", message)
        where = f"{name}:{at.group(1)}" if at else name
        raise CorrectionsError(f"{where}: not valid TOML: {message[: at.start()].strip() if at else message}") from None
    lines = _key_lines(text)

    def line(*keys: str) -> Line:
        for end in range(len(keys), 0, -1):
            if keys[:end] in lines:
                return Line(name, lines[keys[:end]], keys[0] in SECTIONS)
        return Line(name, 1, keys[0] in SECTIONS)

    shared = {k: v for k, v in data.items() if k in SECTIONS}
    by_article = []
    for article, sections in data.items():
        if article in SECTIONS:
            continue
        if not isinstance(sections, dict) or not set(sections) & set(SECTIONS):
            raise CorrectionsError(
                f"{line(article)}: unknown section '{article}' ({', '.join(SECTIONS)}, "
                f'or an article\'s own, e.g. ["article.txt".pin])'
            )
        by_article.append((article, _read_sections(sections, (article,), line)))
    return CorrectionsFile(name, _read_sections(shared, (), line), tuple(by_article))


def _read_sections(sections: dict, prefix: tuple[str, ...], line) -> Corrections:
    for section in sections:
        if section not in SECTIONS:
            raise CorrectionsError(f"{line(*prefix, section)}: unknown section '{section}' ({', '.join(SECTIONS)})")
    at = {s: (lambda *keys, s=s: line(*prefix, s, *keys)) for s in SECTIONS}
    table = {s: _table(sections.get(s, {}), at[s]()) for s in SECTIONS}
    pins = tuple(Pin(name, _spot(value, at["pin"](name)), at["pin"](name)) for name, value in table["pin"].items())
    _no_twice(pins)
    drops: list[Drop] = []
    for name, value in table["drop"].items():
        if name == "names":
            if not (isinstance(value, list) and all(isinstance(n, str) for n in value)):
                raise CorrectionsError(f'{at["drop"](name)}: names must be a list of names, e.g. ["Stryker"]')
            drops.extend(Drop(n, (), at["drop"](name)) for n in value)
        elif value is True or (isinstance(value, list) and value and all(_positive(n) for n in value)):
            drops.append(Drop(name, () if value is True else tuple(value), at["drop"](name)))
        else:
            raise CorrectionsError(
                f"{at['drop'](name)}: drop {toml_string(name)} = true (every mention) or = [3] (only its 3rd mention)"
            )
    _no_contradiction(pins, drops)
    additions = tuple(_addition(name, value, at["add"](name)) for name, value in table["add"].items())
    renames = tuple(
        Rename(name, _text(value, at["rename"](name), "the new label"), at["rename"](name))
        for name, value in table["rename"].items()
    )
    marks: list[Mark] = []
    for name, value in table["mark"].items():
        if value not in ROLES:
            raise CorrectionsError(f'{at["mark"](name)}: a place is marked "focus" or "context", not {value!r}')
        marks.append(Mark(name, cast(Role, value), at["mark"](name)))
    return Corrections(pins, tuple(drops), additions, renames, tuple(marks))


def _table(value, line: Line) -> dict:
    if not isinstance(value, dict):
        raise CorrectionsError(f"{line}: this section must be a table of names")
    return value


def _positive(n) -> bool:
    return isinstance(n, int) and not isinstance(n, bool) and n > 0


def _text(value, line: Line, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CorrectionsError(f"{line}: {what} must be some text in quotes")
    return value


def _spot(value, line: Line, extra: tuple[str, ...] = ()) -> Spot:
    """A GeoNames id, or a table with one (and a label), or with lat, lon and a label."""
    if _positive(value):
        return Spot(geonameid=value)
    if not isinstance(value, dict):
        raise CorrectionsError(f'{line}: give a GeoNames id (a number) or {{ lat = …, lon = …, label = "…" }}')
    unknown = set(value) - {"geonameid", "lat", "lon", "label", *extra}
    if unknown:
        raise CorrectionsError(f"{line}: unknown key '{sorted(unknown)[0]}' (geonameid, lat, lon, label)")
    label = _text(value["label"], line, "label") if "label" in value else None
    if "geonameid" in value:
        if not _positive(value["geonameid"]) or "lat" in value or "lon" in value:
            raise CorrectionsError(f"{line}: geonameid must be a number, and comes without lat and lon")
        return Spot(geonameid=value["geonameid"], label=label)
    lat, lon = value.get("lat"), value.get("lon")
    for coordinate, limit in (("lat", 90), ("lon", 180)):
        number = value.get(coordinate)
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise CorrectionsError(f"{line}: {coordinate} is missing or not a number")
        if not -limit <= number <= limit:
            raise CorrectionsError(f"{line}: {coordinate} = {number} is out of range (-{limit} to {limit})")
    return Spot(lat=float(lat), lon=float(lon), label=label)  # type: ignore[arg-type]  # both checked above


def _addition(name: str, value, line: Line) -> Addition:
    if not isinstance(value, dict) or "quote" not in value:
        raise CorrectionsError(f'{line}: an added place needs a quote = "…" from the article, and where it is')
    return Addition(name, _spot(value, line, extra=("quote",)), _text(value["quote"], line, "quote"), line)


def _no_twice(pins: tuple[Pin, ...]) -> None:
    seen: dict[str, Pin] = {}
    for pin in pins:
        first = seen.setdefault(name_key(pin.name), pin)
        if first is not pin:
            raise CorrectionsError(f"{pin.line}: '{pin.name}' is pinned twice (also line {first.line.number})")


def _no_contradiction(pins: tuple[Pin, ...], drops: list[Drop]) -> None:
    """A name dropped twice, or pinned and dropped whole: one of the two lines would do nothing."""
    pinned = {name_key(pin.name): pin for pin in pins}
    dropped: dict[str, Drop] = {}
    for drop in drops:
        key = name_key(drop.name)
        first = dropped.setdefault(key, drop)
        if first is not drop:
            raise CorrectionsError(f"{drop.line}: '{drop.name}' is dropped twice (also line {first.line.number})")
        if key in pinned and not drop.nth:
            raise CorrectionsError(
                f"{drop.line}: '{drop.name}' is both pinned (line {pinned[key].line.number}) and dropped: keep one"
            )


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line on which each table and each key is written: tomllib does not say."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            parsed = tomllib.loads(stripped)
        except tomllib.TOMLDecodeError:
            continue  # the rest of a value written over several lines
        if stripped.startswith("["):
            table = ()
            while isinstance(parsed, dict) and parsed:
                key = next(iter(parsed))
                table, parsed = (*table, key), parsed[key]
            lines.setdefault(table, number)
        elif parsed:
            lines.setdefault((*table, next(iter(parsed))), number)
    return lines
