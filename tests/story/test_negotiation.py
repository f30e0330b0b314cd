"""The negotiation record, its truces and its state by day, on sentences written for these tests
(invented parties: State B and Group A negotiate through Mediator Q)."""

from __future__ import annotations

import copy

import pytest

from storyline.story.clusters import cluster_events
from storyline.story.config import state_rules
from storyline.story.negotiation import build_record, terms_of
from storyline.story.rules import compile_rules
from storyline.story.state import negotiation_state
from storyline.story.truces import phases_in

from .helpers import articles, event, statement

ARTS = articles(
    ("a1", "Wire One", "2024-03-01"),
    ("a2", "Daily Two", "2024-03-03"),
    ("a3", "Paper Three", "2024-03-07"),
    ("a4", "Wire One", "2024-03-08"),
    ("a5", "Daily Two", "2024-03-12"),
    ("a6", "Paper Three", "2024-03-13"),
)


@pytest.fixture(scope="module")
def raw():
    data = copy.deepcopy(state_rules())
    data["profile"] = {"parties": ["State B", "Group A"], "mediators": ["Mediator Q"],
                       "bodies": ["World Council"]}
    return data


@pytest.fixture(scope="module")
def rules(raw):
    return compile_rules(raw)


# --------------------------------------------------------------------------- truce phrases


@pytest.mark.parametrize("sentence, phases", [
    ("Mediator Q called for a ceasefire between the two sides.", []),
    ("Group A rejected a ceasefire on Tuesday.", []),
    ("There is no ceasefire in place, officials said.", []),
    ("Any truce would have to be agreed by both sides.", []),
    ("Ceasefire talks ended without a deal.", []),  # talks about a truce, not a truce
    ("A four-day truce between State B and Group A took effect on 6 March.", [("start", 4)]),
    ("The truce was extended by two days.", [("extended", 2)]),
    ("Fighting resumed on 12 March after the truce collapsed.", [("end", None)]),
    ("Shelling resumed after a week-long pause in the fighting.", [("end", 7)]),
    ("During the truce, fifty captives were freed.", [("during", None)]),
])
def test_truce_phrases_are_read_for_their_phase(sentence, phases, rules):
    assert phases_in(sentence, rules) == phases


def test_terms_a_proposal_states(rules):
    terms = terms_of("The plan offers a six-week pause in exchange for 40 hostages and "
                     "900 prisoners.", rules)
    assert terms == {"hostages": 40.0, "prisoners": 900.0, "pause_days": 42.0}


# --------------------------------------------------------------------------- a negotiation


def _negotiation_events():
    both = ["State B", "Group A"]
    return [
        event("a1", "Mediator Q hosted talks between State B and Group A in Capital Q on the "
              "release of the captives.", "CONSULT", "third-party", actors=["Mediator Q"],
              recipients=both, lo="2024-03-01", basis="explicit", location="Capital Q"),
        event("a2", "Mediators from Mediator Q met negotiators of State B and Group A on Friday "
              "to discuss a truce.", "CONSULT", None, actors=["Mediator Q"], recipients=both,
              lo="2024-03-01", basis="relative", start=40),
        event("a1", "Mediator Q presented a proposal: a six-week truce, with 40 hostages to "
              "be set free.", "CONCEDE", None, actors=["Mediator Q"], recipients=both,
              lo="2024-03-02", basis="explicit", start=200),
        event("a2", "Group A rejected the latest proposal for a truce on Sunday.", "REJECT",
              None, actors=["Group A"], lo="2024-03-03", basis="relative", start=300),
        event("a3", "Group A rejected the proposal for a truce, its leaders said on 3 March.",
              "REJECT", None, actors=["Group A"], lo="2024-03-03", basis="explicit"),
        event("a3", "State B and Group A agreed a truce deal on 5 March, freeing 50 captives.",
              "AGREE", None, actors=both, lo="2024-03-05", basis="explicit", start=100),
        event("a4", "State B and Group A reached a truce deal on Tuesday.", "AGREE", None,
              actors=both, lo="2024-03-05", basis="relative", start=100),
        event("a3", "A four-day truce between State B and Group A took effect on 6 March.",
              "RETREAT", "ceasefire", actors=both, lo="2024-03-06", basis="explicit", start=300),
        event("a4", "The truce between State B and Group A took effect on Wednesday.",
              "RETREAT", "ceasefire", actors=both, lo="2024-03-06", basis="relative",
              start=400),
        event("a4", "Group A freed twelve hostages on 7 March under the truce.", "RETREAT",
              "release", actors=["Group A"], lo="2024-03-07", basis="explicit", start=600),
        event("a5", "Fighting resumed on 12 March after the truce collapsed.", "ASSAULT",
              "heavy-weapons", actors=["State B"], lo="2024-03-12", basis="explicit"),
        event("a6", "State B bombed the strip on Tuesday as fighting resumed after the truce.",
              "ASSAULT", "heavy-weapons", actors=["State B"], lo="2024-03-12", basis="relative"),
        # not part of the negotiation: nobody of the profile takes part
        event("a2", "Students and the university administration reached an agreement to end "
              "the protest camp.", "AGREE", None, actors=["students", "the university"],
              lo="2024-03-03", basis="explicit", start=900),
        # a ceasefire called for is no truce and sets no state
        event("a5", "The World Council called for a ceasefire on 13 March.", "REQUEST", None,
              actors=["World Council"], lo="2024-03-13", basis="explicit", start=500),
    ]


@pytest.fixture(scope="module")
def record(rules):
    clusters = cluster_events(_negotiation_events(), ARTS)
    statements = [
        statement("a2", 700, "Group A said it demanded an end to the war before any deal.",
                  "a Group A spokesman", "Group A", "an end to the war before any deal",
                  stance="demand", when="2024-03-03"),
        statement("a4", 800, "Group A said it accepted a deal to end the war in stages.",
                  "a Group A spokesman", "Group A", "it accepted a deal to end the war in stages",
                  stance="assert", when="2024-03-08"),
    ]
    return build_record(clusters, statements, (), ARTS, rules)


def _kinds(record):
    return [(i.kind, i.date) for i in record.items]


def test_the_record_holds_talks_proposal_response_agreement_truce_and_release(record):
    kinds = _kinds(record)
    assert ("talks", "2024-03-01") in kinds
    assert ("proposal", "2024-03-02") in kinds
    assert ("response", "2024-03-03") in kinds
    assert ("agreement", "2024-03-05") in kinds
    assert ("truce", "2024-03-06") in kinds and ("truce_start", "2024-03-06") in kinds
    assert ("truce_end", "2024-03-12") in kinds
    assert ("release", "2024-03-07") in kinds


def test_talks_name_venue_mediators_and_delegations_once(record):
    talks = [i for i in record.items if i.kind == "talks"]
    assert len(talks) == 1  # two reports of the same round
    t = talks[0]
    assert t.venue == "Capital Q" and t.mediators == ["Mediator Q"]
    assert set(t.delegations) == {"State B", "Group A"} and t.outcome == "held"
    assert {s.article_id for s in t.sources} == {"a1", "a2"}


def test_proposal_terms_and_the_response_to_it(record):
    proposal = next(i for i in record.items if i.kind == "proposal")
    assert proposal.terms["hostages"] == 40 and proposal.terms["pause_days"] == 42
    response = next(i for i in record.items if i.kind == "response")
    assert response.response == "reject" and response.parties == ["Group A"]
    assert len(response.sources) == 2


def test_the_truce_runs_from_its_start_to_the_day_before_fighting_resumed(record):
    truce = next(i for i in record.items if i.kind == "truce")
    assert (truce.date, truce.date_latest) == ("2024-03-06", "2024-03-11")
    assert set(truce.parties) == {"State B", "Group A"}
    assert all(e.quote for e in truce.evidence)


def test_an_agreement_nobody_of_the_negotiation_takes_part_in_is_not_in_the_record(record):
    assert not any("protest" in i.summary for i in record.items)


def test_a_called_for_ceasefire_is_a_resolution_not_a_truce(record):
    calls = [i for i in record.items if i.kind == "resolution"]
    assert [c.date for c in calls] == ["2024-03-13"]
    assert [i.date for i in record.items if i.kind == "truce"] == ["2024-03-06"]


def test_positions_and_where_they_change(record):
    mine = [p for p in record.positions if p.party == "Group A" and p.topic == "end_of_war"]
    assert [p.stance for p in mine] == ["demand", "assert"]
    assert not mine[0].changed and mine[1].changed
    assert mine[1].previous == "an end to the war before any deal"


# --------------------------------------------------------------------------- the state


def test_state_by_day_from_the_record(record, raw):
    days = {d.date: d for d in negotiation_state(record.items, "2024-03-01", "2024-03-20", raw)}
    assert days["2024-03-01"].status == "talks_active"  # two articles report the round
    assert days["2024-03-03"].status == "stalled"  # two reports of the rejection
    assert days["2024-03-05"].status == "agreement"
    for d in ("2024-03-06", "2024-03-08", "2024-03-11"):
        assert days[d].status == "truce"
    assert days["2024-03-12"].status == "collapsed" and days["2024-03-12"].changed
    assert days["2024-03-20"].status == "collapsed"  # the World Council's call changes nothing
    assert days["2024-03-06"].parties and "Mediator Q" in days["2024-03-06"].mediators
    assert days["2024-03-06"].evidence and days["2024-03-06"].evidence[0].quote


def test_a_truce_reported_once_sets_no_truce_day(rules, raw):
    evs = [e for e in _negotiation_events()
           if e.article_id in ("a1", "a2") or e.sentence.startswith("A four-day")]
    record = build_record(cluster_events(evs, ARTS), (), (), ARTS, rules)
    assert not [i for i in record.items if i.kind == "truce"]
    days = negotiation_state(record.items, "2024-03-01", "2024-03-12", raw)
    assert all(d.status != "truce" for d in days)


def test_a_truce_with_a_length_and_no_reported_end(rules):
    evs = [
        event("a3", "A four-day truce between State B and Group A took effect on 6 March.",
              "RETREAT", "ceasefire", actors=["State B", "Group A"], lo="2024-03-06",
              basis="explicit"),
        event("a4", "A four-day truce began on Wednesday, officials from State B said.",
              "RETREAT", "ceasefire", actors=["State B"], lo="2024-03-06", basis="relative"),
        event("a4", "The truce was extended by two days, Mediator Q said on 9 March.", "AGREE",
              None, actors=["Mediator Q"], lo="2024-03-09", basis="explicit", start=300),
    ]
    record = build_record(cluster_events(evs, ARTS), (), (), ARTS, rules)
    truce = next(i for i in record.items if i.kind == "truce")
    assert (truce.date, truce.date_latest) == ("2024-03-06", "2024-03-11")
    assert [i.date for i in record.items if i.kind == "truce_extended"] == ["2024-03-09"]


# --------------------------------------------------------------------------- the command


def test_the_negotiation_command_and_export(tmp_path, rules):
    import json

    from typer.testing import CliRunner

    from storyline.cli import app
    from storyline.records import Article, Extraction
    from storyline.store import Store
    from storyline.story.build import build_story

    db = tmp_path / "n.db"
    store = Store(f"sqlite:///{db}")
    for aid, info in ARTS.by_id.items():
        store.add_article(Article(id=aid, text="x", source=f"{aid}.txt", format="text",
                                  outlet=info.outlet, published=info.published))
    by_article: dict[str, list] = {}
    for e in _negotiation_events():
        by_article.setdefault(e.article_id, []).append(e)
    for aid, evs in by_article.items():
        store.save_extraction(Extraction(aid, events=evs))
    build_story(store, rules)
    store.close()
    runner = CliRunner()
    out = runner.invoke(app, ["negotiation", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    kinds = {i["kind"] for i in json.loads(out.stdout)}
    assert {"talks", "proposal", "response", "agreement", "truce", "release"} <= kinds
    talks = runner.invoke(app, ["negotiation", "--db", str(db), "--kind", "talks",
                                "--format", "tsv"])
    assert talks.exit_code == 0 and "Capital Q" in talks.stdout
    assert len(talks.stdout.strip().splitlines()) == 2  # header and the one round
    exported = runner.invoke(app, ["export", "--db", str(db), "--format", "json", "--what",
                                   "negotiation"])
    assert exported.exit_code == 0, exported.output
    assert {i["kind"] for i in json.loads(exported.stdout)} >= kinds


# --------------------------------------------------------------------------- truces: sides, due phases


@pytest.mark.parametrize("sentence, phases", [
    # another conflict's truce: a side that stands for no one of the profile (Hezbollah here)
    ("The ceasefire between State B and Hezbollah took effect on Wednesday.", []),
    ("The Hezbollah truce began on Wednesday.", []),
    ("A truce between State B and Group A took effect on Friday.", [("start", None)]),
    # a phase only due or possible is no phase
    ("The four-day truce is due to end on Monday.", [("mention", 4)]),
    ("The truce could be extended by two days.", [("mention", None)]),
    ("The truce is expected to begin on Thursday morning.", [("mention", None)]),
    ("The truce did not end on Monday.", [("mention", None)]),
])
def test_a_truce_of_other_sides_or_only_due_is_no_phase(sentence, phases, rules):
    assert phases_in(sentence, rules) == phases


def _agreement_days(evs, rules):
    record = build_record(cluster_events(evs, ARTS), (), (), ARTS, rules)
    return [i.date for i in record.items if i.kind == "agreement"]


def test_an_agreement_only_presented_or_conditional_is_no_item(rules):
    evs = [
        event("a1", "State B has presented a plan to Mediator Q which could secure the release "
              "of 30 hostages.", "AGREE", None, actors=["State B"], lo="2024-03-01",
              basis="explicit"),
        event("a2", "Group A said it will only free more hostages in exchange for a lasting "
              "truce.", "CONCEDE", None, actors=["Group A"], lo="2024-03-03", basis="explicit"),
        event("a3", "State B and Group A reached a truce deal on 5 March to free 50 captives.",
              "AGREE", None, actors=["State B", "Group A"], lo="2024-03-05", basis="explicit"),
    ]
    assert _agreement_days(evs, rules) == ["2024-03-05"]


def test_a_concession_one_side_announces_alone_is_no_agreement(rules):
    evs = [
        event("a1", "State B announced daily humanitarian pauses in the fighting along the "
              "coast road on 1 March.", "CONCEDE", None, actors=["State B"], lo="2024-03-01",
              basis="explicit"),
        event("a2", "State B announced daily humanitarian pauses along the coast road on "
              "Friday.", "CONCEDE", None, actors=["State B"], lo="2024-03-01", basis="relative"),
        # the same concession made with the other side is one
        event("a3", "State B and Group A announced a truce deal on 5 March to free 50 captives.",
              "CONCEDE", None, actors=["State B", "Group A"], lo="2024-03-05", basis="explicit"),
    ]
    assert _agreement_days(evs, rules) == ["2024-03-05"]


def _merged_pressure(small: tuple[str, str, str], large: tuple[str, str, str]):
    """`_merge` of two pressure items of one party, (date, type, summary) each, the second's
    cluster 180 times the first's."""
    from storyline.story.negotiation import _merge
    from storyline.story.records import NegotiationItem

    items = [NegotiationItem(id=f"ng-{n}", kind="pressure", date=date, type=type_,
                             summary=summary, parties=["Northland"], reports=1,
                             cluster_ids=[cluster])
             for n, ((date, type_, summary), cluster) in enumerate(
                 ((small, "ev-small"), (large, "ev-large")))]
    return _merge(items, 1, {"ev-small": 5, "ev-large": 900})


def test_a_larger_event_a_day_later_leads_the_item_it_merges_into():
    # a recalled fragment dated the day before must not give the attack its date and words
    merged = _merged_pressure(("2024-03-01", "ASSAULT", "I spent the night in the shelter."),
                              ("2024-03-02", "ASSAULT", "Gunmen stormed the border towns at dawn."))
    assert len(merged) == 1
    assert (merged[0].date, merged[0].summary) == ("2024-03-02",
                                                   "Gunmen stormed the border towns at dawn.")


def test_a_days_largest_cluster_leads_its_merged_item():
    # equal report counts: the cluster with most mentions gives the item its type and summary
    merged = _merged_pressure(("2024-03-02", "MOBILIZE", "Reservists were called up."),
                              ("2024-03-02", "ASSAULT", "Northland's forces stormed the border town."))
    assert len(merged) == 1
    assert merged[0].type == "ASSAULT" and merged[0].summary.startswith("Northland's forces")
    assert set(merged[0].cluster_ids) == {"ev-small", "ev-large"}


def test_one_release_told_by_each_side_is_one_item():
    # the freeing side and the receiving side name different parties, the same two captives
    from storyline.story.negotiation import _merge
    from storyline.story.records import NegotiationItem

    def release(n, date, parties, hostages):
        return NegotiationItem(id=f"ng-{n}", kind="release", date=date, type="RETREAT",
                               summary="", parties=parties, reports=1, cluster_ids=[f"ev-{n}"],
                               terms={"hostages": hostages})

    def pair(second_count):
        return [release(0, "2024-03-01", ["Southland"], 2),
                release(1, "2024-03-02", ["Group A"], second_count)]

    assert len(_merge(pair(2), 1, by_terms={"release"})) == 1
    assert len(_merge(pair(2), 1)) == 2  # only for the kinds the profile names
    assert len(_merge(pair(3), 1, by_terms={"release"})) == 2  # other numbers: two releases


def _items(evs, rules, kind):
    record = build_record(cluster_events(evs, ARTS), (), (), ARTS, rules)
    return [i for i in record.items if i.kind == kind]


def test_a_strike_is_a_rescue_only_when_more_than_one_report_says_so(rules):
    aside = [
        event("a1", "State B troops shot dead three hostages in the town on 1 March, a stark "
              "sign of the risks of armed hostage rescue.", "ASSAULT", None, actors=["State B"],
              lo="2024-03-01", basis="explicit"),
        event("a2", "State B troops shot dead three hostages in the town on Friday.", "ASSAULT",
              None, actors=["State B"], lo="2024-03-01", basis="relative"),
    ]
    assert _items(aside, rules, "rescue") == []
    raid = [
        event("a3", "State B strikes on the town on 5 March killed at least 60 people, the "
              "health ministry said.", "ASSAULT", None, actors=["State B"], lo="2024-03-05",
              basis="explicit"),
        event("a4", "State B strikes on the town killed at least 60 people on Tuesday as its "
              "commandos rescued two hostages.", "ASSAULT", None, actors=["State B"],
              lo="2024-03-05", basis="relative", start=100),
        event("a5", "State B strikes covered the raid in which commandos rescued two hostages "
              "in the town on 5 March.", "ASSAULT", None, actors=["State B"], lo="2024-03-05",
              basis="explicit", start=200),
    ]
    found = _items(raid, rules, "rescue")
    assert [i.date for i in found] == ["2024-03-05"]
    # the item says what makes it a rescue, whatever sentence sums up its cluster
    assert "rescued" in found[0].summary


def test_an_outsiders_meeting_that_only_names_the_sides_is_no_talks(raw):
    # sides the packaged actor lexicon knows by name, so that a sentence can name them
    data = copy.deepcopy(raw)
    data["profile"] = {"parties": ["Israel", "Hamas"], "mediators": ["Qatar"], "bodies": []}
    known = compile_rules(data)
    # the actor is known and stands for no one at the table: the sides its sentence names
    # are the context of its meeting
    summit = event("a1", "European Union leaders met in Capital Q for talks on a truce, at a "
                   "summit overshadowed by the war between Israel and Hamas.", "CONSULT", None,
                   actors=["European Union"], lo="2024-03-01", basis="explicit")
    assert _items([summit], known, "talks") == []
    # unnamed negotiators: the names in their sentence say who is at the table
    negotiators = event("a3", "Negotiators held talks in Capital Q on 5 March on a truce "
                        "between Israel and Hamas.", "CONSULT", None, actors=["negotiators"],
                        lo="2024-03-05", basis="explicit")
    assert [i.date for i in _items([negotiators], known, "talks")] == ["2024-03-05"]


def test_a_statement_item_names_its_speaker_or_is_not_made(raw):
    import dataclasses

    from storyline.records import ActorRef
    from storyline.story.negotiation import statement_items

    data = copy.deepcopy(raw)  # sides the packaged actor lexicon knows by name
    data["profile"] = {"parties": ["Israel", "Hamas"], "mediators": ["Qatar"], "bodies": []}
    known = compile_rules(data)
    said = statement("a2", 10, "Qatar, which hosts the delegations, said talks on a truce "
                     "between Israel and Hamas were continuing.", "Qatar", None,
                     "talks on a truce between Israel and Hamas were continuing",
                     when="2024-03-03")
    # written with its relative clause and resolved to no canonical name
    written = dataclasses.replace(said, speaker="Qatar, which hosts the delegations,",
                                  speaker_actor=ActorRef(text="Qatar"))
    # a pronoun extraction did not resolve: nobody to attribute the words to
    pronoun = dataclasses.replace(said, start=500, speaker="He",
                                  speaker_actor=ActorRef(text="He"))
    items = statement_items([written, pronoun], ARTS, known)
    assert [i.summary.split(":")[0] for i in items] == ["Qatar"]


def test_an_items_summary_is_its_best_dated_sentence_that_says_what_it_is(rules):
    evs = [
        event("a2", "State B's offensive has gone on for months, its forces shelling the camp.",
              "ASSAULT", None, actors=["State B"], basis="unknown", start=10),
        event("a2", "State B forces shelled the camp on 3 March, killing 20 people.", "ASSAULT",
              None, actors=["State B"], lo="2024-03-03", basis="explicit", start=500),
        event("a3", "State B forces shelled the camp on 3 March, killing 20 people, medics said.",
              "ASSAULT", None, actors=["State B"], lo="2024-03-03", basis="explicit"),
        event("a4", "State B forces shelled the camp on Sunday as their offensive widened.",
              "ASSAULT", None, actors=["State B"], lo="2024-03-03", basis="relative"),
    ]
    found = _items(evs, rules, "pressure")
    assert [i.summary for i in found] == [
        "State B forces shelled the camp on Sunday as their offensive widened."]
