"""The web UI in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium).

Skips when Chromium or Playwright is missing; `.ci/run` installs Chromium so CI runs it.
Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

import webdata

CHROMIUM = os.environ.get("TIDINGS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    import uvicorn

    from tidings.web import create_app

    db = webdata.build(tmp_path_factory.mktemp("browser") / "web.duckdb")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        if time.time() > deadline:
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.errors = errors
        yield pg
        browser.close()


def test_overview_filter_dyad_open_event(server, page):
    page.goto(server + "/")
    page.wait_for_selector("#quad-chart .main-svg", timeout=15000)  # plotly drew the chart from local JS
    assert page.inner_text("#total-articles") == "6"
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)

    page.click("a[href='/events']")
    page.fill("#filters input[name=source]", "RUS")
    page.fill("#filters input[name=target]", "UKR")
    page.click("#apply")
    page.wait_for_url("**/events?*source=RUS*")
    rows = page.locator("#events tbody tr")
    assert rows.count() == 4
    page.screenshot(path=str(ARTIFACTS / "events-dyad.png"), full_page=True)

    page.click("#events a.event-link:text('190')")
    page.wait_for_selector("#sentence-0")
    assert page.inner_text("#sentence-0 mark.trigger") == "attacked"
    assert page.inner_text("#sentence-0 mark.source") == "Russian officials"
    assert page.inner_text("#sentence-0 mark.target") == "Ukrainian officials"
    page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)
    assert not page.errors


def test_dyad_chart_drills_down_to_events(server, page):
    page.goto(server + "/dyad?source=RUS&target=UKR")
    page.wait_for_selector("#dyad-chart .main-svg", timeout=15000)
    page.screenshot(path=str(ARTIFACTS / "dyad.png"), full_page=True)
    bars = page.locator("#dyad-chart g.point path")
    assert bars.count() >= 3
    tall = [b for b in bars.all() if (b.bounding_box() or {}).get("height", 0) > 3]
    assert tall, "no visible bar"
    box = tall[0].bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/events?*start=*", timeout=10000)
    assert page.locator("#events tbody tr").count() >= 1


def test_hostile_article_is_text_not_code(server, page):
    page.goto(server + "/articles/art-xss")
    page.wait_for_selector("#article-text")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert "<script>" in page.inner_text("#article-title")
    assert "onerror" in page.inner_text("#article-text")
    page.screenshot(path=str(ARTIFACTS / "article-xss.png"), full_page=True)
