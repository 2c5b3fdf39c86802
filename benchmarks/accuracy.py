"""Accuracy on every development set, against the targets, beside the geotext baseline.

For each dev set (GeoVirus dev in ../shared/eval, and ours in benchmarks/data)
it prints the `mapgen eval` report and a table of the targets, each beside the
best that resolving every name to its own place would reach with the
gazetteer's points (the gold's points for wide areas follow another
convention, Wikipedia's, which no package on PyPI ships); then the seed
article against its gold answer; then what the loose spelling match adds:
how many names it resolved and how many of those are wrong.

The resolver's weights are fit on these very sets, so the figures here are
not what an unseen article gets: `python benchmarks/fit_resolver.py` prints
the cross-validated ones (each text resolved with weights fit on the others).

With --with-fixture-countries, the test fixture's France and United States
(a few hundred rows each in GeoNames' own format, tests/data/geonames) are
first added with `mapgen gazetteer add`, served from 127.0.0.1, to a cache of
their own beside the default index: how the resolver fares when an added
country brings namesakes and places the default index lacks.

    python benchmarks/accuracy.py [--limit N] [--with-fixture-countries]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from mapgen import find_places, read_article
from mapgen.evaluate import compare, load_gold, report
from mapgen.evaluate.map_check import check_map
from mapgen.gazetteer import offline_index
from mapgen.geo import distance_km

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURE = ROOT / "tests" / "data" / "geonames"
# label, measure, goal, sense, and the best the gazetteer's points allow (None: no such bound)
TARGETS = [
    ("recognition F1 (exact)", lambda s: s.exact["f1"], 0.85, "≥", None),
    ("recognition F1 (overlap)", lambda s: s.overlap["f1"], 0.85, "≥", None),
    ("accuracy@161 km", lambda s: s.resolution["acc161"], 0.90, "≥", lambda s: s.same_place["best_acc161"]),
    ("AUC of log error", lambda s: s.resolution["auc"], 0.10, "≤", lambda s: s.same_place["best_auc"]),
    ("calibration: worst tenth off by", lambda s: s.calibration["worst_gap"], 0.10, "≤", None),
    ("empty maps", lambda s: s.empty_maps, 0, "≤", None),
]
# issue 9's targets for a set, beside those above
SET_TARGETS = {
    "gwn-dev.jsonl": [
        ("same place (GeoNames id)", lambda s: s.same_id["share"], 0.95, "≥", None),
        ("right place", lambda s: s.right_place["share"], 0.95, "≥", None),
        ("recognition precision (overlap)", lambda s: s.overlap["precision"], 0.95, "≥", None),
        ("recognition recall (overlap)", lambda s: s.overlap["recall"], 0.70, "≥", None),
    ],
    "geovirus-dev.jsonl": [
        ("right place", lambda s: s.right_place["share"], 0.97, "≥", None),
        ("recognition F1 (overlap)", lambda s: s.overlap["f1"], 0.93, "≥", None),
    ],
}


def dev_sets() -> list[Path]:
    return sorted((SHARED / "eval").glob("*.jsonl")) + sorted((ROOT / "benchmarks" / "data").glob("*.jsonl"))


def targets_table(ours, peer, set_name: str = "") -> str:
    lines = [f"{'target':32} {'goal':>7} {'mapgen':>8} {'':5} {'geotext':>8}  beats peer  best reachable"]
    for label, get, goal, sense, best in TARGETS + SET_TARGETS.get(set_name, []):
        a, b = get(ours), get(peer)
        met = a >= goal if sense == "≥" else a <= goal
        better = a > b if sense == "≥" else a < b
        bound = f"{best(ours):8.3f}" if best else ""
        lines.append(
            f"{label:32} {sense}{goal:6.2f} {a:8.3f} {'PASS' if met else 'FAIL':5} {b:8.3f}  "
            f"{'yes' if better else 'NO ':3}      {bound}"
        )
    lines.append(f"{'throughput':32} {'':7} {ours.texts_per_second:8.1f} texts/s")
    return "\n".join(lines)


def seed_section() -> str:
    gold = json.loads((SHARED / "seed" / "seed.gold.json").read_text("utf-8"))
    places = find_places(read_article(SHARED / "seed" / gold["article"]))
    check = check_map(gold, places)
    return (
        f"seed: {check.right_markers}/{check.markers} markers right, {len(check.extra)} other point markers "
        f"{list(check.extra) or ''}, {len(check.traps)} traps on the map {list(check.traps) or ''}, "
        f"{len(gold['countries']) - len(check.countries_missed)}/{len(gold['countries'])} countries recognised "
        "as countries"
    )


def loose_matches(paths: list[Path]) -> str:
    """Names resolved only through the loose skeleton match, and how many of them are wrong:
    a span no gold name overlaps, or a point over 161 km from the gold one."""
    geocoder = offline_index()
    lines = []
    for path in paths:
        made = wrong = 0
        for text in load_gold(path):
            for place in find_places(text.text, text.language, geocoder=geocoder):
                if not (place.evidence and place.evidence.loose):
                    continue
                for m in place.mentions:
                    made += 1
                    gold = [g for g in text.places if g.start < m.end and m.start < g.end]
                    if not gold or distance_km(gold[0].lat, gold[0].lon, place.chosen.lat, place.chosen.lon) > 161:
                        wrong += 1
        lines.append(f"{path.name}: {made} mentions resolved by loose spelling, {wrong} of them wrong")
    return "\n".join(lines)


@contextmanager
def fixture_countries_added() -> Iterator[None]:
    """The fixture's FR and US added to a cache of their own, the default index beside them, for the block."""
    from speed import served

    from mapgen.gazetteer import default_path
    from mapgen.gazetteer.added import add

    offline_index()  # the default index, built first if this machine has none
    with tempfile.TemporaryDirectory() as folder:
        mirror, cache = Path(folder) / "mirror", Path(folder) / "cache"
        (mirror / "alternatenames").mkdir(parents=True)
        cache.mkdir()
        for member in ("FR.txt", "US.txt", "alternatenames/FR.txt"):
            with zipfile.ZipFile(mirror / member.replace(".txt", ".zip"), "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(FIXTURE / member, Path(member).name)
        for codes in ("admin1CodesASCII.txt", "admin2Codes.txt"):
            shutil.copy(FIXTURE / codes, mirror / codes)
        (cache / default_path().name).symlink_to(default_path())
        with served(mirror) as url:
            added = add(["FR", "US"], url=url, cache=cache)
        print(f"added from the fixture: {', '.join(f'{c.code} ({c.places:,} places)' for c in added)}\n")
        before = os.environ.get("MAPGEN_CACHE")
        os.environ["MAPGEN_CACHE"] = str(cache)
        try:
            yield
        finally:
            if before is None:
                del os.environ["MAPGEN_CACHE"]
            else:
                os.environ["MAPGEN_CACHE"] = before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N texts of each set")
    parser.add_argument("--with-fixture-countries", action="store_true", help="add the test fixture's FR and US first")
    args = parser.parse_args()
    with fixture_countries_added() if args.with_fixture_countries else nullcontext():
        measure(args.limit)


def measure(limit: int | None) -> None:
    paths = dev_sets()
    for path in paths:
        scores = compare(path, limit=limit)
        print(report(path.name, scores["mapgen"], scores["geotext"]))
        print()
        print(targets_table(scores["mapgen"], scores["geotext"], path.name))
        print("\n" + "=" * 78 + "\n")
    print(seed_section())
    print()
    print(loose_matches(paths))


if __name__ == "__main__":
    main()
