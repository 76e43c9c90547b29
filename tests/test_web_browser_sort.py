"""The events page's sort in a real browser (Chromium through Playwright, as in
test_web_browser.py, whose server and page fixtures this uses): choosing an order sorts all
the events, and next/previous walk through them in that order."""

from __future__ import annotations

import json
import urllib.request

import pytest

from test_web_browser import page, server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _ids(pg) -> list[str]:
    return [r.get_attribute("data-id") for r in pg.locator("#events tbody tr").all()]


def _api_order(server_url: str, sort: str) -> list[str]:  # noqa: F811
    with urllib.request.urlopen(f"{server_url}/api/events?status=all&limit=500&sort={sort}", timeout=20) as r:
        return [e["id"] for e in json.load(r)["events"]]


@pytest.mark.parametrize("sort", ["goldstein", "mentions"])
def test_sorting_sorts_every_page_and_the_pager_keeps_the_order(server, page, sort):  # noqa: F811
    page.goto(server + "/events?status=all&limit=4")
    with page.expect_navigation():
        page.click(f"#sort-{sort}")
    assert f"sort={sort}" in page.url
    assert (
        page.inner_text("#order") == {"goldstein": "most conflictual first", "mentions": "most mentioned first"}[sort]
    )
    pages = [_ids(page)]
    while page.locator("#next").count():
        with page.expect_navigation():
            page.click("#next")
        assert f"sort={sort}" in page.url and "after=" in page.url
        pages.append(_ids(page))
    assert [i for p in pages for i in p] == _api_order(server, sort)  # all the events, in the query's order
    for expected in pages[-2::-1]:  # back to the first page, the same pages
        with page.expect_navigation():
            page.click("#prev")
        assert f"sort={sort}" in page.url and "before=" in page.url
        assert _ids(page) == expected
    assert page.locator("#prev").count() == 0
    assert not page.errors
