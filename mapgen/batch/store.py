"""OUT/: each partition's files written whole or not at all, then joined in input order.

A partition is OUT/parts/NNNNNN-KEY.parquet and .jsonl (the .jsonl last: it
says the partition is done), its sites under OUT/sites/<id>/. KEY is a digest
of the partition's articles, mapgen's version and the options, so a rerun of
the same command skips the partitions it finds and redoes any other. The
joined files are written beside their place and renamed over it, so a reader
never sees half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from .sources import Item
from .table import schema, table_of
from .work import Done

PARTS = "parts"
SITES = "sites"


@dataclass(frozen=True)
class Partition:
    number: int
    key: str

    def path(self, out: Path, suffix: str) -> Path:
        return out / PARTS / f"{self.number:06d}-{self.key}{suffix}"

    def done(self, out: Path) -> bool:
        return self.path(out, ".jsonl").exists() and self.path(out, ".parquet").exists()


def partition_of(number: int, items: list[Item], sites: bool) -> Partition:
    """The partition's name: its number and a digest of all that decides its outputs."""
    digest = hashlib.sha256(f"mapgen {__version__} sites={sites}\n".encode())
    for item in items:
        digest.update(json.dumps([item.id, item.origin, item.error, item.record and vars(item.record)]).encode())
        digest.update(hashlib.sha256(item.data or b"").digest())
    return Partition(number, digest.hexdigest()[:16])


def write_partition(out: Path, partition: Partition, done: list[Done]) -> None:
    """Sites first, then the rows, then the lines: a partition whose .jsonl is there is whole."""
    for article in done:
        if article.site:
            _replace_folder(out / SITES / article.id, article.site)
    import pyarrow.parquet as pq

    parquet = partition.path(out, ".parquet")
    parquet.parent.mkdir(parents=True, exist_ok=True)
    _atomically(parquet, lambda tmp: pq.write_table(table_of([r for a in done for r in a.rows]), tmp))
    lines = "".join(f"{a.line}\n" for a in done)
    _atomically(partition.path(out, ".jsonl"), lambda tmp: tmp.write_text(lines, "utf-8"))


def _atomically(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.partial")
    try:
        write(tmp)
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())  # on disk before it is named done: a crash leaves no empty part
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _replace_folder(folder: Path, files: tuple[tuple[str, bytes], ...]) -> None:
    staging = folder.with_name(f".{folder.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    for name, data in files:
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    old = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def join(out: Path, partitions: list[Partition]) -> int:
    """places.jsonl and places.parquet from the partitions, in their order, a part at a time;
    the parts of other runs are removed. Returns how many articles failed."""
    import pyarrow.parquet as pq

    failed = 0

    def write_lines(tmp: Path) -> None:
        nonlocal failed
        with tmp.open("wb") as joined:
            for partition in partitions:
                with partition.path(out, ".jsonl").open("rb") as part:
                    for line in part:
                        failed += line.startswith(ERROR_START)
                        joined.write(line)

    def write_rows(tmp: Path) -> None:
        with pq.ParquetWriter(tmp, schema()) as writer:
            for partition in partitions:
                table = pq.read_table(partition.path(out, ".parquet"), schema=schema())
                if table.num_rows:
                    writer.write_table(table)

    _atomically(out / "places.jsonl", write_lines)
    _atomically(out / "places.parquet", write_rows)
    kept = {partition.path(out, suffix).name for partition in partitions for suffix in (".jsonl", ".parquet")}
    for stale in (out / PARTS).iterdir():
        if stale.name not in kept:
            stale.unlink()
    return failed


# A failed article's line, {"id": …, "error": …}; an article's places open with {"type": "FeatureCollection"
ERROR_START = b'{"id":'
