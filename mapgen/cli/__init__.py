"""The `mapgen` command: a thin shell over the Python API.

One module per command group: build.py, places.py, measure.py (eval),
index.py (index, gazetteer) and batch.py; common.py holds their shared options and how a
failure is reported.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from ..errors import MapgenError
from ..visible import visible
from . import batch, build, index, measure, places
from .common import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, os_error_text

__all__ = ["EXIT_ERROR", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_USAGE", "main"]

EPILOG = """examples:
  mapgen build article.txt -o site/      write the map site of an article
  mapgen places article.txt              list the places it names
  mapgen places --json a.txt b.txt       one GeoJSON FeatureCollection a line
  mapgen places --review article.txt     why each place was chosen
  cat article.html | mapgen places -     read from standard input
  mapgen eval gold.jsonl                 measure against annotated texts
  mapgen build a.txt --geocoder nominatim   also ask OpenStreetMap's Nominatim for unknown names
  mapgen places --review a.txt --corrections-out a.mapgen.toml   a corrections file to start from
  mapgen build a.txt --edit              also write edit.html, to correct the places on the map
  mapgen batch archive.jsonl -o out/     the places of an archive, on every core (mapgen[batch])
"""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("mapgen: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `mapgen places … | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        return EXIT_BROKEN_PIPE
    except MapgenError as err:
        print(f"mapgen: error: {visible(str(err))}", file=sys.stderr)
        return err.exit_code
    except OSError as err:  # the user's own files: a folder not writable, a disk full
        print(f"mapgen: error: {visible(os_error_text(err))}", file=sys.stderr)
        return EXIT_ERROR
    except Exception:
        if args.debug:
            raise
        print("mapgen: internal error (a bug in mapgen); run again with --debug to see where", file=sys.stderr)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mapgen",
        description="Turn a news article into a map of the places it names. Works offline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build.add_command(commands)
    places.add_command(commands)
    measure.add_command(commands)
    index.add_commands(commands)
    batch.add_command(commands)
    return parser
