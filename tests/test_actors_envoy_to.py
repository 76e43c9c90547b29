"""An envoy's "to" phrase (issue 18): "the U.S. ambassador to Japan" is one actor, the sender's, and
the place after "to" gives it no country; but when the parse hangs "to" on the verb ("Hamas sent a
delegation to Egypt", "dispatched an envoy to Cairo") the place is where the envoy is sent, no part
of the envoy's name, and stays an actor of its own, so the sending codes as a visit (042) there.
The sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from actorkit import actors_only, mention


@pytest.mark.parametrize(
    "published,text,words,code,name",
    [
        # the envoy's own "to": one actor, the sender's country (never the destination's)
        ("2006-12-12", "The U.S. ambassador to Japan met the prime minister.", "ambassador", "USAGOV", "to Japan"),
        ("2006-12-12", "Iran's envoy to the UN said on Monday the talks had failed.", "envoy", "IRNGOV", "to the UN"),
        # an ambassador's "to" is his post even where the parse hangs it on the verb
        (
            "2006-12-12",
            "The press club sent Britain's Ambassador to Bucharest John Smith a letter.",
            "Ambassador",
            "GBRGOV",
            "to Bucharest",
        ),
    ],
)
def test_an_envoys_own_to_phrase_stays_in_his_name(nlp, published, text, words, code, name):
    found = mention(nlp, text, published, words)
    assert found.code == code
    assert name in found.text


@pytest.mark.parametrize(
    "text,envoy,place,code",
    [
        ("Hamas sent a delegation to Egypt on Monday.", "delegation", "Egypt", "EGY"),
        ("Israel dispatched an envoy to Cairo to discuss the truce.", "envoy", "Cairo", "EGY"),
    ],
)
def test_the_place_an_envoy_is_sent_to_is_an_actor_of_its_own(nlp, text, envoy, place, code):
    from tidings.nlp import new_doc

    doc = actors_only(nlp, new_doc(nlp, text, dt.date(2009, 1, 5)))
    mentions = {m.text: m.code for m in doc._.actor_mentions}
    sent = [words for words in mentions if envoy in words]
    assert sent and all(place not in words for words in sent), mentions
    assert str(mentions.get(place, "")).startswith(code), mentions


def test_sending_a_delegation_to_a_country_is_a_visit_there(nlp):
    from tidings.nlp import PipelineOptions, get_nlp, new_doc

    coder = get_nlp(PipelineOptions(classifier=False, story=False))
    doc = new_doc(coder, "Hamas sent a delegation to Egypt on Monday.", dt.date(2009, 1, 5), "test")
    for _, proc in coder.pipeline:
        doc = proc(doc)
    coded = {(e.code, e.source.code[:3], e.target.code[:3]) for e in doc._.events if e.source and e.target}
    assert ("042", "PSE", "EGY") in coded, coded
