"""`mapgen eval`: mapgen measured on annotated texts, beside the geotext baseline."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import article_failure, open_geocoder

_HELP = "measure recognition and resolution on annotated texts"
_DESCRIPTION = "Run mapgen on every text of a JSON-lines gold file and print the measures beside the geotext baseline's (pip install 'mapgen[eval]'). The gold format: docs/evaluation.md."


def add_command(commands) -> None:
    evaluate = commands.add_parser("eval", help=_HELP, description=_DESCRIPTION)
    evaluate.add_argument(
        "gold", type=Path, help="a .jsonl file of annotated texts (docs/evaluation.md gives its format)"
    )
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--limit", type=int, help="only the first N texts")
    evaluate.set_defaults(run=_evaluate)


def _evaluate(args) -> int:
    from ..evaluate import run

    def progress(i: int, n: int) -> None:
        print(f"\r  {i}/{n} texts", end="" if i < n else "\n", file=sys.stderr)

    codes = []

    def failed(text_id: str, err: Exception) -> str:
        message, code = article_failure(err, f"{args.gold}: text {text_id}", args.debug)
        print(f"\nmapgen: error: {message}", file=sys.stderr)
        codes.append(code)
        return message

    open_geocoder()
    print(run(args.gold, as_json=args.json, limit=args.limit, progress=progress, on_error=failed))
    return max(codes, default=0)
