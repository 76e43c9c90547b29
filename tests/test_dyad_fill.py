"""A dyad time series has a row for every period from the first with events to the last: a
period without events is a row of zeros (Goldstein mean null). Before, the periods without
events were left out, so a plot or a rolling mean of `tidings query dyad` joined January to
April as if they were neighbours."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from click.testing import CliRunner

from storekit import coded
from tidings import query
from tidings.cli import main
from tidings.run.ingest import ingest

TEXT = "Arland condemned Belmark on Monday. Arland accused Belmark on Friday."
SPECS = [
    (0, "ARL", "BEL", "111", "condemned", "2022-01-10"),
    (1, "ARL", "BEL", "112", "accused", "2022-04-29"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("fill") / "f.duckdb")
    ingest([coded("f1", TEXT, SPECS, published="2022-05-01")], path, progress=False)
    return path


def _days(series) -> list[dt.date]:
    return [pd.Timestamp(p).date() for p in series.period]


def test_months_without_events_are_rows_of_zeros(db):
    monthly = query.dyad_series(db, source="ARL", target="BEL")
    assert _days(monthly) == [dt.date(2022, m, 1) for m in (1, 2, 3, 4)]
    assert list(monthly.events) == [1, 0, 0, 1] and list(monthly.q3) == [1, 0, 0, 1]
    assert list(monthly.goldstein_sum)[1:3] == [0.0, 0.0] and monthly.goldstein_mean.isna().tolist() == [
        False,
        True,
        True,
        False,
    ]
    assert _days(query.dyad_series(db, source="ARL", target="BEL", fill=False)) == [
        dt.date(2022, 1, 1),
        dt.date(2022, 4, 1),
    ]


@pytest.mark.parametrize(
    "freq, first, second, n",
    [
        ("week", dt.date(2022, 1, 10), dt.date(2022, 1, 17), 16),
        ("quarter", dt.date(2022, 1, 1), dt.date(2022, 4, 1), 2),
        ("year", dt.date(2022, 1, 1), None, 1),
        ("day", dt.date(2022, 1, 10), dt.date(2022, 1, 11), 110),
    ],
)
def test_every_frequency_steps_one_period(db, freq, first, second, n):
    series = query.dyad_series(db, source="ARL", freq=freq)
    days = _days(series)
    assert len(days) == n and days[0] == first and (second is None or days[1] == second)
    assert series.events.sum() == 2


def test_the_command_prints_the_filled_series(db):
    r = CliRunner().invoke(main, ["query", "dyad", "--db", db, "--source", "ARL", "--format", "csv"])
    assert r.exit_code == 0
    assert r.stdout.splitlines()[1:] == [
        "2022-01-01,1,0,0,1,0,-2.0,-2.0,1",
        "2022-02-01,0,0,0,0,0,0.0,,0",
        "2022-03-01,0,0,0,0,0,0.0,,0",
        "2022-04-01,1,0,0,1,0,-2.0,-2.0,1",
    ]
