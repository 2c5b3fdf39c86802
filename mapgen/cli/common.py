"""What the commands share: their common options, the geocoder they open, and how
they report a failure, a stale correction or the index being built."""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..corrections import StaleCorrection
from ..errors import MapgenError, NothingSure
from ..visible import visible

# Exit codes: 0 done; 1 a failure the user can act on (a MapgenError, or an OS
# error on the user's own files); 2 a bad command line (argparse's own); 3 a bug
# in mapgen; 130 interrupted; 141 its output closed early (`| head`), as a shell reports SIGPIPE.
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


def add_finding_options(parser: argparse.ArgumentParser) -> None:
    """The options of reading articles and finding their places, which build and places share."""
    add_language(parser)
    add_article_cap(parser)
    add_corrections(parser)
    add_geocoder(parser)
    add_near(parser)


def add_article_cap(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-article-mb",
        metavar="MB",
        type=float,
        default=10.0,
        help="refuse an article bigger than this (default: 10 MB; a 20 MB text takes over ten minutes)",
    )


def article_cap(args) -> int:
    return round(args.max_article_mb * 1_000_000)


def add_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", metavar="CODE", help="the article's language, e.g. fr or en (default: detected)")


def add_corrections(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corrections",
        metavar="FILE",
        type=Path,
        help="a corrections file (TOML: pin, drop, add, rename, mark); "
        "default: ARTICLE.mapgen.toml beside the article, if there is one",
    )


def say_corrections(args, source: str) -> None:
    """Name the corrections file picked up beside the article: a build it changes should not surprise."""
    from ..corrections import beside

    found = None if args.corrections else beside(source)
    if found:
        print(f"mapgen: using the corrections in {found}", file=sys.stderr)


TOLD = (StaleCorrection, NothingSure)  # the warnings a person should read, told as one line each


@contextmanager
def warnings_told() -> Iterator[None]:
    """Corrections that no longer match, and an article with no place sure enough
    to map, are told on stderr, one line each; nothing else is held back."""
    with warnings.catch_warnings(record=True) as caught:
        for category in TOLD:
            warnings.simplefilter("always", category)
        yield
    for warning in caught:
        if issubclass(warning.category, TOLD):
            print(f"mapgen: warning: {visible(str(warning.message))}", file=sys.stderr)
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)


def add_near(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--near",
        metavar="PLACE",
        action="append",
        default=[],
        help="the newsroom's home region, e.g. 'Alexandria, Louisiana' (repeatable): "
        "its namesakes win when the article gives no other anchor",
    )


def add_geocoder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--geocoder",
        choices=("offline", "nominatim"),
        default="offline",
        help="offline (default): the local GeoNames index only; nominatim: also ask a Nominatim "
        "server for the names the index lacks (answers are cached, one request a second)",
    )
    parser.add_argument(
        "--geocoder-url",
        metavar="URL",
        help="the Nominatim server (default: the public one, https://nominatim.openstreetmap.org)",
    )


def open_geocoder(args=None):
    from ..gazetteer import offline_index

    offline = offline_index(progress=index_progress, waiting=waiting_for_index)
    if args is None or getattr(args, "geocoder", "offline") == "offline":
        if args is not None and getattr(args, "geocoder_url", None):
            raise MapgenError("--geocoder-url needs --geocoder nominatim")
        return offline
    from ..online import PUBLIC_NOMINATIM, nominatim

    return nominatim(offline, args.geocoder_url or PUBLIC_NOMINATIM, progress=_asking_online)


def _asking_online(name: str) -> None:
    print(f"mapgen: asking the online geocoder for '{name}'…", file=sys.stderr)


def waiting_for_index() -> None:
    print("mapgen: another mapgen is building the place-name index; waiting for it…", file=sys.stderr)


def index_progress(done: int, total: int, what: str) -> None:
    if done == 0:
        print("mapgen: building the offline place-name index (first run only)…", file=sys.stderr)
    print(f"  [{done}/{total}] {what}", file=sys.stderr)


def os_error_text(err: OSError) -> str:
    """The reason and the file it concerns: a full disk may strike the cache, not the article."""
    reason = err.strerror or str(err)
    return f"{reason}: {err.filename}" if err.filename else reason


def article_failure(err: Exception, source: str, debug: bool) -> tuple[str, int]:
    """One line naming the article that failed, and the exit code it calls for."""
    if isinstance(err, MapgenError | OSError):
        message = str(err) if isinstance(err, MapgenError) else os_error_text(err)
        code = err.exit_code if isinstance(err, MapgenError) else EXIT_ERROR
    elif debug:
        raise err
    else:
        message, code = "internal error (a bug in mapgen); run again with --debug to see where", EXIT_INTERNAL
    return visible(message if message.startswith(f"{source}: ") else f"{source}: {message}"), code


def warn(message: str) -> None:
    print(f"mapgen: warning: {visible(message)}", file=sys.stderr)
