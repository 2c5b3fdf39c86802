"""OUT/index.html with --sites: the archive's articles, and one map of all their places.

Each article is listed with its title, date and a small picture of its map
(the site's map.svg, where the site has one); the archive's map marks every
place, sized by how many articles name it, each linking to the list of its
articles below. A plain page, no script: everything from the articles is
escaped, and the links to their sites are quoted.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

from .store import SITES

WIDTH, HEIGHT = 960, 480  # the archive's map, equirectangular


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    date: str | None
    url: str | None
    error: str | None = None


@dataclass
class _Spot:  # one place of the archive, as its articles are gathered
    name: str
    lat: float
    lon: float
    articles: list[str] = field(default_factory=list)


def write_index(out: Path) -> None:
    """From the joined places.jsonl."""
    entries: list[Entry] = []
    spots: dict[str, _Spot] = {}
    with (out / "places.jsonl").open(encoding="utf-8") as lines:
        collections = [json.loads(line) for line in lines]
    for collection in collections:
        entry = Entry(
            collection["id"],
            collection.get("title") or collection["id"],
            collection.get("date"),
            collection.get("url"),
            collection.get("error"),
        )
        entries.append(entry)
        for feature in collection.get("features", []):
            p = feature["properties"]
            lon, lat = feature["geometry"]["coordinates"]
            key = str(p["geonameid"]) if p["geonameid"] is not None else f"{p['resolved']}@{lat},{lon}"
            spot = spots.setdefault(key, _Spot(p["resolved"], lat, lon))
            if entry.id not in spot.articles:
                spot.articles.append(entry.id)
    titles = {e.id: e.title for e in entries}
    ranked = sorted(spots.items(), key=lambda kv: (-len(kv[1].articles), kv[1].name, kv[0]))
    page = _PAGE.format(
        count=len(entries),
        places=len(spots),
        map=_map(ranked),
        articles="\n".join(_article(out, e) for e in entries),
        index="\n".join(_place(n, spot, titles) for n, (_, spot) in enumerate(ranked)),
    )
    tmp = out / ".index.html.partial"
    tmp.write_text(page, "utf-8")
    tmp.replace(out / "index.html")


def _site_href(article_id: str, name: str) -> str:
    return escape(f"{SITES}/{quote(article_id, safe='/')}/{name}")


def _article(out: Path, e: Entry) -> str:
    svg = out / SITES / e.id / "map.svg"
    picture = f'<img src="{_site_href(e.id, "map.svg")}" alt="" width="160" height="120">' if svg.exists() else ""
    date = f" <time>{escape(e.date)}</time>" if e.date else ""
    link = (
        f'<a href="{_site_href(e.id, "index.html")}">{escape(e.title)}</a>'
        if e.error is None
        else f"{escape(e.title)} <em>(failed: {escape(e.error)})</em>"
    )
    source = (
        f' · <a href="{escape(e.url)}" rel="noopener">source</a>'
        if e.url and e.url.startswith(("http://", "https://"))
        else ""
    )
    return f"<li>{picture}<span>{link}{date}{source}</span></li>"


def _map(ranked: list) -> str:
    most = max((len(spot.articles) for _, spot in ranked), default=1)
    lines = [f'<line x1="0" y1="{y}" x2="{WIDTH}" y2="{y}"/>' for y in range(0, HEIGHT + 1, HEIGHT // 6)]
    lines += [f'<line x1="{x}" y1="0" x2="{x}" y2="{HEIGHT}"/>' for x in range(0, WIDTH + 1, WIDTH // 12)]
    circles = []
    for n, (_, spot) in reversed(list(enumerate(ranked))):  # the biggest drawn last, on top
        x = (spot.lon + 180) / 360 * WIDTH
        y = (90 - spot.lat) / 180 * HEIGHT
        r = 2 + 14 * math.sqrt(len(spot.articles) / most)
        count = len(spot.articles)
        label = f"{spot.name}: {count} article{'s' if count > 1 else ''}"
        circles.append(
            f'<a href="#place-{n}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{escape(label)}</title></circle></a>'
        )
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="The places of the archive">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" class="sea"/><g class="grid">{"".join(lines)}</g>'
        f'<g class="places">{"".join(circles)}</g></svg>'
    )


def _place(n: int, spot: _Spot, titles: dict[str, str]) -> str:
    items = "".join(f'<li><a href="{_site_href(i, "index.html")}">{escape(titles[i])}</a></li>' for i in spot.articles)
    return f'<section id="place-{n}"><h3>{escape(spot.name)} ({len(spot.articles)})</h3><ul>{items}</ul></section>'


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The archive's maps</title>
<style>
body {{ font: 16px/1.4 system-ui, sans-serif; margin: 1rem auto; max-width: 70rem; padding: 0 1rem; }}
svg {{ width: 100%; height: auto; }}
.sea {{ fill: #eef3f7; }} .grid line {{ stroke: #d0dbe4; stroke-width: 1; }}
.places circle {{ fill: rgba(200, 60, 40, .55); stroke: #fff; stroke-width: 1; }}
.places a:hover circle, .places a:focus circle {{ fill: #c83c28; }}
ul.articles {{ list-style: none; padding: 0; }} ul.articles li {{ display: flex; gap: .75rem; align-items: center; margin: .5rem 0; }}
time {{ color: #555; margin-left: .5rem; }}
</style>
</head>
<body>
<h1>The archive's maps</h1>
<p>{count} articles, {places} places. Each circle is a place, sized by how many articles name it.</p>
{map}
<h2>Articles</h2>
<ul class="articles">
{articles}
</ul>
<h2>Places</h2>
{index}
</body>
</html>
"""
