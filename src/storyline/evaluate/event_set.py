"""The team-written labelled event set (`training/events/sentences.jsonl`, see its GUIDE.md):
loading, validation and the deterministic held-out third."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATH = Path("training/events/sentences.jsonl")
TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                   "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                   "COERCE", "ASSAULT", "NONE"})
MODALITIES = ("asserted", "negated", "future", "hypothetical", "reported", "historical")
PARTS = ("train", "heldout", "all")
# The publication day the scorer gives every sentence, so that its time expressions resolve as
# in an article ("in 1994" is background, "next week" is to come). The sentences are written
# about no particular day; any recent date serves, and it stays fixed so scores are comparable.
PUBLISHED = "2025-01-15"


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class LabelledSentence:
    id: str
    text: str
    type: str  # PLOVER v2 type or NONE
    mode: str | None
    modality: str
    actors: tuple[Span, ...]
    recipients: tuple[Span, ...]

    @property
    def label(self) -> str:
        """Type and mode as one label ("RETREAT/release", "AGREE", "NONE")."""
        return f"{self.type}/{self.mode}" if self.mode else self.type


def split_of(sentence_id: str) -> str:
    """"heldout" for a stable third of the ids (by SHA-256 of the id), else "train"."""
    digest = hashlib.sha256(sentence_id.encode("utf-8")).hexdigest()
    return "heldout" if int(digest[:8], 16) % 3 == 0 else "train"


def _spans(raw: object, text: str, where: str) -> tuple[Span, ...]:
    if not isinstance(raw, list):
        raise ValueError(f"{where}: expected a list of spans")
    out = []
    for item in raw:
        try:
            span = Span(str(item["text"]), int(item["start"]), int(item["end"]))
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"{where}: a span needs text, start and end") from None
        if text[span.start:span.end] != span.text:
            raise ValueError(f"{where}: span {span.text!r} does not match the text at "
                             f"{span.start}-{span.end}")
        out.append(span)
    return tuple(out)


def load(path: Path = DEFAULT_PATH, part: str = "all") -> list[LabelledSentence]:
    """The sentences of one part ("train", "heldout" or "all"); ValueError naming the file and
    line on a bad record."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: use one of {', '.join(PARTS)}")
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as exc:
        raise ValueError(f"cannot read the labelled event set {path}: {exc.strerror}") from None
    out: list[LabelledSentence] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            raw = json.loads(line)
            sentence = LabelledSentence(
                id=str(raw["id"]), text=str(raw["text"]), type=str(raw["type"]),
                mode=raw.get("mode") or None, modality=str(raw["modality"]),
                actors=_spans(raw.get("actors", []), str(raw["text"]), where),
                recipients=_spans(raw.get("recipients", []), str(raw["text"]), where))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{where}: not a labelled sentence ({exc})") from None
        if sentence.type not in TYPES:
            raise ValueError(f"{where}: unknown type {sentence.type!r}")
        if sentence.modality not in MODALITIES:
            raise ValueError(f"{where}: unknown modality {sentence.modality!r}")
        if sentence.id in seen:
            raise ValueError(f"{where}: duplicate id {sentence.id}")
        seen.add(sentence.id)
        if part == "all" or split_of(sentence.id) == part:
            out.append(sentence)
    return out
