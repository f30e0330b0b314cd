"""Modality, PLOVER's auxiliary modes (historical, future, hypothetical, negated, reported) and
event dating, on sentences written for these tests."""

from __future__ import annotations

import pytest

from .helpers import name_list as _names

PUBLISHED = "2024-05-10"


# the rules' own reading: the learned typing is tested in test_event_classifier.py
pytestmark = pytest.mark.usefixtures("rules_only")


def _one(found, type_, trigger=None):
    matching = [e for e in found if e.type == type_ and (trigger is None or trigger in e.trigger)]
    assert matching, f"no {type_} {trigger or ''} in {[(e.type, e.trigger) for e in found]}"
    return matching[0]


# ------------------------------------------------------------------ historical


def test_an_antecedent_of_a_present_sequel_is_not_the_publication_day(events):
    """"X comes after Y": Y happened before the writing, on a day the sentence does not give;
    an antecedent of a past event keeps the publication-day reading (the rules' default)."""
    ev = _one(events("The tribunal's new ruling comes after Chile asked it to widen an order "
                     "it issued in January."), "REQUEST")
    assert ev.date_earliest is None and ev.date_basis == "unknown"
    ev = _one(events("The decision comes after the rebels attacked a convoy."), "ASSAULT")
    assert ev.date_earliest is None
    found = events("The army struck the town after the rebels attacked a convoy.")
    assert _one(found, "ASSAULT", "attacked").date_earliest == PUBLISHED


def test_what_set_off_a_situation_still_going_on_is_before_the_writing(events):
    """"X is V-ing after Y did": Y happened before the article, on a day it does not give; a
    past main clause keeps the publication-day reading, and a report frame is no situation."""
    ev = _one(events("Residents are fleeing the town after the army shelled it."), "ASSAULT")
    assert ev.date_earliest is None and ev.date_basis == "unknown"
    ev = _one(events("The envoy is threatening to walk out after the rebels rejected the "
                     "plan."), "REJECT")
    assert ev.date_earliest is None
    ev = _one(events("Residents fled the town after the army shelled it."), "ASSAULT")
    assert ev.date_earliest == PUBLISHED
    # a past onset: what it came after is earlier ("began shelling … after": on the xcomp)
    found = events("Northland began bombing the port after the militia killed 40 people and "
                   "seized a base.")
    assert _one(found, "ASSAULT", "killed").date_earliest is None


def test_an_adjective_of_now_is_no_lower_bound(events):
    """"since the current strike began": "current" says which strike, not when it began, so
    the killings are a span up to now, not an event of the publication day."""
    ev = _one(events("Union leaders say 12 drivers have been killed by militias since the "
                     "current strike began."), "ASSAULT", "killed")
    assert ev.date_earliest is None and ev.date_basis == "unknown"
    ev = _one(events("Militias have killed 12 drivers since the strike began on 2 May."),
              "ASSAULT", "killed")
    assert ev.date_earliest == "2024-05-02"  # a real start still bounds the span


def test_background_onset_keeps_its_own_date(events):
    ev = _one(events("Fighting in the province broke out on 3 March, residents say."), "ASSAULT")
    assert (ev.date_earliest, ev.date_latest) == ("2024-03-03", "2024-03-03")
    assert ev.historical
    assert ev.date_earliest != PUBLISHED


def test_background_without_a_date_is_undated_not_the_publication_day(events):
    found = events("Since the war began, food deliveries to the valley have slowed.")
    ev = _one(found, "ASSAULT", "began")
    assert ev.historical
    assert ev.date_earliest is None and ev.date_basis == "unknown"


def test_onset_in_a_temporal_clause_is_background(events):
    ev = _one(events("Before the war broke out she worked at the clinic in the north."), "ASSAULT")
    assert ev.historical and ev.date_basis == "unknown"


def test_past_perfect_is_background_but_not_in_reported_speech(events):
    ev = _one(events("The rebels had seized the airport long before the mediators arrived."),
              "COERCE")
    assert ev.historical and ev.date_basis == "unknown"
    reported = _one(events("The Israeli army said it had struck 40 positions."), "ASSAULT")
    assert not reported.historical
    assert reported.date_basis == "publication"


def test_explicitly_old_date_marks_historical(events):
    ev = _one(events("The militia attacked the border post on 2 January."), "ASSAULT")
    assert ev.date_earliest == "2024-01-02" and ev.historical
    recent = _one(events("The militia attacked the border post on Monday."), "ASSAULT")
    assert recent.date_earliest == "2024-05-06" and not recent.historical


def test_a_perfect_conjunct_does_not_share_the_past_verbs_date(events):
    """"seized the port on 2 May and have released …": the release is not on 2 May."""
    ev = _one(events("Rebels seized the port on 2 May and have released 12 hostages."),
              "RETREAT")
    assert ev.date_earliest != "2024-05-02"


def test_a_participle_with_its_agent_keeps_its_own_date(events):
    """"a sailor seized by pirates on 2 May has been freed": 2 May is the seizure's day."""
    ev = _one(events("A sailor seized by pirates on 2 May has been freed, the navy said."),
              "RETREAT")
    assert ev.date_earliest != "2024-05-02"


def test_a_vague_past_leaves_the_event_undated(events):
    ev = _one(events("Militiamen ambushed a supply convoy several months ago."), "ASSAULT")
    assert ev.date_earliest is None and ev.date_basis == "unknown"


def test_what_a_recording_shows_is_not_dated_to_the_article(events):
    ev = _one(events("Drone footage shows troops shelling the market."), "ASSAULT")
    assert ev.date_earliest is None
    # "figures show" states a fact; the recording rule leaves it alone
    ev = _one(events("Ministry records show that troops shelled the market."), "ASSAULT")
    assert ev.date_earliest == PUBLISHED


def test_what_an_image_shows_is_not_dated_to_the_article(events):
    """"in this image we can see that …": the setting, not the subject, is the recording."""
    ev = _one(events("In this satellite image, taken from the east, we can see that the militia "
                     "shelled the depot."), "ASSAULT")
    assert ev.date_earliest is None
    # "we saw that …" with no recording states what the writer found
    ev = _one(events("We saw that the militia shelled the depot."), "ASSAULT")
    assert ev.date_earliest == PUBLISHED


def test_an_act_done_repeatedly_is_undated_unless_the_sentence_dates_it(events):
    ev = _one(events("The mayor has repeatedly condemned the shelling of the port."), "ACCUSE")
    assert ev.date_earliest is None and ev.date_basis == "unknown"
    ev = _one(events("The mayor repeatedly condemned the shelling on 2 May."), "ACCUSE")
    assert ev.date_earliest == "2024-05-02"
    ev = _one(events("The mayor condemned the shelling of the port."), "ACCUSE")
    assert ev.date_earliest == PUBLISHED


def test_an_act_on_each_or_every_participant_is_many_acts_and_undated(events):
    ev = _one(events("Crowds cheered in the wake of each busload of prisoners released by the "
                     "army in exchange for the captives."), "RETREAT")
    assert ev.date_earliest is None and ev.date_basis == "unknown"
    ev = _one(events("The army released every prisoner held at the camp."), "RETREAT")
    assert ev.date_earliest is None
    ev = _one(events("The army released the prisoners held at the camp."), "RETREAT")
    assert ev.date_earliest == PUBLISHED


def test_repetition_carries_over_a_conjunction_that_shares_the_subject(events):
    ev = _one(events("The mayor has repeatedly called for a truce and has condemned the "
                     "shelling of the port."), "ACCUSE")
    assert ev.date_earliest is None and ev.date_basis == "unknown"
    # a conjunct with its own subject is a clause of its own
    ev = _one(events("The mayor has repeatedly called for a truce and the governor has "
                     "condemned the shelling of the port."), "ACCUSE")
    assert ev.date_earliest == PUBLISHED


def test_an_occasioning_event_lends_its_time_to_what_it_saw(events):
    """"after a truce in November saw hostages released": the release happened in November."""
    ev = _one(events("Forty captives are still held, after a brief truce in March saw some "
                     "captives released."), "RETREAT")
    assert (ev.date_earliest, ev.date_latest) == ("2024-03-01", "2024-03-31")
    assert ev.historical
    ev = _one(events("The talks in January prompted the army's withdrawal from the valley."),
              "RETREAT")
    assert ev.date_earliest == "2024-01-01"
    # a participle naming the occasion's event: "a deal agreed in March saw …"
    ev = _one(events("A deal agreed in March saw the militia free 30 captives in return for "
                     "a pause."), "RETREAT")
    assert (ev.date_earliest, ev.date_latest) == ("2024-03-01", "2024-03-31")
    # people who saw it lend no time: only an event subject occasions its complement
    ev = _one(events("Reporters who arrived in March saw the army's bombardment of the valley."),
              "ASSAULT")
    assert ev.date_earliest == PUBLISHED


def test_a_since_after_the_event_phrase_is_its_span_whatever_the_parse(events):
    """"killed - most of them children - in the bombardment since then": "since" hangs on
    another word, but follows the event noun's phrase."""
    ev = _one(events("Over 900 villagers have been killed - most of them women - in the "
                     "army's bombardment since then, the agency said."), "ASSAULT", "bombardment")
    assert ev.date_earliest is None


def test_a_bare_verb_parsed_as_the_finite_verbs_conjunct_continues_the_infinitive(events):
    """"wants to defeat the rebels, restore order and free the captives": the parser makes
    "restore" a conjunct of "wants", but the freeing is wanted, not done."""
    ev = _one(events("The government wants to defeat the rebels, restore order and free the "
                     "captives."), "RETREAT")
    assert ev.modality != "asserted"
    # a finite conjunct is done: "tried to storm the town, seized the bridge and freed …"
    ev = _one(events("The militia tried to storm the town, seized the bridge and freed the "
                     "captives."), "RETREAT")
    assert ev.modality == "asserted"


def test_an_event_inside_an_after_clause_shares_its_date(events):
    """"after 300 were killed on 2 May by gunmen, who also took 40 hostages": the taking is in
    the "after" clause with the killing, on 2 May, not the day before."""
    found = events("The army moved in after 300 villagers were killed on 2 May by gunmen, who "
                   "also took 40 hostages.")
    ev = _one(found, "ASSAULT", "took")
    assert (ev.date_earliest, ev.date_latest) == ("2024-05-02", "2024-05-02")
    # what comes after an undated antecedent still ends on the dated verb's day
    ev = _one(events("The crossing was shut on Sunday after soldiers were killed."), "ASSAULT")
    assert (ev.date_earliest, ev.date_latest) == ("2024-05-04", "2024-05-05")


def test_how_captives_came_to_be_held_is_presupposed(events):
    """"the hostages taken by the gunmen": an earlier taking, not news of the article's day."""
    ev = _one(events("Families of the hostages taken by the gunmen marched in the capital."),
              "ASSAULT", "taken")
    assert ev.date_earliest is None and ev.historical
    # with its own day it keeps it
    ev = _one(events("Families of the hostages taken by the gunmen on 2 May marched."),
              "ASSAULT", "taken")
    assert ev.date_earliest == "2024-05-02"


def test_a_participial_preposition_passes_the_date_to_its_event(events):
    ev = _one(events("Militiamen shelled the market in the week beginning 14 April."), "ASSAULT")
    assert ev.date_earliest == "2024-04-14"


def test_date_of_another_event_does_not_date_this_one(events):
    found = events("Senator Ana Lind criticised the army's response to the 2 March attack by "
                   "the rebels.")
    accuse = _one(found, "ACCUSE")
    assert accuse.date_earliest == PUBLISHED
    assert accuse.date_basis == "publication"


def test_antecedent_bounds_the_event_from_below(events):
    found = events("The army launched its offensive in response to the attack by the rebels on "
                   "2 March.")
    ev = _one(found, "ASSAULT", "launched")
    assert (ev.date_earliest, ev.date_latest) == ("2024-03-02", PUBLISHED)
    assert ev.date_basis == "relative"
    attack = _one(found, "ASSAULT", "attack")
    assert attack.date_earliest == attack.date_latest == "2024-03-02"


def test_clause_about_a_date_takes_that_date(events):
    found = events("Tension has grown since 2 March, when gunmen from the militia attacked a convoy.")
    ev = _one(found, "ASSAULT", "attacked")
    assert ev.date_earliest == ev.date_latest == "2024-03-02"


def test_since_span_without_a_start_is_not_the_publication_day(events):
    ev = _one(events("More than 500 people have since been killed in the fighting."), "ASSAULT")
    assert ev.date_basis == "unknown" and ev.date_earliest is None
    ranged = _one(events("More than 500 people have now been killed since 2 March."), "ASSAULT")
    assert (ranged.date_earliest, ranged.date_latest) == ("2024-03-02", PUBLISHED)


# ------------------------------------------------------------------ future / announced


def test_announced_release_is_a_concession_now_not_a_release(events):
    found = events("Under the deal, the militia is to free 30 prisoners over four days.")
    concede = _one(found, "CONCEDE")
    assert concede.modality == "asserted"
    assert _names(concede.actors) == ["the militia"]
    assert not [e for e in found if e.type == "RETREAT"]


def test_purpose_be_to_is_hypothetical(events):
    found = events("The aim is to free the prisoners by the end of the month.")
    assert not [e for e in found if e.type in ("RETREAT", "CONCEDE") and e.modality == "asserted"]


def test_future_without_its_own_date_is_undated(events):
    ev = _one(events("Talks between the two sides are expected to resume."), "CONSULT")
    assert ev.modality == "future"
    assert ev.date_earliest is None and ev.date_basis == "unknown"
    dated = _one(events("Talks between the two sides will resume on Sunday."), "CONSULT")
    assert dated.modality == "future" and dated.date_earliest == "2024-05-12"


def test_a_time_clause_of_a_future_clause_is_future(events):
    """English keeps a time clause in the present for an act still to come: the release in
    "will leave the valley once the captives are freed" has not happened."""
    ev = _one(events("The militia will leave the valley once the captives are freed."), "RETREAT",
              "freed")
    assert ev.modality == "future" and ev.date_earliest is None
    ev = _one(events("The rebels vowed they would not lay down arms until the prisoners are "
                     "released."), "RETREAT", "released")
    assert ev.modality in ("future", "hypothetical")
    # told in the past, the same clause reports what happened
    ev = _one(events("The militia left the valley once the captives were freed."), "RETREAT",
              "freed")
    assert ev.modality == "asserted"


def test_a_participle_complement_takes_its_clauses_modality(events):
    """"would see the captives freed by the militia" frees no one yet; "saw" them freed did."""
    ev = _one(events("The plan would see the captives freed by the militia within a week."),
              "RETREAT")
    assert ev.modality == "hypothetical" and ev.date_earliest is None
    # wanting them freed asks for it: a REQUEST whose content is the release (branch grain6)
    found = events("The envoy wants the prisoners freed by the junta.")
    assert [e.type for e in found] == ["REQUEST"]
    ev = _one(events("Villagers saw the captives freed by the militia."), "RETREAT")
    assert ev.modality == "asserted"


def test_past_aspectual_verb_is_not_future(events):
    ev = _one(events("The air force began striking the depots after midnight."), "ASSAULT")
    assert ev.modality == "asserted"


# ------------------------------------------------------------------ hypothetical, negated, reported


def test_hypothetical(events):
    ev = _one(events("If the truce holds, the army could withdraw from the valley."), "RETREAT")
    assert ev.modality == "hypothetical"
    assert ev.date_earliest is None


def test_possibility_noun_makes_hypothetical(events):
    ev = _one(events("Diplomats doubted the suggestion that the militia had ordered the bombing."),
              "ASSAULT")
    assert ev.modality == "hypothetical"


def test_negated(events):
    ev = _one(events("The militia did not release the hostages on Friday."), "RETREAT")
    assert ev.modality == "negated"


def test_reported_with_source(events):
    ev = _one(events("The militia freed two captives, a spokesman for the group said."), "RETREAT")
    assert ev.modality == "reported"
    assert ev.source and "spokesman" in ev.source


def test_since_before_a_dated_event_noun_keeps_the_noun_on_its_day(events):
    found = events("The town has been a target for army raids since the 2 March attack by the "
                   "militia.")
    attack = _one(found, "ASSAULT", "attack")
    assert attack.date_earliest == attack.date_latest == "2024-03-02"


def test_adjective_of_now_dates_nothing(events):
    ev = _one(events("Aid has slowed since the current war began."), "ASSAULT", "began")
    assert ev.date_earliest is None and ev.historical


def test_a_running_total_is_the_campaign_to_date_not_an_act_of_the_day(nlp):
    from storyline.extract.pipeline import extract_article
    from storyline.records import Article

    text = ("At least 9,200 residents of the valley have been killed by the army in its long "
            "campaign, the regional health office says. Northland's strikes killed 14 people "
            "in the port overnight, medics said.")
    article = Article(id="n", text=text, source="test", format="text", published=PUBLISHED)
    found = [e for e in extract_article(article, nlp(text)).events if e.type == "ASSAULT"]
    total = [e for e in found if "9,200" in e.quote]
    assert total and total[0].date_earliest is None and total[0].date_basis == "unknown"
    # the night's strikes are news of the day
    night = [e for e in found if "14" in e.quote]
    assert night and night[0].date_earliest is not None
