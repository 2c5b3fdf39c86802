"""No string from an article or a geocoder ever runs as script (issue 8, "Injected").

Hypothesis writes articles full of markup, quotes, backslashes, line and
paragraph separators, bidi marks and emoji; a stand-in for an online geocoder
echoes each name back as the place's resolved name. Every page is opened in
Chromium (the editor's edit.html too), every marker hovered and opened, and nothing
of theirs may have run.
"""

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pages import Visit

from mapgen.corrections import Corrections
from mapgen.model import Article, Candidate, Mention, Place
from mapgen.site.pages import write_site

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<img src=x onerror=window.__pwned=1>",
    "</script><script>window.__pwned=2</script>",
    '"><svg onload=window.__pwned=3>',
    "'-alert(4)-'",
    "${window.__pwned=5}",
    "<!--",
    "\\",
    '"',
    "'",
    "\u2028",
    "\u2029",
    "\u200f",
    "\u202e",
    "🚒",
    "👍🏽",
    "&amp;",
]
hostile = st.lists(st.sampled_from(PAYLOADS) | st.text(min_size=1, max_size=3), min_size=1, max_size=5).map("".join)


def article_and_places(names: list[str], title: str) -> tuple[Article, list[Place]]:
    """An article that names each hostile name once, each resolved to itself."""
    text, places = "", []
    for k, name in enumerate(names):
        sentence_start = len(text)
        start = sentence_start + len("Troops reached ")
        text += f"Troops reached {name} on day {k}. "
        sentence = text[sentence_start:].rstrip()
        mention = Mention(name, start, start + len(name), sentence, sentence_start, "LOC")
        echoed = Candidate(k + 1, name, "city", None, 30.0 + 2 * k, 10.0 + 3 * k)  # what the geocoder said
        places.append(Place(name, echoed, 0.3 if k % 2 else 0.9, (mention,)))
    return Article(text, "en", "hostile.txt", date=title, title=title), places


def hostile_sites(examples: int):
    """The property, for the planted site (the geocoder's answer issue 8 reported, a script end
    with a line separator, markup for a title) and then `examples` generated ones."""

    def property_of(test):
        test = example(
            names=["Ras" + PAYLOADS[0] + "al-Ain", PAYLOADS[1] + "🚒\u2028"], title=PAYLOADS[2], single_file=False
        )(test)
        test = given(
            names=st.lists(hostile, min_size=1, max_size=3, unique=True), title=hostile, single_file=st.booleans()
        )(test)
        return settings(
            max_examples=examples,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        )(test)

    return property_of


# A site costs seconds (three pages opened, every marker hovered and clicked): the default run
# tries the planted site and 3 generated ones; the slow run, which .ci/run runs too, 8 more, as
# the one run did before issue 13 cut the suite's time.
@hostile_sites(3)
def test_no_script_of_theirs_runs(browser, tmp_path_factory, names, title, single_file):
    no_script_of_theirs_runs(browser, tmp_path_factory, names, title, single_file)


@pytest.mark.slow
@hostile_sites(8)
def test_no_script_of_theirs_runs_on_more_sites(browser, tmp_path_factory, names, title, single_file):
    no_script_of_theirs_runs(browser, tmp_path_factory, names, title, single_file)


def no_script_of_theirs_runs(browser, tmp_path_factory, names: list[str], title: str, single_file: bool) -> None:
    article, places = article_and_places(names, title)
    folder = tmp_path_factory.mktemp("hostile") / "site"
    site = write_site(article, places, folder, single_file=single_file, edit=Corrections())
    for page_file in (site.index, site.embed):
        visit = Visit(browser, page_file.as_uri(), site.out_dir)
        try:
            page = visit.page
            page.set_default_timeout(5000)
            markers = page.locator(".mg-marker")
            assert markers.count() == len(places)
            shown = []  # the markers stand in reading order, not the places' order: each popup's name, as text
            for k in range(len(places)):
                markers.nth(k).hover(force=True)
                markers.nth(k).click(force=True)
                shown.append(page.locator(".leaflet-popup .mg-popup-name").text_content())
                page.evaluate("void mapgen.maps[0].closePopup()")  # not the map itself: serialising it costs seconds
                page.locator(".leaflet-popup").wait_for(state="detached")
            assert sorted(shown) == sorted(place.name for place in places)
            page.wait_for_timeout(100)
            assert page.evaluate("window.__pwned") is None
            assert visit.dialogs == []
            assert visit.errors == [], visit.errors
        finally:
            visit.close()
    editor = Visit(browser, site.edit.as_uri(), site.out_dir)
    try:
        markers = editor.page.locator(".leaflet-marker-icon")
        assert markers.count() == len(places)
        for k in range(len(places)):
            markers.nth(k).hover(force=True)
            markers.nth(k).click(force=True)
        editor.page.wait_for_timeout(100)
        assert editor.page.evaluate("window.__pwned") is None
        assert editor.dialogs == [] and editor.errors == [], editor.errors
    finally:
        editor.close()
