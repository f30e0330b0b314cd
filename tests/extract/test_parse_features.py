"""The head input from the parse's own features (extract/parse_features.py) on sentences we
wrote: fixed width, the same in every call, and what a head over them reads in extraction."""

from __future__ import annotations

import numpy as np

from storyline import nlp
from storyline.extract import event_classifier as ec
from storyline.extract import parse_features

TEXT = "Rebel fighters shelled the northern district overnight. The valley grows apricots."


def _pairs(doc):
    return [(s, s.root) for s in doc.sents]


def test_features_have_a_fixed_width_and_do_not_change_between_calls():
    doc = nlp.parse(TEXT)
    rows = parse_features.vectors(_pairs(doc))
    assert rows.shape == (2, 3 * doc.tensor.shape[1] + parse_features.HASH_DIM)
    assert rows.dtype == np.float32
    again = parse_features.vectors(_pairs(nlp.parse(TEXT)))
    assert np.array_equal(rows, again)
    assert not np.array_equal(rows[0], rows[1])  # two different clauses


def test_hashed_indicators_name_the_trigger_and_its_object():
    doc = nlp.parse("Rebel fighters shelled the northern district overnight.")
    sent = next(iter(doc.sents))
    names = parse_features._indicators(sent, sent.root)
    assert "L=shell" in names and "CL=dobj:district" in names


def test_a_head_over_the_parse_features_is_read_back_with_its_input_kind(tmp_path, monkeypatch):
    shipped = ec.load_head()
    width = 3 * 96 + parse_features.HASH_DIM + len(ec.RULE_FEATURES)
    rng = np.random.default_rng(13)
    head = ec.Head(
        type_labels=shipped.type_labels,
        type_w=rng.normal(size=(width, len(shipped.type_labels))).astype(np.float32),
        type_b=np.zeros(len(shipped.type_labels), dtype=np.float32),
        quad_w=np.zeros((width, 5), dtype=np.float32), quad_b=np.zeros(5, dtype=np.float32),
        mode_labels={}, mode_w={}, mode_b={}, quad_of_type=shipped.quad_of_type,
        appeal_lemmas=shipped.appeal_lemmas, settings=dict(shipped.settings), inputs="parse")
    path = tmp_path / "head.npz"
    head.save(path)
    back = ec.Head.read(path)
    assert back.inputs == "parse"
    doc = nlp.parse("Rebel fighters shelled the northern district overnight.")
    from storyline.extract.actors import ActorResolver

    def no_model(*args):
        raise AssertionError("a parse-feature head needs no sentence embedding")

    monkeypatch.setattr(ec.embeddings, "embed", no_model)
    typed = ec.classify(doc, [], ActorResolver.for_doc(doc), back)
    assert typed and typed[0][1] in shipped.type_labels


def test_the_packaged_parse_head_is_chosen_by_name(monkeypatch):
    monkeypatch.setenv("STORYLINE_EVENT_HEAD", "parse")
    assert ec.head_path() == ec.PARSE_HEAD_PATH
    assert ec.Head.read(ec.PARSE_HEAD_PATH).inputs == "parse"
    monkeypatch.delenv("STORYLINE_EVENT_HEAD")
    assert ec.head_path() == ec.HEAD_PATH


def test_the_parse_heads_numpy_inference_matches_its_training():
    from storyline.evaluate import event_training as training

    head = ec.Head.read(ec.PARSE_HEAD_PATH)
    check = head.trained_on["check"]
    prepared = training.prepare([training.Example(c["text"], "check", str(n))
                                 for n, c in enumerate(check)], inputs=head.inputs)
    expected = np.array([c["type_probabilities"] for c in check])
    assert np.allclose(head.type_probabilities(prepared.x), expected, atol=2e-4)
