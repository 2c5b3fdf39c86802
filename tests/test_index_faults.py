"""The cache under faults: a damaged index, odd cache paths, two first runs at once, a full
disk or a cache deleted while the index is built, a full disk while the other cache files
are written (issue 8)."""

import errno
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from mapgen import ExtractError, GazetteerError
from mapgen.cache import written_whole
from mapgen.gazetteer import IndexFile, index
from mapgen.gazetteer.entry import Entry
from mapgen.model import Candidate

LYON = Candidate(2996944, "Lyon", "city", "FR", 45.75, 4.85, 522_969, source="test")


def tiny_index(path):
    """An index with one town, written the way index.build writes one."""
    db = sqlite3.connect(path)
    index.create_tables(db)
    index.insert(db, [Entry(LYON, frozenset({"Lyon"}))])
    db.commit()
    db.close()


def test_a_damaged_index_is_a_clear_error_or_built_again(tmp_path, monkeypatch):
    from mapgen import DamagedIndex

    path = tmp_path / "gazetteer.sqlite"
    path.write_text("not an index")
    with pytest.raises(DamagedIndex, match="damaged .*mapgen index --rebuild"):
        IndexFile(path)
    built = []
    monkeypatch.setattr(index, "build", lambda p, progress=None: (built.append(p), tiny_index(p)))
    assert IndexFile(index.open_or_build(path)).candidates("Lyon")[0].country == "FR"
    assert built == [path]


def test_a_cache_path_with_url_characters_opens_its_own_index(tmp_path, monkeypatch):
    folder = tmp_path / "a#b?c%41d"
    folder.mkdir()
    path = folder / "gazetteer.sqlite"
    tiny_index(path)
    assert IndexFile(path).candidates("Lyon") == [LYON]
    built = []
    monkeypatch.setattr(index, "build", lambda p, progress=None: built.append(p))
    assert index.open_or_build(path) == path and built == [], "a sound index was declared damaged"


def test_two_first_runs_build_the_index_once_and_the_second_waits(tmp_path, monkeypatch):
    path = tmp_path / "cache" / "gazetteer.sqlite"
    built, waited, errors = [], [], []
    building, second_waits = threading.Event(), threading.Event()

    def slow_build(p, progress=None):
        built.append(p)
        building.set()
        second_waits.wait(timeout=10)  # the build lasts until the second run is waiting (no sleeping)
        tiny_index(p)

    monkeypatch.setattr(index, "build", slow_build)

    def first_run():
        try:
            waiting = lambda: (waited.append(1), second_waits.set())  # noqa: E731
            IndexFile(index.open_or_build(path, waiting=waiting)).candidates("Lyon")
        except Exception as err:  # noqa: BLE001 — what a run would die of is the finding
            errors.append(err)

    runs = [threading.Thread(target=first_run) for _ in range(2)]
    runs[0].start()
    assert building.wait(timeout=10), "the first run never began its build"
    runs[1].start()
    for run in runs:
        run.join()
    assert errors == [] and built == [path] and waited == [1]


def _towns(count):
    return [
        Entry(Candidate(i, f"Town {i}", "city", "FR", 45.0, 4.0, 1000 + i), frozenset({f"Town {i}"}))
        for i in range(count)
    ]


def test_a_full_disk_during_the_build_is_one_line_and_leaves_nothing(tmp_path, monkeypatch):
    create_tables = index.create_tables

    def on_a_small_disk(db):
        create_tables(db)
        db.execute("PRAGMA max_page_count = 30")  # SQLite's own 'database or disk is full', as on a full disk

    monkeypatch.setattr(index, "create_tables", on_a_small_disk)
    monkeypatch.setattr(index, "default_steps", lambda data: [("towns", lambda: _towns(20_000))])
    path = tmp_path / "gazetteer.sqlite"
    with pytest.raises(
        GazetteerError, match=r"could not build the place-name index in .*disk is full.*nothing was kept"
    ):
        index.build(path)
    assert list(tmp_path.iterdir()) == []


def test_the_cache_deleted_during_the_build_is_one_line(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()

    def deleting_the_cache():
        shutil.rmtree(folder)
        return _towns(100)

    monkeypatch.setattr(index, "default_steps", lambda data: [("towns", deleting_the_cache)])
    with pytest.raises(GazetteerError, match="could not build the place-name index .*nothing was kept"):
        index.build(folder / "gazetteer.sqlite")
    assert not folder.exists()


def _fills_the_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_while_the_language_model_is_unpacked_leaves_no_partial_file(tmp_path, monkeypatch):
    import numpy
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from mapgen import ingest

    def half_then_full(path, array, **options):
        Path(path).write_bytes(array.tobytes()[:1000])
        _fills_the_disk()

    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path))
    monkeypatch.setattr(numpy, "save", half_then_full)
    with pytest.raises(OSError, match="No space left"):
        ingest._unpacked_model(MODEL_DIR / MODEL_FILE)
    assert list(tmp_path.iterdir()) == [], "a half-written copy stays and fills the disk further at every run"


def test_a_full_disk_while_spacy_is_trimmed_is_one_error_and_leaves_no_partial_copy(tmp_path):
    from types import SimpleNamespace

    from mapgen.extract import pipeline

    def half_then_full(folder):
        folder.mkdir()
        (folder / "tokenizer").write_text("half")
        _fills_the_disk()

    nlp = SimpleNamespace(tokenizer=SimpleNamespace(token_match=None), to_disk=half_then_full)
    with pytest.raises(ExtractError, match=r"cannot keep the trimmed model in .*No space left.*nothing was kept"):
        pipeline._save_trimmed(nlp, tmp_path / "model-ner")
    assert list(tmp_path.iterdir()) == []


def test_a_cache_file_is_written_whole_or_not_at_all(tmp_path):
    path = tmp_path / "world.json"
    with pytest.raises(OSError), written_whole(path) as partial:
        partial.write_text("[half")
        _fills_the_disk()
    assert list(tmp_path.iterdir()) == []
    with written_whole(path) as partial:
        partial.write_text("[]")
    assert [p.name for p in tmp_path.iterdir()] == ["world.json"] and path.read_text() == "[]"
