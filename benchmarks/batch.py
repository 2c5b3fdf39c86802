"""`mapgen batch` throughput against spaCy's floor, measured in one run, in turns.

On every dev text (/work/shared/eval/*.jsonl and benchmarks/data/*.jsonl, some
430) repeated to at least --articles, it times, round after round:

- the floor: spaCy's recogniser and sentence splitter over the same texts through
  nlp.pipe, each language's pipeline loaded as mapgen loads it, load included, in
  a fresh process;
- `mapgen batch` with 1 worker and with 2 (a LocalCluster; its start and the
  workers' loads included), and the peak memory of each worker process.

It prints texts per second, the ratio of one worker's time to the floor's, the
2-worker speedup, and the workers' peak memory. Then it runs a generated archive
of --archive short articles on 2 workers and checks that every article has its
line. The machine's load weighs on every measure alike only as far as the turns
spread it: read the figures of one run together, not against another run's.

    python benchmarks/batch.py [--articles 2000] [--rounds 1] [--archive 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
DEV_SETS = sorted((ROOT.parent / "shared" / "eval").glob("*.jsonl")) + sorted(
    (ROOT / "benchmarks" / "data").glob("*.jsonl")
)

# run in a fresh process: the pipelines' load and the texts' reading, as the floor
FLOOR = """
import json, sys, time
started = time.perf_counter()
from mapgen.extract import load_pipeline
by_language = {}
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    by_language.setdefault(record["language"], []).append(record["text"])
for language, texts in sorted(by_language.items()):
    for doc in load_pipeline(language).pipe(texts, batch_size=32):
        doc.ents, [s for s in doc.sents]
print(time.perf_counter() - started)
"""

# run in a fresh process: mapgen batch on the file, on N workers
BATCH = """
import sys, time
started = time.perf_counter()
from mapgen.batch import run
run([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]), log=False)
print(time.perf_counter() - started)
"""


def dev_texts() -> list[dict]:
    """Every dev text with its language (detected where the set does not give it)."""
    from mapgen.ingest import detect_language

    texts = []
    for path in DEV_SETS:
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            texts.append(
                {"text": record["text"], "language": record.get("language") or detect_language(record["text"])}
            )
    return texts


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
    process = psutil.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True)
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
    return float(stdout.split()[-1]), sorted(peaks.values())


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="dev texts repeated to at least this many")
    parser.add_argument("--rounds", type=int, default=1, help="turns of floor, 1 worker and 2 workers")
    parser.add_argument("--archive", type=int, default=100_000, help="generated short articles (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "dev.jsonl"
        count = corpus(data, dev_texts(), args.articles)
        seconds: dict[str, list[float]] = {"floor": [], "1 worker": [], "2 workers": []}
        peaks: list[int] = []
        for n in range(args.rounds):
            seconds["floor"].append(timed(FLOOR, str(data))[0])
            for workers in (1, 2):
                took, memory = timed(BATCH, str(data), str(Path(scratch) / f"out-{n}-{workers}"), str(workers))
                seconds[f"{workers} worker{'s' if workers > 1 else ''}"].append(took)
                peaks.extend(memory)
        median = {label: statistics.median(runs) for label, runs in seconds.items()}
        print(f"{count} articles (the {count // len(dev_texts())}-fold dev texts), {args.rounds} round(s) in turns:")
        for label, took in median.items():
            print(f"  {label:9} {took:7.1f} s  {count / took:6.1f} texts/s")
        print(f"  1 worker / floor: {median['1 worker'] / median['floor']:.2f}x")
        print(f"  2 workers' speedup over 1: {median['1 worker'] / median['2 workers']:.2f}x")
        worker_peaks = [p for p in peaks if p > 200 * 2**20]  # the workers (the nannies and the tracker are small)
        print(
            f"  peak memory per worker: {max(worker_peaks, default=0) / 2**20:.0f} MB (max of {len(worker_peaks)} workers)",
            flush=True,  # the dev texts' figures kept even if the long archive is stopped
        )
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
