"""Rules added on branch grain13 from the misses of the grain story's fourth set (a live blog,
an explainer, a wire report, an analysis, a digest), each on a sentence written for this test."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.usefixtures("rules_only")
PUBLISHED = "2024-05-10"


def test_a_live_blog_stamp_is_a_sentence_of_its_own(nlp):
    doc = nlp("14:05 Ruritania would answer any attack, an adviser wrote.\n\n"
              "13:40 GMT The talks began.")
    starts = [s.text for s in doc.sents]
    assert starts[0] == "14:05" and starts[1].startswith("Ruritania would")
    assert "13:40 GMT" in starts[2]  # a zone stays with its clock time


@pytest.mark.parametrize("text", [
    "The Syldavian foreign minister has just signed.",
    "The Ruritanian envoy signed his copy of the treaty at a separate table.",
    "Spain says it signed up for 60 days.",
])
def test_signing_concludes_an_accord(events, text):
    found = events(text)
    assert [e.type for e in found] == ["AGREE"], text


def test_signing_a_letter_is_no_accord(events):
    assert not [e for e in events("The mayor signed a letter to the governor.")
                if e.type == "AGREE"]


def test_an_act_promised_on_a_condition_is_a_threat(events):
    [found] = events("Ruritania would strike back at once if the truce were broken, an "
                     "adviser wrote.")
    assert (found.type, found.mode, found.modality) == ("THREATEN", "violence", "asserted")


def test_a_refused_act_on_a_condition_stays_the_act(events):
    found = events("Ruritania would not strike back even if its ports were attacked.")
    assert all(e.type != "THREATEN" for e in found)


def test_a_supposition_is_hypothetical(events):
    [found] = events("Suppose Ruritania pulls out of the deal in June.")
    assert (found.type, found.modality) == ("SANCTION", "hypothetical")


def test_talking_to_a_party_consults_it(events):
    [found] = events("Ruritania was talking to Syldavia to save the truce, the minister said.")
    assert found.type == "CONSULT"


def test_an_act_done_in_a_dated_call_takes_its_day(events):
    # 2024-05-10 is a Friday: "on Wednesday" is 8 May
    found = [e for e in events("The Ruritanian president urged the Syldavian leader in a phone "
                               "call on Wednesday to avoid escalation.") if e.type == "REQUEST"]
    assert found and found[0].date_earliest == "2024-05-08"


@pytest.fixture(scope="module")
def said(nlp):
    from storyline.extract.attribution import find_attributions

    def run(text: str) -> list[tuple[str | None, str]]:
        doc = nlp(text)
        return [(text[a.speaker[0]:a.speaker[1]] if a.speaker else None,
                 text[a.contents[0][0]:a.contents[-1][1]]) for a in find_attributions(doc)]
    return run


def test_a_passive_with_its_agent_attributes_the_subject(said):
    found = said("The decision was announced by spokesman Ivan Petrov, who gave no reason.")
    assert ("spokesman Ivan Petrov", "The decision") in found
    found = said("The terms were declared unacceptable by the ministry.")
    assert ("the ministry", "The terms were declared unacceptable") in found


def test_quoted_as_saying_is_the_subjects_statement(said):
    found = said('"We will not leave," the mayor was quoted as saying by local radio.')
    assert any(sp == "the mayor" and "We will not leave" in content for sp, content in found)


def test_an_act_waiting_on_a_condition_is_hypothetical(events):
    found = events("The minister said Ruritania was ready to return to the talks once "
                   "Syldavia met its obligations.")
    assert [(e.type, e.modality) for e in found] == [("CONCEDE", "hypothetical")]


def test_a_pronoun_reaches_back_over_a_broken_quotation(nlp):
    from storyline.extract.actors import ActorResolver

    doc = nlp("Syldavia's trade minister, Ivan Petrov, was blunt. \"Every week we wait,\" he "
              "told reporters. \"And every week the trucks queue longer.\" He accused the "
              "Ruritanian customs of delays.")
    he = [t for t in doc if t.text == "He"][0]
    ref = ActorResolver.for_doc(doc).resolve_np(he)
    assert ref is not None and ref.canonical == "Ivan Petrov"


@pytest.fixture(scope="module")
def story_figures(nlp):
    """Figures with a story profile that counts ships and tonnes (examples/grain-deal)."""
    from pathlib import Path

    from tests.extract.conftest import _read

    from storyline.extract.actors import ActorResolver
    from storyline.extract.figures import extract_figures
    from storyline.profiles import load_profile
    from storyline.profiles.compiled import resources

    root = Path(__file__).resolve().parents[2]
    story = resources(load_profile(root / "examples" / "grain-deal" / "profile"))

    def run(text: str):
        doc, article, times = _read(nlp, text, PUBLISHED)
        return extract_figures(doc, article, times, ActorResolver.for_doc(doc, story.actors),
                               story.figures, story.frame, story.events.cues)
    return run


def test_a_verb_coordinated_with_the_counted_subject_is_a_cue(story_figures):
    [found] = story_figures("The minister said 12 more ships were loaded and waiting in port.")
    assert (found.kind, found.value) == ("ships_waiting", 12)


def test_an_amount_on_a_condition_is_no_figure(story_figures):
    assert not story_figures("The country could ship up to 3 million tonnes a month if the "
                             "checks sped up, the minister said.")


def test_figures_published_by_a_body_and_a_closing_according_to(story_figures):
    found = story_figures("About 9 million tonnes of grain were carried out, and more than 400 "
                          "ships sailed, according to figures published by the port authority.")
    assert [f.source for f in found] == ["the port authority", "the port authority"]


def test_an_expected_act_is_still_to_come(events):
    [found] = events("The president said on Sunday he expected the rebels to agree to a "
                     "longer truce.")
    assert (found.type, found.modality, found.source) == ("AGREE", "future", "The president")


def test_a_conditional_act_that_pays_nothing_back_is_no_threat(events):
    found = events("Syldavia would send more warships if the attacks on shipping continue.")
    assert [(e.type, e.modality) for e in found] == [("MOBILIZE", "hypothetical")]


def test_once_with_a_present_verb_is_a_time_not_a_condition(events):
    found = events("The army is to withdraw from the town once the agreement comes into force.")
    assert [e.modality for e in found] == ["asserted"]


@pytest.fixture(scope="module")
def stances(nlp):
    from tests.extract.conftest import _read

    from storyline.extract.actors import ActorResolver
    from storyline.extract.statements import extract_statements

    def run(text: str) -> list[tuple[str, str]]:
        doc, article, times = _read(nlp, text, PUBLISHED)
        return [(text[s.start:s.end], s.stance)
                for s in extract_statements(doc, article, times, ActorResolver.for_doc(doc))]
    return run


def test_a_statement_relayed_by_another_is_its_speakers_too(stances):
    found = stances("The United Nations said Ivan Petrov told the envoy that Ruritania was ready to return "
                    "to the talks once Syldavia met its obligations.")
    assert len(found) == 2
    assert any(q.startswith("Ivan Petrov told") and stance == "promise" for q, stance in found)


def test_a_conditional_harm_is_a_warning(stances):
    [(_, stance)] = stances("Ruritania would strike back at once if the border were crossed, "
                            "an adviser to the president wrote.")
    assert stance == "warn"


def test_that_morning_is_the_morning_of_the_day_its_sentence_named():
    from storyline.temporal.expressions import find_in_text

    found = find_in_text("The navy withdrew on Saturday, saying drones had struck its fleet "
                         "that morning.", date(2022, 10, 30))
    assert [(t.quote, t.value) for t in found] == [("Saturday", "2022-10-29"),
                                                   ("that morning", "2022-10-29TMO")]


def test_two_more_months_is_a_duration():
    from storyline.temporal.expressions import find_in_text

    found = find_in_text("The deal will run for two more months.", date(2023, 5, 18))
    assert [(t.quote, t.value) for t in found] == [("two more months", "P2M")]


def test_a_dated_attack_on_a_named_target_is_an_event_without_its_agent(events):
    found = events("The talks broke off a day after Monday's attack on the Kersk bridge.")
    assert any(e.type == "ASSAULT" and not e.actors for e in found)


def test_the_call_an_act_was_done_in_is_a_consultation_of_its_own(events):
    found = events("The Spanish prime minister urged the French president in a phone call on "
                   "Wednesday to reopen the border.")
    kinds = sorted((e.type, e.mode) for e in found)
    assert ("CONSULT", "phone") in kinds and any(t == "REQUEST" for t, _ in kinds)
