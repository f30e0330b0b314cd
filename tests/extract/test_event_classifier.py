"""The learned event classifier (extract/event_classifier.py) on sentences we wrote."""

from __future__ import annotations

import numpy as np
import pytest

from storyline import nlp
from storyline.extract import event_classifier as ec
from storyline.extract.actors import ActorResolver
from storyline.extract.events import extract_events
from storyline.records import Article


def _main_type(text: str, head="shipped") -> str | None:
    from storyline.evaluate.event_scoring import sentence_main_events

    doc = nlp.parse(text)
    chosen = ec.load_head() if head == "shipped" else head
    ev = sentence_main_events([doc], chosen)[0]
    return ev.type if ev else None


def test_numpy_inference_matches_training():
    """The training script stored scikit-learn's probabilities for fixed sentences; the
    shipped head's numpy inference on freshly computed features must give the same."""
    from storyline.evaluate import event_training as training

    head = ec.load_head()
    check = head.trained_on["check"]
    prepared = training.prepare([training.Example(c["text"], "check", str(n))
                                 for n, c in enumerate(check)], inputs=head.inputs)
    probs = head.type_probabilities(prepared.x)
    expected = np.array([c["type_probabilities"] for c in check])
    assert np.allclose(probs, expected, atol=2e-4)


def test_what_the_head_says_it_trained_on():
    head = ec.load_head()
    sources = head.trained_on["sources"]
    assert sources["cameo"] > 1000 and sources["gsr"] > 300 and sources["team"] > 600
    assert "held-out third excluded" in head.trained_on["team_set_part"]
    assert set(head.type_labels) >= {"CONSULT", "RETREAT", "ASSAULT", "NONE"}
    assert {"quad_weight", "retype_threshold", "drop_threshold", "add_threshold"} <= set(
        head.settings)


@pytest.mark.parametrize("text, expected", [
    ("Norwegian diplomats hosted talks between the government and the rebels in Oslo.",
     "CONSULT"),
    ("Government jets bombed a market in the rebel-held town, killing nine people.", "ASSAULT"),
    ("The militia freed the two engineers it had kidnapped in March.", "RETREAT"),
    ("The army called up 40,000 reservists after the border clash.", "MOBILIZE"),
    ("Rebel leaders rejected the proposal for a ceasefire.", "REJECT"),
])
def test_clear_sentences_get_their_type(text, expected):
    assert _main_type(text) == expected


def test_plain_statements_stay_without_events():
    for text in ("The valley has been known for its apricot orchards for centuries.",
                 "Most of the displaced families are living in schools."):
        assert _main_type(text) is None


def test_rules_alone_when_no_head():
    text = "Norwegian diplomats hosted talks between the government and the rebels in Oslo."
    doc = nlp.parse(text)
    article = Article(id="t", text=text, source="test", format="text")
    with ec.using_head(None):
        rules = extract_events(doc, article, [], ActorResolver.for_doc(doc))
    assert all(e.type for e in rules)  # the rules still work alone


def test_head_round_trip_and_a_bad_file(tmp_path):
    head = ec.load_head()
    path = tmp_path / "head.npz"
    head.save(path)
    again = ec.Head.read(path)
    assert again.type_labels == head.type_labels
    assert np.array_equal(again.type_w, head.type_w) and again.settings == head.settings
    (tmp_path / "bad.npz").write_bytes(b"not a head")
    with pytest.raises(ec.HeadMissing) as info:
        ec.Head.read(tmp_path / "bad.npz")
    assert "\n" not in str(info.value) and "train.py" in str(info.value)


SKIP_TEXT = ("The two governments agreed a new trade accord on Monday. "
             "Rebel fighters shelled the northern district overnight. "
             "Local residents praised the volunteers who cleared the rubble.")


def test_sentences_whose_typing_changes_nothing_are_not_embedded(monkeypatch):
    """AGREE is a type the rules keep (no mode head): its sentence is not embedded, and the
    events are the same as when every main candidate is classified."""
    head = ec.load_head()
    assert "AGREE" in head.settings["rule_types_kept"] and "AGREE" not in head.mode_w
    doc = nlp.parse(SKIP_TEXT)
    article = Article(id="t", text=SKIP_TEXT, source="test", format="text")
    embedded: list[str] = []
    real = ec.embeddings.embed

    def recording(texts, *args):
        embedded.extend(texts)
        return real(texts, *args)

    monkeypatch.setattr(ec.embeddings, "embed", recording)
    skipped = extract_events(doc, article, [], ActorResolver.for_doc(doc))
    assert embedded and not any("agreed" in t for t in embedded)
    assert any("shelled" in t for t in embedded)
    monkeypatch.setattr(ec, "_worth_embedding", lambda *args: True)
    embedded.clear()
    everything = extract_events(doc, article, [], ActorResolver.for_doc(doc))
    assert any("agreed" in t for t in embedded)
    assert [(e.type, e.mode, e.start, e.end) for e in skipped] == [
        (e.type, e.mode, e.start, e.end) for e in everything]
    assert "AGREE" in {e.type for e in skipped}


def test_a_candidate_no_type_could_give_an_actor_is_not_embedded():
    from storyline.extract.events import (
        can_yield_event,
        event_holders,
        find_candidates,
        load_event_lexicon,
    )

    lex = load_event_lexicon()
    for text, expected in (("Rebel fighters shelled the northern district overnight.", True),
                           ("The northern district was shelled overnight.", True),  # passive
                           ("Shelling of this kind is rare.", False)):  # no actor word
        doc = nlp.parse(text)
        cands = find_candidates(doc, lex)
        assert cands, text
        actors = ActorResolver.for_doc(doc)
        holders = event_holders(doc, cands, lex)
        assert can_yield_event(cands[0], actors, holders) is expected, text


@pytest.mark.parametrize("text", [
    # a rule candidate in an aside, its mode given by the lexicon: nothing left to change
    "The envoy, who visited Turkish officials in Ankara, is a former banker.",
    # an open candidate in an aside: the head never adds one
    "The general, who commanded Syldavian troops in the north, is retiring.",
])
def test_an_aside_the_head_cannot_change_is_not_embedded(text):
    from storyline.extract.events import find_candidates, load_event_lexicon

    doc = nlp.parse(text)
    cands = find_candidates(doc, load_event_lexicon())
    actors = ActorResolver.for_doc(doc)
    (main,) = ec.main_candidates(doc, [(c.trigger, c.type) for c in cands], actors)
    assert ec._aside(main.trigger)
    assert not ec._worth_embedding(main, cands, ec.load_head(), None)


def test_holding_is_a_state_not_an_event_the_head_may_add():
    """The head typed "held" clauses (held hostage, held citizenship) as releases and attacks;
    "hold" is an event only through the lexicon ("held talks", "a vigil was held")."""
    from storyline.evaluate.event_scoring import sentence_main_events

    docs = [nlp.parse(t) for t in ("The diplomat held dual citizenship.",
                                   "The militia is holding twelve aid workers.",
                                   "A candlelit vigil was held outside the court.")]
    mains = sentence_main_events(docs, ec.load_head())
    assert mains[0] is None and mains[1] is None
    assert mains[2] is not None and mains[2].type == "PROTEST"


def test_the_head_keeps_a_lexicon_mode_and_never_turns_a_verb_into_its_opposite():
    from storyline.evaluate.event_scoring import sentence_main_events

    docs = [nlp.parse(t) for t in ("The defence minister resigned over the failed raid.",
                                   "Soldiers withdrew from the hospital grounds.",
                                   "Two relatives of the freed captives were arrested by the army.")]
    resigned, withdrew, arrested = sentence_main_events(docs, ec.load_head())
    assert resigned is not None and (resigned.type, resigned.mode) == ("RETREAT", "resign")
    assert withdrew is not None and (withdrew.type, withdrew.mode) == ("RETREAT", "withdraw")
    # the head reads "freed captives" and calls the arrest a release
    assert arrested is not None and arrested.type == "COERCE"


def test_a_label_another_predicate_already_has_is_not_given_to_the_main_one():
    """The head types the sentence: "released" is the release, the arrest stays an arrest."""
    text = "Two men who were arrested in the raid have been released, police said."
    doc = nlp.parse(text)
    article = Article(id="t", text=text, source="test", format="text", published="2024-03-01")
    with ec.using_head(ec.load_head()):
        found = extract_events(doc, article, [], ActorResolver.for_doc(doc))
    assert [e.trigger for e in found if e.type == "RETREAT"] == ["released"]
    assert [e.type for e in found if e.trigger == "arrested"] == ["COERCE"]


def test_a_release_or_truce_comes_from_the_lexicon_never_from_the_heads_reading():
    """The head read a truce into "Until March, when the rebels smashed through the fence"."""
    from storyline.evaluate.event_scoring import sentence_main_events

    docs = [nlp.parse("Until March, when the rebels smashed through the border fence."),
            nlp.parse("The truce took effect at dawn.")]
    smashed, truce = sentence_main_events(docs, ec.load_head())
    assert smashed is None or smashed.type != "RETREAT"
    assert truce is not None and (truce.type, truce.mode) == ("RETREAT", "ceasefire")


def test_receiving_freed_captives_is_ruled_out_for_the_head():
    """The head read "received the two hostages from the militia" as a meeting with the
    militia; the lexicon rules the reading out, so no open candidate is typed from it."""
    from storyline.extract.events import find_candidates, load_event_lexicon

    lex = load_event_lexicon()
    for text, out in (("Army officers received the two hostages from the militia.", True),
                      ("The president received the visiting delegation.", False)):
        doc = nlp.parse(text)
        ruled_out: set[int] = set()
        find_candidates(doc, lex, ruled_out)
        verb = next(t for t in doc if t.lemma_ == "receive")
        assert (verb.i in ruled_out) is out, text
