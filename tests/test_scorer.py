"""The scorer's calibration: a marker's confidence is the share of such markers
that are right, and some evidence says more about that than the model's chance."""

import json

import pytest

from mapgen.model import Evidence
from mapgen.resolve.scorer import CALIBRATION_EVIDENCE, default_weights, read_weights, write_weights


def test_evidence_moves_the_confidence_of_a_marker_as_its_weight_says():
    weights = read_weights(json.dumps({"weights": {}, "keep_above": 0.5, "calibration": [1.0, 0.0, -2.0]}))
    assert CALIBRATION_EVIDENCE[0] == "unsure_label"
    sure, unsure = Evidence(), Evidence(unsure_label=1.0)
    assert weights.calibrated(0.9, sure) == pytest.approx(0.9)
    assert weights.calibrated(0.9, unsure) == pytest.approx(1 / (1 + 9**-1 * 2.718281828**2))


def test_a_weights_file_of_two_calibration_numbers_still_reads():
    weights = read_weights(json.dumps({"weights": {}, "keep_above": 0.5, "calibration": [0.5, 0.0]}))
    assert weights.calibrated(0.8, Evidence(unsure_label=1.0, namesakes=3.0)) == pytest.approx(2 / 3)


def test_the_shipped_weights_calibrate_on_every_calibration_evidence_and_write_back_the_same():
    weights = default_weights()
    assert len(weights.calibration) == 2 + len(CALIBRATION_EVIDENCE)
    assert read_weights(write_weights(weights, {})) == weights
