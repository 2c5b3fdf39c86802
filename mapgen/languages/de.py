"""German: no spaCy model with weights is on PyPI, so the rule recogniser (extract/rules.py) reads it."""

from __future__ import annotations

from types import MappingProxyType

from . import Language

PAGE_WORDS = MappingProxyType(
    {
        "source": "Quelle: {source}",
        "map_credit": "Karte: mapgen",
        "data_credit": "Daten: {credit}",
        "legend_place": "Ort oder Stätte",
        "legend_country": "genanntes Land",
        "legend_area": "genanntes Bundesland oder Gebiet",
        "legend_region": "Region",
        "legend_low": "zu prüfender Ort (gestrichelt)",
        "far": "Anderswo:",
        "place": "Ort",
        "places": "Orte",
        "dated": "Datiert",
        "list_heading": "Im Artikel genannte Orte",
        "none": "Keiner der im Artikel genannten Orte konnte auf der Karte verortet werden.",
        "mention": "Erwähnung",
        "mentions": "Erwähnungen",
        "low": "zu prüfen",
        "map_label": "Karte der im Artikel genannten Orte",
        "embed_heading": "Diese Karte einbetten",
        "embed_help": "Fügen Sie diesen Code in Ihre Seite ein, mit src als Adresse, unter der Sie embed.html veröffentlichen.",
        "wheel": "Klicken Sie auf die Karte oder halten Sie Strg gedrückt, um mit dem Mausrad zu zoomen",
        "close": "Schließen",
        "back": "Zurück zum Artikel",
        "more": "Weitere Orte",
        "svg": "Karte als SVG",
    }
)

LANGUAGE = Language(
    code="de",
    name="German",
    recogniser="rules",
    capitals="A-ZÀ-ÝÄÖÜ",
    list_joiners=("und",),
    place_prepositions=("in", "nach", "aus", "bei", "von", "bis", "zwischen", "nahe", "um", "gen", "via"),
    articles=(
        "der",
        "die",
        "das",
        "dem",
        "den",
        "des",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "im",
        "am",
        "beim",
        "zum",
        "zur",
        "vom",
        "ins",
        "ans",
        "aufs",
        "unser",
        "ihr",
        "sein",
        "seine",
        "kein",
        "keine",
    ),
    inner_words=("am", "an", "der", "im", "in", "ob", "vor", "bei", "auf", "unter", "ober"),
    name_endings=("s",),  # "Berlins", "Kölns"
    capitalises_nouns=True,
    linkers=("von", "der", "des"),
    street_after=("Straße", "Strasse", "Weg", "Allee", "Platz", "Gasse", "Ring", "Damm", "Chaussee"),
    street_before=("Autobahn",),
    water_before=("Fluss", "Bach", "Talsperre"),
    storm_before=("Sturm", "Orkan", "Hurrikan", "Sturmtief", "Tief"),
    institution_before=("Universität", "Klinikum", "Krankenhaus", "Hochschule", "Sparkasse"),
    institution_after=("Zeitung", "Anzeiger", "Nachrichten", "Rundschau", "Polizei"),
    name_carriers=("am", "an", "im"),
    page_words=PAGE_WORDS,
)
