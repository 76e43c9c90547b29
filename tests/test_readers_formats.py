"""Readers: HTML, JSONL, CSV, standard input and folders."""

from __future__ import annotations

import io
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from tidings.readers import ReadOptions, example_paths, read_paths
from tidings.records import Article, InputError

FIX = Path(__file__).parent / "fixtures" / "readers"


def read(*paths, **kw):
    return list(read_paths([str(p) for p in paths], **kw))


def test_html_page_body_and_metadata():
    [art] = read(FIX / "page.html")
    assert isinstance(art, Article)
    assert art.title == "African Union suspends Burkina Faso after coup"
    assert art.outlet == "Sahel Daily"
    assert art.byline == "Ousmane Traore"
    assert art.url == "https://saheldaily.example/politics/au-suspends-burkina"
    assert (art.published, art.updated) == ("2022-01-31T16:20:00", "2022-02-01T09:00:00")
    assert (art.dateline, art.agency, art.language) == ("OUAGADOUGOU", "Reuters", "en")
    assert art.text.startswith("The African Union suspended Burkina Faso")
    assert art.text.count("\n\n") == 3  # four paragraphs, blank-line separated
    assert art.removed == ("Advertisement", "Read more: West African leaders to hold emergency summit on Thursday")
    for junk in ("Home", "Sign in", "Most read", "Story one", "©"):
        assert junk not in art.text
    assert art.id == Article.make_id(art.text, art.url)


def test_html_header_stamp_with_a_time_beats_a_date_only_guess():
    from tidings.readers import read_data

    page = (
        b"<html><body><div><h1>Russia and Belarus begin joint drills</h1><p>By Reuters</p>"
        b"<p>Published: 10 Feb 2022 08:00 AM</p><p>MOSCOW (Reuters) - Russia and Belarus began ten days of joint "
        b"military drills on Thursday, the Russian defence ministry said.</p><p>Advertisement</p>"
        b"<p>NATO said the exercises were the largest Russian deployment to Belarus since the Cold War.</p>"
        b"</div></body></html>"
    )
    [art] = read_data(page, "p.html")
    assert (art.title, art.agency, art.published, art.dateline) == (
        "Russia and Belarus begin joint drills",
        "Reuters",
        "2022-02-10T08:00:00",
        "MOSCOW",
    )
    assert art.removed == ("Advertisement",) and art.text.startswith("Russia and Belarus began")


def test_html_without_article_text_is_an_error(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>")
    [err] = read(page)
    assert isinstance(err, InputError) and err.source == str(page) and "no article text" in err.problem


def test_a_whole_page_saved_as_txt_is_read_as_html_but_prose_mentioning_tags_is_not(tmp_path):
    page = tmp_path / "saved.txt"
    page.write_text((FIX / "page.html").read_text())
    [art] = read(page)
    assert art.title == "African Union suspends Burkina Faso after coup" and "<p>" not in art.text
    prose = tmp_path / "prose.txt"
    prose.write_text("Web tips\n\nThe ministry said its site used <p> tags and <div> blocks for the statement.")
    [art] = read(prose)
    assert art.text == "The ministry said its site used <p> tags and <div> blocks for the statement."


def test_html_that_is_no_document_is_an_error():
    from tidings.readers import read_data

    [err] = read_data(b"\t </p>", "x.html")
    assert err.problem == "cannot parse the HTML: Document is empty"


def test_jsonl_records_good_and_bad_lines():
    items = read(FIX / "records.jsonl", published="2022-02-02")
    got = [(i.source.rsplit("/", 1)[-1], type(i).__name__) for i in items]
    assert got == [
        ("records.jsonl:line 1", "Article"),
        ("records.jsonl:line 2", "Article"),
        ("records.jsonl:line 4", "Article"),
        ("records.jsonl line 5", "InputError"),
        ("records.jsonl line 6", "InputError"),
        ("records.jsonl line 7", "InputError"),
        ("records.jsonl:line 8", "Article"),
        ("records.jsonl line 9", "InputError"),
    ]
    r1, r2, r3, bad_json, not_obj, no_text, r7, not_str = items
    assert (r1.id, r1.title, r1.outlet, r1.url, r1.published) == (
        "r1",
        "Japan and Australia sign defence pact",
        "Example Wire",
        "https://example.test/r1",
        "2022-01-06",
    )
    assert (r1.dateline, r1.agency, r1.removed) == ("TOKYO", "Reuters", ("Advertisement",))
    assert r1.text == (
        "Japan and Australia signed a defence pact on Thursday that will deepen military cooperation, "
        "the two governments said.\n\nThe leaders held the signing by video link."
    )
    assert r2.id == Article.make_id(r2.text, "https://example.test/r2") and r2.published == "2022-02-02"
    assert r3.id == Article.make_id(r3.text) and r3.title is None
    assert str(bad_json).endswith("records.jsonl line 5: invalid JSON: Expecting ',' delimiter (column 37)")
    assert "expected a JSON object, got list" in not_obj.problem
    assert no_text.problem.startswith("record has no text field: it needs 'text' or 'html'")
    assert no_text.problem.endswith("found 'id', 'title'")  # what it needs, and what it has
    assert (r7.id, r7.title, r7.published, r7.dateline) == (
        "r7",
        "Norway mediates Venezuela talks",
        "2021-08-13",
        "MEXICO CITY",
    )
    assert r7.text.startswith("Venezuela's government and opposition began talks")
    assert "'text' is a int" in not_str.problem


def test_csv_records_with_multiline_cells_and_extra_columns():
    items = read(FIX / "records.csv", published="2022-02-02")
    assert [type(i).__name__ for i in items] == ["Article", "Article", "InputError"]
    c1, c2, c3 = items
    assert c1.source.endswith("records.csv:line 2") and c2.source.endswith("records.csv:line 7")
    assert (c1.id, c1.title, c1.published, c1.url, c1.outlet) == (
        "c1",
        "Sweden and Finland apply to join NATO",
        "2022-05-18T09:30:00",
        "https://example.test/c1",
        "Example Wire",
    )
    assert (c1.dateline, c1.agency, c1.removed) == ("BRUSSELS", "Reuters", ("Follow us on Twitter",))
    assert c1.text.split("\n\n")[1] == "NATO Secretary-General Jens Stoltenberg welcomed the applications."
    assert (c2.id, c2.title, c2.published) == ("c2", None, "2022-02-02")
    assert c3.source.endswith("records.csv line 8") and "no 'text' or 'html'" in c3.problem


def test_record_language_is_normalised_and_trusted():
    from tidings.readers import read_data

    data = b'{"id": "g1", "language": "en-GB", "published": 1639345000, "text": "Le Royaume-Uni et la France ont sign\xc3\xa9 un accord."}\n'
    [art] = read_data(data, "x.jsonl")
    assert (art.language, art.published) == ("en", "2021-12-12T21:36:40")


def test_csv_semicolon_dialect_and_missing_text_column():
    [s1] = read(FIX / "records-semicolon.csv")
    assert (s1.id, s1.title) == ("s1", "Semicolon export")
    [err] = read(FIX / "records-no-text.csv")
    assert isinstance(err, InputError)
    assert err.problem.startswith("CSV has no 'text' or 'html' column: it needs one (also read: content, body, ")
    assert err.problem.endswith("found 'id', 'headline', 'notes'")


def test_folder_is_read_recursively_in_sorted_order_and_notes_skipped_files():
    notes = []
    items = read(FIX / "folder", options=ReadOptions(note=notes.append))
    names = [Path(i.source.split(":line")[0]).relative_to(FIX / "folder").as_posix() for i in items]
    assert names == ["a/one.txt", "b/three.jsonl", "b/two.html", "zero.TXT"]
    assert all(isinstance(i, Article) for i in items)
    assert len(notes) == 1 and "notes.md" in notes[0] and "not a supported input" in notes[0]


def test_a_single_path_may_be_given_as_a_string():
    [art] = read_paths(str(FIX / "headers" / "h08-no-header.txt"))
    assert art.dateline == "MOSCOW"


def test_missing_path_is_an_error_and_the_batch_goes_on():
    items = read(FIX / "nope.txt", FIX / "headers" / "h08-no-header.txt")
    assert isinstance(items[0], InputError) and items[0].problem == "no such file or folder"
    assert isinstance(items[1], Article)


class FakeStdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_stdin_text(monkeypatch):
    data = (FIX / "headers" / "h02-ap-two-authors.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    [art] = read("-")
    assert (art.source, art.byline, art.agency) == ("<stdin>", "Jane Doe and John Roe", "Associated Press")


def test_stdin_json_lines(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin((FIX / "records.jsonl").read_bytes()))
    items = read("-")
    assert len(items) == 8 and items[0].source == "<stdin>:line 1" and items[0].id == "r1"
    assert str(items[3]).startswith("<stdin> line 5: invalid JSON")


def test_stdin_too_large(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"word " * 1000))
    [err] = read("-", options=ReadOptions(max_bytes=1024))
    assert str(err) == "<stdin>: too large: more than 1.0 KB (ReadOptions.max_bytes)"


def test_stdin_html(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin((FIX / "page.html").read_bytes()))
    [art] = read("-")
    assert art.title == "African Union suspends Burkina Faso after coup"


def test_bundled_examples_cover_every_format():
    paths = example_paths()
    assert {p.suffix for p in paths} == {".txt", ".html", ".jsonl", ".csv"}
    items = read(*paths)
    assert not [i for i in items if isinstance(i, InputError)]
    assert len(items) >= 6
    english = [a for a in items if a.language == "en"]
    assert len(english) >= 9 and all(a.title and a.text for a in english)
    assert {a.language for a in items} == {"en", "fr"}  # one French record shows the language skip
    assert len({a.id for a in items}) == len(items)
    assert sum(1 for a in items if a.dateline) >= 8


@pytest.mark.shared
def test_seed_article_header(shared_dir):
    path = shared_dir / "examples" / "seed-article.txt"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    [art] = read(path)
    assert art.title == lines[0]  # the seed's words stay in ../shared
    assert (art.agency, art.byline) == ("Reuters", None)
    assert (art.published, art.updated) == ("2021-12-12T21:36:00", "2021-12-18T23:00:00")
    assert art.removed == tuple(line for line in lines if line.startswith("Read more:")) and len(art.removed) == 1
    assert art.text.startswith("Russian President Vladimir Putin")
    for bad in ("Read more:", "Published :", "By Reuters", "Kim Jong-un"):
        assert bad not in art.text
    assert art.text.count("\n\n") == 10  # 11 paragraphs


@pytest.mark.slow
@pytest.mark.shared
def test_check_seed_article_lines(shared_dir):
    import subprocess

    exe = Path(sys.executable).with_name("tidings")
    coded = subprocess.run(
        [str(exe), "code", str(shared_dir / "examples/seed-article.txt"), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    done = subprocess.run(
        [sys.executable, str(shared_dir / "tools/check_seed.py")],
        input=coded,
        capture_output=True,
        text=True,
        timeout=60,
    )
    report = done.stdout
    *checks, summary = [line for line in report.splitlines() if line.strip()]
    # the whole seed check, every line: metadata, boilerplate, actors, dates, events,
    # forbidden events, quotes, and the PASS line with every count full
    assert done.returncode == 0, report + done.stderr
    assert summary.startswith("seed: PASS:"), report
    counts = re.findall(r"(\w[\w ]*?) (\d+)/(\d+)", summary)
    assert {name for name, _, _ in counts} == {"metadata", "actors", "dates", "events", "quotes"}, summary
    assert all(k == n and int(n) > 0 for _, k, n in counts), summary
    assert re.search(r"false positives 0, forbidden 0$", summary), summary
    not_ok = [line for line in checks if not line.startswith("ok ")]
    assert not not_ok, report
    kinds = Counter(line.split()[1].split(".")[0].rstrip(":") for line in checks)
    assert kinds["article"] == 4 and kinds["text"] == 4 and kinds["forbidden"] >= 4, kinds
    totals = {name: int(n) for name, _, n in counts}
    assert kinds["actor"] == totals["actors"] and kinds["date"] == totals["dates"], kinds
    assert kinds["event"] == totals["events"] and kinds["quote"] == totals["quotes"], kinds


def test_rss_feed_items_are_articles():
    items = read(FIX / "feed.rss")
    assert [type(i).__name__ for i in items] == ["Article", "Article", "InputError"]
    first, second, empty = items
    assert first.source.endswith("feed.rss:item 1")
    assert (first.id, first.title, first.byline, first.outlet, first.url) == (
        "ew-2023-0101",
        "Egypt hosts Gaza ceasefire talks",
        "Nour Hassan",
        "Example Wire: World",
        "https://example.test/world/egypt-gaza-talks",
    )
    assert (first.published, first.dateline, first.agency) == ("2023-11-12T21:36:00", "CAIRO", "Reuters")
    assert first.text == (
        "Egypt hosted talks on Sunday on a ceasefire in Gaza, two security sources said.\n\n"
        "Qatar and the United States also took part, the sources said.\n\nNo agreement was announced."
    )
    assert first.removed == ("Advertisement",)
    assert second.text.startswith("Jordan recalled its ambassador") and "root:" not in second.text  # no XXE
    assert (second.published, second.id) == ("2023-11-13T08:00:00", Article.make_id(second.text, second.url))
    assert empty.source.endswith("feed.rss item 3") and "no content or description" in empty.problem


def test_atom_feed_entries_are_articles():
    un, summary = read(FIX / "feed.atom")
    assert (un.id, un.title, un.byline, un.outlet, un.url) == (
        "urn:example:un-vote",
        "UN General Assembly demands Russia withdraw from Ukraine",
        "Lena Fischer",
        "Example Atom Desk",
        "https://example.test/un-vote",
    )
    assert (un.published, un.updated, un.dateline) == ("2022-03-02T18:05:00", "2022-03-02T20:30:00", "UNITED NATIONS")
    assert un.text.endswith("backed by 141 of the assembly's 193 members.") and un.removed == ("Share this article",)
    assert (summary.published, summary.url) == ("2022-03-03T09:00:00", "https://example.test/summary")


def test_xml_that_is_not_a_feed_is_an_error(tmp_path):
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    [err] = read(tmp_path / "sitemap.xml")
    assert err.problem == "not an RSS or Atom feed (document element <urlset>)"


def test_gzip_compressed_inputs(tmp_path):
    import gzip

    (tmp_path / "corpus.jsonl.gz").write_bytes(gzip.compress((FIX / "records.jsonl").read_bytes()))
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress((FIX / "headers" / "h02-ap-two-authors.txt").read_bytes()))
    (tmp_path / "export.csv.gz").write_bytes(gzip.compress((FIX / "records.csv").read_bytes()))
    (tmp_path / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 definitely not deflate data")
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 5000))
    items = list(read_paths([str(tmp_path)], options=ReadOptions(max_bytes=4000)))
    by = {}
    for i in items:
        by.setdefault(Path(i.source.split(":")[0].split(" line ")[0]).name, []).append(i)
    assert by["bomb.txt.gz"][0].problem == "too large: more than 3.9 KB once decompressed (ReadOptions.max_bytes)"
    assert by["broken.txt.gz"][0].problem.startswith("not a readable gzip file")
    assert [type(i).__name__ for i in by["corpus.jsonl.gz"]][:3] == ["Article"] * 3
    assert by["corpus.jsonl.gz"][0].id == "r1"
    assert [getattr(i, "id", None) for i in by["export.csv.gz"]] == ["c1", "c2", None]
    assert by["story.txt.gz"][0].byline == "Jane Doe and John Roe"


def test_read_data_dispatches_on_the_name():
    import gzip

    from tidings.readers import read_data

    jsonl = list(read_data((FIX / "records.jsonl").read_bytes(), "upload.jsonl"))
    assert len(jsonl) == 8 and jsonl[0].source == "upload.jsonl:line 1"
    [page] = read_data((FIX / "page.html").read_bytes(), "page.html")
    assert page.title == "African Union suspends Burkina Faso after coup"
    csv_items = list(read_data(gzip.compress((FIX / "records.csv").read_bytes()), "export.csv.gz"))
    assert [getattr(i, "id", None) for i in csv_items] == ["c1", "c2", None]
    [text] = read_data((FIX / "headers" / "h02-ap-two-authors.txt").read_bytes(), "pasted")
    assert text.agency == "Associated Press"
    [err] = read_data(b"\x00\x01binary", "x.txt")
    assert err.source == "x.txt" and err.problem.startswith("binary input")


def test_csv_delimiter_comes_from_the_header_row_not_from_prose():
    from tidings.readers import read_data

    data = b'id\ttext\nt1\t"Iran; Iraq, and Syria met on Monday; officials said, ""talks went well""."\n'
    [art] = read_data(data, "tabs.csv")
    assert art.id == "t1" and art.text == 'Iran; Iraq, and Syria met on Monday; officials said, "talks went well".'


@pytest.mark.shared
def test_real_articles_lose_only_their_dateline_and_trailers(shared_dir):
    """On real news (PolNeAR, given titles): the cleaned text is the original text, less at
    most a dateline at the start and a wire trailer at the end; nothing of the body is eaten."""
    import json
    import re

    from tidings.readers.compose import normalise_text

    path = shared_dir / "data/dev/polnear/articles.jsonl"
    originals = {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    flat = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    shortened = 0
    for art in read(path):
        original = flat(normalise_text(originals[art.id]["text"]))
        text = flat(art.text)
        assert text in original, art.id
        assert len(original) - len(text) <= 120, art.id
        assert art.title == originals[art.id]["title"]
        shortened += text != original
    assert shortened == 8


HEADER_STYLES = [
    (
        "{title}\n\nBy Jane Doe, Reuters\nPublished: 12 Dec 2021 09:36 PM | Updated: 13 Dec 2021\n\n{text}",
        {"byline": "Jane Doe", "agency": "Reuters", "published": "2021-12-12T21:36:00", "updated": "2021-12-13"},
    ),
    (
        "{title}\nBy JANE DOE and JOHN ROE, Associated Press\nDecember 12, 2021 9:36 PM ET\n\n{text}",
        {"byline": "JANE DOE and JOHN ROE", "agency": "Associated Press", "published": "2021-12-12T21:36:00"},
    ),
    (
        "World\n\n{title}\n\nSun 12 Dec 2021 21.36 GMT\nLast modified on Mon 13 Dec 2021 02.00 GMT\n\nAdvertisement\n\n{text}",
        {"published": "2021-12-12T21:36:00", "updated": "2021-12-13T02:00:00"},
    ),
]


@pytest.mark.shared
@pytest.mark.parametrize("style, want", HEADER_STYLES)
def test_headers_put_on_real_articles_are_taken_off_again(shared_dir, style, want):
    import json
    import re

    from tidings.readers import read_text

    flat = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    path = shared_dir / "data/dev/polnear/articles.jsonl"
    for rec in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
        bare = read_text(rec["text"])
        assert bare.title is None, rec["id"]  # a first paragraph is never taken for a title
        art = read_text(style.format(title=rec["title"], text=rec["text"]))
        assert art.title == rec["title"], rec["id"]
        assert {k: getattr(art, k) for k in want} == want, rec["id"]
        assert flat(art.text) == flat(bare.text), rec["id"]


@pytest.mark.shared
def test_boilerplate_patterns_leave_real_news_alone(shared_dir):
    """1,433 real sentences and articles: the one line the patterns take is a wire trailer."""
    paths = [shared_dir / "data/dev" / name / "articles.jsonl" for name in ("conflibert", "polnear")]
    removed = [line for art in read(*paths) for line in art.removed]
    # one wire trailer, "(Reporting by ...; Additional reporting by ...; Editing by ....)"
    # (checked by its shape: the texts of ../shared are not copied into the project)
    assert len(removed) == 1, removed
    assert re.fullmatch(r"\(Reporting by [^;]+; Additional reporting by [^;]+; Editing by [^;]+\.\)", removed[0])
