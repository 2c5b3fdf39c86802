"""Area shapes come with the package: no npm, no subprocess, no .ci/node at build time; US counties as shapes."""

import ast
from pathlib import Path

import pytest

from mapgen.model import Candidate
from mapgen.site import admin1, fine_land

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def no_npm(monkeypatch, tmp_path):
    """No npm on the PATH, no $MAPGEN_ADMIN1, an empty cache, and .ci/node out of reach."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("MAPGEN_ADMIN1", raising=False)
    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path / "cache"))
    real_is_file, real_is_dir = Path.is_file, Path.is_dir

    def unreachable(method):
        def check(self):
            assert ".ci" not in self.parts, f"the build looked at {self}"
            return method(self)

        return check

    monkeypatch.setattr(Path, "is_file", unreachable(real_is_file))
    monkeypatch.setattr(Path, "is_dir", unreachable(real_is_dir))


def test_admin1_runs_no_program_and_names_no_checkout_folder():
    source = (ROOT / "mapgen" / "site" / "admin1.py").read_text("utf-8")
    imported = {
        alias.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Import) for alias in node.names
    }
    assert "subprocess" not in imported
    assert ".ci" not in source and "npm root" not in source


def test_state_and_departement_shapes_come_from_the_package(no_npm):
    assert admin1.available()
    texas, finistere = admin1.shapes_for(
        [
            Candidate(4736286, "Texas", "admin", "US", 31.25, -99.25, admin1="TX"),
            Candidate(None, "Departement du Finistere", "admin", "FR", 48.26, -4.11),
        ]
    )
    assert texas is not None and 29 < texas.at[0] < 33 and texas.rings
    assert finistere is not None and 47.5 < finistere.at[0] < 49
    assert admin1.lines_for(["US"]), "the story's country's inner borders"


def test_a_local_story_gets_its_sharp_land_from_the_package(no_npm):
    areas = fine_land.areas_in((40.2, -82.5, 41.0, -81.4))
    assert areas and {area["code"] for area in areas} == {"US"}


def test_a_county_the_article_names_is_drawn_as_its_shape(no_npm):
    holmes, by_name, state = admin1.shapes_for(
        [
            Candidate(5157783, "Holmes County", "admin", "US", 40.56, -81.93, admin1="OH"),
            Candidate(None, "Coshocton County", "admin", "US", 40.3, -81.85, admin1="OH"),
            Candidate(None, "New York", "admin", "US", 43.0, -75.5, admin1="NY"),
        ]
    )
    assert holmes is not None and abs(holmes.at[0] - 40.56) < 0.1 and abs(holmes.at[1] + 81.93) < 0.1
    (south, west, north, east) = fine_land.bounding_box(holmes.rings)
    assert 0.15 < north - south < 0.4 and 0.4 < east - west < 0.7, "a county's size, not a state's"
    assert by_name is not None and abs(by_name.at[0] - 40.3) < 0.2
    assert state is not None and fine_land.bounding_box(state.rings)[2] > 44, "New York State, not New York County"
