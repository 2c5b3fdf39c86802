"""The seed article and our own examples give the maps their gold answers describe."""

import json
from pathlib import Path

import pytest

import mapgen
from mapgen.names import name_key
from mapgen.resolve import distance_km

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "seed.gold.json"
GOLD_FILES = [SEED, *sorted((ROOT / "examples").glob("*.gold.json"))]


@pytest.fixture(scope="module", params=GOLD_FILES, ids=lambda path: path.name)
def gold(request):
    if not request.param.exists():
        pytest.skip(f"{request.param} is not there (../shared beside the project)")
    return {**json.loads(request.param.read_text("utf-8")), "folder": request.param.parent}


@pytest.fixture(scope="module")
def article(gold):
    return mapgen.read_article(gold["folder"] / gold["article"])


@pytest.fixture(scope="module")
def places(article):
    return mapgen.find_places(article)


def _matches(place, expected, tolerance_km=10.0):
    chosen = place.chosen
    return chosen.geonameid == expected["geonameid"] or (
        distance_km(chosen.lat, chosen.lon, expected["lat"], expected["lon"]) <= tolerance_km
    )


def test_every_gold_marker_is_a_point_at_the_right_place(gold, places):
    markers = [p for p in places if p.kind == "place"]
    for expected in gold["markers"]:
        named = [p for p in markers if any(m.text == expected["mention"] for m in p.mentions)]
        assert len(named) == 1, f"no single marker for {expected['mention']}"
        assert _matches(named[0], expected), (expected["mention"], named[0].chosen)
    assert len(markers) == len(gold["markers"]), [p.name for p in markers]


def test_no_trap_becomes_a_marker(gold, places):
    traps = {name_key(t) for t in gold["traps"]}
    for place in places:
        assert not traps & {name_key(m.text) for m in place.mentions}, place


def test_countries_are_countries_never_cities(gold, places):
    for expected in gold["countries"]:
        spellings = {name_key(s) for s in [expected["mention"], *expected.get("also", [])]}
        named = [p for p in places if spellings & {name_key(m.text) for m in p.mentions}]
        assert named, expected["mention"]
        assert all(p.kind == "country" and p.chosen.country == expected["country"] for p in named), named


def test_regions_are_regions(gold, places):
    for expected in gold.get("regions", []):
        named = [p for p in places if any(m.text == expected["mention"] for m in p.mentions)]
        assert [p.kind for p in named] == ["region"], expected
        assert named[0].chosen.name == expected["name"]


def test_every_mention_points_into_the_text(article, places):
    text = article.text
    for place in places:
        for m in place.mentions:
            assert text[m.start : m.end] == m.text
            assert text[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence
            assert m.sentence_start <= m.start and m.end <= m.sentence_start + len(m.sentence)
