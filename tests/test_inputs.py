"""The files a user hands mapgen, as they come: with a BOM, in UTF-16 without one, too big,
a directory or a dangling link where a file should be; a cache file edited by hand; an
output pipe closed early. Each is read, rebuilt or one line; none an internal error."""

import json
import os
import sys

import pytest

from mapgen import read_article
from mapgen.cli import main
from mapgen.corrections import load
from mapgen.errors import IngestError
from mapgen.evaluate.gold import load_gold
from mapgen.extract import kept

TEXT = "Des orages ont frappé Lyon et Paris lundi."


def test_a_bom_is_read_in_corrections_and_gold_files(tmp_path):
    corrections = tmp_path / "a.mapgen.toml"
    corrections.write_bytes(b"\xef\xbb\xbf[drop]\nParis = true\n")
    assert [d.name for d in load(corrections).for_all.drops] == ["Paris"]
    gold = tmp_path / "gold.jsonl"
    record = {"id": "a", "text": TEXT, "language": "fr", "places": []}
    gold.write_bytes(b"\xef\xbb\xbf" + json.dumps(record).encode() + b"\n")
    assert [t.id for t in load_gold(gold)] == ["a"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [TEXT, "Floods hit Lyon on Monday."])  # ASCII alone is valid UTF-8 too
def test_utf16_without_a_bom_is_read(tmp_path, encoding, text):
    article = tmp_path / "a.txt"
    article.write_bytes(text.encode(encoding))
    assert read_article(article).text == text


def test_an_article_past_the_cap_is_one_line_and_the_cap_can_be_raised(tmp_path, capsys, monkeypatch):
    article = tmp_path / "big.txt"
    article.write_bytes((TEXT + "\n").encode() * (10_000_000 // len(TEXT.encode()) + 10))
    with pytest.raises(IngestError, match=r"over the 10 MB .*--max-article-mb"):
        read_article(article)
    assert main(["places", str(article)]) == 1
    assert "--max-article-mb" in capsys.readouterr().err
    assert read_article(article, max_bytes=20_000_000).text.startswith(TEXT)


def test_max_article_mb_is_an_option_of_build_and_places(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(TEXT * 100, "utf-8")
    assert main(["places", "--max-article-mb", "0.001", str(article)]) == 1
    assert "over the 0.001 MB" in capsys.readouterr().err
    assert main(["build", "--max-article-mb", "0.001", str(article), "-o", str(tmp_path / "s")]) == 1
    assert "over the 0.001 MB" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["directory", "dangling link"])
def test_a_corrections_file_that_is_no_file_is_one_line(tmp_path, capsys, kind):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, "utf-8")
    beside = tmp_path / "a.mapgen.toml"
    if kind == "directory":
        beside.mkdir()
    else:
        beside.symlink_to(tmp_path / "gone.toml")
    assert main(["places", str(article)]) == 1
    [error] = [line for line in capsys.readouterr().err.splitlines() if line.startswith("mapgen: error:")]
    assert "a.mapgen.toml" in error and "cannot read" in error
    assert main(["places", "--corrections", str(beside), str(article)]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_corrections_out_never_follows_a_link(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "out.toml"
    link.symlink_to(elsewhere / "planted.toml")  # dangling: exists() says False
    assert main(["places", str(article), "--corrections-out", str(link)]) == 1
    assert "exists" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == [] and link.is_symlink()


def test_a_mentions_cache_edited_by_hand_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setattr(kept, "cache_dir", lambda: tmp_path)
    from mapgen import find_places
    from mapgen.gazetteer import offline_index

    index = offline_index()
    article = read_article_text(TEXT)
    first = [p.name for p in find_places(article, index=index, reuse_reading=True)]
    [copy] = (tmp_path / kept.FOLDER).glob("*.json")
    for edit in (
        lambda rows: [{**r, "start": "0"} for r in rows],
        lambda rows: [{**r, "end": 10**9} for r in rows],
        lambda rows: [{**r, "text": None} for r in rows],
        lambda rows: [{**r, "label": ["LOC"]} for r in rows],
        lambda rows: {"not": "a list"},
        lambda rows: [[1, 2]],
    ):
        copy.write_text(json.dumps(edit(json.loads(copy.read_text()))))
        assert [p.name for p in find_places(article, index=index, reuse_reading=True)] == first
        assert json.loads(copy.read_text())[0]["start"] != "0"


def read_article_text(text: str):
    from mapgen.ingest import parse_article

    return parse_article(text, source="a.txt", language="fr")


def test_output_cut_short_by_head_is_quiet(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path))  # no country added: one line to print
    read, write = os.pipe()
    os.close(read)
    saved = os.dup(1)
    try:
        monkeypatch.setattr(sys, "stdout", os.fdopen(write, "w", buffering=1))
        assert main(["gazetteer", "list"]) == 141
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    assert capsys.readouterr().err == ""
