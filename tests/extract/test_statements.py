"""Statements (attribution): sentences written for these tests."""

from __future__ import annotations

import pytest

from storyline.extract.attribution import find_quotations
from storyline.extract.pipeline import extract_article
from storyline.records import Article, Statement


def _statements(nlp, text: str, published: str | None = "2024-03-06") -> list[Statement]:
    article = Article(id="t", text=text, source="test", format="text", published=published)
    return extract_article(article, nlp(text)).statements


def _check_offsets(text: str, s: Statement) -> None:
    assert text[s.start:s.end] == s.quote
    assert text[s.cue_start:s.cue_end] == s.cue
    if s.speaker:
        assert text[s.speaker_start:s.speaker_end] == s.speaker
        assert s.start <= s.speaker_start and s.speaker_end <= s.end
    assert s.start <= s.cue_start and s.cue_end <= s.end
    assert s.start <= s.content_start < s.content_end <= s.end


def _one(nlp, text: str, **kw) -> Statement:
    found = _statements(nlp, text, **kw)
    assert len(found) == 1, [(s.speaker, s.cue, s.content) for s in found]
    _check_offsets(text, found[0])
    return found[0]


def test_direct_quote_cue_after(nlp):
    text = '"We will not give up," the minister said.'
    s = _one(nlp, text)
    assert s.direct
    assert s.speaker == "the minister"
    assert s.cue == "said"
    assert s.content == '"We will not give up,"'
    assert s.stance == "assert"


def test_direct_quote_cue_before_over_two_sentences(nlp):
    text = 'The minister said: "We will not give up. The talks go on without us."'
    s = _one(nlp, text)
    assert s.direct
    assert s.speaker == "The minister"
    assert s.content.startswith('"We will not give up.')
    assert s.content.endswith('without us."')


def test_split_quote_is_one_statement_with_two_pieces(nlp):
    text = '"We are ready," she said, "but not at any price."'
    s = _one(nlp, text)
    assert s.speaker == "she"
    assert s.content == '"We are ready," … "but not at any price."'
    assert s.content_start == 0 and s.content_end == len(text)


def test_quotation_continues_in_the_next_sentence(nlp):
    text = '"The crossing is closed," the mayor said. "Nobody can leave the town tonight."'
    s = _one(nlp, text)
    assert s.content_end == len(text)
    assert "Nobody can leave" in s.content


def test_indirect_speech_with_that_clause(nlp):
    text = "Defense Minister Anna Berg said that the operation had begun."
    s = _one(nlp, text)
    assert not s.direct
    assert s.speaker == "Defense Minister Anna Berg"
    assert s.speaker_actor is not None and s.speaker_actor.kind == "person"
    assert s.content == "that the operation had begun"


def test_content_first_then_cue(nlp):
    text = "The convoy reached the border crossing, the agency said."
    s = _one(nlp, text)
    assert s.speaker == "the agency"
    assert s.content == "The convoy reached the border crossing"


def test_anonymous_sources(nlp):
    text = '"Talks have stalled," said a source familiar with the efforts.'
    s = _one(nlp, text)
    assert s.anonymous
    assert s.speaker == "a source familiar with the efforts"
    s = _one(nlp, "Officials said the convoy was delayed.")
    assert s.anonymous and s.speaker == "Officials"


def test_named_speaker_is_not_anonymous(nlp):
    s = _one(nlp, "Maria Lopez, a spokeswoman for the council, said the vote was postponed.")
    assert not s.anonymous
    assert s.speaker.startswith("Maria Lopez")


def test_denial_stance(nlp):
    s = _one(nlp, "The group denied the report.")
    assert s.stance == "deny"
    assert s.content == "the report"
    s = _one(nlp, "The ministry said the report was false.")
    assert s.stance == "deny"
    s = _one(nlp, "The army did not deny the report.")
    assert s.stance != "deny"


def test_other_stances(nlp):
    assert _one(nlp, "The council urged both sides to return to the table.").stance == "demand"
    assert _one(nlp, "The rebels threatened to resume attacks.").stance == "threaten"
    assert _one(nlp, "The governor vowed to rebuild the bridge.").stance == "promise"
    assert _one(nlp, "The envoy warned that the truce could collapse.").stance == "warn"
    assert _one(nlp, "The cabinet rejected the proposal.").stance == "reject"
    assert _one(nlp, "The hospital confirmed that two nurses were hurt.").stance == "confirm"


def test_according_to(nlp):
    text = "The toll rose to 40, according to the health ministry."
    s = _one(nlp, text)
    assert s.cue == "according to"
    assert s.speaker == "the health ministry"
    assert s.content == "The toll rose to 40"


def test_told_outlet(nlp):
    s = _one(nlp, "The envoy told Reuters that a deal was close.")
    assert s.speaker == "The envoy"
    assert s.cue == "told"
    assert s.content == "that a deal was close"


def test_passive_attribution_has_no_speaker(nlp):
    s = _one(nlp, "It was reported that the border had reopened.")
    assert s.anonymous
    assert s.speaker == "" and s.speaker_start is None
    assert s.content == "that the border had reopened"
    s = _one(nlp, "The commander is said to have fled the city.")
    assert s.anonymous and "to have fled the city" in s.content


def test_pronoun_speaker_takes_last_named_speaker(nlp):
    text = ("Maria Lopez, a spokeswoman for the council, said the vote was postponed. "
            "She added that a new date would be set.")
    first, second = _statements(nlp, text)
    assert second.speaker == "She"
    assert second.speaker_actor is not None
    assert second.speaker_actor.canonical == first.speaker_actor.canonical == "Maria Lopez"


def test_nested_report_is_not_a_statement_of_its_own(nlp):
    found = _statements(nlp, "The minister said the rebels told mediators they would attend.")
    assert [s.speaker for s in found] == ["The minister"]


def test_date_is_when_it_was_said_not_what_is_said(nlp):
    # published Wednesday 2024-03-06: "on Monday" = 2024-03-04, "on Friday" is in the content
    s = _one(nlp, "The mayor said on Monday that the market would reopen on Friday.")
    assert s.date_earliest == "2024-03-04"
    assert s.date_basis in ("relative", "explicit")
    s = _one(nlp, "The mayor said the market would reopen on Friday.")
    assert s.date_basis == "publication"


def test_no_cue_no_statement(nlp):
    assert _statements(nlp, "The bridge was rebuilt in two years and reopened in May.") == []
    assert _statements(nlp, "Nobody said that the talks had failed.") == []


def test_find_quotations_pairs_marks_per_paragraph():
    text = 'He said "yes." Then “no,” and \'\'maybe\'\'.\n"Open quote runs to the end'
    spans = [text[s:e] for s, e in find_quotations(text)]
    assert spans == ['"yes."', "“no,”", "''maybe''", '"Open quote runs to the end']


@pytest.mark.parametrize("text", ["", "No quotes here at all."])
def test_find_quotations_empty(text):
    assert find_quotations(text) == []


def test_a_cue_inside_a_dash_parenthetical_says_nothing_past_its_closing_dash(nlp):
    from storyline.extract.attribution import find_attributions

    def contents(text):
        doc = nlp(text)
        return [text[a:b] for att in find_attributions(doc) for a, b in att.contents]

    # the main clause the parser hung on the cue is no one's words
    assert not [c for c in contents(
        "Families displaced to the coast - where the army told them to go for their safety "
        "early in the war - have been unable to return home.") if "unable" in c]
    assert contents("The envoy - who said the talks had stalled - left early.") == [
        "the talks had stalled"]
    # a parenthetical inside the content stays in it
    assert contents("Officials said the talks - which began in May - had stalled.") == [
        "the talks - which began in May - had stalled"]
