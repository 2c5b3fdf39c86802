"""Writing corrections back as TOML: the lines --review suggests, the file it starts
from, and the values the editor's page writes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from ..model import Candidate, Place
from ..visible import visible
from .records import Corrections, Spot

# Left raw by JSON: DEL, which TOML wants escaped, and what a terminal showing the line would obey.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's; DEL and the controls JSON leaves raw escaped too."""
    return _RAW_IN_JSON.sub(lambda c: f"\\u{ord(c.group()):04x}", json.dumps(text, ensure_ascii=False))


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


def pin_line(name: str, candidate: Candidate, area: str | None = None) -> str:
    """The [pin] line that chooses this candidate for the name, with what the place is after a #
    (in `area`, the name of its admin area, when the index gives one)."""
    return f"{toml_string(name)} = {spot_toml(spot_of(candidate))}  # {describe(candidate, area)}"


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
    return visible(f"{where} ({candidate.feature}{people}{source})")


def starting_file(source: str, places: list[Place], area: Callable[[Candidate], str | None] | None = None) -> str:
    """A corrections file for the article with every choice written out and commented out:
    uncomment a line to apply it. `area` names a candidate's admin area (lookup.area_of)."""
    named = area or (lambda candidate: None)
    pins, drops = [], []
    for place in places:
        now = describe(place.chosen, named(place.chosen))
        pins.append(f"## {visible(place.name)}: now {now}, confidence {place.confidence:.2f}")
        pins.extend(f"# {pin_line(place.name, other, named(other))}" for other in place.runners_up)
        drops.append(f"# {drop_line(place.name)}")
    header = f"# mapgen corrections for {visible(Path(source).name)}: remove the # before a line to apply it.\n"
    return header + "\n[pin]\n" + "\n".join(pins) + "\n\n[drop]\n" + "\n".join(drops) + "\n"
