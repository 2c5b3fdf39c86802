"""Where the map opens: on the places the story happens in, not on every mention.

A story about Mosul that quotes Washington once should open on Mosul. The
story's centre is the place closest, by mentions, to all the others; the places
within a radius of it set the first view, and the rest are far: the page points
at them from the edge of the map. Countries frame the view only when nothing
finer is named, since their shapes are drawn anyway; a state, a region or a
continent named beside the story's towns does not stretch the box its towns
set unless the story is about areas (_framers), and a state written only
as a town's qualifier ("PARIS, Texas", "Hugo, Oklahoma") never does: a local
story opens on its towns, not on Texas. A person's corrections
file has the last word: places it marks as the story's focus are the ones the
view is set on, and places it marks as context never set it.

A local story is then framed as a desk frames it, on its cluster, where the
1000 km a world story needs would let one stray stretch a county map to a
state (_cluster): the sure places within LOCAL_RADIUS_KM of their own centre
(two towns at least) are the view, and a flagged place is in it only where their frame already
holds it (a marker the resolver flags is a guess: a wrong namesake 300 km
off must not pull the frame); the rest get pointers. Where that is no local
story, the wide rule stands: more than a quarter of the sure places lie
farther off (a regional story, not a cluster with strays), the frame would
not be local, or the cluster carries no more than half the mentions (much of
the story is flagged). A wide frame keeps its flagged places within the
radius, as a doubtful town 35 km out of a regional view is better drawn than
pointed at. benchmarks/local_framing.py lists what this changes on the dev sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer.natural_features import feature_of, is_feature
from ..geo import distance_km
from ..model import Mention, Place

MIN_RADIUS_KM = 1000.0  # a story's area is never cut tighter than this, unless its places lie close together
SPREAD = 2.5  # the radius, as a multiple of the typical place's distance from the centre
LOCAL_KM = 300.0  # a view whose diagonal is shorter than this is a local story's: framed tight, with an inset
LOCAL_RADIUS_KM = 200.0  # a local cluster's radius: what lies farther from its centre is pointed at
OUTLIERS = 0.25  # at most this share of a cluster's sure places may lie outside it
REACH_KM = {"region": MIN_RADIUS_KM, "continent": 3 * MIN_RADIUS_KM}  # how far a shapeless wide area reaches


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
    framers = _framers(places, finer, set(marked))
    weight = {k: len(places[k].mentions) or 1 for k in focus}
    centre = min(focus, key=lambda i: sum(weight[j] * distance(places[i], places[j]) for j in focus))
    away = {k: distance(places[centre], places[k]) for k in range(len(places))}
    radius = max(MIN_RADIUS_KM, SPREAD * weighted_median([(away[k], weight[k]) for k in focus]))
    near = {k for k in focus if away[k] <= radius} | set(marked)  # a marked focus is always in view
    cluster, held = _cluster(places, near, weight, set(marked), framers) or (near, set())
    far = frozenset(k for k in range(len(places)) if k not in cluster | held and (k in focus or away[k] > radius))
    return View(_bounds(places, (cluster & framers) or cluster), far)


def _framers(places: list[Place], finer: list[int], marked: set[int]) -> set[int]:
    """The places whose points may set the frame's box: all of the story's, but where its sure towns are
    named more often than its areas (states, regions, continents) the story is the towns', and an
    area named beside them is context: it still counts where the story is (its centre, its cluster), but
    its label point, no place the story happens at, does not stretch the box; the page draws it around
    the towns where it holds them and points at it where it lies outside the view."""
    towns = [k for k in finer if places[k].kind == "place"]
    sure = sum(len(places[k].mentions) or 1 for k in towns if not places[k].low_confidence)
    areas = sum(len(places[k].mentions) or 1 for k in finer if places[k].kind != "place")
    if sure <= areas:
        return set(range(len(places)))
    return {k for k, p in enumerate(places) if p.kind == "place"} | marked


def _cluster(
    places: list[Place], near: set[int], weight: dict[int, int], marked: set[int], framers: set[int]
) -> tuple[set[int], set[int]] | None:
    """A local story's places in view: its sure places within LOCAL_RADIUS_KM of their own centre, and
    the flagged ones their frame already holds; with the states and countries left out that hold it
    (where the story is, drawn as their shapes around it, not places out of view). None where that is
    no local story: more than an OUTLIERS share of the sure places lie farther off (a regional story,
    not a cluster with a few strays), the frame would span LOCAL_KM or more, or its places carry no more
    than half the mentions (much of the story is flagged: its sure places are not surely where it happens);
    None too where nothing is cut."""
    sure = [k for k in near if k in marked or not places[k].low_confidence]
    if sum(places[k].kind == "place" for k in sure) < 2:  # one sure town, or areas alone, make no cluster
        return None
    centre = min(sure, key=lambda i: sum(weight[j] * distance(places[i], places[j]) for j in sure))
    away = {k: distance(places[centre], places[k]) for k in near}
    cluster = {k for k in sure if away[k] <= LOCAL_RADIUS_KM} | marked
    held = {k for k in near - cluster if holds_story(places[k], [places[j] for j in cluster])}
    if len(set(sure) - cluster - held) > OUTLIERS * len(sure):
        return None
    box = _bounds(places, (cluster & framers) or cluster)
    cluster |= {k for k in near - held if away[k] <= LOCAL_RADIUS_KM and _inside(places[k], box)}
    story = 2 * sum(weight.get(k, 1) for k in cluster) > sum(weight.get(k, 1) for k in near)
    return (cluster, held) if cluster != near and story and is_local(box) else None


def is_local(bounds: list[list[float]]) -> bool:
    (south, west), (north, east) = bounds
    return distance_km(south, west, north, east) < LOCAL_KM


def holds_story(place: Place, near: list[Place]) -> bool:
    """Whether a country or region of the article is where the story's places in view are."""
    c = place.chosen
    if place.kind == "country":
        return any(n.chosen.country == c.country for n in near if n.chosen is not c)
    if place.kind == "region" and c.admin1 and not c.admin2:
        return any(n.chosen.country == c.country and n.chosen.admin1 == c.admin1 for n in near if n.chosen is not c)
    return False


def around_story(place: Place, near: list[Place]) -> bool:
    """Whether an area of the article is around the story's places in view, so that the page points
    at it from no edge: one that holds them, or a region of no country (the Middle East, the Sahel)
    or a continent, which has no shape to tell, within its REACH_KM of one of their towns, or a lake,
    sea or river whose box holds one of them (Lake Michigan beside Chicago: the basemap draws it in
    view, while its label point lies to the north). Not
    weighed by the framing, which holds to what the data tells (holds_story)."""
    if holds_story(place, near):
        return True
    if _water_holds(place, near):
        return True
    reach = REACH_KM.get(place.chosen.feature)
    return reach is not None and any(distance(place, n) <= reach for n in near if n.kind == "place")


def _water_holds(place: Place, near: list[Place]) -> bool:
    feature = feature_of(place.chosen)
    if feature is None:
        return False
    south, west, north, east = feature.bbox
    return any(
        south <= n.chosen.lat <= north and west <= n.chosen.lon <= east
        for n in near
        if n.kind == "place" and n.chosen is not place.chosen
    )


def _bounds(places: list[Place], ks: set[int]) -> list[list[float]]:
    lats = [places[k].chosen.lat for k in ks]
    lons = [places[k].chosen.lon for k in ks]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _inside(place: Place, bounds: list[list[float]]) -> bool:
    (south, west), (north, east) = bounds
    return south <= place.chosen.lat <= north and west <= place.chosen.lon <= east


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
