"""The committed example site is what `mapgen build examples/article-fr.txt -o site` writes, to the byte."""

from pathlib import Path

import mapgen

ROOT = Path(__file__).resolve().parents[1]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_example_site_rebuilds_byte_for_byte(tmp_path):
    mapgen.build_site(ROOT / "examples" / "article-fr.txt", tmp_path / "site")
    committed, rebuilt = _files(ROOT / "site"), _files(tmp_path / "site")
    assert sorted(committed) == sorted(rebuilt)
    changed = [name for name in committed if committed[name] != rebuilt[name]]
    assert changed == [], "rebuild the site: mapgen build examples/article-fr.txt -o site"
