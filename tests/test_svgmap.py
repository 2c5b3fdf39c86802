"""map.svg (mapgen/site/svgmap.py): the picture of the map with no browser, the pages' fallback and print version."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import mapgen
from mapgen.site.svgmap import render_svg

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED = ROOT.parent / "shared" / "seed" / "article-fr-2017-03.txt"
NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def storm(tmp_path_factory):
    return mapgen.build_site(EXAMPLES / "article-storm40.txt", tmp_path_factory.mktemp("svg") / "storm")


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    return mapgen.build_site(
        EXAMPLES / "article-departement.txt", tmp_path_factory.mktemp("svg") / "one", single_file=True
    )


def _svg(path: Path) -> ET.Element:
    return ET.fromstring(path.read_text("utf-8"))  # well-formed, or this raises


def test_map_svg_has_one_mark_per_place_and_every_text_inside_its_view(storm):
    root = _svg(storm.out_dir / "map.svg")
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    places = json.loads(storm.geojson.read_text("utf-8"))["features"]
    assert len(places) >= 40
    marks = root.findall(".//s:g[@data-place]", NS)
    assert sorted(int(m.get("data-place")) for m in marks) == list(range(1, len(places) + 1))
    for text in root.iter("{http://www.w3.org/2000/svg}text"):
        x, y = float(text.get("x")), float(text.get("y"))
        assert 0 <= x <= width and 0 <= y <= height, text.text
    named = [m.find("s:text", NS).text for m in marks]
    assert sum(1 for name in named if not name.isdigit()) >= 30, "most places are named, not numbered"


def test_the_pages_fall_back_on_map_svg_print_it_and_offer_it(storm):
    for page in (storm.index, storm.embed):
        text = page.read_text("utf-8")
        noscript = re.search(r"<noscript>(.*?)</noscript>", text, re.S)
        assert noscript and 'src="map.svg"' in noscript.group(1)
    index = storm.index.read_text("utf-8")
    assert re.search(r'<div class="mg-print"><img src="map.svg"', index)
    assert re.search(r'<a href="map.svg" download>', index)
    css = (storm.out_dir / "assets" / "mapgen.css").read_text("utf-8")
    assert "@media print" in css and ".mg-print" in css.split("@media print", 1)[1]


def test_a_single_file_page_holds_the_picture_itself(single):
    text = single.index.read_text("utf-8")
    noscript = re.search(r"<noscript>(.*?)</noscript>", text, re.S).group(1)
    assert "<svg" in noscript and 'src="map.svg"' not in noscript
    ET.fromstring(re.search(r"<svg.*?</svg>", noscript, re.S).group(0))


def test_text_from_the_article_is_escaped_and_the_picture_is_the_same_each_time():
    evil = '<script>alert("x")</script> & Co'
    data = {
        "view": {"bounds": [[48.0, 2.0], [49.0, 3.0]], "maxZoom": 8},
        "basemap": {"minZoom": 1},
        "places": [
            {"name": evil, "kind": "place", "code": "FR", "lat": 48.5, "lon": 2.5, "low": True, "mentions": 1},
            {"name": "Far ]]> away", "kind": "place", "code": "US", "lat": 40.0, "lon": -75.0, "mentions": 1},
        ],
        "cities": [{"name": "<b>town</b>", "at": [48.6, 2.7], "capital": False}],
    }
    svg = render_svg(data, [], title=evil, credit="© <credit>", words={})
    assert "<script>" not in svg and "<b>" not in svg and "<credit>" not in svg
    root = ET.fromstring(svg)
    assert len(root.findall(".//s:g[@data-place]", NS)) == 2
    assert svg == render_svg(data, [], title=evil, credit="© <credit>", words={})
