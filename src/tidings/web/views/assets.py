"""Static files (from this package, and plotly.js from the installed plotly package: never a
CDN) and the API index page."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from ..site import STATIC, site_of

router = APIRouter()

MEDIA = {".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml"}


def plotly_js() -> Path | None:
    try:
        import plotly

        p = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        return p if p.is_file() else None
    except ImportError:
        return None


@router.get("/static/{name:path}", include_in_schema=False)
def static(name: str):
    if not name or any(ord(c) < 32 or c == "\\" for c in name) or len(name) > 200:
        return PlainTextResponse("not found", status_code=404)
    if name == "plotly.min.js":
        p = plotly_js()
        if p is None:
            return PlainTextResponse("plotly is not installed", status_code=404)
        return Response(p.read_bytes(), media_type="application/javascript", headers={"Cache-Control": "max-age=86400"})
    target = (STATIC / name).resolve()
    if STATIC.resolve() not in target.parents or not target.is_file():
        return PlainTextResponse("not found", status_code=404)
    return Response(target.read_bytes(), media_type=MEDIA.get(target.suffix, "text/plain"))


@router.get("/api", response_class=HTMLResponse, include_in_schema=False)
def api_index(request: Request):
    paths = request.app.openapi().get("paths", {})
    rows = [
        {"path": p, "method": m.upper(), "summary": op.get("summary", "")}
        for p, ops in sorted(paths.items())
        for m, op in ops.items()
    ]
    return site_of(request).render("api.html", request, rows=rows)
