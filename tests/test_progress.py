"""The ingest progress bar: a record count for the time left, and the rate."""

from __future__ import annotations

import gzip
import json

import pytest

from tidings.readers.count import count_records


def test_count_records_estimates_each_kind_of_input(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.jsonl").write_text("\n".join(json.dumps({"id": str(i), "text": "x"}) for i in range(5)) + "\n\n")
    with gzip.open(folder / "b.jsonl.gz", "wt") as fh:
        fh.write('{"id": "1", "text": "x"}\n{"id": "2", "text": "y"}\n')
    (folder / "c.csv").write_text("id,text\n1,a\n2,b\n3,c\n")
    (folder / "d.txt").write_text("One article.")
    (folder / "e.rss").write_text("<rss><channel><item>a</item><item>b</item></channel></rss>")
    (folder / "notes.md").write_text("not an input")  # skipped by the folder walk, not counted
    assert count_records([str(folder)]) == 5 + 2 + 3 + 1 + 2
    assert count_records([str(folder / "d.txt"), str(tmp_path / "missing.txt")]) == 2  # the error once
    assert count_records(["-"]) is None  # standard input cannot be counted ahead


@pytest.mark.slow
def test_the_bar_shows_the_rate_and_the_time_left(tmp_path, capsys):
    from tidings.run.ingest import ingest

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps({"id": f"a{i}", "text": f"Kenyan police arrested {i + 2} protesters in Nairobi on Monday."})
            for i in range(3)
        )
        + "\n"
    )
    report = ingest([str(corpus)], tmp_path / "e.duckdb", progress=True)
    assert report.new == 3
    err = capsys.readouterr().err
    assert "3/3" in err and "articles/s" in err and "left" in err
