"""The two registries (issue 21): input formats (readers.formats) and export formats
(export.registry). Every way in reads what the input registry says, recognising records by
their content whatever the suffix; a format added to either registry works end to end."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.readers import ReadOptions, read_data, read_paths
from tidings.readers.count import count_records
from tidings.readers.formats import Input, InputFormat, detect, register, unregister
from tidings.records import Article, InputError
from tidings.store import open_reader

TALKS = (
    "Russia and Ukraine held talks in Minsk on Sunday. Russian President Vladimir Putin met Ukrainian "
    "President Volodymyr Zelensky for three hours."
)
SANCTIONS = (
    "The European Union imposed new sanctions on Belarus on Monday over the migrant crisis on its border with Poland."
)
RECORDS = [
    {"id": "talks-1", "title": "Talks in Minsk", "published": "2021-12-12", "text": TALKS},
    {"id": "sanctions-1", "title": "EU sanctions", "published": "2021-12-13", "text": SANCTIONS},
]


def ids(items):
    return [a.id for a in items if isinstance(a, Article)]


# ---- content sniffing: the same articles whatever the name -----------------------------------


@pytest.mark.parametrize("name", ["news.json", "news.txt", "news", "news.dat"])
def test_a_json_array_of_articles_is_read_as_records_whatever_the_suffix(tmp_path, name):
    (tmp_path / name).write_text(json.dumps(RECORDS, indent=2), encoding="utf-8")
    got = list(read_paths([str(tmp_path / name)]))
    assert ids(got) == ["talks-1", "sanctions-1"], got
    assert got[0].source == f"{tmp_path / name}:line 2"  # the line the object starts on


@pytest.mark.parametrize("name", ["news.json", "feed.txt", "export", "news.log"])
def test_json_lines_without_the_jsonl_suffix(tmp_path, name):
    (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    assert ids(read_paths([str(tmp_path / name)])) == ["talks-1", "sanctions-1"]


def test_csv_html_and_text_are_recognised_by_content(tmp_path):
    (tmp_path / "a.dat").write_text('id,title,text\nc1,Talks,"' + TALKS + '"\n', encoding="utf-8")
    (tmp_path / "b.dat").write_text(
        "<!doctype html><html><body><article><h1>Talks</h1><p>" + TALKS + "</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "c").write_text("Talks in Minsk\n\n" + TALKS + "\n", encoding="utf-8")
    a, b, c = (list(read_paths([str(tmp_path / n)])) for n in ("a.dat", "b.dat", "c"))
    assert ids(a) == ["c1"] and a[0].source.endswith("a.dat:line 2")
    assert len(b) == 1 and isinstance(b[0], Article) and "Minsk" in b[0].text
    assert len(c) == 1 and isinstance(c[0], Article) and c[0].text.startswith("Russia")


def test_prose_is_not_taken_for_records():
    assert detect(".txt", b"Text, images and more: a story\n\nRussia and Ukraine held talks.").name == "text"
    assert detect("", b"[Reuters] Russia and Ukraine held talks.") is None
    assert detect("", b"{not json} said the minister.\n") is None


def test_a_folder_reads_the_same_files_as_naming_them(tmp_path):
    (tmp_path / "news.json").write_text(json.dumps(RECORDS), encoding="utf-8")
    (tmp_path / "lines").write_text(json.dumps({"id": "x-1", "text": TALKS}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# my notes\n\nnothing to read here\n", encoding="utf-8")
    notes = []
    folder = list(read_paths([str(tmp_path)], options=ReadOptions(note=notes.append)))
    named = list(read_paths([str(tmp_path / "lines"), str(tmp_path / "news.json")]))
    assert ids(folder) == ids(named) == ["x-1", "talks-1", "sanctions-1"]
    assert len(notes) == 1 and "notes.md" in notes[0]
    assert count_records([str(tmp_path)]) == 3


def test_stdin_upload_and_gzip_agree(tmp_path):
    data = json.dumps(RECORDS).encode()
    assert (
        ids(read_data(data, "upload"))
        == ids(read_data(gzip.compress(data), "upload.json.gz"))
        == ["talks-1", "sanctions-1"]
    )


def test_a_bad_json_array_is_an_error_naming_the_line(tmp_path):
    (tmp_path / "bad.json").write_text('[\n {"id": "a", "text": "' + TALKS + '"},\n {"id": oops}\n]', encoding="utf-8")
    got = list(read_paths([str(tmp_path / "bad.json")]))
    assert ids(got) == ["a"]
    assert isinstance(got[1], InputError) and got[1].source == f"{tmp_path / 'bad.json'} line 3"
    assert got[1].problem.startswith("invalid JSON")
    (tmp_path / "obj.json").write_text('{\n "things": []\n}', encoding="utf-8")  # no response's list either
    [err] = read_paths([str(tmp_path / "obj.json")])
    assert isinstance(err, InputError) and "JSON array" in err.problem


def test_code_and_ingest_agree_on_a_json_array(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "news.json").write_text(json.dumps(RECORDS), encoding="utf-8")
    r = CliRunner().invoke(main, ["code", str(folder / "news.json"), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    coded = [json.loads(line)["id"] for line in r.stdout.splitlines() if line.startswith("{")]
    db = str(tmp_path / "e.duckdb")
    r = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--no-progress"])
    assert r.exit_code == 0, r.output
    assert coded == ["talks-1", "sanctions-1"]
    assert stored_ids(db) == sorted(coded)


def stored_ids(db):
    conn = open_reader(db)
    try:
        return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    finally:
        conn.close()


# ---- a toy format added to each registry ----------------------------------------------------


def _read_toy(stream, where: Input):
    """Toy records: a first line 'TOY', then one 'id|text' per line."""
    for n, line in enumerate(stream.read().decode().splitlines()[1:], start=2):
        key, _, text = line.partition("|")
        yield Article(id=key, text=text, source=f"{where.source}:line {n}")


@pytest.fixture
def toy_input():
    fmt = register(InputFormat("toy", (".toy",), _read_toy, lambda head: head.startswith(b"TOY\n")))
    yield fmt
    unregister("toy")


def test_a_toy_input_format_is_read_by_code_and_ingest(tmp_path, toy_input):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.toy").write_text(f"TOY\ntoy-1|{TALKS}\n", encoding="utf-8")
    (folder / "b.bin").write_text(f"TOY\ntoy-2|{SANCTIONS}\n", encoding="utf-8")  # by content
    r = CliRunner().invoke(main, ["code", str(folder / "a.toy"), str(folder / "b.bin"), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    coded = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert [c["id"] for c in coded] == ["toy-1", "toy-2"]
    assert any(e for c in coded for e in c["events"])  # coded, not just read
    db = str(tmp_path / "toy.duckdb")
    r = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--no-progress"])
    assert r.exit_code == 0, r.output
    assert stored_ids(db) == ["toy-1", "toy-2"]


def test_a_toy_export_format_is_offered_and_written_by_the_cli(tmp_path):
    from tidings.export.registry import ExportFormat, register as register_export, unregister as unregister_export

    def write_toy(conn, filters, dest):
        from tidings.query.rows import event_rows

        n = 0
        for row in event_rows(conn, filters):
            dest.stream.write(f"TOY {row['code']}\n")
            n += 1
        return n

    db = str(tmp_path / "e.duckdb")
    (tmp_path / "talks.txt").write_text("Talks in Minsk\n\n" + TALKS + "\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "talks.txt"), "--db", db, "--no-progress"]).exit_code == 0
    register_export(ExportFormat("toy", "one TOY line per event", write_toy))
    try:
        helped = CliRunner().invoke(main, ["export", "--help"])
        assert "toy" in helped.output and "one TOY line per event" in helped.output
        out = tmp_path / "events.toy"
        r = CliRunner().invoke(main, ["export", "--format", "toy", "--db", db, "-o", str(out)])
        assert r.exit_code == 0, r.output
        lines = out.read_text().splitlines()
        assert lines and all(line.startswith("TOY ") for line in lines)
        assert f"{len(lines)} rows written (toy)" in r.output
    finally:
        unregister_export("toy")
    r = CliRunner().invoke(main, ["export", "--format", "toy", "--db", db])
    assert r.exit_code != 0 and "toy" in r.output
