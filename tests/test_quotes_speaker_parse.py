"""Quotes: speakers the parse hides (issue 20, attribution): a name the parser hung on the quote,
a quote that carries on past a show's quoted title, a subject inside the quote, a section heading
run into the sentence, and the reader a text calls "you". Sentences written for these tests."""

from __future__ import annotations

import pytest
from quotekit import find as _find
from quotekit import quotes_of as _quotes


def _speaker(quote) -> tuple[str, str]:
    sp = quote.speaker
    return ("", "") if sp is None else (sp.text or "", sp.name or "")


_ON_A_SHOW = [
    (
        '"He is wrong. There is a deep split between the council and frankly the mayor and our police," Hale, '
        'a top county official, said Thursday morning on Channel Four\'s "Good Morning Kent." "I mean, there '
        'is a lot of anger in the ranks."',
        "Hale",
    ),
    (
        '"She is right. There is a real gap between this council and frankly the mayor and our schools," Ortiz, '
        'a senior city aide, said Friday morning on Radio City\'s "Morning Talk." "I mean, nobody trusts the '
        'budget."',
        "Ortiz",
    ),
]


@pytest.mark.parametrize(
    "text, name",
    _ON_A_SHOW
    + [
        (
            '"He is wrong. There is a severe split between this council and frankly the mayor and our police," '
            'Hale, a top county aide, said Thursday morning on Kent TV\'s "Cats and Dogs."',
            "Hale",
        )
    ],
)
def test_the_name_between_the_quote_and_its_cue_is_the_speaker(nlp, text, name):
    """'"...," Hale, an official, said on X's "Show."': not a word of the show's title."""
    found = _find(_quotes(nlp, text), "between this" if "between this" in text else "between the", "direct")
    assert found and name in _speaker(found[0])[1], found


@pytest.mark.parametrize("text, name", _ON_A_SHOW)
def test_a_quote_carries_on_past_a_quoted_title(nlp, text, name):
    """The next sentence's quote, after '... on X's "Show."', is the same speaker's."""
    found = _find(_quotes(nlp, text), "I mean", "direct")
    assert found and name in _speaker(found[0])[1], found


def test_a_subject_inside_the_quote_is_not_the_next_quote_s_speaker(nlp):
    text = (
        '"My verdict, that was shameful," the mayor\'s former campaign chief said in an interview with Radio '
        'Kent. "She, like the governor, has refused to apologize. She really should."'
    )
    found = _find(_quotes(nlp, text), "refused to apologize", "direct")
    assert found and "campaign chief" in _speaker(found[0])[1], found


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("THE COSTS Ms. Ortiz said that the fund would lose money.", "lose money"),
        ("THE SAVINGS Back when she ran the fund, Ms. Ortiz said that she considered stocks a gamble.", "gamble"),
    ],
)
def test_a_section_heading_is_not_the_subject(nlp, text, fragment):
    found = _find(_quotes(nlp, text), fragment)
    assert found and all(_speaker(q)[1] == "Ortiz" for q in found), found


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("You may think the new tax is fair, but the figures say otherwise.", "tax is fair"),
        ("Lest you assume the bridge is safe, the inspectors found cracks in every pier.", "bridge is safe"),
    ],
)
def test_you_outside_quotes_is_the_reader(nlp, text, fragment):
    found = _find(_quotes(nlp, text), fragment)
    assert found and _speaker(found[0])[1] == "the reader", found


def test_you_inside_a_quote_is_not_the_reader(nlp):
    found = _find(_quotes(nlp, '"You think the tax is fair, but it is not," the mayor said.'), "tax is fair")
    assert found and all(_speaker(q)[1] != "the reader" for q in found), found


@pytest.mark.parametrize(
    "text, fragment, name",
    [
        ("The mayor made it clear he would veto the bill.", "he would veto the bill", "The mayor"),
        ("The governor has made clear that he will not resign.", "he will not resign", "The governor"),
        ("The union wants the government to raise wages.", "the government to raise wages", "The union"),
        ("The farmers would like the state to pay for the new wells.", "the state to pay", "The farmers"),
    ],
)
def test_made_clear_and_wanting_someone_to_act_are_reported(nlp, text, fragment, name):
    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and _speaker(found[0])[1] == name, _quotes(nlp, text)
    assert "clear" not in found[0].text and not found[0].text.startswith("it ")


def test_made_clear_is_speech():
    from tidings.quotes import cue_class

    assert cue_class("made clear") == cue_class("makes clear") == "speech"


@pytest.mark.parametrize(
    "text",
    [
        "The storm made the roads clear of snow.",
        "The council wants a new road.",
        "The stock, you know, went up because the new boss cut costs.",
        "You know, the city needs more money.",
    ],
)
def test_no_report(nlp, text):
    """No clause is made clear or wanted; "you know," is a filler of speech."""
    assert not _quotes(nlp, text), _quotes(nlp, text)


@pytest.mark.parametrize(
    "text, fragment, name",
    [
        # the tagger's plural noun with the clause hung on it as a relative clause
        (
            "Price charges that countries that stand to benefit from the pact donated millions of dollars to "
            "the Lee Foundation.",
            "donated millions of dollars",
            "Price",
        ),
        # the cue made the subject of the clause's own verb: the clause runs to that verb's end
        (
            "Hale charges that firms that stand to gain from the deal paid millions of dollars to the mayor's charity.",
            "paid millions of dollars",
            "Hale",
        ),
    ],
)
def test_a_cue_the_parser_took_for_a_noun_or_a_subject(nlp, text, fragment, name):
    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and _speaker(found[0])[1] == name and "stand to" in found[0].text, _quotes(nlp, text)


@pytest.mark.parametrize(
    "text, fragment, word, name",
    [
        ("He hired an aide who told reporters that the plan was dead.", "the plan was dead", "who", "an aide"),
        ("The report, which says the river is polluted, came out in May.", "river is polluted", "which", "The report"),
    ],
)
def test_a_relative_pronoun_subject_is_the_speaker_s_text(nlp, text, fragment, word, name):
    """As for he/she: the text is the word the sentence uses, the name the noun it stands for."""
    found = _find(_quotes(nlp, text), fragment)
    assert found and _speaker(found[0]) == (word, name), found


def test_a_participle_after_an_aside_is_not_the_aside_s(nlp):
    """'..., circling the hall - where the Hawks played the Foxes - while chanting, "..."': the
    chant is the farmers', whatever clause the parser hung it on."""
    text = (
        "Small groups of farmers kept up their protest, circling the square around the old town hall - where "
        'the city\'s Blue Hawks played the Red Foxes - while chanting, "Save our land."'
    )
    found = _find(_quotes(nlp, text), "Save our land")
    assert found and all(_speaker(q)[1] == "Small groups" for q in found), found


def test_a_participle_inside_the_clause_stays_its_own(nlp):
    found = _find(_quotes(nlp, 'They met at the hall where the band played while singing "Home Again."'), "Home")
    assert all(_speaker(q)[0] == "the band" for q in found), found


@pytest.mark.parametrize(
    "text, fragment, word, name",
    [
        ("By Obama's own admission, the bill was flawed.", "the bill was flawed", "Obama's", "Barack Obama"),
        (
            "Germany's decision to close its nuclear plants surprised its allies.",
            "close its nuclear plants",
            "Germany's",
            "Germany",
        ),
    ],
)
def test_a_possessive_holder_keeps_its_case(nlp, text, fragment, word, name):
    """The holder's text is the possessive as written ("Obama's"), its name the actor."""
    found = _find(_quotes(nlp, text), fragment)
    assert found and _speaker(found[0]) == (word, name), found


def test_a_quote_after_a_sentence_with_a_parenthetical_cue(nlp):
    """'The plan was dead, Ortiz said, citing the budget. "..."': the quote is the cue's speaker's."""
    text = 'The plan was dead, Ortiz said, citing the county budget. "You spent years on a road to nowhere."'
    found = _find(_quotes(nlp, text), "road to nowhere", "direct")
    assert found and _speaker(found[0])[1] == "Ortiz", found


def test_a_parenthetical_cue_after_an_opening_phrase(nlp):
    """The parser took the opening phrase's object for the subject and the name for its apposition."""
    text = "To understand the real Abraham Lincoln, Chief Judge Hale said, one should read his letters."
    found = _find(_quotes(nlp, text), "read his letters")
    assert found and _speaker(found[0]) == ("Chief Judge Hale", "Hale"), found


@pytest.mark.parametrize(
    "text, fragment, name",
    [
        ("Polls show Hale ahead by five points.", "Hale ahead by five points", "Polls"),
        ("The video shows him with his hands in the air.", "him with his hands in the air", "The video"),
        ("An analysis of the data shows rural towns outpacing the cities.", "rural towns outpacing", "An analysis"),
    ],
)
def test_what_a_report_shows_of_its_object(nlp, text, fragment, name):
    """A small clause after "show": the object and its state, what the report says."""
    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and _speaker(found[0])[1].startswith(name), _quotes(nlp, text)


@pytest.mark.parametrize(
    "text", ["The tour will show visitors the old mill.", "She showed the reporters her new office."]
)
def test_showing_a_thing_is_no_report(nlp, text):
    assert not _quotes(nlp, text), _quotes(nlp, text)


def test_a_finding_whose_adjective_the_parser_hung_on_the_object(nlp):
    """ "found that action unconstitutional" parsed as a noun phrase "that action unconstitutional"."""
    text = "While a district judge found that action unconstitutional, her ruling was overturned by an appeals court."
    found = _find(_quotes(nlp, text), "action unconstitutional", "indirect")
    assert found and _speaker(found[0])[1] == "a district judge", _quotes(nlp, text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("The goal is to curb short-term trading, according to a speech Mrs. Hale delivered in May.", "Hale"),
        ("The army lost 300 men, according to a statement released by the ministry.", "the ministry"),
        ("The army lost 300 men, according to a report the ministry released.", "the ministry"),
    ],
)
def test_according_to_a_document_a_clause_says_is_by_someone(nlp, text, name):
    """ "according to a speech Mrs. Hale delivered": hers, as "according to Mrs. Hale" would be."""
    found = [q for q in _quotes(nlp, text) if q.cue == "according to"]
    assert found and _speaker(found[0])[1] == name, found


@pytest.mark.parametrize(
    "text",
    [
        "The army lost 300 men, according to a report that appeared in May.",
        "The vote is illegitimate, according to a statement received by the agency in Nicosia.",
    ],
)
def test_according_to_a_document_alone_is_the_document_s(nlp, text):
    """Who received or saw a document did not write it."""
    found = _quotes(nlp, text)
    assert found and _speaker(found[0])[0] in ("a report", "a statement"), found


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "At the end of her rendition of the anthem ''A Change Is Gonna Come,'' she added a line about the museum.",
            "Gonna Come",
        ),
        ('The band closed with the song "We Gonna Win Tonight" and left.', "Win Tonight"),
    ],
)
def test_a_title_with_a_word_the_tokenizer_splits_is_no_quote(nlp, text, title):
    """ "Gonna" is "Gon" "na" to the tokenizer: still a capitalised title."""
    assert not _find(_quotes(nlp, text), title), _quotes(nlp, text)


def test_a_participle_after_x_said_is_x_s(nlp):
    """'"...," Hale said, going on to say that ...': the parser hung "going" on a later verb."""
    text = (
        '"Bringing up that old fight again is insane," Hale said, going on to say that the county has spent '
        '"many years fighting over roads and all that stuff, to have that fight again, young people do not '
        'want to see that."'
    )
    found = _find(_quotes(nlp, text), "many years fighting")
    assert found and all(_speaker(q)[1] == "Hale" for q in found), found


@pytest.mark.parametrize(
    "text, fragment",
    [
        # no cue of its own: the quote its marks cut it from
        (
            'Hale continued:\n\n"The numbers are bad, and here is the question: “Should the mayor resign over the '
            'budget?” Forty, yes; fifty, no."',
            "Should the mayor resign",
        ),
        # "I" of a cue inside a quote is that quote's speaker
        (
            'Hale continued:\n\n"The budget is a mess, but that does not explain the numbers, which, I am going to '
            'read you the question: “Do you think the mayor should resign?” Forty, yes; fifty, no."',
            "Do you think the mayor",
        ),
    ],
)
def test_a_quote_inside_a_quote_is_its_speaker_s(nlp, text, fragment):
    found = _find(_quotes(nlp, text), fragment, "direct")
    assert found and _speaker(found[0])[1] == "Hale", _quotes(nlp, text)
