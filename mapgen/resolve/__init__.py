"""Decide which real place each name of the article stands for.

Every candidate the gazetteer offers gets its evidence (evidence.py): what it
is and how many live there, a hint in brackets or after a comma ("Mossoul
(Irak)", "Paris, Texas"), the countries and areas the article names, how close
it lies to the article's other places. The scorer (scorer.py) weighs it with
weights fit on annotated articles into the probability that the name stands
for that place, beside the chance that it stands for none. All mentions of one
name share one answer (one sense per article). A name is dropped when even its
best place is too unlikely: a town of three thousand that nothing in the
article points to is more likely a word that happens to be a place name.
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import islice

from ..errors import NearPlaceError, NothingSure
from ..geo import distances_km
from ..geocode import PlaceIndex
from ..labels import DEMONYM_LABEL, FRAME_LABEL, IN_NAME_LABEL, NOT_MARKED
from ..lookup import candidates
from ..model import Article, Candidate, Mention, Place
from ..names import name_key
from .evidence import (
    NAMESAKES_ONE_ANSWER_KM,
    NO_CONTEXT,
    Context,
    Evidence,
    Name,
    candidate_evidence,
    evidence_of,
    same_spot_town,
)
from .grouping import group_names
from .neighbours import neighbour_cells
from .scorer import Weights, default_weights, probabilities

__all__ = ["Evidence", "ScoredName", "home_place", "place_of", "resolve", "scored_names", "vetoed"]

# Countries, continents and regions need no support, however few live there:
# the Vatican is no word that happens to be a place name.
WELL_KNOWN = frozenset({"country", "continent", "region"})

# Only places settled with this confidence lend their position to others.
SETTLED_CONFIDENCE = 0.5
# Places this likely lend their country and area to the next pass, though too
# unsure to be shown: the Tarn vouches for its communes, and they for it.
CONTEXT_CHANCE = 0.25


@dataclass(frozen=True)
class ScoredName:
    """One name of the article with every candidate's evidence and probability, best first."""

    name: Name
    scored: tuple[tuple[float, Evidence, tuple[str, ...], Candidate], ...]  # probability, evidence, reasons


def resolve(
    article: Article,
    mentions: list[Mention],
    geocoder: PlaceIndex,
    *,
    weights: Weights | None = None,
    near: tuple[str, ...] = (),
    pinned: Mapping[str, Candidate] | None = None,
) -> list[Place]:
    """One Place per name that resolves, in order of first mention.

    `near` names the newsroom's home region ("Alexandria, Louisiana"): places
    in its state or beside it win where the article gives no other anchor.
    `pinned` (by names.name_key) comes from a person's corrections file: those
    names take their candidate for certain, and are evidence from the first pass.
    """
    weights = weights or default_weights()
    homes = frozenset(home_place(text, geocoder, weights) for text in near)
    fixed = _pinned_places(pinned or {}, mentions)
    scored = scored_names(article, mentions, geocoder, weights, homes=homes, pinned=fixed)
    places = [place for name in scored if (place := place_of(name, weights))]
    if fixed:
        return sorted([*fixed, *places], key=lambda p: p.mentions[0].start)
    if not places:
        # An article that names places the gazetteer holds gets a map: the likeliest
        # name NER called a place, with the low confidence the page shows, rather
        # than an empty one. Words it did not call so, or buildings after an
        # article ("la Maison Blanche"), stay off; failing those, the town that
        # opens an organisation's name ("the Winnipeg Fire Paramedic Service").
        sure = [name for name in scored if not (name.scored[0][1].unsure_label or name.scored[0][1].after_article)]
        # those towns, as organisations' names, with the frames and demonyms for context
        towns_in_names = [
            replace(m, label="ORG") if m.label == IN_NAME_LABEL else m for m in mentions if m.label in NOT_MARKED
        ]
        places = _likeliest(sure, weights) or _likeliest(
            scored_names(article, towns_in_names, geocoder, weights),
            weights,
            "named only in an organisation's name, and the article names no other place",
        )
    if not places and scored:
        _warn_nothing_sure(scored)
    elif not places:
        _warn_nothing_known(mentions)
    return places


def _likeliest(scored: list[ScoredName], weights: Weights, why: str = "") -> list[Place]:
    """The likeliest of the names as the map's one place, however unsure."""
    likeliest = max(scored, key=_chance, default=None)
    place = likeliest and place_of(likeliest, replace(weights, keep_above=0.0))
    if not place:
        return []
    return [replace(place, reasons=(*place.reasons, why)) if why else place]


def _warn_nothing_known(mentions: list[Mention]) -> None:
    """An empty map says why, where no name the article gives is one the gazetteer holds."""
    unknown = list(dict.fromkeys(m.text for m in mentions if m.label not in NOT_MARKED))
    said = (
        f"it names {', '.join(unknown[:3])}, which the gazetteer does not hold; "
        "an online geocoder may know them (--geocoder nominatim)"
        if unknown
        else "no place name was found in it"
    )
    warnings.warn(NothingSure(f"no place to map: {said}"), stacklevel=3)


def _warn_nothing_sure(scored: list[ScoredName]) -> None:
    """An empty map says why: the names the article gives, and the likeliest place of each."""
    likeliest = sorted(scored, key=lambda s: -s.scored[0][0])[:3]
    named = ", ".join(
        f"{s.name.mentions[0].text} → {s.scored[0][3].name} ({s.scored[0][3].country or s.scored[0][3].feature}, "
        f"{s.scored[0][0]:.2f})"
        for s in likeliest
    )
    warnings.warn(
        NothingSure(
            f"no place is sure enough to map; the likeliest: {named}. "
            "Pin the right one in a corrections file (see mapgen places --review)"
        ),
        stacklevel=3,
    )


def _pinned_places(pinned: Mapping[str, Candidate], mentions: list[Mention]) -> list[Place]:
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.label not in NOT_MARKED and name_key(mention.name) in pinned:
            by_key[name_key(mention.name)].append(mention)
    return [
        Place(group[0].text, pinned[key], 1.0, tuple(group), reasons=("pinned by a corrections file",), origin="pinned")
        for key, group in by_key.items()
    ]


def home_place(text: str, geocoder: PlaceIndex, weights: Weights) -> Candidate:
    """The place --near names, read as a one-line article: "Alexandria, Louisiana"."""
    head = text.split(",")[0].strip()
    mention = Mention(head, 0, len(head), text, 0, "GPE")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NothingSure)  # a --near that resolves to nothing is an error of its own
        places = resolve(Article(text, "en", "--near"), [mention], geocoder, weights=weights) if head else []
    if not places:
        raise NearPlaceError(f"--near '{text}': no such place in the gazetteer")
    return places[0].chosen


def scored_names(
    article: Article,
    mentions: list[Mention],
    geocoder: PlaceIndex,
    weights: Weights,
    *,
    homes: frozenset[Candidate] = frozenset(),
    pinned: list[Place] | None = None,
) -> list[ScoredName]:
    """Every name with its candidates weighed, as the last of three passes sees them.

    The first pass, on priors alone, finds the countries and areas the article
    names; the second weighs every name with them; the third adds the pull of
    the places the second settled. Places settled on priors alone would vouch
    for each other: Norfolk and Suffolk of Virginia, in an article that names
    the United Kingdom.
    """
    demonyms = frozenset(
        country for m in mentions if m.label == DEMONYM_LABEL and (country := geocoder.demonym_country(m.text))
    )
    frames = frozenset(area for m in mentions if m.label == FRAME_LABEL and (area := _frame_area(m, geocoder)))
    fixed = pinned or []
    taken = {name_key(p.name) for p in fixed}
    names = group_names(
        article,
        [m for m in mentions if m.label not in NOT_MARKED and name_key(m.name) not in taken],
        geocoder,
        mentions,
    )
    cells = neighbour_cells((name.key, name.candidates) for name in names)
    owns = [tuple(candidate_evidence(c, name, cells) for c in name.candidates) for name in names]  # every pass's
    first = _context(fixed, demonyms, frames, True) if fixed else NO_CONTEXT
    first = replace(first, homes=homes, cells=cells)
    scored = [_weigh(name, own, first, weights) for name, own in zip(names, owns, strict=True)]
    lending = replace(weights, keep_above=CONTEXT_CHANCE)
    for with_neighbours in (False, True):
        places = [place for s in scored if (place := place_of(s, lending))]
        context = replace(_context(places, demonyms, frames, with_neighbours, fixed), homes=homes, cells=cells)
        scored = [_weigh(name, own, context, weights) for name, own in zip(names, owns, strict=True)]
    return scored


def _frame_area(mention: Mention, geocoder: PlaceIndex) -> Candidate | None:
    """The state that opens an organisation's name: "Massachusetts State Police"."""
    return next((c for c in candidates(geocoder, mention.name) if c.feature == "admin"), None)


def _context(
    places: list[Place], demonyms: frozenset, frames: frozenset, with_neighbours: bool, pinned: Sequence[Place] = ()
) -> Context:
    """What the places settled so far say; pinned places say it from the first pass, their spot included."""
    places = [*pinned, *places]
    return Context(
        # an area within one country names it too: England or Texas, their country
        countries=frozenset(
            (name_key(p.name), p.chosen.country)
            for p in places
            if p.chosen.feature in ("country", "region", "admin") and p.chosen.country
        ),
        admin_areas=frozenset((name_key(p.name), p.chosen) for p in places if p.chosen.feature == "admin"),
        settled=tuple(
            (name_key(p.name), p.chosen)
            for p in places
            if (with_neighbours or p.origin == "pinned")
            and p.chosen.feature in ("city", "admin")
            and p.confidence >= SETTLED_CONFIDENCE
        ),
        demonym_countries=demonyms,
        frame_areas=frames,
        by_sentence=frozenset(
            (name_key(p.name), p.chosen.country, m)
            for p in places
            if p.chosen.feature in ("country", "region", "admin") and p.chosen.country
            for m in p.mentions
        ),
    )


def _weigh(name: Name, owns: tuple, context: Context, weights: Weights) -> ScoredName:
    """The name's candidates weighed in the context; `owns` is each one's candidate_evidence."""
    weighed = []
    for c, (evidence, reasons) in zip(name.candidates, evidence_of(name, context, owns), strict=True):
        score = -math.inf if vetoed(name, evidence) else weights.score(evidence)
        weighed.append((score, evidence, tuple(reasons), c))
    chances = probabilities([score for score, *_ in weighed])
    ranked = sorted(
        ((p, evidence, reasons, c) for p, (_, evidence, reasons, c) in zip(chances, weighed, strict=True)),
        key=lambda item: (-item[0], -item[3].population, str(item[3].geonameid)),
    )
    return ScoredName(name, tuple(ranked))


def vetoed(name: Name, evidence: Evidence) -> bool:
    """A loose spelling match stands only where the article points to the
    place: a hint, an area it names, or a settled place within one fading
    distance. (A town's other or historic name that a namesake elsewhere bears
    as its own, "Salisbury" for Harare, is only weighed down: a hard rule cost
    the exonyms "Londres", "Moscú" and "Ginebra" on fr-dev and es-dev.)"""
    points_there = evidence.hinted or evidence.in_named_country or evidence.in_named_area
    return name.loose and not (points_there or evidence.near_settled > math.exp(-1))


def place_of(scored: ScoredName, weights: Weights) -> Place | None:
    """The name's place, or None when it is too unlikely to be a place at all; a
    name split between namesakes is shown, with the low confidence of its best."""
    best_chance, _, _, best = scored.scored[0]
    a_place = sum(p for p, *_ in scored.scored)  # the chance that the name is one of its candidates at all
    if best_chance <= 0.0 or (a_place < weights.keep_above and best.feature not in WELL_KNOWN):
        return None
    # An area and its town of the same name at the same spot are one answer; the map shows the town, a point
    # ("la ville de Valence"), with the chance of both.
    shown = next((item for item in scored.scored if same_spot_town(best, item[3]) and item[0] > 0), scored.scored[0])
    confidence = round(weights.calibrated(_chance(scored), shown[1]), 3)  # always within 0..1
    return Place(
        name=scored.name.mentions[0].text,
        chosen=shown[3],
        confidence=confidence,
        mentions=scored.name.mentions,
        runners_up=tuple(islice((c for *_, c in scored.scored if c != shown[3]), 3)),
        reasons=shown[2],
        evidence=shown[1],
        check=why_check(confidence, shown[1], weights) if confidence < weights.check_below else None,
    )


def _chance(scored: ScoredName) -> float:
    """The model's probability that the marker stands where it should: that the
    name is a place and this candidate's spot, its own chance with that of
    namesakes at the same spot (Valencia the city and Valencia the province are
    one answer on a map)."""
    best = scored.scored[0][3]
    away = distances_km(best.lat, best.lon, [(c.lat, c.lon) for *_, c in scored.scored])
    return sum(p for (p, *_), km in zip(scored.scored, away, strict=True) if km <= NAMESAKES_ONE_ANSWER_KM)


def one_per_place(places: list[Place]) -> list[Place]:
    """Places that resolved to the same real place ("U.S." and "United States")
    as one: named as the article first wrote it, with every mention."""
    merged: dict[tuple, Place] = {}
    for place in places:
        c = place.chosen
        key = (c.geonameid,) if c.geonameid is not None else (c.name, c.lat, c.lon)
        first = merged.get(key)
        if first is None:
            merged[key] = place
            continue
        mentions = tuple(sorted(first.mentions + place.mentions, key=lambda m: m.start))
        merged[key] = replace(first, confidence=max(first.confidence, place.confidence), mentions=mentions)
    return list(merged.values())


# What makes a marker doubtful on real news, in words a desk can act on, strongest first.
_DOUBTS = (
    ("in_institution", "named inside an institution's name: is the place itself meant?"),
    ("named_person", "read as a person's name: is it a place?"),
    ("runs_into_name", "run into another name (a club's, a firm's, a person's): is the place itself meant?"),
    ("unsure_label", "not read as a place by the recogniser: is it one?"),
    ("from_gazetteer", "found only as capitalised words: is it a place?"),
    ("far_from_settled", "far from the article's other places: is it this namesake?"),
    ("loose", "spelled unlike any name of the place: is it this one?"),
)


# far_from_settled is a log-distance over half the Earth's round: past 0.7, some 1,000 km from every other place
_DOUBT_FROM = {"far_from_settled": 0.7}


def why_check(confidence: float, evidence: Evidence, weights: Weights) -> str:
    """The line a desk reads for a marker under the check line: its first doubt, and how sure mapgen is."""
    doubt = next(
        (words for field, words in _DOUBTS if getattr(evidence, field) > _DOUBT_FROM.get(field, 0.5)),
        "is it the right place?",
    )
    return f"{doubt} (confidence {confidence:.2f}, under {weights.check_below:.2f})"
