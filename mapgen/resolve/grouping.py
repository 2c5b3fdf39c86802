"""Each name of the article with the places it may stand for: its mentions grouped
by name, the gazetteer's candidates for it (under an abbreviation, a state's
postal code, or with an area's kind before or after it), and the hints written beside
it ("Mossoul (Irak)", "Decatur, Ill.")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from .. import languages, surroundings
from ..abbreviations import expand, readings
from ..geocode import PlaceIndex
from ..labels import DATELINE_LABEL, DEMONYM_LABEL, LOOK_BEHIND, NOT_MARKED, PLACE_LABELS
from ..lookup import candidates, county_less_its_kind
from ..model import Article, Candidate, Mention
from ..names import initials, name_key
from .evidence import Name

# In French and Spanish, towns take no article ("à Paris", "en Madrid");
# countries and regions do ("la Syrie", "el Sahel"). A name that only ever
# follows one and is a town by the gazetteer is more likely a building or an
# institution: "la Maison Blanche" (the White House) is not the Paris quarter
# of that name. Names whose article is their own ("Le Havre", "La Paz") are
# kept whole by extract. English puts "the" before towns used as modifiers
# ("the Glasgow area"), so it is left out.
_DEFINITE_ARTICLE_BEFORE = {
    code: re.compile(rf"(?:^|[^\w'’])(?:{languages.alternation(words)})\s*$", re.IGNORECASE)
    for code in languages.CODES
    if (words := languages.get(code).definite_articles)
}

# In German, Italian, Portuguese and Dutch a town takes no article either, and a river, a lake, a sea or a
# range does ("der Rhein", "il Po", "o Tejo", "de Maas", "das Erzgebirge"): a name after one of their
# articles that a natural feature bears is not the town of that name.
_ARTICLE_BEFORE = {
    code: re.compile(rf"(?:^|[^\w'’])(?:{languages.words_before(words)})$", re.IGNORECASE)
    for code in languages.CODES
    if (words := languages.get(code).articles)
}

# "Decatur, Ill.", "WILMINGTON, N.C. (AP)", "Wilmington, NC": a state as news agencies abbreviate it
_ABBREVIATION_HINT = re.compile(r",\s*((?:[A-Z][a-z]{0,4}\.){1,3}|[A-Z]{2,3}\b)(?![\w.])")
_BRACKET_HINT = re.compile(r"\s*\(([^()]{2,40})\)")
_LIST_GOES_ON = re.compile(rf",?\s+(?:{languages.alternation(languages.every('list_joiners'))})\s+[A-ZÀ-Þ]")
_COMMA_HINT = re.compile(r",\s*([A-ZÀ-Þ][\w.'’ -]{1,30}?)(?=[,.;:)]|\s+[a-zà-ÿ]|$)")


def group_names(
    article: Article, mentions: list[Mention], geocoder: PlaceIndex, every: Sequence[Mention] = ()
) -> list[Name]:
    """The mentions grouped by name, each name with its candidates and hints; `every` is all the
    article's mentions, demonyms and frames too, whose initials an abbreviation may be."""
    text, article_before = article.text, _DEFINITE_ARTICLE_BEFORE.get(article.language)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[name_key(mention.name)].append(mention)
    names = []
    groups = [split for key, same in by_key.items() for split in _water_and_area(key, same, article)]
    for key, group in groups:
        found = candidates(geocoder, group[0].name)
        if not found and any(m.label in PLACE_LABELS for m in group):
            found = candidates(geocoder, group[0].name, online=True)
        spelled_out = _initials_named(group[0].name, every, geocoder)
        found = [
            *found,
            *(
                c
                for full in readings(group[0].name)
                for c in candidates(geocoder, full)
                if c.feature == "admin" and name_key(c.name) == name_key(full)
            ),
            *(c for full in spelled_out for c in candidates(geocoder, full) if name_key(c.name) == name_key(full)),
        ]
        if not found:
            found = _area_less_its_kind(group[0].name, geocoder)
        loose = not found
        if loose:
            found = candidates(geocoder, group[0].name, loose=True)
        if any(m.stands_for and expand(m.text, after_comma=True) == m.stands_for for m in group):
            found = [c for c in found if c.feature == "admin"] or found  # "Wash.", "Calif.": the state, not a town
        if any(m.label == DATELINE_LABEL for m in group):
            found = [c for c in found if c.feature == "city"] or found  # a dateline names a town
        kind_before = any(
            _AREA_KIND_BEFORE.search(text, max(0, m.start - LOOK_BEHIND), m.start) or county_less_its_kind(m.name)
            for m in group
        )
        if kind_before:
            found = [c for c in found if c.feature != "city"] or found  # "la provincia de Almería": not its town
        if any(surroundings.is_water(text, m.start, m.end, article.language) for m in group):
            found = [c for c in found if c.feature == "site"]  # "the Licking", "el río Lerma": never the town
        elif any(surroundings.river_by_article(text, m.start, m.end, article.language) for m in group):
            found = [c for c in found if c.feature == "site"] or found  # "the Ohio was expected to crest"
        elif any(c.feature == "site" for c in found) and _after_article(
            text, group, _ARTICLE_BEFORE.get(article.language)
        ):
            found = [c for c in found if c.feature != "city"]  # "die Elbe", "il Po": not the towns of that name
        if found:
            hints = tuple(h for m in group for h in _hints_after(text, m, geocoder))
            after_article = article_before is not None and all(
                article_before.search(text, max(0, m.start - LOOK_BEHIND), m.start) for m in group
            )
            names.append(
                Name(
                    key,
                    tuple(group),
                    tuple(found),
                    loose,
                    hints,
                    after_article,
                    readings=spelled_out,
                    in_language=_called_so(key, found, article.language, geocoder),
                    kind_before=kind_before,
                    in_institution=sum(
                        surroundings.in_institution(text, m.start, m.end, article.language) for m in group
                    )
                    / len(group),
                    runs_into_name=sum(_runs_into_name(article, m, every) for m in group) / len(group),
                )
            )
    return names


def _water_and_area(key: str, group: list[Mention], article: Article) -> list[tuple[str, list[Mention]]]:
    """The mentions of one name, as two names where some have a water word beside them and others an
    area's kind before them: "o rio Tocantins" is the river, "no estado do Tocantins" the state."""
    text = article.text
    water = [m for m in group if surroundings.is_water(text, m.start, m.end, article.language)]
    if not water or len(water) == len(group):
        return [(key, group)]
    area = [m for m in group if _AREA_KIND_BEFORE.search(text, max(0, m.start - LOOK_BEHIND), m.start)]
    if not area:
        return [(key, group)]
    return [(key, water), (key, [m for m in group if m not in water])]


def _runs_into_name(article: Article, mention: Mention, every: Sequence[Mention]) -> bool:
    """Whether the mention runs into a capitalised word that names no place of the article: "Werder
    Bremen", "Holger Wedel", "the Dresden Zoo" (surroundings.words_run_into)."""
    places = [m for m in every if m.label not in NOT_MARKED and m != mention]
    return any(
        not any(m.start < end and start < m.end for m in places)
        for start, end in surroundings.words_run_into(article.text, mention.start, mention.end, article.language)
    )


# An area's kind before its name: "la provincia de Almería", "le département du Var", "the state of Victoria".
_AREA_KIND_BEFORE = re.compile(
    rf"\b(?:{languages.alternation(languages.every('area_kinds_before'))})"
    rf"\s+(?:{languages.alternation(languages.every('area_kind_joiners'))})\s*$",
    re.IGNORECASE,
)

# The kind of a first-level area as English writes it after the area's name: "Oaxaca State", "Akita Prefecture".
# (Counties are left out: the gazetteer knows them with their kind, and "Kent County" is no county of Kent.)
_AREA_KIND_AFTER = re.compile(rf"\s+(?:{languages.alternation(languages.every('area_kinds_after'))})$", re.IGNORECASE)


def _after_article(text: str, group: list[Mention], pattern: re.Pattern[str] | None) -> bool:
    return pattern is not None and any(pattern.search(text, max(0, m.start - LOOK_BEHIND), m.start) for m in group)


def _area_less_its_kind(name: str, geocoder: PlaceIndex) -> list[Candidate]:
    """The areas a name the gazetteer does not hold may be, written with its kind after it."""
    bare = _AREA_KIND_AFTER.sub("", name)
    return [c for c in candidates(geocoder, bare) if c.feature == "admin"] if bare != name else []


def _called_so(key: str, found: list[Candidate], language: str, geocoder: PlaceIndex) -> frozenset[Candidate]:
    """The candidates whose name in the article's language is this one: a French "Pérou" is
    Peru by its own name there, not by one of its other names, as "Salisbury" is Harare. A name in
    the letters of a language that has its own script ("Женева" in Russian, "Волга" for the river
    Natural Earth calls Volga) is each place's own name in it, as the index keeps few such names as a
    language's own."""
    script = languages.get(language).script if language in languages.CODES else None
    if script and re.search(f"[{script}]", key):
        return frozenset(
            c for c in found if (c.geonameid is not None or c.feature == "site") and name_key(c.name) != key
        )
    return frozenset(
        c
        for c in found
        if c.geonameid is not None
        and name_key(c.name) != key
        and name_key(geocoder.local_name(c.geonameid, language) or "") == key
    )


def _initials_named(name: str, every: Sequence[Mention], geocoder: PlaceIndex) -> tuple[str, ...]:
    """The countries, named in the article or whose people it names, of which two or three
    capitals are the initials: "SA" beside "South Africans" is South Africa."""
    if not (2 <= len(name) <= 3 and name.isalpha() and name.isupper()):
        return ()
    found: list[str] = []
    for m in every:
        if initials(m.text) != name or len(m.text.split()) < 2:
            continue
        if m.label == DEMONYM_LABEL:  # the country's name is the people's less an ending: South Africa(ns)
            code = geocoder.demonym_country(m.text)
            stems = [m.text[: len(m.text) - cut] for cut in range(4)]
            found.extend(
                c.name
                for stem in stems
                for c in candidates(geocoder, stem)
                if c.country == code and c.feature == "country"
            )
        else:
            found.extend(c.name for c in candidates(geocoder, m.name) if c.feature == "country")
    return tuple(dict.fromkeys(found))


def _hints_after(text: str, mention: Mention, geocoder: PlaceIndex) -> list[Candidate]:
    """Countries and admin areas written right after the mention, in brackets or after a comma;
    none where the words after the comma go on into a list: "stops in Washington, New York and
    Boston" is no Washington of New York State."""
    after_comma = _COMMA_HINT.match(text, mention.end)
    if after_comma and _LIST_GOES_ON.match(text, after_comma.end()):
        return []
    hints: list[Candidate] = []
    abbreviated = _ABBREVIATION_HINT.match(text, mention.end)
    full = abbreviated and expand(abbreviated.group(1), after_comma=True)
    if full:
        # the state, or where the gazetteer gives the name to a town alone ("D.C.", the District of Columbia),
        # that town, whose state is the hint's
        found = candidates(geocoder, full)
        return [c for c in found if c.feature == "admin"] or [c for c in found if c.feature == "city" and c.admin1]
    for match in (_BRACKET_HINT.match(text, mention.end), after_comma):
        if match:
            hints.extend(c for c in candidates(geocoder, match.group(1).strip()) if c.feature in ("country", "admin"))
    return hints
