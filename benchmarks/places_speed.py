"""`mapgen places` throughput on gwn-dev, today's tree beside a given commit's,
measured in one run and in turns so that the machine's load weighs on both alike.

Each tree runs in a process of its own (two versions of a package cannot share
one), loads its index and spaCy model, reads one text to warm them, then finds
the places of every text, extract and resolve both, as `mapgen places` does.

    python benchmarks/places_speed.py [--before 1196f7c] [--rounds 2] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GWN = ROOT.parent / "shared" / "eval" / "gwn-dev.jsonl"

# run in the tree under test: prints the seconds that finding every text's places took
TIMED = """
import sys, time
from mapgen import find_places
from mapgen.evaluate import load_gold
from mapgen.gazetteer import offline_index
texts = load_gold(sys.argv[1])[: int(sys.argv[2]) or None]
index = offline_index()
find_places(texts[0].text, texts[0].language, index=index)
started = time.perf_counter()
for text in texts:
    find_places(text.text, text.language, index=index)
print(time.perf_counter() - started, len(texts))
"""


def tree_of(commit: str, into: Path) -> Path:
    """The commit's files (git archive), not the checkout's."""
    archive = into / "tree.tar"
    subprocess.run(["git", "archive", "-o", str(archive), commit], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / commit, filter="data")
    return into / commit


def timed(tree: Path, limit: int, cache: Path | None) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if cache is not None:  # a tree of another index schema would delete this one's index, and the reverse
        env["MAPGEN_CACHE"] = str(cache)
    out = subprocess.run(
        [sys.executable, "-c", TIMED, str(GWN), str(limit)], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="1196f7c", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=2, help="turns of before and now")
    parser.add_argument("--limit", type=int, default=0, help="only the first N texts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        trees = {"before": tree_of(args.before, Path(scratch)), "now": ROOT}
        caches = {"before": Path(scratch) / "cache-before", "now": None}  # its index is built once, untimed
        seconds: dict[str, list[float]] = {label: [] for label in trees}
        count = 0
        for _ in range(args.rounds):
            for label, tree in trees.items():
                took, count = timed(tree, args.limit, caches[label])
                seconds[label].append(took)
    print(f"gwn-dev, {count} texts, {args.rounds} rounds in turns (extract and resolve):")
    for label, runs in seconds.items():
        median = statistics.median(runs)
        print(
            f"  {label:6} {args.before if label == 'before' else 'tree':8} {median:6.1f} s  {count / median:5.2f} texts/s"
        )
    ratio = statistics.median(seconds["before"]) / statistics.median(seconds["now"])
    print(f"  now / before throughput: {ratio:.2f}x")


if __name__ == "__main__":
    main()
