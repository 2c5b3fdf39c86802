"""Many map sites built in one process, as `mapgen batch --sites` and the tests' generated articles build
them, with this tree beside a git revision's, turn about in one run.

Each tree finds the places of the dev texts (benchmarks/data/*-dev.jsonl, --texts of each file) once,
untimed, then builds every text's site, first the vector basemap (the batch's sites) and then an online
tile layer with assets from a CDN (the generated articles' sites); the first build of each kind is left
out of the figures (what a process reads once, it reads then). Each tree has a copy of one warm cache.
Prints, per tree and kind, the median over rounds of the CPU and wall milliseconds a build, and the
ratios of the revision's to this tree's. Only the ratios of one run mean anything on a shared machine.

    python benchmarks/site_builds.py [--baseline REV] [--texts 8] [--rounds 3]
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

from suite_time import exported  # a revision's tree, its templates where an editable install finds them

ROOT = Path(__file__).resolve().parents[1]
KINDS = {"vector": {}, "online tiles": {"tiles": "OpenStreetMap.Mapnik", "assets": "cdn"}}

# Run in each tree's own process, with the tree first on the path: prints {kind: [cpu s, wall s, builds]}.
BUILDS = """
import json, sys, tempfile, time, warnings
from pathlib import Path
import mapgen
from mapgen.ingest import parse_article
from mapgen.site.pages import write_site

warnings.simplefilter("ignore")
kinds, texts = json.loads(sys.argv[1]), int(sys.argv[2])
found = []
for path in sorted(Path("benchmarks/data").glob("*-dev.jsonl")):
    for line in path.read_text("utf-8").splitlines()[:texts]:
        record = json.loads(line)
        article = parse_article(record["text"], source=record["id"] + ".txt", language=record.get("language"))
        try:
            found.append((article, mapgen.find_places(article)))
        except mapgen.MapgenError:
            pass
times = {}
with tempfile.TemporaryDirectory() as folder:
    for kind, options in kinds.items():
        write_site(*found[0], Path(folder) / "first", **options)
        cpu, wall = time.process_time(), time.perf_counter()
        for n, (article, places) in enumerate(found):
            write_site(article, places, Path(folder) / str(n), force=True, **options)
        times[kind] = [time.process_time() - cpu, time.perf_counter() - wall, len(found)]
print(json.dumps(times))
"""


def builds(tree: Path, cache: Path, texts: int) -> dict[str, list[float]]:
    env = {**os.environ, "PYTHONPATH": str(tree), "MAPGEN_CACHE": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", BUILDS, json.dumps(KINDS), str(texts)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main")
    parser.add_argument("--texts", type=int, default=8, help="texts of each dev file")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        trees = {args.baseline: exported(args.baseline, Path(folder)), "this tree": ROOT}
        warm = Path(folder) / "cache"
        builds(ROOT, warm, 1)  # the index, the pipelines and the kept copies, made once for both
        caches = {name: Path(folder) / f"cache-{k}" for k, name in enumerate(trees)}
        for cache in caches.values():
            shutil.copytree(warm, cache, symlinks=True)
        for round_ in range(1, args.rounds + 1):
            for name, tree in trees.items():
                load = os.getloadavg()[0]
                for kind, (cpu, wall, count) in builds(tree, caches[name], args.texts).items():
                    runs.setdefault((name, kind), []).append((cpu / count * 1000, wall / count * 1000))
                    print(
                        f"round {round_}  {name:10} {kind:13} {count} builds  {cpu / count * 1000:6.1f} ms CPU"
                        f"  {wall / count * 1000:6.1f} ms wall a build  (load {load:.1f})",
                        flush=True,
                    )
    print()
    for kind in KINDS:
        old, new = ([statistics.median(values[i] for values in runs[name, kind]) for i in (0, 1)] for name in trees)
        print(
            f"{kind:13} {args.baseline}: {old[0]:6.1f} ms CPU {old[1]:6.1f} ms wall   this tree: {new[0]:6.1f} ms CPU"
            f" {new[1]:6.1f} ms wall   x{old[0] / new[0]:.2f} CPU, x{old[1] / new[1]:.2f} wall (medians)"
        )


if __name__ == "__main__":
    main()
