"""Events from English news phrasing (branch grain5), on sentences written for these tests:
reduced relatives, plural anaphors, weapon anaphors, verb senses that are no event, a party's
own announcement, and the clauses the learned typing leaves alone. Run through the product's
path with the shipped classifier head (`extract_events`), with the default profile."""

from __future__ import annotations

import pytest

from storyline.extract.actors import ActorResolver

from .helpers import name_set as _names
from .helpers import of_type as _of

PUBLISHED = "2024-05-10"


# --------------------------------------------------------------------------- reduced relatives


def test_a_definite_noun_with_a_participle_is_the_happening_it_names(events):
    found = events("The first convoy crossed under the accord signed in Cairo last month.")
    agree = _of(found, "AGREE")
    assert len(agree) == 1 and agree[0].trigger == "signed"
    assert (agree[0].date_earliest, agree[0].date_latest) == ("2024-04-01", "2024-04-30")
    assert agree[0].modality == "asserted"


def test_a_bare_noun_with_a_participle_is_a_kind_not_a_happening(events):
    assert not events("Many villages live on money sent from abroad.")


def test_a_participle_with_its_agent_is_an_event_inside_another_predicates_content(events):
    found = events("Egypt and Qatar signed agreements in Doha that are meant to open the "
                   "crossing, in a deal brokered by the United Nations.")
    consult = _of(found, "CONSULT")
    assert len(consult) == 1 and _names(consult[0].actors) == {"United Nations"}
    assert consult[0].mode == "third-party"


def test_a_participle_takes_only_who_reports_the_clause_around_it(events):
    found = events("A ministry spokeswoman said the drones had destroyed a depot of arms "
                   "supplied by Iran.")
    aid = _of(found, "AID")
    assert len(aid) == 1 and _names(aid[0].actors) == {"Iran"}
    assert aid[0].modality == "reported" and aid[0].mode == "military"


def test_a_participle_is_never_its_sentences_main_candidate(events):
    found = events("Iran freed four Canadians in an exchange mediated by Qatar.")
    release = _of(found, "RETREAT")
    assert len(release) == 1 and _names(release[0].actors) == {"Iran"}
    assert all(not (e.type == "RETREAT" and "Qatar" in _names(e.actors)) for e in found)


# --------------------------------------------------------------------------- plural anaphors


def test_the_two_countries_take_up_the_two_named_before(events):
    found = events("Egypt and Jordan signed a water accord on Tuesday. The two countries did "
                   "not sign with each other.")
    negated = [e for e in _of(found, "AGREE") if e.modality == "negated"]
    assert len(negated) == 1 and _names(negated[0].actors) == {"Egypt", "Jordan"}


def test_they_is_not_the_one_country_that_speaks(events):
    found = events("Delegations from Egypt and Jordan met in Amman on Monday, and Qatar said "
                   "they had agreed on a timetable.")
    agree = _of(found, "AGREE")
    assert len(agree) == 1 and _names(agree[0].actors) == {"Egypt", "Jordan"}
    assert agree[0].modality == "reported"


def test_a_definite_weapon_takes_the_owner_an_earlier_mention_named(events):
    found = events("Iranian drones struck the harbour on Friday. Officials later said the "
                   "drones had destroyed two warehouses.")
    destroyed = [e for e in _of(found, "ASSAULT") if e.trigger == "destroyed"]
    assert len(destroyed) == 1 and _names(destroyed[0].actors) == {"Iran"}


def test_a_weapon_that_hits_is_an_attack_whoever_fired_it(events):
    found = events("Two rockets hit a fuel depot near the border, the army said.")
    assault = _of(found, "ASSAULT")
    assert len(assault) == 1 and assault[0].modality == "reported"


# --------------------------------------------------------------------------- senses


@pytest.mark.parametrize("text", [
    "An Egyptian official who asked not to be named said the talks would go on.",
    "A Qatari diplomat declined to comment on the draft.",
    "The United Nations rejected that account of the shooting.",
    "Egypt promised that its border guards would not fire on the convoy.",
    "The United Nations and Egypt announced the extension of the accord.",
    "Egyptian officers received the three hostages from Hamas at the crossing on Friday.",
])
def test_readings_that_are_no_event(events, text):
    assert not events(text)


def test_a_should_clause_asks_for_it(events):
    found = events("Egypt suggested that the inspections should be shortened.")
    request = _of(found, "REQUEST")
    assert len(request) == 1 and _names(request[0].actors) == {"Egypt"}


def test_promising_nothing_is_a_negated_pledge(events):
    found = events("A Jordanian official said Amman had promised nothing new.")
    agree = _of(found, "AGREE")
    assert len(agree) == 1 and agree[0].modality == "negated"


def test_putting_ones_name_to_a_document_signs_it(events):
    found = events("The Egyptian and Jordanian ministers put their names to the same document.")
    assert [e.type for e in found] == ["AGREE"]


def test_welcoming_is_support_however_the_sentence_reads(events):
    for text in ("Egypt welcomed the departure of the first convoy.",
                 "The United Nations welcomed the departure and said it hoped it would be the "
                 "first of many."):
        assert [e.type for e in events(text)] == ["SUPPORT"], text


def test_being_in_contact_with_a_party_is_consulting_it(events):
    found = events("Qatar said it was in contact with the Egyptian authorities.")
    assert [e.type for e in found] == ["CONSULT"]


def test_an_accusation_of_a_purpose_is_one_event(events):
    found = events("Jordan accused Egypt of using a pretext to close the crossing.")
    assert [e.type for e in found] == ["ACCUSE"]


def test_planned_talks_are_talks_to_come(events):
    found = events("Officials said more talks were planned in Cairo.")
    consult = _of(found, "CONSULT")
    assert len(consult) == 1 and consult[0].modality == "future"
    assert not events("The negotiations are scheduled to be the main topic of the summit.")


# --------------------------------------------------------------------------- announcements


def test_a_partys_own_announcement_is_the_act(events):
    found = events("Egypt said on Sunday that it would withdraw from the talks.")
    withdraw = _of(found, "SANCTION")
    assert len(withdraw) == 1 and withdraw[0].modality == "asserted"


def test_a_partys_account_of_what_it_did_stays_reported(events):
    found = events("Iran said it had struck the sites on Sunday.")
    assault = _of(found, "ASSAULT")
    assert len(assault) == 1 and assault[0].modality == "reported"


def test_a_committed_concession_is_made_now(events):
    found = events("The militia is set to declare a truce next week.")
    concede = _of(found, "CONCEDE")
    assert len(concede) == 1 and concede[0].modality == "asserted"


# --------------------------------------------------------------------------- learned typing


@pytest.mark.parametrize("text", [
    "More trucks were being loaded in Egypt.",  # no actor: the typing has nothing to stand on
    "The part of the package that concerned Israel had not been carried out.",
    "While Iran stayed away, the ships kept sailing under an arrangement between Egypt and "
    "Qatar.",  # a clause setting the scene
])
def test_clauses_the_classifier_does_not_make_events_of(events, text):
    assert not events(text)


@pytest.mark.parametrize("text, word", [
    ("At a ceremony in the palace attended by Qatar and Egypt, the ministers signed the accord.",
     "attended"),  # a participle describing a noun
    ("Under the deal, a joint centre in Istanbul staffed by Egypt, Qatar and the United Nations "
     "will oversee the traffic.", "staffed"),  # parsed as a clausal subject
])
def test_no_open_candidate_of_a_clause_that_is_no_clause_of_its_own(nlp, text, word):
    from storyline.extract import event_classifier as ec

    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert not ec.is_open_candidate(token, ActorResolver.for_doc(doc))


def test_a_speech_verb_coordinated_with_another_reports_for_its_subject(events):
    found = events("Egypt condemned the raid and said Israel had agreed to a pause.")
    agree = _of(found, "AGREE")
    assert len(agree) == 1 and agree[0].modality == "reported"


def test_striking_a_deal_agrees(events):
    found = events("Egypt and Qatar struck a deal on the crossing.")
    assert [e.type for e in found] == ["AGREE"]


def test_both_sides_are_not_the_ones_who_urge_them(nlp):
    doc = nlp("Egypt and Qatar, the mediators in the talks between Israel and Hamas, urged "
              "both sides to return to the table.")
    sides = next(t for t in doc if t.text == "sides")
    assert _names(ActorResolver.for_doc(doc).resolve_group(sides)) == {"Israel", "Hamas"}


def test_a_lead_in_phrase_dates_the_clause_after_its_ellipsis(events):
    # the begging is what the mother heard "a week ago", not news of the publication day
    found = events("Hamas gunmen seized Amir Levi at the farm. The last thing I heard my son "
                   "telling me a week ago… he was begging them to leave him at home.")
    req = _of(found, "REQUEST")
    assert req and all(e.date_latest is not None and e.date_latest < PUBLISHED for e in req)


def test_what_a_dated_attack_did_is_dated_with_it(events):
    # the killing told in the relative clause of "the 2 March attacks" happened on 2 March,
    # not across the bombing "since" then
    found = events("Israel has been shelling the valley since the 2 March Hamas attacks "
                   "that killed 300 people in the border towns.")
    killed = [e for e in found if e.trigger == "killed"]
    assert killed and (killed[0].date_earliest, killed[0].date_latest) == ("2024-03-02",
                                                                          "2024-03-02")


def test_two_days_later_dates_the_act_from_the_narratives_last_date(events):
    found = events("On 2 March Hamas freed two hostages. Two days later Hamas freed two more hostages.")
    freed = sorted((e.date_earliest for e in found if e.trigger == "freed"), key=str)
    assert freed == ["2024-03-02", "2024-03-04"]
    # with no date to count from, the act is undated, not news of the publication day
    found = events("Hamas said talks had stalled. Two days later Hamas freed two hostages.")
    assert [e.date_earliest for e in found if e.trigger == "freed"] == [None]


def test_a_when_clause_dates_its_main_clause(events):
    # the rescue came when the kidnapping did, in 2009: not news of the publication day
    found = events("When a Danish engineer was kidnapped by the Taliban in Afghanistan in 2009 "
                   "he was rescued by British special forces.")
    rescued = [e for e in found if e.trigger == "rescued"]
    assert rescued and (rescued[0].date_earliest, rescued[0].date_latest) == ("2009-01-01",
                                                                            "2009-12-31")


def test_what_a_report_made_at_an_unsaid_earlier_time_told_is_undated(events):
    found = events("The army previously said it had struck Hamas positions near the camp.")
    struck = [e for e in found if e.trigger == "struck"]
    assert struck and struck[0].date_earliest is None and struck[0].historical
    # a report dated to its day dates what it told
    found = events("The army said on Monday it had struck Hamas positions near the camp.")
    assert [e.date_earliest for e in found if e.trigger == "struck"] == ["2024-05-06"]
