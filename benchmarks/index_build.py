"""The default index's build (`mapgen index`) of this tree beside a git revision's, in one run.

The machine is shared, so the two are measured turn about, each in a fresh
cache, and compared by their medians: CPU seconds (what the build itself
costs), wall seconds and peak memory, against the budget of 30 s and 700 MB.

    python benchmarks/index_build.py [--baseline REV] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from speed import baseline_index_build, timed_with_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default="main", metavar="REV", help="the git revision to compare with")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ours, theirs = [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            theirs.append(baseline_index_build(args.baseline, Path(tmp)))
            env = {**os.environ, "MAPGEN_CACHE": str(Path(tmp) / "cache")}
            ours.append(timed_with_cpu([sys.executable, "-m", "mapgen.cli", "index"], env))
        print(f"run {run + 1}: ours {ours[-1][1]:.1f} s CPU, {args.baseline} {theirs[-1][1]:.1f} s CPU", flush=True)
    (wall, cpu, peak), (b_wall, b_cpu, b_peak) = (
        tuple(statistics.median(r[i] for r in runs) for i in range(3)) for runs in (ours, theirs)
    )
    print(f"{'':24} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}   (medians of {args.runs}, turn about)")
    print(f"{'this tree':24} {wall:8.1f} {cpu:8.1f} {peak:8.0f}")
    print(f"{args.baseline:24} {b_wall:8.1f} {b_cpu:8.1f} {b_peak:8.0f}")
    print(f"{'ratio (ours / theirs)':24} {wall / b_wall:8.2f} {cpu / b_cpu:8.2f} {peak / b_peak:8.2f}")
    print(
        f"budget: ≤ 30 s: {'PASS' if wall <= 30 else 'FAIL'} (CPU {cpu:.1f} s); "
        f"≤ 700 MB: {'PASS' if peak <= 700 else 'FAIL'}"
    )


if __name__ == "__main__":
    main()
