"""The editor's view of a map: edit.html, written beside the site and linked from none of its pages.

Each marker's popup lists the place's runners-up; choosing one, renaming,
marking as context or dropping the place, dragging its marker or adding a place
with a click on the map rewrites a corrections file (mapgen.corrections) that
the page offers to download. Saved beside the article, that file applies to
every later build, with or without --edit. The page works from disk, in the
article's language: templates/edit.js, which edit.html holds, does it all in
the browser, from the JSON this module puts in the page (the article's
sentences among it, for the quote of an added place).
"""

from __future__ import annotations

import hashlib
import re
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
from ..words import WORDS

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
    all_words = WORDS.get(article.language, WORDS["en"])
    words = {key[len("edit_") :]: value for key, value in all_words.items() if key.startswith("edit_")}
    title = words["title"].format(file=Path(article.source).name)
    data = {
        "words": words,
        "key": storage_key(article),
        "sentences": sentences(article.text),
        "basemap": basemap,
        "file": file,
        "header": [  # the names escaped: a newline in a file's name would start a live TOML line
            f"# Corrections for {visible(Path(article.source).name)}, written by mapgen's edit page.",
            f"# Save it beside the article as {visible(file)} (or name it with --corrections) and build again.",
        ],
        "corrections": entries(corrections),
        "places": [_place(p, named, words) for p in places],
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
        "title": title,
        "file": data["file"],
        "words": words,
        "map": {
            "div": Markup('<div id="mg-edit-map" class="mg-edit-map"></div>'),
            "script": Markup(start),
            "data": Markup(script_json(data)),
        },
        "csp": content_security_policy(loaded, [start], tile_hosts(basemap.get("url", ""))),
        **loaded,
    }


def storage_key(article: Article) -> str:
    """Where the page keeps the choices not yet downloaded (localStorage): by the article's
    file and text, so that a rebuild of the same article finds them and another article does not."""
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:16]
    return f"mapgen-edit:{Path(article.source).name}:{digest}"


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def sentences(text: str) -> list[str]:
    """The article's sentences, which the page offers as the quote of a place added by hand
    (a quote must be words of the article: applying.py refuses one it does not contain)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _place(place: Place, area: Callable[[Candidate], str | None], words: dict) -> dict:
    chosen = place.chosen
    return {
        "name": place.renamed_from or place.name,  # as the article writes it: a correction names it so
        "shown": place.name,
        "chosen": describe(chosen, area(chosen)),
        "label": chosen.name,
        "kind": place.kind,
        "role": place.role,
        "confidence": place.confidence,
        "origin": place.origin,
        "lat": round(chosen.lat, 5),
        "lon": round(chosen.lon, 5),
        "runners_up": [_runner_up(chosen, other, area(other), words) for other in place.runners_up],
    }


def _runner_up(chosen: Candidate, other: Candidate, area: str | None, words: dict) -> dict:
    away = distance_km(chosen.lat, chosen.lon, other.lat, other.lon)
    return {
        "place": describe(other, area),
        "what": words["away"].format(place=describe(other, area), km=f"{away:,.0f}"),
        "pin": spot_toml(spot_of(other)),
        "lat": round(other.lat, 5),
        "lon": round(other.lon, 5),
    }
