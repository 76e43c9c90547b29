"""Lexicon coverage: words that carry an event in general news have an entry with the code
CAMEO gives them (issue 18: coder triggers that no entry covered). The sentences are written
for these tests; the sentence coder alone runs (no classifier, no article stage), with the
real actor stage. Actors are compared as the story scorer keys them (the country block, after
an organisation prefix), so that these tests follow the lexicon and not the actor dictionaries."""

from __future__ import annotations

import pytest
from storykit import sentence_coder_events

ORG_PREFIXES = ("IGO", "NGO", "NGM", "IMG", "MNC")


def actor_key(actor):
    if actor is None or not actor.code:
        return None
    code = actor.code
    if code.startswith(ORG_PREFIXES) and len(code) > 3:
        code = code[3:]
    return code[:3]


@pytest.fixture(scope="module")
def coded():
    def run(text):
        events = sentence_coder_events(text)
        return {(e.code, actor_key(e.source), actor_key(e.target)) for e in events if e.status == "asserted"}

    return run


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # disapproval expressed through a noun is 111, not a pessimistic comment (012)
        ("Egypt expressed its dismay at Israel's decision to close the crossing.", ("111", "EGY", "ISR")),
        ("The French president launched a broadside against Turkey on Monday.", ("111", "FRA", "TUR")),
        ("Iran voiced indignation at the visit.", ("111", "IRN", None)),
        # naming an act with a word of condemnation is 111
        ("Libya called the execution illegal.", ("111", "LBY", None)),
        ("Egypt described the raid as a provocation.", ("111", "EGY", None)),
        # the end of a visit is the visit (042), not a halt of relations (164)
        ("The Chinese president ended his official visit to Vietnam on Friday.", ("042", "CHN", "VNM")),
        # concern about a state of affairs stays a pessimistic comment
        ("Egypt expressed concern over the rising prices of food.", ("012", "EGY", None)),
        # restraint is de-escalation (0356); an appeal for it is 0256
        ("The UN chief urged Israel to show restraint.", ("0256", "UNO", "ISR")),
        ("The court issued an arrest warrant for the Iraqi minister.", ("173", "IRQ", None)),
        ("Sudan gave safe haven to the rebels.", ("075", "SDN", "SDN")),
        ("Egypt voiced appreciation for Israel's help.", ("051", "EGY", "ISR")),
        # forces taking or entering a place occupy it (192); a person entering a room does not
        ("Government troops on Thursday entered northern Mogadishu.", ("192", "SOM", "SOM")),
        ("Somali government forces rolled into the capital Mogadishu.", ("192", "SOM", None)),
        ("Russian troops took the city on Monday.", ("192", "RUS", None)),
        # charging or indicting someone is legal action (173, CAMEO "charge with legal action"),
        # not an accusation of a crime (1121); impeachment stays 1121
        ("Turkish prosecutors charged the Iraqi diplomat with spying.", ("173", "TUR", "IRQ")),
        ("A US grand jury indicted the Colombian general.", ("173", "USA", "COL")),
        # a kidnapping is an abduction (181), not an arrest (173)
        ("Nigerian rebels kidnapped two Italian oil workers.", ("181", "NGA", "ITA")),
        # welcoming a decision is an endorsement (051), not hosting a visit (043)
        ("Japan welcomed China's return to the talks.", ("051", "JPN", "CHN")),
        # killing by armed forces is military force (19x), not an assault (18x)
        ("Israeli troops killed three Palestinian militants.", ("190", "ISR", "PSE")),
        # an invitation offers to meet (036); an assurance is a promise (030)
        ("The Chinese president invited the Vietnamese president to visit Beijing.", ("036", "CHN", "VNM")),
        ("The Jordanian king assured the American president that Jordan would close the port.", ("030", "JOR", "USA")),
        # a ban on imports is an embargo (163); questioning a suspect is an investigation (091)
        ("Japan banned imports of American beef.", ("163", "JPN", "USA")),
        ("British police questioned a Russian suspect on Monday.", ("091", "GBR", "RUS")),
        # breaking a ceasefire agreement is a ceasefire violation (196), not defiance of a norm (128)
        ("Sudanese rebels violated the ceasefire agreement.", ("196", "SDN", None)),
        # clashes of protesters with police are violent protest (145), not military force (190)
        ("Clashes between Argentine protesters and police continued on Friday.", ("145", "ARG", None)),
        # handing back land is a return (0842), not a handover of suspects (063); a contribution of money is aid
        ("Russia handed back two villages to Ukraine.", ("0842", "RUS", None)),
        ("Japan contributed 10 million dollars to the UN refugee agency.", ("071", "JPN", "UNO")),
        # pressure on a government is a demand (100), not material coercion (170)
        ("The United States stepped up pressure on Syria.", ("100", "USA", "SYR")),
        # informing a party of something shares information (064), it is no bare statement (010)
        ("China informed the United Nations of the chemical spill.", ("064", "CHN", "UNO")),
        # wanting something of others is an appeal (02x), not a plan of one's own (014)
        ("The Philippine rebels want a ceasefire throughout the south.", ("0256", "PHL", None)),
        # hoping to do something oneself is an intent (03x), hoping others will is an appeal (02x)
        ("Bulgaria hopes to reach a deal with the United States.", ("030", "BGR", "USA")),
        # rounding on someone is a verbal attack (111), not a round-up (173)
        ("Israeli officials rounded on the American defence secretary.", ("111", "ISR", "USA")),
        ("Kenyan ministers held a roundtable in Nairobi.", ("040", "KEN", None)),
        # insurgents or guards shooting someone dead is a small-arms attack (193), not an assault (18x)
        ("Thai insurgents shot dead four Thai villagers on Thursday.", ("193", "THA", "THA")),
        # armed forces and armed groups clashing fight (190); protesters clashing with police riot (145)
        ("Nepalese troops clashed with Maoist rebels in eastern Nepal.", ("190", "NPL", "NPL")),
        # seeking closer cooperation is an intent to cooperate (03x), not an appeal (02x)
        ("Bulgaria seeks a strategic partnership with Russia.", ("032", "BGR", "RUS")),
        # being reluctant to do something is a refusal (12x: joining an agreement 127)
        ("Brazil is reluctant to join the trade agreement.", ("127", "BRA", None)),
        # committing troops or money is providing them (07x), not a bare promise (030)
        ("Egypt committed troops to the UN mission in Sudan.", ("070", "EGY", "UNO")),
        # rebels capturing a position occupy it (192), they seize no property (171)
        ("Somali rebels captured a frontline position on Saturday.", ("192", "SOM", None)),
        # agreeing on a text is reaching an agreement (057); agreeing on a view is an expression of accord (019)
        ("Japan and the United States agreed on an interim security report.", ("057", "JPN", "USA")),
        ("Britain and France agree on the importance of strong relations with China.", ("019", "GBR", None)),
        # a boycott is a protest (143), not a rejection (120)
        ("The boycott by the Yemeni opposition continued.", ("143", "YEM", None)),
        # vowing revenge, or vowing to fight, is a threat of force (138), not the fight itself
        ("Israeli Defense Minister Amir Peretz vowed revenge against Palestinian militants.", ("138", "ISR", "PSE")),
        ("Hamas vowed to avenge the killing of its leader.", ("138", "PSE", "PSE")),
        # promoting or developing relations is diplomatic cooperation (05x)
        ("Mongolia promoted bilateral relations with China.", ("050", "MNG", "CHN")),
        # a mortar attack is shelling (194)
        ("Iraqi insurgents launched a mortar attack on the US base.", ("194", "IRQ", "USA")),
        # inviting someone to a meeting is an invitation (036), not an appeal to meet (026)
        (
            "The Finnish foreign minister invited the Turkish foreign minister to a meeting in Helsinki to discuss the ports.",
            ("036", "FIN", "TUR"),
        ),
        # an exchange of fire is fighting (190); being killed in one is too, not a murder (1823)
        ("A Palestinian militant was killed in an exchange of fire with Israeli troops.", ("190", None, "ISR")),
        ("A Palestinian militant was killed in an exchange of fire with Israeli troops.", ("190", None, "PSE")),
        # looting is seizing property (17x), not a riot (145)
        ("Congolese villagers began the looting of UN food trucks.", ("171", "COD", "UNO")),
    ],
)
def test_trigger_has_its_cameo_code(coded, text, triple):
    assert triple in coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "The minister entered the room.",
        "The company took a stake in the port.",
        "The vote is set for Monday.",
        "Seven Ugandans were killed in a road accident on Sunday.",
        "China and the United States work together in the war on terror.",
        "Italian troops contributed to the violence in Iraq.",
        "Inflationary pressure on Japanese prices eased in March.",
        "Japanese bank shares hit a record high on Monday.",
        "Southern China was hit by a typhoon on Sunday.",
        "Annual returns on Japanese bonds rose in March.",
        "A Kenyan minister accepted bribes from a British company.",
        "The Brazilian striker was booked in the first half.",
        "The Japanese government cut down on spending on Monday.",
        # the month March is no protest march
        "Egyptian exports rose in March.",
        # troops 'backed by jeeps' endorse no one; a coalition is a group, not an alliance made
        "Israeli soldiers backed by military jeeps searched the village.",
        "The ruling coalition lost its majority.",
        # a parliament adopting a law of its own, or voters voting, endorse no one
        "The French parliament on Tuesday adopted a new security law.",
        "Kenyan voters voted in large numbers on Sunday.",
    ],
)
def test_everyday_sense_gives_no_event(coded, text):
    assert not coded(text)


def test_telling_reporters_is_no_event_of_its_own(coded):
    """'told reporters' is 'said': the reported event is coded, the telling is no 010 with the
    press as its target."""
    assert coded("The French prime minister told reporters that Russia attacked Ukraine.") == {("190", "RUS", "UKR")}
    assert not coded("The French prime minister told reporters on Wednesday that unemployment fell.")


def test_ending_a_visit_is_no_halt_and_naming_is_no_call(coded):
    assert not {t for t in coded("The Chinese president ended his official visit to Vietnam.") if t[0] == "164"}
    # calling something a name is no phone call (041), and no statement of its own (010): the judgement it
    # carries is coded where it has a word of its own ('called the execution illegal' 111)
    assert not {t for t in coded("The United States called the death sentence a milestone.") if t[0] in ("041", "010")}


def test_a_blocked_verb_does_not_do_what_its_object_names(coded):
    # 'called the death sentence a milestone' (call_name, blocked) sentenced no one: the subject of a blocked
    # verb is not the source of a nominal event in its object
    assert not {t for t in coded("The United States called the death sentence a milestone.") if t[0].startswith("17")}


def test_concluding_a_visit_or_talks_is_no_agreement_signed(coded):
    # 'conclude'/'finalize' sign something only with an agreement as object (057); concluding talks or
    # a visit is the talks or the visit (training coders: 04)
    assert not {t for t in coded("Chinese Premier Wen Jiabao concluded a three-day visit to Vietnam.") if t[0] == "057"}
    assert not {t for t in coded("Sri Lanka and the Asian Development Bank finalized negotiations.") if t[0] == "057"}
    assert ("057", "ISR", "JOR") in coded("Israel concluded a peace treaty with Jordan.")


def test_leaving_for_a_country_is_a_visit_there(coded):
    # 'left X for Y' sets off for Y (042 to Y, not to the city left); leaving for something that is no
    # place, leaving soldiers behind, or going home is no visit
    assert ("042", "JPN", "KOR") in coded("The Japanese foreign minister left Tokyo for Seoul on Monday.")
    assert not {
        t for t in coded("The Japanese foreign minister left Tokyo for Seoul on Monday.") if t[:3:2] == ("042", "JPN")
    }
    assert ("042", "CHL", "PER") in coded("Chile's president left for Peru on Tuesday.")
    assert ("042", "JPN", "KOR") in coded("The Japanese foreign minister departed for Seoul on Monday.")
    assert not {t for t in coded("The two countries are headed for a showdown over the islands.") if t[0] == "042"}
    assert not {t for t in coded("British troops are leaving soldiers behind for training in Iraq.") if t[0] == "042"}
    assert not {t for t in coded("British troops are leaving Iraq for the training of Afghan police.") if t[0] == "042"}
    assert not {t for t in coded("The Vietnamese president left Tokyo for Hanoi on Friday.") if t[0] == "042"}


def test_who_was_in_a_call_and_who_made_it(coded):
    # the subject of the verb a call or talks are an adjunct of took part in them; a received call was
    # made by the one it came from, to the receiver
    said = "In a telephone call with the Egyptian president on Sunday, the Israeli prime minister said the talks went well."
    assert ("041", "ISR", "EGY") in coded(said)
    received = "The Indonesian president received a telephone call from the Japanese prime minister on Saturday."
    assert ("041", "JPN", "IDN") in coded(received)


def test_committing_a_crime_pledges_nothing(coded):
    assert not {t for t in coded("The Chinese bureau chief committed suicide in Beijing.") if t[0].startswith("03")}
    assert not {t for t in coded("Serbian troops committed a massacre of Albanian villagers.") if t[0].startswith("03")}


def test_sides_of_talks_named_on_the_clause_that_tells_of_them(coded):
    # 'between A and B' hung by the parser on the verb of the clause about the talks or the
    # agreement (a relative clause, a participle, 'take place', 'broke out') names their sides
    ended = "Peace talks that ended in Geneva on Tuesday between Sudan and Chad made progress."
    assert {("046", "SDN", "TCD"), ("046", "TCD", "SDN")} <= coded(ended)
    place = "Talks are taking place in Geneva between the government of Nepal and India."
    assert {("046", "NPL", "IND"), ("046", "IND", "NPL")} <= coded(place)
    reached = "Under an agreement reached between Jordan and Syria last month, the border opened."
    assert ("057", "JOR", "SYR") in coded(reached)
    broke = "Heavy fighting broke out on Sunday between Ethiopian troops and Eritrean soldiers."
    assert ("190", "ETH", "ERI") in coded(broke)
    # with no 'between' the clause lends nothing
    assert not {t for t in coded("Talks are taking place in Geneva.") if t[0] == "046" and t[1]}


def test_the_visit_of_someone_is_his_visit(coded):
    # a visit's 'of' is the visitor, not the one visited
    visit = "The visit of the Chinese president to Kenya ended on Monday."
    assert ("042", "CHN", "KEN") in coded(visit)
    assert not {t for t in coded(visit) if t[:2] == ("042", "KEN")}


def test_disapproval_said_with_an_adjective(coded):
    # 'was critical of X', 'is angry at X' are criticism of X (111), as 'criticized X'; the
    # adjective's object is the target, and an act it names points at its doer
    assert ("111", "DNK", "CHN") in coded("The Danish foreign minister was critical of China on Monday.")
    assert ("111", "DEU", "JPN") in coded("Germany is angry at Japan over the whaling.")
    assert ("111", "IRN", "ISR") in coded("Iran was critical of the air strikes by Israel.")
    # no actor to be critical of: no target
    assert not {t for t in coded("The Danish minister was critical of the budget.") if t[0] == "111" and t[2]}


def test_rallying_behind_someone_is_support(coded):
    # 'rallied behind the president' supports him (051), it is no protest (141) or incitement (113);
    # the object of 'behind' (or of 'stood by') the entry names is the target
    rallied = coded("Fatah supporters rallied behind the Palestinian president on Monday.")
    assert ("051", "PSE", "PSE") in rallied
    assert not {t for t in rallied if t[0][:2] in ("14", "11")}
    assert ("051", "USA", "ETH") in coded("Washington put its weight behind Ethiopia on Wednesday.")
    assert ("052", "GBR", "UKR") in coded("Britain stood by Ukraine on Monday.")


def test_receiving_a_leader_is_hosting_him(coded):
    # 'received' a minister, a president, an envoy hosts him (043); the guest is the target even with
    # a place after him; a delegation 'from' a country is that country's
    assert ("043", "CHN", "IRN") in coded(
        "Chinese President Hu Jintao received Iranian Foreign Minister Mottaki on Monday."
    )
    assert ("043", "KEN", "UGA") in coded("Kenya's president received the visiting Ugandan president at State House.")
    assert ("043", "RUS", "IRN") in coded("Putin received a delegation from Iran on Monday.")
    assert not {
        t for t in coded("The Iranian minister received a letter from the president of Egypt.") if t[0] == "043"
    }


def test_an_agreement_signed_between_two_sides(coded):
    # a mutual act in the passive with 'between' on the verb: the two sides did it together; a verb
    # that is no mutual act ('the border was closed between') gets no sides from it
    signed = coded("An agreement on trade was signed between China and Vietnam on Monday.")
    assert {("057", "CHN", "VNM"), ("057", "VNM", "CHN")} <= signed
    assert not {t for t in coded("The border was closed between Syria and Lebanon.") if t[1]}
