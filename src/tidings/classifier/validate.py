"""Validate the training corpus: codes exist, roots and pentacodes agree, spans match the text.

    python -m tidings.classifier.validate [PATH ...]

Exits non-zero and lists the problems when any record is wrong.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .corpus import CORPUS, DATA, PENTA

__all__ = ["known_codes", "validate_record", "validate_file", "corpus_files"]

STATUSES = {"asserted", "negated", "hypothetical", "future", "none"}
CODEBOOK = Path(__file__).resolve().parent.parent / "data" / "codebook.tsv"


def corpus_files() -> list[Path]:
    """The corpus files the classifier trains on: generated and hand-written."""
    return [p for p in (CORPUS, DATA / "handwritten.jsonl") if p.exists()]


def known_codes() -> set[str] | None:
    """CAMEO codes from the project's codebook (None if the codebook is not there)."""
    if not CODEBOOK.exists():
        return None
    codes = set()
    for line in CODEBOOK.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        first = line.split("\t", 1)[0].strip()
        if first.isdigit():
            codes.add(first)
    return codes or None


def validate_record(rec: dict, codes: set[str] | None = None) -> list[str]:
    problems = []
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return ["empty text"]
    if text != text.strip() or "  " in text or "{" in text or "}" in text:
        problems.append("untidy text (spaces or template braces)")
    code, root = rec.get("code"), rec.get("root")
    if root == "none":
        if code or rec.get("penta") is not None or rec.get("status") != "none":
            problems.append("a 'none' record has a code, pentacode or status")
        if rec.get("source") or rec.get("target"):
            problems.append("a 'none' record has actor spans")
    else:
        if not isinstance(code, str) or not code.isdigit() or len(code) not in (2, 3, 4):
            problems.append(f"bad code {code!r}")
        elif code[:2] != root:
            problems.append(f"code {code} does not start with root {root}")
        elif codes is not None and code not in codes:
            problems.append(f"code {code} is not in the codebook")
        if root not in PENTA:
            problems.append(f"unknown root {root!r}")
        elif rec.get("penta") != PENTA[root]:
            problems.append(f"pentacode {rec.get('penta')} does not match root {root}")
        if rec.get("status") not in STATUSES - {"none"}:
            problems.append(f"bad status {rec.get('status')!r}")
    for role in ("source", "target"):
        span = rec.get(role)
        if span is None:
            continue
        s, e = span.get("start"), span.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            problems.append(f"{role} offsets out of range")
        elif text[s:e] != span.get("text"):
            problems.append(f"{role} span {text[s:e]!r} != {span.get('text')!r}")
        elif text[s:e] != text[s:e].strip():
            problems.append(f"{role} span has outer spaces")
    src, tgt = rec.get("source"), rec.get("target")
    if src and tgt and src["start"] < tgt["end"] and tgt["start"] < src["end"]:
        problems.append("source and target overlap")
    return problems


def validate_file(path: Path, codes: set[str] | None = None) -> list[str]:
    codes = known_codes() if codes is None else codes
    out, ids, texts = [], set(), set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(f"{path.name}:{n}: not JSON ({exc})")
            continue
        if rec.get("id") in ids:
            out.append(f"{path.name}:{n}: duplicate id {rec.get('id')}")
        if rec.get("text") in texts:
            out.append(f"{path.name}:{n}: duplicate text")
        ids.add(rec.get("id"))
        texts.add(rec.get("text"))
        out.extend(f"{path.name}:{n}: {p}" for p in validate_record(rec, codes))
    return out


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])] or corpus_files()
    problems = []
    for p in paths:
        problems.extend(validate_file(p))
    for problem in problems[:200]:
        print(problem)
    n = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in paths)
    print(f"{n} records in {len(paths)} files: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
