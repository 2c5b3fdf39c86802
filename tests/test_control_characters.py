"""Names from a geocoder or a file name written where a newline or an escape sequence would
do harm: a TOML comment (a live line), the editor's file header, a terminal."""

import json
import tomllib
from dataclasses import replace

from mapgen.cli import main
from mapgen.cli.places import _table
from mapgen.corrections import starting_file
from mapgen.corrections.records import Corrections
from mapgen.gazetteer import offline_index
from mapgen.site.editor import edit_page

LIVE_PIN = '\n"Alep" = 2988507\n'
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u2028"
CONTROLS = {"\x1b", "\x07", "\x9b", "\u2028", "\r"}


def hostile(places):
    """The storm story's places, each name of them and of their runners-up carrying a live pin and escapes."""
    lyon, paris, *rest = places
    runner_up = replace(paris.runners_up[0], name=f"Lyon{LIVE_PIN}{ESCAPES}")
    return [
        replace(lyon, name=f"Lyon{LIVE_PIN}", chosen=replace(lyon.chosen, name=f"Lyon{ESCAPES}{LIVE_PIN}")),
        replace(paris, runners_up=(runner_up,)),
        *rest,
    ]


def test_names_in_the_starting_file_make_no_live_line(places):
    text = starting_file(f"a{LIVE_PIN}.txt", hostile(places))
    assert tomllib.loads(text) == {"pin": {}, "drop": {}}
    assert all(line.startswith(("#", "[")) for line in text.splitlines() if line)
    assert not CONTROLS & set(text)


def test_the_editors_file_header_escapes_the_article_name(article, places):
    page = edit_page(
        replace(article, source=f"/tmp/a{LIVE_PIN}{ESCAPES}.txt"), hostile(places), Corrections(), {}, LOADED
    )
    data = json.loads(str(page["map"]["data"]))
    header = "\n".join(data["header"])
    assert header.count("\n") == 1 and all(line.startswith("# ") for line in data["header"])
    assert not CONTROLS & set(header)


LOADED = {"styles": [], "scripts": [], "inline_styles": [], "inline_scripts": []}


def test_review_and_table_show_no_control_character(places):
    shown = _table("a.txt", hostile(places), review=True, index=offline_index())
    assert not CONTROLS & set(shown)
    assert not [line for line in shown.splitlines() if line.startswith('"Alep"')]


def test_an_error_naming_a_file_shows_no_control_character(tmp_path, capsys):
    assert main(["places", str(tmp_path / f"a{ESCAPES}{LIVE_PIN}.txt")]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and not CONTROLS & set(error)
    assert main(["build", str(tmp_path / f"a{ESCAPES}.txt"), "-o", str(tmp_path / "site")]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and not CONTROLS & set(error)
