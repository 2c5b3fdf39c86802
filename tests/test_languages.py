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
