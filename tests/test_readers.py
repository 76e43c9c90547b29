"""Readers: header sniffing, stamps, datelines, boilerplate (fixtures in tests/fixtures/readers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.readers import BoilerplateError, ReadOptions, read_paths, read_text
from tidings.readers.agencies import load_agencies
from tidings.readers.boilerplate import load_boilerplate, validate_pattern_file
from tidings.readers.compose import paragraphs
from tidings.readers.dateline import parse_dateline
from tidings.readers.header import parse_byline
from tidings.readers.stamps import normalise_date, parse_stamp_line
from tidings.records import Article, InputError

FIX = Path(__file__).parent / "fixtures" / "readers"
HEADERS = json.loads((FIX / "headers.json").read_text(encoding="utf-8"))


def read_one(path, **kw) -> Article:
    items = list(read_paths([str(path)], **kw))
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_variants(name):
    art = read_one(FIX / "headers" / name)
    want = HEADERS[name]
    for key, value in want.items():
        if key == "text_starts":
            assert art.text.startswith(value), art.text[:120]
        elif key == "removed":
            assert list(art.removed) == value
        else:
            assert getattr(art, key) == value, (key, getattr(art, key))
    # nothing of the header is left in the text
    assert not art.text.startswith(("By ", "Published", "Updated", "Last ", "First ", "AFP", "(", "Advert"))
    assert "(Reuters) -" not in art.text and "(AP) —" not in art.text and "(AFP) -" not in art.text
    assert art.language == "en"
    assert art.source.endswith(name)


@pytest.mark.parametrize(
    "line, want",
    [
        (
            "Published : 03 Mar 2022 07:15 AM | Updated : 05 Mar 2022 10:40 PM",
            [("published", "2022-03-03T07:15:00"), ("updated", "2022-03-05T22:40:00")],
        ),
        ("Updated: 2021-12-18", [("updated", "2021-12-18")]),
        ("December 12, 2021 9:36 PM ET", [("", "2021-12-12T21:36:00")]),
        ("12/12/2021", [("", "2021-12-12")]),
        ("Sun 12 Dec 2021 21.36 GMT", [("", "2021-12-12T21:36:00")]),
        ("Last updated on Dec. 18, 2021 at 11:00 p.m.", [("updated", "2021-12-18T23:00:00")]),
        ("2021-12-12T21:36:00Z", [("", "2021-12-12T21:36:00")]),
        ("2021-12-12T21:36:00+03:00", [("", "2021-12-12T21:36:00")]),
        ("9:36 PM ET, Sun December 12, 2021", [("", "2021-12-12T21:36:00")]),
        ("Posted on 12th December 2021", [("published", "2021-12-12")]),
        ("Published 12 Dec 2021, updated 18 Dec 2021", [("published", "2021-12-12"), ("updated", "2021-12-18")]),
        ("Dec 12, 2021 | 21:36 IST", [("", "2021-12-12T21:36:00")]),
        ("12.12.2021 21:36", [("", "2021-12-12T21:36:00")]),
        ("First published on Sun 12 Dec 2021 21.36 GMT", [("published", "2021-12-12T21:36:00")]),
        ("December 13, 20215:02 AM GMTUpdated 2 years ago", [("", "2021-12-13T05:02:00")]),
        ("December 12, 2021 9:36 PM GMT+0Updated 6 days ago", [("", "2021-12-12T21:36:00")]),
        ("Dec 12, 2021 9:36 PM GMT+3", [("", "2021-12-12T21:36:00")]),
    ],
)
def test_stamp_lines(line, want):
    got = parse_stamp_line(line)
    assert [(s.kind, s.value) for s in got] == want


@pytest.mark.parametrize(
    "line",
    [
        "Putin met Biden on Dec 7, 2021 and said talks would go on",
        "December 2021",
        "Russia said on Sunday it would respond.",
        "31/02/2021",
        "Updated talks are planned",
    ],
)
def test_stamp_lines_that_are_not_stamps(line):
    assert parse_stamp_line(line) is None


def test_day_first_option_for_ambiguous_dates():
    assert parse_stamp_line("03/04/2021")[0].value == "2021-03-04"
    assert parse_stamp_line("03/04/2021", day_first=True)[0].value == "2021-04-03"
    assert normalise_date("2021-12-12T21:36:00.123+01:00") == "2021-12-12T21:36:00"
    assert normalise_date("not a date") is None
    assert normalise_date(1639345000) == "2021-12-12T21:36:40"  # Unix seconds, UTC
    assert normalise_date("1639345000000") == "2021-12-12T21:36:40"  # milliseconds
    assert normalise_date("20211212") == "2021-12-12" and normalise_date("20211332") is None


@pytest.mark.parametrize(
    "line, want",
    [
        ("By Reuters", (None, "Reuters")),
        ("By Jane Doe and John Roe, Associated Press", ("Jane Doe and John Roe", "Associated Press")),
        ("AFP", (None, "AFP")),
        ("(Reuters)", (None, "Reuters")),
        ("Reuters Staff", (None, "Reuters")),
        ("By Jane Doe", ("Jane Doe", None)),
        ("Jane Doe | Reuters", ("Jane Doe", "Reuters")),
        ("Jane Doe (AFP)", ("Jane Doe", "AFP")),
        ("Source: Xinhua", (None, "Xinhua")),
        ("By Leila Ben Hassan, Agence France-Presse", ("Leila Ben Hassan", "AFP")),
        ("Staff and agencies in Tbilisi", ("Staff and agencies in Tbilisi", None)),
    ],
)
def test_bylines(line, want):
    assert parse_byline(line, load_agencies()) == want


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week, talks resumed",
        "By Friday",
        "Russia said",
        "By Jane Doe.",
        "by 2025 the army will be smaller",
    ],
)
def test_not_bylines(line):
    assert parse_byline(line, load_agencies()) is None


@pytest.mark.parametrize(
    "para, place, agency, rest",
    [
        ("MOSCOW, Dec 12 (Reuters) - Russia said", "MOSCOW", "Reuters", "Russia said"),
        ("WASHINGTON (AP) — The White House said", "WASHINGTON", "Associated Press", "The White House said"),
        ("KYIV, Ukraine — Russian forces shelled", "KYIV, Ukraine", None, "Russian forces shelled"),
        ("Beirut (AFP) - Lebanon's cabinet met", "Beirut", "AFP", "Lebanon's cabinet met"),
        ("NEW DELHI: India said", "NEW DELHI", None, "India said"),
        ("KHARTOUM/CAIRO, Dec. 12 (Reuters) - Sudan's army said", "KHARTOUM/CAIRO", "Reuters", "Sudan's army said"),
        ("UNITED NATIONS, Dec 12 (Reuters) -- The council met", "UNITED NATIONS", "Reuters", "The council met"),
        ("LONDON, 12 December (IANS) - Britain said", "LONDON", "IANS", "Britain said"),
        ("(Reuters) - Google said on Monday", None, "Reuters", "Google said on Monday"),
        ("Dec 12 (Reuters) - Russia said", None, "Reuters", "Russia said"),
    ],
)
def test_datelines(para, place, agency, rest):
    d = parse_dateline(para, load_agencies())
    assert (d.place, d.agency, d.rest) == (place, agency, rest)


@pytest.mark.parametrize(
    "para",
    [
        "Russia said on Sunday - that is, yesterday - it would",
        "(In a separate move) - the army said",
        "NATO — the alliance — said",
        "The US said: no talks",
        "BREAKING NEWS — talks collapse",
        "Biden (not Putin) - said",
    ],
)
def test_not_datelines(para):
    assert parse_dateline(para, load_agencies()) is None


BOILER = [
    "Read more: Erdogan flies to Sochi for talks with Putin",
    "READ MORE Kim summit",
    "Also read | Putin talks",
    "Related: Timeline of the conflict",
    "Related Stories",
    "Follow us on Twitter and Facebook",
    "Subscribe to our newsletter",
    "Advertisement",
    "Sign up for breaking news alerts",
    "Click here to get the app",
    "© 2021 Reuters",
    "Copyright 2021 The Associated Press. All rights reserved.",
    "Photo: Reuters",
    "(Photo by John Smith /AFP)",
    "Image: Getty Images",
    "Share this article",
    "Facebook Twitter WhatsApp Email",
    "Reporting by Jane Doe; Editing by John Roe",
    "(Reporting by Jane Doe in Moscow; Additional reporting by Ann Lee; Editing by John Roe)",
    "Putin speaks in Moscow. REUTERS/Evgenia Novozhenina",
    "Story continues below advertisement",
    "4 min read",
    "This article was originally published on The Conversation.",
    "toggle caption",
    "Updated 2 hours ago",
    "Copyright © 2021 Reuters",
    "Copyright Reuters 2021. All rights reserved",
    "Photo by John Smith/AFP",
    "FILE PHOTO - Russian troops drive past in Crimea, January 18, 2022. REUTERS/Alexey Pavlishak",
    "Photo credit: AFP",
    "Sign up for our Morning Briefing newsletter: the day's top stories",
]
NOT_BOILER = [
    "Subscribers to the service said the talks failed.",
    "Related talks will continue on Monday, the ministry said.",
    "Follow-up talks are due next week.",
    "Photographs of the attack circulated widely online.",
    "The copyright dispute went to court.",
    "Share prices fell after the announcement.",
    "Advertisement spending rose by 4%, the agency said.",
    "Reporting restrictions apply in the case, the court said.",
    "A Reuters/Ipsos poll showed most voters support him.",
    "See also the ministry statement issued on Monday.",
    "Signing up to the deal would cost billions, he said.",
    "Video by a local journalist showed troops entering the town.",
    "Copyright lawsuits against tech firms are mounting, the paper said.",
    "Aaron Blake said the vote was close.",
    "Pictures - taken by residents - show the damage.",
    "Join the international community in condemning the attack, he urged.",
    "The ministry's newsletter - published weekly - said talks would resume.",
    "Image is everything, the minister said.",
]


@pytest.mark.parametrize("line", BOILER)
def test_boilerplate_lines_are_removed(line):
    text = f"Title of a story\n\nRussia and Ukraine held talks on Monday, officials said.\n\n{line}\n\nThe talks ended."
    art = read_text(text)
    assert line not in art.text
    assert art.removed == (line,)
    assert art.text == "Russia and Ukraine held talks on Monday, officials said.\n\nThe talks ended."


@pytest.mark.parametrize("line", NOT_BOILER)
def test_prose_is_not_boilerplate(line):
    assert not load_boilerplate().is_boilerplate(line)


def test_inline_link_labels_are_dropped():
    art = read_text("Talks\n\nThe Kremlin said, opens new tab on Sunday that talks, opens new tab would go on.")
    assert art.text == "The Kremlin said on Sunday that talks would go on."


def test_boilerplate_article_fixture():
    art = read_one(FIX / "boilerplate-article.txt")
    assert art.text.split("\n\n") == [
        "A ceasefire between Israel and Hamas held on Saturday as Egyptian mediators pressed both sides to "
        "agree a longer truce, security sources said.",
        "Egypt sent two delegations to monitor the truce, one to Tel Aviv and one to Gaza, the sources said.",
        "The United Nations said it was ready to help rebuild Gaza.",
        '"We will not allow a return to the fighting," an Egyptian official said.',
    ]
    assert len(art.removed) == 15
    assert art.removed[0] == "Advertisement" and art.removed[-1] == "© 2021 Reuters. All rights reserved."
    assert (art.dateline, art.agency, art.published) == ("CAIRO", "Reuters", "2021-05-22T08:00:00")


def test_wire_trailer_glued_to_the_last_paragraph_is_cut():
    art = read_text(
        "Talks end\n\nIran and the EU ended talks in Vienna on Friday, diplomats said. "
        "(Reporting by Jane Doe in Vienna; Editing by John Roe)"
    )
    assert art.text == "Iran and the EU ended talks in Vienna on Friday, diplomats said."
    assert art.removed == ("(Reporting by Jane Doe in Vienna; Editing by John Roe)",)
    kept = read_text(
        "Talks end\n\nIran and the EU ended talks in Vienna (Austria) on Friday. (The talks began in April.)"
    )
    assert kept.text.endswith("(The talks began in April.)") and kept.removed == ()


def test_user_pattern_file_extends_the_bundled_ones():
    text = "Talks resume\n\nIran and the EU resumed talks in Vienna on Monday.\n\nWatch our live coverage here\n\n-- The Newsroom --"
    plain = read_text(text)
    assert "Watch our live coverage" in plain.text
    extended = read_text(text, options=ReadOptions(boilerplate_files=(str(FIX / "extra-patterns.txt"),)))
    assert extended.text == "Iran and the EU resumed talks in Vienna on Monday."
    assert extended.removed == ("Watch our live coverage here", "-- The Newsroom --")
    only = read_text(
        "Talks\n\nAdvertisement\n\nIran met EU envoys.",
        options=ReadOptions(boilerplate_files=(str(FIX / "extra-patterns.txt"),), replace_boilerplate=True),
    )
    assert "Advertisement" in only.text


def test_bad_pattern_file_is_reported_with_file_and_line():
    problems = validate_pattern_file(FIX / "bad-patterns.txt")
    assert [(Path(p.file).name, p.line) for p in problems] == [("bad-patterns.txt", 4), ("bad-patterns.txt", 5)]
    assert "bad regex" in problems[0].problem and "empty line" in problems[1].problem
    with pytest.raises(BoilerplateError, match=r"bad-patterns.txt:4: bad regex"):
        list(
            read_paths(
                [str(FIX / "page.html")], options=ReadOptions(boilerplate_files=(str(FIX / "bad-patterns.txt"),))
            )
        )
    assert validate_pattern_file(Path(__file__).parents[1] / "src/tidings/data/boilerplate/patterns.txt") == []


@pytest.mark.parametrize(
    "line, title",
    [
        ("Gov. Newsom signs climate bill", True),
        ("Talks to resume on Dec. 12 in Geneva", True),
        ("U.S. and Russia end Geneva talks", True),
        ("'We will respond,' Kremlin warns West", True),
        ("Russia said it would respond. NATO rejected the demand", False),
        ("Russia and Ukraine held talks on Monday.", False),
        ("MOSCOW, Dec 12 (Reuters) - Russia said", False),
        ("talks resumed in Vienna", False),
        (
            "Retired general said Trump was “absolutely right” when he said the generals were “reduced to rubble.”",
            False,
        ),
    ],
)
def test_looks_like_title(line, title):
    from tidings.readers.header import looks_like_title

    assert looks_like_title(line, load_agencies()) is title


def test_paragraphs_join_wrapped_lines_and_keep_line_breaks_as_boundaries():
    lines = [
        "Russia and Ukraine held talks on Monday in the Belarusian",
        "border town, officials said.",
        "",
        "First point",
        "Second point",
        "",
        "The end.",
    ]
    assert paragraphs(lines) == [
        "Russia and Ukraine held talks on Monday in the Belarusian border town, officials said.",
        "First point",
        "Second point",
        "The end.",
    ]


def test_a_given_title_stops_the_first_paragraph_being_taken_for_one():
    from tidings.readers.compose import Given, compose_article

    text = "Flynn said the president was “absolutely right” about the generals.”\n\nHe spoke on Thursday."
    text = text.replace("generals.”", "generals”")  # a first paragraph that could pass for a headline
    art = compose_article(text, "r", ReadOptions(), Given(title="Flynn backs Trump on generals"))
    assert art.title == "Flynn backs Trump on generals" and art.text.startswith("Flynn said the president")
    again = compose_article(
        "Flynn backs  Trump on generals\nBy Reuters\nUpdated: 2016-09-08\n\n" + text,
        "r",
        ReadOptions(),
        Given(title="Flynn backs Trump on generals"),
    )
    assert again.text == art.text and (again.agency, again.updated) == ("Reuters", "2016-09-08")


def test_cleaning_can_be_turned_off_piece_by_piece():
    text = (FIX / "boilerplate-article.txt").read_text()
    keep = read_text(text, options=ReadOptions(remove_boilerplate=False, cut_dateline=False))
    assert keep.text.startswith("CAIRO, May 22 (Reuters) - A ceasefire") and "Advertisement" in keep.text
    assert (keep.dateline, keep.agency, keep.removed) == ("CAIRO", "Reuters", ())
    raw = read_text(text, options=ReadOptions(sniff_header=False, remove_boilerplate=False, cut_dateline=False))
    assert raw.text.startswith("Ceasefire holds in Gaza") and raw.title is None and raw.published is None


def test_published_argument_applies_only_when_input_has_none():
    assert read_one(FIX / "headers" / "h08-no-header.txt", published="2021-12-12").published == "2021-12-12"
    assert (
        read_one(FIX / "headers" / "h02-ap-two-authors.txt", published="2020-01-01").published == "2021-12-12T21:36:00"
    )


def test_ids_are_content_hashes_and_stable():
    a = read_one(FIX / "headers" / "h08-no-header.txt")
    b = read_one(FIX / "headers" / "h08-no-header.txt")
    assert a.id == b.id == Article.make_id(a.text)
    assert read_text("Title here\n\nSome body text, officials said.").id != a.id


def test_empty_after_cleaning_is_an_input_error():
    err = read_text("Advertisement\n\nShare this article\n\n© 2021 Reuters")
    assert isinstance(err, InputError) and "no article text" in err.problem and "3 boilerplate" in err.problem


def test_pattern_checker_command():
    import subprocess
    import sys

    ok = subprocess.run([sys.executable, "-m", "tidings.readers"], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and "0 problem(s)" in ok.stdout and "RuntimeWarning" not in ok.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "tidings.readers", str(FIX / "bad-patterns.txt")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1 and "bad-patterns.txt:4: bad regex 'bad [pattern'" in bad.stderr


def test_agency_file_validator(tmp_path):
    from tidings.readers.agencies import validate_agency_file

    f = tmp_path / "agencies.txt"
    f.write_text("# mine\nAcme Wire | AW\nAnother Wire | AW\n")
    assert validate_agency_file(f) == [f"{f}:3: 'AW' already names 'Acme Wire' (line 2)"]
    bundled = Path(__file__).parents[1] / "src/tidings/data/boilerplate/agencies.txt"
    assert validate_agency_file(bundled) == []
    from tidings.readers import read_text

    art = read_text("Talks\n\nBy AW\n\nThe two sides met.", options=ReadOptions(agency_files=(str(f),)))
    assert art.agency == "Another Wire"  # later files win


def test_bad_agency_file_is_a_bad_option_raised_before_reading(tmp_path):
    from tidings.readers import DataFileError

    bad = tmp_path / "agencies.txt"
    bad.write_text("Acme Wire\n|\n")
    with pytest.raises(DataFileError, match=r"agencies.txt:2: no agency name"):
        list(read_paths([str(FIX / "page.html")], options=ReadOptions(agency_files=(str(bad),))))
    with pytest.raises(DataFileError, match=r"cannot read agency file"):
        list(read_paths([str(FIX / "page.html")], options=ReadOptions(agency_files=(str(tmp_path / "none.txt"),))))
