"""The map as a reader gets it: opened from disk in headless Chromium (Debian's),
with every request that would leave the site's folder refused."""

import struct
from dataclasses import replace

import pytest
from conftest import HOSTILE, LYON, mention, storm_article, storm_places
from pages import LAYOUT, serious_violations

import mapgen.site.pages
from mapgen.model import Article, Candidate, Place
from mapgen.site.pages import write_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return write_site(storm_article(), storm_places(), tmp_path_factory.mktemp("storm") / "site")


@pytest.fixture
def index(visit, site):
    return visit(site.index.as_uri(), site.out_dir)


def test_one_marker_per_place_each_kind_its_own_style(index):
    page = index.page
    assert page.locator(".mg-marker").count() == len(storm_places())
    # in reading order: Paris, to the north, first
    assert page.locator(".mg-marker.mg-place").all_inner_texts() == ["Paris", "Lyon"]
    assert page.locator(".mg-marker.mg-country").all_text_contents() == ["France"]
    assert page.locator(".mg-marker.mg-region").all_inner_texts() == ["Sahel"]
    assert page.locator(".mg-marker.mg-low").all_inner_texts() == ["Paris"]
    looks = page.locator(".mg-marker:not(.mg-low) .mg-symbol").evaluate_all(
        "els => els.map(e => { const s = getComputedStyle(e);"
        " return [s.width, s.borderRadius, s.transform, s.borderStyle, s.backgroundColor].join(' '); })"
    )
    assert len(looks) == 3 and len(set(looks)) == 3, "town, country and region markers look alike"


def test_basemap_is_drawn_from_the_site_alone(index):
    assert index.land() > 150, "the world's countries, drawn in the page"
    assert index.page.locator("path.mg-area").count() == 1, "France, the one country named, is shaded"
    assert index.loaded_tiles() == 0
    assert index.refused == [] and index.errors == []


# Counts the tiles Leaflet makes, by zoom, from the moment Leaflet loads: a tile made for
# folium's zoom-1 view and dropped in the same task never reaches the network, so the
# requests alone cannot tell whether the view was set before the tile layer was added.
COUNT_TILES = """window.__tiles = [];
Object.defineProperty(window, "L", { configurable: true, get() { return window.__leaflet; }, set(leaflet) {
  window.__leaflet = leaflet;
  const make = leaflet.TileLayer.prototype.createTile;
  leaflet.TileLayer.prototype.createTile = function (coords, done) { window.__tiles.push(coords.z); return make.call(this, coords, done); };
} });"""


def tile_zooms(opened) -> tuple[set, set]:
    """The zooms of the tiles Leaflet made, and of the tile requests that reached the network."""
    made = set(opened.page.evaluate("window.__tiles"))
    asked = {int(url.rsplit("/", 3)[1]) for url in opened.requested if url.endswith(".png")}
    return made, asked


def test_offline_tiles_stay_an_option(visit, tmp_path):
    site = write_site(storm_article(), storm_places(), tmp_path / "site", tiles="offline")
    opened = visit(site.embed.as_uri(), site.out_dir, init_script=COUNT_TILES)
    assert opened.loaded_tiles() > 0 and opened.land() == 0
    assert opened.refused == [] and opened.errors == []
    zoom = opened.page.evaluate("mapgen.maps[0].getZoom()")
    # the view's own tiles, over the world's of zoom 2 stretched beneath them; none of folium's zoom-1 view
    assert tile_zooms(opened) == ({2, min(zoom, 6)}, {2, min(zoom, 6)}), "tiles of another view before the story's"


def test_online_tiles_are_asked_for_the_story_view_only(visit, tmp_path):
    site = write_site(storm_article(), storm_places(), tmp_path / "site", tiles="OpenStreetMap.Mapnik")
    opened = visit(site.embed.as_uri(), site.out_dir, init_script=COUNT_TILES)  # the tile server refused
    zoom = opened.page.evaluate("mapgen.maps[0].getZoom()")
    assert zoom > 1
    assert tile_zooms(opened) == ({zoom}, {zoom}), "tiles of folium's zoom-1 view were made before the story's"
    assert all(url.startswith("https://tile.openstreetmap.org/") for url in opened.refused)


def test_a_marker_opens_a_popup_that_quotes_the_article_as_text(index):
    page = index.page
    page.locator(".mg-marker", has_text="Lyon").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".mg-popup-name").inner_text() == "Lyon"
    assert popup.locator(".mg-popup-where").inner_text() == "Lyon, France"
    assert popup.locator("mark").all_inner_texts() == ["Lyon", "Lyon"]
    quotes = popup.locator("blockquote").all_inner_texts()
    assert quotes[0] == "Des orages ont frappé Lyon lundi."
    assert HOSTILE in quotes[1], "the hostile quote is shown as the text it is"
    assert popup.locator("script").count() == 0
    assert index.dialogs == [] and index.errors == []


def test_low_confidence_is_said_in_the_popup(index):
    page = index.page
    page.locator(".mg-marker", has_text="Paris").click()
    assert page.locator(".leaflet-popup-content .mg-popup-low").inner_text().startswith("à vérifier")


def test_keyboard_reaches_the_places_in_view_in_reading_order_then_the_pointers(index):
    page = index.page
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "(document.activeElement.classList.contains('mg-marker') || "
            "document.activeElement.classList.contains('mg-pointer')) && document.activeElement.textContent"
        )
        if name and name not in reached:
            reached.append(name)
        if name and "Sahel" in name:
            break
    assert reached[:3] == ["Paris", "France", "Lyon"] and "Sahel" in reached[3], reached
    page.keyboard.press("Enter")
    assert page.locator(".leaflet-popup-content .mg-popup-name").inner_text() == "Sahel"


def test_every_marker_is_a_button_named_after_its_place(index):
    names = index.page.locator(".mg-marker").evaluate_all(
        "els => els.map(e => [e.getAttribute('role'), e.tabIndex, e.textContent])"
    )
    # the places in view in reading order; Sahel, out of view, is reached by its pointer
    assert names == [["button", 0, "Paris"], ["button", 0, "France"], ["button", 0, "Lyon"], ["button", -1, "Sahel"]]


def test_the_first_view_holds_the_story_and_points_at_far_places(index):
    page = index.page
    frame = page.locator(".leaflet-container").bounding_box()

    def inside(box):
        return (
            frame["x"] <= box["x"]
            and box["x"] + box["width"] <= frame["x"] + frame["width"]
            and frame["y"] <= box["y"]
            and box["y"] + box["height"] <= frame["y"] + frame["height"]
        )

    for name in ("Lyon", "Paris", "France"):
        assert inside(page.locator(".mg-marker", has_text=name).bounding_box()), name
    assert page.locator(".mg-pointer .mg-pointer-name").all_inner_texts() == ["Sahel"]
    assert page.locator(".mg-far").inner_text() == "Ailleurs : Sahel", "the far places are listed too"
    pointer = page.locator(".mg-pointer")
    assert inside(pointer.bounding_box())
    pointer.click()
    assert page.locator(".leaflet-popup .mg-popup-name").inner_text() == "Sahel"
    assert not page.locator(".mg-pointers").is_visible() or page.locator(".mg-pointer").count() == 0
    assert inside(page.locator(".mg-marker", has_text="Sahel").bounding_box()), "one click brings it into view"
    assert page.locator(".mg-pointer").count() == 0


@pytest.mark.parametrize("width, height", [(1000, 760), (1000, 560), (480, 360)])
def test_a_pointer_brings_its_place_and_its_popup_into_view_and_they_stay(visit, site, width, height):
    viewport = {"width": width, "height": height}
    page = visit(site.index.as_uri(), site.out_dir, viewport=viewport).page
    if page.locator(".mg-pointers-toggle").count():  # a narrow map folds its pointers into one control
        page.locator(".mg-pointers-toggle").click()
        page.locator(".mg-pointer-jump", has_text="Sahel").click()
    else:
        page.locator(".mg-pointer", has_text="Sahel").click()
    frame = page.locator(".leaflet-container").bounding_box()
    for when in ("at once", "once any pan is over"):  # an animated pan would fail the first
        for shown in (page.locator(".mg-marker", has_text="Sahel"), page.locator(".leaflet-popup")):
            box = shown.bounding_box()
            assert frame["x"] <= box["x"] <= frame["x"] + frame["width"] - box["width"], (when, viewport, box)
            assert frame["y"] <= box["y"] <= frame["y"] + frame["height"] - box["height"], (when, viewport, box)
        page.wait_for_timeout(600)


def test_a_resized_frame_refits_the_story(visit, site):
    page = visit(site.embed.as_uri(), site.out_dir, viewport={"width": 300, "height": 225}).page
    small = page.evaluate("mapgen.maps[0].getZoom()")
    page.set_viewport_size({"width": 1200, "height": 900})
    page.wait_for_timeout(400)
    assert page.evaluate("mapgen.maps[0].getZoom()") > small
    assert page.evaluate("mapgen.maps[0].getBounds().contains([48.85341, 2.3488])"), "Paris fell out of the view"


def test_the_theme_is_light_unless_the_site_or_the_host_asks(visit, site, tmp_path):
    def background(url, allowed, scheme):
        page = visit(url, allowed, color_scheme=scheme).page
        return page.evaluate("getComputedStyle(document.body).backgroundColor")

    light, dark = "rgb(255, 255, 255)", "rgb(24, 24, 27)"
    assert background(site.embed.as_uri(), site.out_dir, "dark") == light, "a black map in a white newspaper"
    assert background(site.embed.as_uri() + "?theme=dark", site.out_dir, "light") == dark
    auto = write_site(storm_article(), storm_places(), tmp_path / "auto", theme="auto")
    assert background(auto.embed.as_uri(), auto.out_dir, "dark") == dark
    assert background(auto.embed.as_uri(), auto.out_dir, "light") == light
    assert background(auto.embed.as_uri() + "?theme=light", auto.out_dir, "dark") == light


def test_embedded_map_leaves_the_wheel_to_the_page(visit, site):
    host = site.out_dir.parent / "host.html"
    snippet = site.iframe_snippet  # for a page beside the site's folder
    host.write_text(
        f"""<!doctype html><html lang="en"><head><title>An article</title></head><body>
<p style="height:400px">Text above the map.</p>{snippet}<p style="height:1600px">Text below.</p>
</body></html>""",
        "utf-8",
    )
    try:
        opened = visit(host.as_uri(), site.out_dir.parent)
        page = opened.page
        page.frame_locator("iframe").locator(".mg-marker").first.wait_for()
        inner = next(f for f in page.frames if f.url.endswith("embed.html"))
        zoom = inner.evaluate("mapgen.maps[0].getZoom()")
        box = page.locator("iframe").bounding_box()
        asked = inner.evaluate(
            "document.querySelector('.mg-graphic').scrollHeight - document.querySelector('.mg-map').offsetHeight"
        )
        assert box["height"] == pytest.approx(asked + box["width"] * 3 / 4, abs=2), "the iframe took the height asked"
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(400)
        assert inner.evaluate("mapgen.maps[0].getZoom()") == zoom
        assert page.evaluate("window.scrollY") > 0, "the page did not scroll"
        box = page.locator("iframe").bounding_box()
        page.mouse.click(box["x"] + box["width"] - 20, box["y"] + 40)  # into the map, away from controls
        page.mouse.wheel(0, -600)
        page.wait_for_timeout(600)
        assert inner.evaluate("mapgen.maps[0].getZoom()") > zoom
        assert opened.land(inner) > 150
        assert opened.errors == [] and opened.refused == []
    finally:
        host.unlink()


def test_on_a_phone_one_finger_scrolls_the_page_until_a_tap(visit, site):
    phone = {
        "viewport": {"width": 390, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
    }
    page = visit(site.embed.as_uri(), site.out_dir, **phone).page
    assert page.evaluate("mapgen.maps[0].dragging.enabled()") is False
    box = page.locator(".leaflet-container").bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] - 30, box["y"] + box["height"] / 2)
    assert page.evaluate("mapgen.maps[0].dragging.enabled()") is True


def test_popup_fits_a_phone_screen(visit, site):
    page = visit(site.embed.as_uri(), site.out_dir, viewport={"width": 320, "height": 480}).page
    page.locator(".mg-marker", has_text="Lyon").click()
    popup = page.locator(".leaflet-popup-content-wrapper")
    popup.wait_for()
    page.wait_for_timeout(400)  # autopan
    box, frame = popup.bounding_box(), page.locator(".leaflet-container").bounding_box()
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
    assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
    buttons = page.locator(".leaflet-control-zoom").bounding_box()
    assert box["x"] >= buttons["x"] + buttons["width"] or box["y"] >= buttons["y"] + buttons["height"], (
        "the zoom buttons cover the popup"
    )


def test_every_place_is_labelled_in_the_article_spelling(index):
    shown = index.page.locator(".mg-label").all_text_contents()
    assert sorted(shown) == ["France", "Lyon", "Paris", "Sahel"]


def test_labels_keep_clear_of_markers_and_of_each_other(visit, tmp_path):
    # four towns in a row, 0.12° apart: at the closest zoom the map allows, each
    # label on the right would cover the next town
    article = storm_article()
    row = [
        Place(
            f"Ville {i}",
            replace(LYON, geonameid=i, name=f"Ville {i}", lon=2.0 + 0.12 * i),
            0.9,
            (mention(article.text, "Lyon"),),
        )
        for i in range(4)
    ]
    site = write_site(article, row, tmp_path / "site")
    page = visit(site.embed.as_uri(), site.out_dir, viewport={"width": 480, "height": 360}).page
    layout = page.evaluate(LAYOUT)
    assert layout["clashes"] == []
    numbered = page.locator(".mg-label").all_text_contents()
    assert len(numbered) == 4, "every place is named"
    page.evaluate("void mapgen.maps[0].zoomOut(1, {animate: false})")  # not the map: serialising it costs seconds
    assert page.evaluate(LAYOUT)["clashes"] == []


def test_markers_on_one_spot_are_set_apart(visit, tmp_path):
    article = storm_article()
    twin = Place("Lugdunum", replace(LYON, geonameid=1, name="Lugdunum"), 0.9, (mention(article.text, "Lyon"),))
    site = write_site(article, [*storm_places()[:1], twin], tmp_path / "site")
    page = visit(site.embed.as_uri(), site.out_dir).page
    first, second = (page.locator(".mg-marker .mg-symbol").nth(i).bounding_box() for i in range(2))
    apart = abs(first["x"] - second["x"]) >= first["width"] or abs(first["y"] - second["y"]) >= first["height"]
    assert apart, "one marker hides the other"
    # each keeps a line back to Lyon's true spot: both lines end at one point
    ends = page.evaluate("""() => [...document.querySelectorAll('.mg-leader')].map(line => {
        const a = parseFloat(line.style.transform.slice(7)), w = parseFloat(line.style.width);
        const icon = line.parentElement.getBoundingClientRect();
        return [icon.left + 22 + w * Math.cos(a), icon.top + 22 + w * Math.sin(a)];
    })""")
    assert len(ends) == 2
    assert abs(ends[0][0] - ends[1][0]) < 1.5 and abs(ends[0][1] - ends[1][1]) < 1.5, ends


def test_single_file_works_alone(visit, tmp_path):
    site = write_site(storm_article(), storm_places(), tmp_path / "site", single_file=True)
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "map.html").write_bytes(site.index.read_bytes())
    opened = visit((alone / "map.html").as_uri(), alone / "map.html")
    assert opened.page.locator(".mg-marker").count() == 4
    assert opened.land() > 150
    assert opened.refused == [] and opened.errors == []


def test_png_and_its_open_graph_tags(tmp_path, browser, monkeypatch):
    site = write_site(storm_article(), storm_places(), tmp_path / "site", png=True)
    header = site.png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", header[16:24]) == (1200, 630)
    index = site.index.read_text("utf-8")
    assert '<meta property="og:image" content="map.png">' in index
    assert "og:image" not in site.embed.read_text("utf-8")
    # the picture was taken above; here only the tags are checked, so the second takes none (a Chromium launched
    # in a thread of its own, seconds)
    monkeypatch.setattr(
        mapgen.site.pages, "screenshot", lambda page, picture: picture.write_bytes(site.png.read_bytes())
    )
    published = write_site(
        storm_article(), storm_places(), tmp_path / "published", png=True, base_url="https://maps.example.org/orages/"
    )
    index = published.index.read_text("utf-8")
    assert '<meta property="og:image" content="https://maps.example.org/orages/map.png">' in index
    assert 'src="https://maps.example.org/orages/embed.html"' in published.iframe_snippet


@pytest.mark.parametrize("page_name", ["index.html", "embed.html"])
def test_no_serious_accessibility_violation(visit, site, page_name):
    page = visit((site.out_dir / page_name).as_uri(), site.out_dir, bypass_csp=True).page  # axe is injected
    assert serious_violations(page) == []


# --- nothing from an article or a geocoder runs as script (issue 8) ---------------------------

PWNED = "Ras<img src=x onerror=window.__pwned=1>al-Ain"


def test_a_place_name_with_markup_is_shown_as_text_everywhere(visit, tmp_path):
    article = storm_article()
    echoed = Place(PWNED, replace(LYON, name=PWNED), 0.9, (mention(article.text, "Lyon"),))
    site = write_site(article, [echoed], tmp_path / "site")
    page = visit(site.embed.as_uri(), site.out_dir).page
    marker = page.locator(".mg-marker")
    marker.hover()
    page.wait_for_timeout(200)
    marker.click()
    page.locator(".leaflet-popup-content").wait_for()
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".leaflet-pane img:not(.leaflet-tile)").count() == 0
    assert PWNED in page.locator(".leaflet-popup-content").inner_text()


# What a string that slipped into a page as HTML would do; the page's policy must refuse both.
SLIPPED_IN = """() => {
    const box = document.createElement('div');
    box.innerHTML = '<img src="data:," onerror="window.__pwned=1">';
    document.body.appendChild(box);
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = 2';
    document.body.appendChild(script);
}"""


def test_the_page_policy_forbids_script_that_was_not_shipped(index):
    page = index.page
    page.evaluate(SLIPPED_IN)
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    index.errors.clear()  # the refusals are logged as errors; the page's own scripts all ran:
    assert page.locator(".mg-marker").count() == 4


def test_emoji_before_a_mention_leave_its_highlight_on_the_name(visit, tmp_path):
    text = "Rescue teams 🚒🚒🚒 arrived in Toulouse. 👍🏽 Then Lyon."
    article = replace(storm_article(), text=text)
    toulouse = Place("Toulouse", replace(LYON, name="Toulouse"), 0.9, (mention(text, "Toulouse"),))
    site = write_site(article, [toulouse], tmp_path / "site")
    page = visit(site.embed.as_uri(), site.out_dir).page
    page.locator(".mg-marker").click()
    assert page.locator(".leaflet-popup-content mark").all_inner_texts() == ["Toulouse"]
    assert page.locator(".leaflet-popup-content blockquote").inner_text() == "Rescue teams 🚒🚒🚒 arrived in Toulouse."


def test_space_opens_a_marker_and_escape_closes_from_the_close_button(index):
    page = index.page
    page.locator(".mg-marker", has_text="Lyon").focus()
    page.keyboard.press(" ")
    page.locator(".leaflet-popup").wait_for()
    page.locator(".leaflet-popup-close-button").focus()
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("document.activeElement.textContent") == "Lyon"


def test_a_local_story_opens_close_on_its_fine_land(visit, admin_data, tmp_path):
    from test_fine_land import TEXT, town

    site = write_site(
        Article(TEXT, "fr", "crue.txt"), [town("Alpha", 41.0, 11.0), town("Beta", 41.3, 11.5)], tmp_path / "site"
    )
    opened = visit(site.index.as_uri(), site.out_dir)
    page = opened.page
    assert page.evaluate("mapgen.maps[0].getZoom()") > 6, "no closer than the 1:110m coasts"
    shown = (
        "[...document.querySelectorAll('path.mg-fine-land')].filter(p => getComputedStyle(p).display !== 'none').length"
    )
    assert page.locator("path.mg-fine-sea").count() == 1
    assert page.evaluate(shown) == 2, "XA's two squares"
    page.evaluate("void mapgen.maps[0].setZoom(5, {animate: false})")
    assert page.evaluate(shown) == 0, "zoomed out, the window's edges would show: the coarse land alone"
    assert opened.errors == []


def test_a_state_written_as_a_towns_qualifier_leaves_a_local_story_close(visit, admin_data, tmp_path):
    from test_fine_land import town

    text = "La crue touche Alpha, Gamma. Beta est coupée."
    alpha, beta = (
        replace(town(name, lat, lon), mentions=(mention(text, name),))
        for name, lat, lon in (("Alpha", 41.0, 11.0), ("Beta", 41.3, 11.5))
    )
    gamma = Place("Gamma", Candidate(7, "Gamma", "admin", "XA", 45.0, 15.0), 0.9, (mention(text, "Gamma"),))
    site = write_site(Article(text, "fr", "crue.txt"), [alpha, gamma, beta], tmp_path / "site")
    page = visit(site.index.as_uri(), site.out_dir).page
    assert page.evaluate("mapgen.maps[0].getZoom()") > 6, "the view holds the two towns, not Gamma's middle 500 km off"
    assert page.locator(".mg-meta").inner_text() == "3 lieux"
    one = write_site(Article(text, "fr", "crue.txt"), [alpha], tmp_path / "one")
    assert visit(one.index.as_uri(), one.out_dir).page.locator(".mg-meta").inner_text() == "1 lieu"


@pytest.mark.parametrize(("page_name", "viewport"), [("index", None), ("embed", {"width": 350, "height": 262})])
def test_a_lone_town_opens_with_a_big_city_beside_it(visit, admin_data, tmp_path, page_name, viewport):
    from test_fine_land import TEXT, town

    site = write_site(Article(TEXT, "fr", "crue.txt"), [town("Alpha", 41.0, 11.0)], tmp_path / "site")
    page = visit(getattr(site, page_name).as_uri(), site.out_dir, **({"viewport": viewport} if viewport else {})).page
    frame = page.locator(".leaflet-container").bounding_box()
    marker = page.locator(".mg-marker", has_text="Alpha").bounding_box()
    middle = (frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2)
    assert abs(marker["x"] + marker["height"] / 2 - middle[0]) < 30 and abs(marker["y"] - middle[1]) < 30
    names = page.locator(".mg-city-name").all_inner_texts()
    assert "Rome" in names, f"a reader places the town by a city they know, 170 km off: {names}"
