"""The project's own texts (examples raw and as read, gold texts, test fixtures), for tests
that compare a faster component with spaCy's own over varied real input."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_texts() -> list[str]:
    examples = ROOT / "src" / "tidings" / "data" / "examples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples.iterdir()) if p.is_file()]
    from tidings.readers import read_paths
    from tidings.records import InputError

    texts += [a.text for a in read_paths([str(examples)]) if not isinstance(a, InputError)]
    for name in ("sentences.jsonl", "articles.jsonl"):
        path = ROOT / "gold" / name
        if path.exists():
            texts += [json.loads(x)["text"] for x in path.open(encoding="utf-8") if x.strip()]
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".jsonl":
            texts += [_text_of(line) for line in raw.splitlines() if line.strip()]
        elif path.suffix == ".tsv":
            texts += [line.replace("\t", " ") for line in raw.splitlines() if line.strip()]
        else:
            texts.append(raw)
    return texts


def _text_of(line: str) -> str:
    try:
        return str(json.loads(line).get("text", line))
    except (ValueError, AttributeError):
        return line
