"""A marker the resolver flags (Place.check): the key says "place to check", its popup says why, escaped."""

import pytest
from conftest import storm_article, storm_places

from mapgen.site import write_site


@pytest.fixture(scope="module")
def flagged(tmp_path_factory):
    return write_site(storm_article(), storm_places(), tmp_path_factory.mktemp("check") / "site")


def test_the_key_and_the_list_say_to_check_it(flagged):
    index = flagged.index.read_text("utf-8")
    assert "lieu à vérifier (pointillés)" in index
    assert "Paris or &lt;b&gt;Paris&lt;/b&gt;, Texas &amp; Co?" in index and "<b>Paris</b>" not in index


def test_the_popup_of_a_flagged_marker_shows_its_check_line(visit, flagged):
    page = visit(flagged.index.as_uri(), flagged.out_dir, viewport={"width": 1280, "height": 800}).page
    page.locator(".mg-marker.mg-low").first.wait_for()
    page.locator(".mg-marker.mg-low").first.click()
    line = page.locator(".leaflet-popup .mg-popup-low")
    assert line.inner_text() == "à vérifier\u202f: Paris or <b>Paris</b>, Texas & Co?"
    assert page.locator(".leaflet-popup .mg-popup-low b").count() == 0
