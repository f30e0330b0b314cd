"""What a denial answers (issue 10): the claim before it in the same article, by another side,
about the same thing. Sentences written for these tests."""

from __future__ import annotations

from storyline.records import ActorRef
from storyline.story.disputes import denial_disputes, sentence_leads

from .helpers import articles, statement

ARTS = articles(("a1", "Wire One", "2024-03-04"), ("a2", "Daily Two", "2024-03-05"))


def _article(*parts: tuple[str, str, str, str, str]):
    """Statements laid out in one article's text: (sentence, speaker, side, content, stance);
    each statement spans its sentence from the speaker on."""
    text, stmts = "", []
    for sentence, speaker, side, content, stance in parts:
        at = len(text) + sentence.index(speaker)
        stmts.append(statement("a1", at, sentence[sentence.index(speaker):], speaker, side,
                               content, stance=stance, when="2024-03-04"))
        text += sentence + " "
    return text, stmts


def _disputes(text, stmts, **params):
    return denial_disputes(stmts, ARTS, params=params or None,
                           leads=sentence_leads(stmts, lambda _id: text))


def test_a_denial_joined_to_a_clause_denies_that_clause_not_an_earlier_claim():
    text, stmts = _article(
        ("Group A said some 300 families had returned to the valley.", "Group A", "Group A",
         "some 300 families had returned to the valley", "assert"),
        ("The dam is held to be unlawful by most lawyers, though State B disputes this.",
         "State B", "State B", "this", "deny"),
    )
    assert _disputes(text, stmts) == []
    # without the joined clause, the denial answers the claim before it
    text, stmts = _article(
        ("Group A said the dam had flooded the valley.", "Group A", "Group A",
         "the dam had flooded the valley", "assert"),
        ("State B disputes this.", "State B", "State B", "this", "deny"))
    assert len(_disputes(text, stmts)) == 1


def test_a_claim_inside_the_denial_s_own_sentence_is_still_answered():
    sentence = ("Wire One reported that an official had admitted 500 fighters were lost, "
                "but Group A denied this figure.")
    text = "Other news first. " + sentence
    stmts = [
        statement("a1", 18, sentence[:sentence.index(", but")], "Wire One", "Wire One",
                  "that an official had admitted 500 fighters were lost", when="2024-03-04"),
        statement("a1", 18 + sentence.index("Group A"), "Group A denied this figure.",
                  "Group A", "Group A", "this figure", stance="deny", when="2024-03-04"),
    ]
    (found,) = _disputes(text, stmts)
    assert found.a.who == "Wire One" and found.b.who == "Group A"


def test_an_anaphoric_denial_passes_over_a_count_about_others():
    parts = [
        ("State B said Group A fighters had hidden in the mill.", "State B", "State B",
         "Group A fighters had hidden in the mill", "assert"),
        ("At least 1,250 people have been hurt, the relief office said.", "the relief office",
         "Relief Office", "At least 1,250 people have been hurt", "assert"),
        ("Group A rejected this.", "Group A", "Group A", "this", "reject"),
    ]
    text, stmts = _article(*parts)
    (found,) = _disputes(text, stmts)
    assert found.a.who == "State B"  # not the count just before the denial
    # a denial of "this figure" is about the count
    text, stmts = _article(*parts[:2], ("Group A rejected this figure.", "Group A", "Group A",
                                        "this figure", "reject"))
    (found,) = _disputes(text, stmts)
    assert found.a.who == "the relief office"


def test_a_count_about_the_denier_can_be_what_it_denies():
    text, stmts = _article(
        ("Party P says Group A took 40 lorries of fuel last month.", "Party P", "Party P",
         "Group A took 40 lorries of fuel last month", "assert"),
        ("Group A denies this.", "Group A", "Group A", "this", "deny"),
    )
    assert len(_disputes(text, stmts)) == 1


def test_an_allegation_is_made_about_the_denier():
    unrelated = ("Mayor Q said the harbour was calm on Sunday.", "Mayor Q", "Town T",
                 "the harbour was calm on Sunday", "assert")
    denial = ("Group A rejected the allegation.", "Group A", "Group A", "the allegation",
              "reject")
    text, stmts = _article(unrelated, denial)
    assert _disputes(text, stmts) == []
    text, stmts = _article(("Mayor Q said Group A had mined the harbour.", "Mayor Q",
                            "Town T", "Group A had mined the harbour", "assert"), denial)
    assert len(_disputes(text, stmts)) == 1


def test_a_plan_or_proposal_is_no_fact_a_denial_answers():
    text, stmts = _article(
        ("State C says the pause would see ten detainees freed.", "State C", "State C",
         "the pause would see ten detainees freed", "assert"),
        ("State B has denied this.", "State B", "State B", "this", "deny"),
    )
    assert _disputes(text, stmts) == []
    text, stmts = _article(
        ("Envoy E said the plan was to stop the arms flow across the river.", "Envoy E",
         "State C", "the plan was to stop the arms flow across the river", "assert"),
        ("State D denied arms still flow across the river.", "State D", "State D",
         "arms still flow across the river", "deny"),
    )
    assert _disputes(text, stmts) == []


def test_an_unresolved_kind_of_organisation_names_no_side():
    claim = ("Relief Group R said its convoys had told the army their routes.", "Relief Group R",
             "Relief Group R", "its convoys had told the army their routes", "assert")
    for who in ("The agency", "The agency, whose staff run the camps,"):
        text, stmts = _article(claim, (f"{who} denied this.", who, who, "this", "deny"))
        stmts[1].speaker_actor = ActorRef(text=who)  # extraction did not resolve it
        assert _disputes(text, stmts) == [], who


def test_pairs_across_articles_are_off_unless_asked_for():
    stmts = [
        statement("a1", 0, "Group A said the eastern bridge convoy carried only flour and rice.",
                  "Group A", "Group A", "the eastern bridge convoy carried only flour and rice",
                  when="2024-03-04"),
        statement("a2", 0, "State B denied the eastern bridge convoy carried only flour and "
                  "rice.", "State B", "State B",
                  "the eastern bridge convoy carried only flour and rice", stance="deny",
                  when="2024-03-05"),
    ]
    assert denial_disputes(stmts, ARTS) == []
    assert len(denial_disputes(stmts, ARTS, params={"cross_article": True})) == 1


def test_a_hyphenated_name_names_the_party_it_is_built_on():
    # the count claim names Group A inside "Group A-run": it is what the office denies
    text, stmts = _article(
        ("State B said it had struck a Group A depot and killed 12 fighters.", "State B",
         "State B", "it had struck a Group A depot and killed 12 fighters", "assert"),
        ("The Groupa-run media office denied the claim.", "The Groupa-run media office",
         "The Groupa-run media office", "the claim", "deny"),
    )
    stmts[0].content = "it had struck a Groupa depot and killed 12 fighters"
    (found,) = _disputes(text, stmts)
    assert found.a.who == "State B"


def test_an_allegation_no_claim_names_stops_the_search():
    # the allegation is in narration the extraction holds no claim for: the earlier claim
    # about the denier is not what it answers
    text, stmts = _article(
        ("Mayor Q said Group A marchers had blocked the ring road.", "Mayor Q", "Town T",
         "Group A marchers had blocked the ring road", "assert"),
        ("College K said outsiders had joined the camp.", "College K", "College K",
         "outsiders had joined the camp", "assert"),
        ("Group A rejected the allegations.", "Group A", "Group A", "the allegations",
         "reject"),
    )
    assert _disputes(text, stmts) == []


def test_a_rebuttal_passes_over_a_count_about_others():
    text, stmts = _article(
        ("Officials said 283 graves had been found near the depot.", "Officials", "Town T",
         "283 graves had been found near the depot", "assert"),
        ("State B said the claim that its soldiers dug graves at the depot was false.",
         "State B", "State B", "the claim that its soldiers dug graves at the depot was false",
         "assert"),
    )
    assert _disputes(text, stmts) == []
    stmts[0].content = "graves had been found near the depot"
    assert len(_disputes(text, stmts)) == 1
