"""Train the judge on the project's own annotations of real articles.

    .venv/bin/python -m tidings.story.train [--texts ../shared/data/news/wire.jsonl]
        [--gold gold/news/train.jsonl gold/news/train3.jsonl] [--second gold/news/train_b.jsonl
        gold/news/train3_b.jsonl] [--out src/tidings/data/models/judge.json] [--folds 5]

Every training article (coded blind by one coder, by ANNOTATION.md) is read from the texts
file as `tidings code` reads a JSONL record and coded without the article stage's decision;
its story-level tuples (groups) that pass the stage's rules get the label 1 when the coder
listed the tuple as an asserted event (core or optional), else 0. Gradient-boosted trees
(LightGBM, deterministic, one thread) learn the label; out-of-fold scores (articles split
into folds by a hash of their id) calibrate the probability (a logistic fit) and choose the
threshold that gives the best story-level F1 over the training articles. A learning curve
(the same cross-validation with 25/50/75/100% of the training articles) is stored with the
model. LightGBM is needed only here (`pip install lightgbm`); coding reads the trees alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..evaluate.stories import StoryGold, merge_coders, score_stories, tuples_of
from .judge import JUDGE_PATH, Judge, trees_from_lightgbm

__all__ = ["Example", "collect", "train", "main"]

ROOT = Path(__file__).resolve().parents[3]
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "max_depth": 5,
    "min_data_in_leaf": 10,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "deterministic": True,
    "num_threads": 1,
    "verbose": -1,
    "force_row_wise": True,
}
ROUNDS = 300
SEEDS: tuple[int, ...] = (7,)  # one model per seed, averaged (Bag); the shipped judge has one
MIN_FEATURE_COUNT = 3


@dataclass
class Example:
    """One reading of a story-level tuple: `label` says a coder listed the tuple from this
    reading's sentence; `group` names the tuple in its article (a tuple is as likely as its
    likeliest reading)."""

    article: str
    key: tuple[str, str, str]
    features: dict[str, float]
    label: int
    shown: str = ""  # the reading, for looking at errors: sentence, trigger, code, how
    group: int = 0


def _coder(path: Path) -> dict[str, list[dict]]:
    out = {}
    for line in path.open(encoding="utf-8"):
        if line.strip():
            rec = json.loads(line)
            out[rec["id"]] = rec["events"]
    return out


def read_gold(path: Path, second: Path | None = None) -> dict[str, StoryGold]:
    """Training gold: articles two coders annotated are merged as the development set is
    (core: both list it; optional: one does, or both mark it optional); an article one coder
    annotated has that coder's asserted tuples, core as marked."""
    first = _coder(path)
    other = _coder(second) if second is not None and second.exists() else {}
    out = {}
    for rid, events in first.items():
        if rid in other:
            rec = merge_coders([{rid: list(events)}, {rid: list(other[rid])}])[0]
            core = {(x["root"], x["source"], x["target"]): x.get("date") for x in rec["core"]}
            optional = {(x["root"], x["source"], x["target"]) for x in rec["optional"]}
            out[rid] = StoryGold(rid, frozenset(core), frozenset(optional - set(core)), core, coders=2)
            continue
        core = tuples_of([e for e in events if e.get("certainty", "core") == "core"], canonical=True)
        every = tuples_of(events, canonical=True)
        out[rid] = StoryGold(
            rid,
            frozenset(core),
            frozenset(set(every) - set(core)),
            {t: evs[0].get("date") for t, evs in core.items()},
            coders=1,
        )
    return out


def gold_sentences(*paths: Path | None) -> dict[tuple[str, tuple], set[int]]:
    """(article, tuple) -> the sentences where coders stated it."""
    out: dict[tuple[str, tuple], set[int]] = {}
    for path in paths:
        if path is None or not path.exists():
            continue
        for rid, events in _coder(path).items():
            for t, evs in tuples_of(events, canonical=True).items():
                out.setdefault((rid, t), set()).update(
                    s for s in (e.get("sentence") for e in evs) if isinstance(s, int)
                )
    return out


def parse_articles(gold: dict[str, StoryGold], texts: Path) -> list:
    """The gold articles, read as `tidings code` reads JSONL records and coded up to the
    article stage (its decision is what the judge learns)."""
    from ..evaluate.runner import read_texts
    from ..nlp import PipelineOptions, get_nlp, new_doc
    from ..run.coding import parse_published
    from ..readers import read_data
    from ..records import InputError

    records = read_texts(texts, gold)
    data = "".join(json.dumps(records[i], ensure_ascii=False) + "\n" for i in gold if i in records).encode()
    articles = [a for a in read_data(data, "train.jsonl") if not isinstance(a, InputError)]
    nlp = get_nlp(PipelineOptions(judge=False))
    docs = (new_doc(nlp, a.text, parse_published(a.published), a.id, a.dateline) for a in articles)
    return list(nlp.pipe(docs, disable=["tidings_story"]))


def _gold_token(sent, word: str):
    word = word.strip().lower()
    for tok in sent:
        if tok.lower_ == word or tok.lemma_.lower() == word:
            return tok
    return None


def trigger_rows(doc, annotations: list[list[dict]]) -> list[tuple[object, str]]:
    """(trigger token, root) rows of one article for the root model: each trigger a coder
    gave (found in its sentence) with its root, and each trigger of the sentence coder that no
    coder gave, with "none"."""
    from .hypotheses import trigger_starts
    from .roots import trigger_token

    sents = list(doc.sents)
    listed: dict[int, set[str]] = {}
    for events in annotations:
        for e in events:
            s, word = e.get("sentence"), e.get("trigger")
            if (e.get("status") or "asserted") != "asserted" or not isinstance(s, int) or not word or s >= len(sents):
                continue
            tok = _gold_token(sents[s], str(word))
            if tok is not None:
                listed.setdefault(tok.i, set()).add(str(e.get("code", ""))[:2].zfill(2))
    rows = [(doc[i], root) for i, roots in sorted(listed.items()) for root in sorted(roots)]
    for start in trigger_starts(doc):
        tok = trigger_token(doc, start)
        if tok is not None and tok.i not in listed:
            rows.append((tok, "none"))
    return rows


def oof_roots(docs: list, annotations: dict[str, list[list[dict]]], folds: int):
    """The root model of each fold (trained on the other folds' articles), and one on all."""
    from .roots import fit_roots, trigger_features

    rows = {
        doc._.article_id: [
            (trigger_features(t), r) for t, r in trigger_rows(doc, annotations.get(doc._.article_id, []))
        ]
        for doc in docs
    }
    models = {}
    for k in range(folds):
        train = [r for rid, rs in rows.items() if _fold(rid, folds) != k for r in rs]
        models[k] = fit_roots([f for f, _ in train], [r for _, r in train])
    every = [r for rs in rows.values() for r in rs]
    return models, fit_roots([f for f, _ in every], [r for _, r in every])


def collect(
    gold: dict[str, StoryGold],
    docs: list,
    sentences: dict | None = None,
    root_models: dict | None = None,
    folds: int = 5,
) -> list[Example]:
    """The judge's examples of every gold article: each reading of each group the stage's
    rules let through, labelled 1 when a coder listed its tuple (core or optional) from its
    sentence (from any sentence when `sentences` does not say where). The learned root model
    of the article's own fold scores its triggers (never one trained on the article)."""
    from .component import StoryStage
    from .features import article_context, group_part, reading_features
    from .groups import group_hypotheses
    from .hypotheses import home_country, hypotheses, trigger_starts
    from .roots import trigger_token

    sentences = sentences or {}
    out: list[Example] = []
    n_group = 0
    for doc in docs:
        rid = doc._.article_id
        g = gold[rid]
        scores = {}
        if root_models:
            model = root_models[_fold(rid, folds)]
            pairs = [(s, trigger_token(doc, s)) for s in trigger_starts(doc)]
            pairs = [(s, t) for s, t in pairs if t is not None]
            scores = dict(zip((s for s, _ in pairs), model.scores_many([t for _, t in pairs])))
        groups = group_hypotheses(hypotheses(doc, scores))
        ctx = article_context(doc, groups, home_country(doc)[0], scores)
        for v in StoryStage.rules(groups, judged=True, doc=doc):
            if not (v.kept and v.group.status == "asserted"):
                continue
            n_group += 1
            listed = v.group.key in g.core or v.group.key in g.optional
            where = sentences.get((rid, v.group.key))
            shared = group_part(v.group, ctx)
            for h in v.group.members:
                label = int(listed and (not where or h.event.sentence in where))
                shown = f"s{h.event.sentence} {h.event.trigger.text!r} {h.event.code} {h.how} {' '.join(h.fills)}"
                out.append(Example(rid, v.group.key, reading_features(h, v.group, ctx, shared), label, shown, n_group))
    return out


def _fold(article: str, folds: int) -> int:
    return int(hashlib.sha1(article.encode()).hexdigest(), 16) % folds


def _matrix(examples: list[Example], names: list[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    X = np.zeros((len(examples), len(names)))
    for r, ex in enumerate(examples):
        for n, v in ex.features.items():
            if n in index:
                X[r, index[n]] = v
    return X


class Bag:
    """LightGBM models of the same examples with other seeds, averaged: one model's figures
    move with its seed (docs/judge.md, session 12); the average moves less. It answers as one
    booster does: raw scores, a dump of all trees (leaves divided by the number of models, so
    that their sum is the average) and feature gains."""

    def __init__(self, boosters: list):
        self.boosters = boosters

    def predict(self, X: np.ndarray, raw_score: bool = True) -> np.ndarray:
        return np.mean([b.predict(X, raw_score=True) for b in self.boosters], axis=0)

    def dump_model(self) -> dict:
        share = 1.0 / len(self.boosters)
        trees = [tree for b in self.boosters for tree in b.dump_model()["tree_info"]]
        for tree in trees:
            _scale_leaves(tree["tree_structure"], share)
        return {"tree_info": trees}

    def feature_importance(self, importance_type: str = "gain") -> np.ndarray:
        return np.sum([b.feature_importance(importance_type=importance_type) for b in self.boosters], axis=0)


def _scale_leaves(node: dict, share: float) -> None:
    if "split_feature" not in node:
        node["leaf_value"] = float(node.get("leaf_value", 0.0)) * share
        return
    _scale_leaves(node["left_child"], share)
    _scale_leaves(node["right_child"], share)


def _fit(X: np.ndarray, y: np.ndarray, names: list[str], seeds: tuple[int, ...] | None = None) -> Bag:
    import lightgbm as lgb

    data = lgb.Dataset(X, label=y, feature_name=[f"f{i}" for i in range(len(names))], free_raw_data=False)
    return Bag([lgb.train({**PARAMS, "seed": seed}, data, num_boost_round=ROUNDS) for seed in seeds or SEEDS])


def _platt(raw: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """A logistic fit p = sigmoid(a * raw + b) by Newton's method."""
    a, b = 1.0, 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(a * raw + b)))
        w = np.maximum(p * (1 - p), 1e-9)
        g = np.array([np.sum((p - y) * raw), np.sum(p - y)])
        h = np.array([[np.sum(w * raw * raw), np.sum(w * raw)], [np.sum(w * raw), np.sum(w)]]) + 1e-6 * np.eye(2)
        step = np.linalg.solve(h, g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-8:
            break
    return float(a), float(b)


def group_probs(examples: list[Example], probs: np.ndarray) -> dict[int, tuple[Example, float]]:
    """Each group's likeliest reading and its probability."""
    best: dict[int, tuple[Example, float]] = {}
    for ex, p in zip(examples, probs):
        if not np.isnan(p) and (ex.group not in best or p > best[ex.group][1]):
            best[ex.group] = (ex, float(p))
    return best


def story_f1(examples: list[Example], probs: np.ndarray, gold: dict[str, StoryGold], threshold: float) -> dict:
    preds: dict[str, dict] = {a: {"events": []} for a in gold}
    for ex, p in group_probs(examples, probs).values():
        if p >= threshold:
            root, s, t = ex.key
            preds[ex.article]["events"].append(
                {"root": root, "source": {"code": s}, "target": None if t == "---" else {"code": t}}
            )
    res = score_stories(gold, preds)
    return {k: res[k] for k in ("precision", "recall", "f1", "found_core", "core", "wrong")}


def cross_validate(
    examples: list[Example],
    gold: dict[str, StoryGold],
    names: list[str],
    folds: int,
    articles: set[str] | None = None,
    seeds: tuple[int, ...] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold raw scores (NaN for articles left out of `articles`)."""
    X, y = _matrix(examples, names), np.array([ex.label for ex in examples], dtype=float)
    raw = np.full(len(examples), np.nan)
    fold = np.array([_fold(ex.article, folds) for ex in examples])
    use = np.array([articles is None or ex.article in articles for ex in examples])
    for k in range(folds):
        train, test = (fold != k) & use, (fold == k) & use
        if train.sum() and test.sum() and 0 < y[train].sum() < train.sum():
            raw[test] = _fit(X[train], y[train], names, seeds).predict(X[test], raw_score=True)
    return raw, y


def best_threshold(examples, probs, gold) -> tuple[float, dict]:
    grid = [round(x, 3) for x in np.arange(0.05, 0.951, 0.025)]
    scored = [(story_f1(examples, probs, gold, t), t) for t in grid]
    best, t = max(scored, key=lambda st: (st[0]["f1"], -abs(st[1] - 0.5)))
    return t, best


def annotations_of(*paths: Path | None) -> dict[str, list[list[dict]]]:
    out: dict[str, list[list[dict]]] = {}
    for path in paths:
        if path is not None and path.exists():
            for rid, events in _coder(path).items():
                out.setdefault(rid, []).append(events)
    return out


def train(
    gold_paths: list[Path],
    texts: Path,
    out: Path,
    folds: int = 5,
    seconds: list[Path] | None = None,
    roots_out: Path | None = None,
    seeds: tuple[int, ...] = SEEDS,
) -> dict:
    """Train on the articles of every file of `gold_paths`, each with the second coder's file
    of the same place in `seconds` (where there is one)."""
    from .roots import ROOTS_PATH

    pairs = [(g, (seconds or [])[i] if i < len(seconds or []) else None) for i, g in enumerate(gold_paths)]
    gold = {rid: g for path, second in pairs for rid, g in read_gold(path, second).items()}
    every = [p for pair in pairs for p in pair]
    docs = parse_articles(gold, texts)
    root_models, roots_all = oof_roots(docs, annotations_of(*every), folds)
    roots_all.save(roots_out or ROOTS_PATH)
    examples = collect(gold, docs, gold_sentences(*every), root_models, folds)
    counts = Counter(n for ex in examples for n in ex.features)
    names = sorted(n for n, c in counts.items() if c >= MIN_FEATURE_COUNT)
    raw, y = cross_validate(examples, gold, names, folds, seeds=seeds)
    scale, shift = _platt(raw, y)
    probs = 1.0 / (1.0 + np.exp(-(scale * raw + shift)))
    threshold, cv = best_threshold(examples, probs, gold)
    curve = learning_curve(examples, gold, names, folds, seeds)
    booster = _fit(_matrix(examples, names), y, names, seeds)
    feature, thr, left, right, value, depth = trees_from_lightgbm(booster.dump_model(), names)
    info = {
        "training_articles": len(gold),
        "double_coded": sum(1 for g in gold.values() if g.coders > 1),
        "examples": len(examples),
        "positives": int(y.sum()),
        "folds": folds,
        "params": PARAMS,
        "rounds": ROUNDS,
        "seeds": list(seeds),
        "cv": cv,
        "threshold": threshold,
        "learning_curve": curve,
        "gold": [str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p) for p in every if p is not None],
        "importance": _importance(booster, names),
    }
    judge = Judge(tuple(names), feature, thr, left, right, value, depth, scale, shift, threshold, info)
    _check_same(judge, booster, _matrix(examples, names))
    out.write_text(json.dumps(judge.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    return info


def learning_curve(examples, gold, names, folds, seeds: tuple[int, ...] | None = None) -> list[dict]:
    ids = sorted(gold, key=lambda i: hashlib.sha1(("curve" + i).encode()).hexdigest())
    out = []
    for share in (0.25, 0.5, 0.75, 1.0):
        keep = set(ids[: max(folds, round(share * len(ids)))])
        raw, y = cross_validate(examples, gold, names, folds, keep, seeds)
        mask = ~np.isnan(raw)
        sub = [ex for ex, m in zip(examples, mask) if m]
        scale, shift = _platt(raw[mask], y[mask])
        probs = 1.0 / (1.0 + np.exp(-(scale * raw[mask] + shift)))
        t, best = best_threshold(sub, probs, {i: gold[i] for i in keep})
        out.append({"articles": len(keep), "threshold": t, **best})
    return out


def _importance(booster, names: list[str], top: int = 25) -> list[list]:
    gains = booster.feature_importance(importance_type="gain")
    order = np.argsort(-gains)[:top]
    return [[names[i], round(float(gains[i]), 1)] for i in order if gains[i] > 0]


def _check_same(judge: Judge, booster, X: np.ndarray) -> None:
    """The numpy trees must give LightGBM's own raw scores."""
    ours, theirs = judge.raw(X), booster.predict(X, raw_score=True)
    worst = float(np.max(np.abs(ours - theirs))) if len(X) else 0.0
    if not math.isfinite(worst) or worst > 1e-6:
        raise RuntimeError(f"the exported trees differ from LightGBM's by {worst}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train the judge on the project's own real-article annotations.")
    news = ROOT / "gold" / "news"
    ap.add_argument("--gold", type=Path, nargs="+", default=[news / "train.jsonl", news / "train3.jsonl"])
    ap.add_argument(
        "--second",
        type=Path,
        nargs="+",
        default=[news / "train_b.jsonl", news / "train3_b.jsonl"],
        help="a second coder's annotations of (some of) the articles of each --gold file, in the same order",
    )
    ap.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "data" / "news" / "wire.jsonl")
    ap.add_argument("--out", type=Path, default=JUDGE_PATH)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        default=list(SEEDS),
        help="LightGBM seeds: one model each, their scores averaged (several make comparisons less noisy)",
    )
    args = ap.parse_args(argv)
    info = train(args.gold, args.texts, args.out, args.folds, args.second, seeds=tuple(args.seeds))
    cv = info["cv"]
    print(f"{info['training_articles']} articles, {info['examples']} examples ({info['positives']} positive)")
    print(
        f"cross-validation: threshold {info['threshold']}: P {cv['precision']:.3f} R {cv['recall']:.3f} "
        f"F1 {cv['f1']:.3f} (core found {cv['found_core']}/{cv['core']}, wrong {cv['wrong']})"
    )
    for row in info["learning_curve"]:
        print(f"  {row['articles']:4d} articles: F1 {row['f1']:.3f} (P {row['precision']:.3f} R {row['recall']:.3f})")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
