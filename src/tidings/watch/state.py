"""What `tidings watch` remembers between cycles and runs.

- In a JSON file beside the update files (watch-state.json, written atomically): per URL
  the content hash, ETag and Last-Modified of what was stored, failures and when to try
  again; per feed its ETag/Last-Modified; per local file its size and mtime.
- In the database (tables of the store's migration 0005_watch_tables): which events have
  gone out in an update file (watch_exports) and each cycle (watch_cycles). An event stored
  by a cycle that died before its update file was written goes out in the next one.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

def ensure_tables(conn) -> None:
    """The first time a database is watched, the events already in it are the baseline:
    they are marked as gone out, so only what watching adds appears in update files.
    (The tables come from the store's migration 0005_watch_tables.)"""
    if conn.execute("SELECT count(*) FROM watch_cycles").fetchone()[0]:
        return
    if conn.execute("SELECT count(*) FROM watch_exports").fetchone()[0]:
        return
    conn.execute("INSERT INTO watch_exports SELECT id, 'baseline' FROM events ON CONFLICT DO NOTHING")


@dataclass
class WatchState:
    path: Path
    items: dict = field(default_factory=dict)  # url -> {hash, etag, last_modified, failures, next_try, error}
    feeds: dict = field(default_factory=dict)  # url -> {etag, last_modified}
    files: dict = field(default_factory=dict)  # path -> [mtime_ns, size]
    cycles: int = 0

    @classmethod
    def load(cls, path: Path) -> "WatchState":
        if not path.exists():
            return cls(path)
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ValueError(f"{path}: the watch state is not valid JSON ({exc}); move it away to start afresh") from None
        return cls(path, d.get("items", {}), d.get("feeds", {}), d.get("files", {}), d.get("cycles", 0))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"items": self.items, "feeds": self.feeds, "files": self.files,
                                   "cycles": self.cycles}, indent=0, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)
