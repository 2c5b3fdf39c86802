"""Where the map opens: on the places the story happens in, not on every mention.

A story about Mosul that quotes Washington once should open on Mosul. The
story's centre is the place closest, by mentions, to all the others; the places
within a radius of it set the first view, and the rest are far: the page points
at them from the edge of the map. Countries frame the view only when nothing
finer is named, since their shapes are drawn anyway, and a state written only
as a town's qualifier ("PARIS, Texas", "Hugo, Oklahoma") never does: a local
story opens on its towns, not on Texas. A person's corrections
file has the last word: places it marks as the story's focus are the ones the
view is set on, and places it marks as context never set it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer.natural_features import is_feature
from ..geo import distance_km
from ..model import Mention, Place

MIN_RADIUS_KM = 1000.0  # a story's area is never cut tighter than this
SPREAD = 2.5  # the radius, as a multiple of the typical place's distance from the centre


@dataclass(frozen=True)
class View:
    """The first view's bounds, south-west then north-east, and the places left out of it."""

    bounds: list[list[float]]
    far: frozenset[int]  # indexes into the places


def story_view(places: list[Place]) -> View | None:
    """The story's area and its far places; None when there is no place."""
    if not places:
        return None
    marked = [k for k, p in enumerate(places) if p.role == "focus"]
    framing = [k for k, p in enumerate(places) if p.role != "context"] or list(range(len(places)))
    towns = [m for p in places if p.kind == "place" for m in p.mentions]
    finer = [
        k
        for k in framing
        if places[k].kind != "country"
        and not is_feature(places[k].chosen)  # a lake or a river frames no more than a country does
        and not all(_qualifies(m, towns) for m in places[k].mentions)
    ]
    focus = marked or finer or framing
    weight = {k: len(places[k].mentions) or 1 for k in focus}
    centre = min(focus, key=lambda i: sum(weight[j] * distance(places[i], places[j]) for j in focus))
    away = {k: distance(places[centre], places[k]) for k in range(len(places))}
    radius = max(MIN_RADIUS_KM, SPREAD * weighted_median([(away[k], weight[k]) for k in focus]))
    near = sorted({k for k in focus if away[k] <= radius} | set(marked))  # a marked focus is always in view
    far = frozenset(k for k in range(len(places)) if away[k] > radius and k not in near)
    lats = [places[k].chosen.lat for k in near]
    lons = [places[k].chosen.lon for k in near]
    return View([[min(lats), min(lons)], [max(lats), max(lons)]], far)


_AFTER_A_TOWN = re.compile(r"\s*[,(]\s*")


def _qualifies(mention: Mention, towns: list[Mention]) -> bool:
    """Whether the mention stands right after a town's, after a comma or a bracket."""
    return any(
        t.end <= mention.start and (words := mention.words_since(t)) is not None and _AFTER_A_TOWN.fullmatch(words)
        for t in towns
    )


def distance(a: Place, b: Place) -> float:
    return distance_km(a.chosen.lat, a.chosen.lon, b.chosen.lat, b.chosen.lon)


def weighted_median(values: list[tuple[float, int]]) -> float:
    """The value below which half the weight lies."""
    ordered = sorted(values)
    half, seen = sum(w for _, w in ordered) / 2, 0
    for value, w in ordered:
        seen += w
        if seen >= half:
            return value
    return ordered[-1][0]
