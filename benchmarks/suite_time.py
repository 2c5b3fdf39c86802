"""How long the non-slow test suite takes, against a baseline run minutes apart on the same machine.

    python benchmarks/suite_time.py [BASELINE_REV [REV]]

Runs `pytest -q -m "not slow"` three ways, one after the other: the tree at
BASELINE_REV (default: the commit before issue 13's test work), the tree at REV
(default HEAD) in one process, and that tree as .ci/run runs it (`-n auto
--dist loadfile`, when pytest-xdist is there); each tree exported with `git archive`. The machine is shared,
so only the ratios mean anything, and only between runs of one call.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "1196f7c"  # main before the suite's costs were cut


def timed(tree: Path, *args: str) -> tuple[float, str]:
    """Wall seconds of the suite in `tree`, and pytest's closing line."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow", *args]
    start = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=tree,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tree), os.environ.get("PYTHONPATH", "")])},
    )
    seconds = time.perf_counter() - start
    lines = result.stdout.strip().splitlines()
    return seconds, lines[-1] if lines else result.stderr.strip()[-200:]


def exported(rev: str, folder: Path) -> Path:
    """The tree at `rev`, as `git archive` gives it: a run times what is committed, whatever is being edited."""
    tree = folder / rev
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    # its own templates: an editable mapgen in the environment maps mapgen.templates to its checkout's
    (tree / "mapgen" / "templates").symlink_to("../templates")
    return tree


def main() -> None:
    baseline = sys.argv[1] if len(sys.argv) > 1 else BASELINE
    current = sys.argv[2] if len(sys.argv) > 2 else "HEAD"
    with tempfile.TemporaryDirectory() as folder:
        if (ROOT.parent / "shared").is_dir():  # the gold files' tests read ../shared, as in a checkout
            (Path(folder) / "shared").symlink_to(ROOT.parent / "shared")
        old, new = exported(baseline, Path(folder)), exported(current, Path(folder))
        runs = {
            f"{baseline}, one process": timed(old),
            f"{current}, one process": timed(new, "-p", "no:xdist"),
        }
        if find_spec("xdist") is None:
            print("pytest-xdist is not installed: no run in two processes")
        else:
            runs[f"{current}, -n auto --dist loadfile"] = timed(new, "-n", "auto", "--dist", "loadfile")
    first = next(iter(runs.values()))[0]
    for name, (seconds, closing) in runs.items():
        print(f"{name:36} {seconds:7.1f} s  x{first / seconds:5.2f} faster  ({closing})")


if __name__ == "__main__":
    main()
