"""Where a batch worker's time goes, per language, with its pipelines loaded: cProfile's top functions.

The profiled function is the one a `mapgen batch` worker runs on a partition
(mapgen.batch.work.work), on the dev texts of one language (those benchmarks/batch.py
uses), in partitions of 64 as the batch cuts them. A first untimed turn loads the
pipeline and fills the caches every article shares (the index's answers, the word
frequencies); the second is profiled, so what is printed is what an article costs,
loads aside. It prints the share of the whole of each of the top functions, by
cumulative time (time in them and what they call) and by own time, and the share of
the stages: spaCy's reading, the rest of extract, the index's queries, resolve, and
the writing of the outputs. The profile's clock is CPU time, as the machine is shared;
cProfile slows small functions more than large ones: read the shares as where to look,
and time what is changed with benchmarks/batch.py.

    python benchmarks/profile_places.py --language de [--top 20] [--repeat 1]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from batch import corpus, dev_texts  # noqa: E402 - the same texts as the batch's benchmark

# the stages' shares: the cumulative time of the outermost function of each (none calls another's)
STAGES = {
    "spaCy's reading (extract.read_all)": ("mapgen/extract/pipeline.py", "read_all"),
    "extract after spaCy (find_mentions)": ("mapgen/extract/__init__.py", "find_mentions"),
    "resolve (scored names, places)": ("mapgen/resolve/__init__.py", "resolve"),
    "the outputs (feature_collection)": ("mapgen/site/geojson.py", "feature_collection"),
    "the outputs (rows_of)": ("mapgen/batch/table.py", "rows_of"),
}
# the index's queries, wherever they are asked from: the cumulative time of the gazetteer's public methods
INDEX = "mapgen/gazetteer/queries.py"


def items_of(language: str, repeat: int):
    """The language's dev texts as a batch reads them, each `repeat` times."""
    from mapgen.batch.sources import find_sources, read_items

    texts = dev_texts(language)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "texts.jsonl"
        corpus(path, texts, len(texts) * repeat)
        return list(read_items(find_sources([str(path)])))


def run(items) -> None:
    """The batch's work, partition by partition."""
    from mapgen.batch.work import work

    for n in range(0, len(items), 64):
        work(items[n : n + 64], False)


def share_of(stats: pstats.Stats, file: str, function: str | None) -> float:
    """The cumulative seconds of `function` of `file`; of any function of the file when None, counting
    only the calls from outside it (a query that asks another is counted once)."""
    total = 0.0
    for (path, _, name), (*_, cumulative, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if not path.endswith(file):
            continue
        if function is None:
            total += sum(c[3] for caller, c in callers.items() if not caller[0].endswith(file))
        elif name == function:
            total += cumulative
    return total


def table(stats: pstats.Stats, key: str, top: int, whole: float) -> None:
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][3 if key == "cumulative" else 2], reverse=True)  # type: ignore[attr-defined]
    print(f"  top {top} by {key} time (share of the whole, calls):")
    for (path, line, name), (_, calls, own, cumulative, _) in rows[:top]:
        where = path.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        seconds = cumulative if key == "cumulative" else own
        print(f"    {seconds / whole:6.1%}  {calls:8}  {name} ({where}:{line})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", required=True, metavar="CODE", help="the dev texts of this language")
    parser.add_argument("--top", type=int, default=20, help="how many functions in each table")
    parser.add_argument("--repeat", type=int, default=1, help="the texts this many times each")
    parser.add_argument("--dump", metavar="FILE", help="also write the profile (pstats) to FILE")
    args = parser.parse_args()
    os.environ.update(OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")  # as in a Dask worker
    warnings.simplefilter("ignore")
    items = items_of(args.language, args.repeat)
    run(items)  # the load and the caches
    started = time.process_time()
    run(items)
    plain = time.process_time() - started
    profile = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
    profile.runcall(run, items)
    if args.dump:
        profile.dump_stats(args.dump)
    stats = pstats.Stats(profile)
    whole = max(entry[3] for entry in stats.stats.values())  # type: ignore[attr-defined] # run()'s, all of it
    print(
        f"{args.language}: {len(items)} texts, {plain:.2f} CPU s unprofiled ({plain / len(items) * 1000:.1f} ms a text), "
        f"{whole:.2f} s profiled"
    )
    print("  stages (share of the whole):")
    for label, (file, function) in STAGES.items():
        print(f"    {share_of(stats, file, function) / whole:6.1%}  {label}")
    print(f"    {share_of(stats, INDEX, None) / whole:6.1%}  the index's queries (within the above)")
    table(stats, "cumulative", args.top, whole)
    table(stats, "own", args.top, whole)
    print(json.dumps({"language": args.language, "texts": len(items), "cpu_seconds": round(plain, 3)}))


if __name__ == "__main__":
    main()
