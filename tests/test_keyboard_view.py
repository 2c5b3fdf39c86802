"""Tabbing through every marker keeps the story in view: Leaflet's focus never scrolls the map's
container or pans the map away from the first view, and the places in view come first, in reading order."""

from pathlib import Path

import pytest

import mapgen

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.browser

STATE = """() => {
  const map = mapgen.maps[0], c = map.getContainer(), b = map.getBounds(), a = document.activeElement;
  const marker = a && a.classList.contains('mg-marker');
  const layer = marker && Object.values(map._layers).find(l => l.getElement && l.getElement() === a);
  const point = layer && map.latLngToContainerPoint(layer.getLatLng());
  return {center: [map.getCenter().lat, map.getCenter().lng], zoom: map.getZoom(),
          bounds: [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()],
          scroll: [c.scrollTop, c.scrollLeft], marker, inMap: c.contains(a),
          at: point ? [point.x, point.y] : null,
          size: [c.clientWidth, c.clientHeight], name: a && a.textContent};
}"""


@pytest.fixture(scope="module")
def storm40(tmp_path_factory):
    return mapgen.build_site(ROOT / "examples" / "article-storm40.txt", tmp_path_factory.mktemp("storm40") / "site")


def _tab_through(visit, url, folder, viewport):
    opened = visit(url, folder, viewport=viewport)
    page = opened.page
    first = _still(page)
    count = page.locator(".mg-marker").count()
    south, west, north, east = first["bounds"]
    reached, rows = [], []
    for _ in range(count + 15):
        page.keyboard.press("Tab")
        now = page.evaluate(STATE)
        assert now["scroll"] == [0, 0], (now["name"], now["scroll"])
        assert now["zoom"] == first["zoom"], now["name"]
        lat, lon = now["center"]
        assert south <= lat <= north and west <= lon <= east, (now["name"], now["center"], first["bounds"])
        if now["marker"]:
            x, y = now["at"]
            # a focused marker is one of the view's: its place within the frame
            assert -20 <= x <= now["size"][0] + 20 and -20 <= y <= now["size"][1] + 20, (now["name"], now["at"])
            if now["name"] not in reached:
                reached.append(now["name"])
                rows.append(now["at"])
    assert len(reached) >= min(count, 3), reached
    # reading order: rows of 40 px from the top, then left to right, by the places' points
    keys = [(int(y // 40), x) for x, y in rows]
    assert keys == sorted(keys), list(zip(reached, keys, strict=True))
    assert opened.errors == []


def _still(page) -> dict:
    """The map's state once its first view has settled: on a loaded machine the opening fit may still be
    moving when the page has loaded, and the reading order would be read off a map in motion."""
    page.locator(".mg-marker").first.wait_for()
    state = page.evaluate(STATE)
    for _ in range(30):
        page.wait_for_timeout(100)
        now = page.evaluate(STATE)
        if (now["center"], now["zoom"]) == (state["center"], state["zoom"]):
            return now
        state = now
    return state


@pytest.mark.parametrize("viewport", [{"width": 1000, "height": 760}, {"width": 390, "height": 844}])
def test_tabbing_through_the_storm_keeps_the_first_view(visit, storm40, viewport):
    _tab_through(visit, storm40.embed.as_uri(), storm40.out_dir, viewport)


def test_tabbing_through_the_example_keeps_the_first_view(visit):
    _tab_through(visit, (ROOT / "site" / "index.html").as_uri(), ROOT / "site", {"width": 1000, "height": 760})
