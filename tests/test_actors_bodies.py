"""Ministries, central banks, unions, parties and armed groups of 1990s news (issue 18): roles.tsv,
metonyms.tsv and orgs.tsv rows, and short names left out because other bodies share them."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.nlp import new_doc


def mentions(nlp, text, published="1998-06-01"):
    doc = new_doc(nlp, text, dt.date.fromisoformat(published))
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "tidings_actors":
            break
    return doc._.actor_mentions


def coded(nlp, text, part):
    found = [m for m in mentions(nlp, text) if part in m.text]
    assert found, f"no mention with {part!r} in {[m.text for m in mentions(nlp, text)]}"
    return found[0].code


@pytest.mark.parametrize(
    "text,part,code",
    [
        # ministries of finance, justice, interior and public security take the country beside them
        ("The Finance Ministry in Tokyo said it would intervene.", "Finance Ministry", "JPNGOV"),
        ("Russia's Justice Ministry refused to register the group.", "Justice Ministry", "RUSGOV"),
        ("The Ministry of Public Security in Beijing said the men were arrested.", "Public Security", "CHNGOV"),
        ("The Israeli public security minister said police would act.", "minister", "ISRGOV"),
        # central banks: the role table's GOVBUS
        ("The Bundesbank raised interest rates.", "Bundesbank", "DEUGOVBUS"),
        ("The Bank of Japan cut rates.", "Bank of Japan", "JPNGOVBUS"),
        # Iraq's Republican Guard, not the US Republican Party; another country's guard by the country beside it
        ("The Republican Guard moved south.", "Guard", "IRQMIL"),
        ("The Syrian Republican Guard entered the suburb.", "Guard", "SYRMIL"),
        ("SLORC arrested the students.", "SLORC", "MMRGOV"),
        # unions, employers, parties, tribunals
        ("The AFL-CIO backed the bill.", "AFL-CIO", "USALAB"),
        ("Keidanren urged the government to cut taxes.", "Keidanren", "JPNBUS"),
        ("Golkar won the vote.", "Golkar", "IDNPTY"),
        ("The ruling Croatian Democratic Union (HDZ) won the election.", "Croatian Democratic Union", "HRVPTY"),
        ("ICTY prosecutors charged the general.", "ICTY", "IGOUNOJUD"),
        ("The Hague tribunal indicted him.", "tribunal", "IGOUNOJUD"),
        ("The Kosovo Liberation Army attacked a police station.", "Kosovo Liberation Army", "KSVREB"),
    ],
)
def test_bodies_of_1990s_news(nlp, text, part, code):
    assert coded(nlp, text, part) == code


@pytest.mark.parametrize(
    "text,part,wrong",
    [
        # PRD is also Indonesia's People's Democratic Party and the Dominican Republic's party
        ("The court jailed two PRD activists in Jakarta.", "PRD", "MEXPTY"),
        # DSP was also Mobutu's Special Presidential Division in Zaire
        ("Soldiers of the DSP fired on the crowd in Kinshasa.", "DSP", "TURPTY"),
        # SPDC is also Shell's Nigerian subsidiary
        ("The SPDC provided generators to the villages.", "SPDC", "MMRGOV"),
    ],
)
def test_short_names_other_bodies_share_are_not_listed(nlp, text, part, wrong):
    assert all(m.code != wrong for m in mentions(nlp, text) if part in m.text)


def test_treasury_bonds_are_no_government(nlp):
    # "treasury" is no role: in market reports it names bonds, not a ministry
    assert all("GOV" not in (m.code or "") for m in mentions(nlp, "The Treasury bond market rallied."))
