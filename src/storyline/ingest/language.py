"""Language of an article: py3langid (offline naive Bayes over byte n-grams, 97 languages).

A news article's language shows in its first paragraphs, so only a sample from the start is
classified (classification time grows with length). Texts too short to judge, and judgements
the model is not sure of, come back as "und" (undetermined, ISO 639-2).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

UNDETERMINED = "und"
SAMPLE_CHARS = 800
# Fewer letters than this is a headline or debris: n-gram statistics would be noise. A CJK
# character carries about as much as a short word, so it counts for more.
MIN_LETTER_WEIGHT = 20
MIN_CONFIDENCE = 0.5


_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


@functools.cache
def _identifier():
    from py3langid import langid

    # norm_probs: the score is a probability over the languages, usable as a confidence.
    arrays = _unpacked_model(langid.MODEL_DIR / langid.MODEL_FILE)
    if arrays is None:
        return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    import numpy as np
    from py3langid.modelio import _to_array

    return langid.LanguageIdentifier(
        np.asarray(arrays["ptc"]), np.asarray(arrays["pc"]), arrays["classes"].tolist(),
        _to_array(arrays["nextmove"]), arrays["out_feat"].tolist(), norm_probs=True,
        tk_row=_to_array(arrays["nextmove_row"]))


def _cache_home() -> Path:
    """Where storyline keeps what it derives once per machine (as the gazetteer does)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storyline"


def _unpacked_model(packed: Path) -> dict | None:
    """The language model's arrays, memory-mapped from an unpacked copy made on first use.

    py3langid ships its model LZMA-packed and unpacks it on every load (about 1 s, as much as
    the rest of ingesting one article besides its parse); the unpacked arrays, one .npy file
    each, map in milliseconds. None when no copy can be made (a read-only home): then the
    packed model is loaded as before."""
    import numpy as np

    try:
        stat = packed.stat()
        folder = _cache_home() / f"langid-{stat.st_size}-{int(stat.st_mtime)}"
        if not (folder / "done").exists():
            _unpack(packed, folder)
        return {k: np.load(folder / f"{k}.npy", mmap_mode="r") for k in _ARRAYS}
    except (OSError, ValueError):
        return None


def _unpack(packed: Path, folder: Path) -> None:
    """Write the model's arrays to `folder` (made whole in a sibling, then renamed: a reader
    never sees half a copy)."""
    import shutil
    import tempfile

    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    try:
        import lzma

        with lzma.open(packed) as src, open(work / "model.npz", "wb") as out:
            shutil.copyfileobj(src, out, length=1 << 20)
        with np.load(work / "model.npz", allow_pickle=False) as data:
            for k in _ARRAYS:
                np.save(work / f"{k}.npy", data[k], allow_pickle=False)
        (work / "model.npz").unlink()
        (work / "done").write_text("")
        try:
            work.rename(folder)
        except OSError:  # another process made it first
            pass
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _letter_weight(text: str) -> int:
    weight = 0
    for char in text:
        if char.isalpha():
            weight += 4 if ord(char) >= 0x2E80 else 1
            if weight >= MIN_LETTER_WEIGHT:
                break
    return weight


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the text's language, or ("und", confidence)."""
    sample = text[:SAMPLE_CHARS]
    if _letter_weight(sample) < MIN_LETTER_WEIGHT:
        return UNDETERMINED, 0.0
    language, probability = _identifier().classify(sample)
    probability = float(probability)
    if language == "zxx" or probability < MIN_CONFIDENCE:
        return UNDETERMINED, probability
    return language, probability
