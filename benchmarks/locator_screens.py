"""Screenshots of the locator map, to look at: each article's site at 1280x800 (index.html),
on a 390x844 phone (embed.html) and in a 350-px host iframe.

    python benchmarks/locator_screens.py OUT_DIR [ARTICLE ...]

Default articles: the seed and the examples of issue 24 (county, département,
Spanish regional, 40 places, Great Lakes). Uses Debian's Chromium; no network.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [
    ROOT.parent / "shared" / "seed" / "article-fr-2017-03.txt",
    *(ROOT / "examples" / f"article-{name}.txt" for name in ("county", "departement", "es", "storm40", "greatlakes")),
]
HOST = """<!doctype html><html><body style="margin:0;font:16px serif"><div style="width:350px;margin:8px">
<p>Host article text before the map.</p>{snippet}<p>And after.</p></div></body></html>"""


def main(out: Path, articles: list[Path]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    sites = {}
    for article in articles:
        name = article.stem
        site = out / name
        subprocess.run(
            [sys.executable, "-m", "mapgen", "build", str(article), "-o", str(site), "--force"],
            check=True,
            capture_output=True,
        )
        snippet = (site / "embed.html").name
        host = out / f"{name}-host.html"
        host.write_text(
            HOST.format(snippet=f'<iframe src="{name}/{snippet}" style="width:350px;height:420px;border:0"></iframe>'),
            "utf-8",
        )
        sites[name] = (site, host)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, (site, host) in sites.items():
            for label, url, viewport in (
                ("desktop", site / "index.html", (1280, 800)),
                ("phone", site / "embed.html", (390, 844)),
                ("host350", host, (380, 520)),
            ):
                page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
                page.goto(url.resolve().as_uri())
                page.wait_for_timeout(600)
                page.screenshot(path=str(out / f"{name}-{label}.png"))
                page.close()
        browser.close()
    print(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), [Path(a) for a in sys.argv[2:]] or ARTICLES)
