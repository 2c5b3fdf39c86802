"""places.parquet: one row per place per article, for pandas, DuckDB or Spark.

The rows are taken from the article's FeatureCollection, so the table and
places.jsonl never disagree; the first-level area is named from the index.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter


@dataclass(frozen=True)
class Row:
    id: str  # the article's
    name: str  # as the article first writes it
    resolved: str
    kind: str
    geonameid: int | None
    lat: float
    lon: float
    country: str | None
    admin1: str | None  # the first-level area's name: 'Bretagne', 'Texas'
    confidence: float
    low_confidence: bool
    mentions: int
    start: int  # the first mention's offsets into the article's text
    end: int


COLUMNS = tuple(f.name for f in fields(Row))
# a row's values in the columns' order (dataclasses.astuple deep-copies them: 20 times slower)
_VALUES = attrgetter(*COLUMNS)


def schema():
    import pyarrow as pa

    types = {
        "geonameid": pa.int64(),
        "lat": pa.float64(),
        "lon": pa.float64(),
        "confidence": pa.float64(),
        "low_confidence": pa.bool_(),
        "mentions": pa.int32(),
        "start": pa.int32(),
        "end": pa.int32(),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in COLUMNS])


def rows_of(article_id: str, collection: dict, places, index) -> tuple[Row, ...]:
    """One row per feature of the collection, in its order (find_places' places, one per real place)."""
    rows = []
    for feature, place in zip(collection["features"], places, strict=True):
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        c = place.chosen
        admin1 = index.area_name(c.country, c.admin1) if c.country and c.admin1 else None
        first = p["mentions"][0]
        rows.append(
            Row(
                article_id,
                p["name"],
                p["resolved"],
                p["kind"],
                p["geonameid"],
                lat,
                lon,
                p["country"],
                admin1,
                p["confidence"],
                p["low_confidence"],
                len(p["mentions"]),
                first["start"],
                first["end"],
            )
        )
    return tuple(rows)


def table_of(rows: list[Row]):
    """The rows as an Arrow table of the one schema, an empty partition's too."""
    import pyarrow as pa

    columns: list[tuple] = list(zip(*map(_VALUES, rows), strict=True)) if rows else [() for _ in COLUMNS]
    return pa.Table.from_arrays(
        [pa.array(col, type=t) for col, t in zip(columns, schema().types, strict=True)], schema=schema()
    )
