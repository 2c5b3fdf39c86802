"""Generated hostile input on the surfaces issue 21 hardened, 2,000 examples each (slow):
GeoNames dump rows of any bytes in any column, corrections files, and online geocoder
answers (through an injected transport, never the network). A MapgenError is a fine
answer; anything else is an internal error, and fails."""

import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen import find_places
from mapgen.cli.places import _table
from mapgen.corrections import load, starting_file
from mapgen.errors import MapgenError
from mapgen.gazetteer import geonames_dump, offline_index
from mapgen.gazetteer.index import INDEXES, SCHEMA, insert
from mapgen.lookup import candidates
from mapgen.online import CappedAdapter, LenientNominatim, OnlineFallback

pytestmark = pytest.mark.slow
EXAMPLES = settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))

# --- dump rows -------------------------------------------------------------------------

ODD_VALUES = ["nan", "-inf", "1e309", "95", "-500", "18446744073709551616", "٣", "９", "", " 1", "0x10", "1_0"]
column = st.one_of(st.text(max_size=12), st.sampled_from(ODD_VALUES))
features = st.sampled_from(["PPL", "PPLC", "ADM1", "ADM2", "ISL", "PCLI", "XXX", ""])
row = st.tuples(st.lists(column, min_size=19, max_size=19), features, st.sampled_from(["FR", "fr", "", "XYZ"]))
line = st.one_of(
    row.map(lambda r: "\t".join([*r[0][:7], r[1], r[2], *r[0][9:]]).encode("utf-8")),
    st.binary(max_size=120),
)


@EXAMPLES
@given(st.lists(line, min_size=1, max_size=4))
def test_any_dump_rows_are_added_or_one_line(lines):
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "FR.zip"
        with zipfile.ZipFile(dump, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("FR.txt", b"\n".join(lines))
        db = sqlite3.connect(":memory:")
        db.executescript(SCHEMA + INDEXES)
        try:
            insert(db, geonames_dump.entries(dump, "FR", None))
        except MapgenError:
            return
        for lat, lon, population, geonameid in db.execute("SELECT lat, lon, population, geonameid FROM places"):
            assert -90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= population < 2**63 and 0 <= geonameid < 2**63


# --- corrections files -----------------------------------------------------------------

ARTICLE = "Des orages ont frappé Lyon et Paris lundi, puis la Bretagne."
names = st.one_of(st.sampled_from(["Lyon", "Paris", "Bretagne", "names", ""]), st.text(max_size=8))
values = st.one_of(
    st.sampled_from(["true", "false", "2988507", "-1", "1e400", "nan", '"focus"', '"x"', "[1, 2]", "[]", "{}"]),
    st.sampled_from(["{ lat = 95, lon = 0 }", '{ lat = 45, lon = 4, label = "L" }', "{ geonameid = 99999999999 }"]),
    st.sampled_from(['{ lat = 45.7, lon = 4.8, quote = "Lyon" }', '{ geonameid = 2988507, quote = "" }']),
    st.text(max_size=10),
)
entry = st.tuples(names, values).map(lambda kv: f"{json.dumps(kv[0], ensure_ascii=False)} = {kv[1]}")
section = st.tuples(
    st.sampled_from(["pin", "drop", "add", "rename", "mark", "other", '"a.txt".pin']), st.lists(entry, max_size=3)
)
corrections_file = st.one_of(
    st.lists(section, max_size=4).map(lambda ss: "\n".join(f"[{s}]\n" + "\n".join(es) for s, es in ss)),
    st.binary(max_size=80).map(lambda b: b.decode("utf-8", "replace")),
)


@pytest.fixture(scope="module")
def index():
    return offline_index()


@EXAMPLES
@given(text=corrections_file, bom=st.booleans())
def test_any_corrections_file_is_applied_or_one_line(index, text, bom):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.mapgen.toml"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass"))
        try:
            chosen = load(path).for_article("a.txt")
            find_places(ARTICLE, "fr", index=index, corrections=chosen, reuse_reading=True)
        except MapgenError:
            pass


# --- geocoder answers ------------------------------------------------------------------

json_value = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
number = st.one_of(st.floats(), st.integers(), st.text(max_size=6), st.sampled_from(["-13.2", "95", "NaN", "abc"]))
result = st.fixed_dictionaries(
    {},
    optional={
        "lat": number,
        "lon": number,
        "name": st.one_of(st.text(max_size=12), json_value),
        "display_name": st.one_of(st.text(max_size=12), json_value),
        "addresstype": st.one_of(st.sampled_from(["village", "city", "country", "shop"]), json_value),
        "type": json_value,
        "importance": number,
        "address": st.one_of(st.fixed_dictionaries({}, optional={"country_code": json_value}), json_value),
        "extratags": st.one_of(st.fixed_dictionaries({}, optional={"population": json_value}), json_value),
    },
)
answer = st.one_of(st.lists(st.one_of(result, json_value), max_size=6), json_value)


class Answering(CappedAdapter):
    """The transport, injected: it answers every request with the generated JSON."""

    answer: object = None

    def get_json(self, url, *, timeout, headers):
        return Answering.answer


@pytest.fixture(scope="module")
def service():
    """One geocoder service for every example: it keeps nothing between queries, its answer is
    Answering.answer, and making it reads the system's CA certificates (four fifths of an example's time)."""
    return LenientNominatim(domain="nominatim.invalid", adapter_factory=Answering, user_agent="mapgen tests")


@EXAMPLES
@given(answer)
def test_any_geocoder_answer_is_used_or_skipped(index, service, answer):
    Answering.answer = answer
    geocoder = OnlineFallback(index, service, "nominatim test", min_delay_seconds=0, cache=Path(":memory:"))
    try:
        found = candidates(geocoder, "Kampungu", online=True)
        places = find_places("Floods cut off Kampungu on Monday.", "en", index=geocoder, reuse_reading=True)
    except MapgenError:
        return
    assert all(-90 <= c.lat <= 90 and -180 <= c.lon <= 180 for c in found)
    starting_file("a.txt", places)
    _table("a.txt", places, review=True, index=geocoder)
