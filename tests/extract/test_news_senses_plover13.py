"""Senses and participants added on branch plover13 from the misses of the PLOVER gold records'
dev part and the team set's training part, each on a sentence written for this test (rules
only). Where PLOVER's coding and the team GUIDE differ, these follow the GUIDE."""

from __future__ import annotations

import pytest

from .helpers import name_list

pytestmark = pytest.mark.usefixtures("rules_only")
PUBLISHED = "2024-05-10"

CASES = [
    # hosting or receiving a visiting leader is a meeting
    ("The president hosted his Kenyan counterpart in the capital for two days of talks.",
     "CONSULT", None),
    ("The king received the visiting Syldavian prime minister at the palace.", "CONSULT", None),
    # GUIDE: lifting or easing a curfew, ban or restriction is a concession
    ("The government lifted the night curfew in the northern province.", "CONCEDE", None),
    ("The authorities eased restrictions on travel between the two regions.", "CONCEDE", None),
    ("The junta lifted the state of emergency on Monday.", "CONCEDE", None),
    ("The army declared a state of emergency in the province.", "COERCE", "martial-law"),
    ("The junta imposed martial law across the country.", "COERCE", "martial-law"),
    ("The reporter was put under investigation for her part in the riots.", "ACCUSE",
     "investigate"),
    ("The opposition leader was placed under house arrest.", "COERCE", "arrest"),
    ("The tribunal indicted the former defence minister for war crimes.", "ACCUSE", None),
    ("The rebels swore to fight on until they controlled the whole valley.", "THREATEN", None),
    ("The minister defended the general against criticism from rights groups.", "SUPPORT", None),
    ("Riot police fired tear gas to disperse the students.", "COERCE", None),
    # GUIDE: joint exercises and patrols are cooperation
    ("The two navies held joint exercises off the coast.", "COOPERATE", None),
    ("Ruritania and Syldavia launched joint patrols along the river.", "COOPERATE", None),
    ("The Syldavian president paid a visit to Ruritania on Friday.", "CONSULT", "visit"),
]


@pytest.mark.parametrize(("text", "type_", "mode"), CASES)
def test_sense(events, text, type_, mode):
    found = events(text)
    assert found, text
    assert found[0].type == type_
    if mode is not None:
        assert found[0].mode == mode


def _main(events, text):
    found = events(text)
    assert found, text
    return found[0]


def test_pronoun_after_unnamed_speaker_is_the_speaker(events):
    ev = _main(events, "The rebels said they would meet the envoy if he guaranteed their safety.")
    assert ev.type == "CONSULT" and ev.modality == "hypothetical"
    assert name_list(ev.actors) == ["The rebels"]


def test_conjunct_of_passive_shares_its_subject(events):
    found = events("The prime minister was indicted by the tribunal and will resign.")
    resign = [e for e in found if e.trigger == "resign"]
    assert resign and name_list(resign[0].actors) == ["The prime minister"]


def test_document_participle_is_its_issuers_act(events):
    ev = _main(events, "The Kurdish party issued a declaration demanding that the Turkish "
                       "government free its leader.")
    assert ev.type == "REQUEST"
    assert "Turkey" in name_list(ev.recipients)


def test_role_recipient_keeps_its_body(events):
    ev = _main(events, "The French delegation held talks with leaders of Romania's new "
                       "government on Tuesday.")
    assert [r.text for r in ev.recipients] == ["leaders of Romania's new government"]


def test_captives_freed_or_rescued_are_no_recipients(events):
    assert _main(events, "The militia freed the two aid workers it had seized.").recipients == []
    assert _main(events, "Kenyan soldiers rescued the abducted doctors.").recipients == []
    ev = _main(events, "The rebels handed over twelve captured officers to a church delegation.")
    assert [r.text for r in ev.recipients] == ["a church delegation"]


@pytest.mark.parametrize(("text", "recipient"), [
    ("Britain called up reservists for a possible war against Iraq.", "Iraq"),
    ("The president reneged on his pledge to the farmers' union.", "the farmers' union"),
    ("Thousands of people blocked streets in defiance of the military government.",
     "the military government"),
    ("Riot police fired tear gas to disperse the students.", "the students"),
])
def test_recipient_behind_a_noun(events, text, recipient):
    assert recipient in name_list(_main(events, text).recipients)


def test_said_another_must_do_any_act_is_a_demand(events):
    ev = _main(events, "France said Iran should pay for the damage to the embassy.")
    assert ev.type == "REQUEST"
    assert name_list(ev.actors) == ["France"] and name_list(ev.recipients) == ["Iran"]
    assert not [e for e in events("Russia said it must protect its borders.")
                if e.type == "REQUEST"]


def test_unnamed_body_by_its_sector_modifier(events):
    ev = _main(events, "The rebel movement issued a statement demanding that the Turkish "
                       "government free its leader.")
    assert ev.type == "REQUEST" and [a.text for a in ev.actors] == ["The rebel movement"]
    assert _main(events, "Inmates rioted at the central prison.").type == "PROTEST"


def test_threat_is_aimed_at_who_must_act_to_avert_it(events):
    ev = _main(events, "Villagers of the border district threatened to block the highway "
                       "unless the army withdrew.")
    assert ev.type == "THREATEN" and [r.text for r in ev.recipients] == ["the army"]


def test_flying_to_a_capital_is_a_visit(events):
    ev = _main(events, "The foreign minister flew to Beijing on Monday for talks.")
    assert (ev.type, ev.mode) == ("CONSULT", "visit")


def test_attribution_after_a_demand_is_no_recipient(events):
    ev = _main(events, "European Union ministers demanded the withdrawal of Russian forces "
                       "from Georgia on Monday, diplomats quoted a declaration as saying.")
    assert ev.type == "REQUEST"
    assert [r.text for r in ev.recipients] == ["Russian forces"]


@pytest.mark.parametrize(("text", "type_", "mode"), [
    # GUIDE: an offer to yield is a concession ("is willing to withdraw")
    ("Syria says it is willing to withdraw its troops from the valley.", "CONCEDE", None),
    ("The rebels returned the seized helicopters to the army.", "RETREAT", "return"),
    ("Youths threw stones at the soldiers near the checkpoint.", "PROTEST", "riot"),
])
def test_more_senses(events, text, type_, mode):
    ev = _main(events, text)
    assert ev.type == type_
    if mode is not None:
        assert ev.mode == mode


def test_engaged_in_fighting_is_the_subjects_act(events):
    ev = _main(events, "Government forces were engaged in heavy fighting near the dam.")
    assert ev.type == "ASSAULT" and [a.text for a in ev.actors] == ["Government forces"]


def test_troops_withdrawn_are_no_recipients(events):
    assert _main(events, "The army withdrew its troops from the town.").recipients == []


@pytest.mark.parametrize(("text", "type_", "mode"), [
    ("The donors cut off aid to the junta after the coup.", "SANCTION", "sever"),
    ("The militia let the convoy reach the city on Sunday.", "RETREAT", "access"),
    ("Rescue workers dug survivors out of the collapsed building.", "AID", "rescue"),
    ("Firefighters pulled two children from the rubble.", "AID", "rescue"),
    ("The government dropped its demand that the rebels disarm first.", "CONCEDE", None),
    ("The army halted its advance on the capital.", "RETREAT", "ceasefire"),
    # GUIDE: freed by a third party's forces is a rescue; by those who held them, a release
    ("The army freed 30 kidnapped villagers on Sunday.", "AID", "rescue"),
    ("The security forces freed 60 passengers held by gunmen on a bus.", "AID", "rescue"),
    ("The army released dozens of men detained during the raid.", "RETREAT", "release"),
])
def test_guide_senses(events, text, type_, mode):
    ev = _main(events, text)
    assert ev.type == type_
    if mode is not None:
        assert ev.mode == mode
