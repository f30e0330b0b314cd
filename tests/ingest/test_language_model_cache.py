"""The language model is unpacked once into the cache folder and mapped from there: the same
languages as the packed model, and a second process finds the copy (sentences written here)."""

from __future__ import annotations

import pytest

from storyline.ingest import language

SAMPLES = [
    "The two delegations met again on Tuesday and agreed to keep talking next week.",
    "Les deux délégations se sont réunies mardi et ont accepté de poursuivre les discussions.",
    "Die beiden Delegationen trafen sich am Dienstag und wollen nächste Woche weiter reden.",
]


@pytest.fixture
def fresh(monkeypatch, tmp_path):  # noqa: ANN001, ANN201
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    language._identifier.cache_clear()
    yield tmp_path
    language._identifier.cache_clear()


def test_the_unpacked_model_is_made_once_and_judges_alike(fresh):
    from py3langid import langid

    packed = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    got = [language.detect_language(s) for s in SAMPLES]
    copies = [p for p in (fresh / "storyline").iterdir() if p.name.startswith("langid-")]
    assert len(copies) == 1 and (copies[0] / "done").exists()
    assert [g[0] for g in got] == ["en", "fr", "de"]
    for sample, (code, probability) in zip(SAMPLES, got, strict=True):
        want = packed.classify(sample[: language.SAMPLE_CHARS])
        assert code == want[0] and probability == pytest.approx(float(want[1]))
    language._identifier.cache_clear()  # a second process: the copy is mapped, not remade
    stamp = (copies[0] / "ptc.npy").stat().st_mtime_ns
    assert language.detect_language(SAMPLES[1])[0] == "fr"
    assert (copies[0] / "ptc.npy").stat().st_mtime_ns == stamp


def test_no_copy_falls_back_to_the_packed_model(fresh, monkeypatch):  # noqa: ANN001
    from py3langid import langid

    (fresh / "blocker").write_text("")  # the cache folder cannot be made under a file
    monkeypatch.setenv("XDG_CACHE_HOME", str(fresh / "blocker"))
    assert language._unpacked_model(langid.MODEL_DIR / langid.MODEL_FILE) is None
    assert language.detect_language(SAMPLES[0])[0] == "en"
