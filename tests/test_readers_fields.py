"""Inputs as people have them (issue 23, items 1-2): the field names of common scrapers and
news APIs are read as tidings' own (readers.fields), in JSON arrays, JSON lines and CSV alike;
a record with no text field is an error naming what it needs and what it has; a CSV `date`
column lands in `published`, and a date that is no date is refused with a message naming the
file, the line and the value."""

from __future__ import annotations

import json

import pytest

from tidings.readers import ReadOptions, read_paths
from tidings.readers.fields import ALIASES, canonical
from tidings.records import Article, InputError

TALKS = (
    "Russia and Ukraine held talks in Minsk on Sunday. Russian President Vladimir Putin met Ukrainian "
    "President Volodymyr Zelensky for three hours."
)


def read(path, notes=None):
    options = ReadOptions(note=notes.append) if notes is not None else ReadOptions()
    return list(read_paths([str(path)], options=options))


def only_article(items) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


# ---- news API and scraper schemas -----------------------------------------------------------

NEWSAPI = {  # NewsAPI /v2/everything, one element of "articles"
    "source": {"id": "reuters", "name": "Reuters"},
    "author": "Jane Doe",
    "title": "Talks in Minsk",
    "description": "Leaders met for three hours.",
    "url": "https://www.reuters.com/world/talks-minsk-2021-12-12/",
    "urlToImage": "https://www.reuters.com/img.jpg",
    "publishedAt": "2021-12-12T09:36:00Z",
    "content": TALKS + " [+3250 chars]",
}
NEWSPAPER3K = {
    "headline": "Talks in Minsk",
    "authors": ["Jane Doe", "John Roe"],
    "publish_date": "2021-12-12 09:36:00",
    "body": TALKS,
    "link": "https://example.org/talks",
    "source": "Example News",
}
SCRAPER = {"article": TALKS, "date": "12 December 2021", "link": "https://example.org/a", "headline": "Talks"}


def test_newsapi_articles_are_read_with_their_outlet_author_date_and_url(tmp_path):
    (tmp_path / "news.json").write_text(json.dumps([NEWSAPI]), encoding="utf-8")
    a = only_article(read(tmp_path / "news.json"))
    assert (a.title, a.outlet, a.byline) == ("Talks in Minsk", "Reuters", "Jane Doe")
    assert a.published == "2021-12-12T09:36:00"
    assert a.url == NEWSAPI["url"]
    assert a.text == TALKS  # the content, without NewsAPI's "[+3250 chars]"; not the description


def test_newspaper3k_and_scraper_records_in_json_lines(tmp_path):
    (tmp_path / "scraped").write_text(json.dumps(NEWSPAPER3K) + "\n" + json.dumps(SCRAPER) + "\n", encoding="utf-8")
    a, b = read(tmp_path / "scraped")
    assert (a.title, a.byline, a.outlet, a.url) == (
        "Talks in Minsk",
        "Jane Doe, John Roe",
        "Example News",
        NEWSPAPER3K["link"],
    )
    assert a.published == "2021-12-12T09:36:00" and a.text == TALKS
    assert (b.title, b.published, b.url) == ("Talks", "2021-12-12", SCRAPER["link"])


@pytest.mark.parametrize("field", ["published", "publishedAt", "published_at", "date", "pubDate", "datetime"])
def test_each_date_alias_is_the_publication_date(tmp_path, field):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", field: "2021-12-12", "text": TALKS}) + "\n")
    assert only_article(read(tmp_path / "a.jsonl")).published == "2021-12-12"


@pytest.mark.parametrize("field", ["text", "content", "body", "article", "maintext"])
def test_each_text_alias_is_the_text(tmp_path, field):
    (tmp_path / "a.json").write_text(json.dumps([{"id": "a", field: TALKS}]))
    assert only_article(read(tmp_path / "a.json")).text == TALKS


def test_an_alias_holding_no_value_of_its_kind_is_passed_over(tmp_path):
    rec = {
        "id": "a",
        "text": TALKS,
        "authors": [{"name": "Jane Doe"}, {"name": "John Roe"}],
        "source": {"id": None, "name": "Reuters"},
        "guid": {"ispermalink": False},
        "date": ["2021-12-12"],
        "pubdate": "2021-12-13",
    }
    (tmp_path / "a.jsonl").write_text(json.dumps(rec) + "\n")
    a = only_article(read(tmp_path / "a.jsonl"))
    assert (a.id, a.byline, a.outlet, a.published) == ("a", "Jane Doe, John Roe", "Reuters", "2021-12-13")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "text": TALKS, "title": ["x"]}) + "\n")
    [err] = read(tmp_path / "b.jsonl")  # tidings' own name with a bad value is refused, as before
    assert err.problem == "field 'title' is a list, not a string or a number"


def test_tidings_own_names_win_over_aliases():
    rec, origin = canonical({"published": "2021-12-12", "date": "2020-01-01", "text": "x", "content": "y"})
    assert (rec["published"], rec["text"]) == ("2021-12-12", "x")
    assert origin == {"published": "published", "text": "text"}


def test_a_description_is_the_text_only_when_there_is_no_full_text(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "title": "Talks", "description": TALKS}) + "\n")
    assert only_article(read(tmp_path / "a.jsonl")).text == TALKS


def test_every_alias_is_lower_case_and_belongs_to_one_field():
    names = [n for names in ALIASES.values() for n in names]
    assert all(n == n.lower() for n in names)
    assert len(names) == len(set(names))


# ---- an unknown schema ----------------------------------------------------------------------


def test_a_record_with_no_text_field_names_what_it_needs_and_what_it_has(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"id": "a", "headline": "Talks", "words": TALKS}]))
    [err] = read(tmp_path / "a.json")
    assert isinstance(err, InputError) and err.source == f"{tmp_path / 'a.json'} line 1"
    assert err.problem.startswith("record has no text field: it needs 'text' or 'html' (also read: content, body,")
    assert err.problem.endswith("found 'id', 'headline', 'words'")


def test_an_api_response_saved_whole_is_read_as_its_articles(tmp_path):
    """Once a hint to cut the list out; now read (tests/test_readers_response.py has the shapes)."""
    (tmp_path / "resp.json").write_text(json.dumps({"status": "ok", "articles": [NEWSAPI]}))
    a = only_article(read(tmp_path / "resp.json"))
    assert (a.title, a.outlet, a.text) == ("Talks in Minsk", "Reuters", TALKS)


def test_a_csv_without_a_text_column_names_what_it_needs_and_what_it_has(tmp_path):
    (tmp_path / "x.csv").write_text("id,headline,words\n1,A,B\n")
    [err] = read(tmp_path / "x.csv")
    assert err.problem.startswith("CSV has no 'text' or 'html' column: it needs one (also read: content, body,")
    assert err.problem.endswith("found 'id', 'headline', 'words'")


# ---- CSV: the date column and the aliases in the header -------------------------------------


def test_a_csv_date_column_lands_in_published(tmp_path):
    (tmp_path / "export.csv").write_text(f'id,title,date,text\nc1,Talks,2021-12-12,"{TALKS}"\n', encoding="utf-8")
    assert only_article(read(tmp_path / "export.csv")).published == "2021-12-12"


def test_a_scraper_csv_with_aliases_in_its_header_is_recognised_and_read(tmp_path):
    (tmp_path / "scrape.txt").write_text(
        f'headline,publishedAt,link,author,source.name,content\nTalks,2021-12-12T09:36:00Z,https://x.org/a,Jane Doe,Reuters,"{TALKS}"\n',
        encoding="utf-8",
    )
    a = only_article(read(tmp_path / "scrape.txt"))  # a CSV by its header, whatever the suffix
    assert (a.title, a.published, a.url, a.byline, a.outlet) == (
        "Talks",
        "2021-12-12T09:36:00",
        "https://x.org/a",
        "Jane Doe",
        "Reuters",
    )


def test_a_csv_date_that_is_no_date_is_refused_naming_file_line_and_value(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(f'id,date,text\nc1,2021-12-12,"{TALKS}"\nc2,yesterday-ish,"{TALKS} Again."\n', encoding="utf-8")
    notes: list[str] = []
    a, b = read(path, notes)
    assert a.published == "2021-12-12" and b.published is None
    assert notes == [f"{path} line 3: date 'yesterday-ish' is not a date; ignored"]


def test_a_csv_column_that_looks_like_a_date_but_is_not_read_is_noted(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(f'id,crawl_time,text\nc1,2021-12-12,"{TALKS}"\n', encoding="utf-8")
    notes: list[str] = []
    assert only_article(read(path, notes)).published is None
    assert notes == [f"{path}: column 'crawl_time' is not read (not a known date field; see docs/readers.md)"]


def test_a_json_field_that_looks_like_a_date_but_is_not_read_is_noted_once_per_file(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"id": str(n), "crawl_time": "2021-12-12", "text": TALKS} for n in range(3)]))
    notes: list[str] = []
    assert len(read(path, notes)) == 3
    assert notes == [f"{path}: field 'crawl_time' is not read (not a known date field; see docs/readers.md)"]
