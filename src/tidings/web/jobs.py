"""Web ingest runs off the event loop: jobs go to a bounded queue served by one worker
thread (the database has one writer), so pages keep answering while an upload is coded.
Each job has a status (queued, running, done, failed) readable at /api/jobs/{id}."""

from __future__ import annotations

import datetime as dt
import itertools
import queue
import threading
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Callable

__all__ = ["IngestJobs", "Job", "QueueFull"]


class QueueFull(RuntimeError):
    pass


@dataclass
class Job:
    id: str
    items: list = field(repr=False)
    published: str | None
    status: str = "queued"
    submitted: str = ""
    finished: str | None = None
    result: dict | None = None
    future: Future = field(default_factory=Future, repr=False)

    def public(self) -> dict:
        return {
            "id": self.id,
            "status": self.status,
            "submitted": self.submitted,
            "finished": self.finished,
            "inputs": [name for name, _ in self.items],
            "result": self.result,
        }


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None).isoformat()


class IngestJobs:
    """`submit(items, published)` queues a job (QueueFull when `max_queued` wait already);
    `run(items, published) -> dict` does the work in the worker thread."""

    def __init__(self, run: Callable[[list, str | None], dict], max_queued: int = 8, keep: int = 200):
        self.run = run
        self.max_queued = max_queued
        self.keep = keep
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._thread: threading.Thread | None = None

    def submit(self, items: list, published: str | None) -> Job:
        with self._lock:
            waiting = sum(1 for j in self.jobs.values() if j.status == "queued")
            if waiting >= self.max_queued:
                raise QueueFull(f"{waiting} ingest jobs are waiting already: try again later")
            job = Job(id=str(next(self._ids)), items=items, published=published, submitted=_now())
            self.jobs[job.id] = job
            while len(self.jobs) > self.keep:
                oldest = next(iter(self.jobs))
                if self.jobs[oldest].status in ("queued", "running"):
                    break
                self.jobs.pop(oldest)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="tidings-ingest", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def listing(self) -> list[dict]:
        return [j.public() for j in reversed(list(self.jobs.values()))]

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            job.status = "running"
            try:
                job.result = self.run(job.items, job.published)
                job.status = "failed" if job.result.get("error") else "done"
            except Exception as exc:  # the worker never dies: the job says what went wrong
                job.result = {"error": f"{type(exc).__name__}: {exc}"}
                job.status = "failed"
            job.items = [(name, None) for name, _ in job.items]  # the uploaded bytes are not kept
            job.finished = _now()
            job.future.set_result(job.result)
