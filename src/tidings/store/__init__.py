"""The store: one embedded DuckDB file with articles (and their versions), stories, events,
mentions, quotes and actors.

- Default path: $TIDINGS_DB if set, else ./tidings.duckdb (`--db` on every command).
- Schema changes are named migrations recorded in `schema_migrations` (see migrations.py).
- One writer at a time: a lock file `<db>.lock` holds the writer's pid; a second writer
  gets StoreLocked("database X is being written by pid N"). Readers open the file
  read-only; any number of them can read while no batch is being written (the writer holds
  the file only while it writes a batch, and readers wait briefly for it). A writer waiting
  for the file marks it (`<db>.writing`) and new readers hold back until it has it, so
  readers that come and go cannot keep it out.

This package never imports spaCy.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

import duckdb

from ..records.errors import StoreError

from .lock import ProcessGate, StoreLocked, WriterIntent, WriterLock
from .migrations import MIGRATIONS, applied_migrations, migrate

__all__ = [
    "Store",
    "StoreLocked",
    "WriterLock",
    "ProcessGate",
    "default_db_path",
    "connect",
    "open_reader",
    "migrate",
    "applied_migrations",
    "MIGRATIONS",
    "DEFAULT_DB",
    "NoDatabase",
    "table_counts",
]

DEFAULT_DB = "tidings.duckdb"
# the writer keeps one in-memory DuckDB for a Store's life and attaches the file to it for each
# session (batch), instead of a new connection each time (a DuckDB instance: 10-12 ms of CPU)
ATTACH_SESSIONS = True
# ... and that DuckDB runs its work in the writer's own thread: a batch is a few small INSERTs,
# a commit and a checkpoint, too small to gain from DuckDB's worker threads, whose hand-offs
# cost CPU that a pool's coders on the other cores need (0 = DuckDB's default, one per core)
WRITER_THREADS = 1
TABLES = ("articles", "article_versions", "stories", "events", "mentions", "quotes", "actors")


class NoDatabase(StoreError, FileNotFoundError):
    """No database file where one was asked for."""


def default_db_path() -> str:
    """$TIDINGS_DB when set, else ./tidings.duckdb."""
    return os.environ.get("TIDINGS_DB") or DEFAULT_DB


def _is_lock_conflict(exc: Exception) -> bool:
    msg = str(exc).lower()
    return "lock" in msg and ("conflicting" in msg or "could not set" in msg)


def connect(
    db: str | os.PathLike[str] | None = None, read_only: bool = False, wait: float = 10.0
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to the store, retrying for `wait` seconds while another process
    holds the file; read-only connections need an existing database."""
    path = str(db or default_db_path())
    if read_only and path != ":memory:" and not Path(path).exists():
        raise NoDatabase(f"no database at {path}: run `tidings ingest PATH --db {path}` first")
    deadline = time.monotonic() + wait
    if read_only and path != ":memory:":
        WriterIntent(path).wait_out(deadline)
    return _retrying(lambda: duckdb.connect(path, read_only=read_only), path, deadline)


T = TypeVar("T")


def _retrying(open_file: Callable[[], T], path: str, deadline: float) -> T:
    """`open_file()`, tried again (waits doubling up to half a second) while another process
    holds the database file, until `deadline`; then the error names who holds it."""
    delay = 0.05
    while True:
        try:
            return open_file()
        except duckdb.IOException as exc:
            if not _is_lock_conflict(exc) or time.monotonic() >= deadline:
                if _is_lock_conflict(exc):
                    raise _locked(path, exc) from exc
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _locked(path: str, exc: Exception) -> StoreLocked:
    """The error for a file another process holds: the writer (its pid from the lock file) or a reader."""
    writer = WriterLock(path).holder()
    m = re.search(r"PID (\d+)", str(exc))
    holder = int(m.group(1)) if m else None
    if writer and writer != os.getpid() and holder in (None, writer):
        return StoreLocked(path, writer)
    return StoreLocked(path, holder, writer=False)


def _open_for_writing(path: str) -> duckdb.DuckDBPyConnection:
    """The writer's connection: while it waits for the file it marks its intent, so that new
    readers hold back until it has it (see lock.WriterIntent)."""
    if path == ":memory:":
        return connect(path)
    with WriterIntent(path):
        return connect(path)


ATTACHED = "tidings_store"  # the name the writer's database file has while a session has it


def _attach_for_writing(engine: duckdb.DuckDBPyConnection, path: str, wait: float = 10.0) -> None:
    """Attach the database file to the writer's own in-memory DuckDB (`engine`, kept for the
    Store's life) and make it the default: what a new connection would do, for about 2 ms of
    CPU instead of 10 to 12 (starting a DuckDB instance). Retries while another process
    holds the file, as `connect` does, marking the writer's intent meanwhile."""
    quoted = "'" + path.replace("'", "''") + "'"
    with WriterIntent(path):
        _retrying(lambda: engine.execute(f"ATTACH {quoted} AS {ATTACHED}"), path, time.monotonic() + wait)
    engine.execute(f"USE {ATTACHED}")


def _detach(engine: duckdb.DuckDBPyConnection) -> None:
    """Let go of the database file (a transaction left open is rolled back, as closing a
    connection would: an open one would keep the file attached); on any failure the
    in-memory DuckDB is closed, which lets go of everything."""
    try:
        try:
            engine.execute("ROLLBACK")
        except duckdb.TransactionException:
            pass  # none open: the usual case
        engine.execute("USE memory")
        engine.execute(f"DETACH {ATTACHED}")
    except BaseException:
        engine.close()
        raise


def open_reader(db: str | os.PathLike[str] | None = None, wait: float = 10.0) -> duckdb.DuckDBPyConnection:
    """A read-only connection. A database written by an older tidings is first brought up to
    date (its pending migrations applied, as a writer would)."""
    conn = connect(db, read_only=True, wait=wait)
    try:
        applied = {name for name, _ in applied_migrations(conn)}
    except duckdb.Error:
        applied = set()
    if all(name in applied for name, _ in MIGRATIONS):
        return conn
    conn.close()
    with Store(db):  # takes the writer lock and migrates
        pass
    return connect(db, read_only=True, wait=wait)


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: _count_rows(conn, t) for t in TABLES}


def _count_rows(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    if row is None:  # not met: a count(*) query returns one row
        raise LookupError(f"no row from the count of {table}")
    n: int = row[0]
    return n


class Store:
    """The writer side of the store: holds the writer lock for its lifetime and opens the
    database file for as long as `session()` blocks last.

        with Store(db) as store:
            with store.session() as conn:
                write_article(conn, coded)
    """

    def __init__(
        self,
        db: str | os.PathLike[str] | None = None,
        gate: ProcessGate | None = None,
        on_open: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    ):
        self.path = str(db or default_db_path())
        self.on_open = on_open  # reads what the writer needs in the same opening as the migrations
        self.lock = WriterLock(self.path) if self.path != ":memory:" else None
        self.gate = gate  # shared with this process's readers (see lock.ProcessGate)
        self._conn: duckdb.DuckDBPyConnection | None = None
        # an in-memory DuckDB kept for the Store's life; each session attaches the file to it
        self._engine: duckdb.DuckDBPyConnection | None = None
        self._depth = 0
        self._held: AbstractContextManager[None] | None = None

    def open(self) -> "Store":
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)  # the lock file lives there too
        if self.lock:
            self.lock.acquire()
        try:
            with self.session() as conn:
                migrate(conn)
                if self.on_open is not None:
                    self.on_open(conn)
        except BaseException:
            if self.lock:
                self.lock.release()
            raise
        return self

    def session(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        store = self

        class _Session:
            def __enter__(self_) -> duckdb.DuckDBPyConnection:
                conn = store._conn
                if conn is None:
                    if store.gate is not None:
                        held = store._held = store.gate.writing()
                        held.__enter__()
                    try:
                        conn = store._conn = store._open_file()
                    except BaseException:
                        store._let_go()
                        raise
                store._depth += 1
                return conn

            def __exit__(self_, *exc: object) -> None:
                store._depth -= 1
                if store._depth == 0 and store.path != ":memory:" and store._conn is not None:
                    conn, store._conn = store._conn, None
                    try:
                        store._close_file(conn)
                    finally:
                        store._let_go()

        return _Session()

    def _open_file(self) -> duckdb.DuckDBPyConnection:
        if self.path == ":memory:" or not ATTACH_SESSIONS:
            return _open_for_writing(self.path)
        if self._engine is None:
            self._engine = duckdb.connect(":memory:")
            if WRITER_THREADS:
                self._engine.execute(f"SET threads = {int(WRITER_THREADS)}")
        engine = self._engine
        try:
            _attach_for_writing(engine, self.path)
        except BaseException:
            self._engine = None  # closed by _attach_for_writing, or in an unknown state
            engine.close()
            raise
        return engine

    def _close_file(self, conn: duckdb.DuckDBPyConnection) -> None:
        if conn is not self._engine:  # a connection of its own (ATTACH_SESSIONS off)
            conn.close()
            return
        try:
            _detach(conn)
        except BaseException:
            self._engine = None  # closed by _detach
            raise

    def _let_go(self) -> None:
        if self._held is not None:
            held, self._held = self._held, None
            held.__exit__(None, None, None)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._engine is not None:
            self._engine.close()
            self._engine = None
        self._let_go()
        if self.lock:
            self.lock.release()

    def __enter__(self) -> "Store":
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()
