"""The FastAPI app: server-side pages, each with a JSON twin (/api/...), over the store.

Every page is rendered from the same dict its JSON twin returns (see data.py). The routes are
in views/ (pages, ingest, assets); what they share is the Site (site.py). Assets come from this
package (static/) and from the installed plotly package; nothing from a CDN.
"""

from __future__ import annotations

import functools
import os

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .jobs import IngestJobs
from .security import DEFAULT_MAX_BODY, SECURITY_HEADERS, BodyLimit, SecurityHeaders, allowed_hosts, is_local
from .site import Site
from .views import assets, ingest, pages


async def _crashed(request: Request, exc: Exception):
    # answered by the outermost layer, past the middleware: the headers go on here
    return JSONResponse(
        {"error": "internal error: the server log has the details"}, status_code=500, headers=SECURITY_HEADERS
    )


def create_app(
    db: str | os.PathLike | None = None,
    *,
    host: str = "127.0.0.1",
    token: str | None = None,
    max_body: int | None = None,
    hosts: tuple[str, ...] = (),
) -> FastAPI:
    """The web app for database `db`. Writing (ingest) is open on localhost; bound to any
    other address it needs `token` (given as `Authorization: Bearer TOKEN` or a `token`
    form field), and without a token writing is off.

    Requests must name this server in their Host header (its loopback names when bound to
    localhost, else `host` and `hosts`), so that a page elsewhere cannot reach it by DNS
    rebinding. Writes must come from this origin (Origin, Sec-Fetch-Site), forms must carry
    the page's CSRF token, and the JSON API takes only application/json. Ingest runs in a
    worker thread with a queue (IngestJobs), off the event loop."""
    from ..store import ProcessGate, default_db_path

    db = str(db or default_db_path())
    app = FastAPI(
        title="tidings",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        description="Event data from news: every page of the UI has a JSON twin under /api.",
    )
    site = Site(db, writes_need_token=not is_local(host), token=token, gate=ProcessGate())
    site.jobs = IngestJobs(functools.partial(ingest.ingest_items, site))
    app.state.site = site
    app.state.db = db
    app.state.gate = site.gate
    app.state.jobs = site.jobs
    app.add_exception_handler(Exception, _crashed)
    for module in (pages, ingest, assets):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, max_body=max_body or int(os.environ.get("TIDINGS_MAX_BODY", DEFAULT_MAX_BODY)))
    app.add_middleware(SecurityHeaders, hosts=allowed_hosts(host, hosts))  # outermost: every response
    return app
