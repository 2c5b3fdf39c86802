"""Issue 24's locator map, in Chromium: water on a Great Lakes story, a local story's inset, taps on a crowded map."""

from pathlib import Path

import pytest

import mapgen

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def build(name: str, out: Path) -> Path:
    """The example's site as `mapgen build` writes it (the command's defaults are build_site's), in this
    process: a `mapgen build` of its own started Python and loaded the language model again, seconds each."""
    mapgen.build_site(EXAMPLES / f"article-{name}.txt", out)
    return out


@pytest.fixture(scope="module")
def lakes(tmp_path_factory):
    return build("greatlakes", tmp_path_factory.mktemp("lakes") / "site")


@pytest.fixture(scope="module")
def storm(tmp_path_factory):
    return build("storm40", tmp_path_factory.mktemp("storm40") / "site")


WATER_AT = """([lat, lon]) => {
  const map = mapgen.maps[0], p = map.latLngToContainerPoint([lat, lon]), box = map.getContainer().getBoundingClientRect();
  return [...document.querySelectorAll('path.mg-water')].some(path => {
    const svg = path.ownerSVGElement, pt = svg.createSVGPoint();
    pt.x = box.left + p.x; pt.y = box.top + p.y;
    return path.isPointInFill(pt.matrixTransform(path.getScreenCTM().inverse()));
  });
}"""


def test_lake_michigan_is_water_and_a_local_story_has_its_inset(visit, lakes):
    page = visit((lakes / "index.html").as_uri(), lakes, viewport={"width": 1280, "height": 800}).page
    page.locator(".mg-marker").first.wait_for()
    assert page.evaluate(WATER_AT, [43.0, -87.2]), "a point in Lake Michigan is drawn as water"
    assert not page.evaluate(WATER_AT, [42.6, -88.5]), "and a point in Wisconsin is not"
    assert page.locator(".mg-inset svg .mg-inset-box").count() == 1


def test_taps_on_a_40_place_map_open_their_marker(visit, storm):
    page = visit((storm / "index.html").as_uri(), storm, viewport={"width": 1280, "height": 800}).page
    page.locator(".mg-marker").first.wait_for()
    points = page.evaluate("""() => { const map = mapgen.maps[0], box = map.getContainer().getBoundingClientRect();
      return [...document.querySelectorAll('.mg-marker.mg-place')].map(m => {
        const s = m.querySelector('.mg-symbol').getBoundingClientRect();
        return [m.textContent, s.left + s.width / 2, s.top + s.height / 2];
      }).filter(([, x, y]) => x > box.left && x < box.right && y > box.top && y < box.bottom); }""")
    assert len(points) >= 30
    hits = 0
    tried = points[:: max(1, len(points) // 10)][:10]
    for name, x, y in tried:
        page.mouse.click(x, y)
        opened = page.locator(".leaflet-popup .mg-popup-name")
        opened.wait_for()
        hits += opened.inner_text() == page.evaluate("n => n", name) or name.startswith(opened.inner_text())
        page.keyboard.press("Escape")
        page.locator(".leaflet-popup").wait_for(state="detached")
    assert hits >= 9, (hits, len(tried))


CENTRE = "() => { const c = mapgen.maps[0].getCenter(); return [c.lat, c.lng]; }"


def test_closing_a_popup_the_map_moved_for_puts_the_map_back(visit, storm):
    page = visit((storm / "index.html").as_uri(), storm, viewport={"width": 1280, "height": 800}).page
    page.locator(".mg-marker").first.wait_for()
    first = page.evaluate(CENTRE)
    top = page.evaluate("""() => [...document.querySelectorAll('.mg-marker.mg-place .mg-symbol')]
      .map(s => s.getBoundingClientRect()).sort((a, b) => a.top - b.top)
      .map(b => [b.left + b.width / 2, b.top + b.height / 2])[0]""")
    page.mouse.click(*top)
    page.locator(".leaflet-popup").wait_for()
    page.wait_for_timeout(400)  # Leaflet's pan, animated
    assert page.evaluate(CENTRE) != first, "the topmost marker's popup needs the map moved down"
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate(CENTRE) == first, "closed, the places are back where the reader saw them"
