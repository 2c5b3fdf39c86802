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
        "edit_title": "Правка карты {file}",
        "edit_map_label": "Карта мест для исправления",
        "edit_help": "Откройте метку, чтобы выбрать другое место для её названия, переименовать её, отметить как фон или убрать; перетащите метку туда, где место находится; добавьте место щелчком по карте. Затем скачайте файл исправлений и сохраните его рядом со статьёй.",
        "edit_kept": "Каждая следующая сборка применяет файл, сохранённый рядом со статьёй, с --edit или без: без --edit не создаётся только эта страница.",
        "edit_download": "Скачать {file}",
        "edit_corrections": "Исправления",
        "edit_places": "Места",
        "edit_changed": "изменено здесь: скачайте файл и соберите карту снова",
        "edit_confidence": "{origin}, уверенность {confidence}",
        "edit_remove": "Убрать добавленное место",
        "edit_rather": "Или лучше:",
        "edit_choose": "Выбрать",
        "edit_away": "{place}, в {km} км",
        "edit_undo": "Отменить: вернуть {place}",
        "edit_drop": "Убрать {name} с карты",
        "edit_dropped": "убрано (отменить)",
        "edit_changed_mark": "(изменено)",
        "edit_moved": "{label}, перемещено вручную",
        "edit_label": "Подпись на карте",
        "edit_rename": "Переименовать",
        "edit_context": "Отметить как фон",
        "edit_not_context": "Больше не фон",
        "edit_context_mark": "(фон)",
        "edit_add": "Добавить место",
        "edit_add_help": "Щёлкните по карте там, где находится место.",
        "edit_add_name": "Название на карте",
        "edit_add_quote": "Слова статьи, которые его называют",
        "edit_add_ok": "Добавить",
        "edit_cancel": "Отмена",
        "edit_not_quoted": "В статье нет этих слов: скопируйте их из неё.",
        "edit_added": "добавлено здесь",
        "edit_restored": "Ещё не скачанные правки восстановлены из этого браузера.",
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
    romanisation=MappingProxyType(
        {
            **{a: (b,) for a, b in zip("абвгдзклмнопрстуф", "abvgdzklmnoprstuf", strict=True)},
            **{"е": ("e",), "^е": ("ye",), "ё": ("yo", "e"), "ж": ("zh",), "и": ("i",), "й": ("y", "i"), "х": ("kh",)},
            **{"ц": ("ts",), "ч": ("ch",), "ш": ("sh",), "щ": ("shch",), "ъ": ("",), "ы": ("y",), "ь": ("",)},
            **{"э": ("e",), "ю": ("yu",), "я": ("ya",)},
        }
    ),
    list_joiners=("и",),
    place_prepositions=("в", "во", "из", "под", "над", "у", "около", "возле", "близ", "между", "до", "от"),
    area_kinds_after=("область", "области", "край", "края", "районе", "района", "район"),
    linkers=(),
    street_before=("улица", "улице", "улицы", "проспект", "проспекте", "шоссе", "переулок", "переулке"),
    water_before=(
        *("река", "реки", "реке", "озеро", "озера", "озере", "море", "моря"),
        *("впадает в", "приток", "притока", "притоке"),  # a river's verb or tributary: the water
    ),
    storm_before=("циклон", "ураган", "тайфун", "шторм"),
    institution_before=("Университет", "Больница"),
    club_before=(
        "Динамо",
        "Спартак",
        "Локомотив",
        "Торпедо",
        "Зенит",
        "Ротор",
        "Урал",
        "Крылья Советов",
        "Черноморец",
        "Шинник",
        "ЦСКА",
        "ФК",
        "ХК",
        "СКА",
    ),
    person_titles=(
        "мэр",
        "губернатор",
        "глава",
        "министр",
        "президент",
        "директор",
        "начальник",
        "спикер",
        "депутат",
        "пресс-секретарь",
        "тренер",
        "капитан",
        "господин",
        "госпожа",
    ),
    first_names=(
        *("Александр", "Сергей", "Владимир", "Андрей", "Алексей", "Дмитрий", "Николай", "Михаил", "Иван", "Евгений"),
        *("Юрий", "Игорь", "Олег", "Виктор", "Павел", "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина"),
        *("Светлана", "Мария", "Екатерина", "Марина", "Галина", "Людмила", "Юлия", "Надежда", "Валентина"),
    ),
    page_words=PAGE_WORDS,
    notes="Cyrillic capitals; natasha gives base forms; pymorphy3 stands in for natasha's pymorphy2",
)
