"""Disputes that are disagreements (issue 10), on records written for these tests."""

from __future__ import annotations

from storyline.records import ActorRef
from storyline.story.disputes import denial_disputes
from storyline.story.series import build_series

from .helpers import articles, figure, statement

ARTS = articles(
    ("a1", "Wire One", "2024-03-04"),
    ("a2", "Daily Two", "2024-03-05"),
    ("a3", "Paper Three", "2024-03-05"),
    ("a4", "Wire One", "2024-03-20"),
)


def _stmt(start, text, speaker, side, content, stance="assert"):
    return statement("a1", start, text, speaker, side, content, stance=stance,
                     when="2024-03-04")


def test_rebuttal_in_fact_answers_the_other_side_s_claim():
    claim = "State B said its offensive forced Group A to resume the negotiations."
    other = "State B said the push would take three months."
    rebut = ("A Group A official said the negotiations had in fact never stopped.")
    stmts = [
        _stmt(0, claim, "State B", "State B", "its offensive forced Group A to resume the "
              "negotiations"),
        _stmt(200, other, "State B", "State B", "the push would take three months"),
        _stmt(400, rebut, "Group A official", "Group A",
              "the negotiations had in fact never stopped"),
    ]
    (found,) = denial_disputes(stmts, ARTS)
    assert found.a.text.startswith("its offensive forced")
    assert found.b.who == "Group A official" and "rebuts" in found.reason
    assert "negoti" in found.reason  # says which words tie the two


def test_in_fact_without_a_negation_is_no_rebuttal():
    stmts = [
        _stmt(0, "State B said talks would resume.", "State B", "State B", "talks would resume"),
        _stmt(100, "Group A said talks had in fact resumed.", "Group A", "Group A",
              "talks had in fact resumed"),
    ]
    assert denial_disputes(stmts, ARTS) == []


def test_rejecting_a_proposal_or_a_call_is_no_dispute():
    stmts = [
        _stmt(0, "State B said Group A had broken the last pause.", "State B", "State B",
              "Group A had broken the last pause"),
        _stmt(100, "Group A rejected the terms.", "Group A", "Group A", "the terms",
              stance="reject"),
        _stmt(300, "Group A rejected these calls.", "Group A", "Group A", "these calls",
              stance="reject"),
    ]
    assert denial_disputes(stmts, ARTS) == []
    stmts.append(_stmt(180, "Group A rejected the allegation.", "Group A", "Group A",
                       "the allegation", stance="reject"))
    (found,) = denial_disputes(stmts, ARTS)
    assert found.a.who == "State B" and "anaphoric" in found.reason


def test_one_side_is_no_dispute():
    stmts = [
        _stmt(0, "State B's minister said the army had taken the hill.", "State B minister",
              "State B", "the army had taken the hill"),
        _stmt(100, "State B denied the claim.", "State B", "State B", "the claim",
              stance="deny"),
    ]
    stmts[0].speaker_actor = ActorRef(text="State B minister", canonical="Minister M",
                                      affiliation="State B")
    stmts[1].speaker_actor = ActorRef(text="State B", canonical="State B")
    assert denial_disputes(stmts, ARTS) == []


def _toll(aid, value, source, qualifier="exact", when="2024-03-04", start=0):
    return figure(aid, f"{value} people were killed", "killed", value, qualifier,
                  subject="people", group="people", place="Northland", scope="cumulative",
                  when=when, source=source, start=start, cue="since")


def test_figure_disputes_need_independent_resolved_sources_and_a_real_gap():
    figs = [
        _toll("a1", 9488, "Health office"),
        _toll("a2", 9000, "Regional government"),  # a round 9,000 covers 8,500-9,500
        _toll("a3", 7100, "Army"),  # far enough from 9,488 to disagree
        figure("a3", "7,200 people were killed", "killed", 7200, subject="people",
               group="people", place="Northland", scope="cumulative", when="2024-03-04",
               source="a local doctor", start=50, cue="since", actor=""),  # unresolved
    ]
    figs[-1].source_actor = ActorRef(text="a local doctor")  # the lexicon does not know it
    (series,) = build_series(figs, ARTS)
    pairs = {tuple(sorted((d.a.value, d.b.value))) for d in series.disagreements}
    assert pairs == {(7100, 9488), (7100, 9000)}
    assert "independent" in series.disagreements[0].reason


def test_reports_weeks_apart_are_a_revision_not_a_dispute():
    figs = [
        figure("a1", "1,400 killed in the raid", "killed", 1400, subject="people",
               group="people", place="Northland", scope="incident", incident="raid",
               when="2024-03-01", source="Army"),
        figure("a4", "1,150 killed in the raid", "killed", 1150, subject="people",
               group="people", place="Northland", scope="incident", incident="raid",
               when="2024-03-01", source="Health office"),
    ]
    (series,) = build_series(figs, ARTS)
    assert series.disagreements == []


def test_unscoped_or_unplaced_series_never_disagree():
    figs = [figure(a, f"{v} killed", "killed", v, group="people", when="2024-03-04",
                   source=s) for a, v, s in (("a1", 10, "Office N"), ("a2", 17, "Office U"))]
    (series,) = build_series(figs, ARTS)
    assert series.disagreements == []


def test_a_denial_that_names_its_own_content_must_share_words_with_the_claim():
    stmts = [
        _stmt(0, "A clinic said Group A gunmen had taken its generator.", "Clinic K",
              "Clinic K", "Group A gunmen had taken its generator"),
        _stmt(100, "Group A denied that its commander was dead.", "Group A", "Group A",
              "that its commander was dead", stance="deny"),
    ]
    assert denial_disputes(stmts, ARTS) == []  # not anaphoric: nothing shared with the claim
    stmts[1].content = "the allegation"
    (found,) = denial_disputes(stmts, ARTS)
    assert "anaphoric" in found.reason


def test_a_relative_clause_denial_answers_its_own_sentence():
    stmts = [
        _stmt(0, "State B said its troops had reached the port.", "State B", "State B",
              "its troops had reached the port"),
        _stmt(100, "The marchers faced complaints of threats, which the organisers denied.",
              "organisers", "Organisers O", "which", stance="deny"),
    ]
    assert denial_disputes(stmts, ARTS) == []


def test_neither_confirmed_nor_denied_is_no_denial():
    stmts = [
        _stmt(0, "Group A said the depot was hit by State B.", "Group A", "Group A",
              "the depot was hit by State B"),
        _stmt(100, "State B has neither confirmed nor denied it.", "State B", "State B", "it",
              stance="deny"),
    ]
    assert denial_disputes(stmts, ARTS) == []
    stmts[1].quote = "State B has denied it."
    assert len(denial_disputes(stmts, ARTS)) == 1


def test_rejecting_this_after_a_call_rejects_the_call():
    stmts = [
        _stmt(0, "Senators said the donor should stop sending shells.", "Senators S",
              "Party P", "the donor should stop sending shells"),
        _stmt(100, "The donor rejects this.", "Donor D", "Donor D", "this", stance="reject"),
    ]
    assert denial_disputes(stmts, ARTS) == []


def test_unresolved_pronoun_speakers_take_no_part():
    stmts = [
        _stmt(0, "He said the bridge had been shelled.", "he", "he",
              "the bridge had been shelled"),
        _stmt(100, "State B denied this.", "State B", "State B", "this", stance="deny"),
    ]
    stmts[0].speaker_actor = ActorRef(text="he")
    assert denial_disputes(stmts, ARTS) == []
    stmts[0].speaker, stmts[0].speaker_actor = "Mayor Q", ActorRef(text="Mayor Q",
                                                                   canonical="Mayor Q")
    assert len(denial_disputes(stmts, ARTS)) == 1


def test_a_negative_claim_agrees_with_a_denial_of_the_same_thing():
    stmts = [
        _stmt(0, "Outlet N said it had no prior knowledge of the raid.", "Outlet N",
              "Outlet N", "it had no prior knowledge of the raid"),
        _stmt(100, "Outlet M denied it had prior knowledge of the raid.", "Outlet M",
              "Outlet M", "it had prior knowledge of the raid", stance="deny"),
    ]
    assert denial_disputes(stmts, ARTS) == []


def test_a_hedge_is_no_rebuttal_and_a_cue_needs_the_same_subject():
    stmts = [
        _stmt(0, "Minister V said he remained hopeful about the talks.", "Minister V",
              "State V", "he remained hopeful about the talks"),
        _stmt(100, "Envoy W said the talks were not really promising.", "Envoy W", "State W",
              "the talks were not really promising"),
        _stmt(300, "Envoy W said claims about the harbour were false.", "Envoy W", "State W",
              "claims about the harbour were false"),
    ]
    assert denial_disputes(stmts, ARTS) == []
