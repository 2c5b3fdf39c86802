"""mapgen finds its templates the same way from a plain checkout and from an installed wheel."""

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Writes a page from hand-made places (no NLP, no index), and says where mapgen was imported from.
RENDER = """
import sys
from pathlib import Path
import mapgen
from mapgen.model import Article, Candidate, Mention, Place
from mapgen.site.pages import write_site

text = "Des orages ont frappé Lyon lundi."
lyon = Candidate(2996944, "Lyon", "city", "FR", 45.75, 4.85, 522228, "84")
place = Place("Lyon", lyon, 0.9, (Mention("Lyon", 22, 26, text, 0, "LOC"),))
result = write_site(Article(text, "fr", "orages.txt"), [place], Path(sys.argv[1]))
print(mapgen.__file__)
print(result.index.read_text("utf-8").count("Lyon"))
"""


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory):
    """A fresh venv without mapgen, which sees the test venv's dependencies through a .pth file."""
    where = tmp_path_factory.mktemp("venv")
    venv.create(where, with_pip=False)
    purelib = Path(
        subprocess.check_output(
            [str(where / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    return where / "bin" / "python"


def _render(python: Path, out: Path, **kwargs) -> list[str]:
    result = subprocess.run(
        [str(python), "-c", RENDER, str(out)], capture_output=True, text=True, timeout=120, **kwargs
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_plain_checkout_finds_the_templates(bare_python, tmp_path):
    imported, count = _render(bare_python, tmp_path / "site", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert Path(imported).is_relative_to(ROOT / "mapgen")
    assert int(count) >= 1 and (tmp_path / "site" / "assets" / "mapgen.js").is_file()


def test_installed_wheel_finds_the_templates(bare_python, tmp_path):
    _pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(ROOT))
    wheel = next((tmp_path / "dist").glob("mapgen-*.whl"))
    _pip("install", "--no-deps", "--no-index", "--target", str(tmp_path / "installed"), str(wheel))
    imported, count = _render(
        bare_python, tmp_path / "site", cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "installed")}
    )
    assert Path(imported).is_relative_to(tmp_path / "installed")
    assert int(count) >= 1 and (tmp_path / "site" / "assets" / "mapgen.js").is_file()


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args, "--quiet"], check=True, capture_output=True, timeout=300)
