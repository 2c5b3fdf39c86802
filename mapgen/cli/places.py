"""`mapgen places`: the places each article names, as a table, with --review's reasons, or as GeoJSON."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import MapgenError
from ..geocode import PlaceIndex
from ..model import Candidate
from ..visible import visible
from . import common

_HELP = "list the places an article names"
_DESCRIPTION = "Print the places each article names, as a table or as GeoJSON; --review says why each was chosen, the ones to check first."


def add_command(commands) -> None:
    places = commands.add_parser("places", help=_HELP, description=_DESCRIPTION)
    places.add_argument("articles", nargs="+", metavar="ARTICLE", help="text or HTML files, or - for standard input")
    places.add_argument(
        "--json",
        action="store_true",
        help="one GeoJSON FeatureCollection a line, with an 'article' member naming the file",
    )
    places.add_argument(
        "--review", action="store_true", help="explain each choice: evidence, confidence and the runners-up"
    )
    places.add_argument(
        "--corrections-out",
        metavar="FILE",
        type=Path,
        help="write a corrections file to start from, every choice and runner-up in it commented out",
    )
    common.add_finding_options(places)
    places.set_defaults(run=_places)


def _places(args) -> int:
    """Each article on its own: one that fails is reported and the others still run."""
    from .. import find_places, read_article
    from ..site.geojson import dumps, feature_collection

    if args.corrections_out and len(args.articles) > 1:
        raise MapgenError("--corrections-out writes the file of one article; name only one")
    if args.corrections_out and os.path.lexists(args.corrections_out):
        raise MapgenError(f"{args.corrections_out} exists; mapgen does not overwrite a corrections file")
    geocoder = common.open_geocoder(args)
    worst = 0
    for source in args.articles:
        try:
            article = read_article(source, language=args.language, max_bytes=common.article_cap(args))
            common.say_corrections(args, source)
            with common.warnings_told():
                places = find_places(article, geocoder=geocoder, corrections=args.corrections, near=tuple(args.near))
        except Exception as err:  # noqa: BLE001 - reported as the one article's failure; the others go on
            message, code = common.article_failure(err, source, args.debug)
            print(f"mapgen: error: {message}", file=sys.stderr)
            if args.json:
                print(dumps({"article": source, "error": message}))
            worst = max(worst, code)
            continue
        if args.corrections_out:
            _write_starting_file(args.corrections_out, source, places, geocoder)
        if args.json:
            collection = {
                "type": "FeatureCollection",
                "article": source,
                **{k: v for k, v in feature_collection(article, places).items() if k != "type"},
            }
            print(dumps(collection))
        else:
            print(_table(source, places, review=args.review, index=geocoder))
    return worst


def _table(source: str, places, *, review: bool, index: PlaceIndex) -> str:
    lines = [f"{source}: {len(places)} place{'' if len(places) == 1 else 's'}"]
    rows = [("name", "resolved", "kind", "country", "lat", "lon", "conf", "mentions")]
    for p in places:
        flag = " (check)" if p.low_confidence else ""
        rows.append(
            (
                visible(p.name),
                visible(p.chosen.name),
                p.kind,
                visible(p.chosen.country or "-"),
                f"{p.chosen.lat:.4f}",
                f"{p.chosen.lon:.4f}",
                f"{p.confidence:.2f}{flag}",
                str(len(p.mentions)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip())
    if review:  # the markers to check first, each with the line that says why
        lines.extend(line for p in sorted(places, key=lambda p: not p.low_confidence) for line in _review(p, index))
    return "\n".join(lines)


def _review(place, index: PlaceIndex) -> list[str]:
    """Why the place was chosen, its runners-up, and the lines of a corrections file that change it."""
    from ..corrections import describe, drop_line, pin_line
    from ..geo import distance_km
    from ..lookup import area_of

    chosen = place.chosen

    def area(c: Candidate) -> str | None:
        return area_of(index, c)

    lines = [
        f"\n{visible(place.name)} → {describe(chosen, area(chosen))}, confidence {place.confidence:.2f}, {place.origin}"
    ]
    if place.check:
        lines.append(f"  CHECK: {visible(place.check)}")
    lines.extend(f"  because: {visible(reason)}" for reason in place.reasons)
    for other in place.runners_up:
        away = distance_km(chosen.lat, chosen.lon, other.lat, other.lon)
        lines.append(f"  rather than: {describe(other, area(other))}, {away:,.0f} km away")
        lines.append(f"    to choose it, under [pin]:   {pin_line(place.name, other, area(other))}")
    lines.append(f"  to drop it, under [drop]:      {drop_line(place.name)}")
    return lines


def _write_starting_file(path: Path, source: str, places, index: PlaceIndex) -> None:
    from ..corrections import starting_file
    from ..lookup import area_of

    text = starting_file(source, places, lambda c: area_of(index, c))
    try:  # never over a file, nor through a link planted since the check
        file = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        raise MapgenError(f"{path} exists; mapgen does not overwrite a corrections file") from None
    with open(file, "w", encoding="utf-8") as out:
        out.write(text)
    print(f"mapgen: corrections file to start from written to {path}", file=sys.stderr)
