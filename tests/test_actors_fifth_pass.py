"""Actor rules of the fifth pass of issue 18 (s12): a title before the surname of a listed
office-holder ("Prime Minister Koirala"), a name's abbreviation in parentheses before a role
("European Union (EU) diplomats"), a body named in apposition to its description ("the
Islamist movement Hamas"). The sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from actorkit import actors_only, mention
from tidings.nlp import new_doc


def test_a_title_before_the_surname_of_the_office_holder_names_him(nlp):
    text = "Prime Minister Koirala briefed the ministers. Later Koirala urged the guerrillas to talk."
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2006, 11, 9)))
    got = [(m.text, m.code) for m in doc._.actor_mentions if "Koirala" in m.text]
    assert got == [("Prime Minister Koirala", "NPLGOV"), ("Koirala", "NPLGOV")]


def test_a_title_that_is_not_the_surnames_office_stays_a_title(nlp):
    # no Koirala was foreign minister on that day: the title alone
    m = mention(nlp, "Foreign Minister Koirala briefed the ministers.", "2006-11-09", "Koirala")
    assert m.code == "GOV"
    # outside the office-holder's period the title does not name him either
    m = mention(nlp, "Prime Minister Koirala briefed the ministers.", "2005-06-01", "Koirala")
    assert m.code == "GOV"


def test_a_names_abbreviation_does_not_part_it_from_its_role(nlp):
    m = mention(nlp, "European Union (EU) diplomats met the Lebanese Prime Minister.", "2005-11-01", "diplomats")
    assert m.code == "IGOEUREEC"
    assert m.text == "European Union (EU) diplomats"
    doc = actors_only(nlp, new_doc(nlp, "The European Union (EU) said it would help.", dt.date(2005, 11, 1)))
    assert [(m.text, m.code) for m in doc._.actor_mentions][:1] == [("European Union (EU)", "IGOEUREEC")]


@pytest.mark.parametrize(
    "text,words,code",
    [
        ("Fatah clashed with the ruling Islamist movement Hamas on Monday.", "Hamas", "PSEREB"),
        ("Israel bombed the Shiite militia Hezbollah.", "Hezbollah", "LBNREB"),
    ],
)
def test_a_body_named_after_its_description_is_that_body(nlp, text, words, code):
    m = mention(nlp, text, "2006-12-23", words)
    assert m.code == code
    assert m.text.split()[-1] == words


@pytest.mark.parametrize(
    "published,text,words,code",
    [
        ("2005-11-01", "DPR Korean officials met South Korean officials.", "DPR Korean officials", "PRKGOV"),
        ("2005-11-01", "DPR Korea rejected the plan.", "DPR Korea", "PRK"),
        ("2005-12-06", "Moscow attacked the ODIHR over its report.", "ODIHR", "IGOSCE"),
        ("2006-11-30", "Ethiopia accused the UIC of training rebels.", "UIC", "SOMREB"),
        ("2005-11-29", "The Europeans promised to help Somalia.", "Europeans", "EUR"),
    ],
)
def test_fifth_pass_names(nlp, published, text, words, code):
    assert mention(nlp, text, published, words).code == code


@pytest.mark.parametrize(
    "text,words,code",
    [
        ("The commander of the British forces here greeted the Chinese officers.", "commander", "GBRMIL"),
        ("The chief of the Iraqi army resigned.", "chief", "IRQMIL"),
    ],
)
def test_a_commander_of_a_countrys_forces_is_theirs(nlp, text, words, code):
    assert mention(nlp, text, "1997-04-21", words).code == code


def test_an_apposition_after_modifiers_describes_the_person(nlp):
    text = (
        "Dutch police arrested Paul Watson on Friday. Watson, a 46-year old Canadian citizen who "
        "co-founded Greenpeace, was detained at the airport."
    )
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(1997, 4, 11)))
    assert [m.code for m in doc._.actor_mentions if m.text == "Watson"] == ["CANCVL"]


def test_a_town_after_a_given_name_is_a_surname(nlp):
    text = "Puerto Rico Police Superintendent Pedro Toledo urged people to stay calm."
    m = mention(nlp, text, "1998-02-13", "Toledo")
    assert m.code == "PRICOP"
    doc = actors_only(nlp, new_doc(nlp, "Police in Toledo arrested a man.", dt.date(1998, 2, 13)))
    assert [m.code for m in doc._.actor_mentions if m.text == "Toledo"] == ["USA"]


def test_a_kind_of_body_refers_back_to_the_body_of_that_sector(nlp):
    text = (
        "The Red Cross will reopen its offices in Myanmar, an official said on Friday. Prisons were "
        "closed to visitors. The aid agency sought access to them. China's Xinhua reported the visit. "
        "The news agency said the talks ended."
    )
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2006, 12, 15)))
    got = {m.text: m.code for m in doc._.actor_mentions}
    assert got["The aid agency"] == "NGOHLHIRC"
    assert got["The news agency"] == "CHNGOVMED"


@pytest.mark.parametrize(
    "published,text,words,code",
    [
        ("2006-11-19", "UN peacekeeping troops from Bangladesh provided aid.", "peacekeeping troops", "IGOUNO"),
        ("2006-11-19", "African Union peacekeeping troops arrived.", "peacekeeping troops", "IGOAFRAFU"),
        ("2006-11-19", "Peacekeepers arrived in the town.", "Peacekeepers", "IGOPKO"),
        ("1997-04-18", "Albania's Democratic Party won the vote.", "Democratic Party", "ALBPTY"),
        ("1997-04-18", "Hong Kong's Democratic Party chief Martin Lee spoke.", "Martin Lee", "HKGOPP"),
        ("1997-04-18", "The Democratic Party won in Ohio.", "Democratic Party", "USAPTY"),
    ],
)
def test_a_body_named_with_its_owner_is_the_owners(nlp, published, text, words, code):
    assert mention(nlp, text, published, words).code == code


def test_the_second_country_of_a_role_shares_it(nlp):
    text = "Chirac held talks with the leaders of South Africa and Niger on Saturday."
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2005, 12, 3)))
    got = {m.text: m.code for m in doc._.actor_mentions}
    assert got["the leaders of South Africa"] == "ZAFGOV"
    assert got["Niger"] == "NERGOV"


def test_the_two_sides_look_back_for_a_second_country(nlp):
    text = (
        "Foreign Minister Li Zhaoxing informed Russian Ambassador to China Sergey Razov on Saturday of the "
        "pollution. The river is expected to flow into the Amur. Li Zhaoxing expressed his regret. "
        "Chinese leaders have made directions to tackle the problem. China has informed its neighbor of "
        "the details. The two sides have agreed to open a hotline."
    )
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2005, 11, 26)))
    sides = sorted(m.code[:3] for m in doc._.actor_mentions if m.text == "The two sides")
    assert sides == ["CHN", "RUS"]


def test_sadr_city_is_no_sadr(nlp):
    doc = actors_only(nlp, new_doc(nlp, "Sadr City residents protested on Monday.", dt.date(2006, 11, 24)))
    assert not [m for m in doc._.actor_mentions if m.code == "IRQOPP"]
