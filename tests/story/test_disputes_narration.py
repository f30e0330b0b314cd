"""What an anaphoric or a named denial answers when narration stands between it and a claim
(issue 10): the narration's own report of a claim, a joined clause, a named claimant.
Sentences written for these tests."""

from __future__ import annotations

from storyline.story.disputes import denial_disputes, sentence_leads

from .helpers import articles, statement

ARTS = articles(("a1", "Wire One", "2024-03-04"))


def _article(*parts: tuple[str, str | None, str, str, str]):
    """An article's text and statements: (sentence, speaker, side, content, stance); a part
    whose speaker is None is narration, which no statement covers."""
    text, stmts = "", []
    for sentence, speaker, side, content, stance in parts:
        if speaker is not None:
            at = len(text) + sentence.index(speaker)
            stmts.append(statement("a1", at, sentence[sentence.index(speaker):], speaker, side,
                                   content, stance=stance, when="2024-03-04"))
        text += sentence + " "
    return text, stmts


def _disputes(text, stmts):
    return denial_disputes(stmts, ARTS, leads=sentence_leads(stmts, lambda _id: text))


CLAIM = ("Group A said the dam had flooded the valley.", "Group A", "Group A",
         "the dam had flooded the valley", "assert")
DENIAL = ("State B denied this.", "State B", "State B", "this", "deny")


def narration(sentence: str) -> tuple[str, None, str, str, str]:
    return sentence, None, "", "", ""


def test_narration_reporting_another_claim_is_what_this_denies():
    text, stmts = _article(
        CLAIM, narration("Monitors at the border accused State B of closing the gates."), DENIAL)
    assert _disputes(text, stmts) == []


def test_narration_restating_the_claimant_s_claim_keeps_the_pair():
    for between in ("Group A also accused State B of closing the gates.",
                    "It accuses State B of closing the gates.",
                    "The valley has some 300 farms and two schools."):
        text, stmts = _article(CLAIM, narration(between), DENIAL)
        (found,) = _disputes(text, stmts)
        assert found.a.who == "Group A", between


def test_a_statement_between_is_no_narration():
    # the claim between is said by someone (a threat, which a denial does not answer): the
    # denial still answers Group A's claim
    text, stmts = _article(
        CLAIM, ("Envoy E claimed the gates would be shut again.", "Envoy E", "State C",
                "the gates would be shut again", "threaten"), DENIAL)
    (found,) = _disputes(text, stmts)
    assert found.a.who == "Group A"


def test_a_denial_after_and_denies_its_own_sentence():
    text, stmts = _article(
        CLAIM, ("Two boys were hurt at the gate and State B denied it.", "State B", "State B",
                "it", "deny"))
    assert _disputes(text, stmts) == []


def test_a_denial_of_a_named_claimant_s_account_answers_that_claimant():
    parts = [
        ("Group A said its convoy was held for six hours at the gate.", "Group A", "Group A",
         "its convoy was held for six hours at the gate", "assert"),
        ("Port officials said the weather had been poor all week.", "Port officials",
         "Port Authority", "the weather had been poor all week", "assert"),
    ]
    for content in ("Group A's account", "the account by Group A"):
        text, stmts = _article(*parts, (f"State B rejected {content}.", "State B", "State B",
                                        content, "reject"))
        (found,) = _disputes(text, stmts)
        assert found.a.who == "Group A", content
        assert "Group A" in found.reason
    # a named claimant who said nothing before: no pair with whoever spoke last
    text, stmts = _article(parts[1], ("State B rejected Group A's account.", "State B",
                                      "State B", "Group A's account", "reject"))
    assert _disputes(text, stmts) == []
