"""Events in reported speech and the senses of a few verbs, on sentences written for these tests."""

from __future__ import annotations

import pytest

from storyline.evaluate import seed_scoring as sc
from storyline.extract.actors import ActorResolver, compile_lexicon
from storyline.extract.events import extract_events
from storyline.records import ActorRef, Article


@pytest.fixture(scope="module")
def events(nlp):
    def run(text: str):
        doc = nlp(text)
        article = Article(id="t", text=text, source="test", format="text", published="2024-03-04")
        return extract_events(doc, article, [], ActorResolver.for_doc(doc))

    return run


def _types(found):
    return [(e.type, e.trigger) for e in found]


def test_would_under_a_past_speech_verb_is_the_reported_will(events):
    found = events("Egypt's foreign minister said the delegations would meet again in Cairo.")
    ev = next(e for e in found if e.type == "CONSULT")
    assert ev.modality == "future"


def test_would_with_a_condition_stays_hypothetical(events):
    found = events("Egypt's foreign minister said Egypt would meet the delegations if the "
                   "fighting stopped.")
    ev = next(e for e in found if e.type == "CONSULT")
    assert ev.modality == "hypothetical"


def test_would_outside_reported_speech_stays_hypothetical(events):
    ev = next(e for e in events("Egypt would meet the delegations.") if e.type == "CONSULT")
    assert ev.modality == "hypothetical"


def test_signing_an_agreement_is_agree(events):
    found = events("Egypt and Qatar signed an agreement in Cairo on Monday.")
    assert [e.type for e in found if e.trigger == "signed"] == ["AGREE"]


def test_a_negative_pronoun_object_negates(events):
    found = events("An Egyptian official said Egypt had signed nothing with Qatar.")
    ev = next(e for e in found if e.trigger == "signed")
    assert (ev.type, ev.modality) == ("AGREE", "negated")


def test_meeting_demands_is_no_meeting(events):
    found = events("The mediators said their demands had been met.")
    assert not [e for e in found if e.type == "CONSULT"], _types(found)


def test_returning_to_a_deal_concedes(events):
    found = events("Qatar returned to the agreement on Monday.")
    assert [e.type for e in found if e.trigger == "returned"] == ["CONCEDE"]


def test_a_state_s_missiles_stand_for_it(events):
    found = events("Iranian missiles and drones struck the port on Monday.")
    ev = next(e for e in found if e.type == "ASSAULT")
    assert [a.canonical for a in ev.actors] == ["Iran"]


def test_scorer_counts_an_actor_as_what_it_acts_for():
    lexicon = compile_lexicon({"actors": [
        {"name": "Ruritania", "kind": "state"},
        {"name": "Ruritanian Ministry of Ports", "kind": "ministry", "parent": "Ruritania"},
    ]})
    minister = ActorRef(text="Ana Vel", canonical="Ana Vel", kind="person",
                        affiliation="Ruritania")
    ministry = ActorRef(text="the ports ministry", canonical="Ruritanian Ministry of Ports")
    assert sc.same_actors(["Ruritania"], [minister]) is True
    assert sc.same_actors(["Ruritania"], [ministry], lexicon) is True
    assert sc.same_actors(["Ruritania"], [ministry]) is False  # no profile: no parent known
    assert sc.same_actors(["Freedonia"], [minister]) is False
    # one-to-one both ways still: an extra actor that acts for no gold actor fails
    other = ActorRef(text="Freedonia", canonical="Freedonia")
    assert sc.same_actors(["Ruritania"], [minister, other]) is False
