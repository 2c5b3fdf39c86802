"""`mapgen batch`: the places of an archive of articles, on Dask (mapgen.batch does the work)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import EXIT_ERROR


def add_command(commands) -> None:
    batch = commands.add_parser(
        "batch",
        help="find the places of an archive of articles, on many cores or a Dask cluster",
        description="Find the places of many articles: OUT/places.jsonl (one GeoJSON FeatureCollection an "
        "article), OUT/places.parquet (one row a place), with --sites each article's map site. "
        "A rerun of the same command after a stop skips what is written. Needs: pip install 'mapgen[batch]'.",
    )
    batch.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="article files (.txt, .html), folders of them, or JSON Lines files"
    )
    batch.add_argument("-o", "--out", required=True, type=Path, metavar="OUT", help="the output folder")
    where = batch.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_positive, metavar="N", help="worker processes here (default: the cores)")
    where.add_argument(
        "--scheduler", metavar="ADDRESS", help="use a running Dask cluster instead, e.g. tcp://host:8786"
    )
    batch.add_argument("--sites", action="store_true", help="also write each article's site and OUT/index.html")
    batch.set_defaults(run=_batch)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not '{text}'")
    return int(text)


def _batch(args) -> int:
    from ..batch import run

    summary = run(args.inputs, args.out, workers=args.workers, scheduler=args.scheduler, sites=args.sites)
    return EXIT_ERROR if summary.failed else 0
