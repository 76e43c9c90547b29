"""Versions move forward by evidence (issue 23): whether a copy of a stored article (same id,
or same url, other content) may replace the stored version.

What counts is the metadata read with each: which of EVIDENCE they have, and their stamp (the
update stamp, else the publication stamp). A copy is

- `older` when both have a stamp and the copy's is earlier;
- `poorer` when it lacks a field the stored version has (a CSV export without the date, a
  paste without the url) and its stamp is not later;
- `richer` when its stamp is later, or it has a field the stored version lacks;
- `level` otherwise (the same fields: a corrected text, a changed title).

A new copy replaces the stored version unless it is older or poorer. A copy that was stored
before and replaced (its content is kept in `article_versions`) comes back only when it is
richer: a dated version returns over the undated copy that replaced it, and two undated
versions never take turns.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["EVIDENCE", "EVIDENCE_SQL", "Evidence", "evidence", "judge", "missing", "held"]

EVIDENCE = ("published", "updated", "title", "url", "outlet", "byline", "agency")
# what evidence() reads from a row of `articles`, in EVIDENCE order (the stamps, then whether
# each other field is there: a title is not loaded to be counted)
EVIDENCE_SQL = "published, updated, " + ", ".join(f"coalesce(trim({c}), '') <> ''" for c in EVIDENCE[2:])
_SETS: dict[frozenset[str], frozenset[str]] = {}  # the few possible sets, shared by every stored article


class Evidence(NamedTuple):
    present: frozenset[str]
    stamp: str | None  # ISO: the update stamp, else the publication stamp


def evidence(values: object) -> Evidence:
    """The evidence of an Article, or of a row of the EVIDENCE columns (a tuple in that order)."""
    if isinstance(values, tuple):
        got = dict(zip(EVIDENCE, values))
    else:
        got = {k: getattr(values, k, None) for k in EVIDENCE}
    present = frozenset(k for k, v in got.items() if v is True or (v not in (None, False) and str(v).strip()))
    stamp = got["updated"] or got["published"]
    return Evidence(_SETS.setdefault(present, present), str(stamp) if stamp else None)


def _cmp(a: str, b: str) -> int:
    """-1, 0 or 1: the order of two ISO stamps; a date and a time of the same day are equal."""
    if a[:10] != b[:10]:
        return -1 if a[:10] < b[:10] else 1
    if len(a) <= 10 or len(b) <= 10 or a[11:] == b[11:]:
        return 0
    return -1 if a[11:] < b[11:] else 1


def judge(copy: Evidence, stored: Evidence) -> str:
    """'older', 'poorer', 'richer' or 'level' (see the module's docstring)."""
    order = _cmp(copy.stamp, stored.stamp) if copy.stamp and stored.stamp else 0
    if order < 0:
        return "older"
    if stored.present - copy.present and order <= 0:
        return "poorer"
    if order > 0 or copy.present - stored.present:
        return "richer"
    return "level"


def missing(copy: Evidence, stored: Evidence) -> list[str]:
    """The fields the stored version has and the copy lacks, in EVIDENCE order."""
    return [k for k in EVIDENCE if k in stored.present and k not in copy.present]


def held(copy: Evidence, stored: Evidence, known: bool) -> tuple[str, str] | None:
    """None when the copy replaces the stored version; else (status, reason): 'old-version'
    (stored before and replaced, and no richer now; or stamped earlier) or 'less-metadata'.
    `known`: the copy's content is among the stored article's replaced versions."""
    verdict = judge(copy, stored)
    if verdict == "richer" or (verdict == "level" and not known):
        return None
    if verdict == "older":
        return "old-version", f"the stored version is newer ({stored.stamp}; this copy: {copy.stamp})"
    if verdict == "poorer":
        lacks = ", ".join(missing(copy, stored))
        return "less-metadata", f"the stored version has {lacks} and this copy does not: the stored version is kept"
    return "old-version", "an older version, replaced before"
