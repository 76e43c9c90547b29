"""Export rows built from stored rows given here, column by column (issue 25: mutation testing of
export/__init__.py and export/codes.py).

The store's row readers (query.rows) are replaced by lists of rows written in each test, every
column a value of its own, so that a row builder that takes one column for another, drops a
default or formats a date or a number the wrong way gives a different line. tests/test_export.py
checks the same formats end to end on a real database."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from tidings import export as ex
from tidings.export import codes
from tidings.export.registry import Destination
from tidings.query import Filters

D = dt.date(2022, 3, 5)


# the ten GDELT fields of an actor, written out here (not taken from the module they check)
ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)


def event(**kw):
    row = {
        "id": "ev-1",
        "num_id": 41,
        "date": D,
        "code": "1823",
        "base_code": "182",
        "root": "18",
        "quad_class": 4,
        "penta_class": 4,
        "goldstein": -9.5,
        "plover_event": "ASSAULT",
        "plover_mode": "beat",
        "source_code": "RUSMIL",
        "source_name": "Russian troops",
        "source_country": "RUS",
        "target_code": "UKRCVL",
        "target_name": "civilians",
        "target_country": "UKR",
        "status": "asserted",
        "place_name": "Kharkiv",
        "place_country": "UKR",
        "lat": 49.99,
        "lon": 36.23,
        "n_mentions": 7,
        "n_articles": 3,
        "n_sources": 2,
        "story_id": "st-9",
        "first_article_id": "art-2",
        "first_sentence": 2,
        "sentence_no": 4,
        "sentence": "Troops beat civilians in Kharkiv.",
        "trigger": "beat",
        "title": "Kharkiv",
        "outlet": "Wire",
        "url": "https://www.wire.example/a/1",
        "published": "2022-03-06T07:08:09Z",
        "agency": "AFP",
        "byline": "Jane Roe",
        "reported_by_code": "UKRGOV",
        "reported_by_name": "Ukraine's interior ministry",
    }
    return row | kw


@pytest.fixture
def rows(monkeypatch):
    """Replace the store's readers: rows.events / rows.mentions / rows.sources are what they yield."""
    given = {"events": [], "mentions": [], "sources": [], "dated_only": []}

    def event_rows(conn, filters, dated_only=False):
        given["dated_only"].append(dated_only)
        return iter([r for r in given["events"] if r["date"] is not None or not dated_only])

    monkeypatch.setattr(ex, "event_rows", event_rows)
    monkeypatch.setattr(ex, "mention_rows", lambda conn, filters: iter(given["mentions"]))
    monkeypatch.setattr(ex, "events_with_sources", lambda conn, filters: iter(given["sources"]))
    return given


F = Filters()


# --- GDELT events ---------------------------------------------------------------------------------


def gdelt(rows, r):
    rows["events"] = [r]
    (line,) = ex.gdelt_event_rows(None, F)
    assert len(line) == len(ex.GDELT_EVENT_COLUMNS) == 61
    return dict(zip(ex.GDELT_EVENT_COLUMNS, line))


def test_gdelt_event_row_column_by_column(rows):
    g = gdelt(rows, event())
    assert rows["dated_only"] == [True]  # GDELT has no row for an undated event
    assert [g[c] for c in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")] == [
        "41",
        "20220305",
        "202203",
        "2022",
        "2022.1781",
    ]  # 2022 + (2 * 30 + 5) / 365
    assert [g[f"Actor1{c}"] for c in ACTOR_FIELDS] == ["RUSMIL", "RUSSIAN TROOPS", "RUS", "", "", "", "", "MIL", "", ""]
    assert [g[f"Actor2{c}"] for c in ("Code", "Name", "CountryCode", "Type1Code")] == [
        "UKRCVL",
        "CIVILIANS",
        "UKR",
        "CVL",
    ]
    assert [
        g[c]
        for c in (
            "IsRootEvent",
            "EventCode",
            "EventBaseCode",
            "EventRootCode",
            "QuadClass",
            "GoldsteinScale",
            "NumMentions",
            "NumSources",
            "NumArticles",
            "AvgTone",
        )
    ] == ["0", "1823", "182", "18", "4", "-9.5", "7", "2", "3", "0"]
    assert [
        g[f"Actor1Geo_{c}"]
        for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ] == ["1", "Russia", "RS", "RS", "", "", "", "RS"]
    assert [g[f"Actor2Geo_{c}"] for c in ("Type", "FullName", "CountryCode")] == ["1", "Ukraine", "UP"]
    assert [
        g[f"ActionGeo_{c}"]
        for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ] == ["4", "Kharkiv, Ukraine", "UP", "UP", "", "49.99", "36.23", ""]
    assert (g["DATEADDED"], g["SOURCEURL"]) == ("20220306070809", "https://www.wire.example/a/1")


def test_gdelt_event_row_defaults_when_the_store_has_no_value(rows):
    g = gdelt(
        rows,
        event(
            base_code=None,
            root=None,
            goldstein=None,
            n_mentions=None,
            n_sources=None,
            n_articles=None,
            first_sentence=None,
            published=None,
            url=None,
            code="0874",
            source_code=None,
            source_name=None,
            source_country=None,
            place_name=None,
            place_country=None,
            lat=None,
            lon=None,
            date=dt.date(2021, 12, 31),
        ),
    )
    assert [
        g[c]
        for c in (
            "EventBaseCode",
            "EventRootCode",
            "GoldsteinScale",
            "NumMentions",
            "NumSources",
            "NumArticles",
            "IsRootEvent",
        )
    ] == ["087", "08", "0", "0", "0", "0", "1"]
    assert g["FractionDate"] == "2021.9890"  # GDELT's fraction: 2021 + (11 * 30 + 31) / 365
    assert g["DATEADDED"] == "20211231000000"
    assert g["SOURCEURL"] == "tidings:article:art-2"
    assert [g[f"Actor1{c}"] for c in ("Code", "Name", "CountryCode", "Type1Code")] == ["", "", "", ""]
    assert [g[f"Actor1Geo_{c}"] for c in ("Type", "FullName", "CountryCode", "FeatureID")] == ["0", "", "", ""]
    assert [g[f"ActionGeo_{c}"] for c in ("Type", "FullName", "Lat", "Long")] == ["0", "", "", ""]


def test_gdelt_places_a_country_a_us_city_and_a_place_without_a_name(rows):
    g = gdelt(rows, event(place_name="Ukraine", place_country="UKR", lat=49.0, lon=32.0))
    assert [
        g[f"ActionGeo_{c}"] for c in ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
    ] == ["1", "Ukraine", "UP", "UP", "49", "32", "UP"]
    g = gdelt(rows, event(place_name="Houston", place_country="USA", lat=29.76, lon=-95.37))
    assert [g[f"ActionGeo_{c}"] for c in ("Type", "FullName", "CountryCode")] == ["3", "Houston, United States", "US"]
    # a place whose name is its country's: not repeated
    g = gdelt(rows, event(place_name="Kharkiv", place_country="ZZZ", lat=None, lon=None))
    assert [g[f"ActionGeo_{c}"] for c in ("Type", "FullName", "CountryCode", "Lat")] == ["4", "Kharkiv", "", ""]
    # coordinates with no name: a country-level place named by the country
    g = gdelt(rows, event(place_name=None, place_country="UKR", lat=49.0, lon=32.0))
    assert [g[f"ActionGeo_{c}"] for c in ("Type", "FullName", "Lat", "FeatureID")] == ["1", "Ukraine", "49", "UP"]
    g = gdelt(rows, event(place_name=None, place_country=None, lat=1.5, lon=2.5))
    assert [g[f"ActionGeo_{c}"] for c in ("Type", "FullName", "Lat", "Long")] == ["1", "", "1.5", "2.5"]


def test_gdelt_actor_parts_and_an_actor_known_only_by_name(rows):
    g = gdelt(
        rows,
        event(
            source_code="IGOWSTNAT",
            source_country=None,
            source_name="NATO",
            target_code="IRNREBMOSSHI",
            target_country="IRN",
            target_name="rebels",
        ),
    )
    assert [g[f"Actor1{c}"] for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "Type1Code")] == [
        "IGOWSTNAT",
        "NATO",
        "",
        "NAT",
        "IGO",
    ]
    assert [g[f"Actor2{c}"] for c in ("CountryCode", "Religion1Code", "Religion2Code", "Type1Code")] == [
        "IRN",
        "MOS",
        "SHI",
        "REB",
    ]
    g = gdelt(
        rows,
        event(
            source_code=None,
            source_name="gunmen",
            source_country="NGA",
            target_code="USAGOVMILCOP",
            target_country="USA",
        ),
    )
    assert [g[f"Actor1{c}"] for c in ("Code", "Name", "CountryCode", "Type1Code")] == ["", "GUNMEN", "NGA", ""]
    assert [g[f"Actor2{c}"] for c in ("Type1Code", "Type2Code", "Type3Code")] == ["GOV", "MIL", "COP"]
    # a country given apart from the code's letters still fills the country column
    g = gdelt(rows, event(source_code="GOV", source_country="FRA"))
    assert [g[f"Actor1{c}"] for c in ("Code", "CountryCode", "Type1Code")] == ["GOV", "FRA", "GOV"]


def test_an_event_in_the_first_sentence_is_a_root_event(rows):
    assert gdelt(rows, event(first_sentence=0))["IsRootEvent"] == "1"
    assert gdelt(rows, event(first_sentence=1))["IsRootEvent"] == "0"


# --- GDELT mentions -------------------------------------------------------------------------------


def mention(**kw):
    row = {
        "num_id": 41,
        "date": D,
        "event_published": "2022-03-05T10:00:00",
        "published": "2022-03-07 11:12:13",
        "outlet": "Wire",
        "agency": None,
        "url": "https://www.wire.example/a/1",
        "article_id": "art-3",
        "sentence": 4,
        "source_start": 10,
        "target_start": 30,
        "trigger_start": 20,
        "confidence": 0.734,
        "doc_len": 2048,
    }
    return row | kw


def mentions(rows, *ms):
    rows["mentions"] = list(ms)
    out = [dict(zip(ex.GDELT_MENTION_COLUMNS, line)) for line in ex.gdelt_mention_rows(None, F)]
    assert all(len(m) == 16 for m in out)
    return out


def test_gdelt_mention_row_column_by_column(rows):
    (m,) = mentions(rows, mention())
    assert list(m.values()) == [
        "41",
        "20220305100000",
        "20220307111213",
        "1",
        "Wire",
        "https://www.wire.example/a/1",
        "5",
        "10",
        "30",
        "20",
        "1",
        "73",
        "2048",
        "0",
        "",
        "",
    ]


def test_gdelt_mention_defaults(rows):
    (m,) = mentions(
        rows,
        mention(
            event_published=None,
            published="2022",
            outlet=None,
            url=None,
            sentence=None,
            source_start=None,
            target_start=None,
            trigger_start=None,
            confidence=None,
            doc_len=None,
        ),
    )
    assert [
        m[c]
        for c in (
            "EventTimeDate",
            "MentionTimeDate",
            "MentionSourceName",
            "MentionIdentifier",
            "SentenceID",
            "Actor1CharOffset",
            "Actor2CharOffset",
            "ActionCharOffset",
            "Confidence",
            "MentionDocLen",
        )
    ] == ["20220305000000", "20220305000000", "tidings", "tidings:article:art-3", "1", "-1", "-1", "-1", "100", "0"]
    (m,) = mentions(rows, mention(source_start=0, target_start=0, trigger_start=0))
    assert [m[c] for c in ("Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset")] == ["0", "0", "0"]


def test_gdelt_mention_source_name_and_confidence_bounds(rows):
    got = mentions(
        rows,
        mention(outlet=None, url="https://www.news.example/x/y"),
        mention(outlet=None, url="http://news.example"),
        mention(outlet=None, url="news.example/x"),
        mention(confidence=0.02),
        mention(confidence=1.7),
        mention(confidence=0.1),
        mention(confidence=1.0),
        mention(confidence=0.995),
    )
    assert [m["MentionSourceName"] for m in got[:3]] == ["news.example", "news.example", "tidings"]
    assert [m["Confidence"] for m in got[3:]] == ["10", "100", "10", "100", "100"]


def test_the_source_name_of_a_mention_is_its_outlet_else_the_domain_of_its_url(rows):
    urls = [
        "https://www.example.org/a/b?c",
        "https://news.example.org/a/b",
        "http://www.example.org",
        "ftp://wwwexample.org/x",
        "https://a.example/b://c/d",
        "example.org/a",
        "",
        None,
    ]
    got = mentions(rows, *[mention(outlet=None, url=u) for u in urls])
    assert [m["MentionSourceName"] for m in got] == [
        "example.org",
        "news.example.org",
        "example.org",
        "wwwexample.org",
        "a.example",
        "tidings",
        "tidings",
        "tidings",
    ]


# --- cells and stamps -----------------------------------------------------------------------------


def test_cells_flatten_tabs_and_line_breaks_and_format_numbers(rows):
    g = gdelt(rows, event(source_name="Russian\ttroops\r\nnorth", url="https://x.example/a\nb"))
    assert g["Actor1Name"] == "RUSSIAN TROOPS  NORTH" and g["SOURCEURL"] == "https://x.example/a b"
    scales = {
        -9.5: "-9.5",
        0.0: "0",
        1.0: "1",
        1e-4: "0.0001",
        0.00005: "0.000050",
        -0.00001: "-0.000010",
        1234567.0: "1.23457e+06",
        49.99: "49.99",
    }
    assert {v: gdelt(rows, event(goldstein=v))["GoldsteinScale"] for v in scales} == scales
    g = gdelt(rows, event(lat=float("nan"), lon=7))
    assert (g["ActionGeo_Lat"], g["ActionGeo_Long"]) == ("", "7")


def test_stamps_from_timestamps_or_the_event_date(rows):
    stamps = {
        "2022-03-06T07:08:09+00:00": "20220306070809",
        "2022-03-06T07:08:09.123456": "20220306070809",
        "2022-03-06": "20220306000000",
        "2022-03-0": "20220305000000",
        None: "20220305000000",
        "": "20220305000000",
    }
    assert {p: gdelt(rows, event(published=p))["DATEADDED"] for p in stamps} == stamps
    (m,) = mentions(rows, mention(event_published="2022-03-05 10:11", published="2022-03-07T11:12:13"))
    assert (m["EventTimeDate"], m["MentionTimeDate"]) == ("20220305101100", "20220307111213")


# --- Phoenix --------------------------------------------------------------------------------------


def test_phoenix_row_column_by_column(rows):
    rows["sources"] = [
        event(
            first_sentence=2,
            urls="https://a.example/1;https://b.example/2",
            sources="Wire;Paper",
            source_code="IGOWSTNATMIL",
            source_country=None,
            article_id="art-2",
        )
    ]
    (line,) = ex.phoenix_rows(None, F)
    assert dict(zip(ex.PHOENIX_COLUMNS, line)) == {
        "EventID": "ev-1",
        "Date": "20220305",
        "Year": "2022",
        "Month": "03",
        "Day": "05",
        "SourceActorFull": "IGOWSTNATMIL",
        "SourceActorEntity": "IGO",
        "SourceActorRole": "MIL",
        "SourceActorAttribute": "WST;NAT",
        "TargetActorFull": "UKRCVL",
        "TargetActorEntity": "UKR",
        "TargetActorRole": "CVL",
        "TargetActorAttribute": "",
        "EventCode": "1823",
        "EventRootCode": "18",
        "QuadClass": "4",
        "GoldsteinScore": "-9.5",
        "Issues": "",
        "Lat": "49.99",
        "Lon": "36.23",
        "LocationName": "Kharkiv",
        "StateName": "",
        "CountryCode": "UKR",
        "SentenceID": "art-2-3",
        "URLs": "https://a.example/1;https://b.example/2",
        "NewsSources": "Wire;Paper",
    }


def test_phoenix_defaults(rows):
    rows["sources"] = [
        event(
            first_sentence=None,
            goldstein=None,
            urls=None,
            sources=None,
            target_code=None,
            lat=None,
            lon=None,
            place_name=None,
            place_country=None,
            article_id="art-7",
        )
    ]
    (line,) = ex.phoenix_rows(None, F)
    p = dict(zip(ex.PHOENIX_COLUMNS, line))
    assert [
        p[c]
        for c in (
            "TargetActorFull",
            "TargetActorEntity",
            "TargetActorRole",
            "TargetActorAttribute",
            "GoldsteinScore",
            "Lat",
            "Lon",
            "LocationName",
            "CountryCode",
            "SentenceID",
            "URLs",
            "NewsSources",
        )
    ] == ["", "", "", "", "0", "", "", "", "", "art-7-1", "", ""]


def test_phoenix_actor_parts(rows):
    cases = [
        (("RUSGOV", "RUS"), ["RUSGOV", "RUS", "GOV", ""]),
        (("NGOHRI", None), ["NGOHRI", "NGO", "HRI", ""]),
        (("MNCUSAMED", None), ["MNCUSAMED", "MNC", "MED", "USA"]),
        (("IMGMOSSUN", None), ["IMGMOSSUN", "IMG", "", "MOS;SUN"]),
        (("IGOAFRARB", None), ["IGOAFRARB", "IGO", "", "AFR;ARB"]),
        (("SYRREBMILCHR", "SYR"), ["SYRREBMILCHR", "SYR", "REB", "MIL;CHR"]),
        (("GOV", "FRA"), ["GOV", "FRA", "GOV", ""]),  # a code without its country: the actor's country
        (("XYZGOV", None), ["XYZGOV", "", "GOV", "XYZ"]),
    ]
    rows["sources"] = [
        event(source_code=c, source_country=k, article_id="a", urls="", sources="") for (c, k), _ in cases
    ]
    got = [line[5:9] for line in ex.phoenix_rows(None, F)]
    assert got == [want for _, want in cases]


# --- ICEWS ----------------------------------------------------------------------------------------


def test_icews_row_column_by_column(rows):
    rows["events"] = [event(source_code="RUSGOVMIL")]
    (line,) = ex.icews_rows(None, F)
    assert rows["dated_only"] == [False]
    assert dict(zip(ex.ICEWS_COLUMNS, line)) == {
        "Event ID": "41",
        "Event Date": "2022-03-05",
        "Source Name": "Russian troops",
        "Source Sectors": "Government,Military",
        "Source Country": "Russia",
        "Event Text": codes.code_name("1823"),
        "CAMEO Code": "1823",
        "Intensity": "-9.5",
        "Target Name": "civilians",
        "Target Sectors": "Civilians",
        "Target Country": "Ukraine",
        "Story ID": "st-9",
        "Sentence Number": "5",
        "Publisher": "Wire",
        "City": "Kharkiv",
        "District": "",
        "Province": "",
        "Country": "Ukraine",
        "Latitude": "49.99",
        "Longitude": "36.23",
    }
    assert codes.code_name("1823")


def test_icews_defaults(rows):
    rows["events"] = [
        event(
            date=None,
            source_name=None,
            source_country="ZZZ",
            target_name=None,
            target_country=None,
            goldstein=None,
            sentence_no=None,
            first_sentence=3,
            place_name="Ukraine",
            place_country="UKR",
        ),
        event(
            sentence_no=None,
            first_sentence=None,
            place_name="Somewhere",
            place_country=None,
            lat=None,
            lon=None,
            story_id=None,
            outlet=None,
            agency=None,
        ),
    ]
    a, b = (dict(zip(ex.ICEWS_COLUMNS, line)) for line in ex.icews_rows(None, F))
    assert [
        a[c]
        for c in (
            "Event Date",
            "Source Name",
            "Source Country",
            "Target Name",
            "Target Country",
            "Intensity",
            "Sentence Number",
            "City",
            "Country",
        )
    ] == ["", "RUSMIL", "ZZZ", "UKRCVL", "", "0", "4", "", "Ukraine"]
    assert [b[c] for c in ("Sentence Number", "City", "Country", "Latitude", "Story ID", "Publisher")] == [
        "1",
        "Somewhere",
        "",
        "",
        "",
        "",
    ]


# --- PLOVER and CSV -------------------------------------------------------------------------------


def test_plover_record(rows):
    rows["events"] = [
        event(),
        event(
            id="ev-2",
            plover_event=None,
            plover_mode=None,
            code="190",
            source_code=None,
            source_name=None,
            target_code=None,
            target_name="crowd",
            place_name=None,
            place_country=None,
            trigger=None,
            date=None,
        ),
    ]
    a, b = ex.plover_records(None, F)
    assert a == {
        "id": "ev-1",
        "date": "2022-03-05",
        "actor": [{"code": "RUSMIL", "name": "Russian troops", "country": "RUS"}],
        "recipient": [{"code": "UKRCVL", "name": "civilians", "country": "UKR"}],
        "event": ["ASSAULT"],
        "mode": ["beat"],
        "context": [],
        "quad_code": 4,
        "event_scale": -9.5,
        "event_loc": {"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23},
        "event_text": ["beat"],
        "text": "Troops beat civilians in Kharkiv.",
        "cite_info": {
            "article_id": "art-2",
            "story_id": "st-9",
            "url": "https://www.wire.example/a/1",
            "outlet": "Wire",
            "agency": "AFP",
            "byline": "Jane Roe",
            "title": "Kharkiv",
            "published": "2022-03-06T07:08:09Z",
            "reported_by": {"code": "UKRGOV", "name": "Ukraine's interior ministry"},
        },
        "coder": "tidings",
        "cameo": {"code": "1823", "root": "18", "status": "asserted"},
        "mentions": 7,
        "articles": 3,
        "sources": 2,
    }
    pe, pm = codes.plover_of("190")
    assert pe  # the codebook maps 190 to a PLOVER event
    assert (b["date"], b["actor"], b["event"], b["mode"], b["event_loc"], b["event_text"]) == (
        None,
        [],
        [pe],
        [pm] if pm else [],
        None,
        [],
    )
    assert b["recipient"] == [{"code": None, "name": "crowd", "country": "UKR"}]
    out = io.StringIO()
    rows["events"] = [event(title="Kyiv ✓", published=dt.datetime(2022, 3, 6, 7, 8))]
    assert ex.get_format("plover").write(None, F, Destination(stream=out)) == 1
    line = out.getvalue()
    assert line.endswith("}\n") and line.count("\n") == 1 and "Kyiv ✓" in line
    assert json.loads(line)["cite_info"]["published"] == "2022-03-06 07:08:00"


def test_plover_location_with_only_a_country(rows):
    rows["events"] = [event(place_name=None, place_country="UKR", lat=None, lon=None)]
    (rec,) = ex.plover_records(None, F)
    assert rec["event_loc"] == {"name": None, "country": "UKR", "lat": None, "lon": None}


def test_csv_file(rows):
    rows["events"] = [event(article_id="ignored"), event(num_id=42, status="negated", lat=None)]
    out = io.StringIO()
    assert ex.get_format("csv").write(None, F, Destination(stream=out)) == 2
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(ex.CSV_COLUMNS) and len(lines) == 3
    first, second = (dict(zip(ex.CSV_COLUMNS, line.split(","))) for line in lines[1:])
    assert first["article_id"] == "art-2"  # the event's first article
    assert (first["n_sources"], first["n_articles"], first["n_mentions"]) == ("2", "3", "7")
    assert (second["num_id"], second["status"], second["lat"]) == ("42", "negated", "")


def test_tab_writers_write_a_header_only_when_the_format_has_one(rows):
    rows["events"] = [event(), event(num_id=42)]
    out = io.StringIO()
    assert ex.get_format("icews").write(None, F, Destination(stream=out)) == 2
    lines = out.getvalue().split("\n")
    assert lines[0] == "\t".join(ex.ICEWS_COLUMNS) and lines[-1] == "" and len(lines) == 4
    assert lines[2].split("\t")[0] == "42"
    out = io.StringIO()
    assert ex.get_format("gdelt").write(None, F, Destination(stream=out)) == 2
    lines = out.getvalue().split("\n")
    assert [len(x.split("\t")) for x in lines[:2]] == [61, 61] and lines[0].startswith("41\t20220305")


# --- parquet --------------------------------------------------------------------------------------


def test_parquet_partitions_by_date_month_or_year(rows, tmp_path):
    pytest.importorskip("pyarrow")
    rows["events"] = [event(), event(num_id=42, date=dt.date(2022, 4, 1)), event(num_id=43, date=None)]
    for partition, folders in [
        ("date", {"event_date=2022-03-05", "event_date=2022-04-01", "event_date=unknown"}),
        ("month", {"month=2022-03", "month=2022-04", "month=unknown"}),
        ("year", {"year=2022", "year=unkn"}),
    ]:
        out = tmp_path / partition
        n = ex.get_format("parquet").write(None, F, Destination(path=str(out), partition=partition))
        assert n == 3 and {p.name for p in out.iterdir()} == folders
        assert all(f.name == "part-0.parquet" for d in out.iterdir() for f in d.iterdir())
    with pytest.raises(ValueError, match="^partition must be date, month or year$"):
        ex.get_format("parquet").write(None, F, Destination(path=str(tmp_path / "w"), partition="week"))
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "date" / "event_date=2022-04-01")
    assert table.column("num_id").to_pylist() == [42]
    assert "__index_level_0__" not in table.column_names


def test_parquet_export_into_a_used_directory(rows, tmp_path):
    pytest.importorskip("pyarrow")
    rows["events"] = [event()]
    out = tmp_path / "out"
    ex.get_format("parquet").write(None, F, Destination(path=str(out), partition="date"))
    with pytest.raises(ValueError) as info:
        ex.get_format("parquet").write(None, F, Destination(path=str(out), partition="date"))
    assert str(info.value) == (
        f"{out} is not empty: choose a new directory, or pass --overwrite to replace an earlier parquet export there"
    )
    rows["events"] = [event(date=dt.date(2023, 1, 1))]
    ex.get_format("parquet").write(None, F, Destination(path=str(out), partition="date", overwrite=True))
    assert {p.name for p in out.iterdir()} == {"event_date=2023-01-01"}  # the earlier export is gone
    ex.get_format("parquet").write(None, F, Destination(path=str(out), partition="year", overwrite=True))
    ex.get_format("parquet").write(None, F, Destination(path=str(out), partition="month", overwrite=True))
    assert {p.name for p in out.iterdir()} == {"month=2023-01"}
    ex.get_format("parquet").write(None, F, Destination(path=str(out), partition="date", overwrite=True))
    assert {p.name for p in out.iterdir()} == {"event_date=2023-01-01"}
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="holds files that are not a tidings parquet export"):
        ex.get_format("parquet").write(None, F, Destination(path=str(out), partition="date", overwrite=True))
    (out / "notes.txt").unlink()
    (out / "other=1").mkdir()
    with pytest.raises(ValueError, match="holds files that are not a tidings parquet export"):
        ex.get_format("parquet").write(None, F, Destination(path=str(out), partition="date", overwrite=True))
    (out / "other=1").rmdir()
    (out / "month").write_text("a file named like a partition", encoding="utf-8")
    with pytest.raises(ValueError, match="holds files that are not"):
        ex.get_format("parquet").write(None, F, Destination(path=str(out), partition="date", overwrite=True))
    empty = tmp_path / "empty"
    empty.mkdir()
    assert ex.get_format("parquet").write(None, F, Destination(path=str(empty), partition="date")) == 1


# --- code lookups ---------------------------------------------------------------------------------


def test_split_actor_codes():
    sa = codes.split_actor
    assert sa(None, "FRA") == codes.ActorParts(country="FRA") and sa("", None) == codes.ActorParts()
    assert sa("FRAGOV", "FRA") == codes.ActorParts(country="FRA", types=("GOV",))
    assert sa("RUSMIL") == codes.ActorParts(country="RUS", types=("MIL",))
    assert sa("IGOWSTNAT") == codes.ActorParts(known_group="NAT", types=("IGO",), attributes=("WST",))
    assert sa("IGOAFRARB") == codes.ActorParts(known_group="ARB", types=("IGO",), attributes=("AFR",))
    assert sa("IRNREBMOSSHI", "IRN") == codes.ActorParts(
        country="IRN", religion1="MOS", religion2="SHI", types=("REB",)
    )
    assert sa("USAMOS") == codes.ActorParts(country="USA", religion1="MOS")
    # a country's code with an unknown block: an attribute, not a known group (the country is no org)
    assert sa("SYRXYZ") == codes.ActorParts(country="SYR", attributes=("XYZ",))
    assert sa("USAMNCXYZ") == codes.ActorParts(country="USA", known_group="XYZ", types=("MNC",))
    assert sa("XYZAB") == codes.ActorParts(known_group="XYZ", attributes=("AB",))
    assert sa("GOV", "FRA") == codes.ActorParts(types=("GOV",))  # the code does not start with the country


def test_sector_country_and_code_names():
    assert codes.sectors("RUSGOVMIL") == "Government,Military"
    assert codes.sectors("GOVMIL", "GOV") == "Military"  # the country part is not a sector
    assert codes.sectors(None) == ""
    assert codes.country_name("ukr") == "Ukraine" and codes.country_name("ZZZ") == "" and codes.country_name(None) == ""
    assert codes.fips("ukr") == "UP" and codes.fips("ZZZ") == "" and codes.fips("") == ""
    assert codes.code_name("") == "" and codes.code_name("9999") == "" and codes.code_name("190")
    assert codes.plover_of("") == (None, None) and codes.plover_of("9999") == (None, None)


def test_export_to_a_file_object_and_a_directory_format_needs_a_directory(tmp_path, monkeypatch):
    from tidings.export import registry

    seen = []
    monkeypatch.setattr(ex, "connection", lambda db: _Conn(seen, db))
    out = io.StringIO()
    fmt = registry.ExportFormat("toy-rows", "toy", lambda conn, f, dest: dest.stream.write("x\n") and 1)
    registry.register(fmt)
    try:
        assert ex.export("db.duckdb", "toy-rows", out) == 1 and out.getvalue() == "x\n"
        path = tmp_path / "toy.txt"
        assert ex.export("db.duckdb", "toy-rows", str(path)) == 1
        assert path.read_text(encoding="utf-8") == "x\n"
    finally:
        registry.unregister("toy-rows")
    with pytest.raises(ValueError, match="^parquet export needs an output directory \\(-o DIR\\)$"):
        ex.export("db.duckdb", "parquet", None)
    with pytest.raises(ValueError, match="needs an output directory"):
        ex.export("db.duckdb", "parquet", "-")
    assert seen == ["db.duckdb"] * 4


class _Conn:
    def __init__(self, seen, db):
        seen.append(db)

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_cameo_country_codes_that_are_not_iso_codes_are_still_countries(rows):
    # CAMEO writes Romania ROM (ISO: ROU): the event's country says what the code starts with
    rows["events"] = [event(target_code="ROMGOV", target_country="ROM")]
    (line,) = ex.gdelt_event_rows(None, F)
    g = dict(zip(ex.GDELT_EVENT_COLUMNS, line))
    assert [g[f"Actor2{c}"] for c in ("CountryCode", "KnownGroupCode", "Type1Code")] == ["ROM", "", "GOV"]
    (line,) = ex.icews_rows(None, F)
    assert dict(zip(ex.ICEWS_COLUMNS, line))["Target Sectors"] == "Government"
    rows["sources"] = [
        event(
            source_code="ROMGOV",
            source_country="ROM",
            target_code="ROMMIL",
            target_country="ROM",
            article_id="a",
            urls="",
            sources="",
        )
    ]
    (line,) = ex.phoenix_rows(None, F)
    assert line[5:13] == ["ROMGOV", "ROM", "GOV", "", "ROMMIL", "ROM", "MIL", ""]


def test_a_regional_organisation_has_no_known_group(rows):
    g = gdelt(rows, event(source_code="IGOAFR", source_country=None))
    assert [g[f"Actor1{c}"] for c in ("Code", "CountryCode", "KnownGroupCode", "Type1Code")] == [
        "IGOAFR",
        "",
        "",
        "IGO",
    ]


def test_no_actor_and_no_place_give_empty_blocks(rows):
    g = gdelt(
        rows,
        event(
            source_code=None,
            source_name=None,
            source_country="RUS",
            place_name=None,
            place_country=None,
            lat=None,
            lon=None,
        ),
    )
    assert [g[f"Actor1{c}"] for c in ACTOR_FIELDS] == [""] * 10
    assert [
        g[f"ActionGeo_{c}"]
        for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ] == ["0", "", "", "", "", "", "", ""]


def test_an_undated_mention_has_no_event_time(rows):
    (m,) = mentions(rows, mention(date=None, event_published=None, published=None))
    assert (m["EventTimeDate"], m["MentionTimeDate"]) == ("", "")


def test_icews_names_an_unknown_country_by_its_code(rows):
    rows["events"] = [event(target_country="ZZZ", place_name="Somewhere", place_country="ZZZ")]
    (line,) = ex.icews_rows(None, F)
    i = dict(zip(ex.ICEWS_COLUMNS, line))
    assert (i["Target Country"], i["Country"], i["City"]) == ("ZZZ", "ZZZ", "Somewhere")


def test_plover_event_of_a_code_the_codebook_does_not_know_is_empty(rows):
    rows["events"] = [event(code="9999", plover_event=None, plover_mode=None)]
    (rec,) = ex.plover_records(None, F)
    assert (rec["event"], rec["mode"]) == ([], [])


def test_export_writes_gdelt_unless_told_otherwise(rows, monkeypatch):
    monkeypatch.setattr(ex, "connection", lambda db: _Conn([], db))
    rows["events"] = [event()]
    out = io.StringIO()
    assert ex.export("db.duckdb", out=out) == 1
    assert len(out.getvalue().rstrip("\n").split("\t")) == 61
