"""What the page costs a reader to load, beside a plain folium map of the same places.

Builds, in one run, the site of an article (the seed by default, else the
French example), its --single-file variant, and a default folium map with the
same markers saved with .save(), then prints:

- the embed as a reader loads it: every request headless Chromium (Debian's)
  makes, desktop 1280x800 and phone 390x844, and their bytes gzipped, which is
  what a server that compresses sends (budget: 150 KB, 15 requests);
- the single-file page's gzipped size (budget: 300 KB);
- for each page, its files (the page and every script and stylesheet it
  loads), their bytes raw and gzipped, and the hosts the browser contacts.

No network is used: folium's CDN files are weighed from copies of the same
versions, Leaflet from xstatic-leaflet and the rest from the npm registry:

    npm install --prefix .ci/node leaflet@1.9.3 jquery@3.7.1 bootstrap@5.2.2 @fortawesome/fontawesome-free@6.2.0
    python benchmarks/page_weight.py [ARTICLE]

(the versions folium 0.20 asks for). Files with no copy of the same version on
npm (awesome-markers 2.0.2 and two small stylesheets) are counted as files and
hosts, but not weighed: folium's bytes are a lower bound.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import folium

import mapgen
from mapgen.site.assets import leaflet_dir, leaflet_version

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article-fr-2017-03.txt"
EXAMPLE = ROOT / "examples" / "article-fr.txt"
NODE_MODULES = ROOT / ".ci" / "node" / "node_modules"
NPM_URL = re.compile(r"/npm/((?:@[^/@]+/)?[^/@]+)@([^/]+)/(.+)$")  # jsDelivr's npm mirror
JQUERY_URL = re.compile(r"code\.jquery\.com/jquery-([\d.]+)\.min\.js$")
# what a page loads: scripts, styles and pictures (map.svg, the fallback without scripts and the print version)
REFERENCE = re.compile(r'<(?:script|link|img)\b[^>]*?(?:src|href)="([^"]+)"')


def local_copy(url: str) -> Path | None:
    """The installed file with the same bytes as a CDN URL, where there is one:
    our Leaflet from xstatic-leaflet, the rest from npm packages of the same version."""
    if f"leaflet@{leaflet_version()}/dist/" in url:
        return leaflet_dir() / url.rsplit("/", 1)[1]
    npm = NPM_URL.search(url)
    jquery = JQUERY_URL.search(url)
    if npm:
        package, wanted, path = npm.groups()
    elif jquery:
        package, wanted, path = "jquery", jquery.group(1), "dist/jquery.min.js"
    else:
        return None
    folder = NODE_MODULES / package
    manifest = folder / "package.json"
    if manifest.exists() and json.loads(manifest.read_text("utf-8")).get("version") == wanted:
        return folder / path
    return None


def weigh(page: Path) -> dict:
    """Files, raw and gzip bytes, hosts, and how many files could not be weighed offline."""
    html = page.read_text("utf-8")
    blobs, hosts, unweighed = [page.read_bytes()], set(), 0
    for ref in dict.fromkeys(REFERENCE.findall(html)):  # a file referenced twice is loaded once
        if ref.startswith(("http:", "https:", "//")):
            hosts.add(urlparse(ref if not ref.startswith("//") else "https:" + ref).netloc)
            copy = local_copy(ref)
            if copy is None:
                unweighed += 1
                continue
            blobs.append(copy.read_bytes())
        else:
            blobs.append((page.parent / ref).read_bytes())
    files = len(blobs) + unweighed
    return {
        "files": files,
        "raw": sum(map(len, blobs)),
        "gzip": sum(len(gzip.compress(b, 9, mtime=0)) for b in blobs),
        "hosts": len(hosts),
        "unweighed": unweighed,
    }


def loaded_by_chromium(page: Path, device: dict) -> tuple[int, int]:
    """Requests and gzipped bytes of everything Chromium loads to show the page."""
    from playwright.sync_api import sync_playwright

    from mapgen.site.pages import CHROMIUM, CHROMIUM_ARGS

    urls: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(**device)
        tab.on("request", lambda request: urls.append(request.url))
        tab.goto(page.as_uri())
        tab.wait_for_load_state("networkidle")
        browser.close()
    files = [Path(unquote(urlparse(url).path)) for url in urls if url.startswith("file:")]
    return len(urls), sum(len(gzip.compress(f.read_bytes(), 9, mtime=0)) for f in files)


DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def folium_page(places, path: Path) -> Path:
    m = folium.Map()
    for place in places:
        folium.Marker(
            [place.chosen.lat, place.chosen.lon], tooltip=place.name, popup=folium.Popup(place.mentions[0].sentence)
        ).add_to(m)
    m.save(str(path))
    return path


def main() -> None:
    article_path = Path(sys.argv[1]) if len(sys.argv) > 1 else SEED if SEED.exists() else EXAMPLE
    article = mapgen.read_article(article_path)
    places = mapgen.find_places(article)
    with tempfile.TemporaryDirectory() as tmp:
        site = mapgen.build_site(article, Path(tmp) / "site")
        single = mapgen.build_site(article, Path(tmp) / "single", single_file=True)
        single_gzip = len(gzip.compress(single.index.read_bytes(), 9, mtime=0))
        loads = {
            name: loaded_by_chromium(site.embed, device) for name, device in (("desktop", DESKTOP), ("phone", PHONE))
        }
        rows = {
            "mapgen embed.html": weigh(site.embed),
            "mapgen index.html": weigh(site.index),
            "folium default map": weigh(folium_page(places, Path(tmp) / "folium.html")),
        }
    print(f"article: {article_path.name}, {len(places)} places\n")
    for name, (requests, sent) in loads.items():
        verdict = "PASS" if sent <= 150 * 1024 and requests <= 15 else "FAIL"
        print(
            f"embed.html as loaded, {name:7}: {requests} requests, {sent / 1024:.1f} KB gzip (budget 150 KB, 15: {verdict})"
        )
    verdict = "PASS" if single_gzip <= 300 * 1024 else "FAIL"
    print(f"--single-file index.html: {single_gzip / 1024:.1f} KB gzip (budget 300 KB: {verdict})\n")
    print(f"{'page':22} {'files':>5} {'raw KB':>8} {'gzip KB':>8} {'hosts':>5}  note")
    for name, row in rows.items():
        note = f"{row['unweighed']} CDN files not weighed (offline): a lower bound" if row["unweighed"] else ""
        print(
            f"{name:22} {row['files']:5d} {row['raw'] / 1024:8.1f} {row['gzip'] / 1024:8.1f} {row['hosts']:5d}  {note}"
        )
    ours, theirs = rows["mapgen embed.html"], rows["folium default map"]
    print(
        f"ratio mapgen embed / folium, gzip bytes: {ours['gzip'] / theirs['gzip']:.2f} "
        f"(folium's weighed part only); files {ours['files']} vs {theirs['files']}; hosts {ours['hosts']} vs {theirs['hosts']}"
    )


if __name__ == "__main__":
    main()
