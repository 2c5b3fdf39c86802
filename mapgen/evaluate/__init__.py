"""Measure the geoparser against annotated texts, beside a baseline.

The measures are the usual ones of geoparsing (Gritta et al. 2018, "What's
missing in geographical parsing?"): precision, recall and F1 of the predicted
spans, with exact and with overlapping spans; then, over the gold names that
were recognised, the share resolved within 161 km (100 miles), the mean and
median error, and the AUC of the log-error curve. The baseline is geotext with
the most populous namesake as its answer, run on the same texts.

gold.py reads the annotated texts, systems.py runs mapgen and the baseline on
them, judges.py says whether a guess is the gold's place
(extents.py: what a wide mark covers, for judging it by its extent), measures.py scores a
system, and report.py prints the two side by side.
"""

from __future__ import annotations

from .gold import GoldPlace, GoldText, load_gold
from .judges import TOLERANCE_KM, AreaJudge, Namesake, nearest_namesake
from .measures import OnError, Scores, auc, calibration, evaluate
from .report import compare, report, run
from .systems import Guess, System, geotext_system, guesses, mapgen_system

__all__ = [
    "TOLERANCE_KM",
    "AreaJudge",
    "GoldPlace",
    "GoldText",
    "Guess",
    "Namesake",
    "OnError",
    "Scores",
    "System",
    "auc",
    "calibration",
    "compare",
    "evaluate",
    "geotext_system",
    "guesses",
    "load_gold",
    "mapgen_system",
    "nearest_namesake",
    "report",
    "run",
]
