"""The run: list the articles, send their partitions to Dask's workers, write what comes back.

One code path for a LocalCluster started here (`workers`) and for a cluster
already running (`scheduler`): the client reads the articles and writes OUT,
the workers only compute, so a remote worker needs mapgen installed, not
these files. A few partitions per worker are in flight at a time: an archive
of millions is never all in memory, and a worker never waits for work.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TextIO

from .sources import BatchError, Item, check_site_ids, find_sources, read_items
from .store import Partition, join, partition_of, write_partition
from .work import Done, work

PARTITION_SIZE = 64  # articles a task: a few seconds of work, and what a rerun redoes at most per worker
IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True)
class Summary:
    articles: int
    failed: int
    skipped_partitions: int  # already written by an earlier run
    seconds: float
    out: Path


def run(
    inputs: list[str | Path],
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    sites: bool = False,
    partition_size: int = PARTITION_SIZE,
    log: TextIO | bool = True,
) -> Summary:
    """Find the places of every article of `inputs` into `out` (places.jsonl, places.parquet,
    with `sites` each article's site and index.html). `workers` processes on this machine
    (default: its cores), or the Dask cluster at `scheduler` ('tcp://host:8786'). Progress
    and failed articles go to `log`: stderr, False for none, or a stream. Run again after a
    stop: written partitions are kept."""
    _check_extras()
    started = time.monotonic()
    out = Path(out)
    sources = find_sources(list(inputs))
    if sites:
        check_site_ids(sources)
    if partition_size < 1 or (workers is not None and workers < 1):
        raise BatchError("--workers and the partition size must be 1 or more")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BatchError(f"{out}: cannot make the output folder ({err.strerror})") from None
    chunks = [sources[i : i + partition_size] for i in range(0, len(sources), partition_size)]
    progress = Progress(len(sources), sys.stderr if log is True else log or None)
    partitions: list[Partition] = []

    def unwritten() -> Iterator[tuple[Partition, list[Item]]]:
        """Each partition not written by an earlier run, its articles read once, as they are sent: an
        archive of millions is never in memory whole. Every partition is in `partitions` at the end."""
        for number, chunk in enumerate(chunks):
            items = read_items(chunk)
            partition = partition_of(number, items, sites)
            partitions.append(partition)
            if partition.done(out):
                progress.skipped(len(chunk))
            else:
                yield partition, items

    todo = unwritten()
    first = next(todo, None)  # a run whose every partition is written starts no cluster
    lost = 0
    if first is not None:
        with _client(workers, scheduler) as client:
            lost = _compute(client, out, chain([first], todo), sites, progress)
    if lost:
        raise BatchError(
            f"{lost} partition{'s' if lost > 1 else ''} lost with their workers; "
            "run the same command again to finish (what is written is kept)"
        )
    failed = join(out, partitions)
    if sites:
        from .index_page import write_index

        write_index(out)
    summary = Summary(len(sources), failed, progress.resumed_partitions, time.monotonic() - started, out)
    progress.finished(summary)
    return summary


def _check_extras() -> None:
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise BatchError("mapgen batch needs Dask and pyarrow: pip install 'mapgen[batch]'") from None


def error_line(done: Done) -> str:
    """What the run says of an article that failed: its id, then its error, which opens with where it
    stands in the input; a line that gave no id has that place for its id, said once."""
    error = done.error or ""
    return f"mapgen: error: {error}" if error.startswith(f"{done.id}: ") else f"mapgen: error: {done.id}: {error}"


@contextmanager
def _client(workers: int | None, scheduler: str | None) -> Iterator:
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes, one thread each
    (spaCy and the resolver hold the GIL: threads would not run side by side)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as err:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {' '.join(str(err).split())}") from None
        with client:
            yield client
        return
    import dask

    with warnings.catch_warnings(), dask.config.set({"distributed.worker.profile.enabled": False}):
        # the scheduler's HTTP server (health checks, no dashboard) moves to a free port when 8787 is taken
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        # Dask's profiler samples each worker's stack every 10 ms, a tenth of its CPU on spaCy's deep
        # stacks, for a dashboard's profile that mapgen never shows; the workers take the setting with them
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        )
    with cluster, Client(cluster) as client:
        yield client


def _compute(client, out: Path, todo: Iterator[tuple[Partition, list[Item]]], sites: bool, progress: Progress) -> int:
    """Run the partitions, a few per worker at a time, each written as it comes back;
    the number of those whose workers kept dying (Dask's KilledWorker) is returned."""
    from distributed import as_completed

    slots = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER
    running = as_completed()
    partitions = {}

    def submit() -> None:
        for partition, items in todo:
            future = client.submit(work, items, sites, key=f"mapgen-batch-{partition.number:06d}-{partition.key}")
            partitions[future.key] = partition
            running.add(future)
            return

    for _ in range(slots):
        submit()
    lost = 0
    for future in running:
        partition = partitions.pop(future.key)
        try:
            done: list[Done] = future.result()
        except Exception as err:  # noqa: BLE001 - a worker lost, or one that died on the partition: the others go on
            progress.say(
                f"mapgen: error: partition {partition.number}: {type(err).__name__}: {' '.join(str(err).split())[:200]}"
            )
            lost += 1
        else:
            write_partition(out, partition, done)
            for article in done:
                if article.error is not None:
                    progress.say(error_line(article))
            progress.advanced(len(done))
        future.release()
        submit()
    return lost


class Progress:
    """Articles done, per second and time left, on one line of stderr (a new line every
    10 s where stderr is no terminal, as in a log)."""

    def __init__(self, total: int, log: TextIO | None) -> None:
        self.total, self.log = total, log
        self.done = self.resumed = self.resumed_partitions = 0
        self.started = time.monotonic()
        self.shown = 0.0
        self.tty = bool(log is not None and log.isatty())

    def skipped(self, count: int) -> None:
        self.done += count
        self.resumed += count
        self.resumed_partitions += 1

    def advanced(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.shown >= (0.5 if self.tty else 10.0) or self.done == self.total:
            self.shown = now
            self._show(now)

    def _show(self, now: float) -> None:
        fresh = self.done - self.resumed
        rate = fresh / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate if rate else 0.0
        resumed = f", {self.resumed:,} from an earlier run" if self.resumed else ""
        text = f"mapgen: {self.done:,}/{self.total:,} articles{resumed}, {rate:.1f}/s, {_duration(left)} left"
        self._write(f"\r{text}\033[K" if self.tty else text, end="" if self.tty else "\n")

    def say(self, line: str) -> None:
        self._write(f"\r\033[K{line}" if self.tty else line)

    def finished(self, summary: Summary) -> None:
        failed = f", {summary.failed:,} failed" if summary.failed else ""
        self.say(
            f"mapgen: {summary.articles:,} articles{failed} in {_duration(summary.seconds)}; "
            f"wrote {summary.out / 'places.jsonl'} and places.parquet"
        )

    def _write(self, text: str, end: str = "\n") -> None:
        if self.log is not None:
            print(text, end=end, file=self.log, flush=True)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return (
        f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else f"{seconds // 60}:{seconds % 60:02d}"
    )
