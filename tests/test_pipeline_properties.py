"""Hostile articles through the whole pipeline: ingest → extract → resolve → site.

Hypothesis writes articles that mix place names with what breaks naive code
(`</script>`, `<img onerror>`, quotes, backslashes, U+2028, RTL marks, emoji,
HTML pages, date lines, runs with no sentence end). Each must give a site or a
MapgenError, never another exception; places.geojson is JSON whose offsets
point into the text. The long run (MAPGEN_PIPELINE_EXAMPLES, 10,000 by
default, in four parts that two workers share) is marked slow; one pipeline and
one index serve every example of a worker.
"""

import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen import find_places
from mapgen.errors import MapgenError
from mapgen.gazetteer import offline_index
from mapgen.ingest import parse_article
from mapgen.site.pages import write_site

PLACES = [
    "Paris",
    "Lyon",
    "Mossoul (Irak)",
    "Paris, Texas",
    "Syria",
    "Syrria",
    "Irann",
    "Burkina Faso",
    "Burkina",
    "New South Wales (NSW)",
    "NSW",
    "Raqa",
    "Toulouse",
    "Kenya",
    "Marocc",
    "the U.S. Army",
    "Syrian",
    "Sahel",
    "Valencia",
    "Ouagadougou",
    "Madrid",
    "DAKAR",
]
HOSTILE = [
    "</script>",
    "<script>alert(1)</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<p>",
    "'",
    '"',
    "\\",
    "\\u2028",
    "\u2028",
    "\u2029",
    "\u200f",
    "\u202e",
    "\u200b",
    "🚒",
    "👩🏽‍🚒",
    "${1+1}",
    "{{ 7*7 }}",
    "&amp;",
    "\x00",
    "\ufeff",
]
WORDS = ["Floods hit", "in", "and", "near", "the", "rescue teams", "arrived", "le maire de", "à", "en", "dans"]
PUNCTUATION = [". ", ", ", "\n\n", "\n", " (", ") ", " - ", "; ", "! ", "? ", " "]

pieces = st.one_of(
    st.sampled_from(PLACES),
    st.sampled_from(HOSTILE),
    st.sampled_from(WORDS),
    st.sampled_from(PUNCTUATION),
    st.text(max_size=8),
)


@st.composite
def articles(draw):
    """Raw article text, as a file would hold it, and the language asked for (None: detected)."""
    body = "".join(draw(st.lists(pieces, max_size=40)))
    wrapper = draw(st.sampled_from(["plain", "plain", "plain", "date", "html", "dateline"]))
    if wrapper == "date":
        body = f"date 2026-10-0{draw(st.integers(1, 9))}\n{body}"
    elif wrapper == "html":
        body = f"<html><head><title>{body[:30]}</title></head><body><article><p>{body}</p></article></body></html>"
    elif wrapper == "dateline":
        body = f"{draw(st.sampled_from(['DAKAR', 'PARIS', 'LYON']))}, 3 mai (AFP) - {body}"
    return body, draw(st.sampled_from([None, "en", "fr", "es"]))


@pytest.fixture(scope="module")
def geocoder():
    return offline_index()


def check_one(raw: str, language: str | None, geocoder, folder) -> None:
    """One article through every stage: a site, or a MapgenError; never anything else."""
    try:
        article = parse_article(raw, source="generated.txt", language=language)
        places = find_places(article, geocoder=geocoder)
    except MapgenError:
        return
    for place in places:
        assert 0.0 <= place.confidence <= 1.0
        for m in place.mentions:
            assert article.text[m.start : m.end] == m.text
            assert article.text[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence
    site = write_site(article, places, folder, tiles="OpenStreetMap.Mapnik", assets="cdn")
    features = json.loads(site.geojson.read_text("utf-8"))["features"]
    # one place per real place: "Madridà" and "Madrid" resolved to one Madrid are one mark, with both mentions
    ids = [p.chosen.geonameid for p in places if p.chosen.geonameid is not None]
    assert len(ids) == len(set(ids)) and len(features) == len(places)
    assert sum(len(f["properties"]["mentions"]) for f in features) == sum(len(p.mentions) for p in places)
    for page in (site.index, site.embed):
        assert page.read_text("utf-8").count("</script>") == page.read_text("utf-8").count("<script")


def pipeline_run(examples: int, geocoder, folder):
    """The property, run for `examples` generated articles."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(articles())
    def run(case):
        check_one(*case, geocoder, folder)

    return run


def test_two_spellings_of_one_place_among_script_tags_make_one_mark(geocoder, tmp_path):
    """Found by the 10,000-article run: two names resolved to one Madrid are one feature, with both mentions."""
    check_one("</script>Madridà<script>alert(1)</script>Madrid", None, geocoder, tmp_path / "site")


@contextmanager
def in_memory(tmp_path: Path) -> Iterator[Path]:
    """A folder for the sites, in memory where it can be: disks here are shared and slow, and each example
    writes a site."""
    memory = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=memory if memory.is_dir() else tmp_path) as folder:
        yield Path(folder)


def test_hostile_articles_through_the_pipeline(geocoder, tmp_path):
    with in_memory(tmp_path) as folder:
        pipeline_run(150, geocoder, folder / "site")()


# The long run in four runs of a quarter of the examples each, so that the slow step's two workers
# share it (it was one worker's eight minutes while the other ran the rest, then waited). Each part
# draws from its own random seed, as a run of its own would: together, as many generated articles.
PARTS = 4


@pytest.mark.slow
@pytest.mark.parametrize("part", range(PARTS))
def test_ten_thousand_hostile_articles_through_the_pipeline(geocoder, tmp_path, capsys, part):
    examples = int(os.environ.get("MAPGEN_PIPELINE_EXAMPLES", "10000"))
    share = examples // PARTS + (part < examples % PARTS)
    with in_memory(tmp_path) as folder:
        start = time.perf_counter()
        pipeline_run(share, geocoder, folder / "site")()
    with capsys.disabled():  # the figure, shown in every run
        print(
            f"\n{share} of {examples} generated articles (part {part + 1} of {PARTS}) through the pipeline"
            f" in {time.perf_counter() - start:.0f} s"
        )
