"""Time and peak memory of `mapgen build` on big articles: 10 KB, 100 KB and 1 MB.

The articles are generated here from a few news sentences naming places,
repeated with varied numbers, plus one 60 KB text with no sentence break.
Each size runs in a fresh process. Printed: wall and CPU seconds (on a shared
machine the wall time mostly says how busy the others are), peak memory, the
CPU seconds per KB beyond a 1 KB article's (the loading), and that figure
against the first size's that costs a second more, measured in the same run:
a ratio near 1 means the cost grows linearly with the text. Each text ends
with a line of its own, so that each build reads it anew. The size of
places.geojson is printed too, since each mention quotes its sentence.

    python benchmarks/big_articles.py [--sizes 10,100,1000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Heavy rain hit Lyon and Grenoble on Monday, the prefecture said.",
    "Rescue teams from Marseille reached Nice before dawn.",
    "In Paris, the ministry met officials from Toulouse and Bordeaux.",
    "The river rose by {n} centimetres near Strasbourg overnight.",
    "Schools in Lille stayed closed for a {n}th day.",
    "Farmers around Rennes and Nantes counted their losses.",
    "Trains between Dijon and Besançon were cancelled.",
    "The mayor of Montpellier asked for help from Spain and Italy.",
    "Aid arrived from Brussels, Geneva and Luxembourg.",
    "About {n} people were evacuated in the Alps.",
]


def article(size_kb: int) -> str:
    """An English article of about size_kb kilobytes, in paragraphs of five sentences."""
    parts, total, n = [], 0, 0
    while total < size_kb * 1000:
        paragraph = " ".join(SENTENCES[(n + i) % len(SENTENCES)].format(n=n + i) for i in range(5))
        parts.append(paragraph)
        total += len(paragraph) + 2
        n += 5
    return "\n\n".join(parts)


def run_on(text: str, tmp: Path, name: str) -> tuple[float, float, float, int]:
    """Wall and CPU seconds, peak resident MB, and the bytes of places.geojson for one build, in a fresh process."""
    source = tmp / f"{name}.txt"
    # a line of its own, so that mapgen never reuses what it read of an earlier run's text (extract.kept)
    source.write_text(f"{text}\n\nFiled {time.time_ns()}.\n", "utf-8")
    out = tmp / name
    measure = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime)"
    )
    command = [sys.executable, "-m", "mapgen.cli", "build", str(source), "-o", str(out), "--language", "en"]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", measure, *command], capture_output=True, text=True, env=os.environ)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{name}: mapgen failed\n{done.stderr[-2000:]}")
    peak, cpu = done.stdout.split()[-2:]
    return wall, float(cpu), int(peak) / 1024, (out / "places.geojson").stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="article sizes in KB (default: 10,100,1000)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        run_on(article(1), tmp, "warm-up")  # builds the index and the trimmed pipeline if needed
        _, fixed, fixed_peak, _ = run_on(article(1), tmp, "1 KB")
        print(f"a 1 KB article: {fixed:.1f} CPU s, {fixed_peak:.0f} MB: the fixed cost (loading), taken off below")
        print(
            f"{'article':>22} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'CPU s/KB':>9} {'vs base':>9} {'geojson KB':>11}"
        )
        base = None
        for size in sizes:
            wall, cpu, peak, geojson = run_on(article(size), tmp, f"a{size}")
            per_kb = max(cpu - fixed, 0.0) / size
            if base is None and cpu - fixed >= 1.0:  # a smaller difference is mostly noise
                base = per_kb
            ratio = f"{per_kb / base:9.2f}" if base else f"{'-':>9}"
            print(f"{size:>19} KB {wall:7.1f} {cpu:7.1f} {peak:8.0f} {per_kb:9.4f} {ratio} {geojson / 1000:11.0f}")
        unbroken = ("Lyon and Grenoble and Paris and Nice, " * 2000)[:60_000]
        wall, cpu, peak, geojson = run_on(unbroken, tmp, "unbroken")
        print(f"{'60 KB, no sentence end':>22} {wall:7.1f} {cpu:7.1f} {peak:8.0f} {'':9} {'':9} {geojson / 1000:11.0f}")


if __name__ == "__main__":
    main()
