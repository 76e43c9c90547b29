"""What the web pages show, read straight from the data layer on the small web database
(tests/webdata.py; issue 25: mutation testing of web/data.py). The page tests in test_web.py
go through HTTP and the templates; these pin the dicts the pages and their JSON twins are made
from: which part of a sentence is highlighted as what, the paragraph around it, the copies of a
story, the article's quotes and events, and the parameters of the dyad, actor and network pages."""

from __future__ import annotations

import pytest

import webdata
from tidings.query import connection
from tidings.web import data


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return webdata.build(tmp_path_factory.mktemp("webdata") / "web.duckdb")


@pytest.fixture
def conn(db):
    with connection(db) as c:
        yield c


def event_id(conn, code, source):
    rows = data.events_page(conn, {"status": "all", "limit": "100"})["events"]
    (e,) = [e for e in rows if e["code"] == code and e["source_code"] == source]
    return e["id"]


def highlighted(segments, kind):
    return "".join(s["text"] for s in segments if kind in s["classes"])


def test_event_page_highlights_trigger_source_and_target_in_their_sentence(conn):
    detail = data.event_detail(conn, event_id(conn, "043", "RUS"))
    ev = detail["event"]
    assert (ev["code_name"], ev["root_name"], ev["quad_name"]) == (
        data.event_name("043"),
        data.root_name("04"),
        "verbal cooperation",
    )
    assert (ev["source_code_name"], ev["target_code_name"]) == (data.actor_name("RUS"), data.actor_name("USA"))
    (m,) = detail["mentions"]
    s0 = m["sentence_start"]
    sentence = webdata.XSS_TEXT[s0 : m["sentence_end"]]
    assert sentence.startswith("Russia and the United States held talks")
    assert "".join(s["text"] for s in m["segments"]) == sentence
    for kind in ("trigger", "source", "target"):
        assert highlighted(m["segments"], kind) == sentence[m[f"{kind}_start"] - s0 : m[f"{kind}_end"] - s0], kind
    assert highlighted(m["segments"], "source") == "Russia"
    # the whole first paragraph, markup and all (the template escapes it)
    assert m["paragraph"] == webdata.XSS_TEXT.split("\n\n")[0]
    assert "article_text" not in m
    assert detail["copies"] == [
        {"id": "art-xss", "title": webdata.XSS_TITLE, "outlet": "Example Wire", "url": None, "published": "2022-01-10"}
    ]


def test_a_mention_without_a_stored_sentence_shows_nothing_highlighted(conn):
    detail = data.event_detail(conn, event_id(conn, "036", "RUS"))
    (m,) = detail["mentions"]
    assert m["sentence_start"] is None and m["segments"] == [] and m["paragraph"] == ""
    assert detail["event"]["status"] == "future"
    assert data.event_detail(conn, "no-such-event") is None


def test_a_later_sentence_is_highlighted_relative_to_its_own_start(conn):
    detail = data.event_detail(conn, event_id(conn, "1832", "SYRREB"))
    (m,) = detail["mentions"]
    s0 = m["sentence_start"]
    assert s0 > 0
    sentence = webdata.FR_TEXT[s0 : m["sentence_end"]]
    assert highlighted(m["segments"], "trigger") == "car bomb"
    assert highlighted(m["segments"], "source") == "Syrian rebels"
    assert highlighted(m["segments"], "target") == "Syrian troops"
    assert "".join(s["text"] for s in m["segments"]) == sentence
    assert m["paragraph"] == webdata.FR_TEXT  # one paragraph


def test_article_page_quotes_events_and_highlights(conn):
    page = data.article(conn, "art-xss")
    art = page["article"]
    assert "text" not in art and art["id"] == "art-xss" and art["title"] == webdata.XSS_TITLE
    assert art["removed"] == ["Read more: something else"]
    text = webdata.XSS_TEXT
    assert "".join(s["text"] for s in page["segments"]) == text
    q0, q1 = text.index("We will"), text.index("again,") + 6
    assert highlighted(page["segments"], "quote") == text[q0:q1]
    assert page["quotes"] == [
        {
            "speaker": "the Russian envoy",
            "speaker_code": "RUSGOV",
            "text": "We will meet again,",
            "kind": "direct",
            "cue": "said",
            "start": q0,
            "end": q1,
        }
    ]
    meet = [e for e in page["events"] if e["code"] == "036"]
    assert meet == [
        {
            "id": event_id(conn, "036", "RUS"),
            "trigger": "meet",
            "start": text.index("meet"),
            "end": text.index("meet") + 4,
            "code": "036",
            "code_name": data.event_name("036"),
            "status": "future",
            "source": "RUS",
            "target": "USA",
            "source_name": data.actor_name("RUS"),
            "target_name": data.actor_name("USA"),
            "date": "2022-01-10",
        }
    ]
    both = [s for s in page["segments"] if s["classes"] == ["quote", "trigger"]]
    assert [s["text"] for s in both] == ["meet"]
    assert data.article(conn, "no-such-article") is None


def test_articles_list_is_limited(conn):
    assert len(data.articles_list(conn, {})["articles"]) == 6
    assert len(data.articles_list(conn, {"limit": "2"})["articles"]) == 2
    assert len(data.articles_list(conn, {"limit": "0"})["articles"]) == 1


def test_dyad_page_directed_or_both_ways(conn):
    def events(params):
        page = data.dyad(conn, {"source": "RUS", "target": "USA"} | params)
        return page["directed"], sum(r["events"] for r in page["series"])

    assert events({}) == (True, 1)
    assert events({"directed": "1"}) == (True, 1)
    for no in ("0", "false", "no"):
        assert events({"directed": no}) == (False, 2), no
    by = {
        freq: len(data.dyad(conn, {"source": "RUSGOV", "target": "UKRGOV", "freq": freq})["series"])
        for freq in ("month", "year")
    }
    assert by == {"month": 3, "year": 1}  # February, March (two events), April 2022
    page = data.dyad(conn, {"source": "RUS", "target": "USA", "freq": "year"})
    assert page["freq"] == "year" and page["filters"] == {"source": "RUS", "target": "USA"}
    assert (page["source_name"], page["target_name"]) == (data.actor_name("RUS"), data.actor_name("USA"))
    assert page["goldstein_axes"] == data.zero_aligned_ranges(
        [r["goldstein_sum"] for r in page["series"]], [r["goldstein_mean"] for r in page["series"]]
    )


def test_actor_page_code_and_dates(conn):
    page = data.actor(conn, " rusgov ", {})
    assert page["code"] == "RUSGOV" and page["name"] == data.actor_name("RUSGOV")
    assert sum(r["events"] for r in page["series"]) == 4
    assert data.actor(conn, "A" * 40, {})["code"] == "A" * 40
    spring = data.actor(conn, "RUSGOV", {"start": "2022-03-01", "end": "2022-03-31"})
    assert sum(r["events"] for r in spring["series"]) == 2
    later = data.actor(conn, "RUSGOV", {"start": "2022-03-01"})
    assert sum(r["events"] for r in later["series"]) == 3
    earlier = data.actor(conn, "RUSGOV", {"end": "2022-03-01"})
    assert sum(r["events"] for r in earlier["series"]) == 1
    assert (
        all(
            p["source_name"] == data.actor_name(p["source"]) and p["target_name"] == data.actor_name(p["target"])
            for p in page["partners"]
        )
        and page["partners"]
    )


def test_network_page_by_country_or_code(conn):
    for by in ("country", "code"):
        page = data.network(conn, {"by": by} if by == "code" else {})
        assert page["by"] == by and page["filters"] == {}
        edges, nodes = page["edges"], page["nodes"]
        assert edges and all(e["source"] in nodes and e["target"] in nodes for e in edges)
        for n, node in nodes.items():  # a node's events: the weights of the edges that touch it
            assert node["events"] == sum(e["weight"] for e in edges if e["source"] == n) + sum(
                e["weight"] for e in edges if e["target"] == n
            ), n
        assert all(
            e["source_name"] == data.actor_name(e["source"]) and e["target_name"] == data.actor_name(e["target"])
            for e in edges
        )
    assert "RUSGOV" in data.network(conn, {"by": "code"})["nodes"]
    assert "RUSGOV" not in data.network(conn, {})["nodes"] and "RUS" in data.network(conn, {})["nodes"]
    assert data.network(conn, {"quad": "4"})["filters"] == {"quad": "4"}
