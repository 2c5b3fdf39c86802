"""`mapgen places` throughput on gwn-dev, today's resolver beside the one of a
given commit, measured in one run so that the machine's load weighs on both alike.

spaCy reads every text once (its time is the same for both resolvers, since
extract is shared); each resolver then resolves every text's mentions, and the
throughput of each is the texts over spaCy's time plus its own.

    python benchmarks/places_speed.py [--before a39a137] [--limit N]
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mapgen.evaluate import load_gold
from mapgen.extract import find_mentions
from mapgen.geocode import offline_index
from mapgen.ingest import parse_article
from mapgen.resolve import resolve

ROOT = Path(__file__).resolve().parents[1]
GWN = ROOT.parent / "shared" / "eval" / "gwn-dev.jsonl"


def resolver_of(commit: str):
    """The resolve() of mapgen/resolve.py at an earlier commit, loaded beside today's."""
    source = subprocess.run(
        ["git", "show", f"{commit}:mapgen/resolve.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "resolve_before.py"
    path.write_text(source, "utf-8")
    spec = importlib.util.spec_from_file_location("mapgen.resolve_before", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.resolve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="a39a137", help="the commit whose resolver to compare with")
    parser.add_argument("--limit", type=int, help="only the first N texts")
    args = parser.parse_args()
    geocoder = offline_index()
    texts = load_gold(GWN)[: args.limit]
    started = time.perf_counter()
    read = []
    for text in texts:
        article = parse_article(text.text, language=text.language)
        read.append((article, find_mentions(article, geocoder)))
    spacy_seconds = time.perf_counter() - started
    timings = {}
    resolvers = (("before", resolver_of(args.before)), ("now", resolve))
    for _, run in resolvers:  # the gazetteer's lookups, cached in the process, warmed alike for both
        for article, mentions in read:
            run(article, list(mentions), geocoder)
    for label, run in resolvers:
        started = time.perf_counter()
        for article, mentions in read:
            run(article, list(mentions), geocoder)
        timings[label] = time.perf_counter() - started
    print(f"gwn-dev, {len(texts)} texts: spaCy {spacy_seconds:.1f} s")
    for label, seconds in timings.items():
        rate = len(texts) / (spacy_seconds + seconds)
        print(f"  resolve {label:6} {seconds:6.2f} s   places throughput {rate:5.2f} texts/s")
    print(f"  now / before: {(spacy_seconds + timings['before']) / (spacy_seconds + timings['now']):.2f}x")


if __name__ == "__main__":
    main()
