"""Build the Leaflet map of an article's places with folium.

folium makes the map and its view (folium_map.py, which keeps what it wrote);
the places and the basemap come as one folium element of our own whose script
draws them from JSON with DOM calls, so no text of the article is ever spliced
into HTML or JavaScript source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .admin1 import Area, lines_for, shapes_for
from .basemap import FINE_SHARP_ZOOM, kept_territory_names, sharpest_zoom
from .cities import orientation_cities, with_nearest_city
from .fine_land import with_fine_land
from .folium_map import map_html
from .framing import View, around_story, holds_story, is_local, story_view
from .jsontext import script_json
from .water import water_near
from .world import decode
from ..model import Article, Place

# The closest the first view comes, with a town among the places, and with only areas.
CITY_ZOOM = 8
AREA_ZOOM = 5


@dataclass(frozen=True)
class MapHtml:
    """What the page templates need of the map: its element and its script."""

    div: str
    script: str
    data: str  # the places and basemap, as JSON safe to put inside <script>
    far: tuple[str, ...] = ()  # the places outside the story's area, which the first view leaves out
    shaped: frozenset[int] = frozenset()  # the areas below the country level drawn as their shapes
    spec: dict | None = None  # the data before it became JSON, for map.svg (svgmap.py)


def build_map(article: Article, places: list[Place], basemap: dict, words: dict) -> MapHtml:
    """The folium map and the data mapgen.js draws on it, as HTML fragments for the templates.

    The first view is set by mapgen.js, before any layer is added, so no tile
    of folium's default world view is ever asked for.

    `basemap` is a spec from basemap.py; `words` the page's language's
    words for the map ("low" confidence, the "wheel" hint).
    """
    view = story_view(places)
    shapes = shapes_for([p.chosen for p in places])
    if view and basemap.get("world"):  # the vector basemap, which shows no town of its own
        view = replace(view, bounds=with_nearest_city(view.bounds, places))
        view = replace(view, bounds=with_local_areas(view, places, shapes))
    basemap = with_fine_land(basemap, view, places)
    world = basemap.get("maxBounds")
    # folium gives min_zoom and max_zoom to its own tile layer only; the map takes them as options.
    zooms = {"minZoom": basemap["minZoom"], "maxZoom": basemap["maxZoom"]}
    if "zoomSnap" in basemap:
        zooms["zoomSnap"] = basemap["zoomSnap"]
    div, script = map_html(
        {
            "location": None,
            "tiles": None,
            "zoom_control": True,
            "control_scale": False,  # mapgen.js adds a metric one
            "prefer_canvas": False,
            "world_copy_jump": False,
            "scroll_wheel_zoom": False,
            "attribution_control": False,  # the credits are the graphic's own line, under the map
            "max_bounds": bool(world),
            **(_bounds_arguments(world) if world else {}),
            **zooms,
        }
    )
    data: dict[str, object] = {
        "view": view and {"bounds": view.bounds, "maxZoom": fit_zoom(places, basemap)},
        "basemap": basemap,
        "words": {
            **{key: words[key] for key in ("low", "wheel", "close", "back", "more")},
            "colon": "\u202f: " if article.language == "fr" else ": ",
        },
        "places": [_place_data(p, article.language, shape) for p, shape in zip(places, shapes, strict=True)],
    }
    if view:
        near = [p for k, p in enumerate(places) if k not in view.far]
        for entry, place in zip(data["places"], places, strict=True):  # type: ignore[call-overload]
            if around_story(place, near):
                entry["around"] = True  # an area the view is inside: no pointer points at it
        if is_local(view.bounds):
            data["local"] = True
        if basemap.get("world"):
            water = water_near(view.bounds, is_local(view.bounds))
            if water:
                data["water"] = water
    if basemap.get("world") and view:  # the vector basemap: admin-1 lines of the story's countries, big cities
        data["adminLines"] = lines_for(
            [p.chosen.country for k, p in enumerate(places) if k not in view.far and p.chosen.country]
        )
        data["cities"] = orientation_cities(view.bounds, places, article.language)
    return MapHtml(
        div=div,
        script=script,
        data=script_json(data),
        far=tuple(places[k].name for k in sorted(view.far)) if view else (),
        shaped=frozenset(k for k, shape in enumerate(shapes) if shape),
        spec=data,
    )


def with_local_areas(view: View, places: list[Place], shapes: list[Area | None]) -> list[list[float]]:
    """A local story's bounds widened to the whole shape of each area the article names that holds the
    story and is itself local (the département of a fire, not the state of a county story): a desk
    shows the area whole, not cut at the frame's edge. Other bounds come back as they are."""
    if not is_local(view.bounds):
        return view.bounds
    near = [p for k, p in enumerate(places) if k not in view.far]
    (south, west), (north, east) = view.bounds
    for place, shape in zip(places, shapes, strict=True):
        if shape is None or not holds_story(place, near):
            continue
        points = [point for polygon in shape.rings for ring in polygon for point in decode(ring)]
        box = [
            [min(p[1] for p in points), min(p[0] for p in points)],
            [max(p[1] for p in points), max(p[0] for p in points)],
        ]
        if is_local(box):
            south, west, north, east = (
                min(south, box[0][0]),
                min(west, box[0][1]),
                max(north, box[1][0]),
                max(east, box[1][1]),
            )
    return [[south, west], [north, east]]


def fit_zoom(places: list[Place], basemap: dict) -> int:
    """How close fitting the map may come: a lone town shows its region, a lone
    country its neighbours, towns apart on a local or regional story's fine
    land as close as it holds, and never past the basemap's sharpest tiles."""
    towns = {(p.chosen.lat, p.chosen.lon) for p in places if p.kind == "place"}
    closest = CITY_ZOOM if towns else AREA_ZOOM
    if basemap.get("fine") and len(towns) > 1:
        closest = FINE_SHARP_ZOOM
    return min(closest, sharpest_zoom(basemap))


def _bounds_arguments(world: list[list[float]]) -> dict:
    (south, west), (north, east) = world
    return {"min_lat": south, "min_lon": west, "max_lat": north, "max_lon": east}


def _place_data(place: Place, language: str, shape: Area | None) -> dict:
    chosen = place.chosen
    return {
        **({"shape": {"at": shape.at, "rings": shape.rings}} if shape else {}),
        "name": place.name,
        "resolved": resolved_name(place, language),
        "country": country_name(chosen.country, language),
        "kind": place.kind,
        "code": chosen.country,
        "lat": round(chosen.lat, 5),
        "lon": round(chosen.lon, 5),
        "low": place.low_confidence,
        **({"check": place.check} if place.check else {}),
        "mentions": len(place.mentions),
        "quotes": quotes(place),
    }


def quotes(place: Place) -> list[dict]:
    """Each sentence that mentions the place once, with where in it the mentions stand."""
    by_sentence: dict[int, dict] = {}
    for m in place.mentions:
        quote = by_sentence.setdefault(m.sentence_start, {"text": m.sentence, "marks": []})
        quote["marks"].append([m.start - m.sentence_start, m.end - m.sentence_start])
    return [by_sentence[start] for start in sorted(by_sentence)]


_SMALL_WORDS = frozenset("de del des du la las le les los sur sous en et y of the upon on and am an der im".split())


def shown_name(place: Place, text: str) -> str:
    """The place's name as the map shows it: the article's spelling, but in
    title case where the article shouts it in a dateline ("MILLERSBURG" →
    "Millersburg"), and never an abbreviation alone ("Ont." → "Ontario") nor the
    tail of a longer name the article writes ("Lynn" for "King's Lynn")."""
    name, chosen = place.name, place.chosen.name
    if name.endswith(".") or (name.isupper() and len(name.replace(".", "")) <= 3 and place.kind == "region"):
        return chosen  # an abbreviation: the gazetteer's name says what it stands for
    if chosen != name and chosen.endswith(" " + name) and chosen in text:
        return chosen
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        if chosen.casefold() == name.casefold():
            return chosen
        found = re.search(re.escape(name), text, re.IGNORECASE)
        written = [m.group() for m in re.finditer(re.escape(name), text, re.IGNORECASE) if not m.group().isupper()]
        if found and written:
            return written[0]
        return _title_case(name)
    return name


def _title_case(name: str) -> str:
    """'CORDES-SUR-CIEL' → 'Cordes-sur-Ciel', "L'AQUILA" → "L'Aquila"."""
    parts = re.split(r"([\s\-'’]+)", name.lower())
    out = []
    for k, part in enumerate(parts):
        if k % 2 or not part:
            out.append(part)
        elif k > 0 and part in _SMALL_WORDS:
            out.append(part)
        else:
            out.append(part[0].upper() + part[1:])
    return "".join(out)


def resolved_name(place: Place, language: str) -> str:
    """The gazetteer's name, or for a country its name in the article's language."""
    if place.kind == "country":
        return country_name(place.chosen.country, language) or place.chosen.name
    return place.chosen.name


def country_name(code: str | None, language: str) -> str | None:
    """The country's name in the article's language ('IQ' → 'Irak' in French)."""
    if not code:
        return None
    return kept_territory_names(language).get(code, code)
