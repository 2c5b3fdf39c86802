"""Russian, read by natasha (extract/natasha_reader.py): inflected names looked up by their base form,
a passage's places found, a page in Russian, and no traceback on odd Cyrillic input."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import mapgen
from mapgen.extract import natasha_reader


def test_natasha_gives_the_base_form_of_an_inflected_name():
    text = "Обстрел в Восточной Гуте продолжался всю ночь, сообщили из Москвы."
    normals = {text[start:end]: normal for start, end, _, normal in natasha_reader.names(text)}
    assert normals["Восточной Гуте"] == "Восточная Гута"
    assert normals["Москвы"] == "Москва"


def test_the_dictionary_gives_a_plural_towns_base_form():
    # natasha leaves "Химок" as it is; pymorphy3 knows it as the genitive of Химки
    assert "Химки" in natasha_reader.forms("Химок", "Химок")
    assert "Ростов-на-Дону" in natasha_reader.forms("Ростове-на-Дону", "Ростове-на-Дону")


def test_inflected_names_are_resolved_by_their_base_form():
    text = "Делегация из Москвы прибыла в Нижний Новгород, а затем побывала в Санкт-Петербурге и в Химках."
    places = {p.name: p.chosen for p in mapgen.find_places(text, "ru")}  # each named by its base form
    assert places["Москва"].geonameid == 524901  # Moscow
    assert places["Санкт-Петербург"].geonameid == 498817  # Saint Petersburg
    assert places["Нижний Новгород"].geonameid == 520555
    assert places["Химки"].geonameid == 550280


def test_a_dateline_in_cyrillic_capitals_is_read():
    text = "ЯРОСЛАВЛЬ, 12 марта. /ТАСС/. Паводок в области идёт на спад, сообщили спасатели."
    (place,) = mapgen.find_places(text, "ru")
    assert place.chosen.geonameid == 468902  # Yaroslavl


def test_a_russian_passage_has_its_places():
    text = (
        "НОВОСИБИРСК, 5 апреля. /ТАСС/. Уровень воды в Оби у Новосибирска поднялся на метр. "
        "Подтоплены дачные участки в Бердске и Искитиме, жителей Коченёва просят быть осторожнее. "
        "Спасатели из Томска и Кемерова прибыли в регион."
    )
    found = {p.chosen.geonameid for p in mapgen.find_places(text, "ru")}
    # Novosibirsk, Berdsk, Iskitim, Tomsk, Kemerovo
    assert {1496747, 1510350, 1505429, 1489425, 1503901} <= found


def test_the_page_speaks_russian(tmp_path):
    article = tmp_path / "статья.txt"
    article.write_text("Сильный ливень прошёл над Казанью и Набережными Челнами.", "utf-8")
    mapgen.build_site(article, tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert '<html lang="ru"' in page
    assert "Места, упомянутые в статье" in page
    assert "Казань" in page and "Набережные Челны" in page  # labelled by their base forms


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),
            st.sampled_from(list(" \n\t.,;:-–—«»()/\"'0123456789")),
            st.characters(codec="utf-8", exclude_categories=("Cs",)),
        ),
        max_size=200,
    )
)
@example("aA𗀀")  # a Tangut ideograph, which pymorphy3 could not shape
def test_no_traceback_on_odd_cyrillic_input(text):
    try:
        mapgen.find_places(text, "ru")
    except mapgen.MapgenError:
        pass  # a message the user can act on ("the article is empty"), not a traceback


def test_a_name_in_the_plural_is_looked_up_in_the_plural():
    # pymorphy3 gives "Анда" (a town in China) as one base form of "Андами"; a word read only as a plural
    # noun is a name in the plural: "Анды", "Эмираты", "Гималаи"
    assert natasha_reader.forms("Андами", "Андами")[-1] == "Анды"
    assert "Анда" not in natasha_reader.forms("Андами", "Андами")
    assert "Эмираты" in natasha_reader.forms("Эмиратах", "Эмиратах")
    text = "Самолёт летел над Андами, а затем над Перу и Боливией."
    assert all(p.chosen.country != "CN" for p in mapgen.find_places(text, "ru"))


def test_rivers_and_lakes_are_found_by_their_names_in_latin_letters():
    # Natural Earth names Russia's rivers and lakes in Latin letters only: "Иртыш" is its Irtysh, "Байкал"
    # its Lake Baikal; "Оби" is looked up by natasha's base form "Обь" (the river, or the town beside
    # Novosibirsk), not as written, the Russian name of Auby in France
    text = (
        "В Иркутске рассказали, что на озере Байкал нашли нерпу. Паводок на Оби затопил дачи под "
        "Новосибирском и Барнаулом. Река Иртыш вышла из берегов в Омске."
    )
    places = {m.text: p.chosen for p in mapgen.find_places(text, "ru") for m in p.mentions}
    assert places["Байкал"].name == "Lake Baikal"
    assert places["Иртыш"].name == "Irtysh"
    assert places["Оби"].country != "FR"


def test_countries_by_the_names_russian_news_gives_them():
    text = "Министр побывал в США, а затем в Объединённых Арабских Эмиратах и в ЮАР."
    countries = {p.chosen.country for p in mapgen.find_places(text, "ru")}
    assert countries == {"US", "AE", "ZA"}
