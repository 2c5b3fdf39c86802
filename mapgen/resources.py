"""Where the site's templates are, however mapgen was installed.

The templates live in the project's top-level `templates/` folder. An installed
wheel and an editable install carry them as the package `mapgen.templates`;
a plain checkout on sys.path (PYTHONPATH=., a notebook beside the code) has no
such package, and finds the folder beside `mapgen/` instead.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def templates() -> Traversable:
    """The folder of the site's templates, scripts and styles."""
    try:
        installed = files("mapgen.templates")
    except ModuleNotFoundError:
        installed = None
    if installed is not None and installed.joinpath("index.html").is_file():
        return installed
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if not (checkout / "index.html").is_file():
        raise LookupError(f"mapgen's templates are missing: neither mapgen.templates nor {checkout} holds them")
    return checkout
