"""Builds what a first run of mapgen builds in its cache (the place-name index, each language's
reading pipeline and word tables), once, before the test workers start: else the first test of
each worker that needs one builds it, or waits for the other worker's build."""

import warnings

import mapgen
from mapgen.errors import MapgenError
from mapgen.languages import CODES

warnings.simplefilter("ignore")  # a sentence with no place is a warning, and no place is needed here
for code in CODES:
    try:
        mapgen.find_places("Paris.", code)
    except MapgenError:
        pass
