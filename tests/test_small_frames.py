"""A 40-place story in small frames: the number key is a bounded box, so the map keeps most of the
frame, in a 350-px host page with the real embed snippet (its height listener) and in a fixed 350x300
frame; on a phone the pointers to far places are one compact control."""

from pathlib import Path

import pytest
from conftest import storm_article, storm_places

import mapgen
from mapgen.site.pages import write_site

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.browser

GEOMETRY = """() => {
  const area = r => r.width * r.height;
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const key = document.querySelector('.mg-numbers');
  return {frame: innerWidth * innerHeight, map: area(map), key: key && !key.hidden ? key.getBoundingClientRect().height : 0,
          scrolls: key ? key.scrollHeight > key.clientHeight + 1 : false, focusable: key ? key.tabIndex === 0 : false};
}"""


@pytest.fixture(scope="module")
def storm40(tmp_path_factory):
    return mapgen.build_site(ROOT / "examples" / "article-storm40.txt", tmp_path_factory.mktemp("small") / "site")


def _frame(visit, storm40, iframe: str, name: str):
    host = storm40.out_dir.parent / name
    host.write_text(f'<!doctype html><body style="margin:0"><div style="width:350px">{iframe}</div></body>', "utf-8")
    opened = visit(host.as_uri(), storm40.out_dir.parent, viewport={"width": 400, "height": 800})
    opened.page.wait_for_timeout(500)  # the height message and the frame's resize
    return opened, opened.page.frames[1].evaluate(GEOMETRY)


def test_the_key_leaves_the_map_most_of_a_350_px_host_with_the_real_snippet(visit, storm40):
    opened, seen = _frame(visit, storm40, storm40.iframe_snippet, "host.html")
    assert seen["key"] > 0, "a 40-place story numbers places in a 350-px frame"
    assert seen["map"] >= 0.6 * seen["frame"], seen
    assert seen["key"] <= 0.2 * seen["frame"] / 350, seen
    assert not seen["scrolls"] or seen["focusable"], "a key that scrolls is reached by the keyboard"
    assert opened.errors == []


def test_the_key_leaves_the_map_most_of_a_fixed_350_by_300_frame(visit, storm40):
    iframe = '<iframe src="site/embed.html" title="map" style="width:350px;height:300px;border:0"></iframe>'
    opened, seen = _frame(visit, storm40, iframe, "fixed.html")
    assert seen["key"] > 0 and seen["map"] >= 0.6 * seen["frame"], seen
    assert opened.errors == []


def test_on_a_phone_the_pointers_fold_into_one_compact_control(visit, tmp_path):
    site = write_site(storm_article(), storm_places(), tmp_path / "site")
    page = visit(site.embed.as_uri(), site.out_dir, viewport={"width": 390, "height": 844}).page
    folded = page.locator(".mg-pointers-folded")
    assert folded.count() == 1
    assert page.locator(".mg-pointers > .mg-pointer:visible").count() == 0
    box, frame = folded.bounding_box(), page.locator(".leaflet-container").bounding_box()
    assert box["width"] * box["height"] <= 0.05 * frame["width"] * frame["height"], (box, frame)
