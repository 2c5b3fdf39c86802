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
        "edit_title": "De kaart van {file} verbeteren",
        "edit_map_label": "Kaart van de plaatsen, om te verbeteren",
        "edit_help": "Open een markering om een andere plaats voor de naam te kiezen, hem te hernoemen, als context te markeren of weg te halen; sleep een markering naar waar hij hoort; voeg een plaats toe met een klik op de kaart. Download dan het correctiebestand en bewaar het naast het artikel.",
        "edit_kept": "Elke volgende build past het bestand naast het artikel toe, met of zonder --edit: zonder --edit ontbreekt alleen deze pagina.",
        "edit_download": "{file} downloaden",
        "edit_corrections": "Correcties",
        "edit_places": "Plaatsen",
        "edit_changed": "hier gewijzigd: download het bestand en bouw de kaart opnieuw",
        "edit_confidence": "{origin}, zekerheid {confidence}",
        "edit_remove": "Deze toegevoegde plaats weghalen",
        "edit_rather": "Of liever:",
        "edit_choose": "Kiezen",
        "edit_away": "{place}, {km} km verderop",
        "edit_undo": "Ongedaan maken: terug naar {place}",
        "edit_drop": "{name} van de kaart halen",
        "edit_dropped": "weggehaald (ongedaan maken)",
        "edit_changed_mark": "(gewijzigd)",
        "edit_moved": "{label}, met de hand geplaatst",
        "edit_label": "Naam op de kaart",
        "edit_rename": "Hernoemen",
        "edit_context": "Als context markeren",
        "edit_not_context": "Niet langer context",
        "edit_context_mark": "(context)",
        "edit_add": "Plaats toevoegen",
        "edit_add_help": "Klik op de kaart waar de plaats ligt.",
        "edit_add_name": "Naam op de kaart",
        "edit_add_quote": "Woorden uit het artikel die hem noemen",
        "edit_add_ok": "Toevoegen",
        "edit_cancel": "Annuleren",
        "edit_not_quoted": "Het artikel bevat deze woorden niet: kopieer ze uit het artikel.",
        "edit_added": "hier toegevoegd",
        "edit_restored": "Nog niet gedownloade keuzes zijn uit deze browser teruggehaald.",
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
    surname_particles=("van", "van de", "van der", "van den", "ter", "ten"),
    inner_words=("aan", "den", "de", "op", "bij", "van", "ter", "ten", "in", "'s", "der"),
    name_endings=("s",),  # "Amsterdams" as a genitive
    linkers=("van", "de", "het"),
    street_after=("Straat", "Weg", "Laan", "Plein"),
    water_before=("rivier", "oever", "oevers", "oever van de", "oevers van de"),  # "aan de oever van de Maas"
    storm_before=("storm", "orkaan"),
    institution_before=("Universiteit", "Ziekenhuis", "Hogeschool", "Gemeente"),
    page_words=PAGE_WORDS,
)
