"""Decide which real place each name of the article stands for.

Every candidate the gazetteer offers gets a score: a prior from what it is
(country, region, town) and how many live there, plus the evidence the article
gives — a hint in brackets or after a comma ("Mossoul (Irak)", "Paris, Texas"),
the countries the article names, and how close it lies to the other places the
article names. All mentions of one name share one answer (one sense per
article). A name is dropped when even its best candidate has too little support:
a town of three thousand that nothing in the article points to is more likely a
word that happens to be a place name than the place.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .extract import DATELINE_LABEL, DEMONYM_LABEL, PLACE_LABELS
from .geo import distance_km
from .geocode import PlaceIndex, candidates
from .model import Article, Candidate, Mention, Place
from .names import name_key

# Scores are log-odds. The prior is the natural log of the population: with
# nothing else known, a name means a place in proportion to the people who live
# there. Evidence adds the log of how much likelier it makes the candidate.
REGION_POPULATION = 100_000_000  # regions carry no population; they count as this many
# A name that is a country's, a continent's or a region's is read as such more
# often than its people alone would suggest: "Benin" is the country, not Benin City.
AREA_BONUS = math.log(10)
ADMIN_DISCOUNT = math.log(10)  # an admin area counts as a town a tenth its population
CAPITAL_BONUS = math.log(3)
ALTERNATE_NAME_PENALTY = 1.5  # the name is only one of the place's alternate names

HINT_BONUS = 8.0  # "Mossoul (Irak)", "Paris, Texas"
NAMED_AREA_BONUS = math.log(100)  # the candidate lies in a country or admin area the article names
DEMONYM_BONUS = math.log(10)  # ... in a country the article implies with a demonym ("Syrian")
NEARBY_BONUS = 2.0  # at the same point as a place the article settled, fading with distance
NEARBY_SCALE_KM = 500.0
AREA_NEARBY_SCALE_KM = 1500.0  # for countries and regions, whose points stand for a wide area
LOOSE_SPELLING_PENALTY = 2.0  # matched only through names.skeleton()

# The least score a name's best candidate needs to be put on the map: a town of
# 20,000 with nothing else for it. Names that NER did not call a location
# (French MISC, English FAC) need ten times the support.
MIN_SCORE = math.log(20_000)
MIN_SCORE_UNSURE_LABEL = MIN_SCORE + math.log(10)
# Countries, continents and regions need no such support, however few live
# there: the Vatican is no word that happens to be a place name.
WELL_KNOWN = frozenset({"country", "continent", "region"})

# Namesakes this close to the chosen place would put its marker in the same spot.
SAME_SPOT_KM = 100.0

# Only places settled with this confidence lend their position to others.
SETTLED_CONFIDENCE = 0.5

# In French and Spanish, towns take no article ("à Paris", "en Madrid");
# countries and regions do ("la Syrie", "el Sahel"). A name that only ever
# follows one and is a town by the gazetteer is more likely a building or an
# institution: "la Maison Blanche" (the White House) is not the Paris quarter
# of that name. Names whose article is their own ("Le Havre", "La Paz") are
# kept whole by extract. English puts "the" before towns used as modifiers
# ("the Glasgow area"), so it is left out.
ARTICLE_PENALTY = math.log(100)
_DEFINITE_ARTICLE_BEFORE = {
    "fr": re.compile(r"(?:^|[^\w'’])(?:le|la|les|l['’])\s*$", re.IGNORECASE),
    "es": re.compile(r"(?:^|[^\w'’])(?:el|la|los|las)\s*$", re.IGNORECASE),
}

_BRACKET_HINT = re.compile(r"\s*\(([^()]{2,40})\)")
_COMMA_HINT = re.compile(r",\s*([A-ZÀ-Þ][\w.'’ -]{1,30}?)(?=[,.;:)]|\s+[a-zà-ÿ]|$)")


@dataclass(frozen=True)
class _Name:
    """All mentions of one name, with what the text right after them hints."""

    key: str
    mentions: tuple[Mention, ...]
    candidates: tuple[Candidate, ...]
    loose: bool  # candidates found only through the looser skeleton match
    hints: tuple[Candidate, ...]  # countries or admin areas named beside a mention
    after_article: bool  # every mention follows a definite article: "la Maison Blanche"


@dataclass(frozen=True)
class _Context:
    """What the article as a whole says: the areas it names and the places it settled."""

    countries: frozenset[tuple[str, str]]  # (name key, country code)
    admin_areas: frozenset[tuple[str, str | None, str | None]]  # (name key, country, admin1 code)
    settled: tuple[tuple[str, Candidate], ...]  # (name key, chosen place)
    demonym_countries: frozenset[str]


def resolve(
    article: Article, mentions: list[Mention], geocoder: PlaceIndex, *, pinned: Mapping[str, Candidate] | None = None
) -> list[Place]:
    """One Place per name that resolves, in order of first mention.

    Three passes: the first, on priors alone, finds the countries and areas the
    article names; the second weighs every name with them; the third adds the
    pull of the places the second settled. Places settled on priors alone would
    vouch for each other: Norfolk and Suffolk of Virginia, in an article that
    names the United Kingdom.

    `pinned` (by names.name_key) comes from a person's corrections file: those
    names take their candidate for certain, and are evidence from the first pass.
    """
    pinned = pinned or {}
    demonyms = frozenset(
        country for m in mentions if m.label == DEMONYM_LABEL and (country := geocoder.demonym_country(m.text))
    )
    named = [m for m in mentions if m.label != DEMONYM_LABEL]
    fixed = _pinned_places(pinned, [m for m in named if name_key(m.name) in pinned])
    names = _group(article, [m for m in named if name_key(m.name) not in pinned], geocoder)
    places = _decide(names, _context([], demonyms, False, fixed))
    for with_neighbours in (False, True):
        places = _decide(names, _context(places, demonyms, with_neighbours, fixed))
    return sorted(fixed + places, key=lambda p: p.mentions[0].start)


def _pinned_places(pinned: Mapping[str, Candidate], mentions: list[Mention]) -> list[Place]:
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[name_key(mention.name)].append(mention)
    return [
        Place(group[0].text, pinned[key], 1.0, tuple(group), reasons=("pinned by a corrections file",), origin="pinned")
        for key, group in by_key.items()
    ]


def _context(
    places: list[Place], demonyms: frozenset[str], with_neighbours: bool, pinned: Sequence[Place] = ()
) -> _Context:
    places = [*pinned, *places]
    return _Context(
        # an area within one country names it too: England or Texas, their country
        countries=frozenset(
            (name_key(p.name), p.chosen.country)
            for p in places
            if p.chosen.feature in ("country", "region", "admin") and p.chosen.country
        ),
        admin_areas=frozenset(
            (name_key(p.name), p.chosen.country, p.chosen.admin1) for p in places if p.chosen.feature == "admin"
        ),
        settled=tuple(
            (name_key(p.name), p.chosen)
            for p in places
            if (with_neighbours or p.origin == "pinned")
            and p.chosen.feature in ("city", "admin")
            and p.confidence >= SETTLED_CONFIDENCE
        ),
        demonym_countries=demonyms,
    )


def _group(article: Article, mentions: list[Mention], geocoder: PlaceIndex) -> list[_Name]:
    text, article_before = article.text, _DEFINITE_ARTICLE_BEFORE.get(article.language)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[name_key(mention.name)].append(mention)
    names = []
    for key, group in by_key.items():
        found = candidates(geocoder, group[0].name)
        if not found and any(m.label in PLACE_LABELS for m in group):
            found = candidates(geocoder, group[0].name, online=True)
        loose = not found
        if loose:
            found = candidates(geocoder, group[0].name, loose=True)
        if any(m.label == DATELINE_LABEL for m in group):
            found = [c for c in found if c.feature == "city"] or found  # a dateline names a town
        if found:
            hints = tuple(h for m in group for h in _hints_after(text, m, geocoder))
            after_article = article_before is not None and all(article_before.search(text, 0, m.start) for m in group)
            names.append(_Name(key, tuple(group), tuple(found), loose, hints, after_article))
    return names


def _hints_after(text: str, mention: Mention, geocoder: PlaceIndex) -> list[Candidate]:
    """Countries and admin areas written right after the mention, in brackets or after a comma."""
    hints: list[Candidate] = []
    for pattern in (_BRACKET_HINT, _COMMA_HINT):
        match = pattern.match(text, mention.end)
        if match:
            hints.extend(c for c in candidates(geocoder, match.group(1).strip()) if c.feature in ("country", "admin"))
    return hints


def _decide(names: list[_Name], context: _Context) -> list[Place]:
    places = []
    for name in names:
        scored = sorted(
            ((*_score(c, name, context), c) for c in name.candidates),
            key=lambda item: (-item[0], item[2].population * -1, str(item[2].geonameid)),
        )
        best_score, reasons, best = scored[0]
        if best_score == -math.inf:
            continue  # a loose spelling the article gives no support to, even for a country ("Syrria")
        if best_score < _min_score(name) and best.feature not in WELL_KNOWN:
            continue
        places.append(
            Place(
                name=name.mentions[0].text,
                chosen=best,
                confidence=_confidence([(s, c) for s, _, c in scored]),
                mentions=name.mentions,
                runners_up=tuple(c for _, _, c in scored[1:4]),
                reasons=tuple(reasons),
            )
        )
    return places


def _min_score(name: _Name) -> float:
    if any(m.label in PLACE_LABELS or m.label == DATELINE_LABEL for m in name.mentions):
        return MIN_SCORE
    return MIN_SCORE_UNSURE_LABEL


def _score(c: Candidate, name: _Name, context: _Context) -> tuple[float, list[str]]:
    """The candidate's score and, in words, where it came from."""
    population = c.population or (REGION_POPULATION if c.feature in ("region", "continent") else 10)
    score = math.log(max(population, 10))
    reasons = [f"{c.feature}, population {population:,}"]
    if c.feature == "admin":
        score -= ADMIN_DISCOUNT
    if c.feature in ("country", "continent", "region"):
        score += AREA_BONUS
    if c.capital:
        score += CAPITAL_BONUS
        reasons.append(f"capital of {c.country}")
    if name_key(c.name) != name.key and not name.loose:
        score -= ALTERNATE_NAME_PENALTY
        reasons.append(f"{name.mentions[0].text} is one of its other names")
    if name.after_article and c.feature == "city":
        score -= ARTICLE_PENALTY
        reasons.append("a town, but named after an article, as buildings and institutions are")
    if name.loose:
        score -= LOOSE_SPELLING_PENALTY
        reasons.append(f"spelling matched loosely ({name.mentions[0].text} ~ {c.name})")
    hinted = [h for h in name.hints if _within(c, h)]
    if hinted:
        score += HINT_BONUS
        reasons.append(f"written beside {hinted[0].name}")
    # Evidence for a country lends nothing to the towns of a name that may be
    # that country itself: "Mexico" the country does not vouch for Mexico City.
    own = {x.country for x in name.candidates if x.feature == "country"}
    countries = {code for key, code in context.countries if key != name.key} - own
    admin_areas = {(code, admin1) for key, code, admin1 in context.admin_areas if key != name.key}
    # Naming an admin area names its country too: the two count as one piece of evidence.
    if c.feature == "city" and (c.country, c.admin1) in admin_areas:
        score += NAMED_AREA_BONUS
        reasons.append(f"in {c.admin1}, {c.country}, an area the article names")
    elif c.feature != "country" and c.country in countries:
        score += NAMED_AREA_BONUS
        reasons.append(f"in {c.country}, a country the article names")
    elif c.feature != "country" and c.country in context.demonym_countries - own:
        score += DEMONYM_BONUS
        reasons.append(f"in {c.country}, whose people the article names")
    near = _nearest(c, name.key, context)
    if near is not None:
        distance, other = near
        scale = NEARBY_SCALE_KM if c.feature in ("city", "admin") else AREA_NEARBY_SCALE_KM
        bonus = NEARBY_BONUS * math.exp(-distance / scale)
        if bonus > 0.05:
            score += bonus
            reasons.append(f"{distance:.0f} km from {other.name}")
    if name.loose and not (hinted or c.country in countries or (near and near[0] < NEARBY_SCALE_KM)):
        # A loose spelling match stands only where the article points to the place.
        score = -math.inf
    return score, reasons


def _within(c: Candidate, area: Candidate) -> bool:
    if area.feature == "country":
        return c.country == area.country and c.feature != "country"
    return c.country == area.country and c.admin1 == area.admin1 and c.feature == "city"


def _nearest(c: Candidate, own_key: str, context: _Context) -> tuple[float, Candidate] | None:
    others = [(distance_km(c.lat, c.lon, o.lat, o.lon), o) for key, o in context.settled if key != own_key]
    return min(others, key=lambda pair: pair[0]) if others else None


def _confidence(scored: list[tuple[float, Candidate]]) -> float:
    """The probability, reading scores as log-odds, that the marker stands where
    it should: the best candidate's share, with that of namesakes at the same
    spot (Valencia the city and Valencia the province are one answer on a map)."""
    finite = [(s, c) for s, c in scored if s != -math.inf]
    top, best = finite[0]
    weights = [(math.exp(s - top), c) for s, c in finite]
    same_spot = sum(w for w, c in weights if distance_km(best.lat, best.lon, c.lat, c.lon) <= SAME_SPOT_KM)
    return round(same_spot / sum(w for w, _ in weights), 3)
