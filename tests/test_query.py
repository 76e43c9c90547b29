"""Queries: filters, keyset pages, dyad series, top actors, network files, SQL injection."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from click.testing import CliRunner

from storekit import coded, other_story, wire_copies
from tidings import query
from tidings.cli import main
from tidings.run.ingest import ingest
from tidings.store import open_reader, table_counts


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("q") / "q.duckdb")
    later = coded(
        "later",
        "Ukraine accused Russia of shelling villages in the east on Friday. "
        "Russian forces attacked positions near Donetsk, the army said.",
        [(0, "UKRGOV", "RUS", "112", "accused", "2022-01-14"), (1, "RUSMIL", "UKR", "190", "attacked", "2022-01-14")],
        published="2022-01-14",
    )
    ingest(wire_copies() + [other_story(), later], path, progress=False)
    return path


def test_default_filters_keep_asserted_events(db):
    df = query.events(db)
    assert set(df.status) == {"asserted"}
    assert set(query.events(db, status="all").status) == {"asserted", "negated", "hypothetical"}
    assert list(query.events(db, status=["negated"]).code) == ["138"]


def test_filters(db):
    assert set(query.events(db, actor="RUS").code) == {"036", "057", "112", "190"}
    assert set(query.events(db, source="RUS").code) == {"036", "057", "190"}
    assert set(query.events(db, target="RUS").code) == {"112"}
    assert set(query.events(db, source="RUSGOV").code) == {"036", "057"}  # full code
    assert set(query.events(db, source="RUSMIL", target="UKR").code) == {"190"}
    assert set(query.events(db, codes=["036", "190"]).code) == {"036", "190"}
    assert set(query.events(db, roots="05").code) == {"057", "051"}
    assert set(query.events(db, quad_classes=[4]).code) == {"190"}
    assert set(query.events(db, start="2022-01-01").code) == {"112", "190"}
    assert set(query.events(db, end=dt.date(2021, 12, 8)).code) == {"036", "057"}
    assert set(query.events(db, text="DONETSK").code) == {"190"}
    assert set(query.events(db, text="france").code) == {"057", "051"}  # actor name or sentence
    with pytest.raises(ValueError):
        query.events(db, start="yesterday")
    with pytest.raises(ValueError):
        query.events(db, status="rumoured")


def test_events_carry_counts(db):
    df = query.events(db, codes="036")
    assert df.iloc[0][["n_mentions", "n_articles", "n_sources"]].tolist() == [5, 5, 5]


def test_keyset_pagination_walks_every_event_once(db):
    seen, cursor, pages = [], None, 0
    while True:
        page, cursor = query.event_page(db, limit=2, status="all", after=cursor)
        seen += list(page.id)
        pages += 1
        assert page.sentence.notna().all() and {"title", "outlet", "url"} <= set(page.columns)
        if cursor is None:
            break
    all_ids = list(query.events(db, status="all").id)
    assert seen == all_ids and len(set(seen)) == len(seen)
    assert pages >= 4


def test_dyad_series(db):
    monthly = query.dyad_series(db, source="RUS", target="USA", status="all")
    assert list(monthly.columns) == [
        "period",
        "events",
        "q1",
        "q2",
        "q3",
        "q4",
        "goldstein_sum",
        "goldstein_mean",
        "mentions",
    ]
    assert len(monthly) == 1
    row = monthly.iloc[0]
    assert pd.Timestamp(row.period).date() == dt.date(2021, 12, 1)
    assert (row.events, row.q1) == (2, 2)
    assert row.goldstein_sum == pytest.approx(12.0) and row.goldstein_mean == pytest.approx(6.0)
    both = query.dyad_series(db, source="RUS", target="USA", status="all", directed=False)
    assert both.iloc[0].events == 3 and both.iloc[0].q4 == 1  # the US warning (172) counts too
    daily = query.dyad_series(db, actor="UKR", freq="day")
    assert [pd.Timestamp(p).date() for p in daily.period] == [dt.date(2022, 1, 14)]
    weekly = query.dyad_series(db, freq="week")
    assert weekly.events.sum() == len(query.events(db))
    with pytest.raises(ValueError):
        query.dyad_series(db, freq="fortnight")


def test_top_actors_and_network(db, tmp_path):
    top = query.top_actors(db, by="country", status="all")
    assert top.iloc[0].actor == "RUS" and top.iloc[0].events == 6
    assert query.top_actors(db, role="target", by="code").actor.tolist()[0] == "USAGOV"
    edges = query.network(db, by="country", status="all")
    rus_usa = edges[(edges.source == "RUS") & (edges.target == "USA")].iloc[0]
    assert rus_usa.weight == 2 and rus_usa.goldstein_mean == pytest.approx(6.0)
    assert query.network(db, by="country", status="all", min_count=2).shape[0] == 2  # RUS-USA, RUS-UKR

    gexf, graphml = tmp_path / "n.gexf", tmp_path / "n.graphml"
    from tidings.query.networks import write_gexf, write_graphml

    write_gexf(edges, gexf)
    write_graphml(edges, graphml)
    g = ET.parse(gexf).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    assert len(g.findall(".//g:edge", ns)) == len(edges)
    e = next(x for x in g.findall(".//g:edge", ns) if x.get("source") == "RUS" and x.get("target") == "USA")
    assert e.get("weight") == "2"
    m = ET.parse(graphml).getroot()
    ns = {"m": "http://graphml.graphdrawing.org/xmlns"}
    nodes = {n.get("id") for n in m.findall(".//m:node", ns)}
    assert nodes == set(edges.source) | set(edges.target)


INJECTIONS = [
    "RUS' OR '1'='1",
    "'; DROP TABLE events; --",
    "036') OR 1=1 --",
    "%",
    "_",
    "\\",
    '" OR ""="',
    "2021-12-01'; DELETE FROM articles; --",
]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_sql_injection_strings_are_harmless(db, evil):
    before = table_counts(open_reader(db))
    assert query.events(db, actor=evil, status="all").empty
    assert query.events(db, source=evil, target=evil).empty
    assert query.events(db, codes=[evil]).empty and query.events(db, roots=[evil]).empty
    assert query.events(db, text=evil).empty
    assert query.dyad_series(db, source=evil).empty
    assert query.top_actors(db, actor=evil).empty
    assert query.network(db, actor=evil).empty
    with pytest.raises(ValueError):
        query.events(db, start=evil)
    with pytest.raises(ValueError):
        query.events(db, status=evil)
    with pytest.raises(ValueError):
        query.dyad_series(db, freq=evil)
    conn = open_reader(db)
    assert table_counts(conn) == before
    conn.close()


def test_query_commands(db, tmp_path):
    r = CliRunner().invoke(main, ["query", "events", "--db", db, "--actor", "RUS", "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert len(pd.read_csv(__import__("io").StringIO(r.stdout))) == 4
    r = CliRunner().invoke(main, ["query", "events", "--db", db, "--limit", "1", "--format", "jsonl"])
    assert r.exit_code == 0 and "next page: --after" in r.stderr
    cursor = r.stderr.split("--after ")[1].split()[0]
    r2 = CliRunner().invoke(
        main, ["query", "events", "--db", db, "--limit", "1", "--format", "jsonl", "--after", cursor]
    )
    assert r2.exit_code == 0 and r2.stdout != r.stdout
    r = CliRunner().invoke(
        main, ["query", "dyad", "--db", db, "--source", "RUS", "--target", "USA", "--freq", "month", "--format", "csv"]
    )
    assert r.exit_code == 0 and r.stdout.splitlines()[1].startswith("2021-12-01,2,2,0,0,0")
    r = CliRunner().invoke(main, ["query", "actors", "--db", db, "--by", "country"])
    assert r.exit_code == 0 and "RUS" in r.stdout
    out = tmp_path / "net.graphml"
    r = CliRunner().invoke(main, ["query", "network", "--db", db, "-o", str(out)])
    assert r.exit_code == 0 and ET.parse(out).getroot() is not None
    r = CliRunner().invoke(main, ["query", "events", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code != 0 and "no database at" in r.output


def test_pagination_reaches_undated_events(tmp_path):
    path = str(tmp_path / "u.duckdb")
    dated = other_story()
    undated = coded(
        "nodate",
        "Officials in Kyiv said talks with Moscow would resume. Russia did not comment on the report.",
        [(0, "UKRGOV", "RUS", "036", "would resume"), (1, "RUS", None, "010", "comment")],
        published=None,
    )
    ingest([dated, undated], path, progress=False)
    seen, cursor = [], None
    while True:
        page, cursor = query.event_page(path, limit=1, status="all", after=cursor)
        seen += list(page.id)
        if cursor is None:
            break
    assert len(seen) == 4 == len(set(seen))
    assert query.events(path, status="all").date.isna().sum() == 2


def test_event_mentions_article_and_quotes(db):
    eid = query.events(db, codes="036").id.iloc[0]
    ms = query.event_mentions(db, eid)
    assert len(ms) == 5 and set(ms.outlet) == {"reuters", "guardian", "dw", "times", "ap"}
    assert all("Russian President Vladimir Putin" in s for s in ms.sentence_text)
    art = query.article(db, "other-1")
    assert art["title"] == "China, France sign trade deal" and art["versions"] == 0
    assert sorted(art["events"].code) == ["051", "057"] and len(art["quotes"]) == 1
    assert query.article(db, "no-such-article") is None
    q = query.quotes(db, speaker="CHN")
    assert list(q.text) == ["more contracts would follow"]
    assert query.quotes(db, speaker="'; DROP TABLE quotes; --").empty
    assert len(query.quotes(db, text="CONTRACTS")) == 1


def test_stories(db):
    st = query.stories(db, min_articles=2)
    assert len(st) == 1
    row = st.iloc[0]
    assert (row.n_articles, row.n_sources, row.n_events) == (5, 5, 4)
    assert set(row.outlets.split("; ")) == {"reuters", "guardian", "dw", "times", "ap"}
    assert len(query.stories(db)) == 3
    r = CliRunner().invoke(main, ["query", "stories", "--db", db, "--format", "csv"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2


def test_min_confidence(db):
    assert len(query.events(db, min_confidence=0.5)) == len(query.events(db))  # storekit events: 0.9
    assert query.events(db, min_confidence=0.95).empty
    r = CliRunner().invoke(main, ["query", "events", "--db", db, "--min-confidence", "0.95", "--format", "csv"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) <= 1


def test_quotes_command(db):
    r = CliRunner().invoke(main, ["query", "quotes", "--db", db, "--speaker", "CHN", "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert "more contracts would follow" in r.stdout and len(r.stdout.splitlines()) == 2
    r = CliRunner().invoke(main, ["query", "quotes", "--db", db])
    assert r.exit_code == 0, r.output
    assert "Chinese officials" in r.stdout or "CHNGOV" in r.stdout
