"""Issue 24's locator map, in Chromium: water on a Great Lakes story, a local story's inset, a crowded map's labels
on a phone, taps on a crowded map."""

import re
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
    view = page.evaluate(
        "() => { const v = mapgen.maps[0].getBounds(); return [v.contains([44.04, -86.76]), v.contains([41.88, -87.63])]; }"
    )
    assert view == [False, True], "the lake's label point is out of view, the lakefront's Chicago in it"
    assert "Lake Michigan" not in page.evaluate(POINTED_AT), "the lake, drawn in view, is not pointed at"
    assert "<title>Lake Michigan</title>" not in " ".join(
        re.findall(r'<g class="mark pointer[^>]*><title>[^<]*</title>', (lakes / "map.svg").read_text("utf-8"))
    ), "nor in map.svg"


@pytest.mark.parametrize(
    ("page_name", "viewport"), [("index.html", (1280, 800)), ("embed.html", (390, 844))], ids=["desktop", "phone"]
)
def test_taps_on_a_40_place_map_open_their_marker(visit, storm, page_name, viewport):
    page = visit((storm / page_name).as_uri(), storm, viewport={"width": viewport[0], "height": viewport[1]}).page
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


LABELS = """() => {
  const frame = document.querySelector('.leaflet-container').getBoundingClientRect(), plain = r => ({
    left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  return [...document.querySelectorAll('.mg-marker.mg-place')].filter(m => {
    const s = m.querySelector('.mg-symbol').getBoundingClientRect();
    return s.left >= frame.left && s.right <= frame.right && s.top >= frame.top && s.bottom <= frame.bottom;
  }).map(m => {
    const label = m.querySelector('.mg-label'), leader = m.querySelector('.mg-label-leader');
    return {name: label.textContent, hidden: label.classList.contains('mg-visually-hidden'),
            numbered: m.hasAttribute('aria-label'), box: plain(label.getBoundingClientRect()),
            mark: plain(m.querySelector('.mg-symbol').getBoundingClientRect()),
            leader: leader && plain(leader.getBoundingClientRect()), frame: plain(frame)};
  });
}"""


RING, GAP = 8, 3  # a town's radius as mapgen.js gives it to labels.js, and labels.js's gap beside it


def _overlap(a: dict, b: dict) -> float:
    w = min(a["right"], b["right"]) - max(a["left"], b["left"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return w * h if w > 0 and h > 0 else 0


def _joined(label: dict) -> bool:
    """Beside its mark (the label's nearest point within the gap labels.js leaves around the mark's ring, of
    radius RING, with a pixel of rounding), or joined to it by a leader whose two ends (opposite corners of its
    bounding box) are at the ring and at the label."""
    box, mark = label["box"], label["mark"]
    cx, cy = (mark["left"] + mark["right"]) / 2, (mark["top"] + mark["bottom"]) / 2
    nx, ny = min(max(cx, box["left"]), box["right"]), min(max(cy, box["top"]), box["bottom"])
    if ((nx - cx) ** 2 + (ny - cy) ** 2) ** 0.5 <= RING + GAP + 2:
        return True
    line = label["leader"]
    if not line:
        return False
    ends = [
        ((line["left"], line["top"]), (line["right"], line["bottom"])),
        ((line["left"], line["bottom"]), (line["right"], line["top"])),
    ]
    return any(
        abs(((a[0] - cx) ** 2 + (a[1] - cy) ** 2) ** 0.5 - RING) <= 2 and abs(b[0] - nx) <= 2 and abs(b[1] - ny) <= 2
        for pair in ends
        for a, b in (pair, pair[::-1])
    )


def test_on_a_390_px_phone_the_40_place_story_names_every_place(visit, storm):
    """The embed at 390x844 is narrow but tall: names with leader lines moved apart fit, so no place is a number
    (in a 350-px host they still are: tests/test_small_frames.py)."""
    page = visit((storm / "embed.html").as_uri(), storm, viewport={"width": 390, "height": 844}).page
    page.locator(".mg-marker").first.wait_for()
    labels = page.evaluate(LABELS)
    assert len(labels) >= 30
    assert not [k["name"] for k in labels if k["numbered"] or k["hidden"]], "every place in view named"
    assert page.locator(".mg-numbers").is_hidden(), "and no key of numbers"
    for k, a in enumerate(labels):
        assert _joined(a), a["name"]
        frame = a["frame"]
        assert frame["left"] <= a["box"]["left"] and a["box"]["right"] <= frame["right"], a["name"]
        assert frame["top"] <= a["box"]["top"] and a["box"]["bottom"] <= frame["bottom"], a["name"]
        for b in labels[k + 1 :]:
            assert _overlap(a["box"], b["box"]) == 0, (a["name"], b["name"])


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
    assert _settled(page, lambda centre: centre != first), "the topmost marker's popup needs the map moved down"
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert _settled(page, lambda centre: centre == first), "closed, the places are back where the reader saw them"


def _settled(page, wanted, seconds: float = 3.0) -> bool:
    """Whether the map's centre comes to what is wanted within a few seconds: Leaflet's pans are animated, and
    on a loaded machine an animation may not have ended when the popup is open or gone."""
    for _ in range(int(seconds / 0.1)):
        if wanted(page.evaluate(CENTRE)):
            return True
        page.wait_for_timeout(100)
    return wanted(page.evaluate(CENTRE))


BORDER_TOWN = """Floods cut roads around Strasbourg

Floods cut roads around Strasbourg on Tuesday, and the towns of Haguenau, Sélestat and Obernai were cut off for hours.

Firefighters from Colmar and Saverne helped evacuate homes near Strasbourg. Across the Rhine, Germany sent boats to
help, officials in Strasbourg said.
"""

POINTED_AT = (
    """() => [...document.querySelectorAll('.mg-pointer .mg-pointer-name, .mg-pointer-jump')].map(e => e.textContent)"""
)


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_a_neighbouring_country_partly_in_view_gets_no_pointer(visit, tmp_path, viewport):
    """Strasbourg's story names Germany, whose shape fills the view's east though its label point, in Hesse, is
    far outside it: an area the view overlaps is on the map, not pointed at, on the page as in map.svg."""
    article = tmp_path / "strasbourg.txt"
    article.write_text(BORDER_TOWN, "utf-8")
    site = mapgen.build_site(article, tmp_path / "site").out_dir
    page = visit((site / "index.html").as_uri(), site, viewport={"width": viewport[0], "height": viewport[1]}).page
    page.locator(".mg-marker").first.wait_for()
    germany = page.evaluate("""() => { const map = mapgen.maps[0], view = map.getBounds();
      return [view.contains([48.6, 8.0]), view.contains([51.13, 10.29])]; }""")
    assert germany == [True, False], "Germany's land beside Strasbourg in view, its label point not"
    assert "Germany" not in page.evaluate(POINTED_AT)
    assert "<title>Germany</title>" not in " ".join(
        re.findall(r'<g class="mark pointer[^>]*><title>[^<]*</title>', (site / "map.svg").read_text("utf-8"))
    ), "nor in map.svg"
