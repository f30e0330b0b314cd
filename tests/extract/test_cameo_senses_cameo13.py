"""Senses and five-way CAMEO classes added on branch cameo13 from the misses of the CAMEO
training split's dev part, each on a sentence written for this test (rules only)."""

from __future__ import annotations

import pytest

from storyline.evaluate.event_scoring import lemma_of, main_event
from storyline.extract.quad import cameo_class

pytestmark = pytest.mark.usefixtures("rules_only")
PUBLISHED = "2024-05-10"

SENSES = [
    ("The foreign minister defended Syldavia's new visa policy.", "SUPPORT", None),
    ("The king received the Ruritanian ambassador at the palace.", "CONSULT", None),
    ("The prime minister attended a regional summit in Lisbon.", "CONSULT", None),
    ("The Ruritanian envoy paid a courtesy visit to the Syldavian president.", "CONSULT", "visit"),
    ("Ruritania provided Syldavia with loan guarantees worth $2 billion.", "AID", None),
    ("Ruritania gave 300 rifles to the Syldavian police.", "AID", None),
    ("Ruritania has offered logistical support to the Syldavian army.", "AGREE", None),
    ("Ruritanian instructors trained Syldavian pilots last year.", "COOPERATE", None),
    ("Ruritania deployed 200 peacekeepers to the disputed province.", "AID", "military"),
    ("Ruritania returned two stolen paintings to Syldavia.", "RETREAT", "return"),
    ("The army released two members of the opposition party.", "RETREAT", "release"),
    ("Ruritania lifted its boycott of Syldavian wine.", "CONCEDE", None),  # GUIDE: lifting is a concession
    ("Ruritania cut tariffs on Syldavian steel.", "RETREAT", "ease"),
    ("Ruritania issued an ultimatum to the rebels.", "THREATEN", None),
    ("The ministry summoned the Syldavian ambassador.", "ACCUSE", "disapprove"),
    ("Ruritanian forces violated the ceasefire in the north.", "ASSAULT", None),
    ("Syldavia violated the ban on arms sales.", "REJECT", None),
    ("Ruritanian police launched an investigation into the bombing.", "ACCUSE", "investigate"),
    ("Ruritania suspended food supplies to the province.", "SANCTION", "sever"),
    ("Ruritania withdrew its peacekeepers from the border.", "SANCTION", "withdraw"),
    ("Ruritania declared a state of emergency in the capital.", "COERCE", "martial-law"),
    ("Ruritanian troops remained on alert along the border.", "MOBILIZE", "troops"),
]


@pytest.mark.parametrize(("text", "type_", "mode"), SENSES)
def test_sense(events, text, type_, mode):
    found = events(text)
    assert found, text
    assert found[0].type == type_
    if mode is not None:
        assert found[0].mode == mode


CLASSES = [
    # reducing relations is verbal conflict in the five-way data
    ("Ruritania expelled two Syldavian diplomats.", 3),
    # cooperation refused or not done is a rejection
    ("Norland said it will not accept any refugees from the war.", 3),
    ("The rebels will not release the hostages this month.", 3),
    # cooperation or conflict only announced is intent or a threat
    # the GUIDE codes the offer a concession made (CAMEO labels it an intent, class 1)
    ("Ruritania is willing to withdraw its troops from the valley.", 2),
    ("Norland says it will begin a new offensive against the rebels within days.", 3),
    # aid only considered is a statement
    ("Ruritania is considering sending aid to the flooded region.", 0),
    # an appeal for a change of policy
    ("Senator Maria Lindqvist has pushed for reforms of the pension law.", 0),
]


@pytest.mark.parametrize(("text", "quad"), CLASSES)
def test_five_way_class(nlp, events, text, quad):
    doc = nlp(text)
    ev = main_event(events(text), doc)
    assert ev is not None, text
    assert cameo_class(ev.type, lemma_of(ev, doc), mode=ev.mode, modality=ev.modality) == quad


def test_pronoun_takes_an_unknown_named_speaker(events):
    found = events("Vestonia said it had expelled three foreign correspondents.")
    assert found and found[0].actors, found
    assert found[0].type == "SANCTION"


def test_cameo_map_is_data():
    assert cameo_class("SANCTION", mode="expel") == 3
    assert cameo_class("AID", mode="humanitarian", modality="negated") == 3
    assert cameo_class("AID", modality="hypothetical") == 0
    assert cameo_class("ASSAULT", modality="future") == 3
    assert cameo_class("ASSAULT") == 4


def test_a_ship_leaving_port_is_no_withdrawal(events):
    assert not [e for e in events("The cargo ship Aurora left the port of Varna on Monday.")
                if e.type == "RETREAT"]
