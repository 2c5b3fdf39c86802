"""The online geocoder against a hostile server (on loopback): bad results skipped one by
one, redirects elsewhere refused, a password in its URL never shown, a cache that cannot
be written one line."""

import sqlite3
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest
import test_online
from conftest import serving
from test_online import ANSWERS, FakeNominatim

from mapgen.cli import main
from mapgen.lookup import candidates
from mapgen.online import OnlineGeocoderError, nominatim

server, offline = test_online.server, test_online.offline

GOOD = {
    "lat": "-13.2101",
    "lon": "24.9805",
    "name": "Kampungu",
    "display_name": "Kampungu, Zambezi, Zambia",
    "type": "village",
    "addresstype": "village",
    "importance": 0.3,
    "address": {"country_code": "zm"},
    "extratags": {},
}


BAD = [
    {**GOOD, "lat": "abc"},
    {**GOOD, "lat": "NaN"},
    {**GOOD, "lat": "95"},
    {**GOOD, "lon": "Infinity"},
    {**GOOD, "importance": "high"},
    {**GOOD, "importance": float("nan")},
    {**GOOD, "address": ["zm"]},
    {**GOOD, "addresstype": ["village"]},
    {**GOOD, "name": 7, "display_name": None},
    "not a place",
]


@pytest.fixture
def hostile_answers():
    """Kampungu's answer: four bad results, then the good one (five are read)."""
    ANSWERS["kampungu"], before = [*BAD[:4], GOOD], ANSWERS["kampungu"]
    yield
    ANSWERS["kampungu"] = before


@pytest.mark.parametrize("bad", BAD, ids=range(len(BAD)))
def test_bad_results_are_skipped_one_by_one(server, offline, tmp_path, bad):
    ANSWERS["kampungu"], before = [bad, GOOD], ANSWERS["kampungu"]
    try:
        geocoder = nominatim(offline, server, min_delay_seconds=0, cache=tmp_path / "answers.sqlite")
        found = candidates(geocoder, "Kampungu", online=True)
    finally:
        ANSWERS["kampungu"] = before
    assert [(c.name, c.lat, c.lon) for c in found] == [("Kampungu", -13.2101, 24.9805)]


def test_an_answer_that_is_no_list_of_places_is_none(server, offline, tmp_path):
    for answer in ("a string", 42, {"lat": "1"}, None, [[1, 2]]):
        ANSWERS["oddity"] = answer
        geocoder = nominatim(offline, server, min_delay_seconds=0, cache=tmp_path / f"{len(str(answer))}.sqlite")
        try:
            assert candidates(geocoder, "Oddity", online=True) == []
        finally:
            del ANSWERS["oddity"]


def test_bad_results_on_the_command_line_are_no_internal_error(server, tmp_path, monkeypatch, capsys, hostile_answers):
    monkeypatch.setattr("mapgen.online.cache_dir", lambda: tmp_path)
    article = tmp_path / "a.txt"
    article.write_text("Floods cut off Kampungu, Zambia, on Monday.", "utf-8")
    assert main(["places", "--language", "en", "--geocoder", "nominatim", "--geocoder-url", server, str(article)]) == 0
    assert "Kampungu" in capsys.readouterr().out


def test_a_password_in_the_geocoder_url_is_never_written(server, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("mapgen.online.cache_dir", lambda: tmp_path)
    article = tmp_path / "a.txt"
    article.write_text("Floods cut off Kampungu, Zambia, on Monday.", "utf-8")
    url = server.replace("http://", "http://desk:s3cret@")
    options = ["--language", "en", "--geocoder", "nominatim", "--geocoder-url"]
    assert main(["build", str(article), "-o", str(tmp_path / "site"), "--edit", *options, url]) == 0
    assert "s3cret" not in capsys.readouterr().err
    assert "s3cret" not in (tmp_path / "site" / "edit.html").read_text("utf-8")
    assert main(["places", "--review", str(article), *options, url]) == 0
    assert "s3cret" not in capsys.readouterr().out
    FakeNominatim.failing = True
    article.write_text("Floods cut off Greenlane on Monday.", "utf-8")
    assert main(["places", str(article), *options, url]) == 1
    error = capsys.readouterr().err
    assert "Greenlane" in error and "s3cret" not in error
    assert main(["places", str(article), *options, "ftp://desk:s3cret@example.org"]) == 1
    error = capsys.readouterr().err
    assert "must start with http:// or https://" in error and "s3cret" not in error


class Redirecting(BaseHTTPRequestHandler):
    target: ClassVar[str] = ""

    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", Redirecting.target + self.path)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("elsewhere", ["http://localhost:{port}", "ftp://127.0.0.1:{port}"])
def test_a_redirect_to_another_server_is_refused(server, offline, tmp_path, elsewhere):
    with serving(Redirecting) as redirecting:
        Redirecting.target = elsewhere.format(port=server.rsplit(":", 1)[1])
        geocoder = nominatim(offline, redirecting, min_delay_seconds=0, cache=tmp_path / "answers.sqlite")
        with pytest.raises(OnlineGeocoderError, match="redirected to .*another server: refused"):
            candidates(geocoder, "Kampungu", online=True)
    assert FakeNominatim.asked == []


def test_a_cache_that_cannot_be_written_is_one_line(server, offline, tmp_path):
    cache = tmp_path / "answers.sqlite"
    geocoder = nominatim(offline, server, min_delay_seconds=0, cache=cache)
    geocoder._db = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)  # as a full disk refuses the write
    with pytest.raises(OnlineGeocoderError, match="cannot keep the answer for 'Kampungu'"):
        candidates(geocoder, "Kampungu", online=True)
