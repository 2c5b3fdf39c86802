"""The editor's view as a journalist uses it: edit.html opened from disk in headless
Chromium, a runner-up chosen and a marker dragged, the corrections file downloaded,
the site built again with it."""

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import storm_article, storm_places
from pages import Visit, serious_violations
from playwright.sync_api import expect
from test_browser import SLIPPED_IN

import mapgen
from mapgen.corrections import Corrections
from mapgen.site.pages import write_site

ROOT = Path(__file__).resolve().parents[1]
DUBLIN_OHIO = 5152333
DUBLIN_IRELAND = 2964574

pytestmark = pytest.mark.browser


def features(site) -> dict:
    collection = json.loads(site.geojson.read_text("utf-8"))
    return {f["properties"]["name"]: f for f in collection["features"]}


@pytest.fixture(scope="module")
def edit_site(tmp_path_factory):
    """The storm story's site with its edit.html, for the tests that only read it: what a test
    changes on the page stays in its own page."""
    # in English, as these tests read its words (test_edit_languages.py opens it in French)
    english = replace(storm_article(), language="en")
    return write_site(english, storm_places(), tmp_path_factory.mktemp("edit") / "site", edit=Corrections())


def test_choose_a_runner_up_drag_a_marker_download_and_build_again(browser, tmp_path):
    article = tmp_path / "tornado.txt"
    shutil.copy(ROOT / "examples" / "article-tornado.txt", article)  # without its corrections file
    site = mapgen.build_site(article, tmp_path / "site", edit=True)
    before = features(site)
    assert before["Dublin"]["properties"]["check"], "the doubtful choice this test settles (Ohio, flagged)"
    assert "edit.html" not in site.index.read_text("utf-8") + site.embed.read_text("utf-8")

    visit = Visit(browser, site.edit.as_uri(), site.out_dir)
    try:
        page = visit.page
        columbus = page.locator('.leaflet-marker-icon[title="Columbus"] .mg-symbol')
        box = columbus.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + 60, box["y"] + 40, steps=5)
        page.mouse.up()
        assert '"Columbus" = { lat = ' in page.locator("#mg-edit-toml").inner_text()

        page.locator('.leaflet-marker-icon[title="Dublin"]').click()
        popup = page.locator(".leaflet-popup-content")
        choices = popup.locator("li").all_inner_texts()
        assert any(c.startswith("Dublin, Leinster, IE (city") for c in choices), choices  # the area named, not "L"
        assert popup.locator(".mg-popup-where").inner_text().startswith("Dublin, Ohio, US (city"), "not 'OH'"
        popup.locator("li", has_text="Dublin, Leinster, IE").get_by_role("button", name="Choose").click()

        shown = page.locator("#mg-edit-toml").inner_text()
        assert f'"Dublin" = {DUBLIN_IRELAND}' in shown and '"Columbus" = { lat = ' in shown
        with page.expect_download() as download:
            page.locator("#mg-edit-download").click()
        assert download.value.suggested_filename == "tornado.mapgen.toml"
        download.value.save_as(tmp_path / "tornado.mapgen.toml")  # beside the article: picked up by itself
        assert visit.errors == [] and visit.refused == []
    finally:
        visit.close()

    after = features(mapgen.build_site(article, tmp_path / "site"))
    dublin, columbus = after["Dublin"]["properties"], after["Columbus"]["properties"]
    assert (dublin["geonameid"], dublin["country"], dublin["origin"]) == (DUBLIN_IRELAND, "IE", "pinned")
    assert columbus["origin"] == "pinned" and columbus["geonameid"] is None
    assert after["Columbus"]["geometry"] != before["Columbus"]["geometry"]


def test_drop_a_place_and_the_page_shows_article_text_as_text(visit, edit_site):
    opened = visit(edit_site.edit.as_uri(), edit_site.out_dir)
    page = opened.page
    assert page.locator(".leaflet-marker-icon").count() == len(storm_places())
    page.locator('.leaflet-marker-icon[title="Paris"]').click()
    page.get_by_role("button", name="Drop Paris from the map").click()
    assert page.locator('.leaflet-marker-icon[title="Paris"]').count() == 0
    assert '[drop]\n"Paris" = true' in page.locator("#mg-edit-toml").inner_text()
    assert opened.errors == [] and opened.dialogs == []


def test_no_serious_accessibility_violation(visit, edit_site):
    page = visit(edit_site.edit.as_uri(), edit_site.out_dir, bypass_csp=True).page  # axe is injected
    assert serious_violations(page) == []


def test_the_page_draws_the_countries_under_a_policy_as_strict_as_the_sites(visit, edit_site):
    # without the countries a journalist cannot see that Dublin is in Ireland, not in Ohio
    page_text = edit_site.edit.read_text("utf-8")
    assert "Content-Security-Policy\" content=\"default-src 'none'; script-src 'self' 'sha256-" in page_text.replace(
        "&#39;", "'"
    )
    opened = visit(edit_site.edit.as_uri(), edit_site.out_dir)
    assert opened.land() > 100 and opened.refused == []
    assert opened.page.locator(".mg-country-name").count() > 0
    assert opened.errors == [], opened.errors  # a script or style the policy refused would be an error here


def test_every_place_is_listed_beside_the_map_and_its_button_opens_it(visit, edit_site):
    # the places of a story lie on one another at the first view: the list reaches each of them
    opened = visit(edit_site.edit.as_uri(), edit_site.out_dir)
    page = opened.page
    entries = page.locator("#mg-edit-places button")
    assert [t.split(" \u2014 ")[0] for t in entries.all_inner_texts()] == [p.name for p in storm_places()]
    entries.filter(has_text="Paris").click()
    expect(page.locator(".leaflet-popup-content h2")).to_have_text("Paris")
    page.get_by_role("button", name="Drop Paris from the map").click()
    # the list and the file are redrawn after the click's handler: wait for them, as a reader does
    expect(entries.filter(has_text="Paris")).to_have_text("Paris \u2014 dropped (undo)")
    expect(page.locator("#mg-edit-toml")).to_contain_text('"Paris" = true')
    entries.filter(has_text="Paris").click()  # brought back
    assert page.locator('.leaflet-marker-icon[title="Paris"]').count() == 1
    assert "[drop]" not in page.locator("#mg-edit-toml").inner_text()
    assert opened.errors == []


def test_a_choice_made_on_the_page_is_shown_as_such_and_can_be_undone(visit, edit_site):
    opened = visit(edit_site.edit.as_uri(), edit_site.out_dir)
    page = opened.page
    paris = page.locator('.leaflet-marker-icon[title="Paris"]')
    paris.click()
    page.locator(".leaflet-popup-content li").get_by_role("button", name="Choose").click()
    # the file and the list are redrawn after the click's handler: wait for them, as a reader does
    # (read at once, this failed once in a loaded run of the suite)
    expect(page.locator("#mg-edit-toml")).to_contain_text('"Paris" = ')
    entry = page.locator("#mg-edit-places button", has_text="Paris")
    expect(entry).to_have_text(re.compile(r"\(changed\)$"))
    assert "km away" not in entry.inner_text()
    paris.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("changed here")
    expect(popup.locator("li")).to_have_count(0)  # the choice just made is not offered again
    popup.get_by_role("button", name="Undo: back to Paris").click()
    expect(page.locator("#mg-edit-toml")).not_to_contain_text("[pin]")
    expect(entry).not_to_have_text(re.compile(r"\(changed\)$"))
    assert opened.errors == []


def test_the_editors_page_forbids_script_it_did_not_ship(visit, edit_site):
    """edit.html carried an empty Content-Security-Policy (none at all) until issue 8's audit."""
    opened = visit(edit_site.edit.as_uri(), edit_site.out_dir)
    opened.page.evaluate(SLIPPED_IN)
    opened.page.wait_for_timeout(200)
    assert opened.page.evaluate("window.__pwned") is None
    assert opened.page.locator(".leaflet-marker-icon").count() == len(storm_places()), "its own scripts ran"
