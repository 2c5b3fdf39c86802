"""Combine a candidate's evidence into a probability, with weights fit on data.

The weights live in data/resolver-weights.json, written by
`python benchmarks/fit_resolver.py`: a conditional logit (McFadden's choice
model) over each name's candidates and a "none of them" answer of score 0, fit
on the dev sets' annotated articles. A candidate's probability is
exp(score) / (1 + Σ exp(score of every candidate)); the "1" is the chance that
the name stands for no place the gazetteer offers, or for none at all.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import starmap
from operator import mul

from ..model import EVIDENCE, Evidence


@dataclass(frozen=True)
class Weights:
    """How much each piece of evidence counts, in log-odds, and the least
    probability a place needs to be put on the map."""

    weights: tuple[float, ...]  # in the order of model.EVIDENCE
    keep_above: float
    # Platt scaling that turns the model's chance of a marker into the share of such
    # markers that are right, fit on the dev sets: slope and intercept on the log-odds,
    # then one weight for each of CALIBRATION_EVIDENCE (missing ones count 0)
    calibration: tuple[float, ...] = (1.0, 0.0)
    # Markers under this confidence are to be checked: the line is fit on the dev sets, as the
    # lowest that flags at most one right marker in ten (a flag on every marker would say nothing)
    check_below: float = 0.5

    def score(self, evidence: Evidence) -> float:
        # the products summed in the same order as a generator would, without its frame for each of
        # 35 terms: asked of every candidate in each of resolve's three passes
        return sum(starmap(mul, zip(self.weights, evidence.vector(), strict=True)))

    def calibrated(self, chance: float, evidence: Evidence | None = None) -> float:
        chance = min(max(chance, 1e-6), 1 - 1e-6)
        slope, intercept, *rest = self.calibration
        shift = sum(w * x for w, x in zip(rest, calibration_vector(evidence or Evidence()), strict=False))
        return 1 / (1 + math.exp(-(slope * math.log(chance / (1 - chance)) + intercept + shift)))


# Evidence that says how often a marker this likely is right, beyond its chance: the
# model's chances are too high for names NER did not call places (streets and buildings
# the dev sets leave out) and for those only the gazetteer proposed, for names with many
# namesakes, and for places far from the article's others, and too low for villages
# that others vouch for (tenths off by up to 0.17 on gwn-dev with the log-odds alone).
CALIBRATION_EVIDENCE = (
    "unsure_label",
    "namesakes",
    "far_from_settled",
    "area",
    "from_gazetteer",
    "neighbours",
    "in_institution",
    "named_person",
    "runs_into_name",
)


def calibration_vector(evidence: Evidence) -> list[float]:
    return [float(getattr(evidence, name)) for name in CALIBRATION_EVIDENCE]


def probabilities(scores: list[float]) -> list[float]:
    """Each candidate's probability beside "none of them", whatever the scores
    (a vetoed candidate's -inf gives 0; never an overflow)."""
    top = max([0.0, *scores])
    exps = [math.exp(s - top) for s in scores]
    total = math.exp(-top) + sum(exps)
    return [e / total for e in exps]


@cache
def default_weights() -> Weights:
    return read_weights(resources.files("mapgen").joinpath("data", WEIGHTS_FILE).read_text("utf-8"))


WEIGHTS_FILE = "resolver-weights.json"


def read_weights(text: str) -> Weights:
    record = json.loads(text)
    by_name = record["weights"]
    calibration = tuple(float(v) for v in record.get("calibration", (1.0, 0.0)))
    return Weights(
        tuple(float(by_name.get(f, 0.0)) for f in EVIDENCE),
        float(record["keep_above"]),
        calibration,
        float(record.get("check_below", 0.5)),
    )


def write_weights(weights: Weights, note: dict) -> str:
    """The weights file's text: each weight by its evidence's name, and how it was fit."""
    return (
        json.dumps(
            {
                "weights": {f: round(w, 4) for f, w in zip(EVIDENCE, weights.weights, strict=True)},
                "keep_above": round(weights.keep_above, 3),
                "calibration": [round(v, 4) for v in weights.calibration],
                "check_below": round(weights.check_below, 3),
                "fit": note,
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n"
    )
