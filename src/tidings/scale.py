"""Run the coding stages in parallel: in this process, in a local process pool, or on Ray.

    from tidings.scale import EngineOptions, code_stream
    for coded in code_stream(articles, EngineOptions(engine="pool", workers=2)):
        ...

All engines run the same stage function (`pipeline.code_articles`) on chunks of articles and
yield results in input order, so they give identical output. The spaCy model is loaded once
per worker (in the worker, never pickled). Memory stays bounded: only `inflight` chunks
are out at a time, the input is consumed lazily.

Ray: each worker is a Ray actor holding the pipeline; each chunk it codes is written as a
Parquet shard (one row per article: id and the lossless JSON of its CodedArticle, see
codec.py) under `shard_dir`, named by the chunk's content hash. The driver reads shards
back and the single writer merges them into the store. Shards already present are not
coded again, so a killed Ray run resumes where it stopped.
"""
from __future__ import annotations

import itertools
import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .pipeline import CodeOptions, code_articles
from .records import Article, CodedArticle, content_id

__all__ = ["EngineOptions", "code_stream", "ENGINES", "peak_rss_mb"]

ENGINES = ("local", "pool", "ray")


@dataclass(frozen=True)
class EngineOptions:
    engine: str = "local"  # local | pool | ray
    workers: int = 1
    chunk: int = 16  # articles per task
    inflight: int = 0  # chunks out at once (0: 2 per worker)
    ray_address: str | None = None  # None: start a local Ray; "auto" or "ray://host:port": join a cluster
    shard_dir: str | None = None  # Ray: where the Parquet shards go (default: a temp folder)

    def __post_init__(self):
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")


def _chunks(items: Iterable[Article], n: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, n)):
        yield chunk


def code_stream(articles: Iterable[Article], engine: EngineOptions | None = None,
                options: CodeOptions | None = None) -> Iterator[CodedArticle]:
    engine = engine or EngineOptions()
    options = options or CodeOptions()
    if engine.engine == "local" or (engine.engine == "pool" and engine.workers == 1):
        yield from code_articles(articles, options)
    elif engine.engine == "pool":
        yield from _pool(articles, engine, options)
    else:
        yield from _ray(articles, engine, options)


# ---- local process pool ------------------------------------------------------------------

_WORKER_OPTIONS: CodeOptions | None = None  # set once in each worker process by _init


def _init(options: CodeOptions) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    from .nlp import get_nlp

    get_nlp(options.pipeline)  # load the model once, in the worker


def _code_chunk(chunk: list[Article]) -> tuple[list[CodedArticle], float]:
    return list(code_articles(chunk, _WORKER_OPTIONS)), peak_rss_mb()


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _ordered(submit, chunks: Iterator[list[Article]], inflight: int) -> Iterator[CodedArticle]:
    """Keep `inflight` chunks out; yield results in input order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= inflight:
            yield from pending.popleft()()
    while pending:
        yield from pending.popleft()()


def _pool(articles, engine: EngineOptions, options: CodeOptions) -> Iterator[CodedArticle]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    stats = []
    with ProcessPoolExecutor(max_workers=engine.workers, mp_context=ctx, initializer=_init,
                             initargs=(options,)) as pool:
        def submit(chunk):
            fut = pool.submit(_code_chunk, chunk)

            def result():
                coded, rss = fut.result()
                stats.append(rss)
                return coded
            return result

        yield from _ordered(submit, _chunks(articles, engine.chunk), engine.inflight or 2 * engine.workers)
    code_stream.last_worker_rss_mb = max(stats) if stats else None


# ---- Ray ------------------------------------------------------------------------------------

def _shard_name(chunk: list[Article], options: CodeOptions) -> str:
    from . import __version__

    return content_id(__version__, repr(options), *(a.id + ":" + content_id(a.text, a.title, a.published)
                                                    for a in chunk), size=24) + ".parquet"


def write_shard(path: Path, coded: list[CodedArticle]) -> None:
    """Write atomically: a shard is either complete or absent."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .codec import dumps

    table = pa.table({"article_id": [c.article.id for c in coded], "record": [dumps(c) for c in coded]})
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def read_shard(path: Path) -> list[CodedArticle]:
    import pyarrow.parquet as pq

    from .codec import loads

    return [loads(r) for r in pq.read_table(path, columns=["record"]).column("record").to_pylist()]


class _RayCoder:
    """A Ray actor: loads the pipeline once, codes chunks into Parquet shards."""

    def __init__(self, options: CodeOptions):
        from .nlp import get_nlp

        self.options = options
        get_nlp(options.pipeline)

    def code(self, chunk: list[Article], path: str) -> tuple[str, float]:
        write_shard(Path(path), list(code_articles(chunk, self.options)))
        return path, peak_rss_mb()


def _ray(articles, engine: EngineOptions, options: CodeOptions) -> Iterator[CodedArticle]:
    import tempfile

    import ray

    started = False
    if not ray.is_initialized():
        kwargs = {"address": engine.ray_address} if engine.ray_address else {
            "num_cpus": engine.workers, "include_dashboard": False}
        ray.init(ignore_reinit_error=True, log_to_driver=False, configure_logging=False, **kwargs)
        started = True
    shard_dir = Path(engine.shard_dir or tempfile.mkdtemp(prefix="tidings-shards-"))
    shard_dir.mkdir(parents=True, exist_ok=True)
    try:
        Coder = ray.remote(num_cpus=1)(_RayCoder)
        actors = [Coder.remote(options) for _ in range(engine.workers)]
        turn = itertools.cycle(actors)
        stats = []

        def submit(chunk):
            path = shard_dir / _shard_name(chunk, options)
            if path.exists():  # coded by an earlier (perhaps killed) run
                return lambda: read_shard(path)
            ref = next(turn).code.remote(chunk, str(path))

            def result():
                p, rss = ray.get(ref)
                stats.append(rss)
                return read_shard(Path(p))
            return result

        yield from _ordered(submit, _chunks(articles, engine.chunk), engine.inflight or 2 * engine.workers)
        code_stream.last_worker_rss_mb = max(stats) if stats else None
    finally:
        if started:
            ray.shutdown()
