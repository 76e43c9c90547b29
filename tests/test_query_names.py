"""The name `tidings query actors` and `query network` show for an actor is its most frequent
proper name. Before, it was the alphabetically first of the texts it was found as: the demo
database showed MMRGOV as "A spokesman" and RUSGOV as "Its leaders"."""

from __future__ import annotations

import dataclasses

import pytest

from storekit import coded
from tidings import query
from tidings.run.ingest import ingest

TEXT = (
    "A spokesman for Arland condemned Belmark on Monday. "
    "Its leaders accused Belmark on Tuesday. "
    "Premier Vosk criticised Belmark on Wednesday. "
    "Premier Vosk rejected Belmark on Thursday. "
    "Arland's cabinet denounced Belmark on Friday."
)
NAMES = ["A spokesman", "Its leaders", "Premier Vosk", "Premier Vosk", "Arland's cabinet"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    specs = [
        (i, "RUSGOV", "UKR", "111", verb, "2022-03-0" + str(i + 1))
        for i, verb in enumerate(["condemned", "accused", "criticised", "rejected", "denounced"])
    ]
    art = coded("n1", TEXT, specs, published="2022-03-06")
    events = tuple(
        dataclasses.replace(e, source=dataclasses.replace(e.source, name=name)) if e.source else e
        for e, name in zip(art.events, NAMES)
    )
    path = str(tmp_path_factory.mktemp("names") / "n.duckdb")
    ingest([dataclasses.replace(art, events=events)], path, progress=False)
    return path


def test_actors_are_named_by_their_most_frequent_proper_name(db):
    top = query.top_actors(db, n=5)
    assert dict(zip(top["actor"], top["name"]))["RUSGOV"] == "Premier Vosk"


def test_network_edges_are_named_the_same_way(db):
    edges = query.network(db, by="code")
    (row,) = edges.itertuples(index=False)
    assert (row.source, row.source_name, row.weight) == ("RUSGOV", "Premier Vosk", 5)


def test_a_generic_name_is_used_when_there_is_no_other(db):
    top = query.top_actors(db, n=5, text="spokesman")
    assert dict(zip(top["actor"], top["name"]))["RUSGOV"] == "A spokesman"
