"""Small hand-made articles and places, so the site tests need no NLP, and one
shared headless Chromium (Debian's) for the browser tests."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from mapgen.model import Article, Candidate, Mention, Place
from mapgen.site.pages import CHROMIUM, CHROMIUM_ARGS

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
        Place(
            "Paris",
            PARIS,
            0.4,
            (mention(TEXT, "Paris"),),
            runners_up=(LYON,),
            check="Paris or <b>Paris</b>, Texas & Co?",
        ),
        Place("France", FRANCE, 1.0, (mention(TEXT, "France"),)),
        Place("Sahel", SAHEL, 1.0, (mention(TEXT, "Sahel"),)),
    ]


# The files whose tests take longest, longest first (pytest --durations=0 summed by file, November
# 2026). pytest-xdist's --dist loadfile gives a whole file to a worker and the next file to whichever
# worker is nearly done; by default it deals the files with most tests first, which left a file of
# one long test to the end, one worker running it while the other waited. Here they are dealt longest
# first. In .ci/run's second step (`-m slow --dist load`, test by test) the slow tests go longest first
# too: the 10,000-article run, then the 2,000-example runs, so that the short ones fill in at the end.
LONGEST_FIRST = [
    "test_batch_dask.py",  # a quarter of the one-process time (December 2026): Dask worker processes start
    "test_browser.py",
    "test_extract.py",
    "test_packaging.py",
    "test_pipeline_properties.py",
    "test_seed_map.py",
    "test_edit_page.py",
    "test_cli.py",
    "test_gazetteer_dumps.py",
    "test_injection.py",
    "test_fine_land.py",
    "test_resolve_properties.py",
    "test_publish.py",
    "test_big_articles.py",
    "test_batch_cli.py",
]
SLOW_LONGEST_FIRST = [
    "test_pipeline_properties.py",
    "test_surface_properties.py",
    "test_injection.py",
    "test_derived_data.py",
    "test_extract.py",
]


@pytest.hookimpl(trylast=True)  # after -m has deselected, so that only a selected slow test counts
def pytest_collection_modifyitems(config, items):
    def rank(item):
        name, slow = item.path.name, item.get_closest_marker("slow") is not None
        order = SLOW_LONGEST_FIRST if slow else LONGEST_FIRST
        return (not slow, order.index(name) if name in order else len(order))

    items.sort(key=rank)  # stable: each file's tests keep their order


def pytest_configure(config):
    if getattr(config.option, "dist", "no") == "loadfile":
        config.option.loadscopereorder = False  # pytest-xdist deals the files in the order above


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


@pytest.fixture
def visit(browser):
    """Opens a page as pages.Visit does (visit(url, allowed, **context)); each is closed after the test."""
    from pages import Visit

    opened = []

    def open_page(url, allowed, **context):
        opened.append(Visit(browser, url, allowed, **context))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


SEED_TEXT = (
    "Les États-Unis réunissent la coalition à Washington. "
    "Les forces irakiennes avancent dans Mossoul, en Irak. "
    "En Syrie, les combattants approchent de Raqa. "
    "Le Moyen-Orient reste instable et la Russie observe. "
    "Berlin appelle au calme. "
    "Bagdad salue les progrès. "
    "À Minbej, la Syrie et les États-Unis s'opposent ; Raqa attend, Washington aussi."
)


def seed_places():
    """The seed story's places as the resolver gives them: four towns on the Tigris
    and Euphrates, Iraq, Syria and the Middle East there, and Washington, Berlin,
    the United States and Russia named in passing."""
    text = SEED_TEXT

    def at(name, candidate, *nths, confidence=0.95):
        return Place(name, candidate, confidence, tuple(mention(text, name, n) for n in (nths or (0,))))

    return [
        at("États-Unis", Candidate(6252001, "United States", "country", "US", 39.76, -98.5), 0, 1),
        at("Washington", Candidate(4140963, "Washington", "city", "US", 38.895, -77.036), 0, 1, confidence=0.74),
        at("Mossoul", Candidate(99072, "Mosul", "city", "IQ", 36.335, 43.119)),
        at("Irak", Candidate(99237, "Iraq", "country", "IQ", 33.0, 44.0)),
        at("Raqa", Candidate(172957, "Ar Raqqah", "city", "SY", 35.953, 39.008), 0, 1),
        at("Syrie", Candidate(163843, "Syria", "country", "SY", 35.0, 38.0), 0, 1),
        at("Moyen-Orient", Candidate(None, "Middle East", "region", None, 29.0, 45.0)),
        at("Russie", Candidate(2017370, "Russia", "country", "RU", 60.0, 100.0)),
        at("Berlin", Candidate(2950159, "Berlin", "city", "DE", 52.524, 13.411), confidence=0.4),
        at("Bagdad", Candidate(98182, "Baghdad", "city", "IQ", 33.341, 44.401)),
        at("Minbej", Candidate(166365, "Manbij", "city", "SY", 36.528, 37.955)),
    ]


def seed_article():
    return Article(SEED_TEXT, "fr", "seed.txt", date="2017-03", title="La coalition contre l'EI se réunit")


@pytest.fixture
def admin_data(monkeypatch, tmp_path):
    """The test collection where mapgen looks for Natural Earth's admin-1, and an empty cache."""
    from test_admin1 import COLLECTION

    source = tmp_path / "admin1.json"
    source.write_text(json.dumps(COLLECTION), "utf-8")
    monkeypatch.setenv("MAPGEN_ADMIN1", str(source))
    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path / "cache"))
    return source


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A loopback HTTP server answering with `handler`, in a thread, for as long as the block
    lasts; its URL. It checks for the end every 20 ms: serve_forever's default half-second poll
    made every test that used one half a second longer."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
