"""`mapgen gazetteer add` against hostile dumps and mirrors: impossible values, damaged or
unreadable zips, mirrors that trickle, stall, announce too much or redirect elsewhere,
and two adds at once. Each is one line and exit 1, or a row skipped and counted."""

import shutil
import struct
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
import test_gazetteer_dumps
from conftest import serving
from filelock import FileLock
from test_gazetteer_dumps import FIXTURE, Mirror, added_only, zipped

from mapgen import GazetteerError
from mapgen.cli import main
from mapgen.gazetteer import added, download, geonames_dump
from mapgen.lookup import candidates

# the loopback mirror and the cache of their own, as test_gazetteer_dumps makes them
mirror, cache, default_index = (
    test_gazetteer_dumps.mirror,
    test_gazetteer_dumps.cache,
    test_gazetteer_dumps.default_index,
)
ROW = "{id}\t{name}\t{name}\t\t{lat}\t{lon}\tP\tPPL\tFR\t\t53\t35\t\t\t{population}\t\t40\tEurope/Paris\t2024-01-15"


def dump_with(mirror_root: Path, tmp_path: Path, *rows: str) -> None:
    lines = (FIXTURE / "FR.txt").read_text("utf-8").splitlines()
    source = tmp_path / "FR.txt"
    source.write_text("\n".join([*lines, *rows]) + "\n", "utf-8")
    zipped(mirror_root / "FR.zip", "FR.txt", source)


def test_rows_with_impossible_values_are_skipped_and_counted(mirror, cache, tmp_path, capsys, monkeypatch):
    bad = [
        ROW.format(id=90100001, name="Nanville", lat="nan", lon="-1.6", population=10),
        ROW.format(id=90100002, name="Infville", lat="48.1", lon="inf", population=10),
        ROW.format(id=90100003, name="Poleville", lat="95", lon="-1.6", population=10),
        ROW.format(id=90100004, name="Farville", lat="48.1", lon="500", population=10),
        ROW.format(id=2**64, name="Bigidville", lat="48.1", lon="-1.6", population=10),
        ROW.format(id=90100006, name="Crowdville", lat="48.1", lon="-1.6", population=2**70),
        ROW.format(id="９０１", name="Wideville", lat="48.1", lon="-1.6", population=10),
        ROW.format(id=90100008, name="", lat="48.1", lon="-1.6", population=10),
    ]
    dump_with(
        Mirror.root, tmp_path, *bad, ROW.format(id=90100009, name="Goodville", lat="48.1", lon="-1.6", population=10)
    )
    monkeypatch.setenv(added.URL_VARIABLE, mirror)
    assert main(["gazetteer", "add", "FR"]) == 0
    summary = capsys.readouterr().out
    assert summary.startswith("FR: 230 places, ") and summary.endswith(" names added, 8 rows skipped\n")
    assert [c.places for c in added.listed(cache)] == [230]
    index = added_only(cache)
    assert candidates(index, "Goodville")
    for name in ("Nanville", "Infville", "Poleville", "Farville", "Bigidville", "Crowdville", "Wideville"):
        assert candidates(index, name) == [], name
    article = tmp_path / "a.txt"
    article.write_text("Storms hit Nanville and Crowdville and Goodville near Rennes.", "utf-8")
    assert main(["places", str(article)]) == 0


def test_a_line_past_the_cap_is_skipped_unread(mirror, cache, tmp_path, monkeypatch):
    monkeypatch.setattr(geonames_dump, "MAX_LINE_BYTES", 4096)
    long_names = ",".join(f"Nom{n}" for n in range(2000))
    row = ROW.format(id=90100001, name="Longville", lat="48.1", lon="-1.6", population=1).split("\t")
    row[3] = long_names
    dump_with(
        Mirror.root,
        tmp_path,
        "\t".join(row),
        ROW.format(id=90100002, name="Nextville", lat="48", lon="-1", population=1),
    )
    [france] = added.add(["FR"], url=mirror, cache=cache)
    assert (france.places, france.skipped) == (230, 1)
    assert candidates(added_only(cache), "Nextville") and not candidates(added_only(cache), "Longville")


def broken_deflate(path: Path) -> None:
    """The member's deflate stream starts with a reserved block type: zlib fails on it."""
    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[0]
    data = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    data[start : start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


def patched_header(field: str, value: int):
    """Set the compression method (deflate64 is 9) or the flags (bit 0: encrypted) of every member."""

    def patch(path: Path) -> None:
        data = bytearray(path.read_bytes())
        local, central = (8, 10) if field == "method" else (6, 8)
        for signature, at in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
            start = data.find(signature)
            while start != -1:
                old = struct.unpack("<H", data[start + at : start + at + 2])[0]
                struct.pack_into("<H", data, start + at, value if field == "method" else old | value)
                start = data.find(signature, start + 4)
        path.write_bytes(bytes(data))

    return patch


@pytest.mark.parametrize(
    "damage",
    [broken_deflate, patched_header("method", 9), patched_header("flags", 1)],
    ids=["damaged deflate", "deflate64", "encrypted"],
)
def test_an_unreadable_zip_is_one_line_and_leaves_the_cache(mirror, cache, capsys, damage):
    damage(Mirror.root / "FR.zip")
    assert main(["gazetteer", "add", "FR", "--from", mirror]) == 1
    error = capsys.readouterr().err.splitlines()
    assert [line for line in error if line.startswith("mapgen:")] == [error[-1]]
    assert "FR.zip" in error[-1] and "internal error" not in error[-1]
    assert list((cache / "geonames-downloads").glob("FR*")) == []


def test_a_download_spliced_from_two_versions_is_removed(mirror, cache, tmp_path):
    Mirror.cut_after = 3000
    with pytest.raises(GazetteerError, match="cut at"):
        added.add(["FR"], url=mirror, cache=cache)
    dump_with(Mirror.root, tmp_path, ROW.format(id=90100009, name="Newville", lat="48.1", lon="-1.6", population=1))
    with pytest.raises(GazetteerError, match="FR.zip"):
        added.add(["FR"], url=mirror, cache=cache)
    assert list((cache / "geonames-downloads").glob("FR*")) == []
    assert added.add(["FR"], url=mirror, cache=cache)[0].places == 230, "the next run starts afresh"


class Faulty(BaseHTTPRequestHandler):
    """A mirror gone wrong in one way, as `fault` says."""

    fault: ClassVar[str] = ""
    target: ClassVar[str] = ""

    def do_GET(self):
        if Faulty.fault == "redirect":
            self.send_response(302)
            self.send_header("Location", Faulty.target)
            self.end_headers()
            return
        self.send_response(200)
        if Faulty.fault == "huge":
            self.send_header("Content-Length", str(10 * 10**9))
        elif Faulty.fault == "big":
            self.send_header("Content-Length", str(400 * 10**6))
        else:
            self.send_header("Content-Length", str(10**6))
        self.end_headers()
        if Faulty.fault == "stall":
            self.wfile.write(b"PK" * 100)
            self.wfile.flush()
            time.sleep(3)
        elif Faulty.fault == "trickle":
            for _ in range(40):
                self.wfile.write(b"x" * 100)
                self.wfile.flush()
                time.sleep(0.1)

    def log_message(self, *args):
        pass


@pytest.fixture
def faulty():
    with serving(Faulty) as url:
        yield url


def test_a_mirror_that_stalls_is_left_with_one_line(faulty, tmp_path, monkeypatch):
    Faulty.fault = "stall"
    monkeypatch.setattr(download, "STALL_SECONDS", 0.5)
    started = time.monotonic()
    with pytest.raises(GazetteerError, match=r"no byte came for 0.5 s.*run the same command again to resume"):
        download.fetch(f"{faulty}/FR.zip", tmp_path / "FR.zip")
    assert time.monotonic() - started < 2.5
    assert (tmp_path / "FR.zip.part").stat().st_size == 200, "kept, to resume"


def test_a_mirror_that_trickles_is_left_with_one_line(faulty, tmp_path, monkeypatch):
    Faulty.fault = "trickle"
    monkeypatch.setattr(download, "RATE_WINDOW_SECONDS", 1.0)
    started = time.monotonic()
    with pytest.raises(GazetteerError, match=r"under 10 KB/s over 1 s.*run the same command again to resume"):
        download.fetch(f"{faulty}/FR.zip", tmp_path / "FR.zip")
    assert time.monotonic() - started < 3


def test_a_size_over_the_cap_is_refused_before_a_byte(faulty, tmp_path):
    Faulty.fault = "huge"
    with pytest.raises(GazetteerError, match=r"10,000 MB.*over the 2,000 MB cap"):
        download.fetch(f"{faulty}/FR.zip", tmp_path / "FR.zip")
    assert list(tmp_path.iterdir()) == []


def test_a_size_the_disk_cannot_hold_with_its_index_is_refused(faulty, tmp_path, monkeypatch):
    Faulty.fault = "big"
    monkeypatch.setattr(download.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**12, 10**12, 10**9))
    with pytest.raises(GazetteerError, match=r"400 MB.*needs about 2,400 MB free.*1,000 MB free"):
        download.fetch(f"{faulty}/FR.zip", tmp_path / "FR.zip")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["ftp://127.0.0.1/FR.zip", "http://localhost:{port}/FR.zip"])
def test_a_redirect_to_another_scheme_or_host_is_refused(faulty, tmp_path, where):
    Faulty.fault, Faulty.target = "redirect", where.format(port=faulty.rsplit(":", 1)[1])
    with pytest.raises(GazetteerError, match=r"redirected to .* refused"):
        download.fetch(f"{faulty}/FR.zip", tmp_path / "FR.zip")


def test_a_second_add_waits_for_the_first_and_says_so(mirror, cache):
    told: list[str] = []
    done = threading.Event()

    def second():
        added.add(["FR"], url=mirror, cache=cache, warn=told.append)
        done.set()

    with FileLock(added.adding_lock(cache)):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(1)
        assert not done.is_set()
        assert told == ["another mapgen gazetteer add or update is under way; waiting for it to end…"]
    thread.join(30)
    assert done.is_set() and [c.code for c in added.listed(cache)] == ["FR"]
