"""Distances on the Earth, when two points are one place, and where a shape's middle lies.

One distance for the whole project: the great-circle distance on a sphere of the
Earth's mean radius (the same figure as geopy's great_circle, to the metre),
within 0.5% of the ellipsoid everywhere. It is written out rather than taken
from geopy because the resolver measures every candidate against every settled
place, and geopy's Point parsing makes each call nine times slower.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

EARTH_RADIUS_KM = 6371.0088  # the mean radius, as geopy's great_circle takes it

# Two points this close are one place: the same town as two sources give it. The
# gold files (the seed's and GeoWebNews') take 10 km as their tolerance, and the
# points that GeoNames, Wikipedia and OpenStreetMap give one town differ by less.
SAME_PLACE_KM = 10.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    return distances_km(lat1, lon1, ((lat2, lon2),))[0]


def distances_km(lat: float, lon: float, points: Iterable[tuple[float, float]]) -> list[float]:
    """The distance_km from one point to each of many, to the bit: the point's own terms are worked out
    once, as the resolver measures every candidate against every place settled or named."""
    p1 = math.radians(lat)
    cos_p1 = math.cos(p1)
    found = []
    for lat2, lon2 in points:
        p2 = math.radians(lat2)
        dp, dl = p2 - p1, math.radians(lon2 - lon)
        h = math.sin(dp / 2) ** 2 + cos_p1 * math.cos(p2) * math.sin(dl / 2) ** 2
        found.append(2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h))))
    return found


def ring_area_and_centroid(ring: list[list[float]]) -> tuple[float, tuple[float, float]]:
    """Area (in square degrees) and centroid of a ring of [lon, lat] points (the shoelace formula)."""
    twice_area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        twice_area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if twice_area == 0:
        return 0.0, (0.0, 0.0)
    return abs(twice_area) / 2, (cy / (3 * twice_area), cx / (3 * twice_area))
