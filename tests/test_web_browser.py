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
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

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


# ---- issue 23, item 6: charts in a browser ---------------------------------------------------


def _tick_labels(page, chart: str) -> list[str]:
    return [t.strip() for t in page.locator(f"#{chart} .xtick text").all_text_contents()]


def test_a_dyad_with_one_period_has_a_date_axis(server, page):
    page.goto(server + "/dyad?source=USAGOV&target=FRA")
    page.wait_for_selector("#dyad-chart .main-svg", timeout=15000)
    for chart in ("dyad-chart", "goldstein-chart"):
        ticks = _tick_labels(page, chart)
        assert ticks, chart
        assert all(":" not in t and "." not in t for t in ticks), ticks  # no 23:59:59.9996
        assert any("2022" in t for t in ticks), ticks
    bars = [b.bounding_box() for b in page.locator("#dyad-chart g.point path").all()]
    assert any(b and b["width"] > 20 and b["height"] > 20 for b in bars), bars  # the one bar is seen
    assert not page.errors


def test_the_goldstein_axes_share_their_zero_line(server, page):
    page.goto(server + "/dyad?source=RUSGOV&target=UKRGOV")
    page.wait_for_selector("#goldstein-chart .main-svg", timeout=15000)
    y1, y2 = page.evaluate("""() => { const l = document.getElementById('goldstein-chart')._fullLayout;
                                       return [l.yaxis.l2p(0), l.yaxis2.l2p(0)]; }""")
    assert abs(y1 - y2) < 1, (y1, y2)


def test_without_javascript_the_chart_areas_show_tables(server, page):
    ctx = page.context.browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        pg = ctx.new_page()
        pg.goto(server + "/")
        assert pg.locator("#quad-chart table.chart-fallback").is_visible()
        assert pg.locator("#quad-chart table.chart-fallback tbody tr").count() >= 4
        pg.goto(server + "/dyad?source=RUSGOV&target=UKRGOV")
        assert pg.locator("#dyad-chart table.chart-fallback").is_visible()
        assert pg.locator("#goldstein-chart table.chart-fallback").is_visible()
    finally:
        ctx.close()


def test_with_javascript_the_chart_replaces_its_table(server, page):
    page.goto(server + "/")
    page.wait_for_selector("#quad-chart .main-svg", timeout=15000)
    assert page.locator("#quad-chart table.chart-fallback").count() == 0


LABELS_OVER_NODES = """() => {
  const svg = document.getElementById('network');
  const circles = [...svg.querySelectorAll('circle')].map(c => ({x: +c.getAttribute('cx'), y: +c.getAttribute('cy'),
                                                                  r: +c.getAttribute('r')}));
  const toSvg = svg.getScreenCTM().inverse(), bad = [];
  for (const t of svg.querySelectorAll('text')) {
    const b = t.getBBox(), m = toSvg.multiply(t.getScreenCTM());
    for (let i = 0; i <= 10; i++) for (let j = 0; j <= 4; j++) {
      const p = new DOMPoint(b.x + b.width * i / 10, b.y + b.height * j / 4).matrixTransform(m);
      for (const c of circles) if (Math.hypot(p.x - c.x, p.y - c.y) < c.r) bad.push(t.textContent);
    }
  }
  return [...new Set(bad)];
}"""


def test_network_labels_are_not_covered_by_nodes(server, page):
    page.goto(server + "/network")
    page.wait_for_selector("#network circle")
    assert page.evaluate(LABELS_OVER_NODES) == []
    assert page.locator("#network line[marker-end]").count() == page.locator("#edges tbody tr").count()
    assert page.locator("#network-legend").is_visible()


# ---- the guide's pictures ---------------------------------------------------------------------

DOC_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "img"
GUIDE_PAGES = [
    ("overview", "/", "#quad-chart .main-svg"),
    ("event", "/events/{event_1832}", "#sentence-0"),
    ("dyad", "/dyad?source=RUSGOV&target=UKRGOV", "#goldstein-chart .main-svg"),
    ("dyad-one-period", "/dyad?source=USAGOV&target=FRA", "#goldstein-chart .main-svg"),
    ("dyad-empty", "/dyad?source=NOR&target=SWE", "#no-events"),
    ("network", "/network", "#network circle"),
]


def test_guide_screenshots(server, page):
    """The pages docs/guide.md shows, drawn from the test database: into test-artifacts/, and
    into docs/img/ with TIDINGS_DOC_IMAGES=1 (look at them before committing)."""
    import json
    import urllib.request

    with urllib.request.urlopen(server + "/api/events?code=1832") as r:
        event_1832 = json.load(r)["events"][0]["id"]
    out = DOC_IMAGES if os.environ.get("TIDINGS_DOC_IMAGES") == "1" else ARTIFACTS
    out.mkdir(parents=True, exist_ok=True)
    for name, path, ready in GUIDE_PAGES:
        page.goto(server + path.format(event_1832=event_1832))
        page.wait_for_selector(ready, timeout=15000)
        page.wait_for_timeout(300)  # plotly's transitions
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    assert not page.errors


def test_event_dates_stay_on_one_line_and_pages_go_both_ways(server, page):
    page.set_viewport_size({"width": 760, "height": 900})
    try:
        page.goto(server + "/events?status=all&limit=4")
        lines = page.evaluate("""() => [...document.querySelectorAll('#events td.date')].map(td => {
            const r = document.createRange(); r.selectNodeContents(td);
            return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })""")
        assert lines and all(n == 1 for n in lines), lines  # was two lines: 2022-05- / 10
        assert page.inner_text("#total") == "14 events"
        first = page.locator("#events tbody tr").first.get_attribute("data-id")
        assert page.locator("#prev").count() == 0
        page.click("#next")
        page.wait_for_url("**after=*")
        assert page.locator("#events tbody tr").first.get_attribute("data-id") != first
        page.click("#prev")
        page.wait_for_url("**before=*")
        assert page.locator("#events tbody tr").first.get_attribute("data-id") == first
        assert page.locator("#prev").count() == 0  # back on the first page
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_ingest_form_in_a_browser_shows_what_was_coded(server, page):
    """Last in this file: it adds an article. A real browser's form POST (with this page's
    Origin and CSRF token) is accepted, and the result names the article and its events; it
    was refused while the pages sent Referrer-Policy: no-referrer (the browser then sends
    'Origin: null')."""
    page.goto(server + "/ingest")
    page.fill("textarea[name=text]", INGEST_EXAMPLE)
    page.fill("input[name=published]", "2023-03-04")
    page.click("#ingest-form button[type=submit]")
    page.wait_for_selector("#result-summary", timeout=120000)
    result = page.inner_text("#result")
    assert "Kenya and Ethiopia sign border trade pact" in result and "1 new" in result
    assert page.locator("#result table.coded-events tbody tr").count() >= 1
    out = DOC_IMAGES if os.environ.get("TIDINGS_DOC_IMAGES") == "1" else ARTIFACTS
    page.screenshot(path=str(out / "ingest-result.png"), full_page=True)
    assert not page.errors


INGEST_EXAMPLE = (
    "Kenya and Ethiopia sign border trade pact\n\nBy Example Wire\n\n"
    "NAIROBI, March 3 - Kenya and Ethiopia signed a border trade agreement on Friday, officials said. "
    "Kenyan police arrested ten protesters outside the venue."
)
