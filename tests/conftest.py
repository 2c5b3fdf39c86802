"""Small hand-made articles and places, so the site tests need no NLP, and one
shared headless Chromium (Debian's) for the browser tests."""

from pathlib import Path

import pytest

from mapgen.model import Article, Candidate, Mention, Place
from mapgen.site import CHROMIUM, CHROMIUM_ARGS

HOSTILE = "<script>alert('x')</script>"
TEXT = (
    f"Des orages ont frappé Lyon lundi. À Paris, la Seine a monté ; "
    f"la France reste en alerte. Au Sahel, rien. Le maire de Lyon a dit : « {HOSTILE} `${{1+1}}` »."
)

LYON = Candidate(2996944, "Lyon", "city", "FR", 45.74846, 4.84671, 522228, "84")
PARIS = Candidate(2988507, "Paris", "city", "FR", 48.85341, 2.3488, 2138551, "11", capital=True)
FRANCE = Candidate(3017382, "France", "country", "FR", 46.5, 2.5, 66987244)
SAHEL = Candidate(None, "Sahel", "region", None, 14.5, 3.0)


def mention(text, name, nth=0):
    """The nth mention of name in text, with its sentence (sentences end with '. ')."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    sentence_start = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    sentence_end = text.find(". ", start)
    sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
    return Mention(name, start, start + len(name), text[sentence_start:sentence_end], sentence_start, "LOC")


def storm_article():
    return Article(TEXT, "fr", "orages.txt", date="2026-10", title="Orages sur la France")


def storm_places():
    """Two towns (Paris of low confidence), a country and a region."""
    return [
        Place("Lyon", LYON, 0.95, (mention(TEXT, "Lyon"), mention(TEXT, "Lyon", 1))),
        Place("Paris", PARIS, 0.4, (mention(TEXT, "Paris"),), runners_up=(LYON,)),
        Place("France", FRANCE, 1.0, (mention(TEXT, "France"),)),
        Place("Sahel", SAHEL, 1.0, (mention(TEXT, "Sahel"),)),
    ]


@pytest.fixture
def article():
    return storm_article()


@pytest.fixture
def places():
    return storm_places()


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every browser test; launching one costs a second or more."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt install chromium (never a browser download)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
