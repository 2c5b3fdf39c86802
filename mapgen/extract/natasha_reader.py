"""Russian names with natasha (MIT; its weights ship in the wheel, nothing is downloaded).

natasha's recogniser (slovnet, on navec's word vectors) finds the names of
places, organisations and people; a place's name is then looked up by the
forms it may have in the index, first as written, then by natasha's base form
of the whole name ("в Восточной Гуте" → "Восточная Гута", "Нижним Тагилом" →
"Нижний Тагил"), then by the base forms pymorphy3's dictionary gives each word
("Химок" → "Химки", a plural town). The first form the index holds is what the
resolver looks up (BASE_FORMS, as for the rule recogniser).

natasha's own lemmatiser stands on pymorphy2, which imports pkg_resources
(gone from setuptools 81) and calls inspect.getargspec (gone from Python
3.11); pymorphy3, its maintained fork with the same dictionary, takes its
place here.

Loading natasha as it ships costs about two seconds (its 250,000-word
vocabulary made into dictionaries three times over, the vectors' tables
computed). The first run keeps a copy in mapgen's cache that loads in a
fraction of that (see `_load`): the words as one sorted array searched by
bisection, the vectors' codes as arrays, the two small models pickled.
"""

from __future__ import annotations

import os
import pickle
import shutil
from functools import cache
from pathlib import Path

from ..cache import cache_dir
from ..geocode import PlaceIndex
from ..languages import Language
from ..lookup import candidates
from .rules import BASE_FORMS

LABELS = {"LOC": "LOC", "ORG": "ORG", "PER": "PER"}
COPY_VERSION = "2"  # of the cached copy's layout: a change makes it again


def recognise(doc, geocoder: PlaceIndex, language: Language):
    """Set the doc's entities to natasha's names (LOC, ORG, PER); returns the doc. A place's
    base form, where the index holds it and not the name as written, goes in BASE_FORMS.

    natasha calls some towns people or organisations ("у Минусинска", "пострадали Артём и
    Находка"): a name it calls so that the index holds is read as a place where a preposition
    of place stands before it, or where it is in a list with a place natasha found."""
    from spacy.tokens import Span

    text = doc.text
    found = [_less_water_word(text, name, language) for name in names(text)]
    places = [(s, e) for s, e, label, _ in found if label == "LOC"]
    base_forms = doc.user_data.setdefault(BASE_FORMS, {})
    spans: list[Span] = []
    last_end = -1
    for start, end, natasha_label, normal in found:
        written = text[start:end]
        base = base_form(written, normal, geocoder)
        placed = natasha_label != "LOC" and base is not None and _placed(text, start, end, places, language)
        label = "LOC" if placed else LABELS[natasha_label]
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or span.start < last_end or not span.text.strip():
            continue
        spans.append(span)
        last_end = span.end
        if base is not None and base != written:
            base_forms[(span.start_char, span.end_char)] = base
    doc.ents = spans
    return doc


def _less_water_word(text: str, name: tuple[int, int, str, str], language: Language) -> tuple[int, int, str, str]:
    """A name natasha found with the water word before it ("Река Иртыш") from its own name on, as a
    name after a water word is read ("река Иртыш"); any other as it is."""
    start, end, label, normal = name
    word, _, rest = text[start:end].partition(" ")
    if not rest or word.lower() not in language.water_before:
        return name
    return end - len(rest), end, label, normal.partition(" ")[2] or rest


def _placed(text: str, start: int, end: int, places: list[tuple[int, int]], language: Language) -> bool:
    """Whether a preposition of place stands right before the name, or a place natasha found
    stands beside it with a comma or "и" between."""
    before = text[max(0, start - 12) : start].split()
    if before and before[-1].lower() in language.place_prepositions:
        return True
    joiners = {",", *language.list_joiners}
    for s, e in places:
        between = text[e:start] if e <= start else text[end:s] if s >= end else None
        if between is not None and between.strip() in joiners and len(between) <= 4:
            return True
    return False


def names(text: str) -> list[tuple[int, int, str, str]]:
    """natasha's names in the text: (start, end, label, base form of the whole name)."""
    from natasha import Doc
    from threadpoolctl import threadpool_limits

    reader = _reader()
    found = Doc(text)
    found.segment(reader.segmenter)
    # natasha multiplies small arrays: on several OpenBLAS threads, which wait on each other, it ran 16 times
    # slower on a loaded machine (issue 26). Limited here, where it runs, not in the environment before numpy
    # loads: that holds in any process (a library's user, a Dask worker of any cluster) and nowhere else.
    with threadpool_limits(limits=1, user_api="blas"):
        found.tag_ner(reader.ner)
        if not found.spans:
            return []
        found.tag_morph(reader.morph)
    result = []
    for span in found.spans:
        try:
            span.normalize(reader.vocab)
            normal = span.normal or span.text
        except (KeyError, ValueError, IndexError, AttributeError):
            normal = span.text
        result.append((span.start, span.stop, span.type, normal))
    return result


def base_form(written: str, normal: str, geocoder: PlaceIndex) -> str | None:
    """The first of the name's possible forms that the index holds: as written, natasha's base
    form, each word's dictionary base forms (most likely first). None where it holds none."""
    for form in forms(written, normal):
        if candidates(geocoder, form):
            return form
    return None


def forms(written: str, normal: str) -> list[str]:
    """The forms to look a name up by, each once, in order."""
    out: dict[str, None] = {}
    for form in (normal, written, *_dictionary_forms(written)):
        out.setdefault(_cased_like(form, written), None)
    return list(out)


def _dictionary_forms(written: str) -> list[str]:
    """pymorphy3's base forms of a one-word name, geographical readings first; of a longer one, of
    its last word with the words before left as natasha gave them (nothing, where it gave the name
    whole); a name joined by hyphens with a small word ("Ростове-на-Дону") by its first part."""
    words = written.split()
    if len(words) != 1:
        return _phrase_forms(words)
    parts = written.split("-")
    if len(parts) > 1 and parts[1].islower():  # "Комсомольске-на-Амуре": only the head inflects
        return [f"{base}-{'-'.join(parts[1:])}" for base in _lemmas(parts[0])]
    if len(parts) == 2:  # "Каменске-Уральском": both parts agree
        return [f"{a}-{b}" for a, b in zip(_lemmas(parts[0]), _lemmas(parts[1]), strict=False)]
    return _lemmas(written)


def _phrase_forms(words: list[str]) -> list[str]:
    """A name of several words in the nominative: its last word's readings as a noun, each put in
    the nominative of its number, and the words before it (adjectives) made to agree ("Набережными
    Челнами" → "Набережные Челны"), which natasha's lemmatiser leaves as they are in the plural."""
    analyser = _plain_analyser()
    out = []
    for head in _parses(analyser, words[-1].lower())[:3]:
        if head.tag.POS != "NOUN" or head.tag.case is None:
            continue
        number = head.tag.number or "sing"
        wanted = {"nomn", number} | ({head.tag.gender} if number == "sing" and head.tag.gender else set())
        head_nominative = head.inflect({"nomn", number})
        if head_nominative is None:
            continue
        before = []
        for word in words[:-1]:
            agreeing = next(
                (
                    p
                    for p in _parses(analyser, word.lower())
                    if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == head.tag.case and p.tag.number == head.tag.number
                ),
                None,
            )
            inflected = agreeing.inflect(wanted) if agreeing is not None else None
            before.append(inflected.word if inflected is not None else word.lower())
        out.append(" ".join([*before, head_nominative.word]))
    return list(dict.fromkeys(out))


def _parses(analyser, word: str) -> list:
    """pymorphy3's readings of a word; none for a word with a character it cannot name ("aA𗀀": a Tangut
    ideograph, which unicodedata names not, raised ValueError out of its shape of the word)."""
    try:
        return analyser.parse(word)
    except ValueError:
        return []


@cache
def _plain_analyser():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def _lemmas(word: str) -> list[str]:
    """The word's base forms, geographical readings first. A word read only as a plural noun is a name in
    the plural ("в Андах", "на Филиппинах", "в Эмиратах"): its base form is its plural nominative, not
    the singular the dictionary gives ("Анда", a town in China, for the Andes)."""
    nouns = [p for p in _parses(_plain_analyser(), word.lower()) if p.tag.POS == "NOUN"]
    if nouns and all(p.tag.number == "plur" for p in nouns):
        ranked_nouns = sorted(nouns, key=lambda p: ("Geox" not in p.tag, -p.score))
        plurals = (p.inflect({"nomn", "plur"}) for p in ranked_nouns)
        return list(dict.fromkeys(p.word for p in plurals if p is not None))
    parses = _parses(_reader().vocab, word.lower())
    ranked = sorted(parses, key=lambda p: (not {"Geox"} <= set(p.tag.grammemes), p.tag.POS != "NOUN", -p.score))
    return list(dict.fromkeys(p.normal for p in ranked))


def _cased_like(form: str, written: str) -> str:
    """The form with the written name's capitals: each word (and each part between hyphens) that
    opens with a capital opens with one; a name written all in capitals is title-cased."""
    if written.isupper():
        return form.title() if form.isupper() or form.islower() else form
    old = [part for word in written.split() for part in word.split("-")]
    new_words = form.split(" ")
    result = []
    k = 0
    for word in new_words:
        parts = word.split("-")
        cased = []
        for part in parts:
            ref = old[k] if k < len(old) else ""
            cased.append(part[:1].upper() + part[1:] if ref[:1].isupper() else part)
            k += 1
        result.append("-".join(cased))
    return " ".join(result)


class _Reader:
    def __init__(self, segmenter, ner, morph, vocab):
        self.segmenter, self.ner, self.morph, self.vocab = segmenter, ner, morph, vocab


@cache
def _reader() -> _Reader:
    from natasha import Segmenter

    ner, morph = _load()
    return _Reader(Segmenter(), ner, morph, _vocab())


def _vocab():
    """natasha's MorphVocab on pymorphy3's analyser: the same dictionary, and the same forms."""
    from functools import lru_cache

    import pymorphy3
    from natasha.morph.lemma import lemmatize
    from natasha.morph.vocab import MorphForm

    class Vocab(pymorphy3.MorphAnalyzer):
        def __init__(self):
            super().__init__(lang="ru", result_type=MorphForm)

        parse = lru_cache(10_000)(pymorphy3.MorphAnalyzer.parse)
        __call__ = parse

        def lemmatize(self, word, pos, feats):
            return lemmatize(self, word, pos, feats)

    return Vocab()


def _load():
    """natasha's recogniser and morphological tagger, from the cache's copy (made on the first run)."""
    from importlib.metadata import version

    folder = cache_dir() / f"natasha-{version('natasha')}-copy{COPY_VERSION}"
    if (folder / "done").exists():
        try:
            return _load_copy(folder)
        except Exception:  # noqa: BLE001 - a damaged copy fails in many ways; it is only a cache, made again below
            shutil.rmtree(folder, ignore_errors=True)
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger

    embedding = NewsEmbedding()
    ner, morph = NewsNERTagger(embedding), NewsMorphTagger(embedding)
    try:
        _save_copy(folder, ner, morph, embedding)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        # a read-only or full cache, or a natasha whose objects no longer pickle: natasha as shipped, every run
        shutil.rmtree(folder.with_name(f"{folder.name}.{os.getpid()}.tmp"), ignore_errors=True)
    return ner, morph


class _SortedVocab:
    """slovnet's word vocabulary (encode a word to its id) as a sorted array searched by bisection:
    built and loaded in milliseconds, where a dictionary of 250,000 words takes most of a second."""

    def __init__(self, words, ids, unk_id: int, pad_id: int):
        self.words, self.ids, self.unk_id, self.pad_id = words, ids, unk_id, pad_id

    def encode(self, word: str) -> int:
        import numpy as np

        key = (
            np.array(word.encode("utf-8"), dtype=self.words.dtype)
            if len(word.encode()) <= self.words.itemsize
            else None
        )
        if key is None:
            return self.unk_id
        i = int(np.searchsorted(self.words, key))
        return int(self.ids[i]) if i < len(self.words) and self.words[i] == key else self.unk_id


def _save_copy(folder: Path, ner, morph, embedding) -> None:
    import numpy as np

    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")  # each process its own: two first runs at once
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    np.save(tmp / "indexes.npy", embedding.pq.indexes)
    np.save(tmp / "codes.npy", embedding.pq.codes)
    vocabs: dict[str, tuple[int, int, str]] = {}
    for name, tagger in (("ner", ner), ("morph", morph)):
        vocab = tagger.infer.encoder.words_vocab
        if name == "morph" and vocab.items == ner.infer.encoder.words_vocab.items:
            vocabs[name] = (*vocabs["ner"][:2], "ner")  # the same words: one copy (some 15 MB)
            continue
        encoded = [w.encode("utf-8") for w in vocab.items]
        order = sorted(range(len(encoded)), key=encoded.__getitem__)
        words = np.array([encoded[i] for i in order])
        ids = np.array(order, dtype=np.int32)
        np.save(tmp / f"{name}-words.npy", words)
        np.save(tmp / f"{name}-ids.npy", ids)
        vocabs[name] = (vocab.unk_id, vocab.pad_id, name)
    stripped = []
    for tagger in (ner, morph):
        model = tagger.infer.model
        tagger.infer.model = model.strip_navec()
        encoder_vocab = tagger.infer.encoder.words_vocab
        tagger.infer.encoder.words_vocab = None
        try:
            stripped.append(pickle.dumps(tagger, protocol=5))
        finally:  # the tagger in use keeps its vectors and words whatever happens
            tagger.infer.model, tagger.infer.encoder.words_vocab = model, encoder_vocab
    (tmp / "taggers.pickle").write_bytes(pickle.dumps((stripped, vocabs, embedding.meta.id), protocol=5))
    (tmp / "done").write_text("")
    try:
        tmp.rename(folder)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another run saved it first


def _load_copy(folder: Path):
    import numpy as np

    stripped, vocabs, navec_id = pickle.loads((folder / "taggers.pickle").read_bytes())
    pq = _PQ(np.load(folder / "indexes.npy", mmap_mode="r"), np.load(folder / "codes.npy"))
    navec = _Navec(navec_id, pq)
    taggers = []
    for name, blob in zip(("ner", "morph"), stripped, strict=True):
        tagger = pickle.loads(blob)
        unk, pad, file = vocabs[name]
        words = np.load(folder / f"{file}-words.npy", mmap_mode="r")
        tagger.infer.encoder.words_vocab = _SortedVocab(words, np.load(folder / f"{file}-ids.npy"), unk, pad)
        tagger.navec(navec)
        taggers.append(tagger)
    return tuple(taggers)


class _PQ:
    def __init__(self, indexes, codes):
        self.indexes, self.codes = indexes, codes


class _Meta:
    def __init__(self, id: str):
        self.id = id


class _Navec:
    def __init__(self, id: str, pq: _PQ):
        self.meta, self.pq = _Meta(id), pq
