"""Did it happen? The status of an event (asserted, negated, hypothetical, future) and the word
that gives it, on sentences parsed by the project's pipeline (issue 25: mutation testing of
events/status.py).

Each case names the sentence, the word whose status is asked (the trigger) and the expected
(status, cue). The cue is what `tidings explain` and the exports show as the reason, so it is
checked too. A few rules are for parses this model rarely produces ("never" as an adverb, "going"
as an auxiliary); those are checked on hand-made parses at the end.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from tidings.events.status import RANK, clause_status, combine, status_of

PARSE = ("tok2vec", "tagger", "tidings_paragraphs", "parser", "attribute_ruler", "lemmatizer")


@pytest.fixture(scope="module")
def parse():
    from tidings.nlp import PipelineOptions, get_nlp, new_doc

    nlp = get_nlp(PipelineOptions(classifier=False, story=False))

    def run(text):
        doc = new_doc(nlp, text, None, "status-test")
        for name, proc in nlp.pipeline:
            if name in PARSE:
                doc = proc(doc)
        return doc

    return run


def token(doc, word):
    (tok,) = [t for t in doc if t.text == word][:1]
    return tok


def status(parse, text, word, **kw):
    doc = parse(text)
    return status_of([token(doc, word)], **kw)


def check(parse, cases):
    got = {(text, word): status(parse, text, word) for text, word, _ in cases}
    assert got == {(text, word): want for text, word, want in cases}


A = ("asserted", "")


def test_negation_by_not_never_no_and_a_negative_subject(parse):
    check(
        parse,
        [
            ("The army did not attack the village.", "attack", ("negated", "not")),
            ("Russia never attacked the village.", "attacked", ("negated", "never")),
            ("No talks were held.", "talks", ("negated", "no")),
            ("There was no fighting.", "fighting", ("negated", "no")),
            ("Nobody attacked the convoy.", "attacked", ("negated", "nobody")),
            ("Nobody was arrested.", "arrested", ("negated", "nobody")),
            ("None of the rebels surrendered.", "surrendered", ("negated", "none")),
            ("Nothing happened.", "happened", ("negated", "nothing")),
            ("Neither agreed to the plan.", "agreed", ("negated", "neither")),
            # "neither" on the subject's head word or coordinated subjects: the subject is the cue
            ("Neither side attacked the convoy.", "attacked", ("negated", "side")),
            ("Neither Russia nor Ukraine attacked the convoy.", "attacked", ("negated", "russia")),
        ],
    )


def test_words_that_look_negative_but_do_not_negate(parse):
    check(
        parse,
        [
            ("Russia said no to the proposal.", "said", A),  # the saying happened
            ("Russia once attacked the village.", "attacked", A),  # "once" is a condition only as a mark
            ("The new talks were held.", "talks", A),  # "new" is no future
            ("Russia attacked the village.", "attacked", A),
        ],
    )


def test_a_negative_subject_of_a_copula(parse):
    doc = parse("Nobody is responsible.")
    assert clause_status(token(doc, "is")) == ("negated", "nobody")


@pytest.mark.parametrize("text", ["No-one attacked the convoy.", "No one attacked the convoy."])
def test_no_one_as_a_subject_negates(parse, text):
    assert status_of([token(parse(text), "attacked")])[0] == "negated"


def test_future_and_modal_auxiliaries(parse):
    check(
        parse,
        [
            ("Russia will attack the village.", "attack", ("future", "will")),
            ("Russia shall attack the village.", "attack", ("future", "shall")),
            ("Russia would attack the village.", "attack", ("hypothetical", "would")),
            # a typographic apostrophe is the same auxiliary
            ("They\u2019ll attack the village.", "attack", ("future", "'ll")),
            ("Russia could attack the village.", "attack", ("hypothetical", "could")),
        ],
    )


def test_conditions_on_the_clause_itself(parse):
    check(
        parse,
        [
            ("If Russia attacks the village, Ukraine will respond.", "attacks", ("hypothetical", "if")),
            ("Unless Russia withdraws its troops, Ukraine will respond.", "withdraws", ("hypothetical", "unless")),
            # "whether" on a reported question: nothing says it happened
            ("Officials asked whether Russia had attacked the village.", "attacked", ("hypothetical", "whether")),
            # a negated condition asserts no refusal: nothing was done or left undone yet
            ("ECOWAS will use force if the army does not restore Bazoum.", "restore", ("hypothetical", "if")),
            ("The army did not restore Bazoum.", "restore", ("negated", "not")),
        ],
    )


def test_modifiers_of_event_nouns(parse):
    check(
        parse,
        [
            ("The planned talks were postponed.", "talks", ("future", "planned")),
            ("The upcoming talks were discussed.", "talks", ("future", "upcoming")),
            ("The possible talks were discussed.", "talks", ("hypothetical", "possible")),
            ("The alleged attack was condemned.", "attack", ("hypothetical", "alleged")),
            ("The planned Geneva Conference was cancelled.", "Conference", ("future", "planned")),  # a proper noun
        ],
    )


def test_control_verbs_and_adjectives_above_an_infinitive(parse):
    check(
        parse,
        [
            ("Russia is going to attack the village.", "attack", ("future", "go")),
            ("Russia is due to meet Ukraine.", "meet", ("future", "due")),
            ("Russia is set to sign the accord.", "sign", ("future", "set")),
            # the lemmas of the participles: "scheduled" -> schedule, "poised" -> poise
            ("Putin is scheduled to meet Xi.", "meet", ("future", "schedule")),
            ("Iran is poised to sign the accord.", "sign", ("future", "poise")),
            ("Russia is slated to sign the accord.", "sign", ("future", "slate")),
            ("Russia plans to attack the village.", "attack", ("future", "plan")),
            ("Russia intends to attack the village.", "attack", ("future", "intend")),
            ("Russia is preparing to attack the village.", "attack", ("future", "prepare")),
            ("Russia aims to sign the accord.", "sign", ("future", "aim")),
            ("Russia is expected to sign the accord.", "sign", ("future", "expect")),
            ("Russia was unable to sign the accord.", "sign", ("negated", "unable")),
            ("Russia was unwilling to sign the accord.", "sign", ("negated", "unwilling")),
            ("Russia is likely to sign the accord.", "sign", ("hypothetical", "likely")),
            ("Russia was unlikely to sign the accord.", "sign", ("hypothetical", "unlikely")),
            ("Russia is able to sign the accord.", "sign", ("hypothetical", "able")),
            ("Russia was willing to sign the accord.", "sign", ("hypothetical", "willing")),
            ("Russia was ready to sign the accord.", "sign", ("hypothetical", "ready")),
            ("Putin did not want to meet Biden.", "meet", ("negated", "not")),
            ("Putin decided not to meet Biden.", "meet", ("negated", "not")),
            ("Putin would like to meet Biden.", "meet", ("hypothetical", "would")),
            # a verb in -ing other than "going" says nothing about the future
            ("Russia is continuing to shell the city.", "shell", A),
        ],
    )


def test_purpose_clauses_share_the_status_of_their_clause(parse):
    check(
        parse,
        [
            ("Russia will travel to Moscow to meet Putin.", "meet", ("future", "will")),
            ("Russia travelled to Moscow to meet Putin.", "meet", A),
            # an asserted purpose clause looks further up: the sending is itself due
            ("Russia is due to send troops to attack the village.", "attack", ("future", "due")),
        ],
    )


def test_an_adverbial_clause_is_its_own_proposition(parse):
    check(
        parse,
        [
            # the worrying does not make the attack uncertain
            ("Russia worried because Ukraine attacked the village.", "attacked", A),
            ("Russia worried because Ukraine had attacked the village.", "attacked", A),
        ],
    )


def test_fears_threats_and_talk_make_an_event_hypothetical(parse):
    check(
        parse,
        [
            ("Fears of an attack grew.", "attack", ("hypothetical", "fear")),
            ("The threat of an attack grew.", "attack", ("hypothetical", "threat")),
            ("The threat to attack the village grew.", "attack", ("hypothetical", "threat")),
            ("Officials fear Russia attacked the convoy.", "attacked", ("hypothetical", "fear")),
            ("War fears grew.", "War", ("hypothetical", "fear")),
            ("Talks on a ceasefire could resume.", "ceasefire", ("hypothetical", "talk")),
            # what the talks or the question are about is not made uncertain by them
            ("Ceasefire talks began in Geneva.", "Ceasefire", A),
            ("The sanctions question dominated the summit.", "sanctions", A),
            # the event's own modal is the better cue than the fear above it
            ("Fears that Russia could attack the village grew.", "attack", ("hypothetical", "could")),
        ],
    )


def test_what_an_accusation_says_happened_is_alleged(parse):
    check(
        parse,
        [
            (
                "Russia rejected accusations that its army attacked the village.",
                "attacked",
                ("hypothetical", "accusation"),
            ),
            ("Russia rejected accusations that it invaded.", "invaded", ("hypothetical", "accusation")),
            (
                "Russia rejected accusations that civilians were killed by its army.",
                "killed",
                ("hypothetical", "accusation"),
            ),
            ("Russia denied charges it attacked the village.", "attacked", ("hypothetical", "charge")),
            # a modal inside the accusation: the accusation is the cue; a negation stays a negation
            (
                "Russia rejected accusations that its army would attack the village.",
                "attack",
                ("hypothetical", "accusation"),
            ),
            ("Russia rejected accusations that its army did not protect the village.", "protect", ("negated", "not")),
            # a relative clause about the allegation (its subject is "that") is what the allegation did
            ("Ukraine made an allegation that blamed Russia for the attack.", "blamed", A),
            # reported speech is no accusation
            ("Russia said its army attacked the village.", "attacked", A),
        ],
    )


def test_a_reporting_verb_in_stop_at_ends_the_search(parse):
    doc = parse("Ukraine rejected claims that Moscow said its troops attacked the village.")
    attacked, said = token(doc, "attacked"), token(doc, "said")
    assert status_of([attacked]) == ("hypothetical", "claim")
    assert status_of([attacked], stop_at=[said]) == A
    doc = parse("If Russia says its troops attacked the village, Ukraine will respond.")
    attacked, says = token(doc, "attacked"), token(doc, "says")
    assert status_of([attacked]) == ("hypothetical", "if")
    assert status_of([attacked], stop_at=[says]) == A


def test_negation_and_futures_of_a_reporting_clause_are_not_inherited(parse):
    check(
        parse,
        [
            ("Russia did not say it attacked the village.", "attacked", A),
            ("Russia said it would attack the village.", "attack", ("hypothetical", "would")),
            # but a modal on the reporting verb is: the announcement itself may not come
            ("Officials might announce that Russia attacked the convoy.", "attacked", ("hypothetical", "might")),
            ("It may be that Russia attacked the village.", "attacked", ("hypothetical", "may")),  # under "be"
        ],
    )


def test_event_nouns_in_clauses_that_did_not_happen(parse):
    check(
        parse,
        [
            ("Talks could resume next week.", "Talks", ("hypothetical", "could")),
            ("Russia could launch an attack.", "attack", ("hypothetical", "could")),
            ("Talks would be held in Geneva.", "Talks", ("hypothetical", "would")),
            ("The result could be a war.", "war", ("hypothetical", "could")),
            ("Moscow could host the Geneva Conference.", "Conference", ("hypothetical", "could")),  # a proper noun
            ("The talks will be in Geneva.", "talks", ("future", "will")),
            # the noun looks past an asserted verb to what governs it
            ("Russia is due to launch an attack.", "attack", ("future", "due")),
            # a form of "be" above an event noun is no future
            ("The attack was a disaster for Russia.", "attack", A),
        ],
    )


def test_independent_clauses_and_relative_clauses_keep_their_own_status(parse):
    check(
        parse,
        [
            ("Russia attacked the village and Ukraine did not respond.", "respond", ("negated", "not")),
            ("The village, which Russia did not attack, was quiet.", "attack", ("negated", "not")),
            # the towns were captured, whatever Russia could do to them now
            ("Russia could seize towns that Ukraine captured last year.", "captured", A),
            ("Putin is due to meet the leaders who attacked the village.", "attacked", A),
            # a clause as subject is not under the verb it is the subject of
            ("Attacking the village was a mistake.", "Attacking", A),
            # a second clause is no part of what is feared, even where the parse hangs it there
            ("Analysts fear that Russia will attack and Ukraine has mobilised its army.", "mobilised", A),
        ],
    )


def test_several_tokens_the_strongest_status_and_the_topmost_token_decide(parse):
    doc = parse("Putin is due to meet the leaders who attacked the village.")
    meet, attacked = token(doc, "meet"), token(doc, "attacked")
    # the topmost token (fewest ancestors) is where the clauses above are looked at, whatever the order
    assert status_of([meet, attacked]) == ("future", "due")
    assert status_of([attacked, meet]) == ("future", "due")
    doc = parse("The army never attacked and did not shell the village.")
    never, shell = token(doc, "attacked"), token(doc, "shell")
    assert clause_status(never) == ("negated", "never") and clause_status(shell) == ("negated", "not")
    # among equally strong statuses, the first token's cue is kept
    assert status_of([never, shell]) == ("negated", "never")
    assert status_of([shell, never]) == ("negated", "not")


def test_the_search_upwards_is_bounded_by_depth(parse):
    text = "If Russia sends troops to attack the village, Ukraine will respond."
    assert status(parse, text, "village") == ("hypothetical", "if")
    # village -> attack -> sends (which carries the "if"): two steps up
    assert status(parse, text, "village", depth=2) == ("hypothetical", "if")
    assert status(parse, text, "village", depth=1) == A
    text = "Russia is due to send troops to attack the village."
    assert status(parse, text, "attack", depth=2) == ("future", "due")
    assert status(parse, text, "attack", depth=1) == A
    # river -> near -> attack (which carries the "if" of its clause) -> sends: three steps
    text = "If Russia sends troops to attack the village near the river, Ukraine will respond."
    assert status(parse, text, "river", depth=3) == ("hypothetical", "if")
    assert status(parse, text, "river", depth=2) == A
    # river -> near -> attack -> (purpose clause) send -> due
    text = "Russia is due to send troops to attack the village near the river."
    assert status(parse, text, "river", depth=4) == ("future", "due")
    assert status(parse, text, "river", depth=3) == A
    text = "The army attacked the village near the river."
    assert status(parse, text, "river", depth=1) == A


def test_combine_keeps_the_strongest_status():
    assert combine() == "asserted"
    assert combine("asserted") == "asserted"
    assert combine("future", "asserted") == "future"
    assert combine("future", "hypothetical", "asserted") == "hypothetical"
    assert combine("hypothetical", "negated", "future") == "negated"
    assert sorted(RANK, key=RANK.get) == ["asserted", "future", "hypothetical", "negated"]


# --- hand-made parses for rules this model's parses rarely reach ----------------------------------


def made(words, heads, deps, pos, lemmas=None):
    """A Doc with the given parse (heads are indices into words)."""
    import spacy

    return Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas or [w.lower() for w in words],
    )


def test_never_or_no_as_an_adverb_negates():
    doc = made(["Russia", "never", "attacked"], [2, 2, 2], ["nsubj", "advmod", "ROOT"], ["PROPN", "ADV", "VERB"])
    assert clause_status(doc[2]) == ("negated", "never")
    doc = made(
        ["Russia", "no", "longer", "attacks"],
        [3, 3, 3, 3],
        ["nsubj", "advmod", "advmod", "ROOT"],
        ["PROPN", "ADV", "ADV", "VERB"],
    )
    assert clause_status(doc[3]) == ("negated", "no")


def test_no_before_a_gerund_tagged_as_a_verb_negates():
    doc = made(
        ["There", "was", "no", "fighting"],
        [1, 1, 3, 1],
        ["expl", "ROOT", "det", "attr"],
        ["PRON", "AUX", "DET", "VERB"],
    )
    assert clause_status(doc[3]) == ("negated", "no")


def test_going_as_an_auxiliary_and_will_by_its_lemma_are_future():
    doc = made(["Russia", "going", "attack"], [2, 2, 2], ["nsubj", "aux", "ROOT"], ["PROPN", "AUX", "VERB"])
    assert clause_status(doc[2]) == ("future", "going")
    doc = made(
        ["Russia", "wll", "attack"],
        [2, 2, 2],
        ["nsubj", "aux", "ROOT"],
        ["PROPN", "AUX", "VERB"],
        lemmas=["Russia", "will", "attack"],
    )
    assert clause_status(doc[2]) == ("future", "wll")
