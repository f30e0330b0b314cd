"""Statement stance read from what is said, not only from the cue verb (grain11): sentences
written for these tests."""

from __future__ import annotations

import pytest

from storyline.extract.pipeline import extract_article
from storyline.records import Article, Statement


def _statements(nlp, text: str) -> list[Statement]:
    article = Article(id="t", text=text, source="test", format="text", published="2024-05-14")
    return extract_article(article, nlp(text)).statements


def _stance(nlp, text: str) -> str:
    found = _statements(nlp, text)
    assert len(found) == 1, [(s.speaker, s.cue, s.content) for s in found]
    return found[0].stance


@pytest.mark.parametrize("text", [
    "The port authority rejected the charge.",
    "The rebels rejected reports that their fighters were looting farms.",
    "The ministry rejected the accusation of spying.",
])
def test_rejecting_a_claim_is_a_denial(nlp, text):
    assert _stance(nlp, text) == "deny"


def test_rejecting_a_proposal_stays_a_rejection(nlp):
    assert _stance(nlp, "The union rejected the offer.") == "reject"


@pytest.mark.parametrize("text", [
    "The mayor said the curfew should be lifted.",
    "The union said the drivers wanted their back pay settled.",
    "The minister said Lisbon expected the loans to be repaid.",
])
def test_said_with_should_or_a_wish_for_another_is_a_demand(nlp, text):
    assert _stance(nlp, text) == "demand"


@pytest.mark.parametrize("text", [
    "The mayor said the bridge would open in May.",
    "The union said the drivers wanted to go home.",
    "The minister said the deal was expected soon.",
])
def test_plain_said_stays_an_assertion(nlp, text):
    assert _stance(nlp, text) == "assert"


@pytest.mark.parametrize("text", [
    "The coastguard said crossing the strait at night was risky.",
    "The general said the rebels might shell the airport.",
    "The company said it could not guarantee the safety of its drivers.",
])
def test_said_with_a_danger_is_a_warning(nlp, text):
    assert _stance(nlp, text) == "warn"


def test_possible_harmless_act_stays_an_assertion(nlp):
    assert _stance(nlp, "The captain said the ferry could leave on Friday.") == "assert"


@pytest.mark.parametrize("text", [
    "The ministry did not say whether its ships were hit.",
    "The coach did not say if he would resign.",
])
def test_not_saying_whether_is_no_statement(nlp, text):
    assert _statements(nlp, text) == []


def test_a_demand_after_a_reported_would_is_its_own_statement(nlp):
    found = _statements(nlp, "The envoy said the closure would hurt farmers everywhere and "
                             "urged Northland to reconsider.")
    assert [s.stance for s in found] == ["assert", "demand"]
    assert "urged" not in found[0].content


@pytest.mark.parametrize("text", [
    "The army said it had never shelled the village.",
    '"We never signed that letter," the minister said.',
    '"These figures are invented," the spokesman told reporters.',
])
def test_a_past_act_never_done_or_a_quote_calling_it_invented_is_a_denial(nlp, text):
    assert _stance(nlp, text) == "deny"


def test_a_vow_with_never_stays_an_assertion(nlp):
    assert _stance(nlp, "The mayor said the city would never sign the deal.") == "assert"


def test_a_false_thing_named_is_an_accusation_not_a_denial(nlp):
    assert _stance(nlp, "The ministry said the rebels were spreading false rumours.") == "assert"
    assert _stance(nlp, "The ministry said the rumours were false.") == "deny"
