"""Cabinets, security chiefs, legislators and governors of 1988-2013 news in people.tsv (issue 18).

The codes of the period that covers the article's date (a police chief COP, a prosecutor JUD, an
intelligence chief SPY, a senator LEG), the country only outside every period, and data checks on
the dates: one holder at a time for offices a country has only one of.
"""

from __future__ import annotations

import collections
import datetime as dt

import pytest

from tidings.actors import load_default_lexicon
from tidings.nlp import new_doc
from actorkit import actors_only
from actorkit import mention as person


@pytest.mark.parametrize(
    "published,text,name,code,key",
    [
        # law enforcement and justice: COP and JUD, not GOV
        ("1998-08-10", "Louis Freeh said the bureau would send agents to Nairobi.", "Freeh", "USACOP", "freeh_louis"),
        ("1998-09-11", "Kenneth Starr sent his report to Congress.", "Starr", "USAJUD", "starr_kenneth"),
        ("1999-03-01", "Vladimiro Montesinos met the army commanders.", "Montesinos", "PERSPY", "montesinos_vladimiro"),
        ("1996-11-05", "Ali Fallahian denied the accusations.", "Fallahian", "IRNSPY", "fallahian_ali"),
        ("1999-06-01", "Mohammed Yazdi warned the newspapers.", "Yazdi", "IRNJUD", "yazdi_mohammad"),
        # cabinet members, spokesmen and legislators
        ("1997-04-18", "Mike McCurry told reporters the talks would go on.", "McCurry", "USAGOV", "mccurry_mike"),
        ("1998-02-01", "Donna Shalala announced the new rules.", "Shalala", "USAGOV", "shalala_donna"),
        ("1999-05-01", "Jesse Helms criticised the treaty.", "Helms", "USALEG", "helms_jesse"),
        ("1997-06-01", "Anatoly Chubais promised to pay the wage arrears.", "Chubais", "RUSGOV", "chubais_anatoly"),
        ("1997-01-10", "Otto Schily criticised the government.", "Schily", "DEU", "schily_otto"),
        ("2000-01-10", "Otto Schily banned the group.", "Schily", "DEUGOV", "schily_otto"),
        ("1998-10-01", "Hiromu Nonaka told a news conference the plan was ready.", "Nonaka", "JPNGOV", "nonaka_hiromu"),
        ("1999-12-01", "Rudolph Giuliani closed the museum.", "Giuliani", "USAGOV", "giuliani_rudolph"),
        # armed forces, rebels and militias of the time
        ("1997-06-01", "Ismail Hakki Karadayi met the generals.", "Karadayi", "TURMIL", "karadayi_ismail_hakki"),
        (
            "1998-05-01",
            "Abdul Rashid Dostum said his forces would hold the city.",
            "Dostum",
            "AFGREB",
            "dostum_abdul_rashid",
        ),
        (
            "1995-08-01",
            "Zeljko Raznatovic, known as Arkan, denied the charges.",
            "Raznatovic",
            "SRBUAF",
            "raznatovic_zeljko",
        ),
        ("1999-02-01", "Carlos Castano denied the massacre.", "Castano", "COLUAF", "castano_carlos"),
        # 2001-2013 and the Kremlin of the 1990s (third pass)
        ("2012-06-01", "James Clapper told the committee the threat had grown.", "Clapper", "USASPY", "clapper_james"),
        ("2005-06-01", "Jeff Sessions opposed the bill.", "Sessions", "USALEG", "sessions_jeff"),
        ("2018-06-01", "Jeff Sessions announced the new policy.", "Sessions", "USAJUD", "sessions_jeff"),
        ("2001-06-01", "Alexander Voloshin met the governors.", "Voloshin", "RUSGOV", "voloshin_alexander"),
        ("2012-06-01", "Ed Miliband attacked the budget.", "Miliband", "GBROPP", "miliband_ed"),
        ("1998-03-01", "Fukushiro Nukaga inspected the troops.", "Nukaga", "JPNGOV", "nukaga_fukushiro"),
        ("2000-06-01", "Panfilo Lacson said the police would act.", "Lacson", "PHLCOP", "lacson_panfilo"),
        ("1997-01-10", "Alberto Pandolfi said talks would go on.", "Pandolfi", "PERGOV", "pandolfi_alberto"),
        # leaders of a party or an opposition
        ("1998-06-01", "Ichiro Ozawa attacked the budget.", "Ozawa", "JPNOPP", "ozawa_ichiro"),
        ("1999-06-01", "Ichiro Ozawa backed the government's bill.", "Ozawa", "JPN", "ozawa_ichiro"),
    ],
)
def test_officials_of_the_time(nlp, published, text, name, code, key):
    m = person(nlp, text, published, name)
    assert (m.code, m.rule.split()[0]) == (code, f"people.tsv:{key}")


def test_a_state_attorney_general_is_not_the_attorney_general():
    lex = load_default_lexicon()
    spitzer = next(e for e in lex.entries if e.kind == "person" and e.key == "spitzer_eliot")
    offices = {p.office for p in spitzer.periods}
    assert "attorney_general" not in offices and "state_attorney_general" in offices


# Offices a country (or a body) has one holder of at a time: two periods of two people in one of
# them that overlap by more than a few days (a hand-over) are a wrong date.
ONE_HOLDER = {
    "prime_minister",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "finance_minister",
    "justice_minister",
    "attorney_general",
    "central_bank",
    "chief_of_staff",
    "national_security_adviser",
}
# Real overlaps: Cambodia's two co-premiers (1993-97), Lebanon's two rival governments (1988-90)
SHARED = {("KHMGOV", "prime_minister"), ("LBNGOV", "prime_minister")}


def test_offices_with_one_holder_have_one_holder_at_a_time():
    lex = load_default_lexicon()
    people = {e.key: e for e in lex.entries if e.kind == "person"}
    holders = collections.defaultdict(list)
    for key, e in people.items():
        for p in e.periods:
            if p.office in ONE_HOLDER and (p.code, p.office) not in SHARED:
                holders[(p.code, p.office)].append((p.start or dt.date.min, p.end or dt.date.max, key))
    clashes = []
    for office, periods in holders.items():
        periods.sort()
        for i, (start, end, key) in enumerate(periods):
            for start2, end2, key2 in periods[i + 1 :]:
                if key2 != key and (min(end, end2) - start2).days > 3:
                    clashes.append((office, key, key2))
    assert clashes == []


@pytest.mark.parametrize(
    "text,code",
    [
        # "Rice" is no alias of Condoleezza Rice (rice is a commodity); after her full name it is hers
        ("Rice prices rose sharply in Asia on Monday.", None),
        ("Condoleezza Rice arrived in Cairo. Rice said the talks would resume.", "USAGOV"),
        ("Secretary Rice's visit will be an opportunity to meet the chancellor.", "USAGOV"),
    ],
)
def test_a_surname_that_is_a_common_word(nlp, text, code):
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2006, 6, 1)))
    found = [m for m in doc._.actor_mentions if "Rice" in m.text]
    if code is None:
        assert all("USA" not in (m.code or "") for m in found)
    else:
        assert found and found[-1].code == code


@pytest.mark.parametrize(
    "text,word,code",
    [
        # someone the lists do not hold, coded by a title, is later called by the first word of
        # the name (a Malay given name, a Korean family name) and the NER does not tag it
        (
            "United Nations envoy Razali Ismail said Thursday that progress was unlikely. "
            "Razali welcomed the decision of the regional group.",
            "Razali",
            "IGOUNO",
        ),
        ("North Korean envoy Kim Kye-Gwan arrived in Beijing. Kim accused the United States.", "Kim", "PRKGOV"),
        # an unlisted name with no code gives its first word nothing to take
        ("Aidos Sarimov spoke to reporters. Aidos left early.", "Aidos", None),
    ],
)
def test_the_first_word_of_a_titled_name_met_earlier(nlp, text, word, code):
    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2005, 12, 15)))
    later = [m for m in doc._.actor_mentions if m.text == word]
    if code is None:
        assert all(not m.code for m in later)
    else:
        assert later and later[-1].code == code
