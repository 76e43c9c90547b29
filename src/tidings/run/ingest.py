"""Ingest: read -> (skip what is stored unchanged) -> code -> write, one transaction per batch.

Batches are written by a thread of their own while the next batch is coded (one batch in
flight at a time, written in input order). A batch is handed over when it has WRITE_BATCH
articles and WRITE_EVERY seconds have passed since the last one (a fast coder writes fewer,
larger batches: each opening of the database file costs about as much as writing 10
articles), or when it reaches MAX_BATCH.

    from tidings.run.ingest import ingest
    report = ingest(["corpus/"], db="events.duckdb")

Inputs may be paths (files, folders, "-"), Article records (coded here) or CodedArticle
records (written as they are: handy for tests and for coding done elsewhere, e.g. on Ray).
The spaCy pipeline is imported only when an article actually needs coding.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, Callable, Iterable, Iterator

from ..records import Article, CodedArticle, InputError
from ..store import Store, default_db_path
from ..store.writer import article_hash, rejected_articles, stored_versions, write_batch, write_rejects

__all__ = ["ingest", "IngestReport"]

WRITE_BATCH = 16  # articles written at least per opening of the database file (readers get in between) ...
WRITE_EVERY = 2.0  # ... and seconds at least between two batches handed to the writer ...
MAX_BATCH = 256  # ... unless the batch has this many


@dataclass
class IngestReport:
    db: str
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    old_versions: int = 0
    less_metadata: int = 0  # copies that lack metadata the stored version has: not stored
    not_coded: int = 0
    failed: int = 0
    rejected: int = 0  # could not be written (a value the database refuses): in the rejects table
    quarantined: int = 0  # rejected by an earlier run with the same content: skipped
    recoded: int = 0
    joined_story: int = 0
    new_events: int = 0
    mentions: int = 0
    errors: list[InputError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (article, reason)

    def summary(self) -> str:
        parts = [f"{self.read} read", f"{self.new} new", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.old_versions:
            parts.append(f"{self.old_versions} older versions ignored")
        if self.less_metadata:
            parts.append(f"{self.less_metadata} copies with less metadata than the stored version ignored")
        if self.recoded:
            parts.append(f"{self.recoded} recoded")
        if self.not_coded:
            parts.append(f"{self.not_coded} not coded")
        if self.failed:
            parts.append(f"{self.failed} failed to code (not stored)")
        if self.rejected:
            parts.append(f"{self.rejected} could not be stored")
        if self.quarantined:
            parts.append(f"{self.quarantined} rejected before, skipped")
        if self.failed or self.rejected or self.quarantined:
            parts[-1] += " (see the rejects table)"
        if self.errors:
            parts.append(f"{len(self.errors)} unreadable")
        return (
            f"{self.db}: " + ", ".join(parts) + f"; {self.new_events} new events, {self.mentions} mentions, "
            f"{self.joined_story} copies joined an existing story"
        )


def _progress(enabled: bool | None):
    """The bar: the phase (reading, loading the model, coding, writing, done), done / total
    (when the inputs could be counted), articles per second, time spent and time left, each
    labelled."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} articles/s" if task.speed else "- articles/s")

    console = Console(stderr=True)
    if enabled is None:
        enabled = sys.stderr.isatty()
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TextColumn("elapsed"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        disable=not enabled,
        transient=False,
    )


class _Phases:
    """Names what the run is doing on the bar, so that it never sits at "0/200 - articles/s"
    in silence while the model loads. A bar that is not drawn on a terminal (--progress into a
    pipe or a log) also prints each phase once, as a line."""

    def __init__(self, bar, task):
        self.bar, self.task = bar, task
        self.current: str | None = None
        self.said: set[str] = set()

    def __call__(self, name: str) -> None:
        if name == self.current:
            return
        self.current = name
        self.bar.update(self.task, description=name)
        if not self.bar.disable and not self.bar.console.is_terminal and name not in self.said | {"done"}:
            self.said.add(name)
            self.bar.console.print(f"{name}...")


def _expected(inputs, enabled: bool) -> int | None:
    """How many records the path inputs hold (for the time left), when the bar is shown."""
    if not enabled or not isinstance(inputs, (list, tuple)):
        return None
    if not all(isinstance(i, (str, os.PathLike)) for i in inputs):
        return None
    from ..readers.count import count_records

    return count_records([str(i) for i in inputs])


def ingest(
    inputs: Iterable[str | os.PathLike | Article | CodedArticle],
    db: str | os.PathLike | None = None,
    *,
    published: str | None = None,
    options=None,
    progress: bool | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_skipped: Callable[[str, str], None] | None = None,
    recode: bool = False,
    engine=None,
    gate=None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Read, code and store articles; idempotent and resumable (see module docstring).

    on_error is called for each unreadable input (the batch goes on); on_skipped for each
    article that was read but not coded or not stored (e.g. not English, the coder failed on
    it, the database refused a value), with its reason. Unreadable inputs, articles the coder
    failed on and articles that could not be written go to the `rejects` table with the
    reason; a rerun skips a rejected article unless its content (or tidings) changed, or
    recode=True.
    recode=True codes again the articles stored unchanged (after the coder or its
    dictionaries changed) and replaces their events, without recording new versions.
    engine (tidings.run.engines.EngineOptions) codes in a process pool or on Ray; the results
    still stream, in input order, to this process, the single writer. A started
    tidings.run.engines.Engine may be passed instead, to keep its workers across calls (its own
    CodeOptions are used then). gate (store.ProcessGate) is for a process that also reads the
    database while this runs (the web server): the batches are written between its reads.
    report: an IngestReport to fill (the caller keeps it: if the run is interrupted, it counts
    what had been written).
    """
    db = str(db or default_db_path())
    if report is None:
        report = IngestReport(db=db)
    report.db = db
    if isinstance(inputs, (str, os.PathLike, Article, CodedArticle)):
        inputs = [inputs]  # otherwise consumed lazily: a stream of coded articles is never held whole

    stored: dict[str, Any] = {}

    def what_is_stored(conn) -> None:  # read as the store opens, in the same opening of the file
        stored["versions"], stored["rejected"] = stored_versions(conn), rejected_articles(conn)

    with Store(db, gate=gate, on_open=what_is_stored) as store, _progress(progress) as bar:
        task = bar.add_task("reading", total=_expected(inputs, not bar.disable))
        run = _IngestRun(report, store, bar, task, stored["versions"], stored["rejected"], recode, on_error, on_skipped)
        run.phase = _Phases(bar, task)
        try:
            for coded, sketch in run.coded_stream(inputs, published, options, engine):
                run.batch.append(coded)
                run.sketches.append(sketch)
                if run.due():
                    run.flush()
            run.flush()
            run.settle()
        except BaseException:  # interrupted or failed: the batch in the writer's hand is finished and counted
            run.settle(raising=False)
            raise
        finally:
            run.close()
        run.phase("done")
        bar.update(task, total=bar.tasks[0].completed)
    return report


class _IngestRun:
    """One ingest between the readers and the store: what is stored already, the batch of coded
    articles waiting to be written, the rejects written with it, and the report."""

    phase: Callable[[str], None] = staticmethod(lambda name: None)  # names the bar's phase (_Phases)
    working = "reading"  # the phase between two writes: "coding" once the model is loaded

    def __init__(
        self,
        report: IngestReport,
        store,
        bar,
        task,
        stored_now,
        rejected: dict,
        recode: bool,
        on_error: Callable[[InputError], None] | None,
        on_skipped: Callable[[str, str], None] | None,
    ):
        self.report, self.store, self.bar, self.task = report, store, bar, task
        self.stored_now = stored_now
        self.rejected = rejected
        self.recode = recode
        self.on_error, self.on_skipped = on_error, on_skipped
        self.rejects: list[tuple] = []  # (source, stage, article id, content hash, reason), written with the next batch
        self.batch: list[CodedArticle] = []
        self.sketches: list = []  # the batch's texts' sketches (store.dedup.TextSketch) made by the workers, or None
        self.writer: _Writer | None = None  # started with the first batch
        self.writing: _BatchWrite | None = None  # the batch the writer thread has in hand
        self.handed = float("-inf")  # when the last batch was handed to it (time.monotonic)

    def settled(self, art: Article) -> bool:
        """Is the article settled without coding: stored unchanged, or a copy that would not
        replace the stored version (an older one, or one with less metadata: store.evidence)?"""
        why = self.stored_now.settled(art)
        if why is None:
            return False
        _count_held(art, why[0], why[1], self.report, self.on_skipped)
        return True

    @staticmethod
    def items(inputs, published) -> Iterator[Article | CodedArticle | InputError]:
        paths: list[str] = []
        for item in inputs:
            if isinstance(item, (Article, CodedArticle, InputError)):
                if paths:
                    yield from _read(paths, published)
                    paths = []
                yield item
            else:
                paths.append(str(item))
        if paths:
            yield from _read(paths, published)

    def to_code(self, inputs, published) -> Iterator[Article | CodedArticle]:
        """The inputs still to code: unreadable ones reported, unchanged and rejected ones skipped."""
        report, bar, task = self.report, self.bar, self.task
        for item in self.items(inputs, published):
            if isinstance(item, InputError):
                report.errors.append(item)
                self.rejects.append((item.source, "read", None, None, item.problem))
                if self.on_error:
                    self.on_error(item)
                bar.advance(task)
                continue
            report.read += 1
            art = item.article if isinstance(item, CodedArticle) else item
            if not self.recode and self.settled(art):  # resumable: unchanged articles skip the parser
                bar.advance(task)
                continue
            # an article to code that an earlier run rejected is not tried again unless it changed
            # (a pre-coded record carries new coding: it is tried)
            why = (
                None
                if self.recode or isinstance(item, CodedArticle)
                else self.rejected.get((art.id, article_hash(art)))
            )
            if why is not None:
                report.quarantined += 1
                report.skipped.append((art.source or art.id, f"rejected before: {why}"))
                if self.on_skipped:
                    self.on_skipped(art.source or art.id, f"rejected before (unchanged since): {why}")
                bar.advance(task)
                continue
            yield item

    def coded_stream(self, inputs, published, options, engine) -> Iterator[tuple[CodedArticle, Any]]:
        """The coded articles to write, each with its text's sketch when a worker made it (else None)."""
        stream = self.to_code(inputs, published)
        # CodedArticle inputs pass through; Article inputs go through the pipeline lazily
        for item in stream:
            if isinstance(item, CodedArticle):
                yield item, None
                continue
            self.working = "coding"
            _load_model(options, engine, self.phase)
            yield from _code_chain(item, stream, options, engine)
            return

    def reject(self, coded: CodedArticle, why: str) -> None:
        """Count an article the database refused (recorded in the rejects table by the writer)."""
        name = coded.article.source or coded.article.id
        self.report.rejected += 1
        self.report.skipped.append((name, why))
        if self.on_skipped:
            self.on_skipped(name, why + " (recorded in the rejects table; the batch goes on)")

    def close(self) -> None:
        """End the writer thread (the batches handed to it are written by then)."""
        if self.writer is not None:
            writer, self.writer = self.writer, None
            writer.stop()

    def due(self) -> bool:
        """Is the batch to be written now: WRITE_BATCH articles, WRITE_EVERY seconds after the last
        batch and the writer free; or MAX_BATCH articles?"""
        if len(self.rejects) >= 1000 or len(self.batch) >= MAX_BATCH:
            return True
        if len(self.batch) < WRITE_BATCH or time.monotonic() - self.handed < WRITE_EVERY:
            return False
        return self.writing is None or self.writing.done()

    def flush(self) -> None:
        """Hand the batch (and the rejects so far) to the writer thread, to be written in one
        transaction while the next batch is coded; the batch written before is settled first."""
        batch, report = self.batch, self.report
        if not batch and not self.rejects:
            return
        self.settle()
        failed = [c for c in batch if _coding_failed(c)]
        for coded in failed:  # not stored; quarantined until the article or tidings changes
            report.failed += 1
            _note_skip(coded, report, self.on_skipped)
            self.rejects.append(
                (
                    coded.article.source or coded.article.id,
                    "code",
                    coded.article.id,
                    article_hash(coded.article),
                    coded.skipped,
                )
            )
            self.bar.advance(self.task)
        kept = [(c, sk) for c, sk in zip(batch, self.sketches) if not _coding_failed(c)]
        todo = [c for c, _ in kept]
        if todo:
            self.phase("writing")  # in the writer thread; the run goes on coding meanwhile
        if self.writer is None:
            self.writer = _Writer()
        job = _BatchWrite(self.store, todo, self.rejects, self.recode, [sk for _, sk in kept])
        self.writing = self.writer.submit(job)
        self.handed = time.monotonic()
        self.rejects, self.batch, self.sketches = [], [], []
        self.phase(self.working)

    def settle(self, raising: bool = True) -> None:
        """Wait for the batch the writer has in hand and count it (signals held meanwhile: the
        report is what was written). A failure of the write is raised here (unless `raising` is
        False: the run is being interrupted already)."""
        writing = self.writing
        if writing is None:
            return
        with _signals_held():
            self.writing = None
            if not writing.done():
                self.phase("writing")
            results = writing.wait(raising)
            for coded, res in zip(writing.todo, results):
                if res.status == "rejected":
                    self.reject(coded, res.reason or "could not be stored")
                else:
                    _count(coded, res, self.report, self.on_skipped)
                self.bar.advance(self.task)
        self.phase(self.working)


class _BatchWrite:
    """One batch for the writer thread (_Writer): write_batch and the rejects, in one opening of
    the database file. Nothing here touches the report or the callbacks; _IngestRun.settle
    counts the results."""

    def __init__(self, store, todo: list[CodedArticle], rejects: list[tuple], recode: bool, sketches=None):
        self.store, self.todo, self.rejects, self.recode = store, todo, rejects, recode
        self.sketches = sketches  # one per article of todo, or None: made by the writer
        self.results: list = []
        self.error: BaseException | None = None
        self.finished = threading.Event()

    def run(self) -> None:  # in the writer thread
        try:
            with self.store.session() as conn:
                if self.todo:
                    self.results = write_batch(
                        conn, self.todo, recode=self.recode, on_reject=self._rejected, sketches=self.sketches
                    )
                write_rejects(conn, self.rejects)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread by wait()
            self.error = exc
        finally:
            self.finished.set()

    def _rejected(self, coded: CodedArticle, exc: BaseException) -> str:
        art = coded.article
        why = f"could not be stored: {type(exc).__name__}: {exc}"
        self.rejects.append((art.source or art.id, "write", art.id, article_hash(art), why))
        return why

    def done(self) -> bool:
        return self.finished.is_set()

    def wait(self, raising: bool = True) -> list:
        self.finished.wait()
        if self.error is not None and raising:
            raise self.error
        return self.results if self.error is None else []


class _Writer:
    """The writer thread of one ingest: it writes the batches handed to it, in order, while the
    run goes on coding (the DuckDB calls release the GIL). One thread for the whole run, not
    one per batch: a Thread object freed in the main thread runs a weakref callback there
    (threading's set of dangling threads), and a Ctrl-C landing in it was swallowed."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[_BatchWrite | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._loop, name="tidings-writer", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while (job := self.jobs.get()) is not None:
            job.run()

    def submit(self, job: _BatchWrite) -> _BatchWrite:
        self.jobs.put(job)
        return job

    def stop(self) -> None:
        """End the thread once the batches handed to it are written."""
        self.jobs.put(None)
        self.thread.join()


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done (a batch written and counted), then act
    as they would have: what an interrupted run reports is what it wrote. Only the main thread
    can hold signals; elsewhere (an ingest run by the web server) the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[tuple[int, FrameType | None]] = []
    kinds = (signal.SIGINT, signal.SIGTERM)
    previous = {k: signal.signal(k, lambda signum, frame: held.append((signum, frame))) for k in kinds}
    try:
        yield
    finally:
        for k, handler in previous.items():
            signal.signal(k, handler if handler is not None else signal.SIG_DFL)
        if held:
            signum, frame = held[0]
            handler = previous[signal.Signals(signum)]
            if callable(handler):
                handler(signum, frame)  # Ctrl-C's KeyboardInterrupt, the ingest command's SIGTERM
            elif handler in (signal.SIG_DFL, None):
                os.kill(os.getpid(), signum)


def _load_model(options, engine, phase: Callable[[str], None]) -> None:
    """Load the model before the first article is coded, saying so on the bar (`phase`); a
    pool or Ray's workers load it as they start."""
    from .coding import CodeOptions
    from .engines import Engine

    if isinstance(engine, Engine):  # started by the caller: its workers have the model or load it now
        phase("coding")
    elif engine is not None and engine.engine != "local":
        phase(f"starting {engine.workers} worker{'s' if engine.workers > 1 else ''} (each loads the model)")
    else:
        from ..nlp import get_nlp

        phase("loading the model")
        get_nlp((options or CodeOptions()).pipeline)
        phase("coding")


def _code_chain(first: Article, rest: Iterator, options, engine=None) -> Iterator[tuple[CodedArticle, Any]]:
    """Code `first` and the articles after it; pre-coded records met among them are written after.
    Each comes with its text's sketch when a worker made it (else None)."""
    from .coding import code_articles

    later: list[CodedArticle] = []

    def articles():
        yield first
        for item in rest:
            if isinstance(item, CodedArticle):
                later.append(item)
            else:
                yield item

    from .engines import Engine

    if isinstance(engine, Engine):  # started by the caller, kept across ingests
        yield from engine.code_for_store(articles())
    elif engine is not None and engine.engine != "local":  # a process pool or Ray (tidings.run.engines)
        from .engines import code_stream_for_store

        yield from code_stream_for_store(articles(), engine, options)
    else:
        for coded in code_articles(articles(), options):
            yield coded, None
    for coded in later:
        yield coded, None


def _read(paths: list[str], published: str | None):
    from ..readers import read_paths

    yield from read_paths(paths, published=published)


def _coding_failed(coded: CodedArticle) -> bool:
    return coded.skipped is not None and coded.skipped.startswith("coding failed")


def _note_skip(coded: CodedArticle, report: IngestReport, on_skipped) -> None:
    """Say why an article was not coded (called for those with a `skipped` reason)."""
    reason = coded.skipped or ""
    report.skipped.append((coded.article.source or coded.article.id, reason))
    if on_skipped:
        on_skipped(coded.article.source or coded.article.id, reason)


def _count(coded: CodedArticle, res, report: IngestReport, on_skipped) -> None:
    if coded.skipped:
        report.not_coded += 1
        _note_skip(coded, report, on_skipped)
    if res.status == "new":
        report.new += 1
    elif res.status == "updated":
        report.updated += 1
    elif res.status == "recoded":
        report.recoded += 1
    elif res.status in ("old-version", "less-metadata", "unchanged"):
        _count_held(coded.article, res.status, res.reason, report, on_skipped)
    else:
        report.unchanged += 1
    report.joined_story += int(res.joined_story)
    report.new_events += res.new_events
    report.mentions += res.mentions


def _count_held(art: Article, status: str, reason: str | None, report: IngestReport, on_skipped) -> None:
    """An article not stored: unchanged, an older version or a copy with less metadata (the
    last two said, with the reason)."""
    if status == "unchanged":
        report.unchanged += 1
        return
    if status == "less-metadata":
        report.less_metadata += 1
    else:
        report.old_versions += 1
    if reason:
        report.skipped.append((art.source or art.id, reason))
        if on_skipped:
            on_skipped(art.source or art.id, reason)
