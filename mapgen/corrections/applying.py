"""Applying corrections to an article: checked against it and the index; drops and pins
before resolution (prepare), additions, renames and marks after (Prepared.finish)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..errors import CorrectionsError
from ..model import Article, Candidate, Mention, Place
from ..names import name_key
from .records import CORRECTION_LABEL, Addition, Corrections, Drop, Line, Mark, Pin, Rename, Spot, StaleCorrection


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
        if not named.line.for_all and not _in_article(named.name, article.text, found):
            raise CorrectionsError(f"{named.line}: the article does not contain '{named.name}'")
    spots = {p: _candidate(p.spot, p.name, geocoder, p.line) for p in corrections.pins}  # every id checked
    corrections = for_article(corrections, article.text, found)
    pins = {name_key(p.name): (p, spots[p]) for p in corrections.pins}
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


def for_article(corrections: Corrections, text: str, found: set[str] | frozenset[str] = frozenset()) -> Corrections:
    """The corrections that speak of this article: a section for every article says nothing of
    one that does not name the place, so such a correction is passed over, not stale. `found`
    holds the names_key of the names found in it, beside those the text spells out."""

    def concerns(correction: Pin | Drop | Rename | Mark) -> bool:
        return not correction.line.for_all or _in_article(correction.name, text, found)

    return Corrections(
        pins=tuple(filter(concerns, corrections.pins)),
        drops=tuple(filter(concerns, corrections.drops)),
        additions=tuple(a for a in corrections.additions if not a.line.for_all or a.quote in text),
        renames=tuple(filter(concerns, corrections.renames)),
        marks=tuple(filter(concerns, corrections.marks)),
    )


def _in_article(name: str, text: str, found: set[str] | frozenset[str]) -> bool:
    return name_key(name) in found or bool(_occurrences(text, name))


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
    found = geocoder.by_geonameid(spot.geonameid)
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
