"""Pages opened as a reader opens them, for the browser tests: headless Chromium (Debian's) on a
site's files, with every request that would leave the site's folder refused."""

import os
import subprocess
from pathlib import Path
from typing import ClassVar

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]


def axe_script() -> Path | None:
    """axe.min.js: $AXE_CORE_JS, else .ci/run's npm install, else a global npm install (npm asked
    only then: starting it took half a second of every accessibility test)."""
    if os.environ.get("AXE_CORE_JS"):
        return Path(os.environ["AXE_CORE_JS"])
    local = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
    if local.exists():
        return local
    try:
        npm_root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    found = Path(npm_root) / "axe-core" / "axe.min.js"
    return found if npm_root and found.exists() else None


def serious_violations(page) -> list[tuple[str, str, int]]:
    """axe-core's serious and critical findings on the page as it stands (the page must have been
    opened with bypass_csp: axe is injected); the test is skipped where axe-core is not installed."""
    axe = axe_script()
    if axe is None or not axe.exists():
        pytest.skip("axe-core not found: set AXE_CORE_JS, or npm install --prefix .ci/node axe-core")
    page.add_script_tag(content=axe.read_text("utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


# Loaded, and every picture (a tile, an icon) loaded or failed: what a reader sees once the page is still.
SETTLED = "() => document.readyState === 'complete' && [...document.images].every(i => i.complete)"


class Tab:
    """A browser context with one page, kept open between visits: a new context and page
    cost a few tenths of a second each time, and the browser tests make some seventy visits.
    Each visit opens its page with goto, which starts a new document (its scripts, DOM and
    focus all new); the page's events go to the visit that holds the tab, none to a later one."""

    def __init__(self, browser, init_script: str | None, options: dict):
        self.context = browser.new_context(**options)
        if init_script:
            self.context.add_init_script(init_script)
        self.visit: Visit | None = None
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.visit and m.type == "error" and self.visit.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.visit and self.visit.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route):
        if self.visit is None:
            route.abort()
        else:
            self.visit.route(route)

    def _dialog(self, dialog):
        if self.visit is not None:
            self.visit.dialogs.append(dialog.message)
        dialog.dismiss()


class Visit:
    """A page opened from disk with every request outside `allowed` refused, and
    the console errors and dialogs (an alert would be injected script) kept."""

    _idle: ClassVar[dict[tuple, list[Tab]]] = {}  # tabs not in use, by browser and context options

    def __init__(self, browser, url: str, allowed: Path, init_script: str | None = None, **context):
        options = {"viewport": {"width": 1000, "height": 760}, **context}
        self._key = (id(browser), init_script, repr(sorted(options.items())))
        self._viewport = options["viewport"]
        idle = Visit._idle.get(self._key)
        self.tab = idle.pop() if idle else Tab(browser, init_script, options)
        self.page = self.tab.page
        self.refused, self.errors, self.dialogs, self.requested = [], [], [], []
        self.prefix = allowed.resolve().as_uri()
        self.tab.visit = self
        self.page.goto(url)  # returns at the load event: the page's scripts have run and drawn the map
        try:
            # and every picture is in, in the page and its frames (the tiles: the tile tests count them
            # after this). Playwright's "networkidle" waited for this too, and then for half a second of
            # quiet on every visit; the map is drawn by the page's own inline data, so nothing is fetched
            # later. On a machine busy with other browsers a page can take long: a test that then finds
            # too little fails on its own assertion, which says more than a timeout
            for frame in self.page.frames:
                frame.wait_for_function(SETTLED, timeout=15_000)
        except PlaywrightTimeout:
            pass

    def route(self, route):
        self.requested.append(route.request.url)
        if route.request.url.startswith(self.prefix):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def loaded_tiles(self, frame=None) -> int:
        return (frame or self.page).evaluate(
            "Array.from(document.querySelectorAll('img.leaflet-tile'))"
            ".filter(i => i.complete && i.naturalWidth > 0).length"
        )

    def land(self, frame=None) -> int:
        """How many countries the vector basemap drew."""
        return (frame or self.page).locator("path.mg-land").count()

    def close(self):
        """The tab back to the pool, on a blank page as a new one starts, or closed if it cannot be."""
        self.tab.visit = None
        try:
            # what the page kept in the browser (edit.html's unsaved choices) is not the next visit's
            self.page.evaluate("() => { try { localStorage.clear(); } catch (e) {} }")
            self.page.goto("about:blank")
            self.page.mouse.move(0, 0)
            self.page.set_default_timeout(30_000)
            if self.page.viewport_size != self._viewport:  # a test that resized its page
                self.page.set_viewport_size(self._viewport)
        except Exception:  # noqa: BLE001 - a page that crashed or was closed is not reused
            self.tab.context.close()
            return
        Visit._idle.setdefault(self._key, []).append(self.tab)


LAYOUT = """() => {
  const rect = e => e.getBoundingClientRect();
  const frame = rect(document.querySelector('.leaflet-container'));
  const seen = b => b.right > frame.left && b.left < frame.right && b.bottom > frame.top && b.top < frame.bottom;
  const labels = [...document.querySelectorAll('.mg-marker')].map(m => [m, m.querySelector('.mg-label:not(.mg-visually-hidden)')])
    .filter(([m, l]) => l && seen(rect(l))).map(([m, l]) => ({marker: m, box: rect(l), side: l.dataset.side, text: l.textContent}));
  const symbols = [...document.querySelectorAll('.mg-marker')].map(m => ({marker: m, box: rect(m.querySelector('.mg-symbol'))}));
  const hit = (a, b) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
  const clashes = [];
  labels.forEach((a, i) => {
    labels.slice(i + 1).forEach(b => hit(a.box, b.box) && clashes.push(a.text + '/' + b.text));
    symbols.forEach(s => s.marker !== a.marker && hit(a.box, s.box) && clashes.push(a.text + '/marker ' + s.marker.textContent));
  });
  return {clashes, sides: labels.map(l => l.side)};
}"""
