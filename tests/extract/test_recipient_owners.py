"""Recipients found where a news sentence names them inside the thing acted on (branch lex10,
written from the misses of the PLOVER gold records' dev part; the sentences are written for
these tests): a nationality or name modifying the object, and a party after an owner
preposition in the object's phrase or in an agreed or threatened act's object."""

from __future__ import annotations

import pytest

from .helpers import name_set as _names

pytestmark = pytest.mark.usefixtures("rules_only")
PUBLISHED = "2024-05-10"


def _main(found, type_):
    hits = [e for e in found if e.type == type_]
    assert hits, [(e.type, e.trigger) for e in found]
    return hits[0]


def test_a_nationality_on_the_object_names_whose_it_is(events):
    ev = _main(events("Gunmen abducted seven Russian engineers near the pipeline."), "ASSAULT")
    assert _names(ev.recipients) == {"Russia"}


def test_a_nationality_on_a_rejected_offer_names_who_made_it(events):
    ev = _main(events("Peru turned down a Chilean offer on fishing quotas."), "REJECT")
    assert {r.text for r in ev.recipients} == {"Chilean"}


def test_an_action_against_a_country_is_aimed_at_it(events):
    ev = _main(events("The defence minister threatened firm action against Iran."), "THREATEN")
    assert _names(ev.recipients) == {"Iran"}


def test_an_of_phrase_names_whose_removal_is_demanded(events):
    ev = _main(events("The union demanded the dismissal of the transport minister."), "REQUEST")
    assert [r.text for r in ev.recipients] == ["the transport minister"]


def test_ties_cut_in_a_threat_are_with_the_other_party(events):
    ev = _main(events("Ruritania threatened to sever relations with Syldavia."), "THREATEN")
    assert {r.text for r in ev.recipients} == {"Syldavia"}


def test_prisoners_freed_are_not_recipients(events):
    ev = _main(events("The rebels freed twelve Kenyan prisoners on Sunday."), "RETREAT")
    assert not ev.recipients


def test_forces_called_up_are_their_actors_own(events):
    ev = _main(events("Ruritania mobilized Syldavian volunteers near the border."), "MOBILIZE")
    assert not ev.recipients


def test_a_name_before_an_unresolved_recipient_is_who_it_is(events):
    ev = _main(events("The government imposed sanctions on the Taliban movement."), "SANCTION")
    assert _names(ev.recipients) == {"Taliban"}


def test_both_sides_of_a_meeting_between_count_when_one_is_named_by_its_nationality(events):
    ev = _main(events("Qatar hosted a meeting between a Sudanese rebel movement and the "
                      "United Nations."), "CONSULT")
    assert {r.text for r in ev.recipients} == {"Sudanese", "the United Nations"}


def test_an_unknown_actor_phrase_is_named_by_its_name_modifier(events):
    ev = _main(events("The al-Qaeda network threatened to attack the embassy."), "THREATEN")
    assert {r.text for r in ev.actors} == {"al-Qaeda"}


def test_a_protest_is_aimed_at_what_its_purpose_clause_names(events):
    ev = _main(events("Thousands of students marched through the capital, calling for "
                      "independence from Ruritania."), "PROTEST")
    assert {r.text for r in ev.recipients} == {"Ruritania"}


def test_a_protest_in_protest_against_a_party(events):
    ev = _main(events("Hundreds of workers staged a rally on Sunday in protest at the "
                      "Ruritanian government."), "PROTEST")
    assert [r.text for r in ev.recipients] == ["the Ruritanian government"]


def test_the_place_a_visitor_arrives_in_is_visited(events):
    ev = _main(events("The Kenyan president arrived in Cairo on a state visit."), "CONSULT")
    assert {r.text for r in ev.recipients} == {"Cairo"}


def test_a_name_in_apposition_says_who_acted(events):
    ev = _main(events("A member of the Kenyan parliament, John Kamau, started a hunger "
                      "strike yesterday."), "PROTEST")
    assert {r.text for r in ev.actors} == {"John Kamau"}


def test_the_owner_of_what_a_protest_is_against(events):
    ev = _main(events("Opposition leader Maria Lopez began a hunger strike to protest the "
                      "governor's decision."), "PROTEST")
    assert [r.text for r in ev.recipients] == ["the governor"]


def test_members_of_a_body_act_for_it(events):
    ev = _main(events("Members of the Kenyan Association of Nurses investigated conditions "
                      "in the camp."), "ACCUSE")
    assert {r.text for r in ev.actors} == {"the Kenyan Association of Nurses"}


def test_a_name_the_parser_hangs_as_a_noun_modifier_still_names_the_recipient(events):
    ev = _main(events("The council imposed new penalties on the Zelmar rebel faction."),
               "SANCTION")
    assert {r.text for r in ev.recipients} == {"Zelmar"}


def test_a_restriction_lifted_on_a_group_is_aimed_at_it(events):
    ev = _main(events("The army lifted a week-old blockade on Syldavian lorries."), "RETREAT")
    assert {r.text for r in ev.recipients} == {"Syldavian"}


def test_a_name_before_a_place_noun_says_where_not_to_whom(events):
    ev = _main(events("Rebels ambushed a police convoy on the Karsh highway."), "ASSAULT")
    assert "Karsh" not in {r.text for r in ev.recipients}


def test_who_is_allowed_to_act_is_the_recipient_of_the_concession(events):
    ev = _main(events("The interior minister allowed the opposition leader to hold a rally."),
               "CONCEDE")
    assert {r.text for r in ev.recipients} == {"the opposition leader"}


def test_people_let_through_are_no_recipients_of_the_opening(events):
    ev = _main(events("The militia allowed aid workers to reach the camp."), "RETREAT")
    assert not ev.recipients
