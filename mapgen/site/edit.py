"""The editor's view of a map: edit.html, written beside the site and linked from none of its pages.

Each marker's popup lists the place's runners-up; choosing one, dropping the
place or dragging its marker rewrites a corrections file (mapgen.corrections)
that the page offers to download. Building again with that file gives the
corrected site. The page works from disk: templates/edit.js, which edit.html
holds, does it all in the browser, from the JSON this module puts in the page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

from .assets import content_security_policy, safe_script, tile_hosts
from ..corrections import Corrections, describe, entries, spot_of, spot_toml
from ..geo import distance_km
from ..model import Article, Candidate, Place
from .render import script_json
from .resources import templates
from ..visible import visible

EDIT_PAGE = "edit.html"


def corrections_file_name(source: str) -> str:
    """The name under which the page saves the file: the one mapgen picks up beside the article."""
    return Path(source).with_suffix(".mapgen.toml").name if source != "-" else "article.mapgen.toml"


def edit_page(
    article: Article,
    places: list[Place],
    corrections: Corrections,
    basemap: dict,
    loaded: dict,
    areas: Callable[[Candidate], str | None] | None = None,
) -> dict:
    """The template context of edit.html: the scripts and styles the site's pages load
    (`loaded`, world.js of the vector basemap among them) with the editor's own inlined,
    under a Content-Security-Policy as strict as theirs; the basemap; and the places with
    their runners-up and the corrections they were found with. `areas` names a place's admin
    area ('Leinster', not the code 'L'), as lookup.area_of does."""
    named = areas or (lambda candidate: None)
    file = corrections_file_name(article.source)
    data = {
        "basemap": basemap,
        "file": file,
        "header": [  # the names escaped: a newline in a file's name would start a live TOML line
            f"# Corrections for {visible(Path(article.source).name)}, written by mapgen's edit page.",
            f"# Save it beside the article as {visible(file)} (or name it with --corrections) and build again.",
        ],
        "corrections": entries(corrections),
        "places": [_place(p, named) for p in places],
    }
    ours = templates()
    loaded = {
        **loaded,
        "inline_styles": [*loaded["inline_styles"], Markup(ours.joinpath("edit.css").read_text("utf-8"))],
        "inline_scripts": [*loaded["inline_scripts"], Markup(safe_script(ours.joinpath("edit.js").read_text("utf-8")))],
    }
    start = 'mapgenEdit.start(JSON.parse(document.getElementById("mapgen-data").textContent));'
    return {
        "language": article.language,
        "theme": "light",
        "title": f"Edit the map of {Path(article.source).name}",
        "file": data["file"],
        "map": {
            "div": Markup('<div id="mg-edit-map" class="mg-edit-map"></div>'),
            "script": Markup(start),
            "data": Markup(script_json(data)),
        },
        "csp": content_security_policy(loaded, [start], tile_hosts(basemap.get("url", ""))),
        **loaded,
    }


def _place(place: Place, area: Callable[[Candidate], str | None]) -> dict:
    chosen = place.chosen
    return {
        "name": place.renamed_from or place.name,  # as the article writes it: a correction names it so
        "shown": place.name,
        "chosen": describe(chosen, area(chosen)),
        "label": chosen.name,
        "kind": place.kind,
        "confidence": place.confidence,
        "origin": place.origin,
        "lat": round(chosen.lat, 5),
        "lon": round(chosen.lon, 5),
        "runners_up": [_runner_up(chosen, other, area(other)) for other in place.runners_up],
    }


def _runner_up(chosen: Candidate, other: Candidate, area: str | None) -> dict:
    away = distance_km(chosen.lat, chosen.lon, other.lat, other.lon)
    return {
        "place": describe(other, area),
        "what": f"{describe(other, area)}, {away:,.0f} km away",
        "pin": spot_toml(spot_of(other)),
        "lat": round(other.lat, 5),
        "lon": round(other.lon, 5),
    }
