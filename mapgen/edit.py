"""The editor's view of a map: edit.html, written beside the site and linked from none of its pages.

Each marker's popup lists the place's runners-up; choosing one, dropping the
place or dragging its marker rewrites a corrections file (mapgen.corrections)
that the page offers to download. Building again with that file gives the
corrected site. The page works from disk: templates/edit.js, which edit.html
holds, does it all in the browser, from the JSON this module puts in the page.
Like the site's pages, it carries a Content-Security-Policy that lets in its
own scripts and styles by their hashes and nothing else.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from .assets import content_security_policy, safe_script, tile_hosts
from .corrections import Corrections, describe, entries, spot_of, spot_toml
from .geo import distance_km
from .model import Article, Candidate, Place
from .render import script_json
from .resources import templates

EDIT_PAGE = "edit.html"


def corrections_file_name(source: str) -> str:
    """The name under which the page saves the file: the one mapgen picks up beside the article."""
    return Path(source).with_suffix(".mapgen.toml").name if source != "-" else "article.mapgen.toml"


def edit_page(article: Article, places: list[Place], corrections: Corrections, basemap: dict, loaded: dict) -> dict:
    """The template context of edit.html: the site's own scripts and styles (`loaded`), the
    basemap, and the places with their runners-up and the corrections they were found with."""
    data = {
        "basemap": basemap,
        "file": corrections_file_name(article.source),
        "source": Path(article.source).name,
        "corrections": entries(corrections),
        "places": [_place(p) for p in places],
    }
    own = {
        **loaded,
        "inline_styles": [*loaded["inline_styles"], Markup(_text("edit.css"))],
        "inline_scripts": [*loaded["inline_scripts"], Markup(safe_script(_text("edit.js")))],
    }
    start = Markup('mapgenEdit.start(JSON.parse(document.getElementById("mapgen-data").textContent));')
    return {
        "language": article.language,
        "title": f"Edit the map of {Path(article.source).name}",
        "file": data["file"],
        "map": {
            "div": Markup('<div id="mg-edit-map" class="mg-edit-map"></div>'),
            "script": start,
            "data": Markup(script_json(data)),
        },
        "csp": content_security_policy(own, [start], tile_hosts(basemap.get("url", ""))),
        **own,
    }


def _text(name: str) -> str:
    return templates().joinpath(name).read_text("utf-8")


def _place(place: Place) -> dict:
    chosen = place.chosen
    return {
        "name": place.renamed_from or place.name,  # as the article writes it: a correction names it so
        "shown": place.name,
        "chosen": describe(chosen),
        "label": chosen.name,
        "kind": place.kind,
        "confidence": place.confidence,
        "origin": place.origin,
        "lat": round(chosen.lat, 5),
        "lon": round(chosen.lon, 5),
        "runners_up": [_runner_up(chosen, other) for other in place.runners_up],
    }


def _runner_up(chosen: Candidate, other: Candidate) -> dict:
    away = distance_km(chosen.lat, chosen.lon, other.lat, other.lon)
    return {
        "what": f"{describe(other)}, {away:,.0f} km away",
        "pin": spot_toml(spot_of(other)),
        "lat": round(other.lat, 5),
        "lon": round(other.lon, 5),
    }
