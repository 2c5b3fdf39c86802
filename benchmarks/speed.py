"""Time and memory of `mapgen build` on an article (the seed by default).

Prints: the default index's build (`mapgen index`: time, CPU and peak
memory), the first run on a machine (which builds the trimmed spaCy pipeline),
warm runs, their peak memory, the index's size and the whole cache's, the
language detection with the unpacked model beside the packed one, and how much
of a warm run is spent loading the spaCy pipeline, beside loading the
untrimmed model in the same run as a baseline. Then a large country is added
with `mapgen gazetteer add`, generated in GeoNames' format (the real dumps
cannot be fetched here) and served from 127.0.0.1: the add's time and memory,
the added index's size per million names, and the warm runs again beside
those without it.

With --baseline REV, the index build of that git revision (e.g. main) is
measured too, in the same run, for a ratio that the machine's load does not skew.

    python benchmarks/speed.py [ARTICLE] [--runs N] [--country-rows N] [--baseline REV]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article-fr-2017-03.txt"


# Runs a command and prints its peak memory: a fresh parent for each command,
# since the peak of children that getrusage reports only ever grows.
# The command's own wall time, CPU time and peak memory, not those of this wrapper's start-up.
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)"
)


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one command."""
    wall, _, peak = timed_with_cpu(command, env)
    return wall, peak


def timed_with_cpu(command: list[str], env: dict, cwd: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident memory (MB) of one command. On a
    machine shared with other work, CPU seconds are the figure to compare."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], env=env, check=True, capture_output=True, text=True, cwd=cwd
    )
    wall, cpu, peak = out.stdout.split()[-3:]
    return float(wall), float(cpu), int(peak) / 1024


def python_seconds(code: str, env: dict) -> float:
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("article", nargs="?", default=str(SEED))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--country-rows", type=int, default=300_000, help="rows of the generated large country (0: none)"
    )
    parser.add_argument("--baseline", metavar="REV", help="a git revision whose index build to measure alongside")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "MAPGEN_CACHE": str(Path(tmp) / "cache")}
        baseline = baseline_index_build(args.baseline, Path(tmp)) if args.baseline else None
        index_build = timed_with_cpu([sys.executable, "-m", "mapgen.cli", "index"], env)
        build = [sys.executable, "-m", "mapgen.cli", "build", args.article, "-o", str(Path(tmp) / "site")]
        first, first_peak = timed(build, env)
        warm = [timed(build, env) for _ in range(args.runs)]
        index_mb = next(Path(env["MAPGEN_CACHE"]).glob("gazetteer-*.sqlite")).stat().st_size / 1e6
        language = subprocess.run(
            [sys.executable, "-c", f"import mapgen;print(mapgen.read_article({args.article!r}).language)"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        trimmed_load = python_seconds(
            "import time;t=time.perf_counter();from mapgen.extract import load_pipeline;"
            f"load_pipeline({language!r});print(time.perf_counter()-t)",
            env,
        )
        cache_mb = sum(f.stat().st_size for f in Path(env["MAPGEN_CACHE"]).rglob("*") if f.is_file()) / 1e6
        detect_ours = python_seconds(
            "import time;t=time.perf_counter();from mapgen.ingest import detect_language;"
            "detect_language('Des orages ont frappé Lyon.');print(time.perf_counter()-t)",
            env,
        )
        detect_theirs = python_seconds(
            "import time;t=time.perf_counter();from py3langid.langid import MODEL_FILE,LanguageIdentifier;"
            "LanguageIdentifier.from_model_file(MODEL_FILE,norm_probs=True).rank('Des orages ont frappé Lyon.');"
            "print(time.perf_counter()-t)",
            env,
        )
        original_load = python_seconds(
            "import time;t=time.perf_counter();import spacy;from mapgen.extract.pipeline import MODELS,_UNUSED_PIPES;"
            f"spacy.load(MODELS[{language!r}],exclude=_UNUSED_PIPES);print(time.perf_counter()-t)",
            env,
        )
        large = with_a_large_country(args.country_rows, build, args.runs, Path(tmp), env) if args.country_rows else None

    walls = [w for w, _ in warm]
    median = statistics.median(walls)
    print(f"article: {args.article} ({language})")
    wall, cpu, peak = index_build
    print(f"{'default index build (mapgen index)':48} {wall:7.2f} s   peak {peak:6.0f} MB   CPU {cpu:.1f} s")
    if baseline:
        b_wall, b_cpu, b_peak = baseline
        print(
            f"{'... at ' + args.baseline + ', same run':48} {b_wall:7.2f} s   peak {b_peak:6.0f} MB   CPU {b_cpu:.1f} s"
            f"   (ours: {cpu / b_cpu:.2f}x CPU, {peak / b_peak:.2f}x memory)"
        )
    print(f"{'first run (builds index and pipeline cache)':48} {first:7.2f} s   peak {first_peak:6.0f} MB")
    print(
        f"{'warm mapgen build, median of ' + str(args.runs):48} {median:7.2f} s   peak {max(p for _, p in warm):6.0f} MB"
        f"   (min {min(walls):.2f}, max {max(walls):.2f})"
    )
    print(f"{'gazetteer index on disk':48} {index_mb:7.1f} MB")
    print(f"{'all that mapgen keeps in its cache':48} {cache_mb:7.1f} MB")
    print(
        f"{'language detection, unpacked model (ours)':48} {detect_ours:7.2f} s   "
        f"vs {detect_theirs:.2f} s with py3langid's packed model, same run"
    )
    print(
        f"{'spaCy pipeline load, trimmed copy (ours)':48} {trimmed_load:7.2f} s   {trimmed_load / median:5.0%} of a warm build"
    )
    print(f"{'spaCy pipeline load, model as installed':48} {original_load:7.2f} s   baseline, same run")
    print(f"{'load speed-up':48} {original_load / trimmed_load:7.1f} x")
    print(
        f"budget: warm build ≤ 2 s: {'PASS' if median <= 2 else 'FAIL'}; "
        f"peak memory < 600 MB: {'PASS' if max(p for _, p in warm) < 600 else 'FAIL'}"
    )
    print(
        f"budget: index build ≤ 30 s: {'PASS' if index_build[0] <= 30 else 'FAIL'} "
        f"(CPU {index_build[1]:.0f} s); ≤ 700 MB: {'PASS' if index_build[2] <= 700 else 'FAIL'}"
    )
    if large:
        report_large_country(large, median, max(p for _, p in warm))


def baseline_index_build(revision: str, tmp: Path) -> tuple[float, float, float]:
    """`mapgen index` as a git revision has it, run from an extracted copy of its package."""
    checkout = tmp / "baseline"
    checkout.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "mapgen"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive.stdout, check=True)
    env = {
        **os.environ,
        "MAPGEN_CACHE": str(tmp / "baseline-cache"),
        "PYTHONPATH": str(checkout),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return timed_with_cpu([sys.executable, "-m", "mapgen.cli", "index"], env, cwd=checkout)  # its mapgen, not ours


def with_a_large_country(rows: int, build: list[str], runs: int, tmp: Path, env: dict) -> dict:
    """Add a generated country of `rows` features through `mapgen gazetteer add`, then build again."""
    mirror = tmp / "mirror"
    names = write_country(mirror, "XL", rows)
    with served(mirror) as url:
        add = timed_with_cpu([sys.executable, "-m", "mapgen.cli", "gazetteer", "add", "XL", "--from", url], env)
    added = Path(env["MAPGEN_CACHE"]) / "geonames-added.sqlite"
    return {"rows": rows, "names": names, "add": add, "bytes": added.stat().st_size,
            "warm": [timed(build, env) for _ in range(runs)]}  # fmt: skip


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder served over HTTP on 127.0.0.1 for the time of the block: its URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        port = server.stdout.readline().split("port ")[1].split()[0]  # type: ignore[union-attr]  # "Serving HTTP on 127.0.0.1 port N (…)"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait()


def write_country(folder: Path, code: str, rows: int) -> int:
    """A country in GeoNames' 19 columns, zipped as its dump folder serves it:
    hamlets, quarters and sites with made-up names, many of them shared (a
    tenth are one of 500 common names, as Saint-Martin or Springfield are),
    each with three alternate names in the alternate names' file. The names written."""
    import random
    import zipfile

    rng = random.Random(10)
    syllables = ["ba", "lo", "ker", "ven", "mor", "sa", "tin", "ru", "gal", "pen", "dre", "vil", "mont", "y"]
    common = [f"Saint-{rng.choice(syllables).title()}{rng.choice(syllables)}" for _ in range(500)]
    codes = ["PPL"] * 6 + ["PPLX", "STM", "HLL", "ISL", "LCTY"]
    (folder / "alternatenames").mkdir(parents=True)
    names = 0
    with (
        zipfile.ZipFile(folder / f"{code}.zip", "w", zipfile.ZIP_DEFLATED) as dump,
        zipfile.ZipFile(folder / "alternatenames" / f"{code}.zip", "w", zipfile.ZIP_DEFLATED) as alternates,
        dump.open(f"{code}.txt", "w") as out,
        alternates.open(f"{code}.txt", "w") as alt_out,
    ):
        for i in range(rows):
            gid = 95_000_000 + i
            name = rng.choice(common) if i % 10 == 0 else "".join(rng.choices(syllables, k=3)).title()
            others = ["".join(rng.choices(syllables, k=3)).title() for _ in range(3)]
            population = rng.choice([0, 0, 0, 80, 300, 1200, 5000])
            lat, lon = 42 + rng.random() * 9, -5 + rng.random() * 13
            row = [gid, name, name, ",".join(others), f"{lat:.5f}", f"{lon:.5f}", "P", rng.choice(codes), code, "",
                   f"{rng.randrange(1, 20):02d}", "", "", "", population, "", 50, "Europe/Paris", "2024-01-01"]  # fmt: skip
            out.write(("\t".join(map(str, row)) + "\n").encode())
            for j, other in enumerate(others):
                alt_out.write(f"{gid * 4 + j}\t{gid}\tfr\t{other}\t\t\t\t\t\t\n".encode())
            names += 1 + len(others)
    return names


def report_large_country(large: dict, median: float, peak: float) -> None:
    wall, cpu, add_peak = large["add"]
    warm = [w for w, _ in large["warm"]]
    with_peak = max(p for _, p in large["warm"])
    print(f"\nwith a generated country of {large['rows']:,} features and {large['names']:,} names added:")
    print(f"{'  mapgen gazetteer add':48} {wall:7.2f} s   peak {add_peak:6.0f} MB   CPU {cpu:.1f} s")
    print(f"{'  added index on disk':48} {large['bytes'] / 1e6:7.1f} MB")
    print(f"{'  ... per million names':48} {large['bytes'] / 1e6 / (large['names'] / 1e6):7.1f} MB")
    print(
        f"{'  warm mapgen build, median':48} {statistics.median(warm):7.2f} s   peak {with_peak:6.0f} MB"
        f"   ({statistics.median(warm) / median:.2f}x time, {with_peak / peak:.2f}x memory of the default index alone)"
    )
    print(
        f"budget: warm build with it ≤ 1.5 s: {'PASS' if statistics.median(warm) <= 1.5 else 'FAIL'}; "
        f"≤ 400 MB: {'PASS' if with_peak <= 400 else 'FAIL'}"
    )


if __name__ == "__main__":
    main()
