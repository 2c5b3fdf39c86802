"""Time and memory of `mapgen build` on an article (the seed by default).

Prints: the first run on a machine (which builds the gazetteer index and the
trimmed spaCy pipeline), warm runs, their peak memory, the index's size and
the whole cache's, the language detection with the unpacked model beside the
packed one, and how much of a warm run is spent loading the spaCy pipeline,
beside loading the untrimmed model in the same run as a baseline.

    python benchmarks/speed.py [ARTICLE] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article-fr-2017-03.txt"


# Runs a command and prints its peak memory: a fresh parent for each command,
# since the peak of children that getrusage reports only ever grows.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one command."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], env=env, check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    return wall, int(out.stdout.split()[-1]) / 1024


def python_seconds(code: str, env: dict) -> float:
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("article", nargs="?", default=str(SEED))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "MAPGEN_CACHE": str(Path(tmp) / "cache")}
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
            "import time;t=time.perf_counter();import spacy;from mapgen.extract import MODELS,_UNUSED_PIPES;"
            f"spacy.load(MODELS[{language!r}],exclude=_UNUSED_PIPES);print(time.perf_counter()-t)",
            env,
        )

    walls = [w for w, _ in warm]
    median = statistics.median(walls)
    print(f"article: {args.article} ({language})")
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


if __name__ == "__main__":
    main()
