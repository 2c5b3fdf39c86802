"""Fit the resolver's weights on the dev sets and say how well they do on articles they were not fit on.

The resolver (mapgen/resolve) turns each candidate's evidence into a
probability with a conditional logit: one weight per piece of evidence,
candidates of a name compete with each other and with "none of them". This
script fits those weights by maximum likelihood (scipy's L-BFGS, a small L2
penalty) on every annotated article of the dev sets, k-fold cross-validated by
article: each article is resolved with weights fit on the other folds, and the
figures printed are those. It then fits on all articles and writes
mapgen/data/resolver-weights.json, the file the resolver ships with. The
calibration of the markers' confidence is fit last, each dev set weighing the
same in it however many markers it has.

    python benchmarks/fit_resolver.py [--folds 5] [--dry-run]

spaCy's output on each dev set is cached under /tmp/mapgen-ner, or $MAPGEN_NER_CACHE
(the slow part), apart from the mentions extract's rules make of it; fitting and
measuring then take a few minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import pickle
import sys
import warnings
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy
from scipy.optimize import minimize

from mapgen.errors import NothingSure
from mapgen.evaluate import AreaJudge, GoldText, Guess, evaluate, load_gold, nearest_namesake
from mapgen.extract import find_mentions, load_pipeline, read
from mapgen.extract.pipeline import installed_model
from mapgen.gazetteer import offline_index
from mapgen.ingest import parse_article
from mapgen.labels import DEMONYM_LABEL, FRAME_LABEL, PLACE_LABELS
from mapgen.lookup import candidates
from mapgen.model import EVIDENCE, Article, Mention
from mapgen.resolve import place_of, resolve, scored_names, vetoed
from mapgen.resolve.scorer import WEIGHTS_FILE, Weights, calibration_vector, write_weights

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from accuracy import dev_sets  # noqa: E402

NER_CACHE = Path(os.environ.get("MAPGEN_NER_CACHE", "/tmp/mapgen-ner"))  # one per worktree, where several work at once
# The weights set by hand before any fit (log-odds: population as the prior,
# x100 for a named area, ...), which the fit shrinks towards: where the dev
# sets say little, such as hints ("Paris (Texas)"), which few of their names
# carry, a weight stays near what a reader's reasoning gave it.
PRIOR = {
    "bias": -math.log(20_000),
    "log_population": 1.0,
    "admin": -math.log(10),
    "area": math.log(10),
    "capital": math.log(3),
    "other_name": -1.5,
    "other_name_against_article": -math.log(100),  # as the named area the article gives the namesake, and more
    "after_article": -math.log(100),
    "loose": -2.0,
    "unsure_label": -math.log(10),
    "hinted": 8.0,
    "rival_hinted": -8.0,  # the mirror of a hint, for the namesakes it does not point to
    "in_named_area": math.log(100),
    "in_named_country": math.log(100),
    "in_area_named_beside": math.log(10),  # on top of naming it anywhere in the article
    "in_demonym_country": math.log(10),
    "near_settled": 2.0,
    "near_home": math.log(100),  # as naming the area; no dev text has a --near, so the fit keeps it
    "in_institution": -math.log(10),  # "Universidad de Cuenca": the place is meant less often than not
}
PENALTY = 0.005  # L2 towards PRIOR, per article
KEEP_ABOVE = 0.5  # a place goes on the map when it is likelier right than not
ROUNDS = 2  # the evidence of the last pass depends on the weights: fit, weigh again, fit again


@dataclass(frozen=True)
class Text:
    gold: GoldText
    article: Article
    mentions: tuple[Mention, ...]
    fold: int
    dev_set: str  # the file it comes from


EXTRACT_ASKS = (
    "geocode.py",
    "lookup.py",
    "labels.py",
    "names.py",
    "abbreviations.py",
    "model.py",
    "surroundings.py",
    "languages",
)


def read_set(path: Path, folds: int, geocoder) -> list[Text]:
    """The set's texts with extract's mentions, from the cache when they are there."""
    # keyed on the set, on extract's code and that of the modules it asks (geocode's candidates, names'
    # keys, the abbreviations), and on the index (whose names extract consults), so that a change to any
    # of them reads the texts again
    asked = [ROOT / "mapgen" / name for name in ("extract", *EXTRACT_ASKS)]
    code = [file for path in asked for file in (sorted(path.glob("*.py")) if path.is_dir() else [path])]
    data = path.read_bytes() + b"".join(p.read_bytes() for p in code)
    data += str(geocoder.offline_version()).encode()
    cached = NER_CACHE / f"{path.stem}-{hashlib.sha1(data).hexdigest()[:12]}.pickle"
    if cached.exists():
        found = pickle.loads(cached.read_bytes())
    else:
        found = [
            (article, tuple(find_mentions(article, geocoder, doc)))
            for article, doc in zip(read_articles(path), spacy_docs(path), strict=True)
        ]
        NER_CACHE.mkdir(exist_ok=True)
        cached.write_bytes(pickle.dumps(found))
    return [
        Text(gold, article, mentions, int(hashlib.sha1(gold.id.encode()).hexdigest(), 16) % folds, path.name)
        for gold, (article, mentions) in zip(load_gold(path), found, strict=True)
    ]


def read_articles(path: Path) -> list[Article]:
    return [parse_article(gold.text, language=gold.language) for gold in load_gold(path)]


def spacy_docs(path: Path) -> list:
    """spaCy's reading of each text of the set, kept apart from extract's rules (keyed on the set
    and the model only): a change to the rules reads the texts again in seconds, not minutes."""
    articles = read_articles(path)
    models = sorted({installed_model(a.language) for a in articles})
    key = hashlib.sha1(path.read_bytes() + " ".join(models).encode()).hexdigest()[:12]
    cached = NER_CACHE / f"{path.stem}-docs-{key}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    docs = [read(a.text, load_pipeline(a.language)) for a in articles]
    NER_CACHE.mkdir(exist_ok=True)
    cached.write_bytes(pickle.dumps(docs))
    return docs


@dataclass
class Choices:
    """Every name's candidates as rows of evidence, and which of them are right."""

    rows: list[list[float]]
    group_ends: list[int]  # the rows of name i end before group_ends[i]
    right: list[bool]


def choices(texts: list[Text], geocoder, weights: Weights, areas: AreaJudge) -> Choices:
    out = Choices([], [], [])
    for text in texts:
        for scored in scored_names(text.article, list(text.mentions), geocoder, weights):
            gold = [g for m in scored.name.mentions for g in text.gold.places if g.start < m.end and m.start < g.end]
            optional = any(a < m.end and m.start < b for m in scored.name.mentions for a, b in text.gold.optional)
            if not gold and optional:
                continue  # an associative toponym: neither required nor wrong
            for _, evidence, _, c in scored.scored:
                if vetoed(scored.name, evidence):
                    continue
                out.rows.append(evidence.vector())
                guess = Guess(0, 0, c.name, c.country, c.feature, c.lat, c.lon, c.geonameid)
                out.right.append(bool(gold) and areas.right_place(gold[0], guess))
            out.group_ends.append(len(out.rows))
    return out


def fit(data: Choices, articles: int) -> Weights:
    """The weights of most likelihood: log P(a right candidate, or none when none is right)."""
    x = numpy.array(data.rows)
    right = numpy.array(data.right, dtype=float)
    ends = numpy.array(data.group_ends)
    starts = numpy.concatenate([[0], ends[:-1]])
    nonempty = ends > starts
    group_of = numpy.repeat(numpy.arange(len(ends)), ends - starts)
    any_right = numpy.bincount(group_of, weights=right, minlength=len(ends)) > 0

    def loss(w):
        s = x @ w
        top = numpy.maximum(0.0, numpy.maximum.reduceat(s, starts[nonempty]) if len(s) else 0.0)
        top_all = numpy.zeros(len(ends))
        top_all[nonempty] = top
        e = numpy.exp(s - top_all[group_of])
        z = numpy.exp(-top_all) + numpy.bincount(group_of, weights=e, minlength=len(ends))
        r = numpy.bincount(group_of, weights=e * right, minlength=len(ends))
        chosen = numpy.where(any_right, r, numpy.exp(-top_all))
        value = -numpy.sum(numpy.log(numpy.maximum(chosen, 1e-300)) - numpy.log(z)) + strength * (w - prior) @ (
            w - prior
        )
        # gradient: expected evidence under the model minus under the right answers
        p = e / z[group_of]
        q = numpy.where(any_right[group_of], e * right / numpy.where(r > 0, r, 1.0)[group_of], 0.0)
        gradient = x.T @ (p - q) + 2 * strength * (w - prior)
        return value, gradient

    prior = numpy.array([PRIOR.get(f, 0.0) for f in EVIDENCE])
    strength = PENALTY * articles
    start = prior.copy()
    result = minimize(loss, start, jac=True, method="L-BFGS-B")
    return Weights(tuple(float(v) for v in result.x), KEEP_ABOVE)


def fit_rounds(texts: list[Text], geocoder, areas: AreaJudge) -> Weights:
    weights = Weights(tuple(PRIOR.get(f, 0.0) for f in EVIDENCE), KEEP_ABOVE)  # never the shipped file: fit on all
    for _ in range(ROUNDS):
        weights = fit(choices(texts, geocoder, weights, areas), len(texts))
    return calibrate(texts, weights, geocoder, areas)


def calibrate(texts: list[Text], weights: Weights, geocoder, areas: AreaJudge) -> Weights:
    """The weights with the Platt scaling that makes the markers' chances, on
    these texts, the share of them that is right (a marker on no gold name is
    wrong; one on an associative toponym alone is left out)."""
    raw = replace(weights, calibration=(1.0, 0.0))  # the model's own chances
    rows, right, sets = [], [], []
    for text in texts:
        for scored in scored_names(text.article, list(text.mentions), geocoder, raw):
            place = place_of(scored, raw)
            if place is None or place.evidence is None:
                continue
            chance = min(max(place.confidence, 1e-3), 1 - 1e-3)
            c, evidence = place.chosen, place.evidence
            guess = Guess(0, 0, c.name, c.country, c.feature, c.lat, c.lon, c.geonameid)
            for m in place.mentions:
                gold = [g for g in text.gold.places if g.start < m.end and m.start < g.end]
                if not gold and any(a < m.end and m.start < b for a, b in text.gold.optional):
                    continue
                rows.append([math.log(chance / (1 - chance)), 1.0, *calibration_vector(evidence)])
                right.append(bool(gold) and areas.right_place(gold[0], guess))
                sets.append(text.dev_set)
    x, y = numpy.array(rows), numpy.array(right, dtype=float)
    # each dev set weighs the same in the fit, however many markers it has: the sets judge some marks
    # differently (an ocean's mark is wrong by gwn-dev's point 161 km off, right by fr-dev's), and one
    # calibration for all should not be the biggest set's
    counts = Counter(sets)
    share = numpy.array([len(sets) / (len(counts) * counts[s]) for s in sets])

    def loss(w):
        z = x @ w
        p = 1 / (1 + numpy.exp(-z))
        return numpy.sum(share * (numpy.logaddexp(0, z) - y * z)), x.T @ (share * (p - y))

    start = numpy.zeros(x.shape[1])
    start[0] = 1.0
    fitted = minimize(loss, start, jac=True, method="L-BFGS-B").x
    confidence = 1 / (1 + numpy.exp(-(x @ fitted)))
    return replace(weights, calibration=tuple(float(v) for v in fitted), check_below=check_line(confidence, y, share))


RIGHT_FLAGGED = 0.10  # the most right markers a desk is asked to check: a flag on more would say little


def check_line(confidence, right, share) -> float:
    """The highest confidence under which at most RIGHT_FLAGGED of the right markers fall
    (each dev set weighing the same): everything under it is flagged for a desk to check."""
    order = numpy.argsort(confidence)
    weight = numpy.where(right[order] > 0, share[order], 0.0)
    flagged = numpy.cumsum(weight) / max(weight.sum(), 1e-12)  # share of right markers at or under each
    allowed = numpy.nonzero(flagged <= RIGHT_FLAGGED)[0]
    return float(confidence[order][allowed[-1]]) if len(allowed) else 0.0


def measure(sets: dict[str, list[Text]], weights_of, geocoder, areas: AreaJudge) -> dict:
    """Each set's measures, every text resolved with weights_of(text)."""
    scores, namesake = {}, nearest_namesake(geocoder)
    for name, texts in sets.items():
        by_text = {t.gold.text: t for t in texts}

        def system(text: str, language: str, by_text=by_text):
            t = by_text[text]
            return resolve(t.article, list(t.mentions), geocoder, weights=weights_of(t))

        scores[name] = evaluate([t.gold for t in texts], system, namesake=namesake, areas=areas)
    return scores


def missed_by_class(texts: list[Text], weights_of, geocoder, docs: list) -> Counter:
    """Each gold literal name that no marker covers, counted by why: whether extract proposed it
    (then dropped by the resolver, or unknown to the gazetteer), whether spaCy found it under
    a label the rules drop, or never at all (then: lower-case, capitals, a demonym, a name the
    gazetteer holds, a street or building with no GeoNames id, ...)."""
    counts: Counter = Counter()
    for text, doc in zip(texts, docs, strict=True):
        marked = [
            m
            for p in resolve(text.article, list(text.mentions), geocoder, weights=weights_of(text))
            for m in p.mentions
        ]
        for g in text.gold.places:
            counts["gold"] += 1
            if any(m.start < g.end and g.start < m.end for m in marked):
                continue
            counts["missed"] += 1
            counts[miss_class(g, text, doc, geocoder)] += 1
            ents = [e for e in doc.ents if e.start_char < g.end and g.start < e.end_char]
            counts["no place by NER"] += not any(e.label_ in PLACE_LABELS for e in ents)
    return counts


def miss_class(g, text: Text, doc, geocoder) -> str:
    over = [m for m in text.mentions if m.start < g.end and g.start < m.end]
    proposed = [m for m in over if m.label not in (DEMONYM_LABEL, FRAME_LABEL)]
    if proposed:
        if not candidates(geocoder, proposed[0].name):
            return "proposed, unknown to the gazetteer"
        by = "a place" if any(m.label in PLACE_LABELS for m in proposed) else "not a place"
        return f"proposed, dropped by the resolver (NER called it {by})"
    if over:
        return f"kept as {over[0].label} (not a marker)"
    ents = [e for e in doc.ents if e.start_char < g.end and g.start < e.end_char]
    known = bool(candidates(geocoder, g.name))
    if any(e.label_ in PLACE_LABELS for e in ents):
        return "NER place, dropped by rules"
    if ents:
        e = ents[0]
        where = "as" if (e.start_char, e.end_char) == (g.start, g.end) else "inside"
        return f"NER {e.label_} {where} its span, {'in' if known else 'not in'} the gazetteer"
    if g.name[:1].islower():
        return "never by NER: lower-case"
    if geocoder.demonym_country(g.name):
        return "never by NER: a demonym"
    if g.name.isupper():
        return "never by NER: capitals, " + ("in the gazetteer" if known else "not in it")
    if known:
        return "never by NER: in the gazetteer" + ("" if g.geonameid else " (gold has no id)")
    return "never by NER: not in the gazetteer, " + ("gold has an id" if g.geonameid else "no id (street, building)")


def print_misses_by_class(counts: Counter, name: str) -> None:
    print(
        f"\n{name}: {counts['missed']} of {counts['gold']} gold literal names no marker covers "
        f"({counts['no place by NER']} of them in no span NER called a place), by class"
    )
    for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if label not in ("gold", "missed", "no place by NER"):
            print(f"  {n:5}  {label}")


def summary(name: str, s) -> str:
    return (
        f"{name:22} P {s.overlap['precision']:.3f} R {s.overlap['recall']:.3f} F1 {s.overlap['f1']:.3f} | "
        f"right place {s.right_place['share']:.3f} same place {s.same_id['share']:.3f} "
        f"acc@161 {s.resolution['acc161']:.3f} | Brier {s.calibration['brier']:.3f} "
        f"worst tenth off by {s.calibration['worst_gap']:.3f} | "
        f"flagged: wrong {s.flags['wrong_flagged']:.2f} of {s.flags['wrong']}, right {s.flags['right_flagged']:.2f} | "
        f"empty maps {s.empty_maps}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--dry-run", action="store_true", help="measure, but do not write the weights file")
    parser.add_argument("--misses", action="store_true", help="also print the worst cross-validated misses of each set")
    parser.add_argument(
        "--missed-names", action="store_true", help="also count the gold names no marker covers, by class"
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore", NothingSure)  # the empty maps are counted, not told one by one
    geocoder, areas = offline_index(), AreaJudge()
    sets = {path.name: read_set(path, args.folds, geocoder) for path in dev_sets()}
    every = [t for texts in sets.values() for t in texts]
    print("shipped weights, on the data they may have been fit on:")
    for name, s in measure(sets, lambda t: None, geocoder, areas).items():
        print(summary(name, s))
    by_fold = {k: fit_rounds([t for t in every if t.fold != k], geocoder, areas) for k in range(args.folds)}
    print(f"\ncross-validated ({args.folds} folds by article, each text resolved with weights fit on the others):")
    cross = measure(sets, lambda t: by_fold[t.fold], geocoder, areas)
    for name, s in cross.items():
        print(summary(name, s))
    for name, s in cross.items() if args.misses else ():
        print(f"\n{name}: reliability (n, mean confidence, share right):", s.calibration["deciles"])
        for m in s.misses:
            print(
                f"  {m['text']:14} {m['gold']:24} → {m['chosen']} ({m['country']}, {m['feature']}) {m['error_km']:,} km"
            )
    for path in dev_sets() if args.missed_names else ():
        texts = sets[path.name]
        print_misses_by_class(missed_by_class(texts, lambda t: by_fold[t.fold], geocoder, spacy_docs(path)), path.name)
    weights = fit_rounds(every, geocoder, areas)
    print(f"\ncheck line (flag under): {weights.check_below:.3f}")
    print("\nweights fit on every article:")
    for feature, w in zip(EVIDENCE, weights.weights, strict=True):
        print(f"  {feature:20} {w:8.3f}")
    if not args.dry_run:
        note = {
            "how": "python benchmarks/fit_resolver.py",
            "articles": len(every),
            "cross_validated": {
                name: {"f1": round(s.overlap["f1"], 3), "right_place": round(s.right_place["share"], 3)}
                for name, s in cross.items()
            },
        }
        (ROOT / "mapgen" / "data" / WEIGHTS_FILE).write_text(write_weights(weights, note), "utf-8")
        print(f"written to mapgen/data/{WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
