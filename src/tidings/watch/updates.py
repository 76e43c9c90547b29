"""GDELT-style update files: YYYYMMDDHHMMSS.export.CSV.zip and .mentions.CSV.zip per cycle,
lastupdate.txt (the latest files) and masterfilelist.txt (every file), each line
"size md5 url", so tools that follow GDELT's update files can follow ours."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path


def _zip(path: Path, inner: str, rows) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open(inner, "w") as fh:
            for row in rows:
                fh.write(("\t".join(row) + "\n").encode("utf-8"))
    os.replace(tmp, path)


def _line(path: Path, base_url: str) -> str:
    data = path.read_bytes()
    url = (base_url.rstrip("/") + "/" + path.name) if base_url else path.name
    return f"{len(data)} {hashlib.md5(data).hexdigest()} {url}"


def write_update(out_dir: Path, stamp: str, event_rows, mention_rows, base_url: str = "") -> list[Path]:
    """Write one cycle's files; returns their paths (export, mentions)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    export = out_dir / f"{stamp}.export.CSV.zip"
    mentions = out_dir / f"{stamp}.mentions.CSV.zip"
    _zip(export, f"{stamp}.export.CSV", event_rows)
    _zip(mentions, f"{stamp}.mentions.CSV", mention_rows)
    lines = [_line(export, base_url), _line(mentions, base_url)]
    tmp = out_dir / "lastupdate.txt.tmp"
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / "lastupdate.txt")
    with open(out_dir / "masterfilelist.txt", "a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return [export, mentions]
