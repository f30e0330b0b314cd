"""Plain text: an optional title line, optional byline and date lines, then the body.

The first line is a title only when it looks like one: short, no sentence-final period, starting
with a capital, not the first half of a wrapped line, and followed by a body. A pasted article
that starts with its first sentence keeps that sentence in its body.
"""

from __future__ import annotations

import re

from storyline.ingest.metadata import parse_stated_date, split_byline
from storyline.ingest.readers.base import RawDocument, ReadOptions, tidy, unwrap

MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200
MAX_HEADER_LINE_CHARS = 80  # byline and date lines under a title are short
# A line ending in one of these words is the first half of a wrapped sentence, not a title.
_DANGLING = {"a", "an", "the", "of", "to", "and", "or", "in", "on", "for", "with", "by", "at",
             "from", "as", "that", "which", "who", "but", "its", "their", "his", "her", "is"}
_TWO_SENTENCES = re.compile(r"[a-z\d)\u201d\"]{2,}[.!?] +[A-Z]")
_BYLINE = re.compile(r"^\s*(?:(?:words|reporting|written)\s+)?by\s+\S", re.IGNORECASE)


def looks_like_title(line: str, following: str, body: str) -> bool:
    """Whether `line`, followed directly by `following` and then `body`, is a title."""
    line = line.strip()
    words = line.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS or len(line) > MAX_TITLE_CHARS:
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in "\"'\u201c\u2018"):
        return False
    if re.search(r"[.,;:\u2026]$|[.,;:][\"\u201d\u2019']$", line):
        return False  # ends like a sentence or a clause
    if words[-1].lower().strip("\"'") in _DANGLING:
        return False
    if _TWO_SENTENCES.search(line):
        return False
    following = following.strip()
    if following and following[0].islower():
        return False  # the next line continues this one
    # a title heads a body that is clearly longer than itself
    return len(body.strip()) >= max(80, 2 * len(line))


def _header_line(line: str) -> tuple[str, object] | None:
    """A byline or stated-date line under the title, else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADER_LINE_CHARS:
        return None
    if _BYLINE.match(stripped):
        names = split_byline(stripped)
        return ("byline", names) if names else None
    stated = parse_stated_date(stripped)
    if stated:
        return "published", stated
    return None


def read_text(name: str, text: str, options: ReadOptions) -> list[RawDocument]:
    """One plain-text article."""
    lines = tidy(text).split("\n")
    doc = RawDocument(text="", format="text")
    start = 0
    if lines and looks_like_title(
        lines[0], lines[1] if len(lines) > 1 else "", "\n".join(lines[1:])
    ):
        doc.title = lines[0].strip()
        start = 1
    # byline and date lines at the top (under a title, or heading an untitled text)
    while start < len(lines):
        if not lines[start].strip():
            start += 1
            continue
        found = _header_line(lines[start])
        if found is None:
            break
        key, value = found
        if key == "byline" and not doc.byline:
            doc.byline = value  # type: ignore[assignment]
        elif key == "published" and not doc.published:
            doc.published = value  # type: ignore[assignment]
        else:
            break
        start += 1
    doc.text = unwrap(tidy("\n".join(lines[start:])))
    if not doc.text.strip() and doc.title:  # a one-line file: the line is the text
        doc.text, doc.title = doc.title, None
    return [doc]
