"""Batches of articles and annotated texts: one bad one is reported on its own
and the rest go on; a malformed gold line is an error naming it."""

import json

import pytest

from mapgen import cli
from mapgen.errors import GoldDataError
from mapgen.evaluate import load_gold

GOOD = "Des inondations ont frappé Lyon lundi."


def gold_line(**changes):
    text = "Officials in London said so."
    record = {
        "id": "t",
        "language": "en",
        "text": text,
        "places": [{"name": "London", "start": 13, "end": 19, "lat": 51.509, "lon": -0.126}],
    }
    place = {k: changes.pop(k) for k in ("start", "end", "lat", "lon") if k in changes}
    record["places"][0].update(place)
    record.update(changes)
    return json.dumps(record)


@pytest.mark.parametrize(
    "line, message",
    [
        (gold_line(text=None), r"gold.jsonl:2: 'text' must be a string, not null"),
        (gold_line(text=42), r"gold.jsonl:2: 'text' must be a string, not 42"),
        (gold_line(start=-6, end=-1), r"gold.jsonl:2: the offsets of 'London' \(-6, -1\) are not a span"),
        (gold_line(lat=450.0), r"gold.jsonl:2: 'London' lies off the Earth \(lat 450.0"),
        (gold_line(lon=-181.0), r"gold.jsonl:2: 'London' lies off the Earth \(lat 51.509, lon -181.0\)"),
    ],
)
def test_a_malformed_gold_line_is_named(tmp_path, line, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line() + "\n" + line + "\n")
    with pytest.raises(GoldDataError, match=message):
        load_gold(gold)


def write_articles(tmp_path):
    good, good2 = tmp_path / "good.txt", tmp_path / "good2.txt"
    good.write_text(GOOD, "utf-8")
    good2.write_text("Des orages ont frappé Grenoble.", "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    return [str(good), str(empty), str(tmp_path / "missing.txt"), str(good2)]


def test_places_json_goes_on_past_bad_articles(tmp_path, capsys):
    articles = write_articles(tmp_path)
    assert cli.main(["places", "--json", *articles]) == 1
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["article"] for line in lines] == articles
    assert [("error" in line) for line in lines] == [False, True, True, False]
    assert "empty" in lines[1]["error"] and "no such file" in lines[2]["error"]
    assert lines[3]["features"][0]["properties"]["name"] == "Grenoble"
    errors = [line for line in err.splitlines() if line.startswith("mapgen: error")]  # not the index's progress
    assert errors == [f"mapgen: error: {lines[1]['error']}", f"mapgen: error: {lines[2]['error']}"]
    assert errors[1].startswith(f"mapgen: error: {articles[2]}: ") and "Traceback" not in err


def test_places_table_names_the_article_of_an_unsupported_language(tmp_path, capsys, monkeypatch):
    articles = write_articles(tmp_path)
    assert cli.main(["places", "--language", "xx", articles[0]]) == 1
    assert capsys.readouterr().err.startswith(f"mapgen: error: {articles[0]}: no place-name model for language 'xx'")

    def crash(*args, **kwargs):
        raise IndexError("a bug")

    monkeypatch.setattr("mapgen.resolve.resolve", crash)
    assert cli.main(["places", articles[0], articles[3]]) == 3
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("internal error" in line for line in err)


def test_eval_goes_on_past_texts_it_cannot_read(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    lines = [gold_line(id="a"), gold_line(id="b", language="xx"), gold_line(id="c")]
    gold.write_text("\n".join(lines) + "\n")
    assert cli.main(["eval", "--json", str(gold)]) == 1
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["mapgen"]["texts"] == 2 and report["geotext"]["texts"] == 2
    assert [f["text"] for f in report["failed"]] == ["b"]
    assert report["failed"][0]["error"].startswith(f"{gold}: text b: no place-name model for language 'xx'")
    assert f"mapgen: error: {gold}: text b: no place-name model" in err


def test_loosely_spelled_countries_with_no_support_are_no_crash(tmp_path, capsys):
    texts = [
        "Troops moved into Syrria on Monday, the ministry said.",
        "The president of Irann spoke.",
        "Heavy rain hit Kenya and Marocc.",
        "Floods in Burkina Faso have killed 12 people. In Burkina, the rains hit Ouagadougou.",
    ]
    articles = []
    for i, text in enumerate(texts):
        articles.append(tmp_path / f"{i}.txt")
        articles[-1].write_text(text, "utf-8")
    assert cli.main(["places", "--json", "--language", "en", *map(str, articles)]) == 0, capsys.readouterr().err
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [("error" in line) for line in lines] == [False] * 4
    names = [[f["properties"]["resolved"] for f in line["features"]] for line in lines]
    assert "Kenya" in names[2] and "Burkina Faso" in names[3]


def test_a_full_disk_in_a_batch_names_the_file_it_could_not_write(tmp_path, capsys, monkeypatch):
    import errno

    articles = write_articles(tmp_path)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/cache/online-answers.sqlite")

    monkeypatch.setattr("mapgen.resolve.resolve", full)
    assert cli.main(["places", articles[0]]) == 1
    error = capsys.readouterr().err
    assert error == f"mapgen: error: {articles[0]}: No space left on device: /cache/online-answers.sqlite\n"
