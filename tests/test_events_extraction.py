"""Event extraction on the dependency parse: passives, coordination, control chains,
reported speech, negation, conditionals, future, nominal events, dates and candidates.

Actor mentions come from a tiny word list built here, so these tests do not depend on the
actors stage's gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.records.mentions import ActorMention

ACTORS = {
    "putin": ("RUSGOV", "RUS"),
    "biden": ("USAGOV", "USA"),
    "kremlin": ("RUSGOV", "RUS"),
    "russia": ("RUS", "RUS"),
    "russian": ("RUS", "RUS"),
    "moscow": ("RUSGOV", "RUS"),
    "ukraine": ("UKR", "UKR"),
    "ukrainian": ("UKR", "UKR"),
    "iraqi": ("IRQ", "IRQ"),
    "iran": ("IRN", "IRN"),
    "israel": ("ISR", "ISR"),
    "nato": ("IGOWSTNAT", None),
    "west": ("WST", None),
    "hamas": ("PSEREB", "PSE"),
    "egypt": ("EGY", "EGY"),
    "turkey": ("TUR", "TUR"),
}


def fake_mentions(doc):
    out = []
    for tok in doc:
        if tok.lower_ in ACTORS:
            code, country = ACTORS[tok.lower_]
            out.append(
                ActorMention(
                    tok.i,
                    tok.i + 1,
                    tok.idx,
                    tok.idx + len(tok),
                    tok.text,
                    code,
                    country,
                    tok.text,
                    "test",
                    tok.lower_,
                    "name",
                    tok.i,
                )
            )
    return out


@pytest.fixture(scope="module")
def lexicon_nlp():
    """The lexicon coder alone: these tests pin its extraction (the classifier that runs
    after it by default has tests of its own in test_classifier_stage.py)."""
    from tidings.nlp import PipelineOptions, get_nlp

    return get_nlp(PipelineOptions(classifier=False, story=False))


@pytest.fixture(scope="module")
def code(lexicon_nlp):
    nlp = lexicon_nlp
    from tidings.nlp import new_doc

    def run(text, published=dt.date(2021, 12, 12)):
        doc = new_doc(nlp, text, published, "test")
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            if name == "tidings_actors":
                doc._.actor_mentions = fake_mentions(doc)
        return doc

    return run


def events(doc, status=None):
    return [e for e in doc._.events if status is None or e.status == status]


def triples(doc, status="asserted"):
    return {
        (e.code, e.source.code if e.source else None, e.target.code if e.target else None) for e in events(doc, status)
    }


def test_passive_with_agent(code):
    doc = code("Three Ukrainian activists were arrested by Russian police in Moscow.")
    (e,) = [e for e in events(doc) if e.root == "17"]
    assert e.code == "173" and e.source.code == "RUS" and e.target.code == "UKR"
    assert e.status == "asserted"


def test_coordinated_subjects_give_both_directions(code):
    doc = code("Putin and Biden agreed to hold more talks.")
    assert {("036", "RUSGOV", "USAGOV"), ("036", "USAGOV", "RUSGOV")} <= triples(doc)
    e = events(doc)[0]
    assert e.trigger.text == "agreed" and doc.text[e.trigger.start : e.trigger.end] == "agreed"
    assert e.rule.startswith("lexicon/verbs.tsv:") and "xcomp hold" in e.rule


def test_co_mediators_and_co_visitors_are_not_each_others_targets(code):
    doc = code("The two sides met for a new round of talks brokered by Egypt and Turkey.")
    found = {t for status in ("asserted", "hypothetical") for t in triples(doc, status)}
    assert not {("045", "EGY", "TUR"), ("045", "TUR", "EGY")} & found
    doc = code("Egypt and Turkey visited Ukraine.")
    assert {("042", "EGY", "UKR"), ("042", "TUR", "UKR")} <= triples(doc)
    assert not {("042", "EGY", "TUR"), ("042", "TUR", "EGY")} & triples(doc)
    doc = code("Putin and Biden met in Geneva.")
    assert {("040", "RUSGOV", "USAGOV"), ("040", "USAGOV", "RUSGOV")} <= triples(doc)


def test_a_visit_is_hosted_by_the_side_visited(code):
    # CAMEO: A visits B (042) is B hosting A (043); coders list both sides of a visit
    doc = code("Putin visited Ukraine.")
    assert {("042", "RUSGOV", "UKR"), ("043", "UKR", "RUSGOV")} <= triples(doc)
    host = next(e for e in events(doc) if e.code == "043")
    assert (
        "host-of-visit(042)" in host.rule
        and host.confidence < next(e for e in events(doc) if e.code == "042").confidence
    )


def test_control_chain_and_object(code):
    doc = code("Biden used the call to warn Putin.")
    assert ("130", "USAGOV", "RUSGOV") in triples(doc)


def test_warned_of_sanctions_is_more_specific_than_warned(code):
    doc = code("Biden warned Putin of tough sanctions.")
    assert ("1312", "USAGOV", "RUSGOV") in triples(doc)


def test_met_with_protests_is_not_a_meeting(code):
    doc = code("Israel's plan met with protests.")
    assert not any(e.root == "04" for e in events(doc))
    assert any(c.reason == "blocked" for c in doc._.candidates)


def test_called_for_talks_is_an_appeal_and_called_a_phone_call(code):
    assert ("026", "EGY", None) in triples(code("Egypt called for talks."))
    assert ("041", "RUSGOV", "USAGOV") in triples(code("Putin called Biden on Tuesday."))


def test_agreed_to_ceasefire_is_intent_to_deescalate(code):
    doc = code("Israel and Hamas agreed to a ceasefire.")
    assert any(e.code.startswith("035") for e in events(doc))


def test_reported_speech_codes_the_clause(code):
    doc = code("The Kremlin said Ukrainian forces had shelled Russian positions.")
    (e,) = [e for e in events(doc) if e.root == "19"]
    assert e.source.code == "UKR" and e.target.code == "RUS"
    assert e.reported_by is not None and e.reported_by.code == "RUSGOV"


def test_statement_when_the_clause_has_no_event(code):
    doc = code("The Kremlin said the weather was cold.")
    assert ("010", "RUSGOV", None) in triples(doc)


def test_negation(code):
    doc = code("Russian troops did not pose a threat to Ukraine.")
    assert not events(doc, "asserted")
    assert any(e.root == "13" for e in events(doc, "negated"))


def test_conditional(code):
    doc = code("The West would impose sanctions on Russia if it invades Ukraine.")
    assert not [e for e in events(doc, "asserted") if e.root in ("16", "17", "18", "19", "20")]
    assert any(e.code == "192" for e in events(doc, "hypothetical"))


def test_threatened_to_is_an_asserted_threat(code):
    doc = code("Turkey threatened to attack Iraqi positions.")
    assert any(e.root == "13" and e.source.code == "TUR" for e in events(doc, "asserted"))
    assert not any(e.root == "19" for e in events(doc, "asserted"))


def test_future_and_announced_intent(code):
    doc = code("Putin will meet Biden in Geneva.")
    assert any(e.root == "04" for e in events(doc, "future"))
    assert ("036", "RUSGOV", "USAGOV") in triples(doc)


def test_refused_to_is_a_rejection(code):
    doc = code("Iran refused to release the Israeli prisoners.")
    assert any(e.root == "12" for e in events(doc, "asserted"))


def test_fears_are_not_events(code):
    doc = code("Fears about new sanctions against Moscow hit the rouble.")
    assert not [e for e in events(doc, "asserted") if e.root == "16" or e.code == "163"]


def test_nominal_event_between_two_actors(code):
    doc = code("The video call between Biden and Putin lasted two hours.")
    assert {("041", "USAGOV", "RUSGOV"), ("041", "RUSGOV", "USAGOV")} <= triples(doc)


def test_nominal_event_with_demonym_source(code):
    doc = code("Analysts watched the Russian troop build-up near Ukraine.")
    assert ("154", "RUS", "UKR") in triples(doc)


def test_date_from_attached_time_expression_else_publication(code):
    doc = code("Putin met Biden on Dec 7.")
    met = [e for e in events(doc) if e.root == "04"]
    assert len(met) == 2  # a meeting is coded both ways
    if doc._.timexes:  # the dates stage found "Dec 7"
        assert all(e.date == "2021-12-07" and "Dec 7" in e.date_text for e in met)
    doc = code("Putin met Biden.")
    met = [e for e in events(doc) if e.root == "04"]
    assert met and all(e.date == "2021-12-12" and e.date_text is None for e in met)


def test_a_mutual_act_is_coded_both_ways_and_a_one_sided_one_is_not(code):
    both = {("040", "RUSGOV", "USAGOV"), ("040", "USAGOV", "RUSGOV")}
    assert both <= triples(code("Putin met Biden in Geneva."))
    signed = triples(code("Turkey signed a trade agreement with Egypt on Friday."))
    assert {("057", "TUR", "EGY"), ("057", "EGY", "TUR")} <= signed
    # a visit or an attack has a direction (the visited side hosts: 043, not a visit of its own)
    visit = triples(code("Putin visited Turkey on Monday."))
    assert ("042", "RUSGOV", "TUR") in visit and [t for t in visit if t[1] == "TUR"] == [("043", "TUR", "RUSGOV")]
    attacked = triples(code("Russian forces attacked Ukrainian troops."))
    assert attacked and not [t for t in attacked if t[1] == "UKR"]
    # an intent derived from a plan is the planner's alone; one from "will meet" is both sides'
    plans = code("Egypt plans to hold talks with Hamas next week.")
    assert not [e for e in events(plans, "asserted") if e.source and e.source.code == "PSEREB"]
    will = triples(code("Biden will meet Putin next week."))
    assert {("036", "USAGOV", "RUSGOV"), ("036", "RUSGOV", "USAGOV")} <= will
    # a refusal to negotiate is not the other side's refusal
    refusal = code('"We will not negotiate with Hamas," Israel said.')
    assert not [e for e in events(refusal, "asserted") if e.source and e.source.code == "PSEREB"]


def test_candidates_explain_drops(code):
    doc = code("The talks lasted for hours.")
    assert not events(doc)
    assert any(not c.kept and c.reason == "no actor" for c in doc._.candidates)


def test_ids_are_stable_and_plover_is_set(code):
    a = events(code("Iran attacked Israel."))
    b = events(code("Iran attacked Israel."))
    assert [e.id for e in a] == [e.id for e in b]
    assert a[0].plover_event == "ASSAULT" and a[0].penta_class == 4 and a[0].quad_class == 4
    assert 0 < a[0].confidence <= 1


def test_claim_of_responsibility(code):
    doc = code("Hamas claimed that it had attacked Israel.")
    assert ("015", "PSEREB", "ISR") in triples(doc)


def test_reported_must_is_a_demand(code):
    doc = code("Turkey said Iran must release the prisoners.")
    assert any(e.root == "10" and e.source.code == "TUR" and e.target.code == "IRN" for e in events(doc, "asserted"))


def test_refusal_announced_with_will_not(code):
    doc = code("Israel will not release the prisoners, Egypt said.")
    assert any(e.root == "12" and e.source.code == "ISR" for e in events(doc, "asserted"))
    assert any(e.code == "0841" for e in events(doc, "negated"))


def test_arrested_for_collaborating_is_an_accusation(code):
    doc = code("Russian police arrested a Ukrainian activist for collaborating with Turkey.")
    assert any(e.code == "1125" for e in events(doc, "asserted"))


def test_appeal_for_talks_and_imposed_sanctions_target(code):
    doc = code("Russia imposed sanctions on Turkey.")
    assert ("163", "RUS", "TUR") in triples(doc)


def test_due_to_and_purpose_clauses_share_future_status(code):
    doc = code("Putin is due to meet Biden.")
    assert any(e.root == "04" and e.source.code == "RUSGOV" for e in events(doc, "future"))
    doc = code("Putin will travel to Geneva to meet Biden.")
    assert not any(e.root == "04" and e.code != "036" for e in events(doc, "asserted"))


def test_event_nouns_in_unrealised_clauses(code):
    doc = code("Talks between Putin and Biden could resume next month.")
    assert not events(doc, "asserted")
    assert any(e.root == "04" for e in events(doc, "hypothetical"))


def test_protest_for_a_demand(code):
    doc = code("Ukrainian protesters marched to demand the resignation of Putin.")
    assert any(e.code == "1411" for e in events(doc, "asserted"))


def test_an_argument_span_leaves_out_infinitive_clauses_and_examples(code):
    doc = code("Putin condemned Turkey's decision to close the border.")
    (e,) = [e for e in events(doc, "asserted") if e.target and e.target.code == "TUR"]
    assert e.target.text == "Turkey's decision"
    doc = code("Israel attacked Hamas fighters, including those from Egypt, on Monday.")
    (e,) = [e for e in events(doc, "asserted") if e.target and e.target.code == "PSEREB"]
    assert e.target.text == "Hamas fighters"


def test_the_owner_of_a_thing_and_the_beneficiary_are_targets(code):
    struck = [t for t in triples(code("Israel struck an arms depot of Hamas on Tuesday.")) if t[1] == "ISR"]
    assert struck and all(t[2] == "PSEREB" for t in struck)
    pledged = [t for t in triples(code("Turkey pledged support for Egypt.")) if t[1] == "TUR"]
    assert pledged and all(t[2] == "EGY" for t in pledged)


def test_an_argument_span_leaves_out_where_the_actor_is_and_keeps_its_brackets(code):
    doc = code("Putin met Turkey's ambassador in Ankara on Monday.")
    spans = {e.target.text for e in events(doc, "asserted") if e.target and e.target.code == "TUR"}
    assert spans == {"Turkey's ambassador"}
    doc = code("Israel attacked the Hamas Ministry of Interior (MOI) on Monday.")
    spans = {e.target.text for e in events(doc, "asserted") if e.target and e.target.code == "PSEREB"}
    assert spans and all(s.endswith("(MOI)") for s in spans), spans


def test_material_support_is_aid_and_verbal_support_is_endorsement(code):
    assert ("070", "TUR", "EGY") in triples(code("Turkey supported Egypt with $5 million in loans."))
    assert any(
        c == "070" and s == "TUR" for c, s, t in triples(code("Turkey is funding reconstruction projects in Egypt."))
    )
    assert any(c == "051" and s == "TUR" for c, s, t in triples(code("Turkey supported Egypt's bid.")))


def test_a_foreign_place_of_the_act_is_its_target_when_there_is_no_other(code):
    assert any(
        s == "RUSGOV" and t == "UKR" for _, s, t in triples(code("Putin agreed to a ceasefire in eastern Ukraine."))
    )
    # the source's own country is where it acts, not whom it acts on
    assert all(t is None for _, s, t in triples(code("Putin deployed soldiers in Moscow.")))
    # a target found otherwise is kept
    assert any(t == "PSEREB" for _, _, t in triples(code("Israel attacked Hamas fighters in Egypt.")))


def test_an_object_that_is_no_actor_gives_way_to_the_recipient(code):
    assert any(s == "TUR" and t == "EGY" for _, s, t in triples(code("Turkey returned the stolen statues to Egypt.")))


def test_rockets_fired_at_an_actor_are_an_attack_not_a_test(code):
    assert ("194", "PSEREB", "ISR") in triples(code("Hamas fired rockets at Israel."))


def test_an_event_with_no_source_is_dropped_when_the_sentence_has_one_with_a_source(code):
    doc = code("Hamas fighters were killed on Monday after Israel attacked Egypt.")
    assert all(e.source is not None for e in events(doc, "asserted"))
    assert any(c.reason == "no source" and not c.kept for c in doc._.candidates)
    # alone in its sentence, it is kept: it still says what happened there
    doc = code("Hamas fighters were killed on Monday.")
    assert any(e.source is None and e.target and e.target.code == "PSEREB" for e in events(doc, "asserted"))


def test_a_pronoun_named_earlier_in_its_sentence_is_shown_by_the_name():
    from tidings.run.coding import code_articles
    from tidings.records import Article

    text = "The British government has announced that it will not lift the ban on the Tamil Tigers."
    (coded,) = code_articles([Article(id="t", text=text, published="2020-01-01")])
    srcs = {(e.source.code, e.source.text, e.source.start) for e in coded.events if e.source}
    assert srcs == {("GBRGOV", "The British government", 0)}, srcs


def test_condemning_an_act_coded_earlier_targets_its_perpetrator(code):
    doc = code("Hamas attacked Israel on Monday. Putin condemned the attack.")
    assert ("111", "RUSGOV", "PSEREB") in triples(doc)
    # an act with no earlier event stays without a target
    doc = code("Putin condemned the attack.")
    assert all(t is None for c, s, t in triples(doc) if s == "RUSGOV")


def test_the_victim_of_a_condemned_act_is_not_the_one_condemned(code):
    # the embassy bombed, the embassy attacked: victims, not the target of the condemnation
    found = triples(code("Iran condemned the shelling of Ukraine."))
    assert not any(t == "UKR" for c, s, t in found if c.startswith("11")), found
    found = triples(code("Egypt denounced the attack on Israel."))
    assert not any(t == "ISR" for c, s, t in found if c.startswith("11")), found
    # the doer the act's own words name is
    found = triples(code("Iran condemned the Russian air strikes on Ukraine."))
    assert ("111", "IRN", "RUS") in found, found


def test_what_an_unissued_text_says_did_not_happen(code):
    # a vote someone pushes for, a draft: what the text would do is not done
    doc = code("Ukraine pushed for a NATO vote imposing sanctions on Russia.")
    assert not any(c.startswith("16") for c, s, t in triples(doc)), triples(doc)
    assert any(e.code.startswith("16") for e in events(doc, "hypothetical")), triples(doc, None)
    doc = code("Iran opposed a draft resolution condemning Russia.")
    assert not any(c.startswith("11") and s == "IGOWSTNAT" for c, s, t in triples(doc)), triples(doc)
    # an issued one did
    doc = code("NATO issued a statement urging Russia to withdraw.")
    assert any(c.startswith("02") and t == "RUS" for c, s, t in triples(doc)), triples(doc)


def test_an_event_with_no_target_is_dropped_beside_the_same_act_with_one(code):
    doc = code("Putin summoned the Turkey envoy to complain about the incident.")
    by_root = [
        (e.root, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in events(doc, "asserted")
    ]
    assert ("11", "RUSGOV", "TUR") in by_root and ("11", "RUSGOV", None) not in by_root, by_root
    assert any(c.reason == "no target" and not c.kept for c in doc._.candidates)


def test_blaming_each_other_goes_both_ways(code):
    found = triples(code("Putin and Biden blamed each other for the shelling."))
    pairs = {(s, t) for c, s, t in found if c.startswith("11")}
    assert len(pairs) == 2 and all(s and t and s != t for s, t in pairs), found


def test_traded_accusations_are_accusations_both_ways(code):
    found = triples(code("Turkey and Egypt traded accusations on Monday."))
    assert ("112", "TUR", "EGY") in found and ("112", "EGY", "TUR") in found, found
    # an accusation is no act whose doer is condemned: no earlier accuser becomes the target
    doc = code("Israel accused Iran on Monday. Egypt condemned the accusations.")
    assert not any(t == "ISR" for c, s, t in triples(doc) if s == "EGY"), triples(doc)


def test_the_venue_of_a_meeting_is_not_its_counterpart(code):
    found = triples(code("Putin attended a summit in Turkey on Monday."))
    assert not any(t == "TUR" for c, s, t in found if c.startswith("04")), found


def test_a_military_strike_is_force_and_a_general_strike_is_a_strike(code):
    assert any(c == "190" and s == "ISR" for c, s, t in triples(code("A military strike by Israel hit Hamas.")))
    assert any(c == "190" for c, s, t in triples(code("Israel carried out a strike on Hamas.")))
    assert not any(c == "143" for c, s, t in triples(code("Israel carried out a strike on Hamas.")))


def test_turning_down_a_request_targets_whoever_made_it(code):
    doc = code("Turkey turned down Ukraine's request for missiles.")
    (e,) = [e for e in events(doc, "asserted") if e.code.startswith("12")]
    assert (e.source.code, e.target.code) == ("TUR", "UKR"), e
    assert e.target.text.startswith("Ukraine's request")
    assert any(t == "IRN" for c, s, t in triples(code("Israel rejected an offer by Iran.")) if c.startswith("12"))


def test_what_an_accusation_says_happened_is_alleged_not_asserted(code):
    doc = code("Turkey rejected accusations that Egypt attacked Israel.")
    assert ("190", "EGY", "ISR") not in triples(doc)
    assert any(e.source and e.source.code == "EGY" for e in events(doc, "hypothetical"))
    doc = code("Putin denied charges he ran a unit that attacked Ukraine.")
    assert not any(t == "UKR" for c, s, t in triples(doc))
    # the attack itself, told as a fact, stays asserted
    assert ("190", "EGY", "ISR") in triples(code("Turkey said that Egypt attacked Israel."))


def test_an_appeal_announced_for_the_future_is_made_now(code):
    doc = code("Putin said he would call on Turkey to stop the attacks.")
    assert any(c.startswith("02") and s == "RUSGOV" and t == "TUR" for c, s, t in triples(doc)), triples(doc)


def test_ordering_someone_to_act_is_a_demand_not_an_endorsement(code):
    found = triples(code("Putin ordered Turkey's newspapers to suspend publications."))
    assert any(c.startswith("10") and s == "RUSGOV" for c, s, t in found), found
    assert not any(c.startswith("05") for c, s, t in found), found


def test_a_condemned_act_with_its_doer_and_victim_named_is_an_event_too(code):
    # the condemnation is one event, the act it condemns (doer and victim named) another
    doc = code("Egypt condemned Israel's air strikes on Hamas.")
    found = triples(doc)
    assert any(c.startswith("11") and (s, t) == ("EGY", "ISR") for c, s, t in found), found
    assert any(c[:2] in ("18", "19") and (s, t) == ("ISR", "PSEREB") for c, s, t in found), found
    # with no doer named, the act stays part of the condemnation
    doc = code("Egypt condemned the murder of the minister.")
    assert not [e for e in events(doc) if e.root in ("18", "19")]
