"""Predicates of news the lexicon reads (issue 8: phrasings the first lexicon left without an
event), on sentences written for these tests."""

from __future__ import annotations

import pytest

PUBLISHED = "2024-05-10"


# the rules' own reading: the learned typing is tested in test_event_classifier.py
pytestmark = pytest.mark.usefixtures("rules_only")


def _main(found):
    assert found, "no event"
    return found[0]


@pytest.mark.parametrize("text, typ, mode", [
    # releases of people who are not hostages by name
    ("The junta freed the jailed blogger after a year.", "RETREAT", "release"),
    ("The kidnappers handed back the two engineers on Tuesday.", "RETREAT", "release"),
    ("The gang set free the three nurses on Sunday.", "RETREAT", "release"),
    # a truce kept, and fire that stops
    ("Both armies honoured the truce through the holiday.", "RETREAT", "ceasefire"),
    ("The militia kept to the ceasefire for a month.", "RETREAT", "ceasefire"),
    ("The guns fell silent across the valley on Sunday.", "RETREAT", "ceasefire"),
    ("Government troops stopped shelling the port at dawn.", "RETREAT", "ceasefire"),
    ("The two navies held their fire during the evacuation.", "RETREAT", "ceasefire"),
    ("The rebels extended the pause by a day.", "RETREAT", "ceasefire"),
    ("Customs officers waved the food lorries through.", "RETREAT", "access"),
    ("The ministry gave the agency permission to fly in medicine.", "RETREAT", "access"),
    # rescue, mobilisation, accusation, protest, sanction, support, cooperation
    ("Rescuers saved 40 passengers from the ferry.", "AID", None),
    ("The regime put its air force on alert.", "MOBILIZE", "troops"),
    ("The rebels paraded drones through the square.", "MOBILIZE", "weapons"),
    ("Chile brought a case against its neighbour at the tribunal.", "ACCUSE", "disapprove"),
    ("Nurses went on strike over pay.", "PROTEST", "strike"),
    ("Dock workers walked out over the new contracts.", "PROTEST", "strike"),
    ("The finance ministry blacklisted two shipping firms.", "SANCTION", None),
    ("The senators voiced support for the truce plan.", "SUPPORT", None),
    ("The two police forces set up a joint task force.", "COOPERATE", None),
    ("The two governments exchanged intelligence on the network.", "COOPERATE", None),
    ("The premier backed down on the tax rise.", "CONCEDE", None),
    ("The council declared an amnesty for deserters.", "CONCEDE", None),
    ("The rebels spurned the offer of talks.", "REJECT", "meet"),
    ("The envoys walked away from the offer.", "REJECT", None),
    ("The envoys walked away from the talks.", "SANCTION", "withdraw"),
    ("The army laid siege to the provincial capital.", "COERCE", "restrict"),
])
def test_news_predicates_are_events(events, text, typ, mode):
    ev = _main(events(text))
    assert (ev.type, ev.mode if mode else None) == (typ, mode), (text, ev.type, ev.mode)


def test_a_bare_count_of_people_is_their_actor(events):
    ev = _main(events("Thousands marched through the capital on Saturday."))
    assert ev.type == "PROTEST"
    assert ev.actors[0].text == "Thousands" and ev.actors[0].sector == "CVL"
    assert ev.actors[0].entity_type is None  # people, not a number
    # with "of", the count still names who is counted
    ev = _main(events("Hundreds of nurses marched on the ministry."))
    assert ev.actors[0].text.endswith("nurses")


def test_who_blocks_a_road_decides_protest_or_coercion(events):
    assert _main(events("Fishermen blocked the harbour road with their boats.")).type == "PROTEST"
    assert _main(events("The army blocked the road to the border town.")).type == "COERCE"


def test_refusing_a_concession_rejects_it_refusing_another_act_negates_it(events):
    ev = _main(events("The rebels refused to free the aid workers."))
    assert (ev.type, ev.modality) == ("REJECT", "asserted")
    ev = _main(events("The government refused to send troops to the border."))
    assert (ev.type, ev.modality) == ("MOBILIZE", "negated")
    ev = _main(events("The opposition declined to endorse the ceasefire plan."))
    assert (ev.type, ev.modality) == ("SUPPORT", "negated")
    assert not events("A spokesman declined to comment.")


def test_an_offer_to_yield_is_a_concession_other_offers_agree(events):
    assert _main(events("The militia offered to pull back from the bridge.")).type == "CONCEDE"
    assert _main(events("The governor promised to lift the curfew.")).type == "CONCEDE"
    assert _main(events("The rebels offered to hold talks in the capital.")).type == "AGREE"


def test_begging_a_party_to_act_is_a_request_a_plea_alone_is_none(events):
    assert _main(events("The clerics begged both armies to stop shelling the town.")).type == "REQUEST"
    assert not events("She was begging for mercy in the cellar.")


def test_ordering_diplomats_out_is_an_expulsion(events):
    ev = _main(events("The government ordered the ambassador to leave the country."))
    assert (ev.type, ev.mode) == ("SANCTION", "expel")
    assert _main(events("The government ordered the rebels to disarm.")).type == "REQUEST"


def test_a_gerund_of_attack_after_a_stop_verb_is_no_attack(events):
    found = events("The militias agreed to stop firing rockets at the city.")
    assert not [e for e in found if e.type == "ASSAULT"]
    # anything else under a stop verb keeps its own reading
    assert not [e for e in events("The board stopped paying the staff.") if e.type == "RETREAT"]


def test_an_outlets_correction_note_gives_no_record(nlp):
    from storyline.extract.pipeline import extract_article
    from storyline.records import Article

    text = ("Northland's army shelled the port on Monday, killing 12 people, officials said.\n"
            "Correction 3rd May: An earlier version of this story said the army had killed 40 "
            "people in the raid. The correct figure is 12.\n"
            "Mediators said talks would resume on Friday.")
    article = Article(id="n", text=text, source="test", format="text", published=PUBLISHED)
    found = extract_article(article, nlp(text))
    note = (text.index("Correction"), text.index("Mediators"))
    records = [*found.events, *found.figures, *found.statements]
    assert records and not [r for r in records if note[0] <= r.start < note[1]]
    assert any(r.start >= note[1] for r in found.statements)  # the paragraph after is news
    assert [f.value for f in found.figures if f.kind == "killed"] == [12]


def test_a_pages_list_of_links_gives_no_record(nlp):
    from storyline.extract.page_text import link_list_spans
    from storyline.extract.pipeline import extract_article
    from storyline.profiles.compiled import default_resources
    from storyline.records import Article

    speech = default_resources().speech
    links = ("Read more: Rebels free two aid workers in the northWhy is the port town so "
             "important?Army shells border villages as talks stallThe envoy's long road to a deal")
    text = ("Northland's army shelled the port on Monday, killing 12 people, officials said. "
            + links + " The mediators met both delegations on Tuesday, the ministry said.")
    article = Article(id="n", text=text, source="test", format="text", published=PUBLISHED)
    found = extract_article(article, nlp(text))
    lo, hi = text.index("Read more"), text.index(" The mediators")
    assert link_list_spans(text, speech.link_list_joins, speech.own_capitals) == [(lo, hi)]
    records = [*found.events, *found.figures, *found.statements]
    assert not [r for r in records if lo <= r.start < hi]
    assert any(e.type == "ASSAULT" and e.start < lo for e in found.events)
    assert any(e.type == "CONSULT" and e.start >= hi for e in found.events)
    # names with capitals of their own are no list
    prose = ("Brett McGurk spoke to YouTube and WhatsApp users in the HaveYourSay forum. "
             "DeSantis and MacDonald replied on PlayStation chat.")
    assert link_list_spans(prose, speech.link_list_joins, speech.own_capitals) == []
