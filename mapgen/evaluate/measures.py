"""The measures of one system on a set of annotated texts (Gritta et al. 2018)."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..geo import distance_km
from .gold import GoldPlace, GoldText
from .judges import TOLERANCE_KM, AreaJudge, Namesake, same_place
from .systems import Guess, System, guesses

HALF_EARTH_KM = 20039.0  # the largest possible error
KINDS = {
    "city": "city",
    "admin": "admin",
    "country": "country",
    "continent": "continent/region",
    "region": "continent/region",
    "feature": "feature",  # a river, a mountain, a lake: our own sets' kind
    "site": "feature",  # the same, as the index holds it (Natural Earth, GeoNames dumps)
}


@dataclass
class Scores:
    """The measures of one system on one set of texts."""

    texts: int = 0
    gold: int = 0
    predicted: int = 0
    exact: dict = field(default_factory=dict)  # precision, recall, f1
    overlap: dict = field(default_factory=dict)
    resolution: dict = field(default_factory=dict)  # n, acc161, mean_km, median_km, auc
    kinds: dict = field(default_factory=dict)  # kind -> n, recall, acc161, median_km
    # n, share: the gold's own place chosen; best_acc161, best_auc: the measures
    # that choosing it every time would give, with the gazetteer's points
    same_place: dict = field(default_factory=dict)
    right_place: dict = field(default_factory=dict)  # n, share: see AreaJudge
    same_id: dict = field(default_factory=dict)  # n, share over gold names with a GeoNames id
    calibration: dict = field(default_factory=dict)  # brier, deciles: [(n, mean confidence, share right)]
    # wrong, right: how many marks; wrong_flagged, right_flagged: the share of them marked for a desk to check
    flags: dict = field(default_factory=dict)
    empty_maps: int = 0  # texts given no place, whose gold names one the gazetteer holds
    misses: list = field(default_factory=list)  # the worst resolutions
    seconds: float = 0.0

    @property
    def texts_per_second(self) -> float:
        return self.texts / self.seconds if self.seconds else 0.0


OnError = Callable[[str, Exception], object]  # a text's id and what went wrong


def evaluate(
    texts: list[GoldText],
    system: System,
    *,
    namesake: Namesake | None = None,
    areas: AreaJudge | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_error: OnError | None = None,
) -> Scores:
    """Run the system on every text and measure it.

    `namesake` gives the gazetteer's place that a gold name stands for (see
    nearest_namesake): it tells each gold name's kind where the file does not,
    and whether the system chose that very place, whatever point it gave it.
    `areas` judges country and state marks by the area the gold point lies in.
    With `on_error`, a text the system fails on is reported to it and left out
    of the measures, and the other texts go on.
    """
    namesake = namesake or (lambda gold: None)
    areas = areas or AreaJudge()
    counts = {"exact": 0, "overlap": 0, "judged": 0, "same": 0, "right": 0, "with_id": 0, "same_id": 0, "empty": 0}
    predicted, errors, misses, least_errors, judged = 0, [], [], [], []
    flags: list[tuple[bool, bool]] = []  # (flagged, right) of each mark
    by_kind: dict[str, dict] = {}
    start = time.perf_counter()
    measured: list[GoldText] = []  # the texts the system did not fail on
    for i, gold_text in enumerate(texts, 1):
        try:
            answer = guesses(system(gold_text.text, gold_text.language))
        except Exception as err:  # the one text's failure, reported; the others go on
            if on_error is None:
                raise
            on_error(gold_text.id, err)
            if progress:
                progress(i, len(texts))
            continue
        measured.append(gold_text)
        references = [namesake(gold) for gold in gold_text.places]
        counts["empty"] += not answer and any(r is not None for r in references)
        answer = _without_optional(gold_text, answer)
        predicted += len(answer)
        counts["exact"] += len(_pairs(gold_text.places, answer, exact=True))
        pairs = dict(_pairs(gold_text.places, answer, exact=False))
        counts["overlap"] += len(pairs)
        for g, (gold, reference) in enumerate(zip(gold_text.places, references, strict=True)):
            if reference is not None:
                least_errors.append(distance_km(gold.lat, gold.lon, reference.lat, reference.lon))
            kind = by_kind.setdefault(_kind(gold, reference), {"n": 0, "found": 0, "errors": []})
            kind["n"] += 1
            if g in pairs:
                guess = answer[pairs[g]]
                error = distance_km(gold.lat, gold.lon, guess.lat, guess.lon)
                errors.append(error)
                kind["found"] += 1
                kind["errors"].append(error)
                right = areas.right_place(gold, guess)
                counts["right"] += right
                judged.append((guess.confidence, right))
                flags.append((guess.flagged, right))
                if not right:
                    misses.append((error, gold_text.id, gold, guess))
                if gold.geonameid is not None:
                    counts["with_id"] += 1
                    counts["same_id"] += areas.same_place(gold, guess)
                if reference is not None:
                    counts["judged"] += 1
                    counts["same"] += same_place(guess, reference)
        # a marker on no place of the gold is wrong too, however sure
        judged.extend((guess.confidence, False) for a, guess in enumerate(answer) if a not in pairs.values())
        flags.extend((guess.flagged, False) for a, guess in enumerate(answer) if a not in pairs.values())
        if progress:
            progress(i, len(texts))
    seconds = time.perf_counter() - start
    gold_count = sum(len(t.places) for t in measured)
    misses.sort(key=lambda m: (-m[0], m[1], m[2].start))
    best = _resolution(least_errors)
    return Scores(
        texts=len(measured),
        gold=gold_count,
        predicted=predicted,
        exact=_prf(counts["exact"], predicted, gold_count),
        overlap=_prf(counts["overlap"], predicted, gold_count),
        resolution=_resolution(errors),
        same_place={
            "n": counts["judged"],
            "share": _ratio(counts["same"], counts["judged"]),
            "best_acc161": best["acc161"],
            "best_auc": best["auc"],
        },
        right_place={"n": len(errors), "share": _ratio(counts["right"], len(errors))},
        same_id={"n": counts["with_id"], "share": _ratio(counts["same_id"], counts["with_id"])},
        calibration=calibration(judged),
        flags=flagged(flags),
        empty_maps=counts["empty"],
        kinds={
            k: {"n": v["n"], "recall": _ratio(v["found"], v["n"]), **_resolution(v["errors"])}
            for k, v in sorted(by_kind.items())
        },
        misses=[_miss(*m) for m in misses[:20]],
        seconds=seconds,
    )


def _without_optional(gold_text: GoldText, answer: list[Guess]) -> list[Guess]:
    """The guesses less those on an associative toponym that no literal one overlaps:
    marking "Moscow denied" is neither right nor wrong."""
    return [
        guess
        for guess in answer
        if not any(a < guess.end and guess.start < b for a, b in gold_text.optional)
        or any(g.start < guess.end and guess.start < g.end for g in gold_text.places)
    ]


def flagged(flags: list[tuple[bool, bool]]) -> dict:
    """How well the check flag points a desk at the wrong marks: the share of the
    wrong marks it flags (the more the better) and of the right ones (the fewer)."""
    wrong = [f for f, right in flags if not right]
    good = [f for f, right in flags if right]
    return {
        "wrong": len(wrong),
        "wrong_flagged": _ratio(sum(wrong), len(wrong)),
        "right": len(good),
        "right_flagged": _ratio(sum(good), len(good)),
    }


def calibration(judged: list[tuple[float, bool]], groups: int = 10) -> dict:
    """The Brier score and, for each tenth of the marks sorted by confidence,
    its mean confidence beside the share of it that is right (the right place
    of a gold name; a mark on no gold name is wrong): calibrated confidence has
    the two close (among places given 0.9, about 90% right)."""
    if not judged:
        return {"brier": 0.0, "deciles": [], "worst_gap": 0.0}
    ordered = sorted(judged)
    deciles = []
    for k in range(groups):
        part = ordered[k * len(ordered) // groups : (k + 1) * len(ordered) // groups]
        if part:
            deciles.append(
                (len(part), statistics.fmean(c for c, _ in part), statistics.fmean(float(r) for _, r in part))
            )
    return {
        "brier": statistics.fmean((c - r) ** 2 for c, r in judged),
        "deciles": deciles,
        "worst_gap": max(abs(c - r) for _, c, r in deciles),
    }


def _pairs(gold: tuple[GoldPlace, ...], answer: list[Guess], *, exact: bool) -> list[tuple[int, int]]:
    """Gold and predicted spans matched one to one, in text order."""
    used, pairs = set(), []
    for g, place in enumerate(gold):
        for a, guess in enumerate(answer):
            if a in used:
                continue
            same = (guess.start, guess.end) == (place.start, place.end)
            if same if exact else (guess.start < place.end and place.start < guess.end):
                used.add(a)
                pairs.append((g, a))
                break
    return pairs


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _prf(right: int, predicted: int, gold: int) -> dict:
    precision, recall = _ratio(right, predicted), _ratio(right, gold)
    return {"precision": precision, "recall": recall, "f1": _ratio(2 * precision * recall, precision + recall)}


def _resolution(errors: list[float]) -> dict:
    if not errors:
        return {"n": 0, "acc161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0}
    return {
        "n": len(errors),
        "acc161": _ratio(sum(e <= TOLERANCE_KM for e in errors), len(errors)),
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
        "auc": auc(errors),
    }


def auc(errors: list[float]) -> float:
    """Area under the curve of the sorted errors on a log scale, normalised to 0..1.

    Each name's error is ln(1 + km) / ln(20039 km), 0 for a perfect answer and 1
    for the antipode; with the names spread evenly along the x axis the area is
    the mean of those values (lower is better).
    """
    return statistics.fmean(math.log1p(e) / math.log1p(HALF_EARTH_KM) for e in errors)


def _miss(error: float, text_id: str, gold: GoldPlace, guess: Guess) -> dict:
    return {
        "text": text_id,
        "gold": gold.name,
        "gold_lat": gold.lat,
        "gold_lon": gold.lon,
        "chosen": guess.name,
        "country": guess.country,
        "feature": guess.feature,
        "lat": round(guess.lat, 4),
        "lon": round(guess.lon, 4),
        "error_km": round(error),
    }


def _kind(gold: GoldPlace, reference) -> str:
    if gold.kind:
        return KINDS.get(gold.kind, "unknown")
    return KINDS[reference.feature] if reference is not None else "unknown"
