"""Quotes: forms of a cue with a clausal complement that the parse hides (issue 20, PolNeAR
misses). Sentences written for these tests."""

from __future__ import annotations

import pytest
from quotekit import find as _find
from quotekit import quotes_of as _quotes


def _speaker_text(quote) -> str:
    return (quote.speaker.text or "") if quote.speaker is not None else ""


@pytest.mark.parametrize(
    "text, fragment, holder",
    [
        # the cue noun in a phrase of the holder's verb: "persisted in arguments that ..."
        (
            "Union leaders also persisted in arguments that the board is trying to undo the strike vote.",
            "the board is",
            "Union leaders",
        ),
        # the clause hung on the adjective before the phrase: "frank in her acknowledgment [that ...]"
        (
            "Ms. Berg has been frank in her acknowledgment that she needs to raise revenue.",
            "she needs to raise",
            "her",
        ),
    ],
)
def test_a_cue_noun_in_a_phrase_with_its_holder(nlp, text, fragment, holder):
    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and holder in _speaker_text(found[0]), found


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("There was more agreement that Europe should increase military coordination.", "Europe should"),
        ("For years, the doctor has been dogged by charges that he sold useless pills.", "he sold useless"),
        ("The mayor met the union with a warning that the budget would be cut.", "the budget would"),
    ],
)
def test_a_cue_noun_without_a_holder_is_no_quote(nlp, text, fragment):
    """What nobody is said to hold is no quote (gold/README.md): the text names no holder."""
    assert not _find(_quotes(nlp, text), fragment), _quotes(nlp, text)


_BEFORE_PLANS = (
    "She spoke about her ties to black churches while at a convention in Kansas City, Mo.; she called into a "
    "radio program when she was home sick; and, this past week, she addressed a symposium.\n\n"
)


@pytest.mark.parametrize(
    "text, fragment, speaker",
    [
        (
            _BEFORE_PLANS
            + "The Clinton campaign plans to employ the president and the first lady as much as possible.",
            "to employ the president",
            "campaign",
        ),
        ("The city council plans to close the bridge in May.", "to close the bridge", "council"),
        ("The government's plans to close the bridge drew protests.", "to close the bridge", "government"),
    ],
)
def test_a_plural_noun_heading_the_sentence_is_the_verb(nlp, text, fragment, speaker):
    """The tagger's noun "plans" after "The Clinton campaign" (parsed as its compound) is the
    verb and that noun its subject; "The government's plans to ..." stays a noun with its holder."""
    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and speaker in _speaker_text(found[0]), found


def test_the_infinitive_nearer_the_cue_is_what_was_promised(nlp):
    text = (
        "On Thursday, the senator spoke to a gathering of timber company owners, promising to cut fuel taxes "
        "and open more state forests to logging ― probably not what her rivals had in mind."
    )
    quotes = _quotes(nlp, text)
    assert _find(quotes, "to cut fuel taxes", "indirect"), quotes
    assert not [q for q in quotes if q.text.startswith("what her rivals")], quotes


@pytest.mark.parametrize(
    "text, fragment, speaker",
    [
        # the infinitive parsed as an adverbial clause after the cue's object
        (
            "The levy faces a major hurdle on Thursday when unions try to convince a federal appeals court to "
            "throw out the new rules.",
            "to throw out the new rules",
            "unions",
        ),
        # ... or right after the cue
        (
            "If the mayor loses, the city could reverse the ban or decline to appeal to the Supreme Court should "
            "a judge strike it down.",
            "to appeal to the Supreme Court",
            "city",
        ),
    ],
)
def test_an_infinitive_parsed_as_an_adverbial_clause(nlp, text, fragment, speaker):
    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and speaker in _speaker_text(found[0]), found


def test_what_is_set_aside_is_cut_and_reported_by_the_same_speaker(nlp):
    text = (
        "The minister has said that dozens of firms want the contract, but Ms. Holm declines to name them, "
        "aside from saying she wants a local bidder."
    )
    quotes = _quotes(nlp, text)
    declined = _find(quotes, "to name them", "indirect")
    assert declined and "aside" not in declined[0].text, quotes
    said = _find(quotes, "she wants a local bidder", "indirect")
    assert said and "Holm" in _speaker_text(said[0]), quotes


def test_a_cue_verb_tagged_as_the_object_of_the_name_before_it(nlp):
    """ "Trump charges that ...": the tagger's noun "charges" after the name is its verb."""
    text = "Trump charges that the firms that stand to gain from the merger paid millions of dollars to the foundation."
    found = _find(_quotes(nlp, text), "the firms that stand to gain", "indirect")
    assert found and "Trump" in _speaker_text(found[0]), found


def test_a_direct_quote_whose_fragment_the_parser_made_a_second_subject(nlp):
    text = (
        '"She would be a fine judge. Not good, great. One of the sharpest minds on the whole bench," '
        "Rep. Anna Berg (D-Ore.) said in a phone interview."
    )
    found = _find(_quotes(nlp, text), "She would be a fine judge", "direct")
    assert found and "Berg" in _speaker_text(found[0]), found


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            '"It will not be easy," Holm said at a news conference announcing that her office was suing the state.',
            "Holm",
        ),
        ("The ministry held a briefing on Monday announcing that the border would reopen.", "ministry"),
    ],
)
def test_a_participle_on_an_occasion_of_speech_is_its_holders(nlp, text, speaker):
    """ "said at a news conference announcing that ...": who announced is who spoke there."""
    found = [q for q in _quotes(nlp, text) if q.kind == "indirect" and q.cue == "announcing"]
    assert found and speaker in _speaker_text(found[0]), found


@pytest.mark.parametrize(
    "text, fragment, speaker",
    [
        ("By Berg's own admission, her tax returns in most years run to hundreds of pages.", "her tax returns", "Berg"),
        (
            "About 4,000 acres of forest have been lost to the mines, by one estimate.",
            "4,000 acres of forest",
            "estimate",
        ),
        ("In the eyes of many farmers, the new water rules have already failed.", "the new water rules", "farmers"),
    ],
)
def test_a_phrase_attributing_the_clause_it_modifies(nlp, text, fragment, speaker):
    """The adjunct frame: "by X's own admission", "by one estimate", "in the eyes of X"; the
    cue's class comes from its preposition and noun (speech, report, belief)."""
    from tidings.quotes import cue_class

    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and speaker in _speaker_text(found[0]), found
    assert cue_class(found[0]) in ("speech", "report", "belief")


@pytest.mark.parametrize(
    "text",
    ["In view of the delays, the council postponed the vote.", "By all accounts, the ceremony went well."],
)
def test_a_phrase_that_names_no_holder_is_no_quote(nlp, text):
    assert not _quotes(nlp, text)


@pytest.mark.parametrize(
    "text, fragment, holder",
    [
        ("Critics of the program see its renewal as a chance to fix it.", "its renewal as a chance", "Critics"),
        ("Most voters consider the tax unfair.", "the tax unfair", "voters"),
        ("A federal judge found the repeal unconstitutional.", "the repeal unconstitutional", "judge"),
    ],
)
def test_a_belief_with_a_small_clause(nlp, text, fragment, holder):
    """ "see X as Y", "consider X unfair", "found X unconstitutional": what the holder takes X for
    (the naming frame on belief and report cues); a belief, apart from speech."""
    from tidings.quotes import cue_class

    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and holder in _speaker_text(found[0]), found
    assert cue_class(found[0]) in ("belief", "report")


@pytest.mark.parametrize("text", ["We saw the game on Sunday.", "I see him at the gym.", "She found it hard."])
def test_a_plain_object_of_see_or_find_is_no_quote(nlp, text):
    assert not _quotes(nlp, text)


def test_a_small_clause_stops_before_the_writers_apposition(nlp):
    text = "The senator called the plan a disaster, a word her aides later softened."
    found = _find(_quotes(nlp, text), "the plan a disaster", "indirect")
    assert found and "softened" not in found[0].text, found


@pytest.mark.parametrize(
    "text, title",
    [
        (
            'In an interview on CBS\'s "Face the Nation," House Speaker Paul Ryan said the protests must end.',
            "Face the Nation",
        ),
        ('On this weekend\'s broadcast of "Fox News Sunday," Pence said the tweet was a joke.', "Fox News Sunday"),
    ],
)
def test_a_title_after_a_preposition_is_a_name_not_a_quote(nlp, text, title):
    quotes = _quotes(nlp, text)
    assert not [q for q in quotes if q.kind == "direct" and title in q.text], quotes
    assert [q for q in quotes if q.kind == "indirect" and q.cue == "said"], quotes


def test_a_capitalised_quote_with_its_cue_stays_a_quote(nlp):
    found = _find(_quotes(nlp, '"We Will Win," Berg said on Monday.'), "We Will Win", "direct")
    assert found and "Berg" in _speaker_text(found[0]), found


def test_a_parenthetical_cue_inside_a_relative_clause_reports_that_clause(nlp):
    text = (
        "The square, where traders have often gathered since the war, is near the old market, which, "
        "Holm said, is usually crowded on feast days."
    )
    quotes = _quotes(nlp, text)
    found = _find(quotes, "is usually crowded", "indirect")
    assert found and "Holm" in _speaker_text(found[0]), quotes
    assert not _find(quotes, "traders have often gathered"), quotes


def test_an_opening_participle_cue_parsed_as_a_subject(nlp):
    text = "Claiming the attack on the senator is designed to scare voters, Holm told reporters that she would not back down."
    found = _find(_quotes(nlp, text), "the attack on the senator is designed", "indirect")
    assert found and "Holm" in _speaker_text(found[0]), found
    assert "back down" not in found[0].text, found


@pytest.mark.parametrize(
    "text, first, second, speaker",
    [
        (
            "Berg said the company would cut 200 jobs and warned that more cuts could follow.",
            "the company would cut 200 jobs",
            "more cuts could follow",
            "Berg",
        ),
        (
            "The minister said the talks would resume on Monday and added that both sides had agreed to a truce.",
            "the talks would resume on Monday",
            "both sides had agreed",
            "minister",
        ),
    ],
)
def test_a_second_cue_joined_to_the_reported_clause_is_the_same_speakers(nlp, text, first, second, speaker):
    """ "X said A would B and warned that C": the parser joins "warned" to B; it is X's, and A's
    report ends before it."""
    quotes = _quotes(nlp, text)
    said = _find(quotes, first, "indirect")
    assert said and "warned" not in said[0].text and "added" not in said[0].text, quotes
    more = _find(quotes, second, "indirect")
    assert more and speaker in _speaker_text(more[0]), quotes


def test_a_clause_joined_with_its_own_subject_stays_in_the_report(nlp):
    quotes = _quotes(nlp, "Officials said prices rose and analysts expected that rates would climb.")
    assert _find(quotes, "prices rose and analysts expected", "indirect"), quotes


def test_a_dash_parsed_as_a_subject_is_no_speaker(nlp):
    text = (
        "When Holm noted that Berg has occasionally not paid anything in federal income taxes ― as was true "
        "for the few years his tax returns were made public ― Berg boasted, “That makes me smart.”"
    )
    found = _find(_quotes(nlp, text), "That makes me smart", "direct")
    assert found and _speaker_text(found[0]).strip() == "Berg", found


def test_a_pronoun_follows_the_speaker_resolved_from_the_same_pronoun_before_it(nlp):
    """The person is named once at the start of the scene; each "she says" is hers, and so is the
    last one, though the name is more sentences back than a pronoun may reach by itself."""
    text = (
        "The video was released on Friday. Lena Marsh can be heard shouting to the guards that her son "
        "was unarmed.\n\n"
        '"Do not hurt him," she says. "Do not hurt him. He has nothing. Do not hurt him."\n\n'
        "She then begs her son to step out of the van. The camera points at the ground for a while.\n\n"
        '"Are you hurt? Answer me," she yells while running along the road.\n\n'
        "The guards stand in a circle on the road. Two of them are kneeling. A siren starts. "
        "The crowd grows.\n\n"
        '"He has to live," she said. "He has to."'
    )
    found = _find(_quotes(nlp, text), "He has to live", "direct")
    assert found and found[0].speaker is not None and "Marsh" in (found[0].speaker.name or ""), found


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Asked whether he would resign, Johnson said he would not.", "whether he would resign"),
        (
            'Asked to describe the device that started the fire, the chief said, "Not going into that."',
            "to describe the device",
        ),
    ],
)
def test_what_an_opening_passive_participle_asks_is_reported_without_a_speaker(nlp, text, fragment):
    """The one asked is the sentence's subject; who asked is not named: the question is a quote
    with no speaker (never the one asked)."""
    quotes = _quotes(nlp, text)
    found = _find(quotes, fragment, "indirect")
    assert found and found[0].speaker is None, quotes
    assert [q for q in quotes if q.cue == "said" and q.speaker is not None], quotes


@pytest.mark.parametrize(
    "text, fragment, speaker",
    [
        ("Reporters pressed the mayor on whether she would run again.", "whether she would run again", "Reporters"),
        ("The United States pressed Israel to allow more aid into the city.", "to allow more aid", "United States"),
    ],
)
def test_press_with_a_question_or_an_infinitive_is_a_speech_cue(nlp, text, fragment, speaker):
    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and speaker in _speaker_text(found[0]), found


def test_press_with_a_plain_object_is_no_quote(nlp):
    assert not _quotes(nlp, "She pressed the button and left.")


def test_spar_over_a_question_is_a_speech_cue(nlp):
    text = "The two parties spar over whether the new tax should apply to small farms."
    found = _find(_quotes(nlp, text), "whether the new tax should apply", "indirect")
    assert found and "parties" in _speaker_text(found[0]), found


def test_liken_attributes_the_quoted_words_it_governs(nlp):
    found = _find(
        _quotes(nlp, 'At a rally, the senator likened the refugees to a "vicious snake" in a song.'), "vicious snake"
    )
    assert found and found[0].kind == "direct" and "senator" in _speaker_text(found[0]), found


def test_an_object_and_a_phrase_after_a_comma_are_no_small_clause(nlp):
    text = "Sunday will see the first round of the city elections, to be followed by a run-off in May."
    assert not _quotes(nlp, text)


def test_an_attributing_phrase_after_the_complementizer_is_left_out(nlp):
    text = "Wang stressed that, in Beijing's eyes, the island's residents cannot change their nationality, he said."
    found = [q for q in _quotes(nlp, text) if q.cue and q.cue.startswith("in ")]
    assert found and found[0].text.startswith("the island's residents"), found


@pytest.mark.parametrize(
    "text",
    [
        "The government will seek alternatives to widen the tax base.",
        "The opposition parties threatened non-stop protests to force electoral reforms.",
        "The envoy arrived in Amman in a bid to revive the talks.",
        "The king met the leaders in an effort to soften their stand.",
    ],
)
def test_a_purpose_is_not_what_was_sought_threatened_or_intended(nlp, text):
    """An infinitive after the object of a cue that takes no object and an infinitive (seek,
    threaten) is a purpose; so is "in a bid/an effort to ..." (no holder is stated for it)."""
    assert not [q for q in _quotes(nlp, text) if q.kind == "indirect"], _quotes(nlp, text)


@pytest.mark.parametrize(
    "text", ["They saw a group of soldiers order the refugees to keep walking.", "Police found him lying on the floor."]
)
def test_what_was_seen_or_found_doing_something_is_no_quote(nlp, text):
    assert not _quotes(nlp, text)


def test_found_that_is_still_a_report(nlp):
    found = _find(_quotes(nlp, "Investigators found that the pilot was tired."), "the pilot was tired", "indirect")
    assert found and "Investigators" in _speaker_text(found[0]), found


@pytest.mark.parametrize(
    "text",
    [
        "The visitors had some nervous moments as the home side pressed for an equaliser.",
        "The president, in his strongest words yet, accused the neighbours of meddling.",
        "Analysts were united in their opinion that the cartel would defend the price.",
    ],
)
def test_no_attribution_from_a_sought_object_or_a_phrase_that_is_no_adjunct(nlp, text):
    """ "as X pressed for Y" reports nothing of the clause it hangs on; "in his strongest words"
    says how, "in their opinion that ..." has its own clause: none attributes the sentence."""
    quotes = _quotes(nlp, text)
    assert not [q for q in quotes if q.cue and (q.cue.startswith(("in ", "In ")) or q.cue == "pressed")], quotes


@pytest.mark.parametrize(
    "text, fragment",
    [
        # an if/whether clause the parser hung on the copula belongs to the adjective of doubt
        ("The neighbours weren't sure if they would be able to help before winter.", "if they would be able"),
        ("Aides were uncertain whether the senator would run again.", "whether the senator"),
    ],
)
def test_a_question_after_an_adjective_of_doubt(nlp, text, fragment):
    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found, _quotes(nlp, text)


def test_an_if_after_another_adjective_is_a_condition(nlp):
    assert not _find(_quotes(nlp, "He was happy if the kids were safe at home."), "the kids", "indirect")


@pytest.mark.parametrize(
    "text, fragment, later",
    [
        # the parser made the clause after an opening adverbial cue the head of that cue
        (
            "While he acknowledged funding was a major reason for the delay, Hale also noted that the staff was too small.",
            "funding was a major reason",
            "the staff was too small",
        ),
        (
            "Although she admitted the budget was tight, the mayor said that the park would open in May.",
            "the budget was tight",
            "the park would open",
        ),
    ],
)
def test_the_clause_of_an_opening_adverbial_cue(nlp, text, fragment, later):
    quotes = _quotes(nlp, text)
    found = _find(quotes, fragment, "indirect")
    assert found and later not in found[0].text and "While" not in found[0].text, quotes
    assert _find(quotes, later, "indirect"), quotes


def test_a_main_clause_after_an_adverbial_cue_is_not_its_clause(nlp):
    text = "Although the mayor said so, the park will not open in May."
    assert not _find(_quotes(nlp, text), "the park will not open", "indirect")


@pytest.mark.parametrize(
    "text, fragment",
    [
        # "Y was accused of Ving": an accusation by someone the sentence does not name
        ("Mr. Ortiz was accused of using $50 million for personal expenses.", "using $50 million"),
        (
            "Guards have sometimes been accused of beating the prisoners they were paid to protect.",
            "beating the prisoners",
        ),
    ],
)
def test_a_passive_accusation_has_no_speaker(nlp, text, fragment):
    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and found[0].speaker is None, _quotes(nlp, text)


def test_accused_of_a_noun_is_no_quote(nlp):
    assert not _quotes(nlp, "The mayor was accused of fraud by the council.")


@pytest.mark.parametrize(
    "text, fragment, holder",
    [
        # a passive as-clause names the document that says the clause it hangs on
        (
            "As stated in the report, there are many questions about how the money was spent.",
            "many questions",
            "report",
        ),
        ("As noted in his letter, the company will cut 300 jobs next year.", "cut 300 jobs", "letter"),
    ],
)
def test_as_stated_in_a_document(nlp, text, fragment, holder):
    found = _find(_quotes(nlp, text), fragment, "indirect")
    assert found and holder in _speaker_text(found[0]), _quotes(nlp, text)


def test_as_planned_in_a_month_is_no_quote(nlp):
    assert not _quotes(nlp, "As planned in May, the bridge will close in June.")
