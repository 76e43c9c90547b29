"""The end of `tidings demo`: the commands it suggests name the database it wrote and a dyad
that has events there, and a long quote is shown cut with an ellipsis.

Before, it printed `tidings query events --db DB` (a placeholder to retype) and
`tidings query dyad --source RUS --target USA`, which finds nothing in the demo database, and
cut quotes mid-word with nothing to show the cut."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from storekit import coded, ref
from tidings.cli import main
from tidings.commands.demo import print_summary
from tidings.records import Quote
from tidings.run.ingest import ingest

TEXT = (
    "Germany pledged aid to Moldova on Friday. France condemned Russia on Friday. "
    "Germany signed a deal with Moldova on Friday."
)
LONG_QUOTE = "We will stand by Moldova through the winter and for as long as it takes, " * 3


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    specs = [
        (0, "DEU", "MDA", "051", "pledged", "2022-01-14"),
        (1, "FRA", "RUS", "111", "condemned", "2022-01-14"),
        (2, "DEU", "MDA", "057", "signed", "2022-01-14"),
    ]
    quote = Quote(speaker=ref("DEU", "Germany"), text=LONG_QUOTE.strip(), kind="direct", cue="said", start=0, end=10)
    path = str(tmp_path_factory.mktemp("demo") / "my demo.duckdb")
    ingest([coded("d1", TEXT, specs, published="2022-01-15", quotes=[quote])], path, progress=False)
    return path


def test_next_commands_name_this_database_and_a_dyad_it_has(db, capsys):
    print_summary(db)
    out = capsys.readouterr().out
    tail = out[out.index("next:") :].splitlines()
    assert tail[1].strip() == f"tidings query events --db '{db}'"
    assert tail[2].strip() == f"tidings query dyad --db '{db}' --source DEU --target MDA"
    assert tail[3].strip() == f"tidings export --db '{db}' --format gdelt -o events.tsv"
    assert "--db DB" not in out
    dyad = CliRunner().invoke(main, ["query", "dyad", "--db", db, "--source", "DEU", "--target", "MDA"])
    assert dyad.exit_code == 0 and "2022-01-01" in dyad.stdout


def test_a_long_quote_is_cut_with_an_ellipsis(db, capsys):
    print_summary(db)
    out = " ".join(capsys.readouterr().out.split())
    assert "through the winter" in out and "\u2026\u201d" in out


def test_cut_keeps_whole_words():
    from tidings.commands.demo import cut

    assert cut("short", 10) == "short"
    assert cut("the talks were brokered by Saudi Arabia", 20) == "the talks were\u2026"
    assert cut("the talks, brokered", 11) == "the talks\u2026"
    assert cut("unbreakableword", 6) == "unbre\u2026"
