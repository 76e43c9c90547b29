"""What `tidings watch` remembers between cycles and runs.

- In a JSON file beside the update files (watch-state.json, written atomically): per URL
  the content hash, ETag and Last-Modified of what was stored, failures and when to try
  again; per feed its ETag/Last-Modified; per local file its size and mtime.
- In the database (tidings.store.watch): which events have gone out in an update file and
  each cycle.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path


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
            raise ValueError(
                f"{path}: the watch state is not valid JSON ({exc}); move it away to start afresh"
            ) from None
        return cls(path, d.get("items", {}), d.get("feeds", {}), d.get("files", {}), d.get("cycles", 0))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(
            json.dumps(
                {"items": self.items, "feeds": self.feeds, "files": self.files, "cycles": self.cycles},
                indent=0,
                sort_keys=True,
            ),
            encoding="utf-8",
        )
        os.replace(tmp, self.path)
