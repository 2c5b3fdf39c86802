"""Every error mapgen raises on purpose, in one tree.

A `MapgenError` is a failure the user can act on: the command line prints its
message alone, on one line, and exits with the error's `exit_code`. Anything
else that escapes is a bug.

    MapgenError                      exit 1
    ├── IngestError                  the article cannot be read
    ├── ExtractError                 no model for the article's language
    ├── GazetteerError               the place-name index cannot be built or opened
    │   ├── DamagedIndex             ... it is there but cannot be read
    │   └── DumpNotFound             a GeoNames dump to add is not on the server (HTTP 404)
    ├── OnlineGeocoderError          the opt-in online geocoder failed
    ├── GoldDataError                an annotated (gold) file is malformed
    ├── CorrectionsError             a corrections file is malformed or does not fit the article
    ├── NearPlaceError               --near names a place the gazetteer does not know
    └── SiteError                    the site cannot be written where or as asked

Warnings (the map is made, but a person should look; the command line prints
their message as one line):

    UserWarning
    └── NothingSure                  the map is empty: no place known, or none sure enough
"""

from __future__ import annotations

__all__ = [
    "CorrectionsError",
    "DamagedIndex",
    "DumpNotFound",
    "ExtractError",
    "GazetteerError",
    "GoldDataError",
    "IngestError",
    "MapgenError",
    "NearPlaceError",
    "NothingSure",
    "OnlineGeocoderError",
    "SiteError",
]


class MapgenError(Exception):
    """A failure the user can act on: the command line prints its message alone."""

    exit_code = 1


class IngestError(MapgenError):
    """The article cannot be read: missing, empty, not text, or in no language mapgen reads."""


class ExtractError(MapgenError):
    """The article's language has no model, or the model is not installed."""


class GazetteerError(MapgenError):
    """The index cannot be built or opened."""


class DamagedIndex(GazetteerError):
    """The index file is there but cannot be read: cut short, overwritten."""


class DumpNotFound(GazetteerError):
    """The server has no such GeoNames dump: a wrong country code or mirror URL."""


class OnlineGeocoderError(MapgenError):
    """The online geocoder did not answer, or answered something unusable."""


class GoldDataError(MapgenError):
    """An annotated file for `mapgen eval` is malformed; the message names the line."""


class CorrectionsError(MapgenError):
    """A corrections file cannot be read or does not fit the article; the message names the line."""


class NearPlaceError(MapgenError):
    """A home region given with --near is no place the gazetteer knows."""


class SiteError(MapgenError):
    """The site cannot be written where or as asked."""


class NothingSure(UserWarning):
    """The map is empty, and the message says why: no name of the article is a place
    the gazetteer holds, or none is sure enough to map (then it names the likeliest,
    for a corrections file to pin)."""
