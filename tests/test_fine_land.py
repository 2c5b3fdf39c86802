"""A local story's fine land: the admin-1 shapes around its view, cut to a window, and the closer zooms they allow."""

import json

from conftest import mention

from mapgen.model import Article, Candidate, Place
from mapgen.site.basemap import vector_basemap
from mapgen.site.fine_land import clip
from mapgen.site.pages import WORDS
from mapgen.site.render import build_map, fit_zoom
from mapgen.site.world import decode

TEXT = "La crue touche Alpha. Beta est coupée. Gamma attend."


def town(name, lat, lon, country="XA"):
    return Place(name, Candidate(sum(map(ord, name)), name, "city", country, lat, lon), 0.9, (mention(TEXT, name),))


def page_data(places, tmp_path, article=None):
    article = article or Article(TEXT, "fr", "crue.txt")
    return json.loads(build_map(article, places, vector_basemap("fr", tmp_path, inline=False), WORDS["fr"]).data)


def test_a_local_story_gets_the_fine_land_around_its_view_and_a_closer_view(admin_data, tmp_path):
    # two towns 50 km apart in XA's northern square (lon 10-14, lat 40-44); the southern one is 34-38
    data = page_data([town("Alpha", 41.0, 11.0), town("Beta", 41.3, 11.5)], tmp_path)
    fine = data["basemap"]["fine"]
    (south, west), (north, east) = fine["window"]
    assert south < 41.0 < 41.3 < north and west < 11.0 < 11.5 < east
    assert [area["code"] for area in fine["areas"]] == ["XA", "XA"], "both of XA's squares meet the window; XB's none"
    points = [p for area in fine["areas"] for polygon in area["rings"] for ring in polygon for p in decode(ring)]
    assert all(west <= lon <= east and south <= lat <= north for lon, lat in points), "cut to the window"
    assert data["view"]["maxZoom"] == 9, "towns apart: closer than the 1:110m coasts allow"
    assert data["basemap"]["maxZoom"] == 11 and data["basemap"]["sharpZoom"] == 9


def test_a_lone_town_opens_beside_the_nearest_big_city_and_in_the_middle(admin_data, tmp_path):
    # the vector basemap draws no town: a lone dot on bare land says nothing of where it is
    lone = page_data([town("Alpha", 41.0, 11.0)], tmp_path)
    (south, west), (north, east) = lone["view"]["bounds"]
    assert (round((south + north) / 2, 6), round((west + east) / 2, 6)) == (41.0, 11.0)
    assert (north - south) + (east - west) > 1, "wider than the town's one point"
    in_view = [
        c["name"]
        for c in lone["cities"]
        if south - 0.01 <= c["at"][0] <= north + 0.01 and west - 0.01 <= c["at"][1] <= east + 0.01
    ]
    assert in_view == ["Rome"], "Rome, 170 km away, its corner (the city's point is rounded for the page)"
    # mid-Pacific, no big city within a day's drive: the view stays on the town
    atoll = page_data([town("Alpha", 0.0, -150.0)], tmp_path)
    assert atoll["view"]["bounds"] == [[0.0, -150.0], [0.0, -150.0]]


def test_a_regional_story_gets_the_countries_sharp_from_zoom_6(admin_data, tmp_path):
    """Towns 670 km apart, off Italy and Tunisia: the package's fine country outlines, not the
    test's admin-1 squares, cut to a window wide enough to be shown from zoom 6 on."""
    apart = page_data([town("Alpha", 41.0, 11.0), town("Gamma", 35.0, 11.0)], tmp_path)
    fine = apart["basemap"]["fine"]
    assert fine["fromZoom"] == 6 and apart["view"]["maxZoom"] == 9, "past the 1:110m coasts' zoom 6"
    codes = [area["code"] for area in fine["areas"]]
    assert {"IT", "TN", "MT"} <= set(codes) and "XA" not in codes and codes == sorted(codes)
    (south, west), (north, east) = fine["window"]
    assert south < 35 - 4 and north > 41 + 3, "the view and 500 px of zoom 6 around it"
    points = [p for area in fine["areas"] for polygon in area["rings"] for ring in polygon for p in decode(ring)]
    assert all(west <= lon <= east and south <= lat <= north for lon, lat in points), "cut to the window"


def test_a_world_story_keeps_the_coarse_land(admin_data, tmp_path):
    wide = page_data([town("Alpha", 41.0, 11.0), town("Beta", 30.0, 31.0), town("Gamma", 50.0, 30.0)], tmp_path)
    assert wide["view"]["bounds"] == [[30.0, 11.0], [50.0, 31.0]], "off Rome, Cairo and Kyiv: 2,500 km"
    assert "fine" not in wide["basemap"] and wide["view"]["maxZoom"] == 6 and wide["basemap"]["maxZoom"] == 8


def test_without_the_admin1_data_a_local_story_is_drawn_as_before(monkeypatch, tmp_path):
    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("MAPGEN_ADMIN1", str(tmp_path / "missing.json"))
    data = page_data([town("Alpha", 41.0, 11.0), town("Beta", 41.3, 11.5)], tmp_path)
    assert "fine" not in data["basemap"] and data["view"]["maxZoom"] == 6


def test_the_fine_land_is_the_same_bytes_each_time(admin_data, tmp_path):
    places = [town("Alpha", 41.0, 11.0), town("Beta", 41.3, 11.5)]
    first = build_map(Article(TEXT, "fr", "crue.txt"), places, vector_basemap("fr", tmp_path, inline=True), WORDS["fr"])
    again = build_map(Article(TEXT, "fr", "crue.txt"), places, vector_basemap("fr", tmp_path, inline=True), WORDS["fr"])
    assert first.data == again.data and '"fine"' in first.data


def test_a_ring_is_cut_where_it_crosses_the_window():
    square = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]]  # [lon, lat]
    # windows are south, west, north, east
    assert clip(square, (1.0, 1.0, 2.0, 2.0)) == [[1.0, 2.0], [1.0, 1.0], [2.0, 1.0], [2.0, 2.0]]
    assert clip(square, (-1.0, 2.0, 5.0, 5.0)) == [[2.0, 0.0], [4.0, 0.0], [4.0, 4.0], [2.0, 4.0]], "its east half"
    assert clip(square, (-1.0, -1.0, 5.0, 5.0)) == square, "wholly inside: as it was"
    assert clip(square, (10.0, 10.0, 11.0, 11.0)) == []


def test_fit_zoom_goes_closer_only_over_fine_land(tmp_path):
    alpha, beta = town("Alpha", 41.0, 11.0), town("Beta", 41.3, 11.5)
    vector = vector_basemap("fr", tmp_path, inline=True)
    assert fit_zoom([alpha, beta], vector) == 6
    assert fit_zoom([alpha, beta], {**vector, "sharpZoom": 9, "fine": {"areas": [1]}}) == 9
    assert fit_zoom([alpha], {**vector, "sharpZoom": 9, "fine": {"areas": [1]}}) == 8
