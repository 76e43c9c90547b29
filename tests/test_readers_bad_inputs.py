"""Bad inputs give an InputError naming the input and the problem; the batch goes on.
Checked through read_paths and through `tidings code` (errors on stderr, exit code 1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.readers import DEFAULT_MAX_BYTES, ReadOptions, read_paths
from tidings.records import Article, CodedArticle, InputError

FIX = Path(__file__).parent / "fixtures" / "readers"
GOOD = "Kenya and Ethiopia agreed on Monday to reopen their border, the two governments said in Nairobi.\n"


@pytest.fixture()
def batch(tmp_path):
    """A folder of inputs, each bad in its own way, with good articles between them."""
    files = {
        "01-good.txt": GOOD.encode(),
        "02-binary.txt": bytes(range(256)) * 8,
        "03-image.txt": b"\x89PNG\r\n\x1a\n" + os.urandom(200),
        "04-empty.txt": b"",
        "05-blank.txt": b"  \n\n \t\n",
        "06-bad-utf8.txt": b"Talks in Gen\xe8ve " + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 40),
        "07-nul.txt": b"Russia and Ukraine met.\x00\x00 More text here.",
        "08-cp1252.txt": "Talks resumed in Genève on Monday, the ministry said. “We are ready,” he said.".encode(
            "cp1252"
        ),
        "09-malformed.jsonl": (
            json.dumps({"id": "j1", "text": GOOD})
            + '\n{"id": "j2", "text": \n'
            + json.dumps(
                {"id": "j3", "text": "Chad and Sudan signed a border security deal on Friday, officials said."}
            )
            + "\n"
        ).encode(),
        "10-no-text.csv": b"id,headline,notes\n1,A,B\n",
        "11-good.txt": b"Chile and Peru agreed on Tuesday to hold talks on migration, officials said.\n",
        "12-only-boilerplate.txt": b"Advertisement\n\nShare this article\n",
        "13-utf16.txt": ("\ufeff" + GOOD).encode("utf-16-le"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def by_name(items):
    out = {}
    for item in items:
        name = Path(item.source.split(":line")[0].split(" line ")[0]).name
        out.setdefault(name, []).append(item)
    return out


def test_bad_inputs_are_reported_and_the_rest_is_read(batch):
    items = by_name(read_paths([str(batch)]))
    ok = lambda n: [type(i).__name__ for i in items[n]]  # noqa: E731
    problem = lambda n, k=0: items[n][k].problem  # noqa: E731
    assert ok("01-good.txt") == ["Article"] and ok("11-good.txt") == ["Article"]
    assert problem("02-binary.txt") == "binary input: contains NUL bytes (first at byte 0)"
    assert problem("03-image.txt") == "binary input: looks like a PNG image, not text"
    assert problem("04-empty.txt") == "empty input"
    assert problem("05-blank.txt") == "empty input (only white space)"
    assert problem("06-bad-utf8.txt").startswith("not valid UTF-8 (byte 0xe8 at offset 12)")
    assert problem("07-nul.txt") == "binary input: contains NUL bytes (first at byte 23)"
    cp = items["08-cp1252.txt"][0]
    assert isinstance(cp, Article) and cp.text.startswith("Talks resumed in Genève") and "“We are ready,”" in cp.text
    assert ok("09-malformed.jsonl") == ["Article", "InputError", "Article"]
    assert (
        str(items["09-malformed.jsonl"][1])
        == f"{batch / '09-malformed.jsonl'} line 2: invalid JSON: Expecting value (column 22)"
    )
    assert problem("10-no-text.csv").startswith("CSV has no 'text' or 'html' column")
    assert "no article text after removing 2 boilerplate line(s)" in problem("12-only-boilerplate.txt")
    assert items["13-utf16.txt"][0].text == GOOD.strip()
    # every error names its input
    for name, found in items.items():
        for item in found:
            assert str(batch) in item.source


def test_oversized_text_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB (sparse: the reader refuses it on its size alone)
    small = tmp_path / "small.txt"
    small.write_text(GOOD)
    err, art = read_paths([str(big), str(small)])
    assert isinstance(err, InputError) and err.source == str(big)
    assert err.problem == "too large: 50.0 MB is over the limit of 20.0 MB (ReadOptions.max_bytes)"
    assert isinstance(art, Article)
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_size_limit_is_an_option_and_applies_per_record(tmp_path):
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text(
        json.dumps({"id": "big", "text": "word " * 500}) + "\n" + json.dumps({"id": "ok", "text": GOOD}) + "\n"
    )
    err, art = read_paths([str(jsonl)], options=ReadOptions(max_bytes=1000))
    assert err.source == f"{jsonl} line 1" and err.problem.startswith("record too large: 2.4 KB")
    assert art.id == "ok"
    txt = tmp_path / "t.txt"
    txt.write_text("word " * 500)
    [err] = read_paths([str(txt)], options=ReadOptions(max_bytes=1000))
    assert err.problem.startswith("too large: 2.4 KB is over the limit of 1000 bytes")


def test_a_reader_crash_is_reported_not_raised(monkeypatch, tmp_path):
    import tidings.readers.formats as formats

    def boom(*a, **k):
        raise RuntimeError("simulated reader bug")

    monkeypatch.setattr(formats, "compose_article", boom)
    (tmp_path / "a.txt").write_text(GOOD)
    [err] = read_paths([str(tmp_path / "a.txt")])
    assert err.problem == "could not be read: RuntimeError: simulated reader bug"


def _fake_code_articles(articles, options=None):
    for art in articles:
        yield CodedArticle(article=art)


def test_cli_reports_bad_inputs_on_stderr_and_prints_the_rest(batch, monkeypatch):
    import tidings.run.coding
    from tidings.cli import main

    monkeypatch.setattr(tidings.run.coding, "code_articles", _fake_code_articles)  # no spaCy: fast
    result = CliRunner().invoke(main, ["code", str(batch), "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 6  # 01, 08, j1, j3, 11, 13
    assert {r["id"] for r in records} >= {"j1", "j3"}
    err = result.stderr
    assert "02-binary.txt: binary input" in err and "04-empty.txt: empty input" in err
    assert "06-bad-utf8.txt: not valid UTF-8" in err and "09-malformed.jsonl line 2: invalid JSON" in err
    assert "10-no-text.csv: CSV has no 'text' or 'html' column" in err
    assert "9 input(s) could not be read" in err


def test_cli_reads_stdin(monkeypatch):
    import tidings.run.coding
    from tidings.cli import main

    monkeypatch.setattr(tidings.run.coding, "code_articles", _fake_code_articles)
    data = (FIX / "records.jsonl").read_bytes()
    result = CliRunner().invoke(main, ["code", "-", "--format", "jsonl", "--published", "2022-02-02"], input=data)
    assert result.exit_code == 1
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids[0] == "r1" and len(ids) == 4
    assert "<stdin> line 5: invalid JSON" in result.stderr


@pytest.mark.slow
def test_cli_end_to_end_with_the_real_pipeline(batch):
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("tidings")
    proc = subprocess.run(
        [
            str(exe),
            "code",
            str(batch / "01-good.txt"),
            str(batch / "04-empty.txt"),
            str(batch / "09-malformed.jsonl"),
            "--format",
            "jsonl",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 3
    assert "04-empty.txt: empty input" in proc.stderr and "line 2: invalid JSON" in proc.stderr


def test_declared_charset_of_a_page_is_used(tmp_path):
    page = (
        '<html><head><meta charset="windows-1251"><title>Переговоры</title></head><body><article>'
        "<p>MOSCOW, Dec 12 (Reuters) - Russia and Ukraine held talks on Sunday in Minsk, officials said, "
        "and named the venue «Дом приёмов».</p></article></body></html>"
    )
    (tmp_path / "cp1251.html").write_bytes(page.encode("cp1251"))
    [art] = read_paths([str(tmp_path / "cp1251.html")])
    assert isinstance(art, Article) and "«Дом приёмов»" in art.text and art.dateline == "MOSCOW"


def test_fuzzed_inputs_never_crash_a_reader():
    """Seeded junk made of header, markup and record fragments, in every format: each input
    gives articles or clear InputErrors, never an exception or a 'could not be read' crash."""
    import random

    from tidings.readers import read_data

    rng = random.Random(7)
    words = (
        "By Reuters Published : 03 Mar 2022 07:15 AM | Updated MOSCOW, (AP) — - Read more: © Photo: the "
        'talks said Russia . , " ” ( ) \n \n\n \t é Ж 中 < > <p> </p> <html> <rss> <feed> <item> <?xml { } '
        '[ ] : ; | • # * 31/02/2021 2021-13-45T99:99 Dec. AFP Source Editor: "id": "text": id,text'
    ).split(" ")
    for n in range(100):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 50)))
        names = ("x.txt", "x.jsonl", "x.csv", "x.rss", "pasted", "x.txt.gz") + (("x.html",) if n % 5 == 0 else ())
        for name in names:  # (HTML only now and then: trafilatura's fallbacks take ~50 ms on junk)
            data = text.encode() if rng.random() < 0.9 else bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 40)))
            for item in read_data(data, name):
                assert isinstance(item, (Article, InputError))
                assert not (isinstance(item, InputError) and item.problem.startswith("could not be read")), item


def test_csv_is_streamed_and_a_bad_byte_late_in_it_is_reported_with_its_line(tmp_path):
    rows = ["id,text"] + [f'r{i},"Kenya and Uganda held border talks on day {i}, officials said."' for i in range(3000)]
    data = ("\n".join(rows) + "\n").encode() + b'bad,"Talks in Gen\xe8ve \x81\x8d ended"\nlast,Chad and Niger met.\n'
    (tmp_path / "big.csv").write_bytes(data)
    items = list(read_paths([str(tmp_path / "big.csv")], options=ReadOptions(max_bytes=10_000)))
    assert len(items) == 3002 and all(isinstance(i, Article) for i in items[:3000])
    assert items[3000].source == f"{tmp_path / 'big.csv'} line 3002"
    assert items[3000].problem == "not valid utf-8 (byte 0xe8 in this record)"
    assert items[3001].id == "last"


def test_csv_in_cp1252_is_read(tmp_path):
    (tmp_path / "latin.csv").write_bytes(
        "id;text\nx1;Talks resumed in Genève on Monday, the ministry said.\n".encode("cp1252")
    )
    [art] = read_paths([str(tmp_path / "latin.csv")])
    assert art.text == "Talks resumed in Genève on Monday, the ministry said."


def test_a_folder_that_cannot_be_listed_is_an_error(monkeypatch, tmp_path):
    from pathlib import Path as P

    (tmp_path / "a.txt").write_text(GOOD)

    def denied(self, pattern):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(P, "rglob", denied)
    err, art = read_paths([str(tmp_path), str(tmp_path / "a.txt")])
    assert err.problem == "cannot list the folder: Permission denied" and isinstance(art, Article)


@pytest.mark.parametrize("path", ["x" * 5000, "bad\x00name.txt"])
def test_unusable_paths_are_errors(path):
    err, art = read_paths([path, str(FIX / "headers" / "h08-no-header.txt")])
    assert isinstance(err, InputError) and isinstance(art, Article)
