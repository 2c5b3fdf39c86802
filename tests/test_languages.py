"""The languages read by rules (extract/rules.py): a town found, a common word that is also a town not."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mapgen
from mapgen import languages

PASSAGES = {
    "de": ("Nach dem Unwetter in Telgte sagte er, das Essen sei kalt und die Lage ernst.", "Telgte", ("Essen", "Lage")),
    "it": ("I soccorritori sono arrivati a Senigallia, dove il lago era in piena.", "Senigallia", ()),
    "pt": ("A chuva atingiu Braga e Guimarães, disse a Proteção Civil.", "Guimarães", ()),
    "nl": ("In Zeist werd een man aangehouden; hij at een stuk Goudse kaas.", "Zeist", ()),
}


@pytest.mark.parametrize("code", sorted(PASSAGES))
def test_a_town_is_found_and_a_common_word_is_not(code):
    text, town, words = PASSAGES[code]
    names = {p.name for p in mapgen.find_places(text, code)}
    assert town in names
    assert not names & set(words)


@pytest.mark.parametrize(
    ("text", "code", "town", "word"),
    [
        ("Die Tafel in Dortmund verteilt jeden Mittag warmes Essen an Bedürftige.", "de", "Dortmund", "Essen"),
        ("Die Jungtiere im Zoo von Leipzig bekommen noch kein festes Essen.", "de", "Leipzig", "Essen"),
    ],
)
def test_a_common_word_after_an_adjective_is_no_town(text, code, town, word):
    # a capitalised noun after a lower-case adjective is the word ("warmes Essen", "belegen Gouda"),
    # a town only with other evidence of a place: a preposition before it, a list, an area after it
    names = {p.name for p in mapgen.find_places(text, code)}
    assert town in names and word not in names


def test_a_town_after_an_adjective_with_evidence_of_a_place_stays():
    names = {p.name for p in mapgen.find_places("Die Messe zog Besucher aus Essen und Dortmund an.", "de")}
    assert {"Essen", "Dortmund"} <= names
    # Dutch is left out: an ending says too little there ("boven Peking", "de gemeente Ede")
    text = "Een zandstorm kleurde de lucht boven Peking oranje. De brand woedde bij Otterlo in de gemeente Ede."
    assert {"Peking", "Ede"} <= {p.name for p in mapgen.find_places(text, "nl")}


def test_an_inflected_name_is_looked_up_by_its_base_form():
    (berlin,) = [p for p in mapgen.find_places("Die Bürgermeister Berlins trafen sich.", "de")]
    assert berlin.chosen.name == "Berlin"


def test_every_language_has_its_page_words():
    english = set(languages.get("en").page_words)
    for code in languages.CODES:
        assert set(languages.get(code).page_words) == english, code


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200),
    st.sampled_from(["de", "it", "pt", "nl"]),
)
def test_no_traceback_on_odd_input(text, code):
    try:
        mapgen.find_places(text, code)
    except mapgen.MapgenError:
        pass  # a message the user can act on ("the article is empty"), not a traceback


WATER = {
    "de": ("Hochwasser in Dresden und Meißen: Die Elbe stieg am Montag auf über sechs Meter.", "Elbe"),
    "it": ("A Cremona e a Piacenza il Po ha superato i sette metri.", "Po"),
    "pt": ("Em Santarém e em Almeirim, o rio Tejo subiu dois metros durante a noite.", "Tejo"),
    "nl": ("In Venlo en Roermond stijgt de Maas nog steeds.", "Maas"),
    "it-lake": ("Un traghetto è affondato nel lago di Garda, tra Sirmione e Desenzano del Garda.", "Garda"),
}


@pytest.mark.parametrize("key", sorted(WATER))
def test_a_river_after_its_article_or_water_word_is_the_river(key):
    # towns take no article in these languages, rivers and lakes do ("die Elbe", "il Po", "o rio Tejo")
    text, water = WATER[key]
    places = {m.text: p.chosen for p in mapgen.find_places(text, key[:2]) for m in p.mentions}
    assert places[water].feature == "site"  # the lake is found by its name with "lago di", as the index holds it


SEAS = {
    "de": ("Vor Sylt und Föhr tobte der Sturm in der Nordsee, die Fähren fielen aus.", "Nordsee", "North Sea"),
    "it": ("Le navi sono rimaste in porto: nel Mediterraneo il mare era forza otto.", "Mediterraneo", "Mediterranean"),
}


@pytest.mark.parametrize("key", sorted(SEAS))
def test_a_sea_after_its_article_is_the_sea(key):
    # a sea or a wide region takes an article, as a river does ("in der Nordsee"): not held against it
    text, sea, english = SEAS[key]
    places = {m.text: p.chosen for p in mapgen.find_places(text, key) for m in p.mentions}
    assert places[sea].name == english


def test_a_name_written_with_a_water_word_and_without_is_the_water_and_the_town():
    # "il golfo di Trieste" is no town, "a Trieste" is: the water word speaks for its own mention only
    text = "Disagi sull'altra sponda del golfo di Trieste: a Trieste il traffico è a senso unico, come a Capodistria."
    towns = {m.start: p.chosen for p in mapgen.find_places(text, "it") for m in p.mentions}
    assert towns[text.index("a Trieste") + 2].name == "Trieste"
    assert text.index("di Trieste") + 3 not in towns or towns[text.index("di Trieste") + 3].feature == "site"


def test_a_surname_particle_is_no_preposition_of_place():
    # "van" is Dutch's "from", and the particle of surnames: "Gerrit van Kampen" is a player
    text = "Invaller Gerrit van Kampen scoorde twee keer. Zondag speelt de ploeg uit in Almelo."
    names = {p.name for p in mapgen.find_places(text, "nl")}
    assert "Kampen" not in names
    assert "Almelo" in names


def test_a_town_told_apart_by_its_river_in_brackets():
    text = "Frankfurt (Oder) und das polnische Słubice wollen eine Straßenbahn über die Oder bauen."
    places = {p.name: p.chosen for p in mapgen.find_places(text, "de")}
    assert places["Frankfurt (Oder)"].geonameid == 2925535  # not Frankfurt am Main


@pytest.mark.parametrize(
    ("code", "text", "area"),
    [
        ("de", "Das Hochwasser erreichte am Dienstag Hannover; ganz Niedersachsen ist betroffen.", 2862926),
        ("it", "Allerta meteo a Firenze e a Pisa: in Toscana chiuse le scuole.", 3165361),
        ("nl", "In Alkmaar en Hoorn, in Noord-Holland, viel de stroom uit.", 2749879),
    ],
)
def test_a_first_level_area_by_its_own_name(code, text, area):
    # GeoNames' towns data and pycountry's translations call them Lower Saxony, Tuscany, North Holland only
    assert area in {p.chosen.geonameid for p in mapgen.find_places(text, code)}


def test_a_town_named_in_the_articles_language_is_shown_so():
    # Natural Earth's German and Portuguese names of towns: the page's name, and the article's own
    (geneva,) = [p for p in mapgen.find_places("Die Gespräche in Genf sollen am Montag beginnen.", "de")]
    assert geneva.chosen.name == "Genf"
    places = mapgen.find_places("O primeiro-ministro seguiu depois para Genebra, onde se reuniu com a ONU.", "pt")
    assert [p.chosen.name for p in places] == ["Genebra"]
