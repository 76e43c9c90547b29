"""What every view needs: the database, the templates, and the ways to answer (a page, its
JSON twin, CSV, an error). One Site per app, at app.state.site."""

from __future__ import annotations

import csv
import io
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import data
from .security import csrf_token

if TYPE_CHECKING:
    from .jobs import IngestJobs

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"


class Site:
    """The database `db`, the reading gate shared with the ingest thread, the templates, and
    the write settings (token, CSRF secret)."""

    def __init__(self, db: str, *, writes_need_token: bool, token: str | None, gate) -> None:
        self.db = db
        self.writes_need_token = writes_need_token
        self.token = token
        self.gate = gate  # reads of the pages and the ingest thread's writes take turns on the file
        self.csrf = csrf_token(secrets.token_bytes(32))
        self.env = Environment(
            loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"], default=True)
        )
        self.env.globals.update(with_param=with_param)
        self.jobs: IngestJobs  # the ingest worker, set by create_app

    def conn(self):
        from ..store import NoDatabase, open_reader

        try:
            return open_reader(self.db)
        except NoDatabase:
            return None

    def render(self, name: str, request: Request, status: int = 200, **ctx) -> HTMLResponse:
        tpl = self.env.get_template(name)
        return HTMLResponse(
            tpl.render(request=request, path=request.url.path, query=dict(request.query_params), **ctx),
            status_code=status,
        )

    def error(self, request: Request, message: str, status: int) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        html = self.env.get_template("empty.html").render(
            request=request, path=request.url.path, query={}, message=message
        )
        return HTMLResponse(html, status_code=status)

    def answer(
        self, request: Request, template: str, build: Callable, status_missing: str | None = None, **extra
    ) -> Response:
        """Build the page's data; answer as HTML, or JSON when asked (?format=json or /api)."""
        with self.gate.reading():
            c = self.conn()
            if c is None:
                return self.error(request, f"no database at {self.db}: ingest articles first", 404)
            try:
                payload = build(c)
            except data.BadRequest as exc:
                return self.error(request, str(exc), 400)
            finally:
                c.close()
        if payload is None:
            return self.error(request, status_missing or "not found", 404)
        if request.query_params.get("format") == "csv" and "events" in payload:
            return csv_response(payload["events"])
        if wants_json(request):
            return JSONResponse(payload)
        return self.render(template, request, data=payload, **extra)


def site_of(request: Request) -> Site:
    return request.app.state.site


def with_param(query: dict, key: str, value, drop: tuple = ("after", "before")) -> str:
    """The current query string with `key` set to `value` (and the page cursors dropped)."""
    q = {k: v for k, v in query.items() if k != key and k not in drop and k != "format"}
    if value is not None:
        q[key] = value
    return urlencode(q)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.query_params.get("format") == "json"


def csv_response(rows: list[dict]) -> Response:
    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0]), extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return Response(
        buf.getvalue(), media_type="text/csv", headers={"Content-Disposition": 'attachment; filename="events.csv"'}
    )
