"""Export bugs found by mutation testing (docs/mutation.md), each with the test that showed it:

- a tab, newline or carriage return inside a text of the store (a place name, an actor name, a
  url, an outlet...) broke the row of a tab-separated export: GDELT's ActionGeo_FullName was
  written without being flattened, and the tab writers wrote whatever the row builders gave;
- a Phoenix actor whose code carries no country ("GOV", "COP") had an empty Role (the country
  or organisation field of this export, docs/store.md) although the event knew the actor's
  country; GDELT's Actor CountryCode already took it.

The store's row readers are replaced by rows written here, as in tests/test_export_rows.py."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tidings import export as ex
from tidings.export.registry import Destination, export_formats, get_format
from tidings.query import Filters

from test_export_rows import event, mention

F = Filters()


@pytest.fixture
def rows(monkeypatch):
    """The store's readers replaced: rows["events"] / ["mentions"] / ["sources"] are what they yield."""
    given: dict[str, list] = {"events": [], "mentions": [], "sources": []}
    monkeypatch.setattr(ex, "event_rows", lambda conn, filters, dated_only=False: iter(given["events"]))
    monkeypatch.setattr(ex, "mention_rows", lambda conn, filters: iter(given["mentions"]))
    monkeypatch.setattr(ex, "events_with_sources", lambda conn, filters: iter(given["sources"]))
    return given


BREAKS = ("\t", "\n", "\r")

# every free text of a stored event and mention, each with a tab, a newline and a carriage return
HOSTILE_EVENT = {
    "id": "ev\t1",
    "source_name": "Russian\ttroops\nnorth",
    "target_name": "civil\r\nians",
    "place_name": "Kharkiv\tOblast\r\nEast",
    "url": "https://x.example/a\tb\nc",
    "outlet": "The\tWire\n",
    "title": "Kharkiv\n\tnews",
    "sentence": "Troops\tbeat\ncivilians.\r",
    "trigger": "be\tat",
    "story_id": "st\n9",
    "urls": "https://a.example/1\t;https://b.example/2\n",
    "sources": "Wire;\tPaper\r",
}
HOSTILE_MENTION = {"outlet": "The\tWire\r\n", "url": "https://x.example/a\tb\nc"}

# the stream formats, by how a reader splits their records; a new stream format is added here
TAB_COLUMNS = {"gdelt": 61, "gdelt-mentions": 16, "phoenix": 26, "icews": 20}
QUOTED_CSV = {"csv"}
JSON_LINES = {"plover"}


def hostile(rows):
    rows["events"] = [event(**HOSTILE_EVENT), event(num_id=42, **HOSTILE_EVENT)]
    rows["sources"] = [event(article_id="art\t2", **HOSTILE_EVENT), event(article_id="art-3", **HOSTILE_EVENT)]
    rows["mentions"] = [mention(**HOSTILE_MENTION), mention(num_id=42, **HOSTILE_MENTION)]


def test_the_gdelt_action_place_name_is_flattened(rows):
    rows["events"] = [event(place_name="Kharkiv\tOblast\r\nEast", place_country="UKR")]
    (line,) = ex.gdelt_event_rows(None, F)
    row = dict(zip(ex.GDELT_EVENT_COLUMNS, line))
    assert row["ActionGeo_FullName"] == "Kharkiv Oblast  East, Ukraine"
    assert row["ActionGeo_Type"] == "4" and row["ActionGeo_CountryCode"] == "UP"


def test_a_country_level_gdelt_place_named_by_the_store_is_flattened(rows):
    rows["events"] = [event(place_name="Somewhere\tfar\naway", place_country="XXX")]
    (line,) = ex.gdelt_event_rows(None, F)
    row = dict(zip(ex.GDELT_EVENT_COLUMNS, line))
    assert row["ActionGeo_FullName"] == "Somewhere far away"


def test_no_cell_of_a_gdelt_event_row_holds_a_tab_or_a_line_break(rows):
    hostile(rows)
    lines = list(ex.gdelt_event_rows(None, F))
    assert len(lines) == 2
    bad = [
        (col, cell)
        for line in lines
        for col, cell in zip(ex.GDELT_EVENT_COLUMNS, line)
        if any(b in cell for b in BREAKS)
    ]
    assert bad == []


@pytest.mark.parametrize("name", sorted(TAB_COLUMNS))
def test_tab_separated_exports_keep_one_record_per_line(rows, name):
    hostile(rows)
    out = io.StringIO()
    n = get_format(name).write(None, F, Destination(stream=out))
    assert n == 2
    text = out.getvalue()
    assert "\r" not in text and text.endswith("\n")
    lines = text[:-1].split("\n")
    header = 1 if name == "icews" else 0
    assert len(lines) == n + header
    assert [len(line.split("\t")) for line in lines] == [TAB_COLUMNS[name]] * len(lines)


def test_the_hostile_texts_are_kept_with_spaces_for_the_breaks(rows):
    hostile(rows)
    out = io.StringIO()
    get_format("phoenix").write(None, F, Destination(stream=out))
    first = dict(zip(ex.PHOENIX_COLUMNS, out.getvalue().split("\n")[0].split("\t")))
    assert first["EventID"] == "ev 1" and first["LocationName"] == "Kharkiv Oblast  East"
    assert first["SentenceID"] == "art 2-3" and first["NewsSources"] == "Wire; Paper "


def test_every_stream_format_is_checked_here():
    streams = {f.name for f in export_formats() if not f.to_directory}
    assert streams <= set(TAB_COLUMNS) | QUOTED_CSV | JSON_LINES


@pytest.mark.parametrize("name", sorted(QUOTED_CSV | JSON_LINES))
def test_quoted_and_json_formats_read_back_the_texts_unchanged(rows, name):
    hostile(rows)
    out = io.StringIO(newline="")
    assert get_format(name).write(None, F, Destination(stream=out)) == 2
    if name in JSON_LINES:
        records = [json.loads(line) for line in out.getvalue().splitlines()]
        assert [r["actor"][0]["name"] for r in records] == [HOSTILE_EVENT["source_name"]] * 2
    else:
        records = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
        assert [r["place_name"] for r in records] == [HOSTILE_EVENT["place_name"]] * 2


# --- Phoenix: the Role of a code without its country ----------------------------------------------


def phoenix_event(**kw):
    """A stored event as events_with_sources gives it (with its urls, outlets and article)."""
    return event(article_id="art-2", urls="https://a.example/1", sources="Wire") | kw


def phoenix_actors(rows, *cases):
    """Full, Entity, Role and Attribute of each (code, country) as the Phoenix source actor."""
    rows["sources"] = [phoenix_event(source_code=code, source_country=country) for code, country in cases]
    return [line[5:9] for line in ex.phoenix_rows(None, F)]


def test_a_phoenix_code_without_its_country_has_the_country_of_the_actor_as_entity(rows):
    got = phoenix_actors(rows, ("GOV", "FRA"), ("COP", "USA"), ("XYZGOV", "FRA"), ("MILREB", "SYR"))
    assert got == [
        ["GOV", "FRA", "GOV", ""],
        ["COP", "USA", "COP", ""],
        ["XYZGOV", "FRA", "GOV", "XYZ"],
        ["MILREB", "SYR", "MIL", "REB"],
    ]


def test_a_phoenix_organisation_code_keeps_its_own_entity(rows):
    got = phoenix_actors(rows, ("IGOUNO", "USA"), ("NGOHRI", "FRA"), ("IGOAFRARB", None), ("IMGMOSSUN", "SYR"))
    assert got == [
        ["IGOUNO", "IGO", "", "UNO"],
        ["NGOHRI", "NGO", "HRI", ""],
        ["IGOAFRARB", "IGO", "", "AFR;ARB"],
        ["IMGMOSSUN", "IMG", "", "MOS;SUN"],
    ]


def test_a_phoenix_code_with_its_country_or_without_any_country_is_unchanged(rows):
    got = phoenix_actors(rows, ("RUSGOV", "RUS"), ("GOV", None), ("ROMGOV", "ROM"), ("", "FRA"))
    assert got == [["RUSGOV", "RUS", "GOV", ""], ["GOV", "", "GOV", ""], ["ROMGOV", "ROM", "GOV", ""], ["", "", "", ""]]


def test_the_phoenix_file_gives_the_role_of_both_actors(rows):
    rows["sources"] = [phoenix_event(source_code="COP", source_country="USA", target_code="GOV", target_country="MEX")]
    out = io.StringIO()
    assert get_format("phoenix").write(None, F, Destination(stream=out)) == 1
    row = dict(zip(ex.PHOENIX_COLUMNS, out.getvalue().rstrip("\n").split("\t")))
    assert (row["SourceActorEntity"], row["SourceActorRole"]) == ("USA", "COP")
    assert (row["TargetActorEntity"], row["TargetActorRole"]) == ("MEX", "GOV")
