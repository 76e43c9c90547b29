"""Run the coder on gold documents and score it (the impure half of `tidings evaluate`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable, Mapping

from .gold import GoldDoc, GoldSet, load_paths
from .scoring import aggregate, score_document

__all__ = ["predict", "evaluate_sets", "evaluate_paths"]


def _articles(docs: list[GoldDoc], read: bool):
    """Gold documents as the readers would make them from JSONL records (dateline cut,
    boilerplate removed), or as they are when `read` is False. Yields (doc, Article or the
    reader's problem)."""
    from ..records import Article

    reader = None
    if read:
        try:
            from ..readers.options import ReadOptions
            from ..readers.record_files import record_article

            options = ReadOptions(sniff_header=False, detect_language=False)
            reader = lambda d, n: record_article(  # noqa: E731
                {"id": d.id, "text": d.text, "published": d.published, "title": d.title, "language": "en"},
                d.origin.split(":")[0] or "gold",
                n,
                options,
                None,
            )
        except ImportError:  # the readers are optional for scoring
            reader = None
    for n, d in enumerate(docs, 1):
        if reader is not None:
            out = reader(d, n)
            if isinstance(out, Article):
                yield d, out
            else:
                yield d, f"the reader left nothing to code: {getattr(out, 'problem', out)}"
            continue
        yield d, Article(id=d.id, text=d.text, published=d.published, title=d.title, language="en")


def predict(docs: Iterable[GoldDoc], pipeline_options=None, read: bool = True) -> dict[str, dict]:
    """Code every gold document as one article, read as `tidings code` reads a JSONL record
    (dateline and boilerplate handled by the readers); id -> contract dict with candidates.
    A document the reader empties (a wire credit line) is predicted as not coded."""
    from ..run.coding import CodeOptions, code_articles
    from ..records.contract import to_contract

    pairs = list(_articles(list(docs), read))
    out = {
        d.id: {"id": d.id, "events": [], "quotes": [], "actors": [], "dates": [], "skipped": art}
        for d, art in pairs
        if isinstance(art, str)
    }
    arts = [art for _, art in pairs if not isinstance(art, str)]
    options = CodeOptions() if pipeline_options is None else CodeOptions(pipeline=pipeline_options)
    for c in code_articles(arts, options):
        out[c.article.id] = to_contract(c, explain=True)
    return out


def _options_for(gs: GoldSet, base=None):
    from ..nlp import PipelineOptions

    base = base or PipelineOptions()
    if not (gs.verb_dictionaries or gs.actor_dictionaries):
        return base
    return PipelineOptions(
        actor_dictionaries=tuple(base.actor_dictionaries) + gs.actor_dictionaries,
        replace_actors=base.replace_actors,
        verb_dictionaries=tuple(base.verb_dictionaries) + gs.verb_dictionaries,
        replace_verbs=base.replace_verbs,
        classifier=base.classifier,
    )


def evaluate_sets(
    sets: list[GoldSet],
    pipeline_options=None,
    limit: int | None = None,
    transform: Callable[[dict], dict] | None = None,
    predictions: Mapping[str, dict] | None = None,
    read: bool = True,
) -> dict:
    """Score the coder on gold sets: {"sets": {name: figures}, "all": figures, "seconds"}.

    `transform` rewrites each prediction before scoring (used by tests to remove what one
    lexicon entry produced); `predictions` scores given predictions instead of coding."""
    started = time.perf_counter()
    per_set, every = {}, []
    for gs in sets:
        docs = gs.docs[:limit] if limit else gs.docs
        preds = (
            dict(predictions)
            if predictions is not None
            else predict(docs, _options_for(gs, pipeline_options), read=read)
        )
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


def evaluate_paths(
    paths: Iterable[str | Path],
    pipeline_options=None,
    limit: int | None = None,
    dict_dirs: Iterable[Path] = (),
    transform=None,
    read: bool = True,
) -> dict:
    return evaluate_sets(load_paths(paths, dict_dirs), pipeline_options, limit, transform, read=read)


def read_texts(path: str | Path, ids: Iterable[str]) -> dict[str, dict]:
    """The records of these ids from a JSONL file of articles (id, text, published, title)."""
    import json

    want, out = set(ids), {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if rec.get("id") in want:
                    out[rec["id"]] = rec
    return out


def predict_records(records: Iterable[dict], pipeline_options=None, all_candidates: bool = False) -> dict[str, dict]:
    """Code JSONL records as `tidings code` reads them; id -> contract dict."""
    import json

    from ..run.coding import CodeOptions, code_articles
    from ..readers import read_data
    from ..records import InputError
    from ..records.contract import to_contract

    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    articles = [a for a in read_data(data, "records.jsonl") if not isinstance(a, InputError)]
    options = CodeOptions() if pipeline_options is None else CodeOptions(pipeline=pipeline_options)
    return {
        c.article.id: to_contract(c, explain=True, all_candidates=all_candidates)
        for c in code_articles(articles, options)
    }


def evaluate_stories(
    gold_path: str | Path, texts_path: str | Path, pipeline_options=None, limit: int | None = None
) -> dict:
    """Story-level figures on real articles: the gold's texts are read from `texts_path`
    (e.g. ../shared/data/news/wire.jsonl), coded, and scored tuple by tuple."""
    from .stories import dataset_figures, load_story_gold, score_stories

    started = time.perf_counter()
    gold = load_story_gold(gold_path)
    if limit:
        gold = dict(list(gold.items())[:limit])
    records = read_texts(texts_path, gold)
    missing = sorted(set(gold) - set(records))
    if missing:
        raise ValueError(f"{texts_path}: {len(missing)} gold articles are not there (first: {missing[0]})")
    preds = predict_records([records[i] for i in gold], pipeline_options)
    figures = score_stories(gold, preds)
    figures["dataset"] = dataset_figures(preds.values())
    figures["seconds"] = round(time.perf_counter() - started, 1)
    return figures
