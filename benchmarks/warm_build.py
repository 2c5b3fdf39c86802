"""Warm `mapgen build` of an article (the seed by default) with this tree beside a git
revision's, in one run, optionally with a large generated country added to both.

Each side has a cache of its own, built and warmed first (index, trimmed
pipeline, any copies it keeps); then the two build the article turn about, so
that the machine's load weighs on both alike. Prints the medians of wall time,
CPU time and peak memory, and their ratios, against the issue's budget (1.5 s,
400 MB with one large country added).

With --new-text each build is of a text not read before (the article and a
number of its own), so that no copy of an earlier reading is reused: the figure
for a first build of an article on a warm machine; without, a rebuild of the same article.

    python benchmarks/warm_build.py [ARTICLE] [--baseline REV] [--runs N] [--country-rows N] [--new-text]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from speed import ROOT, SEED, served, timed_with_cpu, write_country


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("article", nargs="?", default=str(SEED))
    parser.add_argument("--baseline", default="main", metavar="REV")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--country-rows", type=int, default=0, help="a generated country of N features added to both")
    parser.add_argument("--new-text", action="store_true", help="a text never read before at each build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        checkout = tmp / "baseline"
        checkout.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.baseline, "mapgen"], check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive.stdout, check=True)
        sides = {
            "this tree": {**os.environ, "PYTHONPATH": str(ROOT), "MAPGEN_CACHE": str(tmp / "ours")},
            args.baseline: {**os.environ, "PYTHONPATH": str(checkout), "MAPGEN_CACHE": str(tmp / "theirs")},
        }
        mapgen = [sys.executable, "-m", "mapgen.cli"]

        def build(run: int | str) -> list[str]:
            article = Path(args.article)
            if args.new_text:
                article = tmp / f"{run}-{article.name}"
                article.write_text(f"{Path(args.article).read_text('utf-8')}\n\n{run}\n", "utf-8")
            return [*mapgen, "build", str(article), "-o", str(tmp / "site"), "--force"]

        mirror = tmp / "mirror"
        if args.country_rows:
            write_country(mirror, "XL", args.country_rows)
        for env in sides.values():
            run([*mapgen, "index"], env, tmp)
            if args.country_rows:
                add_country(mapgen, mirror, env, tmp)
            run(build("first"), env, tmp)  # the first run makes what a warm run reads
        times: dict[str, list[tuple[float, float, float]]] = {side: [] for side in sides}
        for k in range(args.runs):
            for n, (side, env) in enumerate(reversed(sides.items())):
                times[side].append(timed_with_cpu(build(f"{k}{n}"), env, cwd=tmp))
    added = f", a generated country of {args.country_rows:,} features added" if args.country_rows else ""
    what = "a text never read before" if args.new_text else "the same text again"
    print(f"warm mapgen build of {Path(args.article).name} ({what}){added}: medians of {args.runs}, turn about")
    print(f"{'':24} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}")
    medians = {side: [statistics.median(t[i] for t in runs) for i in range(3)] for side, runs in times.items()}
    for side, (wall, cpu, peak) in medians.items():
        print(f"{side:24} {wall:8.2f} {cpu:8.2f} {peak:8.0f}")
    ours, theirs = medians["this tree"], medians[args.baseline]
    print(
        f"{'ratio (ours / theirs)':24} {ours[0] / theirs[0]:8.2f} {ours[1] / theirs[1]:8.2f} {ours[2] / theirs[2]:8.2f}"
    )
    print(f"budget: ≤ 1.5 s: {'PASS' if ours[0] <= 1.5 else 'FAIL'}; ≤ 400 MB: {'PASS' if ours[2] <= 400 else 'FAIL'}")


def run(command: list[str], env: dict, cwd: Path) -> None:
    subprocess.run(command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def add_country(mapgen: list[str], mirror: Path, env: dict, cwd: Path) -> None:
    """`mapgen gazetteer add XL` from the generated dump, served on 127.0.0.1 for the time of the add."""
    with served(mirror) as url:
        run([*mapgen, "gazetteer", "add", "XL", "--from", url], env, cwd)


if __name__ == "__main__":
    main()
