"""JSON, JSONL and CSV: one article per object or row.

JSON may be one article object, a list of them, or a wrapper holding the list ({"articles": […]},
{"response": {"docs": […]}}). A record that cannot be read (a bad JSONL line, a row without the
text column's value, a list item that is not an object) is a per-record problem; the file's other
records are still read. Whole-file failures (truncated JSON, a CSV without a text column) raise
ReadError.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from storyline.ingest.limits import MAX_DOCUMENT_BYTES, MB
from storyline.ingest.readers.base import (
    RawDocument,
    ReadError,
    ReadOptions,
    ReadResult,
    RecordProblem,
    fill_outlet_from_url,
)
from storyline.ingest.readers.fields import apply_fields, find_field, text_keys

# Keys under which APIs and scrapers wrap their list of articles.
WRAPPER_KEYS = ("articles", "items", "data", "results", "documents", "docs", "records",
                "entries", "posts", "stories", "news", "hits", "rows", "value", "response")
MAX_WRAPPER_DEPTH = 3

# Whole articles in one cell, up to the one-document limit: a larger field is a row problem
# (csv.Error, and the reader goes on), never gigabytes in memory.
csv.field_size_limit(MAX_DOCUMENT_BYTES)


def _record(
    record: object, index: int, fmt: str, options: ReadOptions, where: str
) -> RawDocument | RecordProblem:
    if not isinstance(record, dict):
        return RecordProblem(index, f"{where}: not an object but {type(record).__name__}")
    doc = RawDocument(text="", format=fmt, index=index)
    problem = apply_fields(doc, record, options)
    if problem:
        return RecordProblem(index, f"{where}: {problem}")
    return fill_outlet_from_url(doc, options.outlets)


def _collect(items: list, fmt: str, options: ReadOptions, where: str) -> ReadResult:
    result = ReadResult()
    for index, item in enumerate(items):
        got = _record(item, index, fmt, options, f"{where} {index + 1}")
        (result.problems if isinstance(got, RecordProblem) else result).append(got)
    if not result and result.problems:
        raise ReadError(f"no record could be read ({result.problems[0].message})")
    return result


def _json_error(exc: json.JSONDecodeError) -> ReadError:
    return ReadError(f"truncated or invalid JSON at line {exc.lineno} col {exc.colno} ({exc.msg})")


def _find_list(value: object, options: ReadOptions, depth: int = 0) -> list | None:
    """The list of article objects inside a wrapper object, if there is one."""
    if isinstance(value, list):
        return value
    if not isinstance(value, dict) or depth >= MAX_WRAPPER_DEPTH:
        return None
    lowered = {str(k).lower(): v for k, v in value.items()}
    for key in WRAPPER_KEYS:
        if key in lowered:
            found = _find_list(lowered[key], options, depth + 1)
            if found is not None:
                return found
    lists = [v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return lists[0] if len(lists) == 1 else None


def read_json(name: str, text: str, options: ReadOptions) -> ReadResult:
    """One article object, a list of them, or a wrapper object around the list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # JSON Lines saved as .json: several objects, one a line
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and exc.msg == "Extra data" and lines[0].lstrip().startswith("{"):
            return read_jsonl(name, text, options)
        raise _json_error(exc) from None
    if isinstance(data, dict) and find_field(data, "text", options)[0]:
        return _collect([data], "json", options, "record")
    items = _find_list(data, options)
    if items is None:
        if isinstance(data, dict):
            keys = ", ".join(str(k) for k in list(data)[:12]) or "none"
            raise ReadError(f"no text field and no list of articles (keys: {keys}; "
                            "use --field text=FIELD)")
        raise ReadError(f"JSON holds a {type(data).__name__}, not articles")
    if not items:
        raise ReadError("the JSON list of articles is empty")
    return _collect(items, "json", options, "record")


def read_jsonl(name: str, text: str, options: ReadOptions) -> ReadResult:
    """One JSON object a line; bad lines are reported by line number and skipped."""
    lines = (Line(n, ln) for n, ln in enumerate(text.split("\n"), start=1))
    result = ReadResult()
    for got in iter_jsonl(lines, options):
        (result.problems if isinstance(got, RecordProblem) else result).append(got)
    if not result:
        if not result.problems:
            raise ReadError("no JSON lines")
        raise ReadError(f"no record could be read ({result.problems[0].message})")
    return result


@dataclass
class Line:
    """One physical line of a streamed file: its text, or None when it was over the limit."""

    number: int
    text: str | None
    repaired: bool = False  # decoded with a per-run encoding repair


def _too_long(number: int) -> str:
    return f"line {number}: over {MAX_DOCUMENT_BYTES // MB} MB, not read (too large for a record)"


def iter_jsonl(lines: Iterable[Line], options: ReadOptions) -> Iterator[RawDocument | RecordProblem]:
    """The records of JSON Lines, one at a time (the streaming reader: nothing is kept)."""
    for line in lines:
        index = line.number - 1  # the record's source is "file#<line number>"
        if line.text is None:
            yield RecordProblem(index, _too_long(line.number))
            continue
        if not line.text.strip():
            continue
        try:
            record = json.loads(line.text)
        except json.JSONDecodeError as exc:
            yield RecordProblem(
                index, f"line {line.number}: truncated or invalid JSON at col {exc.colno} "
                f"({exc.msg})")
            continue
        got = _record(record, index, "jsonl", options, f"line {line.number}")
        if isinstance(got, RawDocument) and line.repaired:
            got.mixed_encoding = True
        yield got


def _delimiter(header_line: str, name: str) -> str:
    """The delimiter that splits the header into the most cells (csv.Sniffer misjudges quoting
    in articles, so only the delimiter is chosen; quoting is standard: "", doubled)."""
    best, cells = ("\t" if name.lower().endswith(".tsv") else ","), 1
    for candidate in ("\t", ",", ";", "|"):
        count = len(next(csv.reader([header_line], delimiter=candidate), []))
        if count > cells:
            best, cells = candidate, count
    return best


def read_csv(name: str, text: str, options: ReadOptions) -> ReadResult:
    """A header row, then one article a row; the delimiter is sniffed."""
    lines = (Line(n, ln) for n, ln in enumerate(io.StringIO(text), start=1))
    result = ReadResult()
    for got in iter_csv(lines, name, options):
        (result.problems if isinstance(got, RecordProblem) else result).append(got)
    if not result and not result.problems:
        raise ReadError("the CSV has a header but no rows")
    return result


class _CsvLines:
    """The lines handed to csv.reader, noting per record whether one needed an encoding repair
    or was over the limit (replaced by an empty line: the record it belongs to fails)."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self.lines = iter(lines)
        self.repaired = False
        self.too_long: list[int] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        if line.text is None:
            self.too_long.append(line.number)
            return "\n"
        self.repaired |= line.repaired
        return line.text

    def reset(self) -> None:
        self.repaired = False
        self.too_long = []


def iter_csv(
    lines: Iterable[Line], name: str, options: ReadOptions
) -> Iterator[RawDocument | RecordProblem]:
    """The rows of a CSV with a header, one at a time (the streaming reader).

    Raises ReadError before the first row when the header has no text column."""
    source = _CsvLines(lines)
    first = next(source, None)
    if first is None or not first.strip():
        raise ReadError("empty CSV")
    first = first.lstrip("\ufeff")
    delimiter = _delimiter(first.split("\n", 1)[0], name)
    reader = csv.reader(itertools.chain([first], source), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ReadError("empty CSV") from None
    except csv.Error as exc:
        raise ReadError(f"unreadable CSV header ({exc})") from None
    header = [h.strip() for h in header]
    if text_keys(header, options) is None:
        wanted = options.field_map.get("text")
        found = ", ".join(h for h in header if h) or "none"
        what = f"no column {wanted!r}" if wanted else "no text column"
        raise ReadError(f"{what} among the columns found: {found} (use --field text=COLUMN)")
    index = 0
    while True:
        source.reset()
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield RecordProblem(index, f"row {index + 1} (line {line}): {exc}")
            index += 1
            continue
        where = f"row {index + 1} (line {line})"
        if source.too_long:
            yield RecordProblem(index, f"{where}: {_too_long(source.too_long[0])}")
            index += 1
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield RecordProblem(index, f"{where}: {len(row)} cells for {len(header)} columns")
            index += 1
            continue
        got = _record(dict(zip(header, row, strict=True)), index, "csv", options, where)
        if isinstance(got, RawDocument) and source.repaired:
            got.mixed_encoding = True
        yield got
        index += 1
