"""Language of an article: py3langid (offline naive Bayes over byte n-grams, 97 languages).

A news article's language shows in its first paragraphs, so only a sample from the start is
classified (classification time grows with length). Texts too short to judge, and judgements
the model is not sure of, come back as "und" (undetermined, ISO 639-2).
"""

from __future__ import annotations

import functools

UNDETERMINED = "und"
SAMPLE_CHARS = 800
# Fewer letters than this is a headline or debris: n-gram statistics would be noise. A CJK
# character carries about as much as a short word, so it counts for more.
MIN_LETTER_WEIGHT = 20
MIN_CONFIDENCE = 0.5


@functools.cache
def _identifier():
    from py3langid import langid

    # norm_probs: the score is a probability over the languages, usable as a confidence.
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


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
