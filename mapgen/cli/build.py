"""`mapgen build`: the map site of an article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import common

_HELP = "write the map site of an article"
_DESCRIPTION = "Find the places an article names and write a static map site: index.html, embed.html (for an iframe), places.geojson and map.svg."


def add_command(commands) -> None:
    build = commands.add_parser("build", help=_HELP, description=_DESCRIPTION)
    build.add_argument("article", help="the article: a text or HTML file, or - for standard input")
    build.add_argument("-o", "--output", default="site", type=Path, help="the site's folder (default: site)")
    build.add_argument(
        "--title",
        help="the map's title (default: the article's headline: a saved page's title, or a first line that reads as one)",
    )
    build.add_argument(
        "--tiles",
        metavar="NAME",
        help="tiles under the map: an online layer by its xyzservices name (OpenStreetMap.Mapnik, CartoDB.Positron), "
        "or 'offline' for OpenStreetMap tiles copied into the site (pip install 'mapgen[tiles]'); "
        "default: no tiles, the vector basemap drawn in the page",
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
        help="also write edit.html (linked from no page): choose a runner-up, rename, add, mark as context, drop "
        "or drag a place, and download the corrections file; saved beside the article, every build applies it",
    )
    common.add_finding_options(build)
    build.set_defaults(run=_build)


def _build(args) -> int:
    from .. import build_site, read_article

    article = read_article(args.article, language=args.language, max_bytes=common.article_cap(args))
    if args.title:
        article = replace(article, title=args.title)
    geocoder = common.open_geocoder(args)  # builds the index, with progress, before the slower work starts
    common.say_corrections(args, article.source)
    with common.warnings_told():
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
