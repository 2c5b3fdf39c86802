"""A person's corrections to the places mapgen finds, read from a TOML file.

No resolver is always right; the desk that publishes the map has the last word,
in a file a non-programmer edits and the next build keeps:

    [pin]                                  # the place a name stands for
    Washington = 5815135                   # a GeoNames id
    "Al-Tanf" = { lat = 33.50, lon = 38.66, label = "Al-Tanf base" }

    [drop]                                 # names that are no place here
    names = ["Stryker"]
    Paris = [3]                            # only its 3rd mention

    [add]                                  # a place the article does not name as such
    "Front line" = { lat = 36.3, lon = 43.1, quote = "the front moved east" }

    [rename]                               # the label the map shows
    Mossoul = "Mossoul (vieille ville)"

    [mark]                                 # for the map's framing
    Mossoul = "focus"
    Irak = "context"

    ["other-article.txt".pin]              # the same sections, for one article only
    Georgia = 614540

The top-level sections apply to every article the file is used with; a table
named after an article's file holds that article's own, which win over them.
`ARTICLE.mapgen.toml` beside `ARTICLE.txt` is used without being named.

Reading (load, reading.py) checks the file alone; applying (prepare, then
finish, applying.py) checks it against the article and the index: pins go in
before resolution, so that the rest of the article is resolved with them as
evidence; the rest after. records.py holds the records, writing.py writes them
back as TOML.
"""

from __future__ import annotations

from .applying import for_article, prepare
from .reading import load
from .records import Corrections, StaleCorrection, beside
from .writing import describe, drop_line, entries, pin_line, spot_of, spot_toml, starting_file, toml_string

__all__ = [
    "Corrections",
    "StaleCorrection",
    "beside",
    "describe",
    "drop_line",
    "entries",
    "for_article",
    "load",
    "pin_line",
    "prepare",
    "spot_of",
    "spot_toml",
    "starting_file",
    "toml_string",
]
