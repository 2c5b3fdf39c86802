"""Italian: no spaCy model with weights is on PyPI, so the rule recogniser (extract/rules.py) reads it."""

from __future__ import annotations

from types import MappingProxyType

from . import Language

PAGE_WORDS = MappingProxyType(
    {
        "source": "Fonte: {source}",
        "map_credit": "Mappa: mapgen",
        "data_credit": "Dati: {credit}",
        "legend_place": "città o sito",
        "legend_country": "paese citato",
        "legend_area": "regione o provincia citata",
        "legend_region": "regione",
        "legend_low": "luogo da verificare (tratteggiato)",
        "far": "Altrove:",
        "place": "luogo",
        "places": "luoghi",
        "dated": "Datato",
        "list_heading": "Luoghi citati nell'articolo",
        "none": "Nessun luogo citato nell'articolo ha potuto essere collocato sulla mappa.",
        "mention": "menzione",
        "mentions": "menzioni",
        "low": "da verificare",
        "map_label": "Mappa dei luoghi citati nell'articolo",
        "embed_heading": "Incorpora questa mappa",
        "embed_help": "Incolla questo codice nella tua pagina, con src impostato all'indirizzo dove pubblichi embed.html.",
        "wheel": "Fai clic sulla mappa, o tieni premuto Ctrl, per ingrandire con la rotellina",
        "close": "Chiudi",
        "back": "Torna all'articolo",
        "more": "Altri luoghi",
        "svg": "Mappa in SVG",
    }
)

LANGUAGE = Language(
    code="it",
    name="Italian",
    recogniser="rules",
    list_joiners=("e", "o"),
    name_joiners=("di",),
    name_carriers=("di",),
    place_prepositions=("a", "in", "da", "di", "per", "verso", "presso", "tra", "fra", "ad"),
    articles=(
        "il",
        "lo",
        "la",
        "i",
        "gli",
        "le",
        "l'",
        "un",
        "una",
        "uno",
        "del",
        "della",
        "dello",
        "dei",
        "degli",
        "delle",
        "al",
        "alla",
        "allo",
        "ai",
        "agli",
        "alle",
        "nel",
        "nella",
        "nello",
        "nei",
        "negli",
        "sul",
        "sulla",
        "dal",
        "dalla",
    ),
    inner_words=("di", "del", "della", "dei", "de", "sul", "sulla", "al", "in", "d'", "san", "sant'"),
    linkers=("di", "del", "della", "dei", "degli", "d'", "d’"),
    # roads, and quarters named after a town ("la colonia Roma"): neither is the town
    street_before=("via", "viale", "piazza", "corso", "strada", "autostrada", "vicolo", "largo", "quartiere", "rione"),
    street_plural=("vie",),
    water_before=("fiume", "lago", "torrente", "golfo", "canale", "laguna"),
    storm_before=("uragano", "tempesta", "ciclone"),
    institution_before=("Università", "Ospedale", "Policlinico", "Comune", "Provincia", "Banca", "Cassa"),
    page_words=PAGE_WORDS,
)
