"""Where mapgen keeps what it builds once per machine: the gazetteer index and
the trimmed spaCy pipelines."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The user's cache directory for mapgen, or $MAPGEN_CACHE when set."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("MAPGEN_CACHE") or user_cache_dir("mapgen"))
