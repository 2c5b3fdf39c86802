"""The gazetteer behind geopy's interface, and the index it reads."""

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapgen.geocode import OfflineGazetteer, candidate_of, candidates
from mapgen.names import name_key, skeleton


def test_is_a_geopy_geocoder_answering_offline():
    geocoder = OfflineGazetteer()
    assert isinstance(geocoder, Geocoder)
    berlin = geocoder.geocode("Berlin")
    assert isinstance(berlin, Location)
    assert berlin.raw["country"] == "DE" and abs(berlin.latitude - 52.52) < 0.1
    assert len(geocoder.geocode("Berlin", exactly_one=False)) > 5
    assert geocoder.geocode("Xqzvplorth") is None


def test_names_in_many_languages_and_spellings():
    geocoder = OfflineGazetteer()
    for name in ("Allemagne", "Deutschland", "Germany", "ALLEMAGNE"):
        assert any(c.feature == "country" and c.country == "DE" for c in candidates(geocoder, name)), name
    assert candidates(geocoder, "Mossoul")[0].name == "Mosul"
    assert candidates(geocoder, "U.S.")[0].country == "US"


def test_loose_candidates_only_when_asked():
    geocoder = OfflineGazetteer()
    assert candidates(geocoder, "Raqa") == []
    assert candidates(geocoder, "Raqa", loose=True)[0].geonameid == 172955
    assert candidate_of(geocoder.geocode("Raqqa")).name == "Ar Raqqah"


def test_demonyms_point_to_the_most_populous_country_that_uses_them():
    geocoder = OfflineGazetteer()
    assert geocoder.demonym_country("Syrian") == "SY"
    assert geocoder.demonym_country("Americans") == "US"


def test_name_keys():
    assert name_key("Saint-Étienne") == name_key("SAINT ETIENNE") == "saint etienne"
    assert name_key("Washington D.C.") == "washington dc"
    assert name_key("l’Aquila") == name_key("l'Aquila")
    assert skeleton("Raqqah") == skeleton("Raqa") == "raqa"
    assert skeleton("Paris") != skeleton("Parys")


def test_a_new_index_removes_the_older_ones_beside_it(tmp_path):
    from mapgen.gazetteer import _remove_older_indexes

    for name in ("gazetteer-v7-gnc3_0_2.sqlite", "gazetteer-v8-gnc3_0_2.sqlite", "notes.txt"):
        (tmp_path / name).write_text("x")
    _remove_older_indexes(tmp_path / "gazetteer-v8-gnc3_0_2.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-v8-gnc3_0_2.sqlite", "notes.txt"]


def test_bare_iso_codes_are_no_names_but_initials_are():
    geocoder = OfflineGazetteer()
    assert not [c for c in candidates(geocoder, "St.") if c.feature == "country"], "ST, São Tomé's code"
    assert not [c for c in candidates(geocoder, "CA") if c.feature == "country"], "CA, Canada's code"
    for abbreviation, country in (("U.S.", "US"), ("USA", "US"), ("DRC", "CD"), ("UAE", "AE")):
        assert country in {c.country for c in candidates(geocoder, abbreviation) if c.feature == "country"}


def test_admin_areas_take_their_iso_names_in_other_languages_and_orders():
    geocoder = OfflineGazetteer()
    for name, country in (
        ("Californie", "US"),
        ("Bavière", "DE"),
        ("Nouvelle-Galles du Sud", "AU"),
        ("Principado de Asturias", "ES"),  # ISO writes 'Asturias, Principado de'
        ("Castilla-La Mancha", "ES"),  # the towns' data spells it 'Castille-La Mancha'
        ("Bade-Wurtemberg", "DE"),
    ):  # ... and this one 'Baden-Wuerttemberg'
        assert (country, "admin") in {(c.country, c.feature) for c in candidates(geocoder, name)}, name


def test_a_damaged_index_is_a_clear_error_or_built_again(tmp_path, monkeypatch):
    import pytest

    from mapgen import gazetteer

    path = tmp_path / "gazetteer.sqlite"
    path.write_text("not an index")
    with pytest.raises(gazetteer.DamagedIndex, match="damaged .*mapgen index --rebuild"):
        gazetteer.Gazetteer(path)
    built = []
    monkeypatch.setattr(gazetteer, "build", lambda p, progress=None: (built.append(p), _tiny_index(p)))
    assert gazetteer.load(path).candidates("Lyon")[0].country == "FR"
    assert built == [path]


def _tiny_index(path):
    """An index with one town, written the way gazetteer.build writes one."""
    import sqlite3

    from mapgen import gazetteer
    from mapgen.model import Candidate

    db = sqlite3.connect(path)
    gazetteer._create_tables(db)
    gazetteer._insert(
        db, [gazetteer._Entry(Candidate(2996944, "Lyon", "city", "FR", 45.75, 4.85, 522_969), frozenset({"Lyon"}))]
    )
    db.commit()
    db.close()
