"""Events from English news phrasing (branch grain9), on sentences written for these tests: a
deal left to lapse is a refusal, "pull out of" an accord is a withdrawal (also when the parser
makes "out" a preposition), the act a reserved right is to may happen, obstructing aid or
checks is a restriction, a denial after a conjunction quotes only its own clause, a weapon
attack on a target is an event though no one is named, "what it called an attack" is that
party's account, "confirmed that X was there" is no decision, ships sailing are no event, and
coordinated owners before a role noun are each an actor.
Run through the product's path with the shipped classifier head (`extract_events`), with the
default profile."""

from __future__ import annotations

import pytest

from .helpers import name_set as _names
from .helpers import of_type as _of

PUBLISHED = "2024-05-09"  # a Thursday


# --------------------------------------------------------------------------- lapse, withdraw


@pytest.mark.parametrize("text", [
    "Northland's government let the corridor agreement expire on Monday.",
    "Officials said Northland had allowed the truce to lapse.",
    "Shelling resumed along the coast after Northland's government let the corridor deal "
    "lapse on Monday.",
])
def test_letting_an_accord_lapse_is_a_refusal(events, text):
    found = _of(events(text), "REJECT")
    assert len(found) == 1 and found[0].actors


def test_a_lapse_clause_after_since_keeps_its_own_day(events):
    found = _of(events("Two ports have been shelled since Northland's government let the "
                       "corridor deal lapse on Monday."), "REJECT")
    assert len(found) == 1 and found[0].date_earliest == "2024-05-06"


@pytest.mark.parametrize("text", [
    "Northland pulled out of the corridor deal on Monday.",
    "Northland pulled out of the talks in Portville.",
])
def test_pulling_out_of_an_accord_or_talks_is_a_withdrawal(events, text):
    found = events(text)
    assert [(e.type, e.mode) for e in found] == [("SANCTION", "withdraw")]


def test_pulling_troops_out_stays_a_retreat(events):
    assert [e.type for e in events("Northland pulled its troops out of the border town.")] == [
        "RETREAT"]


def test_a_reserved_right_to_act_is_that_act_maybe(events):
    found = events("Northland reserved the right to pull out of the corridor deal again.")
    assert [(e.type, e.modality) for e in found] == [("SANCTION", "hypothetical")]
    assert "Northland" in _names(found[0].actors)


# --------------------------------------------------------------------------- obstruction


def test_holding_up_aid_or_checks_is_a_restriction(events):
    found = events("Northland denied holding up the inspections of the ships.")
    assert [(e.type, e.mode, e.modality) for e in found] == [("COERCE", "restrict", "negated")]
    assert [e.type for e in events("Northland held up the aid convoys for a week.")] == [
        "COERCE"]


# --------------------------------------------------------------------------- denial quotes


def test_a_denial_after_a_conjunction_quotes_its_own_clause(events):
    text = ("Israel's defence ministry said it had struck an arms depot in the town, and denied "
            "hitting the hospital.")
    negated = [e for e in events(text) if e.modality == "negated"]
    assert len(negated) == 1
    assert negated[0].quote.startswith("hitting") and "depot" not in negated[0].quote


# --------------------------------------------------------------------------- attack nouns


def test_a_weapon_attack_on_a_target_is_an_event_without_a_named_attacker(events):
    found = events("Northland said on Saturday that it was suspending its part in the deal, "
                   "after what it called a drone attack on its ships in the bay.")
    attack = _of(found, "ASSAULT")
    assert len(attack) == 1 and attack[0].modality == "reported"
    # a bare attack noun with no weapon or target is still context
    assert not _of(events("The attack changed everything for the port workers."), "ASSAULT")


# --------------------------------------------------------------------------- no event


@pytest.mark.parametrize("text", [
    "The Northland foreign ministry confirmed that a delegation was in Portville.",
    "Inspectors found nothing wrong on board the Sea Lark, which then sailed on towards "
    "Eastland.",
])
def test_presence_and_sailing_are_no_event(events, text):
    assert not events(text)


# --------------------------------------------------------------------------- owners


def test_coordinated_owners_before_a_role_noun_are_each_an_actor(events):
    found = events("Qatari and Egyptian mediators hosted the two delegations in Cairo.")
    assert len(found) == 1 and _names(found[0].actors) == {"Qatar", "Egypt"}


# --------------------------------------------------------------------------- involvement


def test_nothing_to_do_with_an_attack_denies_the_subject_made_it(events):
    found = _of(events("Hamas denied having anything to do with the attack on the convoy."),
                "ASSAULT")
    assert [(e.modality, _names(e.actors)) for e in found] == [("negated", {"Hamas"})]
    found = _of(events("Officials said Hamas had nothing to do with the attack on the convoy."),
                "ASSAULT")
    assert [(e.modality, _names(e.actors)) for e in found] == [("negated", {"Hamas"})]


# --------------------------------------------------------------------------- lemmas


def test_hoped_is_a_hope_not_a_hop(nlp, events):
    # the model lemmatizes "hoped" as "hop"; data/base/lemma_fixes.yaml corrects it
    assert [t.lemma_ for t in nlp("She hoped, he hopes, they are hoping.") if
            t.lower_.startswith("hop")] == ["hope", "hope", "hope"]
    assert not events("The UN coordinator said he hoped the checks would soon return to their "
                      "usual pace.")


# --------------------------------------------------------------------------- statements


def test_a_denial_with_a_gerund_is_a_denial_statement(nlp):
    from storyline.extract.pipeline import extract_article
    from storyline.records import Article

    text = "Hamas denied holding up the aid convoys at the crossing."
    article = Article(id="t", text=text, source="test", format="text", published=PUBLISHED)
    found = extract_article(article, nlp(text)).statements
    assert [(s.speaker, s.stance) for s in found] == [("Hamas", "deny")]
