"""What every reader takes and gives: options, raw documents, read errors, per-record problems."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from storyline.ingest.metadata import Outlets, outlet_from_url
from storyline.records import Image


@dataclass
class ReadOptions:
    """How to read the user's files (from the command line)."""

    field_map: dict[str, str] = field(default_factory=dict)  # ours -> theirs: {"text": "body"}
    outlet: str | None = None  # --outlet: fills outlet when the document states none
    published: str | None = None  # --published: ISO date, fills published when none stated
    outlets: Outlets | None = None  # the story profile's outlets by domain (None: the default's)
    # ingest sets this to the store's lookup: a text already stored (a duplicate, which will
    # not be stored) skips language identification, whose model alone costs ~0.6 s to load
    stored: Callable[[str], bool] | None = field(default=None, compare=False, repr=False)


@dataclass
class RawDocument:
    """One article as a reader found it: text before repair, metadata only as stated."""

    text: str
    format: str  # text, markdown, html, json, jsonl, csv, nexis, factiva
    index: int = 0  # position within a multi-article file (record, line or row; 0-based)
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date or datetime, only when stated
    url: str | None = None
    outlet: str | None = None
    images: list[Image] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    mixed_encoding: bool = False  # its bytes mixed UTF-8 with a legacy code page (repaired)


class ReadError(ValueError):
    """The file as a whole cannot be read; the message is one line (the caller adds the name)."""


@dataclass
class RecordProblem:
    """One record of a multi-article file that could not be read; the others still are."""

    index: int  # the record's position, as RawDocument.index would have been
    message: str  # one line: "invalid JSON at line 3 col 14", "no text field (fields: id, …)"
    skipped: bool = False  # not an article on purpose (a cover page): skipped, not failed

    def __str__(self) -> str:
        return self.message


class ReadResult(list[RawDocument]):
    """The documents of one file (a list, so callers may iterate it) and its record problems."""

    def __init__(self, documents=(), problems: list[RecordProblem] | None = None) -> None:
        super().__init__(documents)
        self.problems: list[RecordProblem] = list(problems or [])


def fill_outlet_from_url(doc: RawDocument, outlets: Outlets | None = None) -> RawDocument:
    """A document that states a URL but no outlet is from the URL's outlet (noted in extra), by
    the story profile's `outlets` (None: the default profile's)."""
    if not doc.outlet and doc.url:
        outlet = outlet_from_url(doc.url, outlets)
        if outlet:
            doc.outlet = outlet
            doc.extra.setdefault("outlet_from", "url")
    return doc


_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING = re.compile(r"[ \t]+(?=\n|\Z)")


def tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line between paragraphs, no blank edges."""
    text = _TRAILING.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _BLANKS.sub("\n\n", text).strip("\n")


# Hard-wrapped text: most lines of a paragraph end near the same column (plain-text exports,
# e-mailed articles). Joining them lets sentence splitting see sentences, not lines.
_END = re.compile(r"[.!?:\"\u201d\u2019)]$")


def unwrap(text: str) -> str:
    """Join hard-wrapped lines inside paragraphs; leave one-line-per-paragraph text alone."""
    paragraphs = text.split("\n\n")
    lines = [ln for p in paragraphs for ln in p.split("\n")[:-1] if ln.strip()]
    if len(lines) < 3:
        return text
    lengths = sorted(len(ln) for ln in lines)
    width = lengths[len(lengths) // 2]
    near = sum(1 for n in lengths if width - 25 <= n <= width + 2)
    unended = sum(1 for ln in lines if not _END.search(ln.rstrip()))
    if not (40 <= width <= 100 and near >= 0.8 * len(lines) and unended >= 0.6 * len(lines)):
        return text
    out = []
    for para in paragraphs:
        rows = para.split("\n")
        if len(rows) > 1 and all(len(r) <= width + 2 for r in rows[:-1]):
            out.append(" ".join(r.strip() for r in rows if r.strip()))
        else:
            out.append(para)
    return "\n\n".join(out)
