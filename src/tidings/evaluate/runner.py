"""Run the coder on gold documents and score it (the impure half of `tidings evaluate`)."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable, Mapping

from .gold import GoldDoc, GoldSet, load_paths
from .scoring import aggregate, score_document

__all__ = ["predict", "evaluate_sets", "evaluate_paths"]


def predict(docs: Iterable[GoldDoc], pipeline_options=None) -> dict[str, dict]:
    """Code every gold document as one article; id -> contract dict (with candidates)."""
    from ..pipeline import CodeOptions, code_articles
    from ..records import Article
    from ..serialize import to_contract

    arts = [Article(id=d.id, text=d.text, published=d.published, title=d.title) for d in docs]
    options = CodeOptions() if pipeline_options is None else CodeOptions(pipeline=pipeline_options)
    return {c.article.id: to_contract(c, explain=True) for c in code_articles(arts, options)}


def _options_for(gs: GoldSet, base=None):
    from ..nlp import PipelineOptions

    base = base or PipelineOptions()
    if not (gs.verb_dictionaries or gs.actor_dictionaries):
        return base
    return PipelineOptions(
        actor_dictionaries=tuple(base.actor_dictionaries) + gs.actor_dictionaries,
        replace_actors=base.replace_actors, verb_dictionaries=tuple(base.verb_dictionaries) + gs.verb_dictionaries,
        replace_verbs=base.replace_verbs, classifier=base.classifier)


def evaluate_sets(sets: list[GoldSet], pipeline_options=None, limit: int | None = None,
                  transform: Callable[[dict], dict] | None = None,
                  predictions: Mapping[str, dict] | None = None) -> dict:
    """Score the coder on gold sets: {"sets": {name: figures}, "all": figures, "seconds"}.

    `transform` rewrites each prediction before scoring (used by tests to remove what one
    lexicon entry produced); `predictions` scores given predictions instead of coding."""
    started = time.perf_counter()
    per_set, every = {}, []
    for gs in sets:
        docs = gs.docs[:limit] if limit else gs.docs
        preds = dict(predictions) if predictions is not None else predict(docs, _options_for(gs, pipeline_options))
        if transform is not None:
            preds = {k: transform(v) for k, v in preds.items()}
        results = [score_document(d, preds.get(d.id)) for d in docs]
        figures = aggregate(results)
        if gs.verb_dictionaries or gs.actor_dictionaries:
            figures["dictionaries"] = {"verbs": list(gs.verb_dictionaries), "actors": list(gs.actor_dictionaries)}
        name = gs.name
        while name in per_set:
            name += "'"
        per_set[name] = figures
        every.extend(results)
    return {"sets": per_set, "all": aggregate(every), "seconds": round(time.perf_counter() - started, 1)}


def evaluate_paths(paths: Iterable[str | Path], pipeline_options=None, limit: int | None = None,
                   dict_dirs: Iterable[Path] = (), transform=None) -> dict:
    return evaluate_sets(load_paths(paths, dict_dirs), pipeline_options, limit, transform)
