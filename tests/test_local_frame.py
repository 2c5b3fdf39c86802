"""A local story's first view in Chromium: framed on its cluster, a doubtful namesake far off pointed at."""

from pathlib import Path

import pytest

import mapgen
from mapgen.geo import distance_km

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

VIEW = """() => { const b = mapgen.maps[0].getBounds();
  return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }"""


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """The Holmes County story: its towns within 30 km, Cleveland 107 km off, Mount Hope read as
    the West Virginia one (flagged) 300 km south."""
    out = tmp_path_factory.mktemp("county") / "site"
    mapgen.build_site(EXAMPLES / "article-county.txt", out)
    return out


def view_km(page) -> tuple[float, float]:
    south, west, north, east = page.evaluate(VIEW)
    middle = (south + north) / 2
    return distance_km(middle, west, middle, east), distance_km(south, west, north, west)


# the most the view may span: the towns and Cleveland are 140 km tall; the desktop embed is at the
# half-step zoom that holds them (8.5: 420 x 240 km), where with Mount Hope in the frame it was zoom 6, 2400 x 1360 km
@pytest.mark.parametrize("width, height, most_km", [(1280, 800, 500), (390, 844, 260)])
def test_a_county_story_opens_on_its_towns_and_points_at_the_far_namesake(visit, county, width, height, most_km):
    page = visit((county / "embed.html").as_uri(), county, viewport={"width": width, "height": height}).page
    page.locator(".mg-marker").first.wait_for()
    wide, high = view_km(page)
    assert max(wide, high) < most_km, f"the view spans {wide:.0f} x {high:.0f} km: Ohio, not the county"
    assert min(wide, high) > 40, "with the towns and Cleveland in it"
    south, _, north, _ = page.evaluate(VIEW)
    assert south < 40.272 and north > 41.4995, "every sure town is in view, Coshocton to Cleveland"
    if width >= 480:
        pointer = page.locator(".mg-pointer", has_text="Mount Hope")
        assert pointer.count() == 1
        box, frame = pointer.bounding_box(), page.locator(".mg-map").bounding_box()
        assert box["y"] + box["height"] > frame["y"] + frame["height"] * 0.6, "at the map's foot: it lies south"
    else:
        page.locator(".mg-pointers-toggle").click()
        assert page.locator(".mg-pointer-jump", has_text="Mount Hope").count() == 1
    assert page.locator(".mg-pointer, .mg-pointer-jump", has_text="Ohio").count() == 0, "Ohio is where the map is"


@pytest.fixture(scope="module")
def departement(tmp_path_factory):
    """A fire in the Tarn: its towns, the département named, Toulouse and Rodez beside it."""
    out = tmp_path_factory.mktemp("departement") / "site"
    mapgen.build_site(EXAMPLES / "article-departement.txt", out)
    return out


def test_a_departement_the_story_is_in_is_drawn_whole(visit, departement):
    page = visit((departement / "index.html").as_uri(), departement, viewport={"width": 1280, "height": 800}).page
    page.locator(".mg-marker").first.wait_for()
    shape, frame = page.locator("path.mg-admin").bounding_box(), page.locator(".mg-map").bounding_box()
    assert shape["y"] >= frame["y"] and shape["y"] + shape["height"] <= frame["y"] + frame["height"], (shape, frame)
    assert shape["x"] >= frame["x"] and shape["x"] + shape["width"] <= frame["x"] + frame["width"], (shape, frame)


TOLEDO = """Algae bloom shuts down Toledo's tap water

TOLEDO — A toxic algae bloom on the western end of the lake forced Toledo to tell its 400,000 customers
not to drink tap water on Saturday. Residents of Maumee, Perrysburg and Sylvania lined up for bottled
water, and stores in Bowling Green ran out by noon. Ohio's governor declared a state of emergency.
"""

TOWNS = """() => { const map = mapgen.maps[0], size = map.getSize();
  const points = [[41.6639, -83.5552], [41.5628, -83.6538], [41.5570, -83.6272], [41.7189, -83.7130],
                  [41.3748, -83.6513]].map(p => map.latLngToContainerPoint(p));
  const xs = points.map(p => p.x), ys = points.map(p => p.y);
  return {w: size.x, h: size.y, left: Math.min(...xs), right: Math.max(...xs),
          top: Math.min(...ys), bottom: Math.max(...ys)}; }"""


@pytest.fixture(scope="module")
def toledo(tmp_path_factory):
    """Five towns within 40 km of Toledo, and Ohio named once, whose label point lies 170 km south."""
    folder = tmp_path_factory.mktemp("toledo")
    (folder / "article.txt").write_text(TOLEDO, "utf-8")
    mapgen.build_site(folder / "article.txt", folder / "site")
    return folder / "site"


@pytest.mark.parametrize("page_name, width, height", [("index.html", 1280, 800), ("embed.html", 390, 844)])
def test_a_state_named_beside_the_towns_does_not_stretch_their_frame(visit, toledo, page_name, width, height):
    page = visit((toledo / page_name).as_uri(), toledo, viewport={"width": width, "height": height}).page
    page.locator(".mg-marker").first.wait_for()
    towns = page.evaluate(TOWNS)
    assert towns["left"] > 0 and towns["right"] < towns["w"] and towns["top"] > 0 and towns["bottom"] < towns["h"]
    tall = (towns["bottom"] - towns["top"]) / towns["h"]
    assert tall > 0.2, f"the towns fill {tall:.0%} of the map's height: framed on Ohio's middle, not on them"
    middle = (towns["top"] + towns["bottom"]) / 2 / towns["h"]
    assert 0.3 < middle < 0.7, f"the towns stand at {middle:.0%} of the map's height, not in its middle"
    assert page.locator(".mg-pointer, .mg-pointer-jump, .mg-pointers-toggle").count() == 0, "Ohio is where the map is"
