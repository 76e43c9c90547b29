"""The FastAPI app: server-side pages, each with a JSON twin (/api/...), over the store.

Every page is rendered from the same dict its JSON twin returns (see data.py). Assets come
from this package (static/) and from the installed plotly package; nothing from a CDN.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import data
from .jobs import IngestJobs, QueueFull
from .security import (DEFAULT_MAX_BODY, SECURITY_HEADERS, BodyLimit, SecurityHeaders, allowed_hosts, csrf_token,
                       is_local, origin_problem, token_ok)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"


def _plotly_js() -> Path | None:
    try:
        import plotly

        p = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        return p if p.is_file() else None
    except ImportError:
        return None


def create_app(db: str | os.PathLike | None = None, *, host: str = "127.0.0.1", token: str | None = None,
               max_body: int | None = None, hosts: tuple[str, ...] = ()) -> FastAPI:
    """The web app for database `db`. Writing (ingest) is open on localhost; bound to any
    other address it needs `token` (given as `Authorization: Bearer TOKEN` or a `token`
    form field), and without a token writing is off.

    Requests must name this server in their Host header (its loopback names when bound to
    localhost, else `host` and `hosts`), so that a page elsewhere cannot reach it by DNS
    rebinding. Writes must come from this origin (Origin, Sec-Fetch-Site), forms must carry
    the page's CSRF token, and the JSON API takes only application/json. Ingest runs in a
    worker thread with a queue (IngestJobs), off the event loop."""
    import secrets

    from ..store import NoDatabase, ProcessGate, default_db_path, open_reader

    db = str(db or default_db_path())
    app = FastAPI(title="tidings", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Event data from news: every page of the UI has a JSON twin under /api.")
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html"], default=True))
    env.globals["with_param"] = with_param
    app.state.db = db
    app.state.writes_need_token = not is_local(host)
    app.state.token = token
    app.state.csrf = csrf_token(secrets.token_bytes(32))
    gate = ProcessGate()  # reads of the pages and the ingest thread's writes take turns on the file
    app.state.gate = gate

    async def crashed(request: Request, exc: Exception):
        # answered by the outermost layer, past the middleware: the headers go on here
        return JSONResponse({"error": "internal error: the server log has the details"}, status_code=500,
                            headers=SECURITY_HEADERS)

    app.add_exception_handler(Exception, crashed)

    def conn():
        try:
            return open_reader(db)
        except NoDatabase:
            return None

    def render(name: str, request: Request, **ctx) -> HTMLResponse:
        tpl = env.get_template(name)
        return HTMLResponse(tpl.render(request=request, path=request.url.path, query=dict(request.query_params),
                                       **ctx))

    def error(request: Request, message: str, status: int) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        html = env.get_template("empty.html").render(request=request, path=request.url.path, query={},
                                                     message=message)
        return HTMLResponse(html, status_code=status)

    def answer(request: Request, template: str, build, status_missing: str | None = None, **extra):
        """Build the page's data; answer as HTML, or JSON when asked (?format=json or /api)."""
        with gate.reading():
            c = conn()
            if c is None:
                return error(request, f"no database at {db}: ingest articles first", 404)
            try:
                payload = build(c)
            except data.BadRequest as exc:
                return error(request, str(exc), 400)
            finally:
                c.close()
        if payload is None:
            return error(request, status_missing or "not found", 404)
        if request.query_params.get("format") == "csv" and "events" in payload:
            return _csv(payload["events"])
        if _wants_json(request):
            return JSONResponse(payload)
        return render(template, request, data=payload, **extra)

    # ---- pages and their JSON twins -------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/api/overview", summary="Totals, events per quad class per month, top dyads and actors")
    def overview(request: Request):
        return answer(request, "overview.html", data.overview)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/api/events", summary="Events with filters, facets and keyset pagination (?format=csv for CSV)")
    def events(request: Request):
        params = dict(request.query_params)
        return answer(request, "events.html", lambda c: data.events_page(c, params))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/api/events/{event_id}", summary="One event: its mentions with highlighted sentences, copies")
    def event(request: Request, event_id: str):
        return answer(request, "event.html", lambda c: data.event_detail(c, event_id), "no such event")

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/api/dyad", summary="Dyad time series: counts per quad class, Goldstein sum and mean")
    def dyad(request: Request):
        params = dict(request.query_params)
        return answer(request, "dyad.html", lambda c: data.dyad(c, params))

    @app.get("/actors/{code}", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/api/actors/{code}", summary="One actor: activity over time and partners")
    def actor(request: Request, code: str):
        params = dict(request.query_params)
        return answer(request, "actor.html", lambda c: data.actor(c, code, params))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/api/network", summary="Actor network: edges weighted by count and mean Goldstein")
    def network(request: Request):
        params = dict(request.query_params)
        return answer(request, "network.html", lambda c: data.network(c, params))

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/api/articles", summary="Articles, newest first")
    def articles(request: Request):
        params = dict(request.query_params)
        return answer(request, "articles.html", lambda c: data.articles_list(c, params))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/api/articles/{article_id}", summary="One article: cleaned text with events and quotes marked")
    def article(request: Request, article_id: str):
        return answer(request, "article.html", lambda c: data.article(c, article_id), "no such article")

    # ---- ingest (the only write) ----------------------------------------------------
    @app.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
    def ingest_form(request: Request):
        return render("ingest.html", request, needs_token=app.state.writes_need_token,
                      writable=not app.state.writes_need_token or bool(app.state.token), result=None,
                      csrf=app.state.csrf)

    @app.post("/ingest", include_in_schema=False)
    async def ingest_page(request: Request):
        denied = _check_origin(request)
        if denied:
            return denied
        try:
            form = await request.form()
        except Exception as exc:  # a malformed multipart body
            return JSONResponse({"error": f"cannot read the form: {exc}"}, status_code=400)
        denied = _check_write(request, form.get("token"))
        if denied:
            return denied
        if not token_ok(form.get("csrf"), app.state.csrf):
            return JSONResponse({"error": "the form's CSRF token is missing or wrong: reload the ingest page and "
                                          "send it again"}, status_code=403)
        items = []
        text = form.get("text")
        text = text.strip() if isinstance(text, str) else ""
        if text:
            items.append(("pasted text", text))
        for f in form.getlist("files"):
            if hasattr(f, "read") and getattr(f, "filename", ""):
                items.append((Path(f.filename).name, await f.read()))
        published, bad = _published(form.get("published"))
        if bad:
            return error(request, bad, 400)
        result = await _run_job(request, items, published)
        if isinstance(result, Response):
            return result
        if _wants_json(request):
            return JSONResponse(result, status_code=200 if not result.get("error") else 409)
        return render("ingest.html", request, needs_token=app.state.writes_need_token, writable=True,
                      result=result, csrf=app.state.csrf)

    @app.post("/api/ingest", summary="Code and store one article given as JSON {text, published?, title?}; "
                                     "?wait=0 answers at once (202) with the job to follow at /api/jobs/{id}")
    async def ingest_api(request: Request):
        denied = _check_origin(request) or _check_write(request, None)
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
        published, bad = _published(body.get("published"))
        if bad:
            return JSONResponse({"error": bad}, status_code=400)
        result = await _run_job(request, [((source or "api")[:200], body["text"])], published)
        if isinstance(result, Response):
            return result
        return JSONResponse(result, status_code=200 if not result.get("error") else 409)

    @app.get("/jobs", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/api/jobs", summary="Ingest jobs, newest first: queued, running, done or failed, with their results")
    def jobs_page(request: Request):
        payload = {"jobs": jobs.listing()}
        if _wants_json(request):
            return JSONResponse(payload)
        return render("jobs.html", request, data=payload)

    @app.get("/api/jobs/{job_id}", summary="One ingest job: its status and, once done, its result")
    def job_status(job_id: str):
        job = jobs.get(job_id)
        if job is None:
            return JSONResponse({"error": "no such job"}, status_code=404)
        return JSONResponse(job.public())

    async def _run_job(request: Request, items, published):
        """Queue the ingest; wait for it without blocking the event loop (or, with ?wait=0,
        answer 202 with the job's address at once)."""
        import asyncio

        if not items:
            return {"error": "nothing to ingest: paste a text or choose files"}
        try:
            job = jobs.submit(items, published)
        except QueueFull as exc:
            return JSONResponse({"error": str(exc)}, status_code=503, headers={"Retry-After": "10"})
        if request.query_params.get("wait") in ("0", "false", "no"):
            return JSONResponse({"job": job.id, "status": job.status, "url": f"/api/jobs/{job.id}"}, status_code=202)
        return await asyncio.wrap_future(job.future)

    def _published(value) -> tuple[str | None, str | None]:
        """(the publication date given, or why it is refused)."""
        import datetime as dt

        if value in (None, ""):
            return None, None
        if not isinstance(value, str):
            return None, "published must be a date YYYY-MM-DD"
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat(), None
        except ValueError:
            return None, f"published must be a date YYYY-MM-DD, not {value[:40]!r}"

    def _check_origin(request: Request) -> Response | None:
        problem = origin_problem(request.headers, request.headers.get("host", ""), request.url.scheme)
        return JSONResponse({"error": problem}, status_code=403) if problem else None

    def _check_write(request: Request, form_token) -> Response | None:
        if not app.state.writes_need_token:
            return None
        if not app.state.token:
            return JSONResponse({"error": "writing is off: this server is not bound to localhost and has no token "
                                          "(start it with --token)"}, status_code=403)
        given = form_token
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if not token_ok(given, app.state.token):
            return JSONResponse({"error": "a valid token is needed to write"}, status_code=401)
        return None

    def _ingest(items: list[tuple[str, str | bytes]], published: str | None) -> dict:
        """Pasted text is read like a .txt file; uploads by their file name (html, jsonl, csv, txt)."""
        from ..run.ingest import ingest
        from ..readers import read_data, read_text
        from ..records import InputError
        from ..store import StoreLocked

        if not items:
            return {"error": "nothing to ingest: paste a text or choose files"}
        arts, errors = [], []
        for name, content in items:
            got = ([read_text(content, source=name, published=published)] if isinstance(content, str)
                   else read_data(content, name, published=published))
            for item in got:
                (errors if isinstance(item, InputError) else arts).append(item)
        try:
            report = ingest(arts, db, progress=False, gate=gate)
        except StoreLocked as exc:
            return {"error": str(exc)}
        return {"summary": report.summary(), "articles": [a.id for a in arts],
                "errors": [str(e) for e in errors + report.errors]}

    jobs = IngestJobs(_ingest)
    app.state.jobs = jobs

    # ---- assets and API index -----------------------------------------------------------
    @app.get("/static/{name:path}", include_in_schema=False)
    def static(name: str):
        if not name or any(ord(c) < 32 or c == "\\" for c in name) or len(name) > 200:
            return PlainTextResponse("not found", status_code=404)
        if name == "plotly.min.js":
            p = _plotly_js()
            if p is None:
                return PlainTextResponse("plotly is not installed", status_code=404)
            return Response(p.read_bytes(), media_type="application/javascript",
                            headers={"Cache-Control": "max-age=86400"})
        target = (STATIC / name).resolve()
        if STATIC.resolve() not in target.parents or not target.is_file():
            return PlainTextResponse("not found", status_code=404)
        media = {".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml"}.get(target.suffix,
                                                                                                 "text/plain")
        return Response(target.read_bytes(), media_type=media)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_index(request: Request):
        paths = app.openapi().get("paths", {})
        rows = [{"path": p, "method": m.upper(), "summary": op.get("summary", "")}
                for p, ops in sorted(paths.items()) for m, op in ops.items()]
        return render("api.html", request, rows=rows)

    app.add_middleware(BodyLimit, max_body=max_body or int(os.environ.get("TIDINGS_MAX_BODY", DEFAULT_MAX_BODY)))
    app.add_middleware(SecurityHeaders, hosts=allowed_hosts(host, hosts))  # outermost: every response
    return app


def with_param(query: dict, key: str, value, drop: tuple = ("after",)) -> str:
    """The current query string with `key` set to `value` (and a page cursor dropped)."""
    from urllib.parse import urlencode

    q = {k: v for k, v in query.items() if k != key and k not in drop and k != "format"}
    if value is not None:
        q[key] = value
    return urlencode(q)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.query_params.get("format") == "json"


def _csv(rows: list[dict]) -> Response:
    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0]), extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return Response(buf.getvalue(), media_type="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})
