"""The `mapgen` command: a thin shell over the Python API."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from . import __version__
from .errors import MapgenError

EPILOG = """examples:
  mapgen build article.txt -o site/      write the map site of an article
  mapgen places article.txt              list the places it names
  mapgen places --json a.txt b.txt       one GeoJSON FeatureCollection a line
  mapgen places --review article.txt     why each place was chosen
  cat article.html | mapgen places -     read from standard input
  mapgen eval gold.jsonl                 measure against annotated texts
  mapgen build a.txt --geocoder nominatim   also ask OpenStreetMap's Nominatim for unknown names
"""


# Exit codes: 0 done; 1 a failure the user can act on (a MapgenError, or an OS
# error on the user's own files); 2 a bad command line (argparse's own); 3 a bug
# in mapgen; 130 interrupted.
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


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
    except MapgenError as err:
        print(f"mapgen: error: {err}", file=sys.stderr)
        return err.exit_code
    except OSError as err:  # the user's own files: a folder not writable, a disk full
        where = f": {err.filename}" if err.filename else ""
        print(f"mapgen: error: {err.strerror or err}{where}", file=sys.stderr)
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

    build = commands.add_parser(
        "build",
        help="write the map site of an article",
        description="Find the places an article names and write a static map site: "
        "index.html, embed.html (for an iframe) and places.geojson.",
    )
    build.add_argument("article", help="the article: a text or HTML file, or - for standard input")
    build.add_argument("-o", "--output", default="site", type=Path, help="the site's folder (default: site)")
    _add_language(build)
    build.add_argument("--title", help="the page's title (default: the web page's own, else one naming the file)")
    build.add_argument(
        "--tiles",
        metavar="NAME",
        help="an online basemap from xyzservices, e.g. OpenStreetMap.Mapnik or CartoDB.Positron "
        "(default: offline OpenStreetMap tiles copied into the site)",
    )
    build.add_argument(
        "--assets",
        choices=("local", "cdn"),
        default="local",
        help="Leaflet from copies inside the site (default) or from a CDN with integrity hashes",
    )
    build.add_argument(
        "--single-file", action="store_true", help="also inline everything into one index.html that works when mailed"
    )
    build.add_argument("--labels", action="store_true", help="show every marker's name on the map")
    build.add_argument("--png", action="store_true", help="also write map.png with headless Chromium")
    _add_geocoder(build)
    _add_near(build)
    build.set_defaults(run=_build)

    places = commands.add_parser(
        "places",
        help="list the places an article names",
        description="Print the places each article names, as a table or as GeoJSON.",
    )
    places.add_argument("articles", nargs="+", metavar="ARTICLE", help="text or HTML files, or - for standard input")
    places.add_argument(
        "--json",
        action="store_true",
        help="one GeoJSON FeatureCollection a line, with an 'article' member naming the file",
    )
    places.add_argument(
        "--review", action="store_true", help="explain each choice: evidence, confidence and the runners-up"
    )
    _add_language(places)
    _add_geocoder(places)
    _add_near(places)
    places.set_defaults(run=_places)

    evaluate = commands.add_parser(
        "eval",
        help="measure recognition and resolution on annotated texts",
        description="Run the same extract and resolve code on every text of a "
        "JSON-lines gold file and print the measures, beside the "
        "geotext baseline's.",
    )
    evaluate.add_argument("gold", type=Path, help="a .jsonl file (see the README for its format)")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--limit", type=int, help="only the first N texts")
    evaluate.set_defaults(run=_evaluate)

    index = commands.add_parser("index", help="build the offline place-name index now (done on first use anyway)")
    index.add_argument("--rebuild", action="store_true", help="build it again even if it exists")
    index.set_defaults(run=_index)
    return parser


def _add_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", metavar="CODE", help="the article's language, e.g. fr or en (default: detected)")


def _add_near(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--near",
        metavar="PLACE",
        action="append",
        default=[],
        help="the newsroom's home region, e.g. 'Alexandria, Louisiana' (repeatable): "
        "its namesakes win when the article gives no other anchor",
    )


def _add_geocoder(parser: argparse.ArgumentParser) -> None:
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


def _geocoder(args=None):
    from .geocode import OfflineGazetteer

    offline = OfflineGazetteer(progress=_index_progress)
    if args is None or getattr(args, "geocoder", "offline") == "offline":
        if args is not None and getattr(args, "geocoder_url", None):
            raise MapgenError("--geocoder-url needs --geocoder nominatim")
        return offline
    from .online import PUBLIC_NOMINATIM, nominatim

    return nominatim(offline, args.geocoder_url or PUBLIC_NOMINATIM, progress=_asking_online)


def _asking_online(name: str) -> None:
    print(f"mapgen: asking the online geocoder for '{name}'…", file=sys.stderr)


def _index_progress(done: int, total: int, what: str) -> None:
    if done == 0:
        print("mapgen: building the offline place-name index (first run only)…", file=sys.stderr)
    print(f"  [{done}/{total}] {what}", file=sys.stderr)


def _build(args) -> int:
    from . import build_site, read_article

    article = read_article(args.article, language=args.language)
    if args.title:
        article = replace(article, title=args.title)
    geocoder = _geocoder(args)  # builds the index, with progress, before the slower work starts
    result = build_site(
        article,
        args.output,
        geocoder=geocoder,
        near=tuple(args.near),
        tiles=args.tiles,
        assets=args.assets,
        single_file=args.single_file,
        labels=args.labels,
        png=args.png,
    )
    print(f"Map written to {result.index}")
    print(f"Embed it with:\n{result.iframe_snippet}")
    return 0


def _places(args) -> int:
    from . import find_places, read_article
    from .geojson import dumps, feature_collection

    geocoder = _geocoder(args)
    for source in args.articles:
        article = read_article(source, language=args.language)
        places = find_places(article, geocoder=geocoder, near=tuple(args.near))
        if args.json:
            collection = {
                "type": "FeatureCollection",
                "article": source,
                **{k: v for k, v in feature_collection(article, places).items() if k != "type"},
            }
            print(dumps(collection))
        else:
            print(_table(source, places, review=args.review))
    return 0


def _table(source: str, places, *, review: bool) -> str:
    lines = [f"{source}: {len(places)} places"]
    rows = [("name", "resolved", "kind", "country", "lat", "lon", "conf", "mentions")]
    for p in places:
        flag = " (low)" if p.low_confidence else ""
        rows.append(
            (
                p.name,
                p.chosen.name,
                p.kind,
                p.chosen.country or "-",
                f"{p.chosen.lat:.4f}",
                f"{p.chosen.lon:.4f}",
                f"{p.confidence:.2f}{flag}",
                str(len(p.mentions)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip())
    if review:
        for p in places:
            lines.append(f"\n{p.name} → {p.chosen.name} ({p.chosen.country or p.kind}), confidence {p.confidence:.2f}")
            lines.extend(f"  because: {reason}" for reason in p.reasons)
            for other in p.runners_up:
                lines.append(
                    f"  rather than: {other.name} ({other.country or other.feature}, {other.feature}, "
                    f"population {other.population:,})"
                )
    return "\n".join(lines)


def _evaluate(args) -> int:
    from .evaluate import run

    def progress(i: int, n: int) -> None:
        print(f"\r  {i}/{n} texts", end="" if i < n else "\n", file=sys.stderr)

    _geocoder()
    print(run(args.gold, as_json=args.json, limit=args.limit, progress=progress))
    return 0


def _index(args) -> int:
    from . import gazetteer

    path = gazetteer.default_path()
    if args.rebuild and path.exists():
        path.unlink()
    if path.exists():
        print(f"The index is already built: {path}")
    else:
        gazetteer.build(path, _index_progress)
        print(f"Index built: {path}")
    print(f"{path.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
