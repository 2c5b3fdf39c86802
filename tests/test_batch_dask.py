"""mapgen batch on real Dask clusters: one LocalCluster of two worker processes that the module
starts as `mapgen batch --workers 2` does and every test given a scheduler shares (`--scheduler`),
and a run killed half way on a cluster of its own, then started again.

Starting a cluster is most of a test's time here (worker processes, then in each the index and
every language's pipeline): one cluster for the module, not one a test. A run given `workers`
starts its LocalCluster the same way; tests/test_batch_cli.py and the killed run here go that way.
"""

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import redirect_stdout
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from mapgen.batch import BatchError, run
from mapgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "benchmarks" / "data"


def _texts(name: str, count: int) -> list[str]:
    return [json.loads(line)["text"] for line in (DEV / name).read_text("utf-8").splitlines()[:count]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A folder of English, French and Spanish articles (one in a subfolder), and a JSON
    Lines file whose middle line is bad."""
    root = tmp_path_factory.mktemp("corpus")
    folder = root / "articles"
    (folder / "fr").mkdir(parents=True)
    for n, text in enumerate(_texts("local-dev.jsonl", 5)):
        (folder / f"local-{n}.txt").write_text(text, "utf-8")
    for n, text in enumerate(_texts("fr-dev.jsonl", 2)):
        (folder / "fr" / f"fr-{n}.txt").write_text(text, "utf-8")
    (folder / "es-0.txt").write_text(_texts("es-dev.jsonl", 1)[0], "utf-8")
    first, second = _texts("local-dev.jsonl", 7)[5:]
    lines = [
        {"id": "jl-1", "text": first, "date": "2026-11-02", "title": "First <b>one</b>"},
        {"id": "jl-bad", "title": "no text at all"},
        {"id": "jl-2", "text": second},
    ]
    (root / "more.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    serial = root / "serial"
    serial.mkdir()
    (serial / "jl-1.txt").write_text(first, "utf-8")
    (serial / "jl-2.txt").write_text(second, "utf-8")
    return root


def _inputs(corpus: Path) -> list[Path]:
    return [corpus / "articles", corpus / "more.jsonl"]


@pytest.fixture(scope="module")
def serial(corpus) -> dict[str, dict]:
    """What `mapgen places --json` prints for each article, one after another, by id."""
    files = sorted((corpus / "articles").rglob("*.txt")) + sorted((corpus / "serial").glob("*.txt"))
    printed = io.StringIO()
    with redirect_stdout(printed):
        main(["places", "--json", *map(str, files)])
    found = {}
    for path, line in zip(files, printed.getvalue().splitlines(), strict=True):
        base = corpus / ("serial" if path.parent.name == "serial" else "articles")
        found[path.relative_to(base).with_suffix("").as_posix()] = json.loads(line)
    return found


UNREACHABLE = "tcp://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.fixture(scope="module", autouse=True)
def out_of_reach(corpus, tmp_path_factory) -> Iterator[Future]:
    """A run given a scheduler nobody answers at, started first, in a thread: Dask tries again for
    the run's ten seconds before it gives up, while the module's cluster starts and works."""
    with ThreadPoolExecutor(1) as waiting:
        out = tmp_path_factory.mktemp("unreached") / "o"
        yield waiting.submit(run, [corpus / "more.jsonl"], out, scheduler=UNREACHABLE, log=False)


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """The address of the LocalCluster `mapgen batch --workers 2` starts: two worker processes of one thread."""
    from mapgen.batch.run import _client

    with _client(2, None) as client:
        yield client.scheduler.address


@pytest.fixture(scope="module")
def fresh_loads(cluster) -> dict[str, tuple[int, int]]:
    """Six English partitions on the cluster's two new workers, before any other work: by worker,
    how many times it opened the index and loaded a pipeline."""
    from distributed import Client

    from mapgen.batch.sources import Item, Record
    from mapgen.batch.work import loaded_index, work
    from mapgen.extract import load_pipeline

    records = [json.loads(line) for line in (DEV / "local-dev.jsonl").read_text("utf-8").splitlines()]
    texts = [r["text"] for r in records if r["language"] == "en"][:5]
    english = [Item(f"en-{n}", "test", record=Record(text=text)) for n, text in enumerate(texts)]
    with Client(cluster) as client:
        futures = [client.submit(work, [english[n % 5], english[(n + 1) % 5]], False, pure=False) for n in range(6)]
        assert all(len(done) == 2 and not done[0].error for done in client.gather(futures))
        return client.run(lambda: (loaded_index.cache_info().misses, load_pipeline.cache_info().misses))


@pytest.fixture(scope="module")
def two_workers(corpus, cluster, fresh_loads, tmp_path_factory) -> Path:
    """The corpus in partitions of two on the cluster's two workers (after the English-only work)."""
    out = tmp_path_factory.mktemp("out") / "two"
    summary = run(_inputs(corpus), out, scheduler=cluster, partition_size=2, log=False)
    assert summary.failed == 1
    return out


def _lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "places.jsonl").read_text("utf-8").splitlines()]


def test_two_worker_processes_give_the_places_of_mapgen_places(two_workers, serial):
    lines = _lines(two_workers)
    assert [line["id"] for line in lines] == [
        "es-0",
        "fr/fr-0",
        "fr/fr-1",
        *(f"local-{n}" for n in range(5)),
        "jl-1",
        "jl-bad",
        "jl-2",
    ]
    for line in lines:
        if line["id"] == "jl-bad":
            continue
        expected = serial[line["id"]]
        assert line["features"] == expected["features"], line["id"]
        assert line["language"] == expected["language"]
    assert sum(len(line["features"]) for line in lines if "features" in line) > 20
    first = next(line for line in lines if line["id"] == "jl-1")
    assert (first["title"], first["date"]) == ("First <b>one</b>", "2026-11-02")


def test_the_table_has_a_row_for_each_place_of_each_article(two_workers):
    table = pq.read_table(two_workers / "places.parquet").to_pylist()
    features = [(line["id"], f) for line in _lines(two_workers) for f in line.get("features", [])]
    assert len(table) == len(features)
    for row, (article_id, feature) in zip(table, features, strict=True):
        p = feature["properties"]
        assert (row["id"], row["name"], row["resolved"], row["geonameid"]) == (
            article_id,
            p["name"],
            p["resolved"],
            p["geonameid"],
        )
        assert (row["lon"], row["lat"]) == tuple(feature["geometry"]["coordinates"])
        assert (row["start"], row["end"], row["mentions"]) == (
            p["mentions"][0]["start"],
            p["mentions"][0]["end"],
            len(p["mentions"]),
        )
    assert any(row["admin1"] for row in table)


def test_a_bad_article_in_the_middle_is_one_error_line_and_the_run_goes_on(two_workers):
    bad = [line for line in _lines(two_workers) if "error" in line]
    assert bad == [{"id": "jl-bad", "error": bad[0]["error"]}]
    assert "more.jsonl:2" in bad[0]["error"] and "'text' or as 'html'" in bad[0]["error"]


def test_a_run_killed_half_way_and_started_again_ends_with_the_same_files(corpus, cluster, two_workers, tmp_path):
    """Killed with the one worker of its own LocalCluster, then finished on the module's cluster: the
    files are the same bytes as two workers wrote in one go."""
    out = tmp_path / "killed"
    script = (
        "import sys; from mapgen.batch import run; "
        "run(sys.argv[1:-1], sys.argv[-1], workers=1, partition_size=2, log=False)"
    )
    command = [sys.executable, "-c", script, *map(str, _inputs(corpus)), str(out)]
    process = subprocess.Popen(command, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list((out / "parts").glob("*.jsonl")) and time.monotonic() < deadline:
            assert process.poll() is None, "the run ended before it was killed"
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the run and its worker processes, as kill -9 would
        process.wait()
    written = len(list((out / "parts").glob("*.jsonl")))
    assert 1 <= written < 6 and not (out / "places.jsonl").exists()
    log = io.StringIO()
    summary = run(_inputs(corpus), out, scheduler=cluster, partition_size=2, log=log)
    assert summary.skipped_partitions == written
    assert "from an earlier run" in log.getvalue()
    for name in ("places.jsonl", "places.parquet"):
        assert (out / name).read_bytes() == (two_workers / name).read_bytes(), name
    assert sorted(p.name for p in (out / "parts").iterdir()) == sorted(
        p.name for p in (two_workers / "parts").iterdir()
    )


def test_an_existing_cluster_given_by_its_scheduler(corpus, cluster, two_workers, tmp_path):
    """The command line given a running cluster's address, in one partition: the lines two_workers wrote."""
    out = tmp_path / "remote"
    assert main(["batch", *map(str, _inputs(corpus)), "-o", str(out), "--scheduler", cluster]) == 1  # jl-bad
    assert [line for line in _lines(out)] == _lines(two_workers)


def test_a_scheduler_out_of_reach_is_one_line(out_of_reach):
    with pytest.raises(BatchError) as failed:
        out_of_reach.result(timeout=120)
    said = str(failed.value)
    assert said.startswith(f"cannot reach the Dask scheduler at {UNREACHABLE}") and "\n" not in said


def test_each_worker_loads_the_index_and_a_model_once_and_only_the_languages_it_reads(fresh_loads):
    """Six English partitions on two workers: each worker opened the index once and loaded
    one pipeline, English's, however many partitions it did."""
    assert set(fresh_loads.values()) <= {(0, 0), (1, 1)} and (1, 1) in fresh_loads.values()


def test_the_local_clusters_workers_do_not_profile_themselves(cluster):
    """Dask's statistical profiler samples a worker's stack every 10 ms, a tenth of its CPU on spaCy's
    deep stacks; mapgen never reads what it gathers, so the LocalCluster it starts (the module's) runs
    without it."""
    import dask
    from distributed import Client

    with Client(cluster) as client:
        settings = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert list(settings.values()) == [False, False]
    assert dask.config.get("distributed.worker.profile.enabled")  # the process's own setting untouched
