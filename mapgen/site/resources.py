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
    """The folder of the site's templates, scripts and styles: the checkout's own
    first, so that a tree put first on sys.path runs with its own templates and
    not with those of another checkout installed in the environment."""
    checkout = Path(__file__).resolve().parent.parent.parent / "templates"
    if (checkout / "mapgen.js").is_file():
        return checkout
    try:
        installed = files("mapgen.templates")
    except ModuleNotFoundError:
        installed = None
    if installed is not None and installed.joinpath("index.html").is_file():
        return installed
    raise LookupError(f"mapgen's templates are missing: neither mapgen.templates nor {checkout} holds them")
