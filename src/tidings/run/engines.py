"""Run the coding stages in parallel: in this process, in a local process pool, or on Ray.

    from tidings.run.engines import EngineOptions, code_stream
    for coded in code_stream(articles, EngineOptions(engine="pool", workers=2)):
        ...

`Engine` is the same, started once and reused: a long-running process (a watch loop, a
benchmark) keeps its workers, and their loaded models, across streams.

All engines run the same stage function (`pipeline.code_articles`) on chunks of articles and
yield results in input order, so they give identical output: the records as the store keeps
them, without the candidates (every reading the coder weighed, which `tidings code --explain`
shows and the store does not keep; three quarters of a long article's record). The spaCy model is loaded in
each worker, never pickled; a pool's workers are forked from a fork server that has loaded
the default pipeline once (tidings/nlp/preload.py), so they share its memory pages. Pool results come
back packed by tidings/run/transport.py (plain tuples in marshal's format). Memory stays bounded: only `inflight` chunks are out at a time, the
input is consumed lazily.

Ray: each worker is a Ray actor holding the pipeline; each chunk it codes is written as a
Parquet shard (one row per article: id and the lossless JSON of its CodedArticle, see
records/lossless.py) under `shard_dir`, named by the chunk's content hash. The driver reads shards
back and the single writer merges them into the store. Shards already present are not
coded again, so a killed Ray run resumes where it stopped.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, cast

from ..records.lossless import dumps, loads
from . import transport
from ..nlp import PipelineOptions
from .coding import CodeOptions, code_articles
from ..records import Article, CodedArticle, content_id
from ..store.dedup import TextSketch

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from ray import ObjectRef
    from ray.actor import ActorHandle

__all__ = ["EngineOptions", "Engine", "code_stream", "code_stream_for_store", "ENGINES", "peak_rss_mb"]

# a coded article and, when its worker made it, its text's sketch for near-duplicate search
ForStore = tuple[CodedArticle, TextSketch | None]
# what a Ray actor's chunk gives back: its shard's path, the texts' sketches, the actor's peak memory
RayChunk = tuple[str, list[TextSketch], float]

ENGINES = ("local", "pool", "ray")
PRELOAD = True  # pool: the fork server loads the default pipeline, and workers share it (tidings/nlp/preload.py)
# pool: the stream's last articles go out in pieces of about this many, all at once, and the
# worker that is free first takes the next: the workers finish within a piece of each other
# (pieces of 12, one per worker, left one core idle for up to 12 articles' coding at the end
# of every run; coding 4 at a time costs about 3% more CPU for those articles). None: one
# piece per worker, sent as chunks are (Ray: each actor has its own queue).
TAIL_PIECE: int | None = 4
# pool: records come back packed as plain tuples (transport.py), not as lossless JSON: 0.19 -> 0.09
# ms per pool article to write in the worker, 0.17 -> 0.10 to read in the ingest process
PACKED = True


@dataclass(frozen=True)
class EngineOptions:
    engine: str = "local"  # local | pool | ray
    workers: int = 1
    chunk: int = 16  # articles per task
    inflight: int = 0  # chunks out at once (0: 2 per worker)
    ray_address: str | None = None  # None: start a local Ray; "auto" or "ray://host:port": join a cluster
    shard_dir: str | None = None  # Ray: where the Parquet shards go (default: a temp folder, removed at the end)

    def __post_init__(self):
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")


def _chunks(items: Iterable[Article], n: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, n)):
        yield chunk


def code_stream(
    articles: Iterable[Article], engine: EngineOptions | None = None, options: CodeOptions | None = None
) -> Iterator[CodedArticle]:
    """Code `articles` with a fresh engine, started for this stream and stopped after it."""
    with Engine(engine, options) as running:  # left early (an error, a signal): the workers are killed
        yield from running.code(articles)


def code_stream_for_store(
    articles: Iterable[Article], engine: EngineOptions | None = None, options: CodeOptions | None = None
) -> Iterator[ForStore]:
    """`code_stream`, each record with its text's sketch when a worker made it (Engine.code_for_store)."""
    with Engine(engine, options) as running:
        yield from running.code_for_store(articles)


class Engine:
    """A started engine: its workers have loaded the pipeline and code any number of streams.

        with Engine(EngineOptions("pool", workers=2)) as engine:
            engine.start()           # optional: pay the start-up (model loads) now
            for coded in engine.code(articles):
                ...

    A long-running process (a watch loop, a benchmark) starts it once, so the model is not
    loaded again for every batch.
    """

    def __init__(self, engine: EngineOptions | None = None, options: CodeOptions | None = None):
        self.engine = engine or EngineOptions()
        self.options = options or CodeOptions()
        self._pool: ProcessPoolExecutor | None = None
        self._actors: list[ActorHandle[_RayCoder]] | None = None
        self._running: dict[int, list[ObjectRef[RayChunk]]] = {}  # Ray: actor -> its task refs
        self._ray_started = False
        self._shard_dir: Path | None = None
        self._rss: list[float] = []
        self.worker_pids: list[int] = []  # the started workers' process ids (pool, Ray on this host)

    @property
    def kind(self) -> str:
        e = self.engine
        return "local" if e.engine == "local" or (e.engine == "pool" and e.workers == 1) else e.engine

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(abort=exc_type is not None)

    def start(self) -> "Engine":
        """Start the workers and wait until each has loaded the pipeline."""
        if self.kind == "local":
            from ..nlp import get_nlp

            get_nlp(self.options.pipeline)
        elif self.kind == "pool":
            self._start_pool()
        else:
            self._start_ray()
        return self

    def code(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Code a stream, lazily, yielding results in input order."""
        for coded, _ in self.code_for_store(articles):
            yield coded

    def code_for_store(self, articles: Iterable[Article]) -> Iterator[ForStore]:
        """`code`, each record with its text's sketch (store.dedup.TextSketch) for the store's
        near-duplicate search when a worker made it beside the coding (pool, Ray), else None.
        The writer then need not make them itself: in a run of two workers on two cores
        its work competes with theirs, and the last batch is written after all coding."""
        if self.kind == "local":
            for coded in for_store(code_articles(articles, self.options)):
                yield coded, None
            return
        self.start()
        pool = self.kind == "pool"
        yield from _ordered(
            self._submit_pool if pool else self._submit_ray,
            _chunks(articles, self.engine.chunk),
            self.engine.inflight or 2 * self.engine.workers,
            self.engine.workers,
            TAIL_PIECE if pool else None,
        )

    def warm_up(self, articles: list[Article]) -> list[int]:
        """Have every worker code `articles` once, the results dropped; the process ids that did.
        Each worker's caches (the vocabulary's lexemes, the lemma memo, the actor matcher's
        norms) are then those of a process that has coded these articles: for a benchmark that
        compares the workers with a process that has coded them before (bench/throughput.py).
        In-process (local), the articles are coded here."""
        self.start()
        if self.kind == "local":
            for _ in code_articles(articles, self.options):
                pass
            return [os.getpid()]
        if self.kind == "pool":
            return self._warm_pool(articles)
        import ray

        return ray.get([actor.warm.remote(articles) for actor in self._actors or []])

    def _warm_pool(self, articles: list[Article]) -> list[int]:
        """Every worker of the pool codes the articles once: as many tasks as workers at a time
        (each idle worker takes one), again for a worker that got none, until each has."""
        pool = self._pool
        if pool is None:
            raise RuntimeError("the process pool is not started")
        warmed: set[int] = set()
        for _ in range(5):
            missing = len(set(self.worker_pids) - warmed)
            if not missing:
                break
            warmed.update(f.result() for f in [pool.submit(_warm_chunk, articles) for _ in range(missing)])
        if set(self.worker_pids) - warmed:
            raise RuntimeError(f"the pool's workers {sorted(set(self.worker_pids) - warmed)} took no warm-up task")
        return sorted(warmed)

    def peak_worker_rss_mb(self) -> float | None:
        return max(self._rss) if self._rss else None

    def close(self, abort: bool = False) -> None:
        """Stop the workers: after the work in hand, or (abort: the run was interrupted, by an
        error, Ctrl-C or SIGTERM) at once, killing them."""
        if self._pool is not None:
            if abort:
                import signal

                self._pool.shutdown(wait=False, cancel_futures=True)
                for pid in self.worker_pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass
            else:
                self._pool.shutdown()
            self._pool = None
        if self._shard_dir is not None and not self.engine.shard_dir:
            import shutil

            shutil.rmtree(self._shard_dir, ignore_errors=True)  # our own temp folder: nothing to resume from
            self._shard_dir = None
        if self._actors is not None:
            self._actors = None
            if self._ray_started:
                import ray

                ray.shutdown()
                self._ray_started = False

    # -- process pool -------------------------------------------------------------------------
    def _start_pool(self) -> None:
        if self._pool is not None:
            return
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        if ctx.get_start_method() == "forkserver":
            # the fork server dies with this process (forkserver_lifeline.py, first); with the default
            # pipeline it loads it once, and workers forked from it share its pages (no effect
            # when this process's fork server is running already)
            os.environ["TIDINGS_LIFELINE_PARENT"] = str(os.getpid())
            preload = ["tidings.run.forkserver_lifeline"]
            if PRELOAD and self.options.pipeline in (None, PipelineOptions()):
                preload.append("tidings.nlp.preload")
            ctx.set_forkserver_preload(preload)
        pool = self._pool = ProcessPoolExecutor(
            max_workers=self.engine.workers, mp_context=ctx, initializer=_init, initargs=(self.options,)
        )
        # workers start on demand; ask until every one has answered (each loads the model first)
        seen: set[int] = set()
        for _ in range(20):
            futs = [pool.submit(_worker_pid, 0.2) for _ in range(self.engine.workers)]
            seen.update(f.result() for f in futs)
            if len(seen) >= self.engine.workers:
                break
        self.worker_pids = sorted(seen)
        os.environ.pop("TIDINGS_LIFELINE_PARENT", None)

    def _submit_pool(self, chunk: list[Article]) -> Callable[[], list[ForStore]]:
        if self._pool is None:
            raise RuntimeError("the process pool is not started")
        fut = self._pool.submit(_code_chunk, chunk, PACKED)

        def result() -> list[ForStore]:
            records, sketches, rss = fut.result()
            self._rss.append(rss)
            return [(transport.unpack(r), sk) for r, sk in zip(records, sketches)]  # packed or JSON

        return result

    # -- Ray ------------------------------------------------------------------------------------
    def _start_ray(self) -> None:
        if self._actors is not None:
            return
        import tempfile

        import ray

        if not ray.is_initialized():
            kwargs = (
                {"address": self.engine.ray_address}
                if self.engine.ray_address
                else {"num_cpus": self.engine.workers, "include_dashboard": False}
            )
            ray.init(ignore_reinit_error=True, log_to_driver=False, configure_logging=False, **kwargs)
            self._ray_started = True
        self._shard_dir = Path(self.engine.shard_dir or tempfile.mkdtemp(prefix="tidings-shards-"))
        self._shard_dir.mkdir(parents=True, exist_ok=True)
        Coder = ray.remote(num_cpus=1)(_RayCoder)
        # (Ray's stub types a new actor as `ActorHandle[T] | type[T]`; it is the handle)
        self._actors = [cast("ActorHandle[_RayCoder]", Coder.remote(self.options)) for _ in range(self.engine.workers)]
        self.worker_pids = ray.get([a.ready.remote() for a in self._actors])  # each has loaded the model
        self._running = {k: [] for k in range(len(self._actors))}

    def _least_busy(self) -> int:
        """The actor with the fewest unfinished chunks (ties: the first), so that a worker that
        is done early is not left idle while another still has a queue."""
        import ray

        for k, refs in self._running.items():
            if refs:
                done, _ = ray.wait(refs, num_returns=len(refs), timeout=0)
                finished = set(done)
                self._running[k] = [r for r in refs if r not in finished]
        return min(self._running, key=lambda k: len(self._running[k]))

    def _submit_ray(self, chunk: list[Article]) -> Callable[[], list[ForStore]]:
        import ray

        if self._shard_dir is None or self._actors is None:
            raise RuntimeError("the Ray engine is not started")
        path = self._shard_dir / _shard_name(chunk, self.options)
        if path.exists():  # coded by an earlier (perhaps killed) run: the writer makes the sketches
            return lambda: [(c, None) for c in read_shard(path)]
        k = self._least_busy()
        ref: ObjectRef[RayChunk] = self._actors[k].code.remote(chunk, str(path))
        self._running[k].append(ref)

        def result() -> list[ForStore]:
            p, sketches, rss = ray.get(ref)
            self._rss.append(rss)
            return list(zip(read_shard(Path(p)), sketches))

        return result


# ---- local process pool: what runs in each worker ----------------------------------------

_WORKER_OPTIONS: CodeOptions | None = None  # set once in each worker process by _init


def _init(options: CodeOptions) -> None:
    global _WORKER_OPTIONS
    from .lifeline import die_with_parent

    die_with_parent(os.getppid())  # the fork server (or the ingest, spawned): gone, the worker goes too
    _WORKER_OPTIONS = options
    from ..nlp import get_nlp

    get_nlp(options.pipeline)  # load the model once, in the worker


def _worker_pid(pause: float) -> int:
    import time

    time.sleep(pause)  # long enough that the other workers get the other requests
    return os.getpid()


def _warm_chunk(chunk: list[Article]) -> int:
    """Code a chunk and drop the results (Engine.warm_up); the worker's process id."""
    for _ in code_articles(chunk, _WORKER_OPTIONS):
        pass
    return os.getpid()


def _preloaded() -> bool:
    """In a worker: was it forked from a fork server that had loaded the pipeline?"""
    import sys

    return "tidings.nlp.preload" in sys.modules


def _code_chunk(chunk: list[Article], packed: bool = True) -> tuple[list[bytes | str], list[TextSketch], float]:
    """Code a chunk; the results go back packed (transport.py; `packed` False: as lossless
    JSON), which is quicker to write and read than pickled records (the parent, the single
    reader, decodes them), with each text's sketch for the store's near-duplicate search
    (made here, not in the parent)."""
    coded = list(for_store(code_articles(chunk, _WORKER_OPTIONS)))
    pack: Callable[[CodedArticle], bytes | str] = transport.pack if packed else dumps
    return [pack(c) for c in coded], _sketches(coded), peak_rss_mb()


def _sketches(coded: list[CodedArticle]) -> list[TextSketch]:
    return [TextSketch.of(c.article.text, portable=True) for c in coded]


def for_store(coded: Iterable[CodedArticle]) -> Iterator[CodedArticle]:
    """The records as the store needs them: without the candidates (every reading the coder
    weighed, three quarters of a long article's record), which it does not keep; sending them
    back from a worker cost about 5 ms of CPU per PolNeAR article."""
    for c in coded:
        yield replace(c, candidates=()) if c.candidates else c


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _ordered(
    submit, chunks: Iterator[list[Article]], inflight: int, workers: int = 1, tail_piece: int | None = None
) -> Iterator[ForStore]:
    """Keep `inflight` chunks out; yield results in input order.

    The stream's last articles are shared out evenly: while every worker has a chunk, the
    newest chunk is held until the next one is read, and the last full chunk with the short
    one after it (if any) goes out as `workers` equal pieces. Otherwise one worker codes a
    whole last chunk while the others wait (120 articles in chunks of 16 to two workers: 64
    and 56, its last 8 articles coded on one core alone). With `tail_piece` (a pool, whose
    workers take tasks from one queue), they go out at once as pieces of about that many
    articles (at least one per worker), so that the workers also finish together when their
    chunks before took unequal times."""
    pending: deque = deque()
    held: list[Article] | None = None

    def send(chunk: list[Article]) -> Iterator[ForStore]:
        pending.append(submit(chunk))
        while len(pending) >= inflight:
            yield from pending.popleft()()

    for chunk in chunks:
        if held is not None:
            if workers > 1 and len(chunk) < len(held):  # the short chunk is the stream's last
                held, chunk = held + chunk, []
                break
            yield from send(held)
            held = None
        if workers > 1 and len(pending) >= workers:  # every worker busy: nobody waits for this one
            held = chunk
        else:
            yield from send(chunk)
    if tail_piece and workers > 1:
        held = held or []
        for piece in _split(held, max(workers, -(-len(held) // tail_piece))):
            pending.append(submit(piece))  # at most two chunks' articles: all out at once
    else:
        for piece in _split(held or [], workers):
            yield from send(piece)
    while pending:
        yield from pending.popleft()()


def _split(items: list[Article], parts: int) -> list[list[Article]]:
    """`items` in at most `parts` contiguous pieces whose sizes differ by one at most."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for k in range(parts):
        end = start + size + (1 if k < extra else 0)
        out.append(items[start:end])
        start = end
    return [p for p in out if p]


# ---- Ray ------------------------------------------------------------------------------------


def _shard_name(chunk: list[Article], options: CodeOptions) -> str:
    from .. import __version__

    return (
        content_id(
            __version__, repr(options), *(a.id + ":" + content_id(a.text, a.title, a.published) for a in chunk), size=24
        )
        + ".parquet"
    )


def write_shard(path: Path, coded: list[CodedArticle]) -> None:
    """Write atomically: a shard is either complete or absent."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"article_id": [c.article.id for c in coded], "record": [dumps(c) for c in coded]})
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    # every record is unique: a dictionary would only slow the reader down
    pq.write_table(table, tmp, use_dictionary=False, compression="zstd")
    os.replace(tmp, path)


def read_shard(path: Path) -> list[CodedArticle]:
    import pyarrow.parquet as pq

    return [loads(r) for r in pq.read_table(path, columns=["record"]).column("record").to_pylist()]


class _RayCoder:
    """A Ray actor: loads the pipeline once, codes chunks into Parquet shards."""

    def __init__(self, options: CodeOptions):
        from ..nlp import get_nlp

        self.options = options
        get_nlp(options.pipeline)

    def ready(self) -> int:
        return os.getpid()

    def warm(self, chunk: list[Article]) -> int:
        """Code a chunk and drop the results (Engine.warm_up); this actor's process id."""
        for _ in code_articles(chunk, self.options):
            pass
        return os.getpid()

    def code(self, chunk: list[Article], path: str) -> RayChunk:
        coded = list(for_store(code_articles(chunk, self.options)))
        write_shard(Path(path), coded)
        return path, _sketches(coded), peak_rss_mb()
