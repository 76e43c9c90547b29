"""One source of truth (issue 23, item 3): an article coded by `tidings code --format jsonl`,
then ingested and read back from the store, `tidings query events` and `tidings export`,
shows the same value for every event field (dates included)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.store import open_reader

ARTICLE = {
    "id": "truth-1",
    "title": "Talks in Minsk",
    "publishedAt": "2021-12-14T09:30:00Z",
    "source": {"name": "Example Wire"},
    "link": "https://example.org/truth-1",
    "content": (
        "Russia and Ukraine held talks in Minsk on Sunday. Russian President Vladimir Putin met Ukrainian "
        "President Volodymyr Zelensky for three hours. On Friday, Russia accused Ukraine of shelling Donetsk. "
        "Ukraine did not attack Russian positions, the army said. "
        "The European Union imposed new sanctions on Belarus on Monday."
    ),
}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(the events `code` printed, the database the same file was ingested into)."""
    tmp = tmp_path_factory.mktemp("truth")
    (tmp / "news.json").write_text(json.dumps([ARTICLE]), encoding="utf-8")
    r = CliRunner().invoke(main, ["code", str(tmp / "news.json"), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    [coded] = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    db = str(tmp / "e.duckdb")
    r = CliRunner().invoke(main, ["ingest", str(tmp / "news.json"), "--db", db, "--no-progress"])
    assert r.exit_code == 0, r.output
    assert len(coded["events"]) >= 3 and {e["status"] for e in coded["events"]} >= {"asserted", "negated"}
    return coded, db


def _stored(db):
    conn = open_reader(db)
    try:
        cur = conn.execute(
            """SELECT m.coder_event_id, e.id AS event_id, e.date, e.code, e.root, e.quad_class, e.penta_class,
                      e.goldstein, e.plover_event, e.plover_mode, e.source_code, e.source_country,
                      e.source_name, e.target_code, e.target_country, e.target_name, m.status, m.date_text,
                      e.place_name, e.place_country, e.lat, e.lon, m.sentence, m.trigger_text,
                      m.trigger_start, m.trigger_end, m.source_text, m.source_start, m.source_end,
                      m.target_text, m.target_start, m.target_end, m.reported_by_code, m.reported_by_name,
                      m.confidence, m.rule
               FROM mentions m JOIN events e ON e.id = m.event_id WHERE m.article_id = 'truth-1'"""
        )
        cols = [d[0] for d in cur.description]
        return {r[0]: dict(zip(cols, r)) for r in cur.fetchall()}
    finally:
        conn.close()


def _as_coded(ev: dict) -> dict:
    """A coded event (code --format jsonl) in the store's field names."""
    src, tgt, place, rep = ev["source"] or {}, ev["target"] or {}, ev["place"] or {}, ev["reported_by"] or {}
    return {
        "date": ev["date"],
        "code": ev["code"],
        "root": ev["root"],
        "quad_class": ev["quad_class"],
        "penta_class": ev["penta_class"],
        "goldstein": ev["goldstein"],
        "plover_event": ev["plover"]["event"],
        "plover_mode": ev["plover"]["mode"],
        "source_code": src.get("code"),
        "source_country": src.get("country"),
        "source_name": src.get("name"),
        "target_code": tgt.get("code"),
        "target_country": tgt.get("country"),
        "target_name": tgt.get("name"),
        "status": ev["status"],
        "date_text": ev["date_text"],
        "place_name": place.get("name"),
        "place_country": place.get("country"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "sentence": ev["sentence"],
        "trigger_text": ev["trigger"]["text"],
        "trigger_start": ev["trigger"]["start"],
        "trigger_end": ev["trigger"]["end"],
        "source_text": src.get("text"),
        "source_start": src.get("start"),
        "source_end": src.get("end"),
        "target_text": tgt.get("text"),
        "target_start": tgt.get("start"),
        "target_end": tgt.get("end"),
        "reported_by_code": rep.get("code"),
        "reported_by_name": rep.get("name"),
        "confidence": ev["confidence"],
        "rule": ev["rule"],
    }


def test_the_store_holds_what_code_printed_field_by_field(both):
    coded, db = both
    stored = _stored(db)
    assert sorted(stored) == sorted(e["id"] for e in coded["events"])
    for ev in coded["events"]:
        row = dict(stored[ev["id"]])
        row["date"] = row["date"].isoformat() if row["date"] else None
        want = _as_coded(ev)
        assert {k: row[k] for k in want} == want, ev["id"]


def _events_by_key(rows):
    return {(r["code"], r["source_code"] or "", r["target_code"] or "", r["status"]): r for r in rows}


def test_query_and_exports_show_the_same_values(both):
    coded, db = both
    want = {}
    for ev in coded["events"]:
        c = _as_coded(ev)
        want[(c["code"], c["source_code"] or "", c["target_code"] or "", c["status"])] = c
    run = CliRunner().invoke
    r = run(main, ["query", "events", "--db", db, "--status", "all", "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    queried = _events_by_key(json.loads(line) for line in r.stdout.splitlines())
    r = run(main, ["query", "events", "--db", db, "--status", "all", "--format", "csv"])
    queried_csv = _events_by_key(csv.DictReader(io.StringIO(r.stdout)))
    r = run(main, ["export", "--db", db, "--status", "all", "--format", "csv"])
    exported = _events_by_key(csv.DictReader(io.StringIO(r.stdout)))
    r = run(main, ["export", "--db", db, "--status", "all", "--format", "plover"])
    plover = {
        (
            p["cameo"]["code"],
            p["actor"][0]["code"] if p["actor"] else "",
            p["recipient"][0]["code"] if p["recipient"] else "",
            p["cameo"]["status"],
        ): p
        for p in map(json.loads, r.stdout.splitlines())
    }
    assert set(queried) == set(queried_csv) == set(exported) == set(plover) == set(want)
    for key, c in want.items():
        for got in (queried[key], queried_csv[key], exported[key]):
            assert str(got["date"]) == c["date"], (key, got["date"])
            for f in ("root", "plover_event", "source_name", "target_name", "place_name", "place_country"):
                assert (got[f] or None) == c[f], (key, f)
            for f in ("quad_class", "penta_class", "goldstein", "lat", "lon"):
                assert (float(got[f]) if got[f] not in (None, "") else None) == c[f], (key, f)
        assert plover[key]["date"] == c["date"]
        assert plover[key]["event"] == [c["plover_event"]] and plover[key]["event_scale"] == c["goldstein"]
        assert exported[key]["published"] == "2021-12-14T09:30:00"
