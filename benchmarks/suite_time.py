"""How long the non-slow test suite takes, against a baseline run minutes apart on the same machine.

    python benchmarks/suite_time.py [BASELINE_REV]

Runs `pytest -q -m "not slow"` three ways, one after the other: the tree at
BASELINE_REV (default: the commit before issue 13's test work, exported with
`git archive`), this tree in one process, and this tree as .ci/run runs it
(`-n auto --dist loadfile`, when pytest-xdist is there). The machine is shared,
so only the ratios mean anything, and only between runs of one call.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
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


def main() -> None:
    rev = sys.argv[1] if len(sys.argv) > 1 else BASELINE
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder) / "baseline"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        runs = {f"baseline {rev}, one process": timed(old), "this tree, one process": timed(ROOT, "-p", "no:xdist")}
    try:
        import xdist  # noqa: F401
    except ImportError:
        print("pytest-xdist is not installed: no parallel run")
    else:
        runs["this tree, -n auto --dist loadfile"] = timed(ROOT, "-n", "auto", "--dist", "loadfile")
    first = next(iter(runs.values()))[0]
    for name, (seconds, closing) in runs.items():
        print(f"{name:40} {seconds:7.1f} s  x{first / seconds:5.2f}  ({closing})")


if __name__ == "__main__":
    main()
