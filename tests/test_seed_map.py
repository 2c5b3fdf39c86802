"""The seed story as a reader opens it (a desktop, a small iframe, a phone), popups in small
frames, areas below the country level and big cities for orientation (issue 11): its pages
opened from disk in headless Chromium. Apart from test_browser.py so that pytest-xdist can
give the two files to two workers."""

import contextlib
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import mention, seed_article, seed_places, storm_article
from pages import LAYOUT, serious_violations
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_admin1 import admin

from mapgen.model import Place
from mapgen.site.pages import write_site

pytestmark = pytest.mark.browser


# --- the seed story, as a reader opens it -----------------------------------------------

STORY = ("Mossoul", "Raqa", "Minbej", "Bagdad")
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory):
    return write_site(seed_article(), seed_places(), tmp_path_factory.mktemp("seed") / "site", source="Le Monde")


def host_page(site, width=350, height=262) -> Path:
    """An article page with the embed in a fixed iframe, as a CMS prints it."""
    host = site.out_dir.parent / f"host-{width}x{height}.html"
    host.write_text(
        f"""<!doctype html><html lang="fr"><head><title>Article</title></head><body>
<p>Texte.</p><iframe src="{site.out_dir.name}/embed.html" width="{width}" height="{height}" title="Carte"></iframe>
</body></html>""",
        "utf-8",
    )
    return host


def in_view(frame, names) -> dict:
    return frame.evaluate(
        """names => Object.fromEntries(names.map(n => {
            const m = [...document.querySelectorAll('.mg-marker')].find(e => e.textContent === n || e.getAttribute('aria-label') === n);
            const b = m.querySelector('.mg-symbol').getBoundingClientRect(), f = document.querySelector('.leaflet-container').getBoundingClientRect();
            return [n, b.left >= f.left && b.right <= f.right && b.top >= f.top && b.bottom <= f.bottom];
        }))""",
        list(names),
    )


def test_seed_opens_on_the_story_on_a_desktop(visit, seed_site):
    opened = visit(seed_site.embed.as_uri(), seed_site.out_dir, viewport={"width": 1280, "height": 800})
    page = opened.page
    assert page.evaluate("mapgen.maps[0].getZoom()") >= 5
    assert all(in_view(page, STORY).values()), in_view(page, STORY)
    pointed = page.locator(".mg-pointer-name").all_inner_texts()
    assert {"Washington", "Berlin"} <= set(pointed)
    assert page.evaluate(LAYOUT)["clashes"] == []
    assert page.locator(".mg-title").inner_text() == "La coalition contre l'EI se réunit"
    credit = page.locator(".mg-credit").inner_text()
    assert credit == "Source : Le Monde, mars 2017 · Carte : mapgen · Données : Natural Earth, GeoNames"
    flagged = any(f["properties"]["check"] for f in json.loads(seed_site.geojson.read_text("utf-8"))["features"])
    # the key explains the dashed marks only where the map has one
    assert page.locator(".mg-legend li").all_inner_texts() == ["ville ou site", "pays cité", "région"] + (
        ["lieu à vérifier (pointillés)"] if flagged else []
    )
    assert page.locator(".leaflet-control-scale").count() == 1
    assert opened.refused == [] and opened.errors == []


def test_seed_in_a_small_iframe(visit, seed_site):
    opened = visit(host_page(seed_site).as_uri(), seed_site.out_dir.parent)
    frame = next(f for f in opened.page.frames if f.url.endswith("embed.html"))
    frame.locator(".mg-marker").first.wait_for()
    assert frame.evaluate("mapgen.maps[0].getZoom()") >= 4
    assert all(in_view(frame, STORY).values()), in_view(frame, STORY)
    assert frame.evaluate(LAYOUT)["clashes"] == []
    # a narrow frame folds the pointers into one control at the map's foot: two taps
    assert frame.locator(".mg-pointer").count() == 0 and frame.locator(".mg-pointers-toggle").count() == 1
    assert frame.locator(".mg-back-box").is_hidden()
    frame.locator(".mg-pointers-toggle").click()
    frame.locator(".mg-pointer-jump", has_text="Berlin").click()
    assert in_view(frame, ["Berlin"]) == {"Berlin": True}
    assert frame.locator(".mg-back").is_visible(), "after a pointer's jump, a way back to the story"
    popup = frame.locator(".leaflet-popup-content-wrapper")
    popup.wait_for()
    frame.wait_for_timeout(400)  # autopan
    box, inside = popup.bounding_box(), frame.locator(".leaflet-container").bounding_box()
    assert inside["y"] <= box["y"] and box["y"] + box["height"] <= inside["y"] + inside["height"] + 1
    assert inside["x"] <= box["x"] and box["x"] + box["width"] <= inside["x"] + inside["width"] + 1
    assert opened.errors == []


def test_seed_on_a_phone_has_finger_sized_targets_and_clear_labels(visit, seed_site):
    page = visit(seed_site.embed.as_uri(), seed_site.out_dir, **PHONE).page
    assert page.evaluate(LAYOUT)["clashes"] == []
    targets = page.locator(".mg-marker, .mg-pointer").evaluate_all(
        "els => els.map(e => { const b = e.getBoundingClientRect(); return Math.min(b.width, b.height); })"
    )
    assert min(targets) >= 44
    page.locator(".mg-marker", has_text="Mossoul").tap()
    size = page.locator(".leaflet-popup-content").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 15


@pytest.mark.parametrize("page_name", ["index.html", "embed.html"])
def test_no_serious_accessibility_violation(visit, seed_site, page_name):
    page = visit((seed_site.out_dir / page_name).as_uri(), seed_site.out_dir, bypass_csp=True).page  # axe is injected
    assert serious_violations(page) == []


def test_no_serious_accessibility_violation_with_a_sheet_open(visit, seed_site):
    viewport = {"width": 350, "height": 262}
    page = visit(seed_site.embed.as_uri(), seed_site.out_dir, bypass_csp=True, viewport=viewport).page
    page.locator(".mg-marker").first.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-mg-sheet-pane .leaflet-popup").wait_for()
    assert serious_violations(page) == []


# --- popups in a small frame (issue 11) ---------------------------------------------------

POPUP_INSIDE = """() => {
    const frame = document.querySelector('.leaflet-container').getBoundingClientRect();
    const inside = e => { const b = e.getBoundingClientRect();
        return b.width > 0 && b.left >= frame.left - 1 && b.right <= frame.right + 1 && b.top >= frame.top - 1 && b.bottom <= frame.bottom + 1; };
    const popup = document.querySelector('.leaflet-popup');
    return { name: inside(popup.querySelector('.mg-popup-name')), close: inside(popup.querySelector('.leaflet-popup-close-button')),
             text: parseFloat(getComputedStyle(popup.querySelector('.leaflet-popup-content')).fontSize) };
}"""


def every_popup_stays_in_the_frame(frame):
    """Open each marker from the keyboard: its popup's name and close button are
    inside the map, Escape closes it, and the focus is back on the marker."""
    frame.locator(".mg-marker").first.wait_for()
    seen = []
    for k in range(frame.locator(".mg-marker").count()):
        marker = frame.locator(".mg-marker").nth(k)
        marker.focus()
        marker.press("Enter")
        frame.locator(".leaflet-popup").wait_for()
        name = frame.locator(".mg-popup-name").inner_text()
        # Leaflet pans a popup into view over a quarter of a second: a loaded machine measured it mid-pan
        settled = f"() => {{ const box = ({POPUP_INSIDE})(); return box.name && box.close; }}"
        with contextlib.suppress(PlaywrightTimeout):  # never inside: the assertion below says where it was
            frame.wait_for_function(settled, timeout=3000)
        seen.append((name, frame.evaluate(POPUP_INSIDE)))
        frame.locator(".leaflet-popup").press("Escape")
        frame.locator(".leaflet-popup").wait_for(state="detached")
        assert frame.evaluate("document.activeElement.classList.contains('mg-marker')"), name
        assert marker.evaluate("e => e === document.activeElement"), name
    assert seen and all(box == {"name": True, "close": True, "text": 15} for _, box in seen), seen
    marker.press("Enter")
    assert frame.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Fermer"
    frame.locator(".leaflet-popup").press("Escape")


def test_seed_popups_never_leave_a_small_iframe(visit, seed_site):
    opened = visit(host_page(seed_site).as_uri(), seed_site.out_dir.parent)
    frame = next(f for f in opened.page.frames if f.url.endswith("embed.html"))
    every_popup_stays_in_the_frame(frame)
    assert frame.locator(".leaflet-container.mg-sheet-mode").count() == 1
    assert opened.errors == []


def test_seed_popups_never_leave_a_phone_screen(visit, seed_site):
    opened = visit(seed_site.embed.as_uri(), seed_site.out_dir, **PHONE)
    every_popup_stays_in_the_frame(opened.page)
    assert opened.errors == []


def test_a_popup_is_a_sheet_only_in_a_small_frame(visit, seed_site):
    page = visit(seed_site.embed.as_uri(), seed_site.out_dir, viewport={"width": 1280, "height": 800}).page
    page.locator(".mg-marker", has_text="Mossoul").click()
    assert page.locator(".leaflet-popup-pane .leaflet-popup").count() == 1
    page.keyboard.press("Escape")
    page.set_viewport_size({"width": 350, "height": 262})
    page.wait_for_timeout(200)
    page.locator(".mg-marker").first.focus()
    page.keyboard.press("Enter")
    sheet = page.locator(".leaflet-mg-sheet-pane .leaflet-popup-content-wrapper").bounding_box()
    frame = page.locator(".leaflet-container").bounding_box()
    assert sheet["x"] == frame["x"] and sheet["width"] == frame["width"]
    assert abs(sheet["y"] + sheet["height"] - frame["y"] - frame["height"]) <= 1


# --- areas below the country level (issue 11) --------------------------------------------


def test_a_named_area_is_drawn_as_its_shape_labelled_once(admin_data, visit, tmp_path):
    article = replace(storm_article(), text="Floods in Süd and in Lyon.")
    south = Place("Süd", admin("Süd", "XA", 34.5, 10.5), 0.9, (mention(article.text, "Süd"),))
    site = write_site(article, [south], tmp_path / "site")
    opened = visit(site.embed.as_uri(), site.out_dir)
    page = opened.page
    assert page.locator("path.mg-admin").count() == 1
    assert page.locator(".mg-marker .mg-symbol").evaluate_all("els => els.map(e => getComputedStyle(e).display)") == [
        "none"
    ], "never a pin at its centre"
    assert page.locator(".mg-label").all_inner_texts() == ["Süd"]
    assert page.locator(".mg-legend li").all_inner_texts() == ["région ou département cité"]
    page.locator("path.mg-admin").click(position={"x": 3, "y": 3})
    assert page.locator(".mg-popup-name").inner_text() == "Süd"
    assert opened.errors == [] and opened.refused == []


def test_the_inner_borders_of_the_story_countries_are_drawn_under_it(admin_data, visit, tmp_path):
    from test_admin1 import COLLECTION, feature

    collection = {"features": [*COLLECTION["features"], feature("XA", 103, "Ost", 14.0, 40.0)]}
    admin_data.write_text(json.dumps(collection), "utf-8")
    article = replace(storm_article(), text="Floods in Süd.")
    south = Place("Süd", admin("Süd", "XA", 34.5, 10.5), 0.9, (mention(article.text, "Süd"),))
    site = write_site(article, [south], tmp_path / "site")
    page = visit(site.embed.as_uri(), site.out_dir).page
    assert page.locator("path.mg-admin-line").count() == 1, "the one border between two areas of Süd's country"


# --- a few big cities for orientation (issue 11) ------------------------------------------

CITY_CLASHES = """() => {
  const rect = e => e.getBoundingClientRect(), frame = rect(document.querySelector('.leaflet-container'));
  const hit = (a, b) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
  const story = [...document.querySelectorAll('.mg-label:not(.mg-visually-hidden), .mg-marker .mg-symbol, .mg-pointer, .leaflet-control')]
    .map(e => ({what: e.textContent || e.className, box: rect(e)})).filter(s => s.box.width > 0);
  const cities = [...document.querySelectorAll('.mg-city')].map(e => ({what: e.textContent, box: rect(e)}));
  const clashes = [];
  cities.forEach((c, i) => {
    story.forEach(s => hit(c.box, s.box) && clashes.push(c.what + '/' + s.what));
    cities.slice(i + 1).forEach(d => hit(c.box, d.box) && clashes.push(c.what + '/' + d.what));
    (c.box.left < frame.left || c.box.right > frame.right) && clashes.push(c.what + '/edge');
  });
  return {cities: cities.map(c => c.what), clashes};
}"""


@pytest.mark.parametrize("size", [(1280, 800), (390, 844), (350, 190)])
def test_big_cities_orient_the_reader_and_never_cover_the_story(visit, seed_site, size):
    opened = visit(seed_site.embed.as_uri(), seed_site.out_dir, viewport={"width": size[0], "height": size[1]})
    found = opened.page.evaluate(CITY_CLASHES)
    assert 1 <= len(found["cities"]) <= 6, found
    assert found["clashes"] == []
    assert not set(found["cities"]) & set(opened.page.locator(".mg-label").all_inner_texts())
    opened.page.evaluate(
        "void mapgen.maps[0].zoomIn(1, {animate: false})"
    )  # void: the map itself takes seconds to serialise
    assert opened.page.evaluate(CITY_CLASHES)["clashes"] == []


def test_big_cities_take_the_article_language_where_cldr_has_it():
    from mapgen.site.cities import local_name, time_zone_cities

    zones = time_zone_cities("fr")
    city = {"name": "Damascus", "timezone": "Asia/Damascus"}
    assert local_name(city, zones) == "Damas"
    assert local_name({"name": "Aleppo", "timezone": "Asia/Damascus"}, zones) == "Aleppo", "not its zone's city"
    assert local_name(city, time_zone_cities("xx")) == "Damascus"
