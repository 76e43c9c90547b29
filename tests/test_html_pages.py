"""HTML pages (issue 20, part 3): the body, the page's own metadata and where it came from, wire
credit lines and share widgets removed and listed, datelines.

The pages of tests/fixtures/html are written for the project (invented stories in eight site
layouts); NAME.txt beside each is the body as it should be read, NAME.json its metadata and the
credit lines that must be removed. bench/html_extract.py measures the same pages under each
trafilatura setting.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tidings.readers import ReadOptions, read_paths, read_text
from tidings.readers.html import DEFAULT_EXTRACTION, Extraction, page_metadata, read_html, tidy_page_text
from tidings.readers.stamps import normalise_date
from tidings.records import Article, InputError

PAGES = Path(__file__).parent / "fixtures" / "html"
NAMES = sorted(p.stem for p in PAGES.glob("*.html"))


def _read(name: str) -> Article:
    [art] = list(read_paths([str(PAGES / f"{name}.html")]))
    assert isinstance(art, Article), art
    return art


def _expected(name: str) -> dict:
    return json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))


def test_there_are_twenty_pages_in_eight_layouts():
    assert len(NAMES) == 20
    assert len({name.split("-")[1] for name in NAMES}) == 8


@pytest.mark.parametrize("name", NAMES)
def test_body_is_the_article_and_nothing_else(name):
    art = _read(name)
    want = (PAGES / f"{name}.txt").read_text(encoding="utf-8").strip()
    assert art.text == want


@pytest.mark.parametrize("name", NAMES)
def test_metadata_comes_from_the_page_with_its_source(name):
    art, want = _read(name), _expected(name)
    assert art.title == want["title"]
    published = want["published"][:10] if "table" in name else want["published"]  # <meta name=date> with the day only
    assert art.published == normalise_date(published)
    if want["updated"] and "table" not in name and "wordpress" not in name:  # those pages show no update time
        assert art.updated == normalise_date(want["updated"])
    fields = [note.split(":", 1)[0] for note in art.metadata_from]
    assert "title" in fields and "published" in fields
    if "table" not in name:  # the old table layout declares no author: the byline is only in the text
        assert art.byline.replace(", ", " and ") == want["byline"]  # <meta name=author> lists with commas
        assert "byline" in fields


@pytest.mark.parametrize("name", NAMES)
def test_credit_lines_are_removed_and_listed(name):
    art, want = _read(name), _expected(name)
    for line in want["removed"]:
        assert line in art.removed
        assert line not in art.text


@pytest.mark.parametrize("name", [n for n in NAMES if "(AP)" in _expected(n)["dateline"]])
def test_ap_dateline_city_country(name):
    art, want = _read(name), _expected(name)
    place = want["dateline"].split(" (AP)")[0]
    assert art.dateline == place
    assert art.agency == "Associated Press"


def test_sources_name_the_markup():
    art = _read("01-ap-port-strike")
    assert art.metadata_from == (
        "title: JSON-LD headline",
        "byline: JSON-LD author",
        "published: JSON-LD datePublished",
        "updated: JSON-LD dateModified",
    )
    art = _read("02-reuters-border-talks")
    assert "published: <meta property=article:published_time>" in art.metadata_from
    art = _read("08-amp-naval-drill")
    assert "published: <time datetime>" in art.metadata_from
    assert 'byline: <a rel="author">' in art.metadata_from


def _meta(page: str):
    return page_metadata(lxml_html.fromstring(page))


def test_json_ld_is_trusted_over_meta_and_time_tags():
    page = """<html><head>
    <meta property="og:title" content="OG title">
    <meta property="article:published_time" content="2024-05-01T10:00:00Z">
    <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebPage", "name": "Not the article"},
      {"@type": "NewsArticle", "headline": "LD headline", "datePublished": "2024-05-02T08:30:00Z",
       "author": [{"@type": "Person", "name": "Ana Lima"}, {"@type": "Person", "name": "Bo Chen"},
                  {"@type": "Person", "name": "Cy Dube"}]}]}</script>
    </head><body><time datetime="2024-05-03">May 3</time><p>Text.</p></body></html>"""
    meta = _meta(page)
    assert (meta.title, meta.byline, meta.published) == (
        "LD headline",
        "Ana Lima, Bo Chen and Cy Dube",
        "2024-05-02T08:30:00",
    )
    assert dict(meta.found_in)["published"] == "JSON-LD datePublished"


def test_meta_tags_then_time_tags():
    page = """<html><head><meta name="date" content="2024-06-01"><meta name="byl" content="By Jo Park">
    </head><body><time class="updated" datetime="2024-06-02T12:00">x</time></body></html>"""
    meta = _meta(page)
    assert (meta.byline, meta.published, meta.updated) == ("Jo Park", "2024-06-01", "2024-06-02T12:00:00")
    assert dict(meta.found_in) == {
        "byline": "<meta name=byl>",
        "published": "<meta name=date>",
        "updated": "<time datetime> (updated)",
    }
    assert _meta('<html><body><time datetime="2024-07-04T09:00:00">x</time></body></html>').published == (
        "2024-07-04T09:00:00"
    )


def test_hostile_json_ld_is_ignored_not_raised():
    body = "<p>The council met on Tuesday and agreed to send more police officers to the capital city.</p>"
    deep = "[" * 100_000 + "]" * 100_000
    author = '{"name": "Ana Lima"}'
    for _ in range(5000):
        author = f"[{author}]"
    for script in (deep, '{"@type": "NewsArticle", "author": %s}' % author, "{not json"):
        page = f'<html><head><script type="application/ld+json">{script}</script></head><body>{body}</body></html>'
        art = read_html(page, "x", ReadOptions())
        assert isinstance(art, Article) and art.byline is None


def test_a_container_value_wins_and_is_not_attributed_to_the_page():
    page = (PAGES / "01-ap-port-strike.html").read_text(encoding="utf-8")
    from tidings.readers.compose import Given

    art = read_html(page, "x", ReadOptions(), Given(title="Given title"))
    assert isinstance(art, Article)
    assert art.title == "Given title"
    assert not any(note.startswith("title:") for note in art.metadata_from)


def test_page_furniture_above_the_headline_label_runs_and_pull_quotes():
    text = "\n".join(
        [
            "Home",
            "World",
            "Dispatch",
            "A headline about talks",
            "The two sides met on Monday in Geneva and agreed to meet again next week.",
            "Economic fallout",
            "The talks were the first since the war began, officials said in a statement.",
            "Party",
            "Seats",
            "86",
            "-17",
            "The two sides met on Monday in Geneva",
        ]
    )
    paras, removed = tidy_page_text(text, "A headline about talks")
    assert paras == [
        "A headline about talks",
        "The two sides met on Monday in Geneva and agreed to meet again next week.",
        "Economic fallout",  # a subheading alone is kept
        "The talks were the first since the war began, officials said in a statement.",
    ]
    assert removed == [
        "Home",
        "World",
        "Dispatch",
        "Party",
        "Seats",
        "86",
        "-17",
        "The two sides met on Monday in Geneva",
    ]


def test_a_headline_repeated_below_the_story_start_cuts_nothing():
    text = "\n".join(
        [
            "The two sides met on Monday in Geneva and agreed to meet again next week, officials said.",
            "Talks resume in Geneva",
            "The talks were the first since the war began, officials said in a statement.",
        ]
    )
    paras, removed = tidy_page_text(text, "Talks resume in Geneva")
    assert paras == text.split("\n") and removed == []


def test_default_extraction_is_the_one_measured_cleanest():
    # bench/html_extract.py, docs/readers.md: favor_precision drops whole pages laid out as tables
    assert DEFAULT_EXTRACTION == Extraction()
    page = (PAGES / "04-table-election-results.html").read_text(encoding="utf-8")
    assert isinstance(read_html(page, "x", ReadOptions(), extraction=Extraction(favor_precision=True)), InputError)
    assert isinstance(read_html(page, "x", ReadOptions()), Article)


# ---- pages written after the rules (bench/html_extract.py --pages tests/fixtures/html/heldout) ----

HELD_OUT = PAGES / "heldout"


@pytest.mark.parametrize("name", sorted(p.stem for p in HELD_OUT.glob("*.html")))
def test_pages_written_after_the_rules_read_cleanly(name):
    import re
    from collections import Counter

    [art] = list(read_paths([str(HELD_OUT / f"{name}.html")]))
    assert isinstance(art, Article), art
    words = lambda text: Counter(w.lower() for w in re.findall(r"\w+", text))
    got, want = words(art.text), words((HELD_OUT / f"{name}.txt").read_text(encoding="utf-8"))
    shared = sum((got & want).values())
    assert 2 * shared / (sum(got.values()) + sum(want.values())) >= 0.95
    assert art.title and art.published and art.metadata_from


def test_held_out_metadata_sources():
    def notes(name):
        [art] = list(read_paths([str(HELD_OUT / f"{name}.html")]))
        return art.metadata_from

    assert notes("22-agency-volcano-evacuation")[0] == "title: JSON-LD headline"  # a top-level JSON-LD list
    assert "published: <meta name=parsely-pub-date>" in notes("23-explainer-grain-corridor")
    assert "byline: <meta name=byl>" in notes("25-localpaper-bridge-closure")
    # an agency as the JSON-LD author is no byline: the agency comes from the dateline, nothing is listed
    assert not any(n.startswith("byline") for n in notes("24-tvstation-wildfire"))


# ---- the same forms in plain text -------------------------------------------------------

BODY = "The council met on Tuesday and agreed to send more police officers to the capital."


@pytest.mark.parametrize(
    "credit",
    [
        "Associated Press writer Daniel Okoro in Santiago contributed to this report.",
        "Associated Press writers Mari Yamaguchi in Tokyo and Ken Moritsugu in Beijing contributed to this report.",
        "Reporting by Grace Banda; Editing by Alison Williams",
        "Reporting by Nadia Petrosyan in Yerevan and Farid Aliyev in Baku; Additional reporting by Tom Mwale; Writing by Jonathan Spicer; Editing by Peter Graff",
        "(Reporting by Selin Demir; Editing by Daren Butler)",
        "___",
        "Follow AP's coverage of the war at https://apnews.example/hub/russia-ukraine",
        "AP Africa news: https://apnews.example/hub/africa",
    ],
)
def test_wire_credit_lines_are_removed_and_listed(credit):
    art = read_text(f"{BODY}\n\nThe vote was unanimous.\n\n{credit}")
    assert isinstance(art, Article)
    assert credit.strip("()") not in art.text and "contributed" not in art.text
    assert any(credit in line or line in credit for line in art.removed)


@pytest.mark.parametrize(
    "widget",
    [
        "Copy Link copied",
        "Link copied",
        "Share this article",
        "Share this article:",
        "Share Copy Link copied Email Facebook X Reddit",
        "Advertisement · Scroll to continue",
        "Printer-friendly version",
        "Indonesia · Volcano · Disaster",
        "aw-ks/tm",
        "This article was amended on 9 June 2026 to correct the name of the port.",
        "E-mail this story",
        "|",
    ],
)
def test_share_widgets_are_removed_and_listed(widget):
    art = read_text(f"{BODY}\n\n{widget}\n\nThe vote was unanimous, the president of the council said.")
    assert isinstance(art, Article)
    assert widget not in art.text
    assert widget in art.removed


@pytest.mark.parametrize(
    "para, place, agency",
    [
        ("KYIV, Ukraine (AP) — A drone attack", "KYIV, Ukraine", "Associated Press"),
        ("VALPARAISO, Chile (AP) — Dockworkers", "VALPARAISO, Chile", "Associated Press"),
        ("UNITED NATIONS (AP) — The council", "UNITED NATIONS", "Associated Press"),
        ("PORT-AU-PRINCE, Haiti (AP) — Gangs", "PORT-AU-PRINCE, Haiti", "Associated Press"),
        ("Kyiv, Ukraine (AP) — A drone attack", "Kyiv, Ukraine", "Associated Press"),
        ("TBILISI (Reuters) - Georgian police", "TBILISI", "Reuters"),
        ("LILONGWE, Sept 18 (Reuters) - Malawi's ruling party", "LILONGWE", "Reuters"),
        ("KHARTOUM/CAIRO, March 19 (Reuters) - Sudan's army", "KHARTOUM/CAIRO", "Reuters"),
    ],
)
def test_datelines_with_agency(para, place, agency):
    art = read_text(f"{para} said on Monday that talks would resume.\n\n{BODY}")
    assert isinstance(art, Article)
    assert (art.dateline, art.agency) == (place, agency)
    assert not art.text.startswith(para.split(" (")[0])


def test_a_share_bar_copied_one_button_a_line():
    # what a copy of a wire service's page gives: the share buttons one a line between header and story
    buttons = [
        "Share",
        "Copy",
        "Link copied",
        "Email",
        "Facebook",
        "X",
        "Reddit",
        "LinkedIn",
        "Pinterest",
        "Flipboard",
        "Print",
    ]
    text = "\n".join(
        [
            "Drone attack damages power station in southern Ukraine",
            "By OLENA KRAVETS",
            "Updated 11:20 AM GMT+2, February 8, 2026",
            *buttons,
            "",
            "KYIV, Ukraine (AP) — A drone attack overnight damaged a thermal power station, officials said Sunday.",
            "",
            BODY,
        ]
    )
    art = read_text(text)
    assert isinstance(art, Article)
    assert art.text.startswith("A drone attack overnight")
    assert art.removed == tuple(buttons)
    assert (art.dateline, art.agency, art.byline) == ("KYIV, Ukraine", "Associated Press", "OLENA KRAVETS")


def test_plain_text_gets_no_metadata_sources():
    art = read_text(f"{BODY}\n\nThe vote was unanimous.")
    assert isinstance(art, Article) and art.metadata_from == ()
