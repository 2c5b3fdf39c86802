"""Dutch: no spaCy model with weights is on PyPI, so the rule recogniser (extract/rules.py) reads it."""

from __future__ import annotations

from types import MappingProxyType

from . import Language

PAGE_WORDS = MappingProxyType(
    {
        "source": "Bron: {source}",
        "map_credit": "Kaart: mapgen",
        "data_credit": "Gegevens: {credit}",
        "legend_place": "plaats of locatie",
        "legend_country": "genoemd land",
        "legend_area": "genoemde provincie of regio",
        "legend_region": "regio",
        "legend_low": "te controleren plaats (gestippeld)",
        "far": "Elders:",
        "place": "plaats",
        "places": "plaatsen",
        "dated": "Gedateerd",
        "list_heading": "Plaatsen genoemd in het artikel",
        "none": "Geen enkele plaats uit het artikel kon op de kaart worden gezet.",
        "mention": "vermelding",
        "mentions": "vermeldingen",
        "low": "te controleren",
        "map_label": "Kaart van de plaatsen genoemd in het artikel",
        "embed_heading": "Deze kaart insluiten",
        "embed_help": "Plak deze code in uw pagina, met src naar het adres waar u embed.html publiceert.",
        "wheel": "Klik op de kaart, of houd Ctrl ingedrukt, om met het scrollwiel te zoomen",
        "close": "Sluiten",
        "back": "Terug naar het artikel",
        "more": "Meer plaatsen",
        "svg": "Kaart als SVG",
    }
)

LANGUAGE = Language(
    code="nl",
    name="Dutch",
    recogniser="rules",
    # "en" and "of" join lists in Dutch, but "of" is English's too: only "en" joins the union of every language
    list_joiners=("en",),
    place_prepositions=("in", "naar", "uit", "bij", "te", "van", "nabij", "rond", "tussen", "via", "richting"),
    articles=("de", "het", "een", "'t", "der"),
    inner_words=("aan", "den", "de", "op", "bij", "van", "ter", "ten", "in", "'s", "der"),
    name_endings=("s",),  # "Amsterdams" as a genitive
    linkers=("van", "de", "het"),
    street_after=("Straat", "Weg", "Laan", "Plein"),
    water_before=("rivier",),
    storm_before=("storm", "orkaan"),
    institution_before=("Universiteit", "Ziekenhuis", "Hogeschool", "Gemeente"),
    page_words=PAGE_WORDS,
)
