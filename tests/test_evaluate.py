"""The measures of the evaluation harness, on texts and answers made by hand."""

import json
import math

import pytest

from mapgen.errors import GoldDataError
from mapgen.evaluate import GoldPlace, GoldText, auc, evaluate, load_gold
from mapgen.model import Candidate, Mention, Place

TEXT = "Storms hit Paris and Lyon, then New York."
GOLD = GoldText(
    "t1",
    TEXT,
    "en",
    (
        GoldPlace("Paris", 11, 16, 48.853, 2.349, "city"),
        GoldPlace("Lyon", 21, 25, 45.748, 4.847, "city"),
        GoldPlace("New York", 32, 40, 40.714, -74.006, "city"),
    ),
)


def answer(*spans):
    """A fake system naming the given (start, end, lat, lon) spans."""

    def system(text, language):
        return [
            Place(
                text[a:b],
                Candidate(None, text[a:b], "city", "XX", lat, lon),
                1.0,
                (Mention(text[a:b], a, b, text, 0, "LOC"),),
            )
            for a, b, lat, lon in spans
        ]

    return system


def test_perfect_answers():
    scores = evaluate([GOLD], answer((11, 16, 48.853, 2.349), (21, 25, 45.748, 4.847), (32, 40, 40.714, -74.006)))
    assert scores.exact == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert scores.resolution["acc161"] == 1.0 and scores.resolution["auc"] == 0.0


def test_exact_and_overlapping_spans_counted_by_hand():
    # "Paris" exact; "Lyon," overlaps but is not exact; "York" overlaps "New York"; one span is no place at all
    scores = evaluate(
        [GOLD], answer((11, 16, 48.853, 2.349), (21, 26, 45.748, 4.847), (36, 40, 40.714, -74.006), (0, 6, 0.0, 0.0))
    )
    assert scores.exact["precision"] == pytest.approx(1 / 4) and scores.exact["recall"] == pytest.approx(1 / 3)
    assert scores.overlap["precision"] == pytest.approx(3 / 4) and scores.overlap["recall"] == 1.0
    assert scores.overlap["f1"] == pytest.approx(2 * 0.75 / 1.75)


def test_resolution_errors_in_km():
    # Lyon put at Paris: about 392 km off; Paris right; New York not found
    scores = evaluate([GOLD], answer((11, 16, 48.853, 2.349), (21, 25, 48.853, 2.349)))
    assert scores.resolution["n"] == 2
    assert scores.resolution["acc161"] == 0.5
    assert scores.resolution["mean_km"] == pytest.approx(392 / 2, rel=0.01)
    assert scores.misses[0]["gold"] == "Lyon" and scores.misses[0]["error_km"] == pytest.approx(392, rel=0.01)
    assert scores.kinds["city"]["recall"] == pytest.approx(2 / 3)


def test_auc_bounds():
    assert auc([0.0, 0.0]) == 0.0
    assert auc([20039.0]) == pytest.approx(1.0)
    assert auc([0.0, 20039.0]) == pytest.approx(0.5)
    assert 0 < auc([100.0]) < math.log(101) / math.log(20040) + 1e-9


def test_bad_gold_files(tmp_path):
    with pytest.raises(GoldDataError, match="no such file"):
        load_gold(tmp_path / "none.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Paris", "places": []}\nnot json\n')
    with pytest.raises(GoldDataError, match=r"bad.jsonl:2: not JSON"):
        load_gold(bad)
    bad.write_text(
        json.dumps({"text": "Paris", "places": [{"name": "Lyon", "start": 0, "end": 4, "lat": 0, "lon": 0}]}) + "\n"
    )
    with pytest.raises(GoldDataError, match="offsets of 'Lyon'"):
        load_gold(bad)


def test_same_place_is_judged_apart_from_the_point_given_to_it():
    # The gold puts Canada at Wikipedia's point; the gazetteer's Canada stands 450 km away.
    text = "Canada and Paris."
    gold = GoldText(
        "t2", text, "en", (GoldPlace("Canada", 0, 6, 60.0, -95.0), GoldPlace("Paris", 11, 16, 48.853, 2.349))
    )
    canada = Candidate(6251999, "Canada", "country", "CA", 57.75, -101.57)
    paris_fr = Candidate(2988507, "Paris", "city", "FR", 48.853, 2.349)
    paris_tx = Candidate(4717560, "Paris", "city", "US", 33.661, -95.556)
    nearest = {"Canada": canada, "Paris": paris_fr}

    def system(text, language):
        return [
            Place(text[a:b], c, 1.0, (Mention(text[a:b], a, b, text, 0, "LOC"),))
            for a, b, c in ((0, 6, canada), (11, 16, paris_tx))
        ]

    scores = evaluate([gold], system, namesake=lambda g: nearest.get(g.name))
    assert scores.resolution["acc161"] == 0.0
    assert scores.same_place["n"] == 2 and scores.same_place["share"] == 0.5
    assert scores.same_place["best_acc161"] == 0.5, "Canada's points lie 450 km apart"
    assert 0 < scores.same_place["best_auc"] < 0.5
    assert set(scores.kinds) == {"country", "city"}


def _marks(*marks):
    """A fake system putting each (start, end, candidate, confidence) on the map."""

    def system(text, language):
        return [Place(text[a:b], c, conf, (Mention(text[a:b], a, b, text, 0, "LOC"),)) for a, b, c, conf in marks]

    return system


def test_right_place_judges_country_and_state_marks_by_the_area_the_gold_point_lies_in():
    text = "Canada, Texas and Paris."
    # gold points far from the gazetteer's (Wikipedia's conventions), but inside the right areas
    gold = GoldText(
        "t3",
        text,
        "en",
        (
            GoldPlace("Canada", 0, 6, 49.3, -123.1, geonameid=6251999),
            GoldPlace("Texas", 8, 13, 29.76, -95.37),
            GoldPlace("Paris", 18, 23, 48.853, 2.349, geonameid=2988507),
        ),
    )
    canada = Candidate(6251999, "Canada", "country", "CA", 57.75, -101.57)
    texas = Candidate(4736286, "Texas", "admin", "US", 31.2, -99.5, 25_000_000, "TX")
    paris_tx = Candidate(4717560, "Paris", "city", "US", 33.661, -95.556)
    scores = evaluate([gold], _marks((0, 6, canada, 1.0), (8, 13, texas, 1.0), (18, 23, paris_tx, 1.0)))
    assert scores.resolution["acc161"] == 0.0, "every point is over 161 km from the gold's"
    assert scores.right_place == {"n": 3, "share": pytest.approx(2 / 3)}
    assert scores.same_id == {"n": 2, "share": 0.5}, "Canada by its area; Paris of Texas is not the gold's Paris"


def test_optional_toponyms_are_neither_required_nor_wrong():
    text = "Moscow denied that Kyiv was hit."
    gold = GoldText("t4", text, "en", (GoldPlace("Kyiv", 19, 23, 50.45, 30.52),), optional=((0, 6),))
    moscow = Candidate(524901, "Moscow", "city", "RU", 55.75, 37.62)
    kyiv = Candidate(703448, "Kyiv", "city", "UA", 50.45, 30.52)
    marked = evaluate([gold], _marks((0, 6, moscow, 1.0), (19, 23, kyiv, 1.0)))
    skipped = evaluate([gold], _marks((19, 23, kyiv, 1.0)))
    assert marked.overlap == skipped.overlap == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_calibration_compares_confidence_with_the_share_right():
    text = "Paris."
    gold = GoldText("t5", text, "en", (GoldPlace("Paris", 0, 5, 48.853, 2.349),))
    paris_tx = Candidate(4717560, "Paris", "city", "US", 33.661, -95.556)
    wrong_but_sure = evaluate([gold], _marks((0, 5, paris_tx, 0.9)))
    assert wrong_but_sure.calibration["brier"] == pytest.approx(0.81)
    assert wrong_but_sure.calibration["deciles"] == [(1, 0.9, 0.0)]
    assert wrong_but_sure.calibration["worst_gap"] == pytest.approx(0.9)


def test_an_empty_map_is_counted_when_the_gold_names_a_known_place():
    text = "Paris."
    gold = GoldText("t6", text, "en", (GoldPlace("Paris", 0, 5, 48.853, 2.349),))
    paris = Candidate(2988507, "Paris", "city", "FR", 48.853, 2.349)
    assert evaluate([gold], _marks(), namesake=lambda g: paris).empty_maps == 1
    assert evaluate([gold], _marks(), namesake=lambda g: None).empty_maps == 0


def test_a_wide_mark_is_judged_by_its_extent_not_its_one_point():
    # Each gold point lies far from the mark's point but inside what the mark covers: a region of
    # countries, a sea's box, the two halves of an ocean, a continent's countries, the Midwest's states.
    text = "Middle East, North Sea, Atlantic, Europe, Midwest; Middle East."
    regions = "mapgen regions"
    marks = [
        (0, 11, Candidate(None, "Middle East", "region", None, 29.0, 45.0, source=regions), 33.89, 35.50),
        (13, 22, Candidate(None, "North Sea", "region", None, 56.0, 3.0, source=regions), 60.3, 4.5),
        (24, 32, Candidate(None, "Atlantic Ocean", "region", None, 30.0, -40.0, source=regions), -20.0, -10.0),
        (34, 40, Candidate(6255148, "Europe", "continent", None, 48.69, 9.14), 38.72, -9.14),
        (42, 49, Candidate(None, "Midwest", "region", "US", 42.0, -90.0, source=regions), 39.96, -82.99),
    ]
    places = tuple(GoldPlace(text[a:b], a, b, lat, lon, geonameid=1) for a, b, _, lat, lon in marks)
    outside = GoldPlace("Middle East", 51, 62, 48.85, 2.35, geonameid=1)  # Paris: no part of the Middle East
    gold = GoldText("t5", text, "en", (*places, outside))
    scores = evaluate([gold], _marks(*((a, b, c, 1.0) for a, b, c, _, _ in marks), (51, 62, marks[0][2], 1.0)))
    assert scores.right_place == {"n": 6, "share": 5 / 6}
    assert scores.same_id == {"n": 6, "share": 5 / 6}
