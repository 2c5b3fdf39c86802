"""Where mapgen keeps what it builds once per machine: the gazetteer index and
the trimmed spaCy pipelines."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def cache_dir() -> Path:
    """The user's cache directory for mapgen, or $MAPGEN_CACHE when set."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("MAPGEN_CACHE") or user_cache_dir("mapgen"))


@contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """A scratch file to write `path` through, moved into place when the block ends well.

    Each process writes its own (two first runs at once), and a block that
    fails (a full disk) removes it: no half-written file is left to fill the
    disk further at every run.
    """
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        yield partial
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
