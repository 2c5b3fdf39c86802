"""Distances on the Earth, and when two points are one place.

One distance for the whole project: geopy's great-circle distance on a sphere of
the Earth's mean radius, which is within 0.5% of the ellipsoid everywhere and a
few times faster than the geodesic, so the resolver can afford it for every pair.
"""

from __future__ import annotations

from geopy.distance import great_circle

# Two points this close are one place: the same town as two sources give it. The
# gold files (the seed's and GeoWebNews') take 10 km as their tolerance, and the
# points that GeoNames, Wikipedia and OpenStreetMap give one town differ by less.
SAME_PLACE_KM = 10.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    return float(great_circle((lat1, lon1), (lat2, lon2)).km)
