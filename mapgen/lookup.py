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


def candidates(index: PlaceIndex, name: str, *, loose: bool = False, online: bool = False) -> list[Candidate]:
    """Every candidate place for a name (the stages' one way of asking). A county
    written with its kind before it, as Irish and British news write it ("County
    Clare", "Co. Cavan"), is that county where the index holds the name without it."""
    found = index.candidates(name, loose=loose, online=online)
    if found or (county := county_less_its_kind(name)) is None:
        return found
    return [c for c in index.candidates(county, loose=loose, online=online) if c.feature == "admin"]


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
