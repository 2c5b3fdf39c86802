"""What the words around a name say it names, when it is not the town it spells.

A town's name is also the name of its road ("la route de Lyon", "Portland
Road", "Ohio 83"), of rivers and lakes ("the Licking", "el río Lerma"), of a
storm ("la tempête Hélène") and of institutions ("Universidad de Cuenca").
Real local news writes such names far more often than the dev sets' wire
copy did, and each was mapped as its town at 0.9 and over. The words that say
so are each language's own (mapgen.languages); this module reads them.

A street or a storm is no place at all (extract drops the mention); a name
with a water word beside it stands for the feature, never for its town
(resolve keeps only candidates of that kind); a name inside an institution's
name may still mean the place, so it is only evidence, weighed by the fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from . import languages

# A capitalised word, in the scripts the languages write
_CAPITALISED = r"[A-ZÀ-ÞА-Я][\w'’-]*"
# What ends a sentence or a line before its first word
_OPENS = re.compile(r"(?:^|[.!?:;\"“”«»(\n—–]|\s-)\s*$")

# The list that goes on after a street word: "las calles Colima, Tabasco y Zacatecas".
_NAME = r"[A-ZÀ-ÞА-Я][\w'’.-]*(?:\s+(?:de|del|la|las|los|du|des|of)?\s*[A-ZÀ-ÞА-Я][\w'’.-]*)*"


@dataclass(frozen=True)
class Patterns:
    """A language's words as the patterns that look before and after a name."""

    street_before: re.Pattern[str]  # "route de " ending right before the name
    street_after: re.Pattern[str]  # " Road" starting right after it
    street_list: re.Pattern[str]  # "las calles " then a list of names
    route_number: re.Pattern[str]  # " 83" after a state's name
    water_before: re.Pattern[str]
    water_after: re.Pattern[str]
    water_list: re.Pattern[str]  # "the Ohio, Muskingum and Licking rivers"
    storm_before: re.Pattern[str]
    institution_before: re.Pattern[str]
    institution_after: re.Pattern[str]
    word_before: re.Pattern[str]  # "Werder ", "Kees van ", "Mall of " ending right before the name
    word_after: re.Pattern[str]  # " Zoo", " Broadcasting" starting right after it
    street_word: re.Pattern[str]  # "Rua", "Calle": a street word itself, opening the street's name
    street_name_after: re.Pattern[str]  # " de Coimbra": the street's name after its word
    club_before: re.Pattern[str]  # "EV ", "Sporting de ", "«Динамо» " ending right before the name
    club_after: re.Pattern[str]  # " United", " Calcio" starting right after it
    person_before: re.Pattern[str]  # "Landrätin Martina ", "le maire Jean " ending right before the name
    first_name_before: re.Pattern[str]  # "Anna " ending right before the name
    first_name: re.Pattern[str]  # "Marco": a first name, the whole name
    nickname_before: re.Pattern[str]  # "les Cataractes de ": a team's nickname, the name of its town after it


def _words(codes: tuple[str, ...], field: str) -> str:
    """One field's words over the languages, as alternatives: longest first, spaces loose. A word
    opening with "-" ends a capitalised compound ("-polizei": Kantonspolizei)."""
    words = sorted(
        dict.fromkeys(w for code in codes for w in getattr(languages.get(code), field)), key=len, reverse=True
    )
    compounds = [rf"[A-ZÀ-Þ]\w*{re.escape(w[1:])}" for w in words if w.startswith("-")]
    words = [w for w in words if not w.startswith("-")]
    cased = [*compounds, *(re.escape(w).replace(r"\ ", r"\s+") for w in words if not w.islower())]
    loose = [re.escape(w).replace(r"\ ", r"\s+") for w in words if w.islower()]
    return "|".join([*cased, *(f"(?i:{w})" for w in loose)]) or "(?!)"


def _titles(codes: tuple[str, ...]) -> str:
    """The languages' person titles as alternatives, in any case; "-meister" ends a compound ("Bürgermeister")."""
    titles = sorted(
        dict.fromkeys(t for code in codes for t in languages.get(code).person_titles), key=len, reverse=True
    )
    words = [rf"\w*{re.escape(t[1:])}" if t.startswith("-") else re.escape(t).replace(r"\ ", r"\s+") for t in titles]
    return f"(?i:{'|'.join(words)})" if words else "(?!)"


@cache
def patterns(language: str) -> Patterns:
    """The patterns of the article's language, with English's too: news in any language
    quotes English road and river names ("la Interstate 10")."""
    codes = tuple(dict.fromkeys((language, "en"))) if language in languages.CODES else ("en",)
    linkers = _words(codes, "linkers")
    joiners = _words(codes, "list_joiners")
    before = rf"\b(?:{{words}})\.?(?:\s+(?:{linkers}))?\s*$"
    after = r"^\s+(?:{words})\b"
    glued = "?" if language in languages.CODES and languages.get(language).capitalises_nouns else ""
    # clubs are written in their own language whatever the article's: every language's words
    clubs_before = _words(languages.CODES, "club_before")
    every_linker = _words(languages.CODES, "linkers")
    return Patterns(
        street_before=re.compile(before.format(words=_words(codes, "street_before"))),
        street_after=re.compile(after.format(words=_words(codes, "street_after"))),
        street_list=re.compile(  # the words in any case, the names capitalised
            rf"\b(?:{_words(codes, 'street_plural')})(?:\s+(?:{linkers}))?\s+({_NAME}(?:\s*(?:,|\b(?:{joiners})\b)\s*{_NAME})+)"
        ),
        route_number=re.compile(
            r"^\s+\d{1,3}[A-Z]?\b(?![.,:/]\d)(?!\s*(?:%|percent|per\s+cent|por\s+ciento|pour\s+cent))"
        ),
        water_before=re.compile(before.format(words=_words(codes, "water_before"))),
        water_after=re.compile(after.format(words=_words(codes, "water_after"))),
        water_list=re.compile(rf"^(?:\s*(?:,|\b(?:{joiners})\b)\s*{_NAME})*\s+(?:{_words(codes, 'water_plural')})\b"),
        storm_before=re.compile(rf"\b(?:{_words(codes, 'storm_before')})\s+$"),
        # a linker between, or where every noun is capitalised none: "Universität Hamburg", "Kantonspolizei Bern"
        institution_before=re.compile(
            rf"\b(?:{_words(codes, 'institution_before')})\s+(?:[A-ZÀ-Þ][\w'’-]*\s+)*(?:{linkers}){glued}\s*$"
        ),
        institution_after=re.compile(rf"^[\s-]+(?:[A-Z][\w'’-]*[\s-]+)*(?:{_words(codes, 'institution_after')})\b"),
        word_before=re.compile(rf"\b({_CAPITALISED})\s+(?:(?:{linkers})(?:\s+|(?<=['’])))?$"),
        word_after=re.compile(rf"[ \t]+({_CAPITALISED})"),
        street_word=re.compile(rf"(?i:{_words(codes, 'street_before')})"),
        street_name_after=re.compile(rf"^\s+(?:(?:{linkers})\s+)?{_CAPITALISED}"),
        club_before=re.compile(
            rf"(?<![\w.])(?:{clubs_before})[»”\"']?(?:\s+{_CAPITALISED}){{0,2}}(?:\s+(?:{every_linker}))?\s*[»”\"']?\s*$"
        ),
        club_after=re.compile(rf"^\s+(?:{_words(languages.CODES, 'club_after')})(?![\w-])"),
        person_before=re.compile(rf"(?<![\w-])(?:{_titles(codes)})\s+{_CAPITALISED}(?:\s+{_CAPITALISED})?\s+$"),
        first_name_before=re.compile(rf"(?<![\w'’.-])(?:{_words(languages.CODES, 'first_names')})[ \t]+$"),
        first_name=re.compile(_words(languages.CODES, "first_names")),
        nickname_before=re.compile(
            rf"(?<![\w'’])(?i:{_words(codes, 'plural_articles')})\s+([A-ZÀ-Þ][\w'’-]*[sx])(?:\s+[A-ZÀ-Þ][\w'’-]*)?"
            rf"\s+(?:{linkers})(?:\s+|(?<=['’]))$"
        ),
    )


LOOK = 60  # characters read on either side of a name


def _before(text: str, start: int) -> str:
    return text[max(0, start - LOOK) : start]


def _after(text: str, end: int) -> str:
    return text[end : end + LOOK]


def streets(text: str, language: str) -> list[tuple[int, int]]:
    """The spans of the names in street lists: "las calles Colima, Tabasco y Zacatecas"."""
    return [m.span(1) for m in patterns(language).street_list.finditer(text)]


def is_street(text: str, start: int, end: int, language: str, state_names: Callable[[], bool]) -> bool:
    """A road, not the town it is named after: "route de Lyon", "Portland Road",
    and, for a state's name (`state_names()`, asked only then), a route number after it ("Ohio 83")."""
    p = patterns(language)
    if p.street_before.search(_before(text, start)) or p.street_after.match(_after(text, end)):
        return True
    if p.route_number.match(_after(text, end)) is None or not state_names():
        return False
    return not (_SCORE_BEFORE.search(_before(text, start)) or _SCORE_AFTER.match(_after(text, end)))


# A game's score, not a route: "Ohio 3, Michigan 2", "Michigan 2: the game"
_SCORE_BEFORE = re.compile(r"\d\s*[,;–-]\s*$")
_SCORE_AFTER = re.compile(r"^\s+\d{1,3}\s*(?::|[,;–-]\s*[A-Z][\w.'’ ]{0,30}?\s\d)")


def opens_street(text: str, start: int, end: int, language: str) -> bool:
    """A street word that opens a street's name, read as a town of that name: "a Rua de Coimbra"."""
    p = patterns(language)
    return (
        p.street_word.fullmatch(text, start, end) is not None
        and p.street_name_after.match(_after(text, end)) is not None
    )


def in_club(text: str, start: int, end: int, language: str) -> bool:
    """A town inside a sports club's name: "EV Landshut", "Sporting de Bafatá", "«Динамо» Дрезден",
    "Leeds United". The club is meant, not the town."""
    p = patterns(language)
    return bool(p.club_before.search(_before(text, start)) or p.club_after.match(_after(text, end)))


def after_person_title(text: str, start: int, language: str) -> bool:
    """A surname after a title and a first name: "Landrätin Martina Jena", "le maire Jean Vienne"."""
    return patterns(language).person_before.search(_before(text, start)) is not None


def first_name_before(text: str, start: int, language: str) -> int | None:
    """Where the first name starts, when the name is a surname after one without a title: "Anna
    Judenburg", "Maria Trindade". The caller leaves out names the gazetteer holds whole ("Maria Enzersdorf")."""
    return _start_of(patterns(language).first_name_before, text, start, 0)


def surname_after(text: str, start: int, end: int, language: str) -> int | None:
    """Where the surname ends, when the name is a first name with one after it: "il sindaco, Marco
    Feltre", "Luca Rimini". The caller keeps names the gazetteer holds whole ("Santa Rosa" is no
    first name; "Maria Enzersdorf" is a town)."""
    if patterns(language).first_name.fullmatch(text, start, end) is None:
        return None
    surname = _SURNAME.match(text, end)
    return None if surname is None else surname.end()


_SURNAME = re.compile(rf"[ \t]+{_CAPITALISED}")


def team_nickname(text: str, start: int, language: str) -> int | None:
    """Where the team's nickname starts, when the name follows one and a linker: "les Cataractes de
    Shawinigan", "los Tigres de Monterrey". The caller leaves out nicknames the gazetteer holds
    with the name ("Las Palmas de Gran Canaria")."""
    return _start_of(patterns(language).nickname_before, text, start, 1)


def _start_of(pattern: re.Pattern[str], text: str, start: int, group: int) -> int | None:
    """Where the pattern's group starts in the text, when the pattern ends right before `start`."""
    found = pattern.search(text, max(0, start - LOOK), start)
    return None if found is None else found.start(group)


def is_storm(text: str, start: int, language: str) -> bool:
    """A storm's name: "la tempête Hélène", "el huracán Florence"."""
    return patterns(language).storm_before.search(_before(text, start)) is not None


def is_water(text: str, start: int, end: int, language: str) -> bool:
    """A river, lake or bay: a water word beside the name ("the River Severn",
    "Lake Geneva", "el río Lerma", "la crue du Doubs") or after its list ("the
    Ohio, Muskingum and Licking rivers")."""
    p = patterns(language)
    after = _after(text, end)
    return bool(p.water_before.search(_before(text, start)) or p.water_after.match(after) or p.water_list.match(after))


def in_institution(text: str, start: int, end: int, language: str) -> bool:
    """Inside an institution's name: "Universidad de Cuenca", "centre hospitalier de
    Villeneuve", "the Moscow-Pullman Daily News"."""
    p = patterns(language)
    return bool(p.institution_before.search(_before(text, start)) or p.institution_after.match(_after(text, end)))


# What follows a river's bare name in a sentence: a verb, a preposition or punctuation, not a noun it
# qualifies ("the Ohio was expected to crest", "into the Ohio between", but not "the Ohio State Highway Patrol")
_AFTER_A_RIVER = re.compile(
    r"^(?:\s*[,.;:)]|\s+(?:was|is|were|are|has|had|rose|crested|crests|flows|flowed|empties|reached|will|would"
    r"|between|at|near|in|into|from|to|and|or|below|above|upstream|downstream|north|south|east|west)\b)"
)


def river_by_article(text: str, start: int, end: int, language: str) -> bool:
    """An area's bare name after the article a river takes where an area takes none:
    "the Ohio was expected to crest" is the river, not the state."""
    article = languages.get(language).river_article if language in languages.CODES else None
    if article is None or not re.search(rf"\b{article}\s+$", _before(text, start), re.IGNORECASE):
        return False
    return _AFTER_A_RIVER.match(_after(text, end)) is not None


def words_run_into(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """The capitalised words a name runs into, as spans: one before it that does not open its
    sentence, across a linker ("Werder Bremen", "Kees van Tilburg", "Mall of Asia"), and one right
    after it ("Dresden Zoo", "Kenya Broadcasting Corporation"). A name run into other names is often
    a club's, a firm's or a person's; the caller leaves out those that are places themselves. Where
    every noun is capitalised (German), a noun of place before the name ("die Stadt Berlin") and a
    word after it ("in Wolgast Bäume") are the sentence's nouns, unless the word is an abbreviation
    ("Hertha BSC")."""
    p = patterns(language)
    spans = []
    before = p.word_before.search(text, max(0, start - LOOK), start)
    known = languages.get(language) if language in languages.CODES else None
    nouns = known.place_nouns if known else ()
    capitalises_nouns = known is not None and known.capitalises_nouns
    if (
        before
        and before.group(1) not in nouns
        and not _OPENS.search(text, max(0, before.start(1) - LOOK), before.start(1))
    ):
        spans.append(before.span(1))
    after = p.word_after.match(text, end)
    if after and (not capitalises_nouns or after.group(1).isupper()):
        spans.append(after.span(1))
    return spans
