"""The words of the pages, in each language mapgen reads, and the graphic's credit line."""

from __future__ import annotations

WORDS = {
    "en": {
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
        "back": "Back to the story",
        "more": "More places",
        "svg": "Map as SVG",
    },
    "fr": {
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
        "back": "Retour à l'article",
        "more": "Autres lieux",
        "svg": "Carte en SVG",
    },
    "es": {
        "source": "Fuente: {source}",
        "map_credit": "Mapa: mapgen",
        "data_credit": "Datos: {credit}",
        "legend_place": "ciudad o sitio",
        "legend_country": "país citado",
        "legend_area": "región o provincia citada",
        "legend_region": "región",
        "legend_low": "lugar incierto (punteado)",
        "far": "En otro lugar:",
        "place": "lugar",
        "places": "lugares",
        "dated": "Fechado el",
        "list_heading": "Lugares citados en el artículo",
        "none": "Ningún lugar citado en el artículo pudo situarse en el mapa.",
        "mention": "mención",
        "mentions": "menciones",
        "low": "confianza baja",
        "map_label": "Mapa de los lugares citados en el artículo",
        "embed_heading": "Insertar este mapa",
        "embed_help": "Pegue este código en su página, con src apuntando a donde publique embed.html.",
        "wheel": "Haga clic en el mapa, o mantenga Ctrl, para acercar con la rueda",
        "close": "Cerrar",
        "back": "Volver a la noticia",
        "more": "Otros lugares",
        "svg": "Mapa en SVG",
    },
}


def credit_line(words: dict, language: str, *, source: str | None, date: str | None, data_credit: str) -> str:
    """'Source : Le Monde, mars 2017 · Carte : mapgen · Données : Natural Earth, GeoNames'."""
    month = month_of(date, language)
    if source:  # "Source :" only before a source: a date alone is the article's, not a source
        parts = [words["source"].format(source=", ".join(part for part in (source, month) if part))]
    else:
        parts = [month] if month else []
    return " · ".join([*parts, words["map_credit"], words["data_credit"].format(credit=data_credit)])


def month_of(date: str | None, language: str) -> str | None:
    """'2017-03' as 'mars 2017' in French; a full date in the language's long form; anything else as written."""
    if not date:
        return None
    from datetime import date as Date

    from babel.dates import format_date

    parts = date.split("-")
    try:
        day = Date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
        pattern = {1: "y", 2: "MMMM y"}.get(len(parts), "long")
        return format_date(day, pattern, locale=language)
    except (ValueError, LookupError):
        return date
