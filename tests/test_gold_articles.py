"""The seed article and our own examples give the maps their gold answers describe."""

import json
from pathlib import Path

import pytest

import mapgen
from mapgen.evaluate.map_check import check_map

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


@pytest.fixture(scope="module")
def check(gold, places):
    return check_map(gold, places)


def test_every_gold_marker_is_a_point_at_the_right_place(check):
    assert check.misplaced == ()
    assert check.extra == ()


def test_no_trap_becomes_a_marker(check):
    assert check.traps == ()


def test_countries_are_countries_never_cities(check):
    assert check.countries_missed == ()


def test_regions_are_regions(check):
    assert check.regions_missed == ()


def test_the_check_finds_a_wrong_map(gold, places):
    """check_map itself can fail: a marker moved away, a trap, a country as a town."""
    import dataclasses

    moved = [
        dataclasses.replace(p, chosen=dataclasses.replace(p.chosen, geonameid=None, lat=-p.chosen.lat))
        if p.kind == "place"
        else p
        for p in places
    ]
    assert check_map(gold, moved).misplaced
    trap = dataclasses.replace(places[0], mentions=(dataclasses.replace(places[0].mentions[0], text=gold["traps"][0]),))
    assert check_map(gold, [*places, trap]).traps
    as_town = [
        dataclasses.replace(p, chosen=dataclasses.replace(p.chosen, feature="city")) if p.kind == "country" else p
        for p in places
    ]
    assert check_map(gold, as_town).countries_missed


def test_every_mention_points_into_the_text(article, places):
    text = article.text
    for place in places:
        for m in place.mentions:
            assert text[m.start : m.end] == m.text
            assert text[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence
            assert m.sentence_start <= m.start and m.end <= m.sentence_start + len(m.sentence)
