"""The events page sorts all the events, not the page shown (issue 23, leftover 5): the order
(date, goldstein, mentions) is the query's (query.event_page, keyset pagination on the sort
value and the id), and previous/next keep it. Before, the page of the newest events was
fetched and then sorted on its own, so page 2 of "goldstein" could hold a more conflictual
event than page 1."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from storekit import coded
from tidings import query
from tidings.run.ingest import ingest
from tidings.web import create_app

import webdata

SORTS = ("date", "goldstein", "mentions")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = webdata.build(tmp_path_factory.mktemp("websort") / "web.duckdb")
    return TestClient(create_app(db), base_url="http://127.0.0.1")


def _key(sort: str, e: dict):
    """The order of a sort, ties by id (newest id first), rows without a value last."""
    value = {"date": e["date"], "goldstein": e["goldstein"], "mentions": e["n_mentions"]}[sort]
    inverted = "".join(chr(0x10FFFF - ord(c)) for c in e["id"])  # id descending
    if value is None:
        return (1, 0, inverted)
    if sort == "date":
        return (0, -int(str(value)[:10].replace("-", "")), inverted)
    return (0, value if sort == "goldstein" else -value, inverted)


def _walk(client, sort: str, limit: int) -> list[list[str]]:
    pages, params = [], {"sort": sort, "status": "all", "limit": limit}
    while True:
        page = client.get("/api/events", params=params).json()
        pages.append([e["id"] for e in page["events"]])
        if not page["next"]:
            return pages
        params = {"sort": sort, "status": "all", "limit": limit, "after": page["next"]}


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("limit", [2, 3, 5])
def test_pages_of_a_sort_are_all_the_events_in_that_order(client, sort, limit):
    everything = client.get("/api/events", params={"sort": sort, "status": "all", "limit": 500}).json()["events"]
    assert len(everything) == 14
    assert [e["id"] for e in everything] == [e["id"] for e in sorted(everything, key=lambda e: _key(sort, e))]
    pages = _walk(client, sort, limit)
    assert [i for page in pages for i in page] == [e["id"] for e in everything]


@pytest.mark.parametrize("sort", SORTS)
def test_previous_walks_back_through_the_same_pages(client, sort):
    forward = _walk(client, sort, 3)
    params = {"sort": sort, "status": "all", "limit": 3}
    for _ in forward[:-1]:  # to the last page
        params["after"] = client.get("/api/events", params=params).json()["next"]
    back = []
    while True:
        page = client.get("/api/events", params=params).json()
        back.append([e["id"] for e in page["events"]])
        if not page["previous"]:
            break
        params = {"sort": sort, "status": "all", "limit": 3, "before": page["previous"]}
    assert back == forward[::-1]


def test_the_html_page_keeps_its_sort_in_previous_and_next(client):
    html = client.get("/events", params={"sort": "goldstein", "status": "all", "limit": 3}).text
    assert '<span id="order">most conflictual first</span>' in html
    assert '<b class="sort" id="sort-goldstein">goldstein</b>' in html
    shown = [float(v) for v in re.findall(r'<td class="goldstein">([^<]*)</td>', html)]
    assert shown == [-10.0, -10.0, -5.0]  # the sort key is on the page, the most conflictual of all first
    nxt = html.split('id="next" href="/events?', 1)[1].split('"', 1)[0]
    assert "sort=goldstein" in nxt and "after=" in nxt
    page2 = client.get("/events?" + nxt.replace("&amp;", "&")).text
    prev = page2.split('id="prev" href="/events?', 1)[1].split('"', 1)[0]
    assert "sort=goldstein" in prev and "before=" in prev
    # choosing another order starts at its first page (a cursor of one order means nothing in another)
    link = page2.split('id="sort-mentions" href="/events?', 1)[1].split('"', 1)[0]
    assert "sort=mentions" in link and "after=" not in link and "before=" not in link


def test_a_cursor_of_another_order_is_refused(client):
    r = client.get("/api/events", params={"sort": "mentions", "after": "2022-01-10~abc"})
    assert r.status_code == 400 and "cursor" in r.text
    r = client.get("/api/events", params={"sort": "goldstein", "after": "-2.5~abc"})
    assert r.status_code == 200


def test_undated_events_and_ties_page_in_every_order(tmp_path):
    specs = [(0, "ARL", "BEL", "190", "shelled", None), (1, "BEL", "ARL", "112", "accused", "2022-02-02")]
    specs += [(2, "ARL", "BEL", "112", "blamed", None), (3, "BEL", "ARL", "190", "bombed", "2022-02-03")]
    text = "Arland shelled Belmark. Belmark accused Arland. Arland blamed Belmark. Belmark bombed Arland."
    db = str(tmp_path / "u.duckdb")
    ingest([coded("u1", text, specs, published=None)], db, progress=False)
    for sort in SORTS:
        whole, _ = query.event_page(db, limit=10, status="all", sort=sort)
        seen, cursor = [], None
        while True:
            page, cursor = query.event_page(db, limit=1, status="all", sort=sort, after=cursor)
            seen += list(page["id"])
            if cursor is None:
                break
        assert seen == list(whole["id"]), sort
        if sort == "date":
            assert list(whole["date"].isna()) == [False, False, True, True]
    with pytest.raises(ValueError, match="sort must be one of"):
        query.event_page(db, sort="random")
