"""One writer per database file: a lock file next to the database holding the writer's pid."""

from __future__ import annotations

import os
import time
from contextlib import AbstractContextManager
from pathlib import Path

from ..records.errors import StoreError

__all__ = ["StoreLocked", "WriterLock", "WriterIntent", "ProcessGate"]


class StoreLocked(StoreError, RuntimeError):
    """Another process is writing the database."""

    def __init__(self, db: str, pid: int | None, writer: bool = True):
        self.db = db
        self.pid = pid
        who = f"pid {pid}" if pid else "another process"
        if writer:
            msg = (
                f"database {db} is being written by {who}; wait for it to finish "
                f"(or remove {db}.lock if that process is gone)"
            )
        else:
            msg = (
                f"database {db} is open in {who}, which keeps others from writing it; "
                "close it there (readers should hold the file only while they read)"
            )
        super().__init__(msg)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip() or 0) or None
    except (OSError, ValueError):
        return None


class WriterLock:
    """`with WriterLock(db): ...` -- raises StoreLocked if a live process holds the lock.

    A lock left by a process that died is taken over. Re-entrant within one process.
    """

    def __init__(self, db: str | os.PathLike[str]):
        self.db = str(db)
        self.path = Path(f"{db}.lock")
        self.held = 0

    def holder(self) -> int | None:
        pid = _read_pid(self.path) if self.path.exists() else None
        return pid if pid and _alive(pid) else None

    def acquire(self) -> "WriterLock":
        if self.held:
            self.held += 1
            return self
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                pid = _read_pid(self.path)
                if pid == os.getpid():
                    raise StoreLocked(self.db, pid) from None
                if pid and _alive(pid):
                    raise StoreLocked(self.db, pid) from None
                # stale: the writer died without cleaning up
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
                continue
            with os.fdopen(fd, "w") as f:
                f.write(str(os.getpid()))
            self.held = 1
            return self
        raise StoreLocked(self.db, _read_pid(self.path))

    def release(self) -> None:
        if not self.held:
            return
        self.held -= 1
        if self.held == 0 and _read_pid(self.path) == os.getpid():
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass

    def __enter__(self) -> "WriterLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class WriterIntent:
    """`<db>.writing`: a writer waiting to open the database file, with its pid.

    The writer holds it (`with WriterIntent(db): connect(...)`) while it waits for the file;
    a reader calls `wait_out(deadline)` before it opens the file, so that readers that come
    and go all the time cannot keep the writer out until it gives up. A marker of this
    process, or of a process that is gone, is not waited for.
    """

    def __init__(self, db: str | os.PathLike[str]):
        self.path = Path(f"{db}.writing")
        self.made = False

    def __enter__(self) -> "WriterIntent":
        try:
            self.path.write_text(str(os.getpid()))
            self.made = True
        except OSError:
            pass  # a read-only folder: no marker, readers are not held back
        return self

    def __exit__(self, *exc: object) -> None:
        if self.made:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass

    def wait_out(self, deadline: float) -> None:
        """Wait (until `deadline`, a time.monotonic() value) while another live process waits to write."""
        while self.path.exists() and time.monotonic() < deadline:
            pid = _read_pid(self.path)
            if not pid or pid == os.getpid() or not _alive(pid):
                return
            time.sleep(0.02)


class ProcessGate:
    """Readers and the writer of one process, taking turns on the database file.

    DuckDB will not open a file read-write in a process that has it open read-only (or the
    other way round): "Can't open a connection to same database file with a different
    configuration". A process that both reads and writes at once (the web server, whose
    ingest runs in a worker thread) passes one gate to its readers (`with gate.reading():`
    around a read connection's life) and to its Store (`Store(db, gate=gate)`, which holds
    `gate.writing()` while a batch is written). A waiting writer goes before new readers.
    """

    def __init__(self) -> None:
        import threading

        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting = 0

    def reading(self) -> AbstractContextManager[None]:
        gate = self

        class _Read:
            def __enter__(self_) -> None:
                with gate._cond:
                    gate._cond.wait_for(lambda: not gate._writing and not gate._waiting)
                    gate._readers += 1

            def __exit__(self_, *exc: object) -> None:
                with gate._cond:
                    gate._readers -= 1
                    gate._cond.notify_all()

        return _Read()

    def writing(self) -> AbstractContextManager[None]:
        gate = self

        class _Write:
            def __enter__(self_) -> None:
                with gate._cond:
                    gate._waiting += 1
                    try:
                        gate._cond.wait_for(lambda: not gate._writing and not gate._readers)
                    finally:
                        gate._waiting -= 1
                    gate._writing = True

            def __exit__(self_, *exc: object) -> None:
                with gate._cond:
                    gate._writing = False
                    gate._cond.notify_all()

        return _Write()
