"""`mapgen batch` from the command line: every bad input is one line and exit 1, and
--sites writes each article's site and an index page that escapes what articles say."""

import builtins
import json

import pytest

from mapgen.cli import main

HOSTILE = "<script>alert('x')</script>"


def _one_line_error(capsys, argv, starts: str) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"mapgen: error: {starts}") and err.count("\n") == 1, err
    assert "Traceback" not in err


def test_without_the_extra_it_says_what_to_install(tmp_path, capsys, monkeypatch):
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.split(".")[0] in ("distributed", "pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    (tmp_path / "a.txt").write_text("Floods hit Lyon.", "utf-8")
    _one_line_error(
        capsys, ["batch", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out")], "mapgen batch needs Dask and pyarrow"
    )


def test_an_input_that_is_not_there(tmp_path, capsys):
    _one_line_error(capsys, ["batch", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "out")], f"{tmp_path}")


def test_two_articles_of_one_id(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text('{"id": "x", "text": "Lyon."}\n{"id": "x", "text": "Paris."}\n', "utf-8")
    _one_line_error(capsys, ["batch", str(tmp_path / "a.jsonl"), "-o", str(tmp_path / "out")], "two articles have")


def test_an_id_that_cannot_name_a_site_folder(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text('{"id": "../up", "text": "Lyon."}\n', "utf-8")
    argv = ["batch", str(tmp_path / "a.jsonl"), "-o", str(tmp_path / "out"), "--sites"]
    _one_line_error(capsys, argv, f"{tmp_path / 'a.jsonl'}:1: the id '../up'")


def test_a_site_inside_another_articles_site(tmp_path, capsys):
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Lyon."}\n{"id": "a/b", "text": "Paris."}\n', "utf-8")
    argv = ["batch", str(tmp_path / "a.jsonl"), "-o", str(tmp_path / "out"), "--sites"]
    _one_line_error(capsys, argv, f"{tmp_path / 'a.jsonl'}:2: the site of 'a/b' would be inside the site of 'a'")


def test_an_empty_folder(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    _one_line_error(capsys, ["batch", str(tmp_path / "empty"), "-o", str(tmp_path / "out")], f"{tmp_path / 'empty'}")


def test_workers_and_a_scheduler_together_is_a_bad_command_line(tmp_path):
    with pytest.raises(SystemExit) as stop:
        main(["batch", "a.txt", "-o", str(tmp_path), "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"])
    assert stop.value.code == 2


def test_sites_and_an_index_page_that_escapes_the_articles(tmp_path):
    lines = [
        {"id": "storm/lyon", "text": "Floods hit Lyon, France, on Monday.", "title": HOSTILE, "url": "javascript:x"},
        {"id": "mosul", "text": "Fighting resumed in Mosul, Iraq.", "date": "2017-03", "url": "https://e.org/?a=1&b=2"},
    ]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(tmp_path / "a.jsonl"), "-o", str(out), "--sites", "--workers", "1"]) == 0
    assert (out / "sites" / "storm" / "lyon" / "index.html").exists()
    assert (out / "sites" / "mosul" / "places.geojson").exists()
    page = (out / "index.html").read_text("utf-8")
    assert HOSTILE not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "javascript:" not in page and 'href="https://e.org/?a=1&amp;b=2"' in page
    assert 'href="sites/storm/lyon/index.html"' in page and "<time>2017-03</time>" in page
    assert page.count("<circle") >= 3  # Lyon, France, Mosul, Iraq


def test_an_error_line_names_the_article_and_where_once():
    from mapgen.batch.run import error_line
    from mapgen.batch.work import Done

    # a line that is not JSON has no id of its own: its place in the file is its id, and its error says it
    unreadable = Done("a.jsonl:2", "", error="a.jsonl:2: not JSON (Expecting value)")
    assert error_line(unreadable) == "mapgen: error: a.jsonl:2: not JSON (Expecting value)"
    empty = Done("b", "", error="a.jsonl:3: the article is empty")
    assert error_line(empty) == "mapgen: error: b: a.jsonl:3: the article is empty"
