"""Readable renderings of a coded article: the event table and the --explain trace."""

from __future__ import annotations

from ..records import CodedArticle


def _actor(a) -> str:
    if a is None:
        return "-"
    return f"{a.code or '?'} ({a.text})"


def _code_name(code) -> str:
    """The CAMEO name of a code, for readers who do not know the numbers by heart."""
    if not code:
        return ""
    try:
        from ..events.codebook import load_codebook

        info = load_codebook().get(code)
    except Exception:  # the codebook is optional for rendering
        return ""
    return f" ({info.name})" if info else ""


def render_table(coded: CodedArticle, explain: bool = False, all_candidates: bool = False) -> str:
    art = coded.article
    lines = [f"# {art.title or art.id}"]
    meta = [
        f"{k}: {getattr(art, k)}"
        for k in ("agency", "outlet", "byline", "published", "updated", "url")
        if getattr(art, k)
    ]
    if meta:
        lines.append("  " + " | ".join(meta))
    if coded.skipped:
        lines.append(f"  skipped: {coded.skipped}")
        return "\n".join(lines)
    lines.append(f"  events ({len(coded.events)}):")
    for e in coded.events:
        lines.append(
            f"    [{e.status}] {e.code} {_actor(e.source)} -> {_actor(e.target)} "
            f"'{e.trigger.text}' date={e.date} s{e.sentence} conf={e.confidence:.2f}"
        )
        if explain:
            said = f" | reported by {_actor(e.reported_by)}" if e.reported_by else ""
            lines.append(
                f"        {e.code}{_code_name(e.code)}; PLOVER {e.plover_event or '-'}"
                f"{'/' + e.plover_mode if e.plover_mode else ''}; Goldstein {e.goldstein}{said}"
            )
            lines.append(f"        rule: {e.rule}")
    if all_candidates:
        dropped = [c for c in coded.candidates if c.event is not None and not c.kept]
        lines.append(f"  candidate events not in the dataset ({len(dropped)}):")
        for c in dropped:
            e = c.event
            lines.append(
                f"    [{e.status}] {e.code} {_actor(e.source)} -> {_actor(e.target)} "
                f"'{e.trigger.text}' s{e.sentence}: {c.reason}" + (f" ({c.detail})" if c.detail else "")
            )
    lines.append(f"  quotes ({len(coded.quotes)}):")
    for q in coded.quotes:
        who = q.speaker.name if q.speaker else "(unknown speaker)"
        text = q.text if len(q.text) < 90 else q.text[:87] + "..."
        lines.append(f'    {q.kind}: {who}: "{text}"')
    lines.append("  actors: " + ", ".join(f"{a.name}={a.code}" for a in coded.actors))
    lines.append("  dates: " + ", ".join(f"{d.text}={d.value}" for d in coded.dates))
    lines.append("  places: " + ", ".join(f"{p.text}={p.country}" for p in coded.places))
    if explain:
        lines.append("  candidates:")
        by_sentence: dict[int, list] = {}
        for c in coded.candidates:
            by_sentence.setdefault(c.sentence, []).append(c)
        for i, sent in enumerate(coded.sentences):
            lines.append(f"    s{i}: {sent.text.strip()[:100]}")
            cands = by_sentence.get(i, [])
            if not cands:
                lines.append("        (no candidate trigger)")
            for c in cands:
                mark = "kept" if c.kept else "dropped"
                code = f"{c.code}{_code_name(c.code)} " if c.code else ""
                lines.append(f"        {mark}: '{c.trigger}' {code}- {c.reason}: {c.detail}".rstrip(": "))
    return "\n".join(lines)
