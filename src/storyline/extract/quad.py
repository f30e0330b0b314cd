"""CAMEO quad class of PLOVER types: the one map (`quad_class` in data/event_lexicon.yaml),
read without the parser so the report and exports can use it cheaply."""

from __future__ import annotations

import functools

from storyline.data import read_yaml


@functools.cache
def _lexicon_part(path: str | None = None) -> tuple[dict[str, int], frozenset[str]]:
    data = read_yaml("event_lexicon.yaml", path)
    quads = {str(k): int(v) for k, v in (data.get("quad_class") or {}).items()}
    appeals = frozenset(str(w).lower() for w in data.get("cameo_appeal_verbs") or [])
    return quads, appeals


def quad_classes(path: str | None = None) -> dict[str, int]:
    """PLOVER type → quad class 1-4 (verbal/material cooperation, verbal/material conflict)."""
    return dict(_lexicon_part(path)[0])


def appeal_verbs(path: str | None = None) -> frozenset[str]:
    """Lemmas that make a REQUEST a CAMEO 02 appeal rather than a CAMEO 10 demand."""
    return _lexicon_part(path)[1]


def cameo_class(event_type: str | None, trigger_lemma: str | None = None,
                path: str | None = None) -> int:
    """Five-way CAMEO class (0 statement/appeal or no event, 1-4 the quads) of an event."""
    if not event_type:
        return 0
    quads, appeals = _lexicon_part(path)
    if event_type == "REQUEST" and trigger_lemma and trigger_lemma.lower() in appeals:
        return 0
    return quads.get(event_type, 0)
