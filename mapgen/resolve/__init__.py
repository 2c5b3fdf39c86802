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
import re
import warnings
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..abbreviations import expand, readings
from ..errors import NearPlaceError, NothingSure
from ..extract import DATELINE_LABEL, DEMONYM_LABEL, FRAME_LABEL, LOOK_BEHIND, PLACE_LABELS
from ..geo import distance_km
from ..geocode import PlaceIndex, candidates
from ..model import Article, Candidate, Mention, Place
from ..names import initials, name_key
from .evidence import NAMESAKES_ONE_ANSWER_KM, NO_CONTEXT, Context, Evidence, Name, evidence_for, same_spot_town
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

# In French and Spanish, towns take no article ("à Paris", "en Madrid");
# countries and regions do ("la Syrie", "el Sahel"). A name that only ever
# follows one and is a town by the gazetteer is more likely a building or an
# institution: "la Maison Blanche" (the White House) is not the Paris quarter
# of that name. Names whose article is their own ("Le Havre", "La Paz") are
# kept whole by extract. English puts "the" before towns used as modifiers
# ("the Glasgow area"), so it is left out.
_DEFINITE_ARTICLE_BEFORE = {
    "fr": re.compile(r"(?:^|[^\w'’])(?:le|la|les|l['’])\s*$", re.IGNORECASE),
    "es": re.compile(r"(?:^|[^\w'’])(?:el|la|los|las)\s*$", re.IGNORECASE),
}

# "Decatur, Ill.", "WILMINGTON, N.C. (AP)", "Wilmington, NC": a state as news agencies abbreviate it
_ABBREVIATION_HINT = re.compile(r",\s*((?:[A-Z][a-z]{0,4}\.){1,3}|[A-Z]{2,3}\b)(?![\w.])")
_BRACKET_HINT = re.compile(r"\s*\(([^()]{2,40})\)")
_LIST_GOES_ON = re.compile(r",?\s+(?:and|or|et|ou|y|o|e|und)\s+[A-ZÀ-Þ]")
_COMMA_HINT = re.compile(r",\s*([A-ZÀ-Þ][\w.'’ -]{1,30}?)(?=[,.;:)]|\s+[a-zà-ÿ]|$)")


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
        # article ("la Maison Blanche"), stay off.
        sure = [name for name in scored if not (name.scored[0][1].unsure_label or name.scored[0][1].after_article)]
        likeliest = max(sure, key=_chance, default=None)
        fallback = likeliest and place_of(likeliest, replace(weights, keep_above=0.0))
        places = [fallback] if fallback else []
    if not places and scored:
        _warn_nothing_sure(scored)
    elif not places:
        _warn_nothing_known(mentions)
    return places


def _warn_nothing_known(mentions: list[Mention]) -> None:
    """An empty map says why, where no name the article gives is one the gazetteer holds."""
    unknown = list(dict.fromkeys(m.text for m in mentions if m.label not in (DEMONYM_LABEL, FRAME_LABEL)))
    said = (
        f"it names {', '.join(unknown[:3])}, which the gazetteer does not hold; "
        "an online geocoder may know them (--geocoder nominatim)"
        if unknown
        else "no place name was found in it (a town inside an organisation's name, "
        "as in 'the Springfield Police Department', is not read as a place)"
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
        if mention.label not in (DEMONYM_LABEL, FRAME_LABEL) and name_key(mention.name) in pinned:
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
    names = _group(
        article,
        [m for m in mentions if m.label not in (DEMONYM_LABEL, FRAME_LABEL) and name_key(m.name) not in taken],
        geocoder,
        mentions,
    )
    cells = neighbour_cells((name.key, name.candidates) for name in names)
    first = _context(fixed, demonyms, frames, True) if fixed else NO_CONTEXT
    first = replace(first, homes=homes, cells=cells)
    scored = [_weigh(name, first, weights) for name in names]
    for with_neighbours in (False, True):
        places = [place for s in scored if (place := place_of(s, replace(weights, keep_above=CONTEXT_CHANCE)))]
        context = replace(_context(places, demonyms, frames, with_neighbours, fixed), homes=homes, cells=cells)
        scored = [_weigh(name, context, weights) for name in names]
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
            (name_key(p.name), m.sentence_start, p.chosen.country)
            for p in places
            if p.chosen.feature in ("country", "region", "admin") and p.chosen.country
            for m in p.mentions
        ),
    )


def _group(
    article: Article, mentions: list[Mention], geocoder: PlaceIndex, every: Sequence[Mention] = ()
) -> list[Name]:
    """The mentions grouped by name, each name with its candidates and hints; `every` is all the
    article's mentions, demonyms and frames too, whose initials an abbreviation may be."""
    text, article_before = article.text, _DEFINITE_ARTICLE_BEFORE.get(article.language)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[name_key(mention.name)].append(mention)
    names = []
    for key, group in by_key.items():
        found = candidates(geocoder, group[0].name)
        if not found and any(m.label in PLACE_LABELS for m in group):
            found = candidates(geocoder, group[0].name, online=True)
        spelled_out = _initials_named(group[0].name, every, geocoder)
        found = [
            *found,
            *(
                c
                for full in readings(group[0].name)
                for c in candidates(geocoder, full)
                if c.feature == "admin" and name_key(c.name) == name_key(full)
            ),
            *(c for full in spelled_out for c in candidates(geocoder, full) if name_key(c.name) == name_key(full)),
        ]
        loose = not found
        if loose:
            found = candidates(geocoder, group[0].name, loose=True)
        if any(m.stands_for and expand(m.text, after_comma=True) == m.stands_for for m in group):
            found = [c for c in found if c.feature == "admin"] or found  # "Wash.", "Calif.": the state, not a town
        if any(m.label == DATELINE_LABEL for m in group):
            found = [c for c in found if c.feature == "city"] or found  # a dateline names a town
        if found:
            hints = tuple(h for m in group for h in _hints_after(text, m, geocoder))
            after_article = article_before is not None and all(
                article_before.search(text, max(0, m.start - LOOK_BEHIND), m.start) for m in group
            )
            names.append(
                Name(
                    key,
                    tuple(group),
                    tuple(found),
                    loose,
                    hints,
                    after_article,
                    readings=spelled_out,
                    in_language=_called_so(key, found, article.language, geocoder),
                )
            )
    return names


def _called_so(key: str, found: list[Candidate], language: str, geocoder: PlaceIndex) -> frozenset[int]:
    """The candidates whose name in the article's language is this one: a French "Pérou" is
    Peru by its own name there, not by one of its other names, as "Salisbury" is Harare."""
    return frozenset(
        c.geonameid
        for c in found
        if c.geonameid is not None
        and name_key(c.name) != key
        and name_key(geocoder.local_name(c.geonameid, language) or "") == key
    )


def _initials_named(name: str, every: Sequence[Mention], geocoder: PlaceIndex) -> tuple[str, ...]:
    """The countries, named in the article or whose people it names, of which two or three
    capitals are the initials: "SA" beside "South Africans" is South Africa."""
    if not (2 <= len(name) <= 3 and name.isalpha() and name.isupper()):
        return ()
    found: list[str] = []
    for m in every:
        if initials(m.text) != name or len(m.text.split()) < 2:
            continue
        if m.label == DEMONYM_LABEL:  # the country's name is the people's less an ending: South Africa(ns)
            code = geocoder.demonym_country(m.text)
            stems = [m.text[: len(m.text) - cut] for cut in range(4)]
            found.extend(
                c.name
                for stem in stems
                for c in candidates(geocoder, stem)
                if c.country == code and c.feature == "country"
            )
        else:
            found.extend(c.name for c in candidates(geocoder, m.name) if c.feature == "country")
    return tuple(dict.fromkeys(found))


def _hints_after(text: str, mention: Mention, geocoder: PlaceIndex) -> list[Candidate]:
    """Countries and admin areas written right after the mention, in brackets or after a comma;
    none where the words after the comma go on into a list: "stops in Washington, New York and
    Boston" is no Washington of New York State."""
    after_comma = _COMMA_HINT.match(text, mention.end)
    if after_comma and _LIST_GOES_ON.match(text, after_comma.end()):
        return []
    hints: list[Candidate] = []
    abbreviated = _ABBREVIATION_HINT.match(text, mention.end)
    full = abbreviated and expand(abbreviated.group(1), after_comma=True)
    if full:
        # the state, or where the gazetteer gives the name to a town alone ("D.C.", the District of Columbia),
        # that town, whose state is the hint's
        found = candidates(geocoder, full)
        return [c for c in found if c.feature == "admin"] or [c for c in found if c.feature == "city" and c.admin1]
    for match in (_BRACKET_HINT.match(text, mention.end), after_comma):
        if match:
            hints.extend(c for c in candidates(geocoder, match.group(1).strip()) if c.feature in ("country", "admin"))
    return hints


def _weigh(name: Name, context: Context, weights: Weights) -> ScoredName:
    weighed = []
    for c in name.candidates:
        evidence, reasons = evidence_for(c, name, context)
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
    return Place(
        name=scored.name.mentions[0].text,
        chosen=shown[3],
        confidence=round(weights.calibrated(_chance(scored), shown[1]), 3),  # always within 0..1
        mentions=scored.name.mentions,
        runners_up=tuple(c for *_, c in scored.scored if c != shown[3])[:3],
        reasons=shown[2],
        evidence=shown[1],
    )


def _chance(scored: ScoredName) -> float:
    """The model's probability that the marker stands where it should: that the
    name is a place and this candidate's spot, its own chance with that of
    namesakes at the same spot (Valencia the city and Valencia the province are
    one answer on a map)."""
    best = scored.scored[0][3]
    return sum(
        p for p, *_, c in scored.scored if distance_km(best.lat, best.lon, c.lat, c.lon) <= NAMESAKES_ONE_ANSWER_KM
    )
