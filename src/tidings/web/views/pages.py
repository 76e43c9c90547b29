"""The read-only pages and their JSON twins (/api/...): each renders the dict data.py builds."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .. import data
from ..site import site_of

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/overview", summary="Totals, events per quad class per month, top dyads and actors")
def overview(request: Request):
    return site_of(request).answer(request, "overview.html", data.overview)


@router.get("/events", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/events", summary="Events with filters, facets and keyset pagination (?format=csv for CSV)")
def events(request: Request):
    params = dict(request.query_params)
    return site_of(request).answer(request, "events.html", lambda c: data.events_page(c, params))


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/events/{event_id}", summary="One event: its mentions with highlighted sentences, copies")
def event(request: Request, event_id: str):
    return site_of(request).answer(request, "event.html", lambda c: data.event_detail(c, event_id), "no such event")


@router.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/dyad", summary="Dyad time series: counts per quad class, Goldstein sum and mean")
def dyad(request: Request):
    params = dict(request.query_params)
    return site_of(request).answer(request, "dyad.html", lambda c: data.dyad(c, params))


@router.get("/actors/{code}", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/actors/{code}", summary="One actor: activity over time and partners")
def actor(request: Request, code: str):
    params = dict(request.query_params)
    return site_of(request).answer(request, "actor.html", lambda c: data.actor(c, code, params))


@router.get("/network", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/network", summary="Actor network: edges weighted by count and mean Goldstein")
def network(request: Request):
    params = dict(request.query_params)
    return site_of(request).answer(request, "network.html", lambda c: data.network(c, params))


@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/articles", summary="Articles, newest first")
def articles(request: Request):
    params = dict(request.query_params)
    return site_of(request).answer(request, "articles.html", lambda c: data.articles_list(c, params))


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
@router.get("/api/articles/{article_id}", summary="One article: cleaned text with events and quotes marked")
def article(request: Request, article_id: str):
    return site_of(request).answer(request, "article.html", lambda c: data.article(c, article_id), "no such article")
