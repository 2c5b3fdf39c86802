"""Find the words of an article that name places.

spaCy's named-entity recogniser does the reading. What it calls a location is
taken; what it calls a person or an organisation is not, whatever a gazetteer
says ("New York Times", "Paris Hilton"), unless it is a country's name, an
organisation's name opens with one ("the U.S. Army"), or it is a place's own
name of a word or three that no person of the article bears ("Castlegar", which
spaCy reads as a man); what it leaves open (French MISC, English FAC) is kept
when the gazetteer knows the name. The resolver asks more evidence of all but
locations. An abbreviation the article defines ("New South Wales (NSW)") stands
for its place wherever it is used. Capitalised words NER left out of every
entity, or put in a miscellaneous one it ran on past them, are proposed where
the gazetteer holds them whole as a place's own name (label GAZETTEER), for
the resolver to weigh as such.

pipeline.py loads spaCy's pipelines and reads a text with them, in chunks when
it is long; sentences.py quotes each mention's sentence; labels.py names the
labels; cuts.py cuts names again where the gazetteer knows them; the rules
that turn the recogniser's entities into mentions are here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import cache
from typing import TypeGuard

from .. import languages, surroundings
from ..abbreviations import expand
from ..errors import ExtractError
from ..geocode import PlaceIndex
from ..labels import (
    DATELINE_LABEL,
    DEMONYM_LABEL,
    FRAME_LABEL,
    GAZETTEER_LABEL,
    GROUP_LABELS,
    IN_NAME_LABEL,
    LOOK_BEHIND,
    NAME_LABELS,
    OPEN_LABELS,
    PERSON_LABELS,
    PLACE_LABELS,
)
from ..lookup import candidates
from ..model import NER_LABELS, Article, Mention, NerLabel
from ..names import initials, name_key
from .cuts import names_cut_right, own_name
from .pipeline import CHUNK_CHARS, MODELS, load_pipeline, read, read_all, recogniser
from .rules import BASE_FORMS
from .sentences import QUOTE_CHARS, Sentences

__all__ = [
    "CHUNK_CHARS",
    "MODELS",
    "QUOTE_CHARS",
    "ExtractError",
    "find_mentions",
    "load_pipeline",
    "read",
    "read_all",
    "recognise",
]


@cache
def _dateline_patterns(capitals: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The dateline patterns for a script's capitals (languages.Language.capitals: "A-ZÀ-Ý" for Latin).

    The first, a capitalised place opening the article: "DAKAR, 3 mai (AFP) -", "WASHINGTON (Reuters) -".
    The second, further in, where a second story starts: "… conduct. ALBUQUERQUE, N.M. (AP) - Documents",
    "Associated Press WASHINGTON (AP) —", "\n\nNEW DELHI: The", or after a headline: "\n\nMENDOZA (Télam).
    Las". Capitals then an agency's bracket, or capitals opening a line or a sentence then a dash or a colon: a
    heading in capitals has neither.
    """
    first = re.compile(rf"\A\s*([{capitals}][{capitals}'’. -]{{1,40}}?)\s*(?:,|\(|[-–—])")
    # an agency's name in brackets: "(AP)", "(Reuters)", "(Télam)"; in another script, in its letters too: "(ТАСС)"
    agency = (
        "[A-Z][A-Za-zà-ÿ]{1,12}"
        if capitals.startswith("A-Z")
        else rf"(?:[A-Z][A-Za-zà-ÿ]{{1,12}}|[{capitals}]\w{{1,12}})"
    )
    # in another script, a line opening with capitals, a comma and the date: "ОРЕНБУРГ, 9 апреля. /ТАСС/."
    dated = (
        "" if capitals.startswith("A-Z") else rf"|(?<=\n)([{capitals}][{capitals}'’. -]{{1,40}}?),\s+\d{{1,2}}\s+\w+"
    )
    later = re.compile(
        rf"(?<![\w'’])([{capitals}][{capitals}'’. -]{{1,40}}?)(?:,\s*(?:[A-Z][a-z]{{0,4}}\.){{1,3}})?"
        rf"\s*\({agency}\)\s*[-–—]"
        rf"|(?:(?<=\n)|(?<=[.!?] ))([{capitals}][{capitals}'’. -]{{1,40}}?)\s*[-–—:]\s"
        rf"|(?<=\n)([{capitals}][{capitals}'’. -]{{1,40}}?)\s*\({agency}\)\.\s"  # an agency's bracket, then a full stop
        rf"{dated}"
    )
    return first, later


_POSSESSIVE = re.compile(r"['’]s?$")  # the tagger is not loaded: "'s" is known by its letters

# Determiners, elided prepositions and the kind of an area ("la provincia de Toledo", "le
# département du Var") that NER sometimes leaves at a span's edge.
_LEADING_WORDS = re.compile(
    rf"^(?:{languages.words_before(languages.every('leading_words'))}"
    rf"|(?:{languages.alternation(languages.every('leading_area_kinds'))})"
    rf"\s+(?:{languages.alternation(languages.every('area_kind_joiners'))})\s*)+",
    re.IGNORECASE,
)


def find_mentions(article: Article, geocoder: PlaceIndex, doc=None) -> list[Mention]:
    """Every span of the article that may name a place, in text order, and the
    demonyms whose country the gazetteer knows (label DEMONYM). `doc` is spaCy's
    reading of the text where the caller has it already (the benchmarks keep it)."""
    doc = recognise(
        doc if doc is not None else read(article.text, load_pipeline(article.language)), article.language, geocoder
    )
    by_rules = recogniser(article.language) == "rules"
    sentences = Sentences(doc, article.text)  # the doc's text, which spaCy would join anew
    mentions = _datelines(doc, geocoder, sentences, languages.get(article.language).capitals)
    dated = [(m.start, m.end) for m in mentions]
    in_full_names = _words_of_full_names(doc)
    for ent in doc.ents:
        label = ent.label_
        if not _is_ner_label(label):
            continue  # dates, numbers, works of art
        if label in GROUP_LABELS and _demonym_country(ent.text, geocoder):
            mentions.append(sentences.mention(ent.start_char, ent.end_char, DEMONYM_LABEL))
            continue
        if label not in PLACE_LABELS | OPEN_LABELS | NAME_LABELS | GROUP_LABELS or _part_of_a_longer_name(ent, doc):
            continue
        mention = _trimmed(ent, label, article.text, geocoder, sentences)
        if mention is None:
            continue
        if label in OPEN_LABELS and not candidates(geocoder, mention.name):
            continue
        if label in NAME_LABELS | GROUP_LABELS and not _is_a_country(mention.name, geocoder):
            area = _leading_area(ent, mention, geocoder, sentences) if label == "ORG" else None
            mention = area or _lone_place_name(ent, mention, geocoder, in_full_names)
            if mention is None:
                continue
        if _overlaps(dated, mention.start, mention.end):
            continue  # a dateline, already taken
        base = doc.user_data.get(BASE_FORMS, {}).get((mention.start, mention.end))
        mentions.append(replace(mention, stands_for=base) if base and not mention.stands_for else mention)
    mentions = names_cut_right(mentions, doc, geocoder, sentences)
    if not by_rules:  # the rules have weighed every capitalised word the index knows already
        mentions += _gazetteer_names(doc, mentions, geocoder, sentences, in_full_names)
    mentions = _no_roads_nor_storms(mentions, article.language, geocoder, sentences)
    return _with_abbreviations(sorted(mentions, key=lambda m: m.start), doc, sentences)


def recognise(doc, language: str, geocoder: PlaceIndex):
    """The doc with the names of a language without a spaCy model found by its own recogniser (the rules,
    or natasha), which needs the index; a spaCy pipeline's doc as it is, its recogniser has run."""
    reader = recogniser(language)
    if reader == "rules":
        from .rules import recognise as by_rules

        return by_rules(doc, geocoder, languages.get(language))
    if reader == "natasha":
        from . import natasha_reader

        return natasha_reader.recognise(doc, geocoder, languages.get(language))
    return doc


def _no_roads_nor_storms(
    mentions: list[Mention], language: str, geocoder: PlaceIndex, sentences: Sentences
) -> list[Mention]:
    """The mentions less the names of roads ("route de Lyon", "las calles Colima, Tabasco y
    Zacatecas", "Ohio 83", "a Rua de Coimbra"), of storms ("la tempête Hélène"), of sports clubs
    ("EV Landshut", "Sporting de Bafatá", "les Cataractes de Shawinigan") and of people after a
    title or a first name ("Landrätin Martina Jena", "Anna Judenburg"), and of first names before a
    surname ("il sindaco, Marco Feltre"): no place, though a town or
    a state bears the name. A dateline's town stays, and a name the gazetteer holds with the words
    before it ("Maria Enzersdorf", "Las Palmas de Gran Canaria")."""
    text = sentences.text
    listed = surroundings.streets(text, language)
    kept = []
    for m in mentions:
        if m.label != DATELINE_LABEL:
            if any(start <= m.start and m.end <= end for start, end in listed):
                continue
            if surroundings.is_storm(text, m.start, language) or surroundings.in_club(text, m.start, m.end, language):
                continue
            if surroundings.after_person_title(text, m.start, language):
                continue
            first = surroundings.first_name_before(text, m.start, language)
            if first is not None and not _inside_a_place_name(text, first, m.end, geocoder):
                continue
            surname = surroundings.surname_after(text, m.start, m.end, language)
            if surname is not None and not _inside_a_place_name(text, m.start, surname, geocoder):
                continue
            nickname = surroundings.team_nickname(text, m.start, language)
            if nickname is not None and not candidates(geocoder, text[nickname : m.end]):
                continue
            if surroundings.opens_street(text, m.start, m.end, language):
                continue

            def state(name: str = m.name) -> bool:
                return any(c.feature in ("admin", "country") for c in candidates(geocoder, name))

            if surroundings.is_street(text, m.start, m.end, language, state_names=state):
                continue
        kept.append(m)
    return kept


_WORD_BEFORE = re.compile(r"(\w[\w'’-]*)\s+$")


def _inside_a_place_name(text: str, start: int, end: int, geocoder: PlaceIndex) -> bool:
    """Whether text[start:end] (a first name and a town's name) is a place's name, or its first word
    ends one with the word before it: "Maria Enzersdorf", and "Santa Maria" of "Santa Maria Capua Vetere"."""
    if candidates(geocoder, text[start:end]):
        return True
    word = _WORD_BEFORE.search(text, max(0, start - 30), start)
    first = text[start:end].split()[0]
    return word is not None and word.group(1)[:1].isupper() and bool(candidates(geocoder, f"{word.group(1)} {first}"))


def _is_ner_label(label: str) -> TypeGuard[NerLabel]:
    """Whether spaCy's label is one mapgen reads (models name some twenty kinds of entity)."""
    return label in NER_LABELS


def _leading_area(ent, mention: Mention, geocoder: PlaceIndex, sentences: Sentences) -> Mention | None:
    """The country or state that opens an organisation's name. A country's is a
    national body of it, a place: "the U.S. Army", "the United Kingdom's Health
    Ministry". A state's ("Massachusetts State Police", "Ohio State University")
    tells the article's frame, not a place to mark (label FRAME). A big city's
    ("the Winnipeg Fire Paramedic Service") is marked only where the article
    names no other place (label IN_NAME). A state's abbreviation read as an
    organisation whole ("the NSW Premier") is its government: the frame too."""
    if mention.stands_for and _is_a_state(mention.stands_for, geocoder):
        return replace(mention, label=FRAME_LABEL)
    doc = ent.doc
    # the first word from the name on; in "de l'Union" the name starts inside the last one
    first = next((t.i for t in ent if t.idx >= mention.start), ent.end - 1)
    for last in range(min(ent.end - 2, first + 3), first - 1, -1):  # up to four words, never the whole name
        end = doc[last].idx + len(doc[last])
        words = sentences.text[mention.start : end]
        if _is_a_country(words, geocoder):
            return sentences.mention(mention.start, end, mention.label)
        if _is_a_state(words, geocoder):
            return sentences.mention(mention.start, end, FRAME_LABEL)
        if _is_a_big_city(words, geocoder):
            return sentences.mention(mention.start, end, IN_NAME_LABEL)
    return None


_ABBREVIATION_AFTER = re.compile(r"\s*\(([A-Z]{2,6})\)")


def _with_abbreviations(mentions: list[Mention], doc, sentences: Sentences) -> list[Mention]:
    """The mentions, and every use of an abbreviation the article defines in
    brackets after a place's name ("New South Wales (NSW)"), in text order;
    each use stands for that name. One it defines after another name is not a place."""
    text = sentences.text
    defined: dict[str, Mention] = {}
    for mention in mentions:
        match = _ABBREVIATION_AFTER.match(text, mention.end)
        if match and match.group(1) == initials(mention.text):
            defined.setdefault(match.group(1), mention)
    # and those it defines after an organisation's or a person's name: "British Airways (BA)" is no Bath
    not_places = {
        match.group(1)
        for ent in doc.ents
        if (match := _ABBREVIATION_AFTER.match(text, ent.end_char)) and match.group(1) == initials(ent.text)
    } - defined.keys()
    mentions = [m for m in mentions if m.text not in not_places]
    found = [replace(m, stands_for=defined[m.text].text) if m.text in defined else m for m in mentions]
    taken = sorted((m.start, m.end) for m in found)
    for abbreviation, mention in defined.items():
        for use in re.finditer(rf"\b{abbreviation}\b", text):
            if _overlaps(taken, use.start(), use.end()):
                continue
            span = doc.char_span(use.start(), use.end(), alignment_mode="expand")
            if span is not None:
                found.append(replace(sentences.mention(use.start(), use.end(), mention.label), stands_for=mention.text))
    return sorted(found, key=lambda m: m.start)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-nested spans taken."""
    i = bisect_right(taken, (start, start))
    return any(a < end and start < b for a, b in taken[max(i - 1, 0) : i + 1])


def _datelines(doc, geocoder: PlaceIndex, sentences: Sentences, capitals: str) -> list[Mention]:
    """The places of the datelines, which NER often misses for being in capitals."""
    text = sentences.text
    opening, later = _dateline_patterns(capitals)
    first = opening.match(text)
    spans = [first.span(1)] if first else []
    for match in later.finditer(text, first.end() if first else 0):
        if first and not text[first.end() : match.start()].strip():
            continue  # the first one's state, before a station's call letters: "HORRY COUNTY, SC (WMBF) -"
        group = next(g for g in range(1, len(match.groups()) + 1) if match.group(g))
        spans.append(match.span(group))
    towns = [
        _with_qualifier(sentences.mention(start, end, DATELINE_LABEL), geocoder, capitals)
        for start, end in spans
        if any(word.isalpha() and len(word) > 1 for word in text[start:end].split())
        and candidates(geocoder, text[start:end].title())
        and doc.char_span(start, end, alignment_mode="expand") is not None
    ]
    states = [state for town in towns if (state := _dateline_state(town, sentences))]
    return sorted([*towns, *states], key=lambda m: m.start)


def _with_qualifier(town: Mention, geocoder: PlaceIndex, capitals: str) -> Mention:
    """A dateline's town that stands for the name its bracket completes: "FRANKFURT (ODER)" and "HALLE
    (SAALE)" are the towns "Frankfurt (Oder)" and "Halle (Saale)", not their namesakes; an agency's
    bracket, "(AFP)", completes none."""
    bracket = re.compile(rf"\s*\(([{capitals}][{capitals}. -]{{1,30}})\)").match(
        town.sentence, town.end - town.sentence_start
    )
    full = f"{town.text} ({bracket.group(1)})".title() if bracket else ""
    return replace(town, stands_for=full) if full and candidates(geocoder, full) else town


# A state's abbreviation after a dateline's town: "MONCTON, N.B. —", "PLEASANTON, Calif.-", "RALEIGH, NC (AP)",
# "TOOWOOMBA, Qld —" (abbreviations.expand says which are states).
_DATELINE_STATE = re.compile(r",\s*((?:[A-Z][a-z]{0,4}\.){1,3}|[A-Z][A-Za-z]{1,3})(?=\s*[-–—(])")


def _dateline_state(town: Mention, sentences: Sentences) -> Mention | None:
    """The state written after a dateline's town, which NER reads as GPE, as the
    ones it does not read are labelled: the article names that state, and its
    towns are the story's, not namesakes elsewhere."""
    match = _DATELINE_STATE.match(sentences.text, town.end)
    full = expand(match.group(1), after_comma=True) if match else None
    if match is None or full is None:
        return None
    return replace(sentences.mention(*match.span(1), "GPE"), stands_for=full)


GAZETTEER_WORDS = 4  # the longest name looked for among the words NER left out


# Entities whose span NER often runs on past a place's name, or gives a place's name a kind it is not:
# "Envigado un deslizamiento bloqueó una vía" (MISC), "El aeropuerto de Rionegro" (MISC), "Salmon Arm" (PRODUCT),
# "around Hugo, Oklahoma" (an EVENT: a hurricane's name).
UNSURE_SPANS = frozenset({"MISC", "FAC", "PRODUCT", "EVENT"})


def _gazetteer_names(
    doc, mentions: list[Mention], geocoder: PlaceIndex, sentences: Sentences, in_full_names: dict[str, frozenset[str]]
) -> list[Mention]:
    """Runs of capitalised words outside every entity NER found, or inside one of
    the kinds it runs on past a name (UNSURE_SPANS), that the gazetteer holds
    whole as a place's own name: NER misses names in lists and datelines, in
    capitals, and of places it never read ("Coggeshall", "Attapeu"). Each is
    proposed with its own label, for the resolver to ask more of it than of a
    name NER called a place. A run is taken whole, less the words at its ends
    that open a sentence or that the article also writes in lower case ("In",
    "Residents"): a word of a longer name ("Agent Orange") is no place, nor is
    a run right before a person's name, a title ("Pope Francis"). A single word
    is passed over when it is a word of a person's full name in the article, or
    too short to be a name alone."""
    taken = sorted((m.start, m.end) for m in mentions)
    words, outside, opens = [], [], []  # one pass over the tokens: each use of doc[i] makes a Token anew
    for token in doc:
        words.append(token.text)
        outside.append((not token.ent_type or token.ent_type_ in UNSURE_SPANS) and _capitalised(token.text))
        opens.append(token.is_sent_start)
    lower = {word for word in words if word.islower()}
    found: list[Mention] = []
    i = 0
    while i < len(words):
        if not outside[i]:
            i += 1
            continue
        end = _run_end(words, outside, i)
        if end + 1 < len(words) and words[end].lower() in _JOINERS and outside[end + 1]:
            joined = _run_end(words, outside, end + 1)  # "Castilla y León": one name, not two towns
            if candidates(geocoder, doc[i:joined].text):
                if not own_name(doc[i:joined].text, geocoder):
                    i = joined  # one of a place's other names, whose words are no places of their own
                    continue
                end = joined
        start, stop, i = i, end, end
        while start < stop and (opens[start] or words[start].lower() in lower):
            start += 1
        while stop > start and words[stop - 1].lower() in lower:
            stop -= 1
        if not 0 < stop - start <= GAZETTEER_WORDS:
            continue
        span = doc[start:stop]
        name = span.text
        title = stop == end < len(words) and doc[end].ent_type_ in PERSON_LABELS  # "Secretary Tillerson"
        if title or (stop - start == 1 and (_short(name) or name in in_full_names)):
            continue
        if not _overlaps(taken, span.start_char, span.end_char) and own_name(
            name.title() if name.isupper() else name, geocoder
        ):
            found.append(sentences.mention(span.start_char, span.end_char, GAZETTEER_LABEL))
    return found


def _run_end(words: list[str], outside: list[bool], i: int) -> int:
    """Where the run of capitalised words outside NER's names that starts at word i ends."""
    while i < len(words) and outside[i]:
        i += 1
    return i


# the words that join a list, and the names made of two joined ("Castilla y León", "Trinidad and Tobago")
_JOINERS = frozenset(word.lower() for word in languages.every("list_joiners"))


def _capitalised(word: str) -> bool:
    """A word that may be part of a name: its first letter a capital, and letters only."""
    return word[:1].isupper() and word.replace("'", "").replace("’", "").isalpha()


def _short(word: str) -> bool:
    """Too short to be a name alone: two letters, or three capitals (an acronym: "HIV", "CIS")."""
    return len(word) < (4 if word.isupper() else 3)


def _words_of_full_names(doc) -> dict[str, frozenset[str]]:
    """The words of the persons' names of two words or more, each with the names
    it is a word of: "Nelson" is the man once the article has named Willie
    Nelson, not the town."""
    names: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS and len(ent) > 1:
            for token in ent:
                names.setdefault(token.text, set()).add(ent.text)
    return {word: frozenset(full) for word, full in names.items()}


def _lone_place_name(
    ent, mention: Mention, geocoder: PlaceIndex, in_full_names: dict[str, frozenset[str]]
) -> Mention | None:
    """A short name NER called a person, an organisation or a people, that is a
    place's own name ("Castlegar", "Tunis", "Durban", "Goz Beida") and no word of
    another person's full name in the article: kept, for the resolver to ask more
    evidence of it than of a name NER called a place. A name of two words NER
    called a person is no person's full name that rules it out by itself."""
    if len(ent) > 3 or mention.stands_for:
        return None
    if any(in_full_names.get(word, frozenset()) - {mention.text} for word in mention.text.split()):
        return None
    return mention if own_name(mention.name, geocoder) else None


def _demonym_country(word: str, geocoder: PlaceIndex) -> str | None:
    return geocoder.demonym_country(word)


def _is_a_country(name: str, geocoder: PlaceIndex) -> bool:
    return any(c.feature == "country" for c in candidates(geocoder, name))


def _is_a_big_city(name: str, geocoder: PlaceIndex) -> bool:
    """A big city by its own name: the towns in the names of a "Bank of America" or a "Grand Strand
    Humane Society" are words."""
    key = name_key(name)
    return any(
        c.feature == "city" and c.population >= BIG_CITY and name_key(c.name) == key for c in candidates(geocoder, name)
    )


def _is_a_state(name: str, geocoder: PlaceIndex) -> bool:
    """An admin area by its own name that no big city shares: "Texas Department of
    Health", but not "New York Times" nor "Washington Post", which are the city's."""
    found = candidates(geocoder, name)
    return any(c.feature == "admin" and name_key(c.name) == name_key(name) for c in found) and not any(
        c.feature == "city" and c.population >= BIG_CITY for c in found
    )


BIG_CITY = 100_000


def _part_of_a_longer_name(ent, doc) -> bool:
    """A place name run into a person's or an organisation's name is part of
    that name: NER sometimes splits "Paris Hilton" into Paris + Hilton. A
    possessive ends the name: "the United Kingdom's Health Ministry"."""
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) and not _POSSESSIVE.match(doc[ent.end - 1].text) else None
    return any(
        token is not None and token.ent_type_ in NAME_LABELS and token.text[:1].isupper() and not token.is_punct
        for token in (before, after)
    )


def _trimmed(ent, label: NerLabel, text: str, geocoder: PlaceIndex, sentences: Sentences) -> Mention | None:
    """The entity as a Mention, without trailing punctuation, nor a leading
    article unless the article belongs to the name (Le Havre, La Paz)."""
    start, end = ent.start_char, ent.end_char
    while end > start and not text[end - 1].isalnum() and text[end - 1] != "." and not _closes(text, start, end):
        end -= 1
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive:
        end = possessive.start()
    lead = _LEADING_WORDS.match(text[start:end])
    if lead and not (text[start].isupper() and candidates(geocoder, text[start:end])):
        start += lead.end()
    if end - start < 2 or not text[start].isupper():
        return None
    mention = sentences.mention(start, end, label)
    # looked for in the few characters before the name: searching from the text's start at every name
    # would make a long article's cost grow with its square
    after_comma = _AFTER_A_COMMA.search(text, max(0, start - LOOK_BEHIND), start) is not None
    full = expand(mention.text, after_comma=after_comma, period_follows=text.startswith(".", end))
    return replace(mention, stands_for=full) if full else mention


def _closes(text: str, start: int, end: int) -> bool:
    """Whether the name ends with the bracket it opened: "Frankfurt (Oder)"."""
    return text[end - 1] == ")" and "(" in text[start : end - 1]


_AFTER_A_COMMA = re.compile(r"\w,\s*$")  # "Garden City, SC": a state's postal code, not Seychelles
