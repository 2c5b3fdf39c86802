"""Asking a place index (geocode.PlaceIndex) as every stage asks it.

The index answers for a name as written; the ways articles write a name the
index holds otherwise ("County Clare" for Clare) are undone here, once, for
extract and resolve alike.
"""

from __future__ import annotations

import re

from . import languages
from .geocode import PlaceIndex
from .model import Candidate
from .names import name_key


def candidates(index: PlaceIndex, name: str, *, loose: bool = False, online: bool = False) -> list[Candidate]:
    """Every candidate place for a name (the stages' one way of asking). A county
    written with its kind before it, as Irish and British news write it ("County
    Clare", "Co. Cavan"), is that county where the index holds the name without it."""
    found = index.candidates(name, loose=loose, online=online) + _romanised_sites(index, name)
    if found or (county := county_less_its_kind(name)) is None:
        return found
    return [c for c in index.candidates(county, loose=loose, online=online) if c.feature == "admin"]


def _romanised_sites(index: PlaceIndex, name: str) -> list[Candidate]:
    """The rivers, lakes and ranges that bear a name in a non-Latin script in Latin letters ("Волга" →
    Volga, "Байкал" → Lake Baikal, as a lake's bare name is in Russian): Natural Earth names them so only.
    Their own names only, as a feature's other names include those of the rivers it flows into."""
    found: list[Candidate] = []
    for language in _ROMANISED:
        if not re.search(f"[{language.script}]", name):
            continue
        for latin in languages.romanised(name, language):
            for form in (latin, f"Lake {latin}"):
                found += [
                    c
                    for c in index.candidates(form)
                    if c.feature == "site" and name_key(c.name) == name_key(form) and c not in found
                ]
    return found


# the languages whose script's names are also looked up in Latin letters
_ROMANISED = tuple(
    language for code in languages.CODES if (language := languages.get(code)).romanisation and language.script
)


def county_less_its_kind(name: str) -> str | None:
    """The county's name in "County Clare" or "Co. Cavan"; None for a name not so written."""
    for pattern in _KIND_BEFORE_NAME:
        county = pattern.match(name)
        if county:
            return county.group(1)
    return None


# each language's way of writing an area's kind before its name (languages.Language.kind_before_name)
_KIND_BEFORE_NAME = tuple(
    re.compile(pattern) for code in languages.CODES if (pattern := languages.get(code).kind_before_name)
)


def area_of(index: PlaceIndex, candidate: Candidate) -> str | None:
    """The name of the area a place lies in ('Leinster', not its code 'L'), for a person to
    read; None for an admin area itself, or a place without codes."""
    c = candidate
    if not (c.country and c.admin1) or c.feature == "admin":
        return None
    return index.area_name(c.country, c.admin1, c.admin2)
