"""The seed's map as a reader gets it: opened in headless Chromium (Debian's),
with every request that would leave the site's folder refused."""
import json
import os
from pathlib import Path

import pytest

import mapgen
from mapgen.site import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed"
AXE = Path(os.environ.get("AXE_CORE_JS", ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt install chromium)"),
    pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is not beside the project"),
]


@pytest.fixture(scope="module")
def gold():
    return json.loads((SEED / "seed.gold.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory, gold):
    return mapgen.build_site(SEED / gold["article"], tmp_path_factory.mktemp("seed") / "site")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page opened from disk with every request outside `allowed` refused, and the console kept."""

    def __init__(self, browser, url: str, allowed: Path, viewport=(1000, 760)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.refused, self.errors = [], []
        prefix = allowed.resolve().as_uri()
        self.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(prefix)
                           else (self.refused.append(route.request.url), route.abort()))
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")

    def close(self):
        self.context.close()


@pytest.fixture
def index(browser, seed_site):
    visit = Visit(browser, seed_site.index.as_uri(), seed_site.out_dir)
    yield visit
    visit.close()


def test_six_city_markers_and_the_countries_apart(index, gold):
    page = index.page
    assert page.locator(".mg-marker.mg-place").count() == len(gold["markers"])
    country_labels = page.locator(".mg-marker.mg-country .mg-label").all_inner_texts()
    assert {label.casefold() for label in country_labels} == {c["mention"].casefold() for c in gold["countries"]}
    assert page.locator(".mg-marker.mg-region").count() == len(gold["regions"])


def test_basemap_loads_with_no_network(index):
    loaded = index.page.evaluate(
        "Array.from(document.querySelectorAll('img.leaflet-tile')).filter(i => i.complete && i.naturalWidth > 0).length")
    assert loaded > 0
    assert index.refused == [] and index.errors == []


def test_a_marker_opens_a_popup_that_quotes_the_article(index):
    page = index.page
    marker = page.locator(".mg-marker", has_text="Mossoul")
    marker.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".mg-popup-name").inner_text() == "Mossoul"
    assert "Mosul" in popup.locator(".mg-popup-where").inner_text()
    assert popup.locator("mark").all_inner_texts() == ["Mossoul"]
    assert "l'EI est coincé à Mossoul (Irak)" in popup.locator("blockquote").inner_text()
    assert index.errors == []


def test_keyboard_reaches_every_marker_and_enter_opens_its_popup(index):
    page = index.page
    markers = page.locator(".mg-marker").count()
    reached = set()
    for _ in range(markers + 10):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.classList.contains('mg-marker') && document.activeElement.textContent")
        if name:
            reached.add(name)
    assert len(reached) == markers
    page.locator(".mg-marker", has_text="Berlin").focus()
    page.keyboard.press("Enter")
    assert page.locator(".leaflet-popup-content .mg-popup-name").inner_text() == "Berlin"


def test_every_marker_has_its_name_as_accessible_name(index):
    names = index.page.locator(".mg-marker").evaluate_all(
        "els => els.map(e => [e.getAttribute('role'), e.tabIndex, e.textContent])")
    assert all(role == "button" and tab == 0 and text for role, tab, text in names)


def test_embedded_map_leaves_the_wheel_to_the_page(browser, seed_site, tmp_path):
    host = seed_site.out_dir.parent / "host.html"
    snippet = seed_site.iframe_snippet.replace('src="embed.html"', f'src="{seed_site.out_dir.name}/embed.html"')
    host.write_text(f"""<!doctype html><html lang="en"><head><title>An article</title></head><body>
<p style="height:400px">Text above the map.</p>{snippet}<p style="height:1600px">Text below.</p>
</body></html>""", "utf-8")
    visit = Visit(browser, host.as_uri(), seed_site.out_dir.parent)
    try:
        page = visit.page
        frame = page.frame_locator("iframe")
        frame.locator(".mg-marker").first.wait_for()
        inner = next(f for f in page.frames if f.url.endswith("embed.html"))
        zoom = inner.evaluate("mapgen.maps[0].getZoom()")
        box = page.locator("iframe").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(400)
        assert inner.evaluate("mapgen.maps[0].getZoom()") == zoom
        assert page.evaluate("window.scrollY") > 0, "the page scrolled instead"
        box = page.locator("iframe").bounding_box()
        page.mouse.click(box["x"] + box["width"] - 20, box["y"] + 40)  # into the map, away from controls
        page.mouse.wheel(0, -600)
        page.wait_for_timeout(600)
        assert inner.evaluate("mapgen.maps[0].getZoom()") > zoom
        assert visit.errors == []
    finally:
        visit.close()
        host.unlink()


@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core not found at {AXE} (npm install axe-core)")
@pytest.mark.parametrize("page_name", ["index.html", "embed.html"])
def test_no_serious_accessibility_violation(browser, seed_site, page_name):
    visit = Visit(browser, (seed_site.out_dir / page_name).as_uri(), seed_site.out_dir)
    try:
        visit.page.add_script_tag(content=AXE.read_text("utf-8"))
        result = visit.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        visit.close()
