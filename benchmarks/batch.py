"""`mapgen batch` throughput against spaCy's floor, measured in one run, in turns.

On every dev text (/work/shared/eval/*.jsonl and benchmarks/data/*.jsonl, some
430) repeated to at least --articles, it times, round after round:

- the floor: each language's recogniser and sentence splitter over the same texts
  through nlp.pipe, each language's pipeline loaded as mapgen loads it, load
  included, in a fresh process. A language without a spaCy model is read by
  spaCy's blank pipeline and a rule sentencizer, nearly free, and its names are
  found by its own recogniser (the rules, or natasha for Russian), which needs
  the index: that recogniser is run on each doc, and the index opened, in the
  floor too (extract.recognise), as it is the language's recogniser;
- `mapgen batch` with 1 worker and with 2 (a LocalCluster; its start and the
  workers' loads included), and the peak memory of each worker process.

It prints texts per second, the ratio of one worker's time to the floor's, the
2-worker speedup, and the workers' peak memory; beside the wall-clock times, the
CPU seconds of each run's processes (the client, the scheduler and the workers),
which a shared machine's load sways far less. Then, per language, on the dev texts once,
in one fresh process with each pipeline loaded first: the CPU seconds of the floor and of a
batch worker's work on the same texts, and their ratio. Then it runs a generated
archive of --archive short articles on 2 workers and checks that every article
has its line. The machine's load weighs on every measure alike only as far as the
turns spread it: read the figures of one run together, not against another run's.

With --language CODE the dev texts are those of one language only: a one-language corpus,
whose workers load that language's models alone (the issue's 400 MB a worker). With --before
COMMIT, the batch runs and the per-language figures are also those of that commit's tree (its
files, by git archive), turn about with this tree's in the same run, each against the same floor.

    python benchmarks/batch.py [--articles 2000] [--rounds 1] [--archive 100000] [--language en] [--before COMMIT]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from places_speed import tree_of  # a commit's files, for --before

ROOT = Path(__file__).resolve().parents[1]
DEV_SETS = sorted((ROOT.parent / "shared" / "eval").glob("*.jsonl")) + sorted(
    (ROOT / "benchmarks" / "data").glob("*.jsonl")
)

# run in a fresh process: the pipelines' load and the texts' reading, as the floor
FLOOR = """
import json, sys, time
started = time.perf_counter()
from mapgen.extract import load_pipeline, recognise
from mapgen.gazetteer import offline_index
index = offline_index()
by_language = {}
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    by_language.setdefault(record["language"], []).append(record["text"])
for language, texts in sorted(by_language.items()):
    for doc in load_pipeline(language).pipe(texts, batch_size=32):
        doc = recognise(doc, language, index)
        doc.ents, [s for s in doc.sents]
print(time.perf_counter() - started)
"""

# run in a fresh process: per language, the floor's work and a batch worker's on the same texts, in CPU seconds,
# each on its second turn, after a first that loaded the pipeline and filled the caches both use (the index's
# answers, the word frequencies): what an article costs, loads aside;
# numpy's BLAS on one thread, as in a Dask worker (natasha's small products on many threads cost several times more)
PER_LANGUAGE = """
import os
os.environ.update(OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")  # as Dask starts its workers
import json, sys, time, warnings
warnings.simplefilter("ignore")
from mapgen.batch.sources import find_sources, read_items
from mapgen.batch.work import loaded_index, work
from mapgen.extract import load_pipeline, recognise
index = loaded_index()
by_language = {}
for item in read_items(find_sources([sys.argv[1]])):
    by_language.setdefault(item.record.language, []).append(item)
def floor(items):
    for doc in nlp.pipe([item.record.text for item in items], batch_size=32):
        doc = recognise(doc, language, index)
        doc.ents, [s for s in doc.sents]
def worker(items):
    for n in range(0, len(items), 64):
        work(items[n : n + 64], False)
for language, items in sorted(by_language.items()):
    nlp = load_pipeline(language)
    seconds = []
    for measured in (floor, worker, floor, worker):  # the second turns timed: the first fill the caches both use
        started = time.process_time()
        measured(items)
        seconds.append(time.process_time() - started)
    print(json.dumps([language, len(items), seconds[2], seconds[3]]))
print(0)
"""

# run in a fresh process: mapgen batch on the file, on N workers
BATCH = """
import sys, time
started = time.perf_counter()
from mapgen.batch import run
run([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]), log=False)
print(time.perf_counter() - started)
"""


def dev_texts(language: str | None = None) -> list[dict]:
    """Every dev text with its language (detected where the set does not give it); of one language only
    with `language`."""
    from mapgen.ingest import detect_language

    texts = []
    for path in DEV_SETS:
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            texts.append(
                {"text": record["text"], "language": record.get("language") or detect_language(record["text"])}
            )
    return [text for text in texts if language in (None, text["language"])]


def corpus(path: Path, texts: list[dict], count: int) -> int:
    """The texts repeated to at least `count` articles, each with its own id."""
    rounds = -(-count // len(texts))
    with path.open("w", encoding="utf-8") as out:
        for n in range(rounds * len(texts)):
            record = texts[n % len(texts)]
            out.write(json.dumps({"id": f"a{n:06d}", **record}, ensure_ascii=False) + "\n")
    return rounds * len(texts)


def timed(script: str, *args: str) -> tuple[float, list[int]]:
    """The script's own time, and the peak memory (VmHWM) of each of its descendant processes."""
    took, peaks, _, _ = run_script(script, *args)
    return took, peaks


def run_script(script: str, *args: str, tree: Path | None = None) -> tuple[float, list[int], float, str]:
    """The script's own time, the peak memory of each of its descendant processes, the CPU seconds of
    the script and of every process it waited for (a LocalCluster's scheduler and workers), and its output;
    with mapgen imported from `tree` where given (its processes inherit the path)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(tree)} if tree else None
    process = psutil.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, env=env)
    peaks: dict[int, int] = {}

    def watch() -> None:
        while process.poll() is None:
            try:
                for child in process.children(recursive=True):
                    peaks[child.pid] = max(peaks.get(child.pid, 0), _high_water(child.pid))
            except psutil.Error:
                pass
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    stdout, _ = process.communicate()
    watcher.join()
    if process.returncode:
        raise SystemExit(f"{script.strip().splitlines()[-2]} failed ({process.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return float(stdout.split()[-1]), sorted(peaks.values()), cpu, stdout


def _high_water(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def archive(path: Path, count: int) -> None:
    """Short articles of a sentence or three, naming towns and countries, deterministic."""
    pick = random.Random(26)
    towns = ["Lyon", "Mosul", "Wilmington", "Raleigh", "Toulouse", "Valencia", "Ennis", "Durban", "Perth", "Moncton"]
    countries = ["France", "Iraq", "Spain", "Ireland", "Canada", "South Africa", "Australia", "Mexico"]
    sentences = [
        "Floods closed two bridges in {t} on Tuesday.",
        "Officials in {c} said the storm would reach {t} by night.",
        "A fire destroyed a warehouse near {t}, firefighters said.",
        "The minister visited {t} and promised help to {c}.",
        "Schools in {t} stay closed until Friday.",
    ]
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = " ".join(
                pick.choice(sentences).format(t=pick.choice(towns), c=pick.choice(countries))
                for _ in range(pick.randint(1, 3))
            )
            out.write(json.dumps({"id": f"s{n:06d}", "text": text, "language": "en"}) + "\n")


def per_language(data: Path, tree: Path | None = None, which: str = "") -> None:
    """Each language's floor and worker CPU seconds, from one fresh process (PER_LANGUAGE)."""
    _, _, _, out = run_script(PER_LANGUAGE, str(data), tree=tree)
    print(
        f"per language{which}, CPU seconds with the pipelines loaded (floor: recogniser and sentences; "
        "worker: batch's work):"
    )
    floor_total = work_total = 0.0
    for line in out.splitlines()[:-1]:
        language, texts, floor, worked = json.loads(line)
        floor_total, work_total = floor_total + floor, work_total + worked
        print(f"  {language}  {texts:5} texts  floor {floor:6.1f} s  worker {worked:6.1f} s  {worked / floor:5.2f}x")
    print(
        f"  all  floor {floor_total:6.1f} s  worker {work_total:6.1f} s  {work_total / floor_total:5.2f}x", flush=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="dev texts repeated to at least this many")
    parser.add_argument("--rounds", type=int, default=1, help="turns of floor, 1 worker and 2 workers")
    parser.add_argument("--archive", type=int, default=100_000, help="generated short articles (0: none)")
    parser.add_argument("--language", metavar="CODE", help="the dev texts of this language only")
    parser.add_argument("--before", metavar="COMMIT", help="also time this commit's tree, turn about")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "dev.jsonl"
        texts = dev_texts(args.language)
        count = corpus(data, texts, args.articles)
        trees: dict[str, Path | None] = {"": None}
        if args.before:
            trees[f" {args.before}"] = tree_of(args.before, Path(scratch))
        seconds: dict[str, list[float]] = {"floor": []}
        cpu: dict[str, list[float]] = {"floor": []}
        peaks: list[int] = []
        for n in range(args.rounds):
            took, _, used, _ = run_script(FLOOR, str(data))
            seconds["floor"].append(took)
            cpu["floor"].append(used)
            for workers in (1, 2):
                for which, tree in trees.items():
                    label = f"{workers} worker{'s' if workers > 1 else ''}{which}"
                    took, memory, used, _ = run_script(
                        BATCH,
                        str(data),
                        str(Path(scratch) / f"out-{n}-{workers}{which.strip()}"),
                        str(workers),
                        tree=tree,
                    )
                    seconds.setdefault(label, []).append(took)
                    cpu.setdefault(label, []).append(used)
                    peaks.extend(memory if tree is None else [])
        median = {label: statistics.median(runs) for label, runs in seconds.items()}
        median_cpu = {label: statistics.median(runs) for label, runs in cpu.items()}
        which = f"{args.language} " if args.language else ""
        print(f"{count} articles (the {count // len(texts)}-fold {which}dev texts), {args.rounds} round(s) in turns:")
        for label, took in median.items():
            print(f"  {label:16} {took:7.1f} s  {count / took:6.1f} texts/s  (CPU {median_cpu[label]:6.1f} s)")
        for which in trees:
            one, two = f"1 worker{which}", f"2 workers{which}"
            print(
                f"  {one} / floor: {median[one] / median['floor']:.2f}x "
                f"(CPU: {median_cpu[one] / median_cpu['floor']:.2f}x); "
                f"2 workers' speedup over 1: {median[one] / median[two]:.2f}x"
            )
        worker_peaks = [p for p in peaks if p > 200 * 2**20]  # the workers (the nannies and the tracker are small)
        print(
            f"  peak memory per worker: {max(worker_peaks, default=0) / 2**20:.0f} MB (max of {len(worker_peaks)} workers)",
            flush=True,  # the dev texts' figures kept even if the long archive is stopped
        )
        once = Path(scratch) / "dev-once.jsonl"
        corpus(once, texts, 1)
        for which, tree in trees.items():
            per_language(once, tree, which)
        if args.archive:
            generated = Path(scratch) / "archive.jsonl"
            archive(generated, args.archive)
            took, memory = timed(BATCH, str(generated), str(Path(scratch) / "archive"), "2")
            ids = [json.loads(line)["id"] for line in (Path(scratch) / "archive" / "places.jsonl").open()]
            whole = ids == [f"s{n:06d}" for n in range(args.archive)]
            print(
                f"archive of {args.archive:,} short articles, 2 workers: {took:.0f} s, {args.archive / took:.0f} texts/s; "
                f"every article has its line, in order: {'yes' if whole else 'NO'}; "
                f"peak memory per worker (English only): {max(memory, default=0) / 2**20:.0f} MB"
            )


if __name__ == "__main__":
    main()
