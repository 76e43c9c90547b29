"""The exports keep who reported an event and through whom: the article's agency and byline and
the event's reporter (`reported_by`, "..., the Kremlin said"). Before, a wire story with an
agency and no outlet (the seed article: "By Reuters") was exported with an empty ICEWS
Publisher, and no export named the agency, the byline or the reporter."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest
from click.testing import CliRunner

from storekit import coded, ref
from tidings.cli import main
from tidings.run.ingest import ingest

TEXT = "Arland's army shelled Belmark's border posts on Monday, the Belmark defence ministry said."


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    art = coded("w1", TEXT, [(0, "ARLMIL", "BELMIL", "190", "shelled", "2022-02-21")], published="2022-02-22")
    article = dataclasses.replace(art.article, agency="Reuters", byline="Jane Roe")
    reporter = ref("BELGOV", "the Belmark defence ministry", TEXT.index("the Belmark"))
    reporter = dataclasses.replace(reporter, name="Belmark defence ministry")
    events = tuple(dataclasses.replace(e, reported_by=reporter) for e in art.events)
    path = str(tmp_path_factory.mktemp("prov") / "p.duckdb")
    ingest([dataclasses.replace(art, article=article, events=events)], path, progress=False)
    return path


def _export(db: str, fmt: str) -> str:
    r = CliRunner().invoke(main, ["export", "--db", db, "--format", fmt])
    assert r.exit_code == 0, r.output
    return r.stdout


def test_csv_names_the_agency_byline_and_reporter(db):
    (row,) = csv.DictReader(io.StringIO(_export(db, "csv")))
    assert (row["outlet"], row["agency"], row["byline"]) == ("", "Reuters", "Jane Roe")
    assert (row["reported_by_code"], row["reported_by_name"]) == ("BELGOV", "Belmark defence ministry")


def test_icews_publisher_is_the_agency_when_there_is_no_outlet(db):
    header, row = (line.split("\t") for line in _export(db, "icews").splitlines())
    assert dict(zip(header, row))["Publisher"] == "Reuters"


def test_plover_cite_info_keeps_the_agency_and_the_reporter(db):
    cite = json.loads(_export(db, "plover").splitlines()[0])["cite_info"]
    assert (cite["agency"], cite["byline"]) == ("Reuters", "Jane Roe")
    assert cite["reported_by"] == {"code": "BELGOV", "name": "Belmark defence ministry"}


def test_gdelt_mentions_name_the_agency_when_there_is_no_outlet_or_url(db):
    """MentionSourceName was "tidings" for a wire story with only an agency."""
    (row,) = (line.split("\t") for line in _export(db, "gdelt-mentions").splitlines())
    assert row[4] == "Reuters"
