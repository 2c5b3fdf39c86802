"""Where a name starts and ends: NER's spans cut again where the gazetteer knows the name.

NER cuts "Pescara del Tronto" in two and reads "San Josecito de San Rafael de
Heredia" as one unknown name; the gazetteer says where the names are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import languages
from ..geocode import PlaceIndex
from ..labels import NOT_MARKED, PLACE_LABELS
from ..lookup import candidates
from ..model import Mention
from ..names import name_key
from .sentences import Sentences

# "Golfito de Puntarenas", "Pescara del Tronto": the words that join a place to the wider place it lies in, or
# that are part of its own name
_JOINER = re.compile(rf"\s+(?:{languages.alternation(languages.every('name_joiners'))})\s+")
# "Surfside/Garden City", "Central Africa - Nigeria": two names side by side, as a list writes them
_BETWEEN_NAMES = re.compile(r"\s*/\s*|\s+[-–—]\s+")


def names_cut_right(mentions: list[Mention], doc, geocoder: PlaceIndex, sentences: Sentences) -> list[Mention]:
    """Names that NER cut where a joining word stands, cut as the gazetteer knows them.

    Two mentions joined by "del" whose whole the gazetteer knows are one place
    ("Pescara" + "Tronto" → "Pescara del Tronto"); a mention the gazetteer does
    not know whole is its parts when it knows each of them ("San Josecito de
    San Rafael de Heredia" → San Josecito, San Rafael, Heredia; "Surfside/Garden
    City" → Surfside, Garden City)."""
    text, joined = sentences.text, list[Mention]()
    for mention in mentions:
        previous = joined[-1] if joined else None
        between = text[previous.end : mention.start] if previous else ""
        if previous and _JOINER.fullmatch(between) and candidates(geocoder, text[previous.start : mention.end]):
            span = doc.char_span(previous.start, mention.end, alignment_mode="expand")
            if span is not None:
                joined[-1] = sentences.mention(previous.start, mention.end, previous.label)
                continue
        joined.append(mention)
    cut: list[Mention] = []
    carried: list[Mention] = []  # the names carried on over the words after them
    for mention in joined:
        if any(c.start < mention.start < c.end for c in carried):
            continue  # run into the name before it: "D.C." of "Washington, D.C."
        longer = _longer_own_name(mention, doc, geocoder, sentences) or _area_opened_before(
            mention, doc, geocoder, sentences, cut[-1].end if cut else 0
        )
        if longer is not None:
            cut.append(longer)
            carried.append(longer)
            continue
        parts = (
            _known_parts(mention, doc, geocoder, sentences, _JOINER)
            or _known_parts(mention, doc, geocoder, sentences, _BETWEEN_NAMES)
            if mention.label in PLACE_LABELS
            else []
        )
        if parts:
            cut.extend(parts)
        elif mention.label in PLACE_LABELS and not mention.stands_for and not _known(mention.name, geocoder):
            cut.extend(_known_start(mention, doc, geocoder, sentences))
        else:
            cut.append(mention)
    return cut


# The words that may carry a name on: "Washington" + ", D.C.", "U.S." + " Virgin Islands", "KwaZulu" + "-Natal",
# "Rio Grande" + " do Sul", "Grantown" + "-on-Spey", and the small words of a compound written without its
# hyphens, or of two names joined as one: "Châlons" + " en Champagne", "Trinidad" + " and Tobago"
_NEXT_WORD = re.compile(
    rf"(?:,?[ ]+(?:(?:{languages.alternation(languages.every('name_carriers'))})[ ]+)?|-(?:[a-zà-ÿ]+-){{0,2}})[A-Z][\w.'’-]*"
)
LONGER_WORDS = 3  # a name is carried on by at most this many words


def own_name(words: str, geocoder: PlaceIndex) -> bool:
    """Whether the words are a place's own name in the gazetteer, not one of its other names."""
    key = name_key(words)
    return any(name_key(c.name) == key for c in candidates(geocoder, words))


def _a_country(words: str, geocoder: PlaceIndex) -> bool:
    return any(c.feature == "country" for c in candidates(geocoder, words))


def _known(name: str, geocoder: PlaceIndex) -> bool:
    return bool(candidates(geocoder, name))


def _longer_own_name(mention: Mention, doc, geocoder: PlaceIndex, sentences: Sentences) -> Mention | None:
    """The mention run on over the capitalised words after it, where they make a
    longer name that a place bears as its own, or a country's name in any language:
    NER reads "Washington, D.C." as Washington and D.C., "the U.S. Virgin Islands"
    as the U.S. and unknown words, "São Tomé e Príncipe" as two towns."""
    if mention.label in NOT_MARKED:
        return None
    text, end, found = sentences.text, mention.end, None  # doc.text joins every token again at each use
    for _ in range(LONGER_WORDS):
        word = _NEXT_WORD.match(text, end)
        if word is None:
            break
        end = word.end() - bool(re.search(r"\w\w\.$", word.group()))  # a sentence's full stop, not "D.C."'s
        words = text[mention.start : end]
        if (own_name(words, geocoder) or _a_country(words, geocoder)) and doc.char_span(
            mention.start, end, "expand"
        ) is not None:
            found = end
    return replace(sentences.mention(mention.start, found, mention.label), stands_for=None) if found else None


# Capitalised words and a list's joiner right before a name: "Castilla y " of "Castilla y León"
_OPENED_BEFORE = re.compile(
    rf"(?<![\w'’-])((?:[A-ZÀ-Þ][\w'’-]*[ ]+){{1,{LONGER_WORDS}}})(?:{languages.alternation(languages.every('list_joiners'))})[ ]+$"
)


def _area_opened_before(
    mention: Mention, doc, geocoder: PlaceIndex, sentences: Sentences, free_from: int
) -> Mention | None:
    """The mention run back over the words before it, where they and a joiner open the name of a
    country or first-level area: NER reads "la Junta de Castilla y León" as an organisation that
    ends at "y" and León, a town, after it (issue 23's class 4: a name cut in two)."""
    if mention.label in NOT_MARKED:
        return None
    text = sentences.text
    before = _OPENED_BEFORE.search(text, max(free_from, mention.start - 60), mention.start)
    if before is None:
        return None
    words = list(re.finditer(r"\S+", before.group(1)))
    for first in words:  # the longest name first
        start = before.start(1) + first.start()
        name = text[start : mention.end]
        if (
            any(c.feature in ("admin", "country") for c in candidates(geocoder, name))
            and doc.char_span(start, mention.end, "expand") is not None
        ):
            return replace(sentences.mention(start, mention.end, mention.label), stands_for=None)
    return None


def _known_start(mention: Mention, doc, geocoder: PlaceIndex, sentences: Sentences) -> list[Mention]:
    """A place-labelled mention the gazetteer does not know whole, cut where a
    town is followed by the area it lies in, without a comma: "Maiduguri Borno
    State" is Maiduguri and Borno. Nothing is cut where the words after a known
    town are no area holding it: "Glenrock Lagoon" is no town of Glenrock."""
    words = list(re.finditer(r"\S+", mention.text))
    for last in range(len(words) - 1):
        end = mention.start + words[last].end()
        head = sentences.text[mention.start : end]
        towns = [c for c in candidates(geocoder, head) if c.feature == "city" and name_key(c.name) == name_key(head)]
        if not towns:
            continue
        for area_end in range(len(words) - 1, last, -1):
            start, stop = mention.start + words[last + 1].start(), mention.start + words[area_end].end()
            areas = {
                (c.country, c.admin1) for c in candidates(geocoder, sentences.text[start:stop]) if c.feature == "admin"
            }
            if any((t.country, t.admin1) in areas for t in towns) and all(
                doc.char_span(a, b, alignment_mode="expand") is not None
                for a, b in ((mention.start, end), (start, stop))
            ):
                return [
                    sentences.mention(mention.start, end, mention.label),
                    sentences.mention(start, stop, mention.label),
                ]
    return [mention]


def _known_parts(
    mention: Mention, doc, geocoder: PlaceIndex, sentences: Sentences, joiner: re.Pattern[str]
) -> list[Mention]:
    if not joiner.search(mention.text) or candidates(geocoder, mention.name):
        return []
    parts, start = list[Mention](), mention.start
    for piece in [*joiner.finditer(mention.text), None]:
        end = mention.start + piece.start() if piece else mention.end
        words = sentences.text[start:end]
        span = doc.char_span(start, end, alignment_mode="expand")
        if not (words[:1].isupper() and span is not None and candidates(geocoder, words)):
            return []  # "Pescara del Tronto": not "Pescara" on the Adriatic
        parts.append(sentences.mention(start, end, mention.label))
        start = mention.start + piece.end() if piece else end
    return parts
