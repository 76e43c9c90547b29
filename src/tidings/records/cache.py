"""A cache on disk for tables tidings derives from its data files at every start (the places
gazetteer, the actor resolver's towns), so that a one-article `tidings code` does not rebuild
them (issue 22: start in under 2 s).

An entry is named by a hash of everything it is built from (the caller's parts: data files'
bytes, the dependency's data, the code that builds it) and of the Python version, so a stale
entry is never read: any change gives a new name. Values are plain data (dict, list, tuple,
str, int, float, bool, None) stored with `marshal`, which loads fast and runs no code.
Writing is atomic (a temporary file renamed over), and a cache that cannot be read or written
is no error: the table is built as if there were none. At most KEPT entries of a name stay.

Folder: $TIDINGS_CACHE_DIR, else $XDG_CACHE_HOME/tidings, else ~/.cache/tidings;
TIDINGS_CACHE_DIR=off turns the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

__all__ = ["cache_dir", "cached", "file_stamp"]

_FORMAT = b"tidings-cache/1"
KEPT = 3  # entries kept per name (see _prune)


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get("TIDINGS_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tidings"


def file_stamp(folder: str | Path) -> bytes:
    """Names, sizes and modification times of a folder's files: what a package's data is,
    cheaply (for a dependency's data that is not read unless the cache misses)."""
    try:
        entries = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(folder) if e.is_file())
    except OSError:
        return b"?"
    return repr(entries).encode()


def cached(name: str, parts: Iterable[bytes | str], build: Callable[[], Any]) -> Any:
    """The value `build()` gives, from the cache when an entry for exactly these `parts` is
    there, else built and stored."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(_FORMAT + sys.version.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    path = folder / f"{name}-{digest.hexdigest()[:24]}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    _store(path, value)
    _prune(folder, name)
    return value


def _prune(folder: Path, name: str) -> None:
    """Keep the KEPT newest entries of this name (each change of the data or the code gives a
    new one; the old ones are never read again, unless two versions of tidings share the folder)."""
    try:
        entries = sorted(folder.glob(f"{name}-*.marshal"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[KEPT:]:
            old.unlink()
    except OSError:
        pass


def _store(path: Path, value: Any) -> None:
    try:
        data = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass  # a read-only or full disk: the next start builds it again
