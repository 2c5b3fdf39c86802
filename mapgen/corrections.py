"""A person's corrections to the places mapgen finds, read from a TOML file.

No resolver is always right; the desk that publishes the map has the last word,
in a file a non-programmer edits and the next build keeps:

    [pin]                                  # the place a name stands for
    Washington = 5815135                   # a GeoNames id
    "Al-Tanf" = { lat = 33.50, lon = 38.66, label = "Al-Tanf base" }

    [drop]                                 # names that are no place here
    names = ["Stryker"]
    Paris = [3]                            # only its 3rd mention

    [add]                                  # a place the article does not name as such
    "Front line" = { lat = 36.3, lon = 43.1, quote = "the front moved east" }

    [rename]                               # the label the map shows
    Mossoul = "Mossoul (vieille ville)"

    [mark]                                 # for the map's framing
    Mossoul = "focus"
    Irak = "context"

    ["other-article.txt".pin]              # the same sections, for one article only
    Georgia = 614540

The top-level sections apply to every article the file is used with; a table
named after an article's file holds that article's own, which win over them.
`ARTICLE.mapgen.toml` beside `ARTICLE.txt` is used without being named.

Reading (load) checks the file alone; applying (prepare, then finish) checks it
against the article and the index: pins go in before resolution, so that the
rest of the article is resolved with them as evidence; the rest after.
"""

from __future__ import annotations

import json
import re
import tomllib
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Final, cast, get_args

from .errors import CorrectionsError
from .model import Article, Candidate, Mention, Place, Role
from .names import name_key

SECTIONS = ("pin", "drop", "add", "rename", "mark")
ROLES: tuple[Role, ...] = get_args(Role)
CORRECTION_LABEL: Final = "CORRECTION"  # the label of mentions a correction found in the text, NER having missed them


class StaleCorrection(UserWarning):
    """A correction that no longer matches what mapgen finds (the article changed): it did nothing.

    A warning, not an error: the map is still right without it, but a person should look.
    """


@dataclass(frozen=True)
class Line:
    """Where a correction is written, so that an error can point to it."""

    path: str
    number: int
    for_all: bool  # in a table that applies to every article, not to one named

    def __str__(self) -> str:
        return f"{self.path}:{self.number}"


@dataclass(frozen=True)
class Spot:
    """A real place: one of the index's, by GeoNames id, or a point with its label."""

    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    label: str | None = None


@dataclass(frozen=True)
class Pin:
    """A name settled before resolution, so that the rest of the article is read with it as evidence."""

    name: str
    spot: Spot
    line: Line


@dataclass(frozen=True)
class Drop:
    """A name that is no place here, or only some of its mentions."""

    name: str
    nth: tuple[int, ...]  # which mentions, counted from 1; empty for every one
    line: Line


@dataclass(frozen=True)
class Addition:
    """A place the article does not name as such, shown with the words of it that it quotes."""

    name: str
    spot: Spot
    quote: str  # words of the article to quote in the popup
    line: Line


@dataclass(frozen=True)
class Rename:
    """The label the map shows instead of the name as the article writes it."""

    name: str
    label: str
    line: Line


@dataclass(frozen=True)
class Mark:
    """The place's part in the story, for the map's framing."""

    name: str
    role: Role
    line: Line


@dataclass(frozen=True)
class Corrections:
    """The corrections for one article (or for all, before an article's own are laid over them)."""

    pins: tuple[Pin, ...] = ()
    drops: tuple[Drop, ...] = ()
    additions: tuple[Addition, ...] = ()
    renames: tuple[Rename, ...] = ()
    marks: tuple[Mark, ...] = ()

    def over(self, shared: Corrections) -> Corrections:
        """These corrections laid over `shared`: for one name, the article's own win."""
        return Corrections(
            **{f.name: _overriding(getattr(shared, f.name), getattr(self, f.name)) for f in fields(self)}
        )


def _overriding(shared: tuple, own: tuple) -> tuple:
    names = {name_key(c.name) for c in own}
    return tuple(c for c in shared if name_key(c.name) not in names) + own


@dataclass(frozen=True)
class CorrectionsFile:
    path: str
    for_all: Corrections
    by_article: tuple[tuple[str, Corrections], ...]  # (article file name, its own corrections)

    def for_article(self, source: str) -> Corrections:
        """The corrections for the article read from `source` (a path, or '-')."""
        own = dict(self.by_article).get(Path(source).name)
        return own.over(self.for_all) if own else self.for_all


def beside(source: str | Path) -> Path | None:
    """The corrections file picked up by itself: ARTICLE.mapgen.toml beside ARTICLE.txt."""
    if str(source) == "-":
        return None
    path = Path(source).with_suffix(".mapgen.toml")
    return path if path.is_file() else None


# --- reading ----------------------------------------------------------------------


def load(path: str | Path) -> CorrectionsFile:
    """Read and check a corrections file; a mistake is a CorrectionsError naming its line."""
    name = str(path)
    try:
        text = Path(path).read_text("utf-8")
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


# --- applying ---------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """Corrections checked against an article: what resolution takes, and what it leaves to finish()."""

    mentions: tuple[Mention, ...]  # those the drops leave, and those of pinned names NER missed
    pinned: Mapping[str, Candidate]  # by names.name_key, for resolve.resolve
    additions: tuple[Place, ...]
    corrections: Corrections

    def finish(self, places: list[Place]) -> list[Place]:
        """The resolved places with the additions, renames and marks; a correction that matches
        no place is reported as a StaleCorrection warning."""
        places = sorted([*places, *self.additions], key=lambda p: p.mentions[0].start)
        changes: list[Rename | Mark] = [*self.corrections.renames, *self.corrections.marks]
        for change in changes:
            hits = [_names(p, change.name) for p in places]
            if not any(hits):
                _stale(change.line, f"'{change.name}' is not among the places on the map")
            places = [_changed(p, change) if hit else p for p, hit in zip(places, hits, strict=True)]
        return places


def _changed(place: Place, change: Rename | Mark) -> Place:
    if isinstance(change, Rename):
        return replace(place, name=change.label, renamed_from=place.renamed_from or place.name)
    return replace(place, role=change.role)


def _names(place: Place, name: str) -> bool:
    key = name_key(name)
    return key in (name_key(place.name), name_key(place.renamed_from or "")) or any(
        key in (name_key(m.text), name_key(m.name)) for m in place.mentions
    )


def prepare(article: Article, mentions: list[Mention], corrections: Corrections, geocoder) -> Prepared:
    """Check the corrections against the article and the index, and apply those that come
    before resolution: drops, and pins (with the mentions NER missed of a pinned name)."""
    named_ones: list[Pin | Drop | Rename | Mark] = [
        *corrections.pins,
        *corrections.drops,
        *corrections.renames,
        *corrections.marks,
    ]
    found = {name_key(m.name) for m in mentions} | {name_key(m.text) for m in mentions}
    for named in named_ones:
        if not named.line.for_all and name_key(named.name) not in found and not _occurrences(article.text, named.name):
            raise CorrectionsError(f"{named.line}: the article does not contain '{named.name}'")
    pins = {name_key(p.name): (p, _candidate(p.spot, p.name, geocoder, p.line)) for p in corrections.pins}
    kept = list(mentions) + [
        _mention(article.text, start, end)
        for key, (pin, _) in pins.items()
        if key not in found
        for start, end in _occurrences(article.text, pin.name)
    ]
    kept.sort(key=lambda m: m.start)
    for drop in corrections.drops:
        kept = _dropped(kept, drop, article.text)
    pinned = {
        name_key(m.name): pins[key][1] for m in kept for key in {name_key(m.name), name_key(m.text)} & pins.keys()
    }
    additions = tuple(_added(article.text, a, geocoder) for a in corrections.additions)
    return Prepared(tuple(kept), pinned, additions, corrections)


def _dropped(mentions: list[Mention], drop: Drop, text: str) -> list[Mention]:
    key = name_key(drop.name)
    its = [m for m in mentions if key in (name_key(m.name), name_key(m.text))]
    if not its:
        if _occurrences(text, drop.name):
            _stale(drop.line, f"'{drop.name}' is no longer found as a place, so there is nothing to drop")
        return mentions
    for nth in drop.nth:
        if nth > len(its):
            times = "once" if len(its) == 1 else f"{len(its)} times"
            _stale(drop.line, f"'{drop.name}' is mentioned {times}: it has no mention number {nth}")
    gone = {id(m) for i, m in enumerate(its, 1) if not drop.nth or i in drop.nth}
    return [m for m in mentions if id(m) not in gone]


def _candidate(spot: Spot, name: str, geocoder, line: Line) -> Candidate:
    if spot.geonameid is None:
        return Candidate(None, spot.label or name, "city", None, spot.lat, spot.lon)  # type: ignore[arg-type]
    from .geocode import by_geonameid  # geopy and the index only when a pin needs them

    found = by_geonameid(geocoder, spot.geonameid)
    if found is None:
        raise CorrectionsError(f"{line}: unknown GeoNames id {spot.geonameid} (not in the place-name index)")
    return replace(found, name=spot.label) if spot.label else found


def _added(text: str, addition: Addition, geocoder) -> Place:
    start = text.find(addition.quote)
    if start < 0:
        raise CorrectionsError(f'{addition.line}: the article does not contain the quote "{addition.quote}"')
    quoted = _mention(text, start, start + len(addition.quote))
    chosen = _candidate(addition.spot, addition.name, geocoder, addition.line)
    return Place(addition.name, chosen, 1.0, (quoted,), reasons=("added by a corrections file",), origin="added")


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Where the article writes the name, as a whole word, in any case."""
    pattern = re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)", re.IGNORECASE)
    return [match.span() for match in pattern.finditer(text)]


_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")


def _mention(text: str, start: int, end: int) -> Mention:
    """A stretch of the article with the sentence it stands in."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    sentence_start = before[-1] if before else 0
    after = _SENTENCE_END.search(text, end)
    sentence_end = after.end() if after else len(text)
    while sentence_start < start and text[sentence_start].isspace():
        sentence_start += 1
    sentence = text[sentence_start:sentence_end].rstrip()
    return Mention(text[start:end], start, end, sentence, sentence_start, CORRECTION_LABEL)


def _stale(line: Line, message: str) -> None:
    warnings.warn(StaleCorrection(f"{line}: stale correction: {message}"), stacklevel=2)


# --- writing ----------------------------------------------------------------------


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, save DEL, which TOML wants escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def spot_toml(spot: Spot, *more: str) -> str:
    """A spot as the value of a [pin] line, or with `more` key = value items of an [add] line."""
    if spot.geonameid is not None and not spot.label and not more:
        return str(spot.geonameid)
    where = (
        [f"geonameid = {spot.geonameid}"] if spot.geonameid is not None else [f"lat = {spot.lat}", f"lon = {spot.lon}"]
    )
    label = [f"label = {toml_string(spot.label)}"] if spot.label else []
    return "{ " + ", ".join([*where, *label, *more]) + " }"


def spot_of(candidate: Candidate) -> Spot:
    """The spot that pins a name to this candidate: its GeoNames id, else its point and name."""
    if candidate.geonameid is not None:
        return Spot(geonameid=candidate.geonameid)
    return Spot(lat=round(candidate.lat, 5), lon=round(candidate.lon, 5), label=candidate.name)


def pin_line(name: str, candidate: Candidate) -> str:
    """The [pin] line that chooses this candidate for the name, with what the place is after a #."""
    return f"{toml_string(name)} = {spot_toml(spot_of(candidate))}  # {describe(candidate)}"


def drop_line(name: str) -> str:
    """The [drop] line that takes the name off the map."""
    return f"{toml_string(name)} = true"


def entries(corrections: Corrections) -> dict[str, dict[str, str]]:
    """Every correction as a TOML value under its section and name, for a page that writes them back."""
    return {
        "pin": {p.name: spot_toml(p.spot) for p in corrections.pins},
        "drop": {d.name: json.dumps(list(d.nth)) if d.nth else "true" for d in corrections.drops},
        "add": {a.name: spot_toml(a.spot, f"quote = {toml_string(a.quote)}") for a in corrections.additions},
        "rename": {r.name: toml_string(r.label) for r in corrections.renames},
        "mark": {m.name: toml_string(m.role) for m in corrections.marks},
    }


def describe(candidate: Candidate, area: str | None = None) -> str:
    """A candidate in a few words: name, admin area (its name when the index gives one, else
    its GeoNames code), country, what it is, how many live there, and which source of the
    index it came from."""
    where = ", ".join(part for part in (candidate.name, area or candidate.admin1, candidate.country) if part)
    people = f", population {candidate.population:,}" if candidate.population else ""
    source = f", from {candidate.source}" if candidate.source else ""
    return f"{where} ({candidate.feature}{people}{source})"


def starting_file(source: str, places: list[Place]) -> str:
    """A corrections file for the article with every choice written out and commented out:
    uncomment a line to apply it."""
    pins, drops = [], []
    for place in places:
        pins.append(f"## {place.name}: now {describe(place.chosen)}, confidence {place.confidence:.2f}")
        pins.extend(f"# {pin_line(place.name, other)}" for other in place.runners_up)
        drops.append(f"# {drop_line(place.name)}")
    header = f"# mapgen corrections for {Path(source).name}: remove the # before a line to apply it.\n"
    return header + "\n[pin]\n" + "\n".join(pins) + "\n\n[drop]\n" + "\n".join(drops) + "\n"
