"""Acts of force told inside a statement (branch grain11), on sentences written for these
tests: the learned typing does not turn an attack the lexicon names into a demand, and a weapon
owned by a possessive pronoun ("its missiles") is fired by that pronoun's antecedent. Run
through the product's path with the shipped classifier head (`extract_events`), with the
default profile."""

from __future__ import annotations

import pytest

from .helpers import name_set as _names

PUBLISHED = "2024-05-09"  # a Thursday


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


@pytest.mark.parametrize("text", [
    "Northland halted its participation in the corridor accord on Saturday.",
    "The union suspended its membership of the council.",
])
def test_halting_ones_part_is_a_withdrawal(events, text):
    found = [e for e in events(text) if e.type == "SANCTION"]
    assert len(found) == 1 and found[0].mode == "withdraw" and found[0].actors


def test_answering_with_a_warning_is_a_threat(events):
    found = events("Northland answered on Friday with a warning of its own.")
    assert [e.type for e in found] == ["THREATEN"]


def test_food_staples_sent_are_aid(events):
    found = events("The World Food Programme has sent two ships of wheat to Sudan.")
    assert [(e.type, e.mode) for e in found] == [("AID", "humanitarian")]


def test_strikes_on_a_named_place_that_destroyed_something_are_an_attack(events):
    found = events("Strikes on Lakeport destroyed about 6,000 tonnes of grain, the minister said.")
    attacks = [e for e in found if e.type == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].modality == "reported"


def test_attacks_being_prepared_are_not_one_that_happened(events):
    found = events("The army said it had struck sites where attacks on Lakeport were being "
                   "prepared.")
    assert not [e for e in found if "attacks on Lakeport" in e.quote]


def test_a_modal_governs_both_conjoined_verbs(events):
    found = events("The envoy said Russia might attack aid ships and blame Ukraine.")
    blame = [e for e in found if e.type == "ACCUSE"]
    assert len(blame) == 1 and blame[0].modality == "hypothetical"


def test_own_tense_of_a_conjunct_stays_its_own(events):
    found = events("Northland attacked the port and blamed Southland.")
    assert {e.modality for e in found} == {"asserted"}


def test_what_a_participle_says_is_reported_by_the_clause_subject(events):
    found = events("Northland left the talks on Saturday, saying Southland drones had attacked "
                   "its ships.")
    attack = [e for e in found if e.type == "ASSAULT"]
    assert len(attack) == 1 and attack[0].modality == "reported"
    assert attack[0].source == "Northland"


def test_a_past_verb_after_a_reported_would_continues_the_saying(events):
    text = "The envoy said the closure would hurt farmers everywhere and urged Northland to reconsider."
    found = [e for e in events(text) if e.type == "REQUEST"]
    assert len(found) == 1 and found[0].modality == "asserted"
    assert found[0].quote.startswith("urged")


def test_walking_away_from_an_accord_is_leaving_it(events):
    assert [(e.type, e.mode) for e in events("Northland walked away from the grain deal on Monday.")] \
        == [("SANCTION", "withdraw")]
    assert [e.type for e in events("The delegation walked away from the offer.")] == ["REJECT"]


def test_a_past_time_clause_inside_a_warning_is_its_own_event(events):
    found = events("The ministry warned on Wednesday that any ship would be treated as a target, "
                   "two days after Northland walked away from the deal.")
    left = [e for e in found if e.type == "SANCTION"]
    assert len(left) == 1 and left[0].modality == "asserted"


def test_n_days_after_dates_the_earlier_act_exactly(events):
    # published on Thursday 9 May 2024: Wednesday is the 8th
    signed = [e for e in events("The centre opened on Wednesday, five days after the deal was "
                                "signed.") if e.type == "AGREE"]
    assert [(e.date_earliest, e.date_latest) for e in signed] == [("2024-05-03", "2024-05-03")]
    left = [e for e in events("Shipping firms raised prices on Wednesday, a week after Northland "
                              "walked away from the deal.") if e.type == "SANCTION"]
    assert [(e.date_earliest, e.date_latest) for e in left] == [("2024-05-01", "2024-05-01")]


def test_a_reported_would_on_a_verb_of_continuing_is_the_speakers_will(events):
    found = [e for e in events("Erdogan said he would keep talking to Putin.") if e.type == "CONSULT"]
    assert [e.modality for e in found] == ["future"]


def test_a_cause_clause_is_reported_with_its_clause(events):
    found = events("No convoys crossed on Monday because Israel refused to open the gate, the "
                   "agency said.")
    refused = [e for e in found if e.type == "REJECT"]
    assert [e.modality for e in refused] == ["reported"]


def test_an_act_a_speaker_left_open_is_no_event(events):
    assert events("Israel did not say whether it would pull out of the talks.") == []
    assert [e.type for e in events("Israel said it would pull out of the talks.")] == ["SANCTION"]


def test_a_closing_saying_belongs_to_the_denier(events, nlp):
    from storyline.extract.pipeline import extract_article
    from storyline.records import Article

    text = "Israel denied that its jets had hit the school, saying they had hit only a depot."
    found = events(text)
    depot = [e for e in found if "depot" in e.quote]
    assert len(depot) == 1 and depot[0].type == "ASSAULT" and depot[0].modality == "reported"
    article = Article(id="t", text=text, source="test", format="text", published=PUBLISHED)
    stances = [(s.stance, s.content) for s in extract_article(article, nlp(text)).statements]
    assert stances == [("deny", "that its jets had hit the school"),
                       ("assert", "they had hit only a depot")]


def test_the_head_does_not_retype_a_speakers_description(nlp):
    # "who visited the port" describes the speaker: the head read it as the sentence's
    # agreement; the lexicon's reading (a visit) stands
    from pathlib import Path

    from storyline.extract.pipeline import extract_article
    from storyline.profiles import load_profile
    from storyline.profiles.compiled import resources
    from storyline.records import Article

    profile = Path(__file__).resolve().parents[2] / "examples" / "grain-deal" / "profile"
    text = "Zelensky, who visited the port, said exports could resume soon."
    article = Article(id="t", text=text, source="test", format="text", published=PUBLISHED)
    found = extract_article(article, nlp(text), resources(load_profile(profile))).events
    assert [e.type for e in found if "visited" in e.quote] in ([], ["CONSULT"])
