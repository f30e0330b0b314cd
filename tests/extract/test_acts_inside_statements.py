"""Acts of force told inside a statement (branch grain11), on sentences written for these
tests: the learned typing does not turn an attack the lexicon names into a demand, and a weapon
owned by a possessive pronoun ("its missiles") is fired by that pronoun's antecedent. Run
through the product's path with the shipped classifier head (`extract_events`), with the
default profile."""

from __future__ import annotations

PUBLISHED = "2024-05-09"  # a Thursday


def _names(refs) -> set[str]:
    return {r.canonical or r.text for r in refs}


def test_a_possible_attack_stays_an_attack(events):
    found = events("The envoy said Russia might attack aid ships and blame Ukraine.")
    attack = [e for e in found if "attack" in e.quote]
    assert len(attack) == 1
    assert attack[0].type == "ASSAULT" and attack[0].modality == "hypothetical"
    assert "Russia" in _names(attack[0].actors)


def test_a_weapon_with_a_pronoun_owner_is_fired_by_its_antecedent(events):
    found = events("The Kremlin denied that its missiles had hit the depot.")
    assert len(found) == 1
    ev = found[0]
    assert ev.type == "ASSAULT" and ev.modality == "negated"
    assert _names(ev.actors) == {"Russia"}
