"""The opt-in online geocoder, against a Nominatim stand-in on loopback: never the internet."""

import json
import sqlite3
import time
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import serving

from mapgen import find_places
from mapgen.cli import main
from mapgen.gazetteer import offline_index
from mapgen.lookup import candidates
from mapgen.online import ANSWERS_PER_NAME, MAX_ANSWER_BYTES, MAX_CACHED_CHARS, OnlineGeocoderError, nominatim

# What a Nominatim server answers (format=json, addressdetails, extratags), for two names.
ANSWERS = {
    "kampungu": [
        {
            "lat": "-13.2101",
            "lon": "24.9805",
            "name": "Kampungu",
            "display_name": "Kampungu, Zambezi, Zambia",
            "class": "place",
            "type": "village",
            "addresstype": "village",
            "importance": 0.30,
            "address": {"village": "Kampungu", "country": "Zambia", "country_code": "zm"},
            "extratags": {},
        },
        {
            "lat": "-13.3",
            "lon": "25.0",
            "name": "Kampungu Clinic",
            "display_name": "Kampungu Clinic, Zambia",
            "class": "amenity",
            "type": "clinic",
            "addresstype": "amenity",
            "importance": 0.1,
            "address": {"country_code": "zm"},
            "extratags": {},
        },
    ],
    "greenlane": [
        {
            "lat": "-36.8893",
            "lon": "174.7977",
            "name": "Greenlane",
            "display_name": "Greenlane, Auckland, New Zealand",
            "class": "place",
            "type": "suburb",
            "addresstype": "suburb",
            "importance": 0.35,
            "address": {"suburb": "Greenlane", "country_code": "nz"},
            "extratags": {"population": "4,700"},
        },
    ],
}


class FakeNominatim(BaseHTTPRequestHandler):
    asked: ClassVar[list] = []
    failing = False

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        FakeNominatim.asked.append((time.monotonic(), query.get("q", [""])[0], self.headers.get("User-Agent")))
        if FakeNominatim.failing or url.path != "/search":
            self.send_response(503)
            self.end_headers()
            return
        body = json.dumps(ANSWERS.get(query["q"][0].lower(), [])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    FakeNominatim.asked, FakeNominatim.failing = [], False
    with serving(FakeNominatim) as url:
        yield url


@pytest.fixture(scope="module")
def offline():
    return offline_index()


def test_only_names_the_index_lacks_go_out_and_each_only_once(server, offline, tmp_path):
    geocoder = nominatim(offline, server, min_delay_seconds=0, cache=tmp_path / "answers.sqlite")
    assert candidates(geocoder, "Berlin", online=True)[0].country == "DE"
    assert FakeNominatim.asked == [], "a name the offline index knows was sent out"
    assert candidates(geocoder, "Kampungu") == [] and FakeNominatim.asked == [], "asked without online=True"
    found = candidates(geocoder, "Kampungu", online=True)
    assert [(c.name, c.feature, c.country, c.lat, c.lon) for c in found] == [
        ("Kampungu", "city", "ZM", -13.2101, 24.9805)
    ], "the clinic is no place"
    assert len(FakeNominatim.asked) == 1 and FakeNominatim.asked[0][2].startswith("mapgen/")
    again = nominatim(offline, server, min_delay_seconds=0, cache=tmp_path / "answers.sqlite")
    assert candidates(again, "KAMPUNGU", online=True) == found
    assert len(FakeNominatim.asked) == 1, "a cached answer was asked again"
    assert candidates(again, "Xqzvplorth", online=True) == [] == candidates(again, "Xqzvplorth", online=True)
    assert len(FakeNominatim.asked) == 2, "an empty answer is cached too"


def test_population_stated_or_read_from_importance(server, offline, tmp_path):
    geocoder = nominatim(offline, server, min_delay_seconds=0, cache=tmp_path / "answers.sqlite")
    assert candidates(geocoder, "Greenlane", online=True)[0].population == 4700
    assert candidates(geocoder, "Kampungu", online=True)[0].population == round(10 ** (2 + 6 * 0.30))


def test_requests_are_spaced(server, offline, tmp_path):
    geocoder = nominatim(offline, server, min_delay_seconds=0.3, cache=tmp_path / "answers.sqlite")
    for name in ("Kampungu", "Greenlane", "Xqzvplorth"):
        candidates(geocoder, name, online=True)
    times = [t for t, _, _ in FakeNominatim.asked]
    # 0.3 s asked between sends; the server stamps arrivals, and a late first arrival narrows the gap after it
    # (0.187 s seen under load), so the span of all three is what is held: two gaps, less one arrival's delay
    assert len(times) == 3 and times[-1] - times[0] >= 0.5


def test_a_failing_server_is_a_clear_error_and_nothing_is_cached(server, offline, tmp_path):
    FakeNominatim.failing = True
    geocoder = nominatim(offline, server, min_delay_seconds=0, cache=tmp_path / "answers.sqlite")
    with pytest.raises(OnlineGeocoderError, match="did not answer for 'Kampungu'.*leave out --geocoder"):
        candidates(geocoder, "Kampungu", online=True)
    FakeNominatim.failing = False
    assert candidates(geocoder, "Kampungu", online=True)[0].country == "ZM"


def test_an_article_gets_the_place_the_index_lacks(server, offline, tmp_path):
    text = "Floods cut off Kampungu, Zambia, on Monday."
    assert "Kampungu" not in [p.name for p in find_places(text, "en", geocoder=offline)]
    geocoder = nominatim(offline, server, min_delay_seconds=0, cache=tmp_path / "answers.sqlite")
    place = {p.name: p for p in find_places(text, "en", geocoder=geocoder)}["Kampungu"]
    assert place.chosen.country == "ZM" and place.chosen.lat == -13.2101
    assert [q for _, q, _ in FakeNominatim.asked] == ["Kampungu"], "only the unknown place name went out"


def test_a_flood_of_answers_is_capped_and_not_cached_whole(server, offline, tmp_path):
    village = ANSWERS["kampungu"][0]
    ANSWERS["swarm"] = [{**village, "name": f"Swarm {i}", "lat": str(-13 + i / 1e5)} for i in range(2_000)]
    try:
        cache = tmp_path / "answers.sqlite"
        geocoder = nominatim(offline, server, min_delay_seconds=0, cache=cache)
        found = candidates(geocoder, "Swarm", online=True)
        assert len(found) == ANSWERS_PER_NAME
        [(size,)] = sqlite3.connect(cache).execute("SELECT length(places) FROM answers").fetchall()
        assert size <= MAX_CACHED_CHARS
        # an oversized answer cached by an earlier version is asked again, not read
        db = sqlite3.connect(cache)
        db.execute("UPDATE answers SET places = ?", (json.dumps([asdict(found[0])] * 10_000),))
        db.commit()
        again = nominatim(offline, server, min_delay_seconds=0, cache=cache)
        assert candidates(again, "Swarm", online=True) == found and len(FakeNominatim.asked) == 2
    finally:
        del ANSWERS["swarm"]


def test_an_answer_too_big_to_be_five_places_is_refused_unread(server, offline, tmp_path):
    """300,000 results (76 MB) were read and parsed whole, 83 s and 780 MB, to keep five."""
    village = ANSWERS["kampungu"][0]
    count = MAX_ANSWER_BYTES // len(json.dumps(village)) * 3
    ANSWERS["swarm"] = [{**village, "lat": str(-13 + i / 1e6)} for i in range(count)]
    try:
        cache = tmp_path / "answers.sqlite"
        geocoder = nominatim(offline, server, min_delay_seconds=0, cache=cache)
        with pytest.raises(
            OnlineGeocoderError, match=r"did not answer for 'Swarm' \(the answer is over 1,000,000 bytes"
        ):
            candidates(geocoder, "Swarm", online=True)
        assert sqlite3.connect(cache).execute("SELECT count(*) FROM answers").fetchone() == (0,)
    finally:
        del ANSWERS["swarm"]


def test_command_line(server, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("mapgen.online.cache_dir", lambda: tmp_path)  # the answers; the index stays shared
    article = tmp_path / "a.txt"
    article.write_text("Floods cut off Kampungu, Zambia, on Monday.", "utf-8")
    assert main(["places", "--language", "en", str(article)]) == 0
    assert "Kampungu" not in capsys.readouterr().out and FakeNominatim.asked == []
    assert main(["places", "--language", "en", "--geocoder", "nominatim", "--geocoder-url", server, str(article)]) == 0
    captured = capsys.readouterr()
    assert "Kampungu" in captured.out and "asking the online geocoder for 'Kampungu'" in captured.err
    assert main(["places", "--geocoder-url", server, str(article)]) == 1
    assert "--geocoder-url needs --geocoder nominatim" in capsys.readouterr().err
    assert main(["places", "--geocoder", "nominatim", "--geocoder-url", "ftp://x", str(article)]) == 1
    assert "must start with http:// or https://" in capsys.readouterr().err
