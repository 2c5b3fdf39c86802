"""How long the non-slow test suite takes, against a baseline revision, turn about on the same machine.

    python benchmarks/suite_time.py [BASELINE_REV [REV]] [--rounds N] [--one-process | --slow] [--only PATH ...]

Runs `pytest -q -m "not slow"` as .ci/run runs it (`-n auto --dist loadfile`, two workers where
there are two cores) on the tree at BASELINE_REV (default: d56f301, main before issue 22's cut of
the suite's time) and on the tree at REV (default HEAD), each exported with `git archive`, turn
about for N rounds (default 2): the machine is shared, and a load that comes and goes falls on
both alike. The load average is printed beside each time, and the CPU seconds of each run's
processes, which the load sways less. With --one-process, each is also run
in one process (-p no:xdist); with --slow, the whole suite is timed instead, as each tree's
.ci/run runs it: the long runs (`-m slow`) in a step of their own after the rest where .ci/run
has one, else in the same run. Only the ratios mean anything, and only between runs of one call.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# main before issue 22's cut (78e0cd7 was main before issue 13's second cut, 1196f7c before its first)
BASELINE = "d56f301"
TWO_WORKERS = ("-n", "auto", "--dist", "loadfile")


def environment(tree: Path) -> dict[str, str]:
    """The tree's code first on the path, and a cache of its own beside it: two revisions with indexes of
    two schema versions would each delete the other's (an index removes the older ones beside it) and
    rebuild its own, minutes, in every turn."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tree), os.environ.get("PYTHONPATH", "")]),
        "MAPGEN_CACHE": str(tree.with_name(tree.name + "-cache")),
    }


def warm(tree: Path) -> None:
    """The tree's cache made before any run is timed: its index and trimmed language pipelines."""
    warming = "from mapgen.gazetteer import offline_index; offline_index()\n"
    warming += "from mapgen.extract import load_pipeline\nfor code in ('fr', 'en', 'es'):\n    load_pipeline(code)"
    subprocess.run([sys.executable, "-c", warming], cwd=tree, env=environment(tree), capture_output=True)


def timed(tree: Path, *args: str) -> tuple[float, float, str]:
    """Wall and CPU seconds of the suite in `tree` (the CPU of pytest and of every process it waited for,
    as far as each waited for its own; a load that comes and goes sways it far less than the wall), and
    pytest's closing line after the tests that failed, if any."""
    command = [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", *args]
    start, cpu = time.perf_counter(), children_cpu()
    result = subprocess.run(command, cwd=tree, capture_output=True, text=True, env=environment(tree))
    seconds, cpu = time.perf_counter() - start, children_cpu() - cpu
    lines = result.stdout.strip().splitlines()
    failed = [line for line in lines if line.startswith("FAILED ")]
    return seconds, cpu, "; ".join([*failed, lines[-1]]) if lines else result.stderr.strip()[-200:]


def children_cpu() -> float:
    """User and system seconds of the processes this one has waited for."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def whole(tree: Path, *args: str) -> tuple[float, float, str]:
    """The whole suite as the tree's .ci/run runs it: the long runs in a step of their own after the rest
    where it has one (issue 22), else all in one run."""
    if "-m slow" not in (tree / ".ci" / "run").read_text("utf-8"):
        return timed(tree, *args)
    (rest, rest_cpu, said), (slow, slow_cpu, said_slow) = (
        timed(tree, "-m", "not slow", *args),
        timed(tree, "-m", "slow", *args),
    )
    return rest + slow, rest_cpu + slow_cpu, f"{said} | slow: {said_slow}"


def load() -> str:
    """The machine's load average over the last minute, as `uptime` gives it."""
    return f"{os.getloadavg()[0]:.1f}"


def exported(rev: str, folder: Path) -> Path:
    """The tree at `rev`, as `git archive` gives it: a run times what is committed, whatever is being edited."""
    tree = folder / rev
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    # its own templates: an editable mapgen in the environment maps mapgen.templates to its checkout's
    (tree / "mapgen" / "templates").symlink_to("../templates")
    node = ROOT / ".ci" / "node"  # .ci/run's npm packages (axe-core, the admin-1 shapes), as in the checkout
    if node.is_dir():
        (tree / ".ci" / "node").symlink_to(node.resolve())
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", nargs="?", default=BASELINE)
    parser.add_argument("current", nargs="?", default="HEAD")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--one-process", action="store_true")
    parser.add_argument("--slow", action="store_true", help="the whole suite, slow runs included")
    parser.add_argument("--only", nargs="+", default=[], metavar="PATH", help="these test files alone")
    args = parser.parse_args()
    ways = {"one process": ("-m", "not slow", "-p", "no:xdist")} if args.one_process else {}
    if find_spec("xdist") is None:
        print("pytest-xdist is not installed: runs in one process only")
        ways = {"one process": ("-m", "not slow", "-p", "no:xdist")}
    elif args.slow:
        ways = {"all, -n auto --dist loadfile": TWO_WORKERS}
    else:
        ways["-n auto --dist loadfile"] = ("-m", "not slow", *TWO_WORKERS)
    runs: dict[tuple[str, str], list[float]] = {}
    cpus: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        if (ROOT.parent / "shared").is_dir():  # the gold files' tests read ../shared, as in a checkout
            (Path(folder) / "shared").symlink_to(ROOT.parent / "shared")
        trees = {
            args.baseline: exported(args.baseline, Path(folder)),
            args.current: exported(args.current, Path(folder)),
        }
        for tree in trees.values():
            warm(tree)
        for round_ in range(1, args.rounds + 1):
            for way, flags in ways.items():
                for rev, tree in trees.items():
                    before = load()
                    seconds, cpu, closing = (whole if args.slow else timed)(tree, *flags, *args.only)
                    runs.setdefault((way, rev), []).append(seconds)
                    cpus.setdefault((way, rev), []).append(cpu)
                    print(
                        f"round {round_}  {rev:10} {way:26} {seconds:7.1f} s  CPU {cpu:7.1f} s  load {before} -> {load()}"
                        f"  ({closing})",
                        flush=True,
                    )
    print()
    for way in ways:
        old, new = (statistics.median(runs[way, rev]) for rev in (args.baseline, args.current))
        print(
            f"{way:26} {args.baseline} {old:6.1f} s   {args.current} {new:6.1f} s   x{old / new:4.2f} faster (medians)"
        )
        old, new = (statistics.median(cpus[way, rev]) for rev in (args.baseline, args.current))
        print(f"{'... CPU':26} {args.baseline} {old:6.1f} s   {args.current} {new:6.1f} s   x{old / new:4.2f} less")


if __name__ == "__main__":
    main()
