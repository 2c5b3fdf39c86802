"""`mapgen build`: the map site of an article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .common import (
    add_article_cap,
    add_corrections,
    add_geocoder,
    add_language,
    add_near,
    article_cap,
    open_geocoder,
    say_corrections,
    warnings_told,
)


def add_command(commands) -> None:
    build = commands.add_parser(
        "build",
        help="write the map site of an article",
        description="Find the places an article names and write a static map site: "
        "index.html, embed.html (for an iframe) and places.geojson.",
    )
    build.add_argument("article", help="the article: a text or HTML file, or - for standard input")
    build.add_argument("-o", "--output", default="site", type=Path, help="the site's folder (default: site)")
    add_language(build)
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
    add_corrections(build)
    add_article_cap(build)
    add_geocoder(build)
    add_near(build)
    build.set_defaults(run=_build)


def _build(args) -> int:
    from .. import build_site, read_article

    article = read_article(args.article, language=args.language, max_bytes=article_cap(args))
    if args.title:
        article = replace(article, title=args.title)
    geocoder = open_geocoder(args)  # builds the index, with progress, before the slower work starts
    say_corrections(args, article.source)
    with warnings_told():
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
