"""What an anaphoric or a named denial answers when narration stands between it and a claim
(issue 10): the narration's own report of a claim, a joined clause, a named claimant.
Sentences written for these tests."""

from __future__ import annotations

from storyline.extract.actors import compile_lexicon
from storyline.records import ActorRef
from storyline.story.disputes import denial_disputes, sentence_leads

from .helpers import articles, statement

ARTS = articles(("a1", "Wire One", "2024-03-04"))
# the actors the narration names are read from a profile's lexicon (made up for these tests)
LEXICON = compile_lexicon({"actors": [
    {"name": "Northland", "kind": "state", "country": "NRL"},
    {"name": "Northland Army", "kind": "military", "country": "NRL", "parent": "Northland",
     "aliases": ["the Northland army", "Northland army"]},
    {"name": "Southland", "kind": "state", "country": "STL"},
    {"name": "Vanguard", "kind": "armed_group"},
    {"name": "Harbour Council", "kind": "organisation"},
]})


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
    return denial_disputes(stmts, ARTS, leads=sentence_leads(stmts, lambda _id: text),
                           actors=LEXICON)


CLAIM = ("Group A said the dam had flooded the valley.", "Group A", "Group A",
         "the dam had flooded the valley", "assert")
DENIAL = ("State B denied this.", "State B", "State B", "this", "deny")


def narration(sentence: str) -> tuple[str, None, str, str, str]:
    return sentence, None, "", "", ""


def test_narration_reporting_another_claim_is_what_this_denies():
    text, stmts = _article(
        CLAIM, narration("Monitors at the border accused State B of closing the gates."), DENIAL)
    assert _disputes(text, stmts) == []
    # narration that restates the claimant's claim, or reports none, keeps the pair
    for between in ("Group A also accused State B of closing the gates.",
                    "It accuses State B of closing the gates.",
                    "The valley has some 300 farms and two schools."):
        text, stmts = _article(CLAIM, narration(between), DENIAL)
        (found,) = _disputes(text, stmts)
        assert found.a.who == "Group A", between
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


def test_a_denial_right_after_a_reported_accusation_answers_it():
    # the accusation is the article's own report, not a statement; names from the lexicon
    denial = ("Vanguard denied the allegation.", "Vanguard", "Vanguard", "the allegation",
              "deny")
    text, stmts = _article(
        narration("Fuel queues grew in the north on Tuesday."),
        narration("The Northland army accused Vanguard of hiding rockets in a school."), denial)
    (found,) = _disputes(text, stmts)
    assert found.a.kind == "narration" and found.a.who == "Northland Army"
    assert text[found.a.evidence.start:found.a.evidence.end].startswith("The Northland army")
    assert "Vanguard denies what the article reports Northland Army claimed" in found.reason
    # the claimant is the party named nearest the claim word, not a council that hears it
    text, stmts = _article(
        narration("The Harbour Council is hearing a case brought by Southland accusing "
                  "Northland of dumping waste."),
        ("Northland rejected the claim.", "Northland", "Northland", "the claim", "reject"))
    (found,) = _disputes(text, stmts)
    assert found.a.who == "Southland"
    # it needs a named accuser, of another side, whose claim is about the denier
    for between in ("Vanguard has been accused of hiding rockets in a school.",  # no accuser
                    "Vanguard commanders accused the army of hiding the facts.",  # its own side
                    "The Northland army accused the council of hiding rockets."):  # not Vanguard
        text, stmts = _article(narration(between), denial)
        assert _disputes(text, stmts) == [], between


def _speaker_is(s, name: str) -> None:
    """A statement laid out from its relative pronoun on ("which Vanguard denies"), said by
    `name`."""
    s.speaker = name
    s.speaker_actor = ActorRef(text=name, canonical=name, affiliation=name)


def test_a_relative_denial_answers_the_accusation_its_own_sentence_reports():
    text, stmts = _article(
        CLAIM,
        ("The Northland army accuses Vanguard of storing rockets in the depot, which Vanguard "
         "denies.", "which Vanguard denies", "Vanguard", "which", "deny"))
    _speaker_is(stmts[1], "Vanguard")
    (found,) = _disputes(text, stmts)
    assert found.a.who == "Northland Army" and found.a.kind == "narration"
    assert found.a.evidence.start == text.index("The Northland army")
    assert "its own sentence" in found.reason
    # the clause reports no claim: nothing to pair (never the claim before it)
    text, stmts = _article(
        CLAIM, ("The depot burned for a day, which Vanguard denies.", "which Vanguard denies",
                "Vanguard", "which", "deny"))
    _speaker_is(stmts[1], "Vanguard")
    assert _disputes(text, stmts) == []
