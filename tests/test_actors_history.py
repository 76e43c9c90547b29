"""People of 1988-2013 news in people.tsv: their codes on the article's date, and names that two people share."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.actors import load_default_lexicon
from actorkit import mention as person


@pytest.mark.parametrize(
    "published,text,name,code,key",
    [
        # heads of government of the time, not another country's
        ("1991-03-01", "Prime Minister Li Peng met the visiting delegation on Friday.", "Li Peng", "CHNGOV", "li_peng"),
        (
            "1990-06-01",
            "Mikhail Gorbachev arrived in Washington on Thursday.",
            "Gorbachev",
            "USRGOV",
            "gorbachev_mikhail",
        ),
        (
            "1995-01-10",
            "Boris Yeltsin said the operation in Chechnya would go on.",
            "Yeltsin",
            "RUSGOV",
            "yeltsin_boris",
        ),
        ("1995-08-01", "Slobodan Milosevic met the envoy in Belgrade.", "Milosevic", "SRBGOV", "milosevic_slobodan"),
        ("1994-06-01", "Radovan Karadzic rejected the peace plan.", "Karadzic", "BIHREB", "karadzic_radovan"),
        ("1993-09-13", "Yasser Arafat and Yitzhak Rabin shook hands.", "Arafat", "PSEGOV", "arafat_yasser"),
        ("1993-09-13", "Yasser Arafat and Yitzhak Rabin shook hands.", "Rabin", "ISRGOV", "rabin_yitzhak"),
        ("1998-10-20", "Abdullah Ocalan left Syria.", "Ocalan", "TURREB", "ocalan_abdullah"),
        # two people of one name: the one in office on the date
        ("1990-08-16", "President Bush said Iraq must withdraw from Kuwait.", "Bush", "USAGOV", "bush_george_hw"),
        ("2003-03-01", "President Bush said Iraq must disarm.", "Bush", "USAGOV", "bush_george_w"),
        ("1997-05-20", "Kabila was sworn in as president in Kinshasa.", "Kabila", "CODGOV", "kabila_laurent"),
        ("2005-06-01", "Kabila met the UN envoy in Kinshasa.", "Kabila", "CODGOV", "kabila_joseph"),
        ("1996-05-01", "Hariri met the French president.", "Hariri", "LBNGOV", "hariri_rafik"),
        ("2010-05-01", "Hariri met the French president.", "Hariri", "LBNGOV", "hariri_saad"),
        ("1995-03-01", "Assad received the American envoy in Damascus.", "Assad", "SYRGOV", "assad_hafez"),
        # India's Congress party leaders are not the US Congress
        (
            "2000-03-01",
            "Congress party president Sonia Gandhi criticised the government.",
            "Sonia Gandhi",
            "INDOPP",
            "gandhi_sonia",
        ),
    ],
)
def test_people_of_the_time(nlp, published, text, name, code, key):
    m = person(nlp, text, published, name)
    assert (m.code, m.rule.split()[0]) == (code, f"people.tsv:{key}")


def test_outside_their_periods_people_keep_their_country(nlp):
    m = person(nlp, "Mikhail Gorbachev opened a foundation in Moscow.", "2005-05-01", "Gorbachev")
    assert m.code == "RUS"


def test_periods_of_one_person_do_not_run_backwards_and_keys_have_names():
    lex = load_default_lexicon()
    people = {e.key: e for e in lex.entries if e.kind == "person"}
    assert len(people) > 1300
    for key, e in people.items():
        for p in e.periods:
            assert p.start is None or p.end is None or p.start < p.end, key
    starts = [p.start for e in people.values() for p in e.periods if p.start]
    assert sum(1 for s in starts if s < dt.date(2000, 1, 1)) > 500
