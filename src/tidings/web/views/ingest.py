"""Ingest, the only write: the form, its JSON twin (/api/ingest) and the jobs they queue.

Writes must come from this origin (Origin, Sec-Fetch-Site), forms must carry the page's CSRF
token, the JSON API takes only application/json, and off localhost a token is needed. The
work runs in the IngestJobs worker thread (ingest_items), off the event loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ...records.days import parse_day
from ..jobs import QueueFull
from ..security import origin_problem, token_ok
from ..site import Site, site_of, wants_json

router = APIRouter()


@router.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
def ingest_form(request: Request):
    site = site_of(request)
    return site.render(
        "ingest.html",
        request,
        needs_token=site.writes_need_token,
        writable=not site.writes_need_token or bool(site.token),
        result=None,
        csrf=site.csrf,
    )


@router.post("/ingest", include_in_schema=False)
async def ingest_page(request: Request):
    site = site_of(request)
    denied = check_origin(request)
    if denied:
        return denied
    try:
        form = await request.form()
    except Exception as exc:  # a malformed multipart body
        return JSONResponse({"error": f"cannot read the form: {exc}"}, status_code=400)
    token = form.get("token")
    denied = check_write(request, token if isinstance(token, str) else None)
    if denied:
        return denied
    csrf = form.get("csrf")
    if not token_ok(csrf if isinstance(csrf, str) else None, site.csrf):
        return JSONResponse(
            {"error": "the form's CSRF token is missing or wrong: reload the ingest page and send it again"},
            status_code=403,
        )
    items: list[tuple[str, str | bytes]] = []
    text = form.get("text")
    text = text.strip() if isinstance(text, str) else ""
    if text:
        items.append(("pasted text", text))
    for f in form.getlist("files"):
        if not isinstance(f, str) and f.filename:
            items.append((Path(f.filename).name, await f.read()))
    published, bad = parse_published(form.get("published"))
    if bad:
        return site.error(request, bad, 400)
    result = await run_job(request, items, published)
    if isinstance(result, Response):
        return result
    if wants_json(request):
        return JSONResponse(result, status_code=200 if not result.get("error") else 409)
    return site.render(
        "ingest.html", request, needs_token=site.writes_need_token, writable=True, result=result, csrf=site.csrf
    )


@router.post(
    "/api/ingest",
    summary="Code and store one article given as JSON {text, published?, title?}; "
    "?wait=0 answers at once (202) with the job to follow at /api/jobs/{id}",
)
async def ingest_api(request: Request):
    denied = check_origin(request) or check_write(request, None)
    if denied:
        return denied
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        return JSONResponse({"error": "the body must be sent as application/json"}, status_code=415)
    try:
        body = await request.json()
    except (ValueError, RecursionError):
        return JSONResponse({"error": "body must be JSON (UTF-8, not nested too deeply)"}, status_code=400)
    if not isinstance(body, dict) or not isinstance(body.get("text"), str) or not body["text"].strip():
        return JSONResponse({"error": "body must be an object with a non-empty 'text'"}, status_code=400)
    source = body.get("source")
    if source is not None and not isinstance(source, str):
        return JSONResponse({"error": "'source' must be a string"}, status_code=400)
    published, bad = parse_published(body.get("published"))
    if bad:
        return JSONResponse({"error": bad}, status_code=400)
    result = await run_job(request, [((source or "api")[:200], body["text"])], published)
    if isinstance(result, Response):
        return result
    return JSONResponse(result, status_code=200 if not result.get("error") else 409)


@router.get("/jobs", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/jobs", summary="Ingest jobs, newest first: queued, running, done or failed, with their results")
def jobs_page(request: Request):
    site = site_of(request)
    payload = {"jobs": site.jobs.listing()}
    if wants_json(request):
        return JSONResponse(payload)
    return site.render("jobs.html", request, data=payload)


@router.get("/api/jobs/{job_id}", summary="One ingest job: its status and, once done, its result")
def job_status(request: Request, job_id: str):
    job = site_of(request).jobs.get(job_id)
    if job is None:
        return JSONResponse({"error": "no such job"}, status_code=404)
    return JSONResponse(job.public())


async def run_job(request: Request, items, published):
    """Queue the ingest; wait for it without blocking the event loop (or, with ?wait=0,
    answer 202 with the job's address at once)."""
    if not items:
        return {"error": "nothing to ingest: paste a text or choose files"}
    try:
        job = site_of(request).jobs.submit(items, published)
    except QueueFull as exc:
        return JSONResponse({"error": str(exc)}, status_code=503, headers={"Retry-After": "10"})
    if request.query_params.get("wait") in ("0", "false", "no"):
        return JSONResponse({"job": job.id, "status": job.status, "url": f"/api/jobs/{job.id}"}, status_code=202)
    return await asyncio.wrap_future(job.future)


def parse_published(value) -> tuple[str | None, str | None]:
    """(the publication date given, or why it is refused)."""
    if value in (None, ""):
        return None, None
    if not isinstance(value, str):
        return None, "published must be a date YYYY-MM-DD"
    try:
        day = parse_day(value.strip())  # the one reading of a typed day (records.days)
    except ValueError:
        return None, f"published must be a date YYYY-MM-DD, not {value[:40]!r}"
    return (day.isoformat() if day else None), None


def check_origin(request: Request) -> Response | None:
    problem = origin_problem(request.headers, request.headers.get("host", ""), request.url.scheme)
    return JSONResponse({"error": problem}, status_code=403) if problem else None


def check_write(request: Request, form_token) -> Response | None:
    site = site_of(request)
    if not site.writes_need_token:
        return None
    if not site.token:
        return JSONResponse(
            {"error": "writing is off: this server is not bound to localhost and has no token (start it with --token)"},
            status_code=403,
        )
    given = form_token
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not token_ok(given, site.token):
        return JSONResponse({"error": "a valid token is needed to write"}, status_code=401)
    return None


def ingest_items(site: Site, items: list[tuple[str, str | bytes]], published: str | None) -> dict:
    """The job's work, in the worker thread. Pasted text is read like a .txt file; uploads by
    their file name (html, jsonl, csv, txt)."""
    from ...readers import read_data, read_text
    from ...records import Article, InputError
    from ...run.ingest import ingest
    from ...store import StoreLocked

    if not items:
        return {"error": "nothing to ingest: paste a text or choose files"}
    arts: list[Article] = []
    errors: list[InputError] = []
    for name, content in items:
        got = (
            [read_text(content, source=name, published=published)]
            if isinstance(content, str)
            else read_data(content, name, published=published)
        )
        for item in got:
            if isinstance(item, InputError):
                errors.append(item)
            else:
                arts.append(item)
    try:
        report = ingest(arts, site.db, progress=False, gate=site.gate)
    except StoreLocked as exc:
        return {"error": str(exc)}
    return {
        "summary": summary(report),
        "articles": [a.id for a in arts],
        "coded": coded(site, arts, report),
        "errors": [str(e) for e in errors + report.errors],
    }


SHOWN = 50  # articles whose events an ingest result lists (the rest: on the articles page)


def summary(report) -> str:
    """What an ingest did, in words ("1 article read: 1 new. 2 new events.")."""

    def n(k, one, many=None):
        return f"{k} {one if k == 1 else many or one + 's'}"

    parts = [f"{report.new} new", f"{report.updated} updated", f"{report.unchanged} unchanged (already stored)"]
    extra = [
        (report.old_versions, "older version ignored", "older versions ignored"),
        (report.not_coded, "not coded"),
        (report.failed, "failed to code"),
        (report.rejected, "could not be stored"),
        (report.quarantined, "rejected before, skipped"),
        (len(report.errors), "unreadable"),
    ]
    parts += [n(k, *words) if len(words) > 1 else f"{k} {words[0]}" for k, *words in extra if k]
    return (
        f"{n(report.read, 'article')} read: "
        + ", ".join(parts)
        + f". {n(report.new_events, 'new event')}, {n(report.mentions, 'mention')}"
        + (
            f"; {n(report.joined_story, 'copy', 'copies')} joined a story already stored."
            if report.joined_story
            else "."
        )
    )


def coded(site: Site, arts: list, report) -> list[dict]:
    """Each article sent (up to SHOWN) as stored now: title, date, and the events coded in it
    with the names of their codes, or why it was not stored."""
    from ...query import pages
    from ..names import actor_name, event_name

    why = dict(report.skipped)
    out = []
    with site.gate.reading():
        conn = site.conn()
        try:
            for art in arts[:SHOWN]:
                row = pages.article_row(conn, art.id) if conn is not None else None
                if row is None:
                    out.append(
                        {
                            "id": art.id,
                            "title": art.title,
                            "stored": False,
                            "events": [],
                            "why": why.get(art.source or art.id, "not stored"),
                        }
                    )
                    continue
                events = [
                    {
                        "id": i,
                        "code": c,
                        "code_name": event_name(c),
                        "status": st,
                        "trigger": t,
                        "source": sc,
                        "source_name": actor_name(sc),
                        "target": tc,
                        "target_name": actor_name(tc),
                        "date": day.isoformat() if day else None,
                    }
                    for i, _a, _b, t, c, st, sc, tc, day in pages.article_events(conn, art.id)
                ]
                out.append(
                    {
                        "id": art.id,
                        "title": row.get("title"),
                        "stored": True,
                        "events": events,
                        "published": str(row["published"]) if row.get("published") else None,
                        "skipped": row.get("skipped"),
                    }
                )
        finally:
            if conn is not None:
                conn.close()
    return out
