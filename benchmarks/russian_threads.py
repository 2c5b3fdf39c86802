"""Russian articles read by natasha, this tree beside a git revision's, turn about in one run,
on a machine kept busy: the cost of natasha's arrays on several BLAS threads (issue 26).

Each side, in a fresh process with the revision's mapgen, finds the places of the first --texts
Russian dev passages (benchmarks/data/ru-dev.jsonl), load included. With --busy (the default,
one per core), as many `yes > /dev/null` run for the time of the measures: a loaded machine,
where threads that wait on each other cost most. Prints the medians of wall and CPU seconds and
this tree's ratio to the revision's.

    python benchmarks/russian_threads.py [--against main] [--runs 3] [--texts 20] [--busy N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from speed import ROOT, timed_with_cpu
from warm_build import _checkout, _environ

READ = """
import json, sys, warnings
warnings.simplefilter("ignore")
import mapgen
from mapgen.gazetteer import offline_index
index = offline_index()
for line in list(open(sys.argv[1], encoding="utf-8"))[: int(sys.argv[2])]:
    mapgen.find_places(mapgen.Article(json.loads(line)["text"], "ru", "-"), index=index)
"""


@contextmanager
def busy(count: int):
    """`count` processes spinning on a core each, for the time of the block."""
    spinners = [subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) for _ in range(count)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default="main", metavar="REV")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--texts", type=int, default=20)
    parser.add_argument("--busy", type=int, default=os.cpu_count() or 1, help="spinning processes (0: none)")
    args = parser.parse_args()
    passages = ROOT / "benchmarks" / "data" / "ru-dev.jsonl"
    with tempfile.TemporaryDirectory() as folder:
        sides = {
            "this tree": {**_environ(), "PYTHONPATH": str(ROOT)},
            args.against: {**_environ(), "PYTHONPATH": str(_checkout(args.against, Path(folder)))},
        }
        command = [sys.executable, "-c", READ, str(passages), str(args.texts)]
        here = Path(folder)  # not this tree's folder: `python -c` imports the package of its folder first
        for env in sides.values():
            timed_with_cpu(command, env, cwd=here)  # the caches both read made, and the files in the page cache
        times: dict[str, list[tuple[float, float, float]]] = {side: [] for side in sides}
        with busy(args.busy):
            for k in range(args.runs):
                for side, env in sides.items() if k % 2 else reversed(sides.items()):
                    times[side].append(timed_with_cpu(command, env, cwd=here))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{args.texts} Russian passages, a fresh process each run, {args.busy} busy process(es) beside: "
        f"medians of {args.runs}, turn about (load {load})"
    )
    print(f"{'':24} {'wall s':>8} {'CPU s':>8}")
    medians = {side: [statistics.median(t[i] for t in runs) for i in range(2)] for side, runs in times.items()}
    for side, (wall, cpu) in medians.items():
        print(f"{side:24} {wall:8.2f} {cpu:8.2f}")
    ours, theirs = medians["this tree"], medians[args.against]
    print(f"{'ratio (ours / theirs)':24} {ours[0] / theirs[0]:8.2f} {ours[1] / theirs[1]:8.2f}")


if __name__ == "__main__":
    main()
