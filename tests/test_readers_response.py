"""A news API's response saved whole ({"status": "ok", "articles": [...]}, and the "data",
"results" and nested "response" shapes) is read as its articles, by the format registry
(readers.formats: `code FILE`, `ingest DIR`, standard input and uploads alike), whatever the
file's name and whether it is pretty-printed or on one line. Before, it was one record with no
text field and a hint to cut the list out with jq. The responses here are written for the test."""

from __future__ import annotations

import json

import pytest

from tidings.readers import ReadOptions, read_data, read_paths
from tidings.readers.formats import RESPONSE, detect
from tidings.records import Article, InputError

TALKS = "Delegations from Arland and Belmark met in Corvina on Sunday and agreed to reopen the border crossing."


def _newsapi(i: int) -> dict:
    return {
        "source": {"id": None, "name": f"Wire {i}"},
        "author": "Ana Field",
        "title": f"Border talks {i}",
        "description": "A short summary.",
        "url": f"https://wire.example/talks-{i}",
        "urlToImage": None,
        "publishedAt": f"2024-03-0{i}T10:00:00Z",
        "content": TALKS + " [+1200 chars]",
    }


def _read(path, notes=None) -> list:
    options = ReadOptions(note=notes.append) if notes is not None else ReadOptions()
    return list(read_paths([str(path)], options=options))


def test_a_pretty_printed_newsapi_response_is_its_articles(tmp_path):
    path = tmp_path / "everything.json"
    path.write_text(json.dumps({"status": "ok", "totalResults": 2, "articles": [_newsapi(1), _newsapi(2)]}, indent=2))
    first, second = _read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.title, first.outlet, first.byline, first.url) == (
        "Border talks 1",
        "Wire 1",
        "Ana Field",
        "https://wire.example/talks-1",
    )
    assert (first.published, second.published) == ("2024-03-01T10:00:00", "2024-03-02T10:00:00")
    assert first.text == TALKS  # the content, without NewsAPI's "[+1200 chars]"
    text = path.read_text()
    for art, title in ((first, "Border talks 1"), (second, "Border talks 2")):  # the line the article starts on
        line = int(art.source.rsplit(":line ", 1)[1])
        assert title in "\n".join(text.splitlines()[line - 1 : line + 12])
        assert art.source.startswith(f"{path}:line ")


def test_a_response_on_one_line_without_a_suffix_and_from_standard_input(tmp_path):
    body = json.dumps({"status": "ok", "totalResults": 2, "articles": [_newsapi(1), _newsapi(2)]})
    (tmp_path / "saved").write_text(body)
    assert [a.title for a in _read(tmp_path / "saved")] == ["Border talks 1", "Border talks 2"]
    assert detect("", body.encode()) is RESPONSE
    assert [a.title for a in read_data(body.encode(), "-")] == ["Border talks 1", "Border talks 2"]


def test_ingest_dir_reads_the_response_as_code_file_does(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page1.json").write_text(json.dumps({"status": "ok", "articles": [_newsapi(1)]}, indent=1))
    (folder / "page2").write_text(json.dumps({"status": "ok", "articles": [_newsapi(2)]}))
    notes: list[str] = []
    titles = sorted(a.title for a in _read(folder, notes))
    assert titles == ["Border talks 1", "Border talks 2"] and not any("skipped" in n for n in notes)


def test_pages_saved_as_json_lines_are_read_in_turn(tmp_path):
    pages = [{"status": "ok", "articles": [_newsapi(1)]}, {"status": "ok", "articles": [_newsapi(2), _newsapi(3)]}]
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pages))
    items = _read(tmp_path / "pages.jsonl")
    assert [(a.title, a.source.rsplit(" ", 1)[1]) for a in items] == [
        ("Border talks 1", "1"),
        ("Border talks 2", "2"),
        ("Border talks 3", "2"),
    ]


@pytest.mark.parametrize(
    "response",
    [
        {
            "pagination": {"limit": 1, "total": 1},
            "data": [{"title": "T", "description": TALKS, "published_at": "2024-03-01"}],
        },
        {
            "status": "success",
            "totalResults": 1,
            "results": [{"title": "T", "content": TALKS, "pubDate": "2024-03-01"}],
        },
        {
            "response": {
                "status": "ok",
                "results": [
                    {
                        "webTitle": "T",
                        "webUrl": "https://paper.example/t",
                        "webPublicationDate": "2024-03-01",
                        "fields": {"bodyText": TALKS, "byline": "Ana Field"},
                    }
                ],
            }
        },
        {
            "status": "OK",
            "response": {
                "docs": [
                    {
                        "headline": {"main": "T"},
                        "title": "T",
                        "web_url": "https://x.example",
                        "pub_date": "2024-03-01",
                        "lead_paragraph": "x",
                        "text": TALKS,
                    }
                ]
            },
        },
    ],
    ids=["data", "results", "guardian", "nyt"],
)
def test_the_other_common_shapes(tmp_path, response):
    (tmp_path / "r.json").write_text(json.dumps(response, indent=1))
    notes: list[str] = []
    (art,) = _read(tmp_path / "r.json", notes)
    assert isinstance(art, Article), art
    assert (art.title, art.text, art.published[:10]) == ("T", TALKS, "2024-03-01")
    assert not notes


def test_the_guardian_fields_are_read():
    body = {
        "response": {
            "results": [
                {
                    "webTitle": "T",
                    "webUrl": "https://paper.example/t",
                    "webPublicationDate": "2024-03-01T06:00:00Z",
                    "fields": {"bodyText": TALKS, "byline": "Ana Field"},
                }
            ]
        }
    }
    (art,) = read_data(json.dumps(body).encode(), "guardian.json")
    assert isinstance(art, Article)
    assert (art.url, art.byline, art.published) == ("https://paper.example/t", "Ana Field", "2024-03-01T06:00:00")


def test_an_empty_response_says_so(tmp_path):
    (tmp_path / "none.json").write_text(json.dumps({"status": "ok", "totalResults": 0, "articles": []}))
    (err,) = _read(tmp_path / "none.json")
    assert isinstance(err, InputError) and err.problem == "the response's 'articles' list is empty (no articles)"


def test_a_record_that_has_a_list_is_still_a_record(tmp_path):
    """An article with its text first and a 'data' list in it is a JSON line, not a response."""
    rec = {"id": "a1", "text": TALKS, "data": [{"kind": "image"}]}
    (tmp_path / "a.jsonl").write_text(json.dumps(rec) + "\n")
    (art,) = _read(tmp_path / "a.jsonl")
    assert isinstance(art, Article) and art.id == "a1" and art.text == TALKS
    assert detect(".jsonl", json.dumps(rec).encode()) is not RESPONSE


def test_bad_json_and_elements_that_are_no_objects_are_errors_naming_the_line(tmp_path):
    (tmp_path / "cut.json").write_text('{"status": "ok",\n "articles": [\n  {"title": "T", "content": "x"},\n')
    (err,) = _read(tmp_path / "cut.json")
    assert isinstance(err, InputError) and err.source == f"{tmp_path / 'cut.json'} line 1"
    assert err.problem.startswith("invalid JSON")
    (tmp_path / "odd.json").write_text('{"articles": [\n{"title": "T", "content": "' + TALKS + '"},\n"text"]}')
    art, err = _read(tmp_path / "odd.json")
    assert isinstance(art, Article) and isinstance(err, InputError)
    assert err.source == f"{tmp_path / 'odd.json'} line 3" and err.problem == "expected a JSON object, got str"


def test_a_list_under_an_unknown_key_still_says_where_the_articles_are(tmp_path):
    (tmp_path / "resp.json").write_text(json.dumps({"took": 3, "hits": [_newsapi(1)]}))
    (err,) = _read(tmp_path / "resp.json")
    assert isinstance(err, InputError)
    assert "'hits' is a list of 1 object(s)" in err.problem and "jq '.hits'" in err.problem


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ({"status": "error", "code": "apiKeyInvalid", "message": "Your key is not valid."}, "apiKeyInvalid: Your key"),
        ({"error": {"code": 429, "message": "Too many requests"}}, "429: Too many requests"),
        ({"status": "failed", "error": "quota exceeded"}, "quota exceeded"),
    ],
)
def test_an_error_answer_saved_instead_of_articles_says_so(tmp_path, answer, said):
    path = tmp_path / "page.json"
    path.write_text(json.dumps(answer))
    (got,) = _read(path)
    assert isinstance(got, InputError) and "a news API's error response, not articles" in got.problem
    assert said in got.problem


def test_a_record_with_a_status_field_is_not_an_error_answer(tmp_path):
    path = tmp_path / "page.jsonl"
    path.write_text(json.dumps({"status": "published", "title": "No body here"}) + "\n")
    (got,) = _read(path)
    assert isinstance(got, InputError) and "record has no text field" in got.problem
