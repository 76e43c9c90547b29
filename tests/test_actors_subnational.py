"""Sub-national units (data/actors/subnational.tsv), domestic institutions and diplomatic posts:
an actor named through a state, province or region takes that unit's country, with the role its
title gives; a unit two countries share takes the one the text names, or none; an embassy's
country comes from the text, never from the place it stands in. Sentences written for tidings."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.actors import load_default_lexicon, validate_data
from tidings.actors.lexicon import UNIT, UNIT_ADJ, data_dir, load_subnational
from tidings.nlp import new_doc

from test_actors import actors_only

DAY = "2023-06-01"

# sentence, mention (exact text, else the first mention containing it), expected code ("!USA": no
# mention containing the text has that country; None: none has a country)
CASES = [
    # "<unit> government / police / assembly / court / governor / premier / chief minister"
    ("The Johor government will reopen the crossing next week.", "The Johor government", "MYSGOV"),
    ("Selangor state officials approved the housing plan.", "Selangor state officials", "MYSGOV"),
    ("Odisha Chief Minister Naveen Patnaik opened the bridge on Monday.", "Odisha Chief Minister", "INDGOV"),
    ("Kerala Chief Minister Pinarayi Vijayan criticised the new rules.", "Kerala Chief Minister", "INDGOV"),
    ("The Rio Grande do Sul state government declared an emergency.", "Rio Grande do Sul state government", "BRAGOV"),
    ("The Welsh Government said the rail plan was dead.", "The Welsh Government", "GBRGOV"),
    ("The Scottish Government published its budget.", "The Scottish Government", "GBRGOV"),
    ("Scottish First Minister John Swinney called for talks.", "Scottish First Minister", "GBRGOV"),
    ("The Ohio attorney general filed the lawsuit.", "The Ohio attorney general", "USAJUD"),
    ("Queensland police charged two men over the fire.", "Queensland police", "AUSCOP"),
    ("Sindh police detained the organisers.", "Sindh police", "PAKCOP"),
    (
        "Members of the Khyber Pakhtunkhwa provincial assembly walked out.",
        "Khyber Pakhtunkhwa provincial assembly",
        "PAKLEG",
    ),
    ("The Bavarian state premier rejected the federal proposal.", "The Bavarian state premier", "DEUGOV"),
    ("The Catalan parliament voted on the motion.", "The Catalan parliament", "ESPLEG"),
    ("The Kano state governor imposed a curfew.", "The Kano state governor", "NGAGOV"),
    ("The Kharkiv region governor said three people were hurt.", "The Kharkiv region governor", "UKRGOV"),
    ("The Helmand provincial governor met tribal elders.", "The Helmand provincial governor", "AFGGOV"),
    ("The Nineveh provincial council elected a new head.", "Nineveh", "IRQ"),
    ("A Sichuan provincial court sentenced the blogger.", "Sichuan provincial court", "CHNJUD"),
    ("The Jalisco state prosecutor opened an inquiry.", "The Jalisco state prosecutor", "MEXJUD"),
    ("Tigray regional officials said aid had not arrived.", "Tigray regional officials", "ETHGOV"),
    ("Puntland authorities arrested the pirates.", "Puntland authorities", "SOMGOV"),
    ("The Quebec premier met business leaders.", "The Quebec premier", "CANGOV"),
    # "Gov. X of <unit>", "<unit>'s governor", "the governor of <unit> state", "the <country> state of <unit>"
    ("Gov. Ellen Marsh of Oregon signed the measure.", "Gov. Ellen Marsh of Oregon", "USAGOV"),
    ("Yobe's governor condemned the attack on the school.", "Yobe's governor", "NGAGOV"),
    ("The governor of Zamfara state promised to free the pupils.", "The governor of Zamfara state", "NGAGOV"),
    (
        "The Nigerian state of Katsina's governor ordered the schools closed.",
        "The Nigerian state of Katsina's governor",
        "NGAGOV",
    ),
    ("Police in Balochistan said the convoy was attacked.", "Police in Balochistan", "PAKCOP"),
    (
        "A spokesman for the Lagos State government denied the report.",
        "A spokesman for the Lagos State government",
        "NGAGOV",
    ),
    ("Pakistan's Punjab province government banned the rally.", "Pakistan's Punjab province government", "PAKGOV"),
    # a unit alone is its country, like a town
    ("Texas sued the federal agency over the rule.", "Texas", "USA"),
    ("Fighting spread across Darfur and North Kordofan.", "North Kordofan", "SDN"),
    # a unit's adjective for its people and things
    ("Catalan separatists rallied in the streets.", "Catalan separatists", "ESPSEP"),
    # "Punjab" is in India and Pakistan: the country the text names, else none
    ("Punjab police arrested four men near Lahore.", "Punjab police", "PAKCOP"),
    ("Punjab police arrested four men near Amritsar.", "Punjab police", "INDCOP"),
    ("Punjab police said the highway was blocked.", "Punjab police", "COP"),
    ("A British tourist was robbed, Punjab police said.", "Punjab police", "COP"),
    # names inside other names are not the unit
    ("Texas Instruments reported higher profits.", "Texas", "!USA"),
    ("Buffalo beat the New York Jets on Sunday.", "New York", "!USA"),
    ("Guerrero said he would resign.", "Guerrero", None),
    ("The Turkish daily Sabah reported the meeting.", "Sabah", "TUR"),
    # a state's premier is not the country's prime minister, nor a president its president
    ("Chechnya's president said he would send more fighters.", "Chechnya's president", "RUSGOV"),
    # diplomatic posts
    ("The British High Commission in Abuja issued a travel warning.", "The British High Commission", "GBRGOV"),
    ("The Canadian High Commissioner met the minister.", "The Canadian High Commissioner", "CANGOV"),
    ("The embassy of Japan said two citizens were missing.", "The embassy of Japan", "JPNGOV"),
    ("The embassy in Kyiv issued a warning.", "The embassy", "GOV"),
    ("Russia expelled two diplomats. The embassy said it would respond.", "The embassy", "GOV"),
    ("The Spanish consulate general in Shanghai closed.", "The Spanish consulate general", "ESPGOV"),
    # domestic institutions
    ("The Government Accountability Office found waste in the program.", "Government Accountability Office", "USAGOV"),
    ("FEMA sent trailers to the flooded towns.", "FEMA", "USAGOV"),
    ("USCIS said the fee would rise.", "USCIS", "USAGOV"),
    ("The Crown Prosecution Service dropped the charges.", "Crown Prosecution Service", "GBRJUD"),
    ("The National Investigation Agency arrested a suspect.", "National Investigation Agency", "INDCOP"),
    ("The EFCC arraigned the former governor.", "EFCC", "NGACOP"),
    ("The RCMP said the suspect was in custody.", "RCMP", "CANCOP"),
    ("The SBU detained an alleged spy.", "SBU", "UKRSPY"),
    # a country named beside a generic institution name is its own
    (
        "The Philippine Securities and Exchange Commission revoked the license.",
        "The Philippine Securities and Exchange Commission",
        "PHLGOV",
    ),
    ("The Securities and Exchange Commission sued the firm.", "The Securities and Exchange Commission", "USAGOV"),
]


@pytest.fixture(scope="module")
def coded(nlp):
    cache = {}

    def run(sentence):
        if sentence not in cache:
            cache[sentence] = actors_only(nlp, new_doc(nlp, sentence, dt.date.fromisoformat(DAY)))._.actor_mentions
        return cache[sentence]

    return run


@pytest.mark.parametrize("sentence,mention,code", CASES, ids=[f"{i}:{c[1]}" for i, c in enumerate(CASES)])
def test_subnational_case(coded, sentence, mention, code):
    ms = coded(sentence)
    exact = [m for m in ms if m.text == mention]
    found = exact or [m for m in ms if mention in m.text]
    seen = [(m.text, m.code, m.rule) for m in ms]
    if code and code.startswith("!"):
        assert not [m for m in found if m.country == code[1:]], f"{mention!r} should not be {code[1:]}: {seen}"
        return
    if code is None:
        assert all(m.country is None for m in found), seen
        return
    assert found, f"no mention {mention!r} in {seen}"
    assert found[0].code == code, f"{mention!r}: {found[0].code} (rule {found[0].rule}), want {code}; {seen}"
    assert found[0].rule


def test_shared_unit_says_why(coded):
    m = [m for m in coded("Punjab police said the highway was blocked.") if m.text == "Punjab police"][0]
    assert m.country is None and "IND or PAK" in m.rule


def test_unit_rule_names_the_entry(coded):
    m = [m for m in coded("The Johor government will reopen the crossing next week.") if "Johor" in m.text][0]
    assert "subnational.tsv:MYS:Johor" in m.rule


def test_data_files_valid():
    assert validate_data() == []


def test_subnational_covers_the_news_countries():
    units = [e for e in load_subnational(data_dir() / "subnational.tsv") if e.kind == UNIT]
    by_country: dict[str, set[str]] = {}
    for e in units:
        by_country.setdefault(e.country, set()).add(e.name)
    want = {
        "USA": 49,
        "IND": 28,
        "PAK": 6,
        "CHN": 25,
        "BRA": 26,
        "MEX": 31,
        "NGA": 37,
        "RUS": 30,
        "DEU": 15,
        "GBR": 3,
        "ESP": 17,
        "CAN": 13,
        "AUS": 8,
        "MYS": 13,
        "IDN": 30,
        "PHL": 10,
        "IRQ": 18,
        "AFG": 34,
        "SYR": 13,
        "UKR": 24,
        "SOM": 5,
        "ETH": 10,
        "SDN": 15,
    }
    for country, n in want.items():
        assert len(by_country.get(country, ())) >= n, (country, sorted(by_country.get(country, ())))
    punjab = {e.country for e in units if e.phrase == "Punjab"}
    assert punjab == {"IND", "PAK"}


def test_unit_names_do_not_shadow_other_entries():
    lex = load_default_lexicon()
    units = {e.phrase.lower() for e in lex.entries if e.kind in (UNIT, UNIT_ADJ)}
    others = {e.phrase.lower() for e in lex.entries if e.kind in ("country", "capital", "metonym", "org", "region")}
    assert not units & others, sorted(units & others)


def test_validator_reports_bad_unit_rows(tmp_path):
    import shutil

    for f in data_dir().iterdir():
        if f.suffix == ".tsv":
            shutil.copy(f, tmp_path / f.name)
    path = tmp_path / "subnational.tsv"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("XXX\tAtlantis\t\t\tstate\n")
        fh.write("MYS\tMoscow\t\t\tstate\n")
    problems = validate_data(tmp_path)
    assert any("Atlantis" in p and "XXX" in p for p in problems), problems
    assert any("'Moscow'" in p for p in problems), problems
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("MYS\tJohor2\t\t\tcanton\n")
    assert any("canton" in p for p in validate_data(tmp_path))
