"""States, provinces and départements drawn as their shapes: matched by data, simplified, only those named."""

import json

from mapgen.model import Candidate
from mapgen.site.admin1 import build_table, match, shapes_for, simplify


def square(lon, lat, size=4.0, step=1.0):
    """A closed square ring with points every `step` degrees along its sides."""
    n = int(size / step)
    side = [[lon + k * step, lat] for k in range(n)]
    side += [[lon + size, lat + k * step] for k in range(n)]
    side += [[lon + size - k * step, lat + size] for k in range(n)]
    side += [[lon, lat + size - k * step] for k in range(n)]
    return [*side, side[0]]


def feature(country, gn_id, name, lon, lat, **names):
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [square(lon, lat)]},
        "properties": {"iso_a2": country, "gn_id": gn_id, "name": name, "latitude": lat + 0.5, "longitude": lon + 0.5}
        | names,
    }


COLLECTION = {
    "type": "FeatureCollection",
    "features": [
        feature("XA", 101, "Nord-Est", 10.0, 40.0, gn_name="Province du Nord-Est", name_fr="Nord-Est"),
        feature("XA", 102, "Süd", 10.0, 34.0, name_en="South"),
        feature("XB", 201, "Süd", 30.0, 10.0),
        feature("-1", 301, "Disputed", 0.0, 0.0),
    ],
}


def admin(name, country, lat, lon, geonameid=None):
    return Candidate(geonameid, name, "admin", country, lat, lon)


def test_an_area_is_matched_by_its_geonames_id_first():
    table = build_table(COLLECTION)["areas"]
    assert match(admin("Anything", "XA", 36.4, 10.4, geonameid=102), table).at == [34.5, 10.5]


def test_else_by_one_of_its_names_in_its_own_country_whatever_the_accents_and_case():
    table = build_table(COLLECTION)["areas"]
    assert match(admin("SUD", "XA", 34.5, 10.5), table).at == [34.5, 10.5]
    assert match(admin("SUD", "XB", 10.5, 30.5), table).at == [10.5, 30.5]
    assert match(admin("province du nord est", "XA", 40.5, 10.5), table).at == [40.5, 10.5]
    assert match(admin("Nowhere", "XA", 40.5, 10.5), table) is None
    assert match(admin("Süd", "XC", 10.5, 30.5), table) is None, "another country's area"


def test_a_namesake_far_from_the_area_is_not_its_shape():
    assert match(admin("Süd", "XA", 60.0, 10.5), build_table(COLLECTION)["areas"]) is None


def test_shapes_are_simplified_and_areas_without_a_country_left_out():
    table = build_table(COLLECTION)["areas"]
    assert sorted(table) == ["XA", "XB"]
    (ring,) = table["XB"][0]["rings"][0]
    assert len(ring) == 2 * 5, "a square's four corners and its closing point, the points along its sides dropped"
    assert simplify([[0, 0], [1, 0.001], [2, 0]], 0.01) == [[0, 0], [2, 0]]
    assert simplify([[0, 0], [1, 0.5], [2, 0]], 0.01) == [[0, 0], [1, 0.5], [2, 0]]


def test_without_the_data_an_area_has_no_shape(monkeypatch, tmp_path):
    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("MAPGEN_ADMIN1", str(tmp_path / "missing.json"))
    assert shapes_for([admin("Süd", "XA", 34.5, 10.5)]) == [None]


def test_the_simplified_shapes_are_kept_in_the_cache(admin_data, tmp_path):
    assert shapes_for([admin("Süd", "XB", 10.5, 30.5)])[0] is not None
    admin_data.unlink()
    assert shapes_for([admin("Süd", "XB", 10.5, 30.5)])[0] is not None, "read from the cache"


def test_natural_earths_own_areas_are_found_by_id_and_by_name():
    by_id, by_name, unknown = shapes_for(
        [
            admin("Texas", "US", 31.16, -100.17, geonameid=4736286),
            admin("Departement du Finistere", "FR", 48.26, -4.11),
            admin("Nowhere Province", "FR", 48.26, -4.11),
        ]
    )
    assert by_id is not None and 29 < by_id.at[0] < 33 and -101 < by_id.at[1] < -97
    assert by_name is not None and 47.5 < by_name.at[0] < 49 and -5 < by_name.at[1] < -3
    assert unknown is None


def test_the_story_countries_inner_borders_are_drawn_unless_they_would_be_a_mesh(admin_data, monkeypatch):
    from mapgen.site import admin1

    # XA's two squares, 40-44 and 34-38 N, share no side; a third shares one with the first
    assert admin1.lines_for(["XA"]) == []
    east = feature("XA", 103, "Ost", 14.0, 40.0)
    lines = admin1.build_table({"features": [*COLLECTION["features"], east]})["lines"]
    assert lines["XA"] == [[1400, 4000, 0, 400]], "the side the two squares share, once"
    assert lines["XB"] == []
    admin_data.write_text(json.dumps({"features": [*COLLECTION["features"], east]}), "utf-8")
    monkeypatch.setenv("MAPGEN_CACHE", str(admin_data.parent / "cache-2"))
    assert admin1.lines_for(["XA", "XA", "XC"]) == [[1400, 4000, 0, 400]]
    monkeypatch.setattr(admin1, "MAX_LINE_AREAS", 2)
    assert admin1.lines_for(["XA"]) == [], "three areas: too many"
