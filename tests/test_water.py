"""The lakes and rivers around a story: the ones whose box meets its area, read from a kept copy."""

import pytest

from mapgen.site import shapes, water


def whole_reading(bounds, band):
    """The lakes and rivers of the band whose box meets the story's widened area, from the package's whole file."""
    (south, west), (north, east) = bounds
    pad = max(water.MIN_WIDEN_DEG, max(north - south, east - west) * water.WIDEN)

    def meets(ring):
        s, w, n, e = water._box(ring)
        return s <= north + pad and n >= south - pad and w <= east + pad and e >= west - pad

    found = shapes.water(band)
    lakes = [[list(r) for r in polygon] for lake in found.lakes for polygon in lake.polygons if meets(polygon[0])]
    rivers = [list(line) for river in found.rivers for line in river.lines if meets(line)]
    return {"lakes": lakes, "rivers": rivers} if lakes or rivers else {}


@pytest.mark.parametrize(
    ("bounds", "local", "band"),
    [
        ([[50.0, 6.0], [51.0, 7.5]], True, "10m"),  # the Rhine around Cologne
        ([[41.5, -88.0], [46.0, -82.0]], False, "50m"),  # the Great Lakes
        ([[-40.0, -80.0], [40.0, 60.0]], False, "110m"),
        ([[-60.0, -150.0], [-59.0, -149.0]], True, "10m"),  # open sea: none
    ],
)
def test_water_near_a_story_is_read_from_a_kept_copy(bounds, local, band, tmp_path, monkeypatch):
    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path))
    expected = whole_reading(bounds, band)
    assert water.water_near(bounds, local) == expected

    def whole(band):
        raise AssertionError("the package's whole water file was read again")

    monkeypatch.setattr(shapes, "water", whole)
    assert water.water_near(bounds, local) == expected, "the second build reads the kept copy"
