"""Actors of 1997-2006 wire news added in the third pass of issue 18 (people.tsv, orgs.tsv,
metonyms.tsv, countries.tsv, roles.tsv): each is coded, with its code on the article's date.
The sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.nlp import new_doc
from actorkit import actors_only, mention


@pytest.mark.parametrize(
    "published,text,words,code",
    [
        # a two-word demonym has its own plural: not "Koreans" alone (South Korea)
        ("1997-04-19", "The North Koreans asked for food aid on Saturday.", "North Koreans", "PRK"),
        ("2006-01-10", "Greek Cypriots voted on Sunday.", "Greek Cypriots", "CYP"),
        # a title and a demonym before a known name: still that person
        ("1997-04-10", "President Mobutu Sese Seko returned to the capital.", "Mobutu", "CODGOV"),
        ("1997-04-10", "Zairean President Mobutu Sese Seko returned to the capital.", "Mobutu", "CODGOV"),
        ("2005-06-01", "Jordanian King Abdullah II flew to Cairo on Monday.", "Abdullah", "JORGOV"),
        # offices of the time
        ("2006-01-20", "Martti Ahtisaari held talks in Pristina on Friday.", "Ahtisaari", "IGOUNO"),
        ("1997-04-01", "Franz Vranitzky arrived in Tirana on Tuesday.", "Vranitzky", "IGOSCE"),
        ("1996-05-01", "Franz Vranitzky arrived in Bonn on Tuesday.", "Vranitzky", "AUTGOV"),
        ("1997-04-18", "Martin Lee met the vice president in Washington.", "Martin Lee", "HKGOPP"),
        ("1999-03-12", "Bronislaw Geremek signed the treaty in Independence.", "Geremek", "POLGOV"),
        ("2006-11-01", "Ismail Haneya called on the Arab states to act.", "Haneya", "PSEGOV"),
        ("2000-02-24", "Juan Miguel Gonzalez wrote to the attorney general.", "Juan Miguel", "CUBCVL"),
        ("2006-11-10", "Mahmud Abbas said he would call early elections.", "Mahmud Abbas", "PSEGOV"),
        ("2006-11-10", "Richard Boucher arrived in Kabul on Friday.", "Boucher", "USAGOV"),
        ("1997-04-10", "Emma Bonino visited the refugee camps.", "Bonino", "IGOEUREEC"),
        ("2005-10-21", "Detlev Mehlis handed his report to the Security Council.", "Mehlis", "IGOUNO"),
        ("2006-07-01", "Sheikh Sharif Sheikh Ahmed rejected the offer.", "Sharif", "SOMREB"),
        # two people of one name: the one of the date ("Tshisekedi" in 1997 is Etienne, not his son)
        ("1997-04-03", "Tshisekedi said he would form a government.", "Tshisekedi", "CODOPP"),
        # bodies and organisations
        ("2006-11-10", "ISAF troops came under fire near Kandahar.", "ISAF", "IGOWSTNAT"),
        ("2006-12-29", "Gazprom threatened to cut gas supplies on Monday.", "Gazprom", "RUSBUS"),
        ("2005-11-13", "SAARC leaders met in Dhaka on Saturday.", "SAARC", "IGOSAA"),
        ("2006-11-08", "The State Council approved the plan on Wednesday.", "State Council", "CHNGOV"),
        ("2006-12-07", "The Iraq Study Group urged talks with Iran.", "Iraq Study Group", "USAELI"),
        ("2005-11-02", "The Kurdish Workers' Party claimed the attack.", "Kurdish Workers", "TURREB"),
        ("1990-08-16", "The Organization of Petroleum Exporting Countries met in Vienna.", "Petroleum", "IGOOPC"),
        ("2005-11-10", "Al-Qaida in Iraq claimed the bombing.", "Qaida", "IMGMUSALQ"),
        ("2005-08-18", "JMB militants set off bombs in 63 districts.", "JMB", "BGDREB"),
        ("1997-03-20", "Sandline International said its men would leave.", "Sandline", "GBRBUS"),
        ("2006-08-01", "Miri Eisin said the operation would go on.", "Eisin", "ISRGOV"),
        ("1998-05-01", "Representative Charles Schumer asked for hearings.", "Schumer", "USALEG"),
        ("1997-03-20", "Sir Julius Chan said he would not resign.", "Julius Chan", "PNGGOV"),
        ("1997-04-20", "Sir Julius Chan said he would stand again.", "Julius Chan", "PNG"),
        ("2006-11-28", "Andrei Lugovoi denied any part in the poisoning.", "Lugovoi", "RUSBUS"),
        ("1997-02-13", "Hwang Jang-yop asked for asylum.", "Hwang", "PRKELI"),
        ("2006-12-11", "Washington pushed for sanctions against the Islamic Republic.", "Islamic Republic", "IRN"),
        ("2006-12-11", "The Islamic Republic of Pakistan protested.", "Islamic Republic", "PAK"),
        (
            "2005-06-01",
            "The Organisation for Security and Cooperation in Europe sent observers.",
            "Organisation",
            "IGOSCE",
        ),
        ("2005-06-01", "The Inter-governmental Authority on Development met in Nairobi.", "Authority", "IGOIAD"),
        ("2006-11-10", "The AU Peace and Security Council extended the mission.", "Peace and Security", "IGOAFRAFU"),
        ("2005-11-18", "The Asia Pacific Economic Cooperation (APEC) forum opened.", "Asia Pacific", "IGOAPC"),
        # the British spelling of Israel's Labor Party is still Israel's, not Britain's Labour
        ("2005-11-10", "Israel's Labour party quit the government.", "Labour", "ISRPTY"),
        # the international community is coded as the UN, as the training coders code it
        ("2006-01-10", "The international community urged Iran to stop enrichment.", "international", "IGOUNO"),
        ("2006-01-10", "World powers met in Vienna on Monday.", "World powers", "INT"),
        # Maoists take the country of their context, not India's always
        ("2005-12-07", "Nepal's government said Maoist rebels attacked a police post.", "Maoist", "NPLREB"),
        ("2005-11-10", "The Palestinian National Authority (PNA) condemned the raid.", "Palestinian", "PSEGOV"),
        ("2005-11-10", "PNA security forces arrested two men.", "PNA", "PSECOP"),
        ("2006-03-01", "Chinese vice foreign minister Wu Dawei flew to Seoul.", "Wu Dawei", "CHNGOV"),
        # Sinn Fein's news of the period is Northern Ireland's, like its leaders' codes
        ("2005-04-07", "Sinn Fein rejected the demand on Thursday.", "Sinn Fein", "GBRPTY"),
        # a province of Thailand's south
        ("2005-11-03", "Police in Yala said two teachers were shot.", "Police", "THACOP"),
    ],
)
def test_third_pass_actors(nlp, published, text, words, code):
    assert mention(nlp, text, published, words).code == code


def test_the_united_front_of_1997_is_india_s_coalition(nlp):
    m = mention(nlp, "The United Front named a new leader on Friday.", "1997-04-18", "United Front")
    assert m.code == "INDPTY"
    work = mention(nlp, "The United Front Work Department held a meeting.", "2006-11-10", "United Front")
    assert work.code == "CHNPTY"


def test_elian_himself_is_not_coded(nlp):
    # named, the boy took the US government's place as the target of demands (README.md)
    doc = actors_only(nlp, new_doc(nlp, "Elian played in the yard.", dt.date(2000, 2, 1)))
    assert not any(m.code for m in doc._.actor_mentions if "Elian" in m.text)
