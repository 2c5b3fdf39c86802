"""Russian: natasha (MIT, its weights in the wheel) finds the names and gives their base forms
("в Восточной Гуте" → "Восточная Гута", "из Москвы" → "Москва"), which the index is asked for
(extract/natasha_reader.py)."""

from __future__ import annotations

from types import MappingProxyType

from . import Language

PAGE_WORDS = MappingProxyType(
    {
        "source": "Источник: {source}",
        "map_credit": "Карта: mapgen",
        "data_credit": "Данные: {credit}",
        "legend_place": "населённый пункт или объект",
        "legend_country": "упомянутая страна",
        "legend_area": "упомянутый регион или область",
        "legend_region": "регион",
        "legend_low": "неточное место (пунктир)",
        "far": "В других местах:",
        "place": "место",
        # Russian has three plural forms and the page two: "мест" is right for 0 and 5 to 20, the usual
        # counts of a map's places ("места" for 2 to 4 is not told apart); "упоминания", right for 2 to 4,
        # the usual counts of a place's mentions
        "places": "мест",
        "dated": "Место выпуска",
        "list_heading": "Места, упомянутые в статье",
        "none": "Ни одно из мест, упомянутых в статье, не удалось отметить на карте.",
        "mention": "упоминание",
        "mentions": "упоминания",
        "low": "низкая уверенность",
        "map_label": "Карта мест, упомянутых в статье",
        "embed_heading": "Встроить эту карту",
        "embed_help": "Вставьте этот код в свою страницу, указав в src адрес, по которому вы опубликуете embed.html.",
        "wheel": "Щёлкните по карте или удерживайте Ctrl, чтобы менять масштаб колёсиком мыши",
        "close": "Закрыть",
        "back": "Назад к статье",
        "more": "Другие места",
        "svg": "Карта в формате SVG",
    }
)

LANGUAGE = Language(
    code="ru",
    name="Russian",
    recogniser="natasha",
    # datelines in Cyrillic capitals: "МОСКВА, 12 марта. /ТАСС/."
    capitals="А-ЯЁA-Z",
    script="\u0400-\u04ff",
    names_inflect=True,
    list_joiners=("и",),
    place_prepositions=("в", "во", "из", "под", "над", "у", "около", "возле", "близ", "между", "до", "от"),
    area_kinds_after=("область", "области", "край", "края", "районе", "района", "район"),
    linkers=(),
    street_before=("улица", "улице", "улицы", "проспект", "проспекте", "шоссе", "переулок", "переулке"),
    water_before=("река", "реки", "реке", "озеро", "озера", "озере", "море", "моря"),
    storm_before=("циклон", "ураган", "тайфун", "шторм"),
    institution_before=("Университет", "Больница"),
    page_words=PAGE_WORDS,
    notes="Cyrillic capitals; natasha gives base forms; pymorphy3 stands in for natasha's pymorphy2",
)
