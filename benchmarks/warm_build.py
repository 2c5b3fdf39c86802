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

With --languages de,it,pt,nl,ru, this tree alone builds an article in each
language (the first passages of benchmarks/data/<code>-dev.jsonl, or
examples/article-<code>.txt where there is one), each a text never read before,
turn about with the seed article (French, read by its spaCy model) as the
baseline of the same run; the budget is 2 s for each language. With --against
REV too, a git revision builds each article turn about with this tree, on a
copy of the same warm cache, and the ratios of this tree's to its times are printed.

    python benchmarks/warm_build.py [ARTICLE] [--baseline REV] [--runs N] [--country-rows N] [--new-text]
    python benchmarks/warm_build.py --languages de,it,pt,nl,ru [--runs N] [--cache DIR] [--against REV]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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
    parser.add_argument("--languages", metavar="CODES", help="comma-separated: each language's article, new each build")
    parser.add_argument("--cache", metavar="DIR", help="with --languages: a cache to use (default: a new one)")
    parser.add_argument("--against", metavar="REV", help="with --languages: a git revision to build each article too")
    args = parser.parse_args()
    if args.languages:
        languages_run(args.languages.split(","), args.runs, args.cache, args.against)
        return
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        checkout = _checkout(args.baseline, tmp)
        sides = {
            "this tree": {**_environ(), "PYTHONPATH": str(ROOT), "MAPGEN_CACHE": str(tmp / "ours")},
            args.baseline: {**_environ(), "PYTHONPATH": str(checkout), "MAPGEN_CACHE": str(tmp / "theirs")},
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


def _environ() -> dict[str, str]:
    """The environment, less PYTHONDONTWRITEBYTECODE: a user's install has its modules compiled,
    and a run that compiles every module it imports measures the compiler (seconds), not mapgen."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def article_text(code: str) -> str:
    example = ROOT / "examples" / f"article-{code}.txt"
    if example.exists():
        return example.read_text("utf-8")
    with open(ROOT / "benchmarks" / "data" / f"{code}-dev.jsonl", encoding="utf-8") as lines:
        return "\n\n".join(json.loads(line)["text"] for line, _ in zip(lines, range(3), strict=False))


def languages_run(codes: list[str], runs: int, cache: str | None = None, against: str | None = None) -> None:
    """Each language's article and the seed, new texts each time, turn about, on one warm cache;
    with `against`, that revision's build of each on a copy of the cache, turn about with ours."""
    articles = {"fr (seed, baseline)": SEED.read_text("utf-8"), **{code: article_text(code) for code in codes}}
    language_of = {"fr (seed, baseline)": "fr", **{code: code for code in codes}}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ours = {**_environ(), "PYTHONPATH": str(ROOT), "MAPGEN_CACHE": cache or str(tmp / "cache")}
        sides = {"this tree": ours}
        mapgen = [sys.executable, "-m", "mapgen.cli"]

        def build(side: str, run_id: str) -> list[str]:
            article = tmp / f"{run_id}-{language_of[side]}.txt"
            article.write_text(f"{articles[side]}\n\n{run_id}\n", "utf-8")
            return [*mapgen, "build", str(article), "-o", str(tmp / "site"), "--force", "--language", language_of[side]]

        run([*mapgen, "index"], ours, tmp)
        if against:  # its own copy: each side keeps its copies under names of its own, and removes the other's
            shutil.copytree(
                ours["MAPGEN_CACHE"], tmp / "theirs", ignore=shutil.ignore_patterns("mentions", "*.partial")
            )
            sides[against] = {**ours, "PYTHONPATH": str(_checkout(against, tmp)), "MAPGEN_CACHE": str(tmp / "theirs")}
        for env in sides.values():
            for side in articles:
                run(build(side, "first"), env, tmp)  # each language's caches made (pipeline, tables, copies)
        times = {(who, side): [] for who in sides for side in articles}
        for k in range(runs):
            for side in articles:
                for n, (who, env) in enumerate(sides.items() if k % 2 else reversed(sides.items())):
                    times[(who, side)].append(timed_with_cpu(build(side, f"run{k}{n}"), env, cwd=tmp))
    medians = {key: [statistics.median(t[i] for t in runs_) for i in range(3)] for key, runs_ in times.items()}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"warm mapgen build, a text never read before, each language: medians of {runs}, turn about (load {load})")
    for who in sides:
        print(f"{who}:")
        print(f"{'':24} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'wall / seed':>12}  ≤ 2 s")
        seed_wall = medians[(who, "fr (seed, baseline)")][0]
        for side in articles:
            wall, cpu, peak = medians[(who, side)]
            verdict = "" if side.startswith("fr (seed") else ("PASS" if wall <= 2.0 else "FAIL")
            print(f"{side:24} {wall:8.2f} {cpu:8.2f} {peak:8.0f} {wall / seed_wall:12.2f}  {verdict}")
    if against:
        print(f"this tree / {against}:")
        print(f"{'':24} {'wall':>8} {'CPU':>8} {'peak':>8}")
        for side in articles:
            ratios = [a / b for a, b in zip(medians[("this tree", side)], medians[(against, side)], strict=True)]
            print(f"{side:24} {ratios[0]:8.2f} {ratios[1]:8.2f} {ratios[2]:8.2f}")


def _checkout(rev: str, tmp: Path) -> Path:
    """The revision's mapgen package, extracted into a folder of its own."""
    checkout = tmp / "baseline"
    checkout.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "mapgen"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive.stdout, check=True)
    return checkout


def run(command: list[str], env: dict, cwd: Path) -> None:
    subprocess.run(command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def add_country(mapgen: list[str], mirror: Path, env: dict, cwd: Path) -> None:
    """`mapgen gazetteer add XL` from the generated dump, served on 127.0.0.1 for the time of the add."""
    with served(mirror) as url:
        run([*mapgen, "gazetteer", "add", "XL", "--from", url], env, cwd)


if __name__ == "__main__":
    main()
