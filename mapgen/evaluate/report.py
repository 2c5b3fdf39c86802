"""What `mapgen eval` prints: mapgen beside the geotext baseline on the same texts."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from .gold import load_gold
from .judges import AreaJudge, nearest_namesake
from .measures import OnError, Scores, evaluate
from .systems import geotext_system, mapgen_system


def compare(
    path: str | Path,
    *,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_error: OnError | None = None,
) -> dict[str, Scores]:
    """mapgen and the geotext baseline on the same texts: those mapgen fails on
    are reported to `on_error` and left out for both."""
    from ..gazetteer import offline_index

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
    lines.append(f"{'wrong markers flagged':34} {ours.flags['wrong_flagged']:9.3f}   of {ours.flags['wrong']}")
    lines.append(f"{'right markers flagged':34} {ours.flags['right_flagged']:9.3f}   of {ours.flags['right']}")
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
