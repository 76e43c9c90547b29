"""What each web page shows, as plain JSON-able dicts: the pages render these and their
JSON twins return them unchanged, so a page and its JSON always agree. No spaCy here."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Callable

from .. import query
from ..query import Filters, pages
from ..records.days import parse_day
from .names import actor_name, country_name, event_name, quad_name, root_name

PAGE_SIZE = 50
FILTER_KEYS = ("start", "end", "actor", "source", "target", "code", "root", "quad", "status", "text")


class BadRequest(ValueError):
    """A parameter the user gave is not valid: answered with 400 and the message."""


def _clean(v):
    """Make a value JSON-able: dates as ISO strings, NaN as None, numpy scalars as Python."""
    if v is None:
        return None
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if type(v).__name__ == "NaTType":  # pandas' missing date: null, never "NaT"
        return None
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10] if not isinstance(v, dt.datetime) else v.date().isoformat()
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        return _clean(v.item())
    if hasattr(v, "isoformat"):
        return v.isoformat()[:10]
    return v


def records(df) -> list[dict]:
    return [{k: _clean(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def filters_from(params: dict) -> Filters:
    """Filters from query parameters; every value is bound as an SQL parameter later."""

    def many(key):
        v = params.get(key)
        if v in (None, ""):
            return None
        vals = [x.strip() for x in str(v).split(",") if x.strip()]
        return vals or None

    quads = many("quad")
    try:
        quads = [int(q) for q in quads] if quads else None
    except ValueError:
        raise BadRequest("quad must be 1, 2, 3 or 4") from None
    if quads and any(q not in (1, 2, 3, 4) for q in quads):
        raise BadRequest("quad must be 1, 2, 3 or 4")
    _dates(params)
    status = many("status") or "asserted"
    if status != "asserted" and any(s not in query.STATUSES + ("all",) for s in status):
        raise BadRequest("status must be asserted, negated, hypothetical, future or all")
    text = params.get("text") or None
    if text and len(text) > 200:
        raise BadRequest("text filter is limited to 200 characters")
    return Filters(
        start=params.get("start") or None,
        end=params.get("end") or None,
        actor=many("actor"),
        source=many("source"),
        target=many("target"),
        codes=many("code"),
        roots=many("root"),
        quad_classes=quads,
        status=status,
        text=text,
    )


def _dates(params: dict) -> None:
    for key in ("start", "end"):
        v = params.get(key)
        if v:
            try:
                parse_day(v)
            except ValueError:
                raise BadRequest(f"{key} must be a date YYYY-MM-DD") from None


def _freq(params: dict) -> str:
    freq = params.get("freq") or "month"
    if freq not in query.FREQS:
        raise BadRequest(f"freq must be one of {', '.join(query.FREQS)}")
    return freq


def active_filters(params: dict) -> dict:
    return {k: params[k] for k in FILTER_KEYS if params.get(k)}


def _dyads(rows) -> list[dict]:
    return [
        {
            "source": s,
            "target": t,
            "source_name": actor_name(s),
            "target_name": actor_name(t),
            "events": n,
            "goldstein_mean": _clean(round(g, 2) if g is not None else None),
        }
        for s, t, n, g in rows
    ]


def _months(first: dt.date, last: dt.date) -> list[str]:
    """The first days of the months from `first`'s to `last`'s, as ISO strings."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1).isoformat())
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def overview(conn) -> dict:
    totals = pages.totals(conn)
    by_quad = pages.monthly_quads(conn)
    series: dict[str, dict] = {}
    for month in _months(by_quad[0][0], by_quad[-1][0]) if by_quad else ():  # a month without events: zeros
        series[month] = {"period": month, "q1": 0, "q2": 0, "q3": 0, "q4": 0}
    for period, quad, n in by_quad:
        row = series.setdefault(period.isoformat(), {"period": period.isoformat(), "q1": 0, "q2": 0, "q3": 0, "q4": 0})
        if quad in (1, 2, 3, 4):
            row[f"q{quad}"] = n
    actors = records(query.top_actors(conn, n=10))
    for a in actors:  # named by the code; the names it was given in the text are the evidence
        a["name"] = actor_name(a["actor"])
        a["mentioned_as"] = pages.actor_names(conn, a["actor"], 3, exact=True)
    return {
        "totals": totals,
        "quad_names": {str(k): v for k, v in query.QUAD_NAMES.items()},
        "series": list(series.values()),
        # an actor with itself (FRAGOV -> FRAGOV) is no dyad: listed apart, not dropped
        "top_dyads": _dyads(pages.top_dyads(conn, 10)),
        "self_dyads": _dyads(pages.top_dyads(conn, 10, same=True)),
        "top_actors": actors,
    }


# what each order of the events page shows first (query.EVENT_SORTS sorts all the events)
SORT_ORDERS = {"date": "newest first", "goldstein": "most conflictual first", "mentions": "most mentioned first"}


def events_page(conn, params: dict) -> dict:
    f = filters_from(params)
    sort = params.get("sort") or "date"
    if sort not in SORT_ORDERS:
        raise BadRequest("sort must be date, goldstein or mentions")
    after, before = _cursor(params, "after", sort), _cursor(params, "before", sort)
    if after and before:
        raise BadRequest("give after or before, not both")
    try:
        limit = int(params.get("limit") or PAGE_SIZE)
    except ValueError:
        raise BadRequest("limit must be a number") from None
    limit = max(1, min(limit, 500))
    try:
        df, cursor, first = _page(conn, f, limit, after, before, sort)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    previous = (
        None if first or not len(df) else _cursor_text((query.event_sort_value(df.iloc[0], sort), df.iloc[0]["id"]))
    )
    return {
        "filters": active_filters(params),
        "events": [_named(r) for r in records(df)],
        "total": _total(conn, f),
        "sort": sort,
        "order": SORT_ORDERS[sort],
        "next": _cursor_text(cursor) if cursor else None,
        "previous": previous,
        "facets": facets(conn, f),
    }


def _cursor_text(cursor: tuple) -> str:
    """A page cursor as the pages' links carry it: "VALUE~ID" (VALUE empty for a row without one)."""
    value = cursor[0]
    return f"{'' if value is None else repr(value) if isinstance(value, float) else value}~{cursor[1]}"


_CURSOR_VALUES: dict[str, Callable[[str], object]] = {
    "date": dt.date.fromisoformat,
    "goldstein": float,
    "mentions": int,
}


def _cursor(params: dict, key: str, sort: str = "date") -> tuple | None:
    """A page cursor "VALUE~ID" of the order `sort` (VALUE: a day, a Goldstein value, a number
    of mentions; empty for a row without one) as (value or None, id)."""
    if not params.get(key):
        return None
    try:
        value, eid = str(params[key]).split("~", 1)
        if value:
            _CURSOR_VALUES[sort](value)
        return (value or None, eid)
    except ValueError:
        raise BadRequest(f"{key} must be a cursor given by a previous page") from None


def _page(conn, f: Filters, limit: int, after, before, sort: str = "date"):
    """(rows, the next page's cursor, whether this is the first page), in the order `sort`
    over all the events. The page before a cursor is read with one row more, to know whether
    a page lies before it; when the rows before it do not fill a page, the first page is shown
    instead."""
    if before is None:
        df, cursor = query.event_page(conn, limit=limit, after=after, filters=f, sort=sort)
        return df, cursor, after is None
    df, cursor = query.event_page(conn, limit=limit + 1, before=before, filters=f, sort=sort)
    if len(df) <= limit:
        df, cursor = query.event_page(conn, limit=limit, filters=f, sort=sort)
        return df, cursor, True
    return df.iloc[1:].reset_index(drop=True), cursor, False


def _total(conn, f: Filters) -> int:
    """How many events match the filters (all pages)."""
    wanted = f.status if isinstance(f.status, (list, tuple)) else [f.status]
    return sum(n for status, n in pages.status_counts(conn, f) if "all" in wanted or status in wanted)


def _named(e: dict) -> dict:
    """An event row with the names of its codes."""
    return e | {
        "code_name": event_name(e.get("code")),
        "source_code_name": actor_name(e.get("source_code")),
        "target_code_name": actor_name(e.get("target_code")),
    }


FACET_NAMES = {"root": root_name, "quad": quad_name, "source": country_name, "target": country_name}


def facets(conn, f: Filters) -> dict:
    out = {}
    for name in ("root", "quad", "source", "target"):
        rows = pages.facet_counts(conn, f, name)
        out[name] = [{"value": _clean(v), "name": FACET_NAMES[name](_clean(v)), "count": n} for v, n in rows]
    rows = pages.status_counts(conn, f)
    out["status"] = [{"value": v, "count": n} for v, n in rows]
    return out


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict]:
    """Cut text at every span boundary; each piece carries the classes of the spans covering it."""
    cut_set = {0, len(text)}
    for a, b, _ in spans:
        if a is not None and b is not None and 0 <= a < b <= len(text):
            cut_set.update((a, b))
    cuts = sorted(cut_set)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        classes = sorted({c for s, e, c in spans if s is not None and e is not None and s <= a and b <= e})
        out.append({"text": text[a:b], "classes": classes})
    return out


def event_detail(conn, event_id: str) -> dict | None:
    row = pages.event_row(conn, event_id)
    if row is None:
        return None
    event = _named({k: _clean(v) for k, v in row.items()})
    event |= {"root_name": root_name(event.get("root")), "quad_name": quad_name(event.get("quad_class"))}
    mentions = []
    for m in pages.event_mention_rows(conn, event_id):
        text = m.pop("article_text") or ""
        s0, s1 = m.get("sentence_start"), m.get("sentence_end")
        sentence = m.get("sentence_text") or (text[s0:s1] if s0 is not None else "")
        base = s0 or 0
        spans = []
        for kind in ("trigger", "source", "target"):
            a, b = m.get(f"{kind}_start"), m.get(f"{kind}_end")
            if a is not None and b is not None:
                spans.append((a - base, b - base, kind))
        m["segments"] = _segments(sentence, spans)
        m["paragraph"] = _paragraph(text, s0, s1)
        mentions.append({k: _clean(v) for k, v in m.items() if k != "segments"} | {"segments": m["segments"]})
    copies = pages.story_copies(conn, event.get("story_id"))
    return {
        "event": event,
        "mentions": mentions,
        "copies": [{"id": i, "title": t, "outlet": o, "url": u, "published": p} for i, t, o, u, p in copies],
    }


def _paragraph(text: str, start, end) -> str:
    if start is None or not text:
        return ""
    a = text.rfind("\n\n", 0, start)
    b = text.find("\n\n", end or start)
    return text[(a + 2 if a >= 0 else 0) : (b if b >= 0 else len(text))].strip()


def dyad(conn, params: dict) -> dict:
    f = filters_from(params)
    freq = _freq(params)
    directed = params.get("directed", "1") not in ("0", "false", "no")
    series = records(query.dyad_series(conn, freq=freq, directed=directed, filters=f))
    return {
        "filters": active_filters(params),
        "freq": freq,
        "directed": directed,
        "series": series,
        "goldstein_axes": _goldstein_axes(series),
        "source_name": _side_name(params.get("source")),
        "target_name": _side_name(params.get("target")),
    }


def _goldstein_axes(series: list[dict]) -> list[list[float]]:
    return zero_aligned_ranges(
        [r["goldstein_sum"] for r in series if r.get("goldstein_sum") is not None],
        [r["goldstein_mean"] for r in series if r.get("goldstein_mean") is not None],
    )


def zero_aligned_ranges(*columns: list[float], pad: float = 0.08) -> list[list[float]]:
    """[low, high] for each column's axis, each holding its values and zero, with zero at the
    same height on every axis (a chart with two y-axes draws one zero line)."""
    ext = [(min([0.0, *col]), max([0.0, *col])) for col in columns]
    below = [-lo / (hi - lo) for lo, hi in ext if hi > lo]  # the share of each axis under zero
    f = max(below, default=0.5)
    if any(hi > 0 for _, hi in ext):
        f = min(f, 0.9)  # keep room above zero for an axis with positive values
    out = []
    for lo, hi in ext:
        need = max((-lo / f) if f > 0 else 0.0, (hi / (1 - f)) if f < 1 else 0.0)
        span = (need or 1.0) * (1 + pad)
        out.append([round(-f * span, 6), round((1 - f) * span, 6)])
    return out


def _side_name(value) -> str | None:
    """The name of a dyad side as given (a code, or codes separated by commas)."""
    if not value:
        return None
    return ", ".join(actor_name(v.strip()) or v.strip() for v in str(value).split(",") if v.strip())


def actor(conn, code: str, params: dict) -> dict:
    code = code.strip().upper()
    if not code or len(code) > 40:
        raise BadRequest("actor code must be 1-40 characters")
    _dates(params)
    f = Filters(actor=[code], start=params.get("start") or None, end=params.get("end") or None)
    freq = _freq(params)
    series = records(query.dyad_series(conn, freq=freq, filters=f))
    partners = records(query.network(conn, filters=f))
    names = pages.actor_names(conn, code, 5)
    for p in partners:
        p |= {"source_name": actor_name(p["source"]), "target_name": actor_name(p["target"])}
    return {
        "code": code,
        "name": actor_name(code),
        "names": names,
        "freq": freq,
        "series": series,
        "partners": partners[:50],
    }


def network(conn, params: dict) -> dict:
    f = filters_from(params)
    by = params.get("by") or "country"
    if by not in ("code", "country"):
        raise BadRequest("by must be code or country")
    edges = records(query.network(conn, by=by, filters=f))[:200]
    nodes: dict[str, int] = {}
    for e in edges:
        for k in ("source", "target"):
            nodes[e[k]] = nodes.get(e[k], 0) + int(e["weight"])
    layout = circle_layout(nodes)
    shown = [
        e | {"source_name": actor_name(e["source"]), "target_name": actor_name(e["target"])}
        for e in edges
        if e["source"] in layout and e["target"] in layout
    ]
    _edge_lines(shown, layout)
    return {"filters": active_filters(params), "by": by, "nodes": layout, "edges": shown}


NET_CENTRE, NET_RING, NET_MAX_R = 330, 200, 18


def circle_layout(nodes: dict[str, int], most: int = 40) -> dict[str, dict]:
    """The `most` busiest nodes on a circle (stable, no client-side physics), each with its
    radius (by events) and its label outside the ring of nodes, so that no node covers it
    (`lx`, `ly` where it starts, `anchor`, `dy`; `angle` to turn it along the radius when
    there are so many nodes that level labels would run into each other)."""
    names = sorted(nodes, key=lambda n: (-nodes[n], n))[:most]
    top = max(nodes.values(), default=1) or 1
    radial = len(names) > 12
    out = {}
    for i, n in enumerate(names):
        ang = 2 * math.pi * i / max(len(names), 1) - math.pi / 2
        c, s = math.cos(ang), math.sin(ang)
        r = round(4 + (NET_MAX_R - 4) * math.sqrt(nodes[n] / top), 1)
        label: dict[str, float | str] = {
            "lx": round(NET_CENTRE + (NET_RING + NET_MAX_R + 12) * c, 1),
            "ly": round(NET_CENTRE + (NET_RING + NET_MAX_R + 12) * s, 1),
        }
        if radial:  # along the radius; on the left half turned round, so it never reads upside down
            left = c < -1e-9
            label |= {
                "angle": round(math.degrees(ang) + (180 if left else 0), 1),
                "anchor": "end" if left else "start",
                "dy": "0.35em",
            }
        else:  # level, on the outer side of the node
            side = "middle" if abs(c) < 0.35 else "start" if c > 0 else "end"
            label |= {"angle": 0, "anchor": side, "dy": "0.35em" if side != "middle" else ("0.9em" if s > 0 else "0")}
        out[n] = {
            "x": round(NET_CENTRE + NET_RING * c, 1),
            "y": round(NET_CENTRE + NET_RING * s, 1),
            "r": r,
            "events": nodes[n],
            "name": actor_name(n),
        } | label
    return out


def _edge_lines(edges: list[dict], layout: dict[str, dict]) -> None:
    """Each edge's line, from the source's edge to the target's, where its arrowhead points;
    the two directions of a pair run side by side, not on top of each other."""
    pairs = {(e["source"], e["target"]) for e in edges}
    top = max((e["weight"] for e in edges), default=1) or 1
    for e in edges:
        a, b = layout[e["source"]], layout[e["target"]]
        dx, dy = b["x"] - a["x"], b["y"] - a["y"]
        d = math.hypot(dx, dy) or 1.0
        ux, uy = dx / d, dy / d
        off = 3.0 if (e["target"], e["source"]) in pairs else 0.0  # to the right of the direction
        ox, oy = -uy * off, ux * off
        e.update(
            x1=round(a["x"] + ux * (a["r"] + 1) + ox, 1),
            y1=round(a["y"] + uy * (a["r"] + 1) + oy, 1),
            x2=round(b["x"] - ux * (b["r"] + 2) + ox, 1),
            y2=round(b["y"] - uy * (b["r"] + 2) + oy, 1),
            width=round(1 + 3 * math.sqrt(e["weight"] / top), 1),
            kind="coop" if (e.get("goldstein_mean") or 0) >= 0 else "conflict",
        )


def article(conn, article_id: str) -> dict | None:
    row = pages.article_row(conn, article_id)
    if row is None:
        return None
    art = {k: _clean(v) for k, v in row.items()}
    text = art.get("text") or ""
    try:
        removed = json.loads(art.get("removed") or "[]")
    except ValueError:
        removed = [art.get("removed")]
    art["removed"] = removed
    ev = pages.article_events(conn, article_id)
    qs = pages.article_quotes(conn, article_id)
    spans = [(a, b, "trigger") for _, a, b, *_ in ev] + [(s, e, "quote") for *_, s, e in qs]
    return {
        "article": {k: v for k, v in art.items() if k != "text"},
        "segments": _segments(text, spans),
        "events": [
            {
                "id": i,
                "trigger": t,
                "start": a,
                "end": b,
                "code": c,
                "code_name": event_name(c),
                "status": s,
                "source": sc,
                "target": tc,
                "source_name": actor_name(sc),
                "target_name": actor_name(tc),
                "date": _clean(day),
            }
            for i, a, b, t, c, s, sc, tc, day in ev
        ],
        "quotes": [
            {"speaker": n, "speaker_code": c, "text": t, "kind": k, "cue": cue, "start": s, "end": e}
            for n, c, t, k, cue, s, e in qs
        ],
    }


def articles_list(conn, params: dict) -> dict:
    try:
        limit = max(1, min(int(params.get("limit") or 100), 500))
    except ValueError:
        raise BadRequest("limit must be a number") from None
    rows = pages.article_list(conn, limit)
    keys = pages.ARTICLE_LIST_COLUMNS
    return {"articles": [dict(zip(keys, map(_clean, r))) for r in rows]}
