"""CAMEO quad class of PLOVER types: the one map (`quad_class` in data/event_lexicon.yaml),
read without the parser so the report and exports can use it cheaply; and the five-way CAMEO
class of an event (`cameo_class`), which may also depend on its mode and modality
(`cameo_quad_class`, `cameo_modality_class` in the same file)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from storyline.data import read_yaml


@dataclass(frozen=True)
class _CameoMap:
    quads: dict[str, int]
    appeals: frozenset[str]
    by_type_mode: dict[str, int]  # "TYPE" or "TYPE/mode" → five-way class
    by_modality: dict[str, dict[int, int]]  # modality → class → class


@functools.cache
def _lexicon_part(path: str | None = None) -> _CameoMap:
    data = read_yaml("event_lexicon.yaml", path)
    quads = {str(k): int(v) for k, v in (data.get("quad_class") or {}).items()}
    appeals = frozenset(str(w).lower() for w in data.get("cameo_appeal_verbs") or [])
    by_type_mode = {str(k): int(v) for k, v in (data.get("cameo_quad_class") or {}).items()}
    by_modality = {str(m): {int(a): int(b) for a, b in (moves or {}).items()}
                   for m, moves in (data.get("cameo_modality_class") or {}).items()}
    return _CameoMap(quads, appeals, by_type_mode, by_modality)


def quad_classes(path: str | None = None) -> dict[str, int]:
    """PLOVER type → quad class 1-4 (verbal/material cooperation, verbal/material conflict)."""
    return dict(_lexicon_part(path).quads)


def appeal_verbs(path: str | None = None) -> frozenset[str]:
    """Lemmas that make a REQUEST a CAMEO 02 appeal rather than a CAMEO 10 demand."""
    return _lexicon_part(path).appeals


def cameo_class(event_type: str | None, trigger_lemma: str | None = None,
                path: str | None = None, mode: str | None = None,
                modality: str | None = None) -> int:
    """Five-way CAMEO class (0 statement/appeal or no event, 1-4 the quads) of an event: the
    "TYPE/mode" entry of `cameo_quad_class`, else its "TYPE" entry, else `quad_class`; then
    moved by the event's modality (`cameo_modality_class`: a refused cooperation is a
    rejection, verbal conflict)."""
    if not event_type:
        return 0
    cmap = _lexicon_part(path)
    if event_type == "REQUEST" and trigger_lemma and trigger_lemma.lower() in cmap.appeals:
        return 0
    found = cmap.by_type_mode.get(f"{event_type}/{mode}") if mode else None
    if found is None:
        found = cmap.by_type_mode.get(event_type, cmap.quads.get(event_type, 0))
    if modality:
        found = cmap.by_modality.get(modality, {}).get(found, found)
    return found
