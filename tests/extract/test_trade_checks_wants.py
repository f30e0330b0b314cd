"""Events from English news phrasing (branch grain6), on sentences written for these tests:
trade and routine checks are no event, wanting another party to act is a request, a visit and
the meeting it is for are one consultation, a person's name ending in -s is one person, and
an event noun after "since" happened.
Run through the product's path with the shipped classifier head (`extract_events`), with the
default profile."""

from __future__ import annotations

import pytest

from .helpers import name_set as _names
from .helpers import of_type as _of

PUBLISHED = "2024-05-09"  # a Thursday


# --------------------------------------------------------------------------- no event


@pytest.mark.parametrize("text", [
    "The port authority said a team of customs officers would inspect the freighter before "
    "it continued to Portville.",
    "Eastland's president, Tomas Berg, said Eastland was ready to keep exporting without "
    "Northland.",
    "Since Northland left the deal, Eastland has sent most of its exports along the river, "
    "according to the European Union.",
])
def test_trade_and_routine_checks_are_no_event(events, text):
    assert not events(text)


# --------------------------------------------------------------------------- wanting


def test_wanting_another_party_to_act_is_a_request(events):
    found = events("The minister said Northland wanted the sanctions on its fertiliser exports "
                   "to be lifted at the same time.")
    assert [e.type for e in found] == ["REQUEST"]
    assert found[0].modality == "reported"
    found = events("The minister said Eastland wanted the port of Riverton added to the deal.")
    assert [e.type for e in found] == ["REQUEST"]
    # wanting a thing, or to act oneself, asks nothing of anyone
    assert not _of(events("The president said he did not believe Northland wanted peace."),
                   "REQUEST")
    assert not _of(events("Eastland wants to join the alliance next year."), "REQUEST")


def test_who_is_wanted_to_act_is_the_recipient(events):
    request = _of(events("Northland wants Southland to end the blockade of its ports."),
                  "REQUEST")
    assert len(request) == 1 and "Southland" in _names(request[0].recipients)


# --------------------------------------------------------------------------- one visit


def test_a_visit_and_the_meeting_it_is_for_are_one_consultation(events):
    found = _of(events("Envoy Marcos Reyes said he would travel to Portville on Friday to meet "
                       "local officials at the harbour."), "CONSULT")
    assert len(found) == 1
    assert found[0].mode == "visit" and found[0].modality == "future"


# --------------------------------------------------------------------------- names in -s


def test_a_name_ending_in_s_is_one_person_for_he(events):
    found = events("Envoy Marcos Alves and Foreign Minister Ana Lind met President Tomas Berg "
                   "in Portville on Thursday.\n\nAlves said he would fly home on Friday. He called "
                   "on Northland and Southland to stop the shelling near the dam.")
    request = _of(found, "REQUEST")
    assert len(request) == 1 and _names(request[0].actors) == {"Marcos Alves"}


# --------------------------------------------------------------------------- "since" nouns


def test_an_event_noun_after_since_happened_whatever_its_clause_says(events):
    found = events("The freighter sailed from Portville with 20,000 tonnes of maize, the first "
                   "commercial cargo to leave Eastland since the Northland invasion.")
    invasion = _of(found, "ASSAULT")
    assert len(invasion) == 1
    assert invasion[0].modality == "asserted" and invasion[0].historical
