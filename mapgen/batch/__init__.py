"""An archive of articles on many cores and many machines, on Dask: `mapgen batch`.

    >>> from mapgen.batch import run
    >>> run(["archive.jsonl", "folder/"], "out/", workers=2)          # a LocalCluster of 2 processes
    >>> run(["archive.jsonl"], "out/", scheduler="tcp://host:8786")   # a cluster already running

The files, in the order an article goes through them:

- sources.py lists the inputs' articles (files, folders, JSON Lines) and reads them;
- run.py cuts them into partitions, sends each to a worker and shows the progress;
- work.py is what a worker does with a partition: the model and index loaded once per
  worker, the texts read by spaCy together, each article's places found on its own;
- table.py turns an article's places into the rows of places.parquet;
- store.py writes each partition whole or not at all, skips those written before, and joins them;
- index_page.py writes OUT/index.html for --sites.

Dask and pyarrow are the extra `mapgen[batch]`; docs/batch.md describes the inputs and outputs.
"""

from __future__ import annotations

from .run import Summary, run
from .sources import BatchError

__all__ = ["BatchError", "Summary", "run"]
