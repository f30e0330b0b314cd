"""Format readers: bytes already decoded to text in, raw documents (text + stated metadata) out.

`detect_format` looks at the content as well as the suffix (a .txt that is a Nexis export, an
.html file that is Markdown, JSON without a suffix); `read_document` dispatches to the reader.
Readers never repair text and never estimate what the source does not state: the ingest pipeline
repairs, and fills `--outlet`/`--published` where a document states none.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import PurePath

from storyline.ingest.readers.base import (
    RawDocument,
    ReadError,
    ReadOptions,
    ReadResult,
    RecordProblem,
    fill_outlet_from_url,
)
from storyline.ingest.readers.exports import is_factiva, is_nexis, read_factiva, read_nexis
from storyline.ingest.readers.fields import text_keys
from storyline.ingest.readers.html import looks_like_html, read_html
from storyline.ingest.readers.markdown import markdown_score, read_markdown
from storyline.ingest.readers.tabular import read_csv, read_json, read_jsonl
from storyline.ingest.readers.text import read_text

__all__ = [
    "FORMATS",
    "RawDocument",
    "ReadError",
    "ReadOptions",
    "ReadResult",
    "RecordProblem",
    "detect_format",
    "read_document",
]

Reader = Callable[[str, str, ReadOptions], list[RawDocument]]
READERS: dict[str, Reader] = {
    "json": read_json,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "html": read_html,
    "markdown": read_markdown,
    "nexis": read_nexis,
    "factiva": read_factiva,
    "text": read_text,
}
FORMATS = tuple(READERS)
MARKDOWN_THRESHOLD = 3  # markdown_score at which a .txt (or unnamed) file is Markdown
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".aspx"}


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower() if name and name != "<stdin>" else ""


def _jsonl_lines(head: str) -> bool:
    """Two or more lines that each hold a JSON object: JSON Lines."""
    lines = [ln.strip() for ln in head.split("\n") if ln.strip()]
    if len(lines) < 2 or not lines[1].startswith("{"):
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except json.JSONDecodeError:
        return False


def _looks_like_csv(head: str, options: ReadOptions) -> bool:
    first = head.split("\n", 1)[0].lstrip("\ufeff")
    if len(first) > 2000:
        return False
    for delimiter in (",", "\t", ";", "|"):
        if delimiter not in first:
            continue
        cells = next(csv.reader([first], delimiter=delimiter))
        if len(cells) >= 2 and all(len(c) <= 60 for c in cells):
            if text_keys([c.strip() for c in cells], options) is not None:
                return True
    return False


def detect_format(name: str, text: str, options: ReadOptions | None = None) -> str:
    """One of FORMATS for a file's name and decoded text; content wins over a misleading suffix."""
    options = options or ReadOptions()
    suffix = _suffix(name)
    head = text[:65536].lstrip("\ufeff \t\r\n")
    if suffix in (".csv", ".tsv"):
        return "csv"
    if head.startswith(("{", "[")):
        if suffix in (".jsonl", ".ndjson") or _jsonl_lines(head):
            return "jsonl"
        return "json"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if is_factiva(text):
        return "factiva"
    if is_nexis(text):
        return "nexis"
    if head.startswith("<") and looks_like_html(head):
        return "html"
    markdown = markdown_score(head)
    if suffix in (".md", ".markdown", ".mdown", ".mkd"):
        return "html" if markdown < 2 and looks_like_html(head) else "markdown"
    if markdown >= MARKDOWN_THRESHOLD:
        return "markdown"
    if looks_like_html(head):
        return "html"
    if suffix in _HTML_SUFFIXES:
        return "markdown" if markdown >= 1 else "text"  # an .html file with no markup
    if _looks_like_csv(head, options):
        return "csv"
    return "text"


def read_document(name: str, text: str, options: ReadOptions | None = None) -> ReadResult:
    """Every document in one file's decoded text, with the records that could not be read.

    The result is a list of RawDocument; its `.problems` lists per-record problems of
    multi-article files (bad JSONL lines, CSV rows without text…). Raises ReadError when the file
    as a whole cannot be read.
    """
    options = options or ReadOptions()
    if not text.strip():
        raise ReadError("empty file")
    fmt = detect_format(name, text, options)
    documents = READERS[fmt](name, text, options)
    result = documents if isinstance(documents, ReadResult) else ReadResult(documents)
    for doc in result:
        fill_outlet_from_url(doc, options.outlets)
    return result
