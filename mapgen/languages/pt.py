"""Portuguese: no spaCy model with weights is on PyPI, so the rule recogniser (extract/rules.py) reads it."""

from __future__ import annotations

from types import MappingProxyType

from . import Language

PAGE_WORDS = MappingProxyType(
    {
        "source": "Fonte: {source}",
        "map_credit": "Mapa: mapgen",
        "data_credit": "Dados: {credit}",
        "legend_place": "cidade ou local",
        "legend_country": "país citado",
        "legend_area": "estado ou região citado",
        "legend_region": "região",
        "legend_low": "local a verificar (tracejado)",
        "far": "Noutros lugares:",
        "place": "local",
        "places": "locais",
        "dated": "Datado de",
        "list_heading": "Locais citados no artigo",
        "none": "Nenhum local citado no artigo pôde ser colocado no mapa.",
        "mention": "menção",
        "mentions": "menções",
        "low": "a verificar",
        "map_label": "Mapa dos locais citados no artigo",
        "embed_heading": "Incorporar este mapa",
        "embed_help": "Cole este código na sua página, com src apontando para onde publicar embed.html.",
        "wheel": "Clique no mapa, ou mantenha Ctrl, para ampliar com a roda do rato",
        "close": "Fechar",
        "back": "Voltar à notícia",
        "more": "Outros lugares",
        "svg": "Mapa em SVG",
    }
)

LANGUAGE = Language(
    code="pt",
    name="Portuguese",
    recogniser="rules",
    list_joiners=("e", "ou"),
    name_carriers=("do", "da", "dos", "das"),
    place_prepositions=("em", "no", "na", "nos", "nas", "de", "do", "da", "para", "a", "até", "perto de", "entre"),
    articles=("o", "os", "um", "uma", "ao", "à", "pelo", "pela", "este", "esta"),
    inner_words=("do", "da", "dos", "das", "de"),
    linkers=("de", "do", "da", "dos", "das"),
    # roads, and quarters named after a town ("la colonia Roma"): neither is the town
    street_before=("rua", "avenida", "estrada", "rodovia", "travessa", "alameda", "bairro"),
    street_plural=("ruas", "avenidas"),
    water_before=("rio", "lago", "lagoa", "ribeira", "barragem", "represa", "córrego", "baía"),
    storm_before=("furacão", "tempestade", "ciclone"),
    institution_before=("Universidade", "Hospital", "Prefeitura", "Câmara", "Banco", "Santa Casa"),
    page_words=PAGE_WORDS,
)
