"""The web app against hostile requests (issue 24, items 2, 4 and 9): no page elsewhere writes
to a local server, ingest does not block other requests, bad parameters get 400 with the
reason, every response carries the security headers."""

from __future__ import annotations

import json
import re
import socket
import threading
import time

import pytest
from fastapi.testclient import TestClient

import webdata
from tidings.web import create_app
from tidings.web.security import SECURITY_HEADERS, allowed_hosts, host_name

LOCAL = "http://127.0.0.1"
ARTICLE = (
    "Kenya and Ethiopia sign border trade pact\n\nBy Example Wire\n\n"
    "NAIROBI, March 3 - Kenya and Ethiopia signed a border trade agreement on Friday, officials said."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return webdata.build(tmp_path_factory.mktemp("web") / "hostile.duckdb")


@pytest.fixture()
def client(db):
    return TestClient(create_app(db), base_url=LOCAL)


def csrf(c) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', c.get("/ingest").text).group(1)


@pytest.fixture()
def quick_ingest(monkeypatch):
    """Ingest without the NLP: what is stored is recorded, so that the tests see which writes got through."""
    import tidings.run.ingest as ingest_mod

    stored = []
    real = ingest_mod.ingest

    def fake(items, db=None, **kw):
        items = list(items)
        stored.extend(getattr(a, "text", a) for a in items)
        if getattr(fake, "pause", 0):
            time.sleep(fake.pause)
        return real([], db, progress=False, gate=kw.get("gate"))

    monkeypatch.setattr(ingest_mod, "ingest", fake)
    fake.stored = stored
    return fake


# ---- 2. no page elsewhere writes to the database ---------------------------------------------


def test_a_cross_origin_json_post_is_refused_and_a_same_origin_one_works(client, quick_ingest):
    body = json.dumps({"text": ARTICLE})
    r = client.post(
        "/api/ingest", content=body, headers={"content-type": "application/json", "origin": "http://evil.example"}
    )
    assert r.status_code == 403 and "cross-origin" in r.json()["error"]
    r = client.post(
        "/api/ingest",
        content=body,
        headers={"content-type": "application/json", "origin": LOCAL, "sec-fetch-site": "same-origin"},
    )
    assert r.status_code == 200, r.text
    assert quick_ingest.stored and "Kenya and Ethiopia signed" in quick_ingest.stored[0]


def test_a_cross_site_form_post_is_refused(client, quick_ingest):
    token = csrf(client)
    r = client.post(
        "/ingest",
        data={"text": ARTICLE, "csrf": token},
        headers={"origin": "http://evil.example", "sec-fetch-site": "cross-site"},
    )
    assert r.status_code == 403
    r = client.post("/ingest", data={"text": ARTICLE, "csrf": token}, headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403
    # a form without the page's token (a page elsewhere cannot read it) is refused too
    r = client.post("/ingest", data={"text": ARTICLE}, headers={"origin": LOCAL})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]
    r = client.post("/ingest?format=json", data={"text": ARTICLE, "csrf": "0" * 32}, headers={"origin": LOCAL})
    assert r.status_code == 403
    assert not quick_ingest.stored
    r = client.post(
        "/ingest?format=json",
        data={"text": ARTICLE, "csrf": token},
        headers={"origin": LOCAL, "sec-fetch-site": "same-origin"},
    )
    assert r.status_code == 200 and quick_ingest.stored


def test_the_json_api_takes_only_application_json(client, quick_ingest):
    body = json.dumps({"text": ARTICLE})
    for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
        r = client.post("/api/ingest", content=body, headers={"content-type": ctype})
        assert r.status_code == 415, ctype
    assert not quick_ingest.stored


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil"])
def test_a_rebound_host_name_is_refused(client, host):
    r = client.get("/api/overview", headers={"host": host})
    assert r.status_code == 400 and "unknown Host" in r.json()["error"]
    assert r.headers["x-frame-options"] == "DENY"
    r = client.post("/api/ingest", json={"text": ARTICLE}, headers={"host": host})
    assert r.status_code == 400


def test_the_loopback_names_are_answered(client):
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"):
        assert client.get("/api/overview", headers={"host": host}).status_code == 200, host


def test_host_rules():
    assert host_name("[::1]:8000") == "::1" and host_name("Example.ORG:80") == "example.org"
    assert allowed_hosts("0.0.0.0") is None  # every interface, no names given: any Host (writes need the token)
    assert allowed_hosts("0.0.0.0", ["events.example.org"]) == {"events.example.org"}
    assert "10.0.0.5" in allowed_hosts("10.0.0.5")


# ---- 4. ingest runs off the event loop --------------------------------------------------------


def test_other_requests_are_answered_while_an_ingest_runs(db, quick_ingest):
    import httpx
    import uvicorn

    quick_ingest.pause = 3.0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    try:
        while not server.started:
            time.sleep(0.02)
        base = f"http://127.0.0.1:{port}"
        done = {}

        def post():
            done["r"] = httpx.post(base + "/api/ingest", json={"text": ARTICLE}, timeout=30)

        t = threading.Thread(target=post)
        t.start()
        time.sleep(0.5)  # the ingest is running now
        lat = []
        for _ in range(5):
            t0 = time.perf_counter()
            assert httpx.get(base + "/api/overview", timeout=30).status_code == 200
            lat.append(time.perf_counter() - t0)
        jobs = httpx.get(base + "/api/jobs", timeout=30).json()["jobs"]
        assert jobs and jobs[0]["status"] == "running"
        t.join()
        assert done["r"].status_code == 200
        assert max(lat) < 1.0, lat
        job = httpx.get(base + f"/api/jobs/{jobs[0]['id']}", timeout=30).json()
        assert job["status"] == "done" and "summary" in job["result"]
        r = httpx.post(base + "/api/ingest?wait=0", json={"text": ARTICLE}, timeout=30)
        assert r.status_code == 202 and r.json()["url"].startswith("/api/jobs/")
        assert "Ingest jobs" in httpx.get(base + "/jobs", timeout=30).text
    finally:
        server.should_exit = True


# ---- 9. 400 with the reason, never 500; headers on every response -------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/dyad?freq=bogus",
        "/api/actors/RUS?freq=bogus",
        "/api/events?start=notadate",
        "/api/events?start=2022-99-99",
        "/api/actors/RUS?start=2022-99-99",
        "/api/network?end=2022-13-01",
        "/api/events?after=notadate~x",
        "/api/events?limit=ten",
        "/api/events?quad=9",
    ],
)
def test_bad_parameters_are_400_with_the_reason(client, url):
    r = client.get(url)
    assert r.status_code == 400, (url, r.status_code, r.text)
    assert r.json()["error"]
    assert r.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]


def test_deeply_nested_json_is_400(client, quick_ingest):
    body = "[" * 100_000 + "]" * 100_000
    r = client.post("/api/ingest", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400
    r = client.post("/api/ingest", json={"text": ARTICLE, "published": "2022-99-99"})
    assert r.status_code == 400 and "published" in r.json()["error"]
    r = client.post("/api/ingest", json={"text": ARTICLE, "source": ["a"]})
    assert r.status_code == 400


def test_a_chunked_body_over_the_limit_is_413_with_the_headers(db):
    c = TestClient(create_app(db, max_body=1000), base_url=LOCAL)

    def chunks():
        for _ in range(50):
            yield b"x" * 100

    r = c.post("/api/ingest", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and "limit" in r.json()["error"]
    assert r.headers["x-content-type-options"] == "nosniff"
    r = c.post("/api/ingest", content=b"x" * 5000, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.headers["x-frame-options"] == "DENY"


def test_a_nul_in_a_static_path_is_404(client):
    for p in ("/static/app.css%00.js", "/static/%00", "/static/app%01.css"):
        r = client.get(p)
        assert r.status_code == 404, p


def test_a_crash_is_a_500_with_the_headers_and_no_traceback(db, monkeypatch):
    from tidings.web import data

    def boom(conn):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(data, "overview", boom)
    c = TestClient(create_app(db), base_url=LOCAL, raise_server_exceptions=False)
    r = c.get("/api/overview")
    assert r.status_code == 500 and "secret" not in r.text
    for k, v in SECURITY_HEADERS.items():
        assert r.headers[k] == v


def test_undated_events_are_null_not_nat(tmp_path):
    from dataclasses import replace

    from tidings.run.ingest import ingest

    items = webdata.articles()
    first = items[0]
    undated = replace(
        first,
        article=replace(first.article, id="undated", published=None, text=first.article.text + " Undated."),
        events=tuple(replace(e, date=None) for e in first.events),
    )
    db = str(tmp_path / "nat.duckdb")
    ingest([undated], db, progress=False)
    c = TestClient(create_app(db), base_url=LOCAL)
    r = c.get("/api/events?status=all")
    assert r.status_code == 200
    dates = [e["date"] for e in r.json()["events"]]
    assert dates and all(d is None for d in dates) and "NaT" not in r.text


@pytest.mark.slow
def test_a_real_upload_is_stored_while_pages_are_being_read(tmp_path):
    """Reads (read-only connections) and the ingest thread's writes take turns on the file: DuckDB
    refuses a read-write connection in a process that holds a read-only one."""
    import httpx
    import uvicorn

    db = webdata.build(tmp_path / "busy.duckdb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    stop = threading.Event()
    failures = []

    def reader():
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as c:
            while not stop.is_set():
                r = c.get("/api/overview")
                if r.status_code != 200:
                    failures.append(r.status_code)

    try:
        while not server.started:
            time.sleep(0.02)
        readers = [threading.Thread(target=reader) for _ in range(4)]
        for t in readers:
            t.start()
        text = ARTICLE + "\n\n" + " ".join(f"Kenya and Ethiopia held talks on trade in round {i}." for i in range(40))
        r = httpx.post(
            f"http://127.0.0.1:{port}/api/ingest", json={"text": text, "published": "2023-03-04"}, timeout=300
        )
        stop.set()
        for t in readers:
            t.join()
        assert r.status_code == 200, r.text
        assert "1 new" in r.json()["summary"]
        assert not failures
    finally:
        stop.set()
        server.should_exit = True
