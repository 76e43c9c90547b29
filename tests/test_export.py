"""Exports: column counts and values for every format; a real GDELT client reads ours back."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from storekit import coded, other_story, wire_copies
from tidings.cli import main
from tidings.export import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, ICEWS_COLUMNS, PHOENIX_COLUMNS, export
from tidings.export.codes import fips, load_iso3_fips, split_actor
from tidings.run.ingest import ingest
from tidings.records import Place
from tidings.store import open_reader

MOSCOW = Place(text="Moscow", name="Moscow", country="RUS", lat=55.7522, lon=37.6156, start=0, end=6)


PLACED = (
    "Russian police detained dozens of protesters in Moscow on Saturday. "
    "The United States condemned the arrests. "
    "Police detained more protesters near the Kremlin later that evening."
)
PLACED_SPECS = [
    (0, "RUSCOP", "RUSOPP", "173", "detained", "2022-02-26", "asserted", MOSCOW),
    (1, "USAGOV", "RUSGOV", "111", "condemned", "2022-02-26"),
    (2, "RUSCOP", "RUSOPP", "173", "detained", "2022-02-26", "asserted", MOSCOW),
]


def placed_copies():
    """One story in three articles from two outlets (bbc twice, dw), each giving the 173
    detention in two sentences: 6 mentions, 3 articles, 2 sources -- a distinct count per
    column, so swapped NumMentions / NumSources / NumArticles columns show. The copies are
    word for word the same text (syndicated as is), so grouping them does not depend on
    MinHash estimates (see tests/test_dedup_thresholds.py for those)."""
    first = coded(
        "placed", PLACED, PLACED_SPECS, outlet="bbc", url="https://bbc.example/a", published="2022-02-26T20:15:00"
    )
    again = coded(
        "placed-bbc-2", PLACED, PLACED_SPECS, outlet="bbc", url="https://bbc.example/b", published="2022-02-26T21:00:00"
    )
    dw = coded(
        "placed-dw", PLACED, PLACED_SPECS, outlet="dw", url="https://dw.example/c", published="2022-02-26T21:30:00"
    )
    return [first, again, dw]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("x") / "x.duckdb")
    ingest(wire_copies() + [other_story(), *placed_copies()], path, progress=False)
    return path


def events_by_num(db) -> dict[int, dict]:
    conn = open_reader(db)
    df = conn.execute("SELECT * FROM events WHERE status = 'asserted'").df()
    conn.close()
    return {int(r["num_id"]): r for r in df.to_dict("records")}


def lines_of(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


@pytest.mark.shared
def test_column_lists_match_the_reference_formats(shared_dir):
    ref = lambda name: [
        line.split("\t")[1]
        for line in (shared_dir / "data/formats" / name).read_text().splitlines()[1:]
        if line.strip()
    ]
    assert list(GDELT_EVENT_COLUMNS) == ref("gdelt_events_v2_columns.tsv")
    assert list(GDELT_MENTION_COLUMNS) == ref("gdelt_mentions_columns.tsv")


def test_gdelt_events_61_columns_and_values(db):
    out = io.StringIO()
    n = export(db, "gdelt", out)
    rows = lines_of(out.getvalue())
    assert n == len(rows) == 6  # asserted events only: 036, 057 (wire), 057, 051 (other), 173, 111
    assert {len(r) for r in rows} == {61}
    col = {name: i for i, name in enumerate(GDELT_EVENT_COLUMNS)}
    ours = events_by_num(db)
    for r in rows:
        e = ours[int(r[col["GLOBALEVENTID"]])]
        d = e["date"].date() if hasattr(e["date"], "date") else e["date"]
        assert r[col["SQLDATE"]] == d.strftime("%Y%m%d") and r[col["Year"]] == str(d.year)
        assert r[col["EventCode"]] == e["code"] and r[col["EventRootCode"]] == e["root"]
        assert r[col["EventCode"]].startswith("0") or r[col["EventCode"]][0] == "1"  # codes stay strings
        assert r[col["Actor1Code"]] == e["source_code"] and r[col["Actor2Code"]] == e["target_code"]
        assert r[col["Actor1CountryCode"]] == e["source_country"]
        assert float(r[col["GoldsteinScale"]]) == pytest.approx(e["goldstein"])
        assert int(r[col["NumArticles"]]) == e["n_articles"] and int(r[col["NumMentions"]]) == e["n_mentions"]
        assert int(r[col["NumSources"]]) == e["n_sources"]
        assert r[col["Actor1Geo_CountryCode"]] == fips(e["source_country"])
    wire = [r for r in rows if r[col["EventCode"]] == "036"][0]
    assert wire[col["NumArticles"]] == "5" and wire[col["Actor1Type1Code"]] == "GOV"
    assert wire[col["SOURCEURL"]].startswith("https://")
    moscow = [r for r in rows if r[col["EventCode"]] == "173"][0]
    counts = {c: int(r[col[c]]) for r in [moscow] for c in ("NumMentions", "NumSources", "NumArticles")}
    assert counts == {"NumMentions": 6, "NumSources": 2, "NumArticles": 3}  # distinct: a swap shows
    for r in rows:  # every row's counts in the right columns
        e = ours[int(r[col["GLOBALEVENTID"]])]
        assert [int(r[col[c]]) for c in ("NumMentions", "NumSources", "NumArticles")] == [
            e["n_mentions"],
            e["n_sources"],
            e["n_articles"],
        ]
    assert moscow[col["ActionGeo_CountryCode"]] == "RS"  # FIPS, not ISO
    assert moscow[col["ActionGeo_FullName"]] == "Moscow, Russia" and moscow[col["ActionGeo_Type"]] == "4"
    assert moscow[col["ActionGeo_Lat"]] == "55.7522" and moscow[col["ActionGeo_Long"]] == "37.6156"
    assert moscow[col["Actor2Type1Code"]] == "OPP" and moscow[col["Actor1Type1Code"]] == "COP"
    assert moscow[col["DATEADDED"]] == "20220226201500"
    assert moscow[col["FractionDate"]] == f"{2022 + (30 + 26) / 365:.4f}"


def test_gdelt_mentions_16_columns_and_values(db):
    out = io.StringIO()
    n = export(db, "gdelt-mentions", out)
    rows = lines_of(out.getvalue())
    assert n == len(rows) and {len(r) for r in rows} == {16}
    col = {name: i for i, name in enumerate(GDELT_MENTION_COLUMNS)}
    conn = open_reader(db)
    expected = conn.execute(
        "SELECT count(*) FROM mentions m JOIN events e ON e.id = m.event_id WHERE e.status = 'asserted'"
    ).fetchone()[0]
    num_036 = conn.execute("SELECT num_id FROM events WHERE code = '036'").fetchone()[0]
    conn.close()
    assert n == expected
    m036 = [r for r in rows if r[col["GLOBALEVENTID"]] == str(num_036)]
    assert len(m036) == 5
    assert {r[col["MentionSourceName"]] for r in m036} == {"reuters", "guardian", "dw", "times", "ap"}
    assert all(r[col["MentionType"]] == "1" and 10 <= int(r[col["Confidence"]]) <= 100 for r in rows)


def test_real_gdelt_client_reads_our_export_back(db, tmp_path):
    from py_gdelt.models.events import Event, Mention
    from py_gdelt.parsers.events import EventsParser
    from py_gdelt.parsers.mentions import MentionsParser

    path = tmp_path / "20220226.export.CSV"
    export(db, "gdelt", str(path))
    parsed = [Event.from_raw(raw) for raw in EventsParser().parse(path.read_bytes())]
    ours = events_by_num(db)
    assert len(parsed) == len(ours)
    for ev in parsed:
        e = ours[ev.global_event_id]
        assert ev.date == (e["date"].date() if hasattr(e["date"], "date") else e["date"])
        assert ev.event_code == e["code"] and ev.event_root_code == e["root"]
        assert ev.event_base_code == e["code"][:3]
        assert ev.quad_class == e["quad_class"]
        assert ev.goldstein_scale == pytest.approx(e["goldstein"])
        assert (ev.num_mentions, ev.num_sources, ev.num_articles) == (e["n_mentions"], e["n_sources"], e["n_articles"])
        assert ev.actor1.code == e["source_code"] and ev.actor1.country_code == e["source_country"]
        assert ev.actor1.name == e["source_name"].upper()
        assert ev.actor2.code == e["target_code"]
        assert ev.is_root_event == (e["first_sentence"] == 0)
    moscow = next(ev for ev in parsed if ev.event_code == "173")
    assert moscow.action_geo.country_code == "RS"
    assert (moscow.action_geo.lat, moscow.action_geo.lon) == (pytest.approx(55.7522), pytest.approx(37.6156))
    assert moscow.actor1.type1_code == "COP" and moscow.source_url == "https://bbc.example/a"
    assert moscow.date_added == dt.datetime(2022, 2, 26, 20, 15, tzinfo=moscow.date_added.tzinfo)

    mpath = tmp_path / "20220226.mentions.CSV"
    export(db, "gdelt-mentions", str(mpath))
    mentions = [Mention.from_raw(raw) for raw in MentionsParser().parse(mpath.read_bytes())]
    assert len(mentions) == len(mpath.read_text().splitlines())
    assert {m.global_event_id for m in mentions} == set(ours)
    m = next(m for m in mentions if m.global_event_id == moscow.global_event_id)
    assert m.identifier == "https://bbc.example/a" and m.source_name == "bbc" and m.sentence_id == 1


def test_phoenix_26_columns(db):
    out = io.StringIO()
    n = export(db, "phoenix", out)
    rows = lines_of(out.getvalue())
    assert n == len(rows) == 6 and {len(r) for r in rows} == {26}
    col = {name: i for i, name in enumerate(PHOENIX_COLUMNS)}
    r = [r for r in rows if r[col["EventCode"]] == "173"][0]
    assert r[col["Date"]] == "20220226" and (r[col["Year"]], r[col["Month"]], r[col["Day"]]) == ("2022", "02", "26")
    assert (r[col["SourceActorFull"]], r[col["SourceActorEntity"]], r[col["SourceActorRole"]]) == (
        "RUSCOP",
        "RUS",
        "COP",
    )
    assert r[col["QuadClass"]] == "4" and r[col["GoldsteinScore"]] == "-5"
    assert (r[col["Lat"]], r[col["Lon"]], r[col["LocationName"]], r[col["CountryCode"]]) == (
        "55.7522",
        "37.6156",
        "Moscow",
        "RUS",
    )
    assert r[col["SentenceID"]] == "placed-1"
    assert sorted(r[col["URLs"]].split(";")) == [
        "https://bbc.example/a",
        "https://bbc.example/b",
        "https://dw.example/c",
    ]
    assert sorted(r[col["NewsSources"]].split(";")) == ["bbc", "dw"]
    w = [r for r in rows if r[col["EventCode"]] == "036"][0]
    assert len(w[col["URLs"]].split(";")) == 5 and len(w[col["NewsSources"]].split(";")) == 5


def test_icews_columns(db):
    out = io.StringIO()
    export(db, "icews", out)
    rows = lines_of(out.getvalue())
    assert rows[0] == list(ICEWS_COLUMNS) and len(rows[0]) == 20
    assert {len(r) for r in rows} == {20}
    col = {name: i for i, name in enumerate(ICEWS_COLUMNS)}
    r = [r for r in rows[1:] if r[col["CAMEO Code"]] == "173"][0]
    assert r[col["Event Date"]] == "2022-02-26" and r[col["Intensity"]] == "-5"
    assert r[col["Source Sectors"]] == "Police" and r[col["Source Country"]] == "Russia"
    assert r[col["Target Sectors"]] == "Opposition"
    assert (r[col["City"]], r[col["Country"]], r[col["Latitude"]]) == ("Moscow", "Russia", "55.7522")
    assert r[col["Publisher"]] == "bbc" and r[col["Sentence Number"]] == "1"
    assert r[col["Event Text"]]  # the CAMEO name of 173


def test_plover_jsonl(db):
    out = io.StringIO()
    n = export(db, "plover", out, status="all")
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(recs) == 8
    for rec in recs:
        assert {
            "id",
            "date",
            "actor",
            "recipient",
            "event",
            "mode",
            "context",
            "quad_code",
            "event_scale",
            "event_loc",
            "text",
            "cite_info",
        } <= set(rec)
        dt.date.fromisoformat(rec["date"])
    consult = next(r for r in recs if r["cameo"]["code"] == "036")
    assert consult["event"] == ["CONSULT"] and consult["actor"][0]["code"] == "RUSGOV"
    assert consult["articles"] == 5 and consult["text"].startswith("Russian President")
    assert next(r for r in recs if r["cameo"]["code"] == "057")["event"] == ["SUPPORT"]  # from the codebook
    placed = next(r for r in recs if r["cameo"]["code"] == "173")
    assert placed["event_loc"] == {"name": "Moscow", "country": "RUS", "lat": 55.7522, "lon": 37.6156}


def test_csv(db):
    out = io.StringIO()
    n = export(db, "csv", out, status="all")
    df = pd.read_csv(io.StringIO(out.getvalue()), dtype=str)
    assert n == len(df) == 8 and len(df.columns) == 36
    assert set(df.code) >= {"036", "057", "138", "173"}  # codes keep their leading zero
    row = df[df.code == "173"].iloc[0]
    assert row.source_code == "RUSCOP" and row.place_name == "Moscow" and row.url == "https://bbc.example/a"
    assert row.sentence.startswith("Russian police detained")


def test_parquet_partitioned_by_date(db, tmp_path):
    out = tmp_path / "pq"
    n = export(db, "parquet", str(out), status="all")
    parts = sorted(p.name for p in out.iterdir())
    assert parts == ["event_date=2021-12-07", "event_date=2021-12-13", "event_date=2022-02-26"]
    df = pd.read_parquet(out)
    assert len(df) == n == 8 and len(df.columns) == 37
    assert sorted(df[df.event_date == "2022-02-26"].code) == ["111", "173"]
    m = tmp_path / "pqm"
    export(db, "parquet", str(m), partition="month")
    assert sorted(p.name for p in m.iterdir()) == ["month=2021-12", "month=2022-02"]
    with pytest.raises(ValueError, match="not empty"):
        export(db, "parquet", str(out))
    assert export(db, "parquet", str(out), overwrite=True, start="2022-01-01") == 2  # no stale partitions
    assert sorted(p.name for p in out.iterdir()) == ["event_date=2022-02-26"]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("do not delete")
    with pytest.raises(ValueError, match="not a tidings parquet export"):
        export(db, "parquet", str(tmp_path / "mine"), overwrite=True)


def test_filters_apply_to_exports(db):
    out = io.StringIO()
    assert export(db, "gdelt", out, actor="USA", start="2022-01-01") == 1
    assert lines_of(out.getvalue())[0][26] == "111"
    out = io.StringIO()
    assert export(db, "gdelt", out, actor="'; DROP TABLE events; --") == 0


def test_export_command(db, tmp_path):
    target = tmp_path / "e.tsv"
    r = CliRunner().invoke(main, ["export", "--db", db, "--format", "gdelt", "-o", str(target)])
    assert r.exit_code == 0, r.output
    assert "6 rows written" in r.stderr
    assert {len(line.split("\t")) for line in target.read_text().splitlines()} == {61}
    r = CliRunner().invoke(main, ["export", "--db", db, "--format", "phoenix", "--status", "all"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 8
    r = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet"])
    assert r.exit_code != 0 and "output directory" in r.output


def test_fips_table_and_actor_codes():
    table = load_iso3_fips()
    assert len(table) > 240
    assert (fips("USA"), fips("RUS"), fips("UKR"), fips("DEU"), fips("GBR"), fips("ISR")) == (
        "US",
        "RS",
        "UP",
        "GM",
        "UK",
        "IS",
    )
    assert fips("XYZ") == "" and fips(None) == ""
    p = split_actor("RUSGOV", "RUS")
    assert (p.country, p.types) == ("RUS", ("GOV",))
    p = split_actor("IGOWSTNAT")
    assert (p.country, p.types, p.known_group) == ("", ("IGO",), "NAT")
    p = split_actor("IGOUNOREFHCR")
    assert (p.types, p.known_group) == (("IGO", "REF"), "UNO")
    p = split_actor("SYRREBMOS", "SYR")
    assert (p.types, p.religion1) == (("REB",), "MOS")
