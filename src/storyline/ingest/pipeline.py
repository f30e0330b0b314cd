"""The ingest stage: input files in, repaired and identified articles stored once.

`read_articles` is pure (bytes in, articles or one problem out); `ingest_paths` is the edge that
reads files, writes the store, and keeps counts. One transaction per article: an interrupted batch
keeps everything committed before it, and re-running the same batch resumes (what is stored is a
duplicate the second time). JSONL and CSV are streamed: each record is stored as it is read, so
memory stays flat in the file's size and the first articles are committed at once; other formats
are read whole, within the limits of `limits.py` (one text-size limit for every path in).

Every outcome is counted once: stored, duplicate, skipped (not an article on purpose: an empty
record, an export's cover page or result list) or failed (an input or record that should have
been an article and could not be read).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from storyline.ingest import sources
from storyline.ingest.encoding import (
    MIXED,
    BinaryInput,
    LineDecoder,
    NotStreamable,
    decode_bytes,
)
from storyline.ingest.identity import NearDuplicateIndex, article_id, minhash
from storyline.ingest.language import UNDETERMINED, detect_language
from storyline.ingest.limits import (
    MAX_DOCUMENT_BYTES,
    MAX_TEXT_CHARS,
    MAX_WHOLE_FILE_BYTES,
    MB,
    text_too_long,
)
from storyline.ingest.metadata import outlet_from_text
from storyline.ingest.readers import (
    RawDocument,
    ReadError,
    ReadOptions,
    RecordProblem,
    detect_format,
    read_document,
)
from storyline.ingest.readers.covers import export_page
from storyline.ingest.readers.tabular import Line, iter_csv, iter_jsonl
from storyline.ingest.repair import repair_text
from storyline.records import Article, Repair
from storyline.store import Store, StoreError

MIN_TEXT_CHARS = 40  # shorter "articles" are headlines or debris, not stories
NEAR_DUPLICATE_THRESHOLD = 0.5
HEAD_BYTES = 64 * 1024  # what format and encoding are judged on
MULTI_ARTICLE_FORMATS = {"json", "jsonl", "csv", "nexis", "factiva"}
STREAMED_FORMATS = {"jsonl", "csv"}
# Control characters are never content; tab and newline are kept in text, not in metadata.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_METADATA_CONTROL = re.compile("[\x00-\x1f\x7f]+")


class InputProblem(Exception):
    """A user's input that cannot be ingested; the message is one line for the user."""


class InputSkipped(InputProblem):
    """An input that is not an article on purpose (an export's cover page): skipped."""


@dataclass
class Problem:
    """One record's outcome other than an article: a "file#n: problem" line."""

    line: str
    skipped: bool = False


@dataclass
class IngestSummary:
    """What one ingest run did."""

    files: int = 0
    stored: int = 0
    duplicates: int = 0
    flagged: int = 0
    skipped: int = 0
    failed: int = 0
    near_duplicates: int = 0
    stored_ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "file: problem" lines of the failed
    skips: list[str] = field(default_factory=list)  # "file: why" lines of the skipped

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "flagged": self.flagged,
            "skipped": self.skipped,
            "failed": self.failed,
            "near_duplicates": self.near_duplicates,
            "problems": self.problems,
            "skips": self.skips,
        }


def _decode(name: str, data: bytes) -> tuple[str, list[Repair]]:
    if not data.strip():
        raise InputProblem("empty file")
    try:
        text, encoding = decode_bytes(data)
    except BinaryInput as exc:
        raise InputProblem(str(exc)) from None
    repairs = [] if encoding in ("utf-8", "utf-8-sig", "ascii") else [Repair(f"decode:{encoding}", 0)]
    return text, repairs


def _clean_metadata(value: str | None) -> str | None:
    if not value:
        return value
    return " ".join(_METADATA_CONTROL.sub(" ", value).split()) or None


def prepare_article(
    raw: RawDocument, source: str, options: ReadOptions, decode_repairs: list[Repair]
) -> Article:
    """Repair one read document's text and title and give it its identity and language."""
    raw_text = _CONTROL.sub("", raw.text) if _CONTROL.search(raw.text) else raw.text
    text, repairs = repair_text(raw_text)
    title = raw.title
    if title:
        title, title_repairs = repair_text(title)
        repairs += [Repair(r.name + ":title", r.changed, r.detail) for r in title_repairs]
    text = text.strip("\n")
    title = _clean_metadata(title)
    outlet = _clean_metadata(raw.outlet) or options.outlet
    extra = raw.extra
    if not outlet:
        inferred = outlet_from_text(text, options.outlets)
        if inferred:
            outlet = inferred[0]
            extra = {**extra, "outlet_inferred_from": inferred[1]}
    identity = article_id(text)
    if options.stored is not None and options.stored(identity):
        language = UNDETERMINED  # a duplicate: add_article keeps the stored copy as it is
    else:
        language, _confidence = detect_language(text)
    flags = []
    if language not in ("en", "und"):
        flags.append("non_english")
    if raw.mixed_encoding or any(r.name == f"decode:{MIXED}" for r in decode_repairs):
        flags.append("mixed_encoding")  # UTF-8 and a legacy code page, repaired per run
        if not any(r.name == f"decode:{MIXED}" for r in decode_repairs):
            decode_repairs = [*decode_repairs, Repair(f"decode:{MIXED}", 0)]
    return Article(
        id=identity,
        text=text,
        source=source,
        format=raw.format,
        title=title.strip() if title else None,
        byline=[b for b in (_clean_metadata(n) for n in raw.byline) if b],
        published=raw.published or options.published,
        # live (issue 13): a fetched page without a canonical link keeps the URL it came from
        url=_clean_metadata(raw.url)
        or (source if source.startswith(("http://", "https://")) else None),
        outlet=outlet,
        language=language,
        flags=flags,
        repairs=decode_repairs + repairs,
        images=raw.images,
        extra=extra,
    )


def _outcome(
    doc: RawDocument, source: str, multi: bool, options: ReadOptions,
    decode_repairs: list[Repair],
) -> Article | Problem:
    """One read document as an article, or why it is not one (the same rules on every path)."""
    if len(doc.text) > MAX_TEXT_CHARS:
        return Problem(f"{source}: {text_too_long(len(doc.text))}")
    if len(doc.text.strip()) < MIN_TEXT_CHARS:
        # A record without text in a dataset is not an article; a file without one failed.
        return Problem(f"{source}: no article text (fewer than {MIN_TEXT_CHARS} characters)",
                       skipped=multi)
    if doc.format in ("text", "markdown", "html"):
        page = export_page(doc.text)
        if page:
            return Problem(f"{source}: {page}, not an article", skipped=True)
    return prepare_article(doc, source, options, decode_repairs)


def _problem(name: str, problem: RecordProblem) -> Problem:
    return Problem(f"{name}#{problem.index + 1}: {problem.message}", problem.skipped)


def read_articles(name: str, data: bytes, options: ReadOptions) -> tuple[list[Article], list[str]]:
    """Every article in one file's bytes, and the per-record problems of multi-article files
    (skipped records included). Raises InputProblem when the file as a whole cannot be read."""
    articles: list[Article] = []
    problems: list[str] = []
    for got in _read_whole(name, data, options):
        if isinstance(got, Problem):
            problems.append(got.line)
        else:
            articles.append(got)
    return articles, problems


def _read_whole(name: str, data: bytes, options: ReadOptions) -> Iterator[Article | Problem]:
    text, decode_repairs = _decode(name, data)
    try:
        documents = read_document(name, text, options)
    except ReadError as exc:
        raise InputProblem(str(exc)) from None
    multi = len(documents) + len(documents.problems) > 1
    if not multi and not documents.problems:
        page = export_page(text) if documents and documents[0].format in (
            "text", "markdown", "html") else None
        if page:
            raise InputSkipped(f"{page}, not an article")
    outcomes: list[Article | Problem] = [_problem(name, p) for p in documents.problems]
    for doc in documents:
        source = f"{name}#{doc.index + 1}" if multi or doc.index else name
        outcomes.append(_outcome(doc, source, multi, options, decode_repairs))
    if not multi and len(outcomes) == 1 and isinstance(outcomes[0], Problem):
        # one document that is no article: the file's own problem, named once
        line = outcomes[0].line.split(": ", 1)[1]
        raise (InputSkipped if outcomes[0].skipped else InputProblem)(line)
    if not outcomes:
        raise InputProblem("no article found")
    yield from outcomes


# ----------------------------------------------------------------------------- reading


class _Replay:
    """A binary stream that first gives back the bytes already read from it (the head)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head = head
        self.rest = rest

    def readline(self, limit: int) -> bytes:
        if self.head:
            cut = self.head.find(b"\n", 0, limit)
            if cut >= 0:
                line, self.head = self.head[:cut + 1], self.head[cut + 1:]
                return line
            if len(self.head) >= limit:
                line, self.head = self.head[:limit], self.head[limit:]
                return line
            line, self.head = self.head, b""
            return line + self.rest.readline(limit - len(line))
        return self.rest.readline(limit)


def _lines(head: bytes, handle: BinaryIO, decoder: LineDecoder) -> Iterator[Line]:
    """Decoded lines; a line over MAX_DOCUMENT_BYTES is skipped (read in pieces, never held)."""
    stream = _Replay(head, handle)
    number = 0
    while True:
        raw = stream.readline(MAX_DOCUMENT_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_DOCUMENT_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(MB)) and not rest.endswith(b"\n"):
                pass
            yield Line(number, None)
            continue
        text, repaired = decoder.decode(raw)
        yield Line(number, text, repaired)


def _read_head(handle: BinaryIO, regular: bool) -> bytes:
    """The first bytes, to judge format and encoding on. A pipe (stdin, a FIFO) is not waited
    on for a full sample: two complete lines are enough, so a stream's first records are stored
    while its writer is still writing."""
    head = b""
    read = handle.read if regular or not hasattr(handle, "read1") else handle.read1
    while len(head) < HEAD_BYTES:
        chunk = read(HEAD_BYTES - len(head))
        if not chunk:
            break
        head += chunk
        if not regular and head.count(b"\n") >= 2:
            break
    return head


def _what(item: sources.InputFile) -> str:
    return "standard input" if item.path is None else "file"


def _stream(
    item: sources.InputFile, fmt: str, head: bytes, handle: BinaryIO, decoder: LineDecoder,
    options: ReadOptions,
) -> Iterator[Article | Problem]:
    decode_repairs = [] if decoder.name in ("utf-8", "utf-8-sig", "ascii") else [
        Repair(f"decode:{decoder.name}", 0)]
    records = iter_jsonl if fmt == "jsonl" else (
        lambda lines, opts: iter_csv(lines, item.name, opts))
    seen = 0
    try:
        for got in records(_lines(head, handle, decoder), options):
            seen += 1
            if isinstance(got, RecordProblem):
                yield _problem(item.name, got)
                continue
            yield _outcome(got, f"{item.name}#{got.index + 1}", True, options, decode_repairs)
    except ReadError as exc:
        raise InputProblem(str(exc)) from None
    if not seen:
        raise InputProblem("no JSON lines" if fmt == "jsonl" else "the CSV has a header but no rows")


def _read_input(
    item: sources.InputFile, handle: BinaryIO, options: ReadOptions
) -> Iterator[Article | Problem]:
    size = item.size()
    head = _read_head(handle, regular=size is not None)
    if not head.strip():
        raise InputProblem("empty file" if item.path is not None else "empty standard input")
    try:
        decoder: LineDecoder | None = LineDecoder(head)
    except BinaryInput as exc:
        raise InputProblem(str(exc)) from None
    except NotStreamable:
        decoder = None  # UTF-16/32: decoded whole below
    fmt = None
    if decoder is not None:
        preview = head[len(decoder.bom):].decode(
            "utf-8" if decoder.encoding == "utf-8" else decoder.encoding, errors="replace")
        fmt = detect_format(item.name, preview, options)
        if fmt in STREAMED_FORMATS:
            yield from _stream(item, fmt, head, handle, decoder, options)
            return
    multi = fmt is None or fmt in MULTI_ARTICLE_FORMATS
    limit = MAX_WHOLE_FILE_BYTES if multi else MAX_DOCUMENT_BYTES
    kind = f"one {fmt} article" if not multi else "a file read whole"
    advice = ("split it or export it as JSONL/CSV" if not multi
              else "export it as JSONL or CSV, which are streamed")
    if size is not None and size > limit:
        raise InputProblem(f"file is {size / MB:.1f} MB, too large for {kind} "
                           f"(limit {limit // MB} MB; {advice})")
    data = head + handle.read(limit + 1 - len(head))
    if len(data) > limit:
        raise InputProblem(f"{_what(item)} is over {limit // MB} MB, too large for {kind} "
                           f"({advice})")
    yield from _read_whole(item.name, data, options)


def iter_input(item: sources.InputFile, options: ReadOptions) -> Iterator[Article | Problem]:
    """Every article of one input as it is read, and each record that is not one; raises
    InputProblem (InputSkipped) when the input as a whole cannot be read (is no article)."""
    try:
        handle = item.open()
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror or exc}") from None
    try:
        yield from _read_input(item, handle, options)
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror or exc}") from None
    finally:
        if item.path is not None:
            handle.close()


def iter_file_articles(
    item: sources.InputFile, options: ReadOptions
) -> tuple[list[Article], list[str]]:
    """Every article of one input file, and its record problems; raises InputProblem."""
    articles: list[Article] = []
    problems: list[str] = []
    for got in iter_input(item, options):
        if isinstance(got, Problem):
            problems.append(got.line)
        else:
            articles.append(got)
    return articles, problems


ProgressHook = Callable[[str], None]


def ingest_paths(
    arguments: Iterable[str],
    store: Store,
    options: ReadOptions | None = None,
    on_file: ProgressHook | None = None,
    on_problem: ProgressHook | None = None,
    files: list[sources.InputFile | sources.MissingInput] | None = None,
    on_skip: ProgressHook | None = None,
) -> IngestSummary:
    """Read and store every article named by the arguments; never raises for bad input.

    `on_file` is called with each input's name after it is handled, missing ones included
    (progress), `on_problem` with each "file: problem" line of a failure as it happens, `on_skip`
    with each "file: why" line of an input or record skipped as no article.
    """
    options = options or ReadOptions()
    if options.stored is None:
        options = dataclasses.replace(options, stored=store.has_article)
    summary = IngestSummary()
    index = _LazyIndex(store)  # read only when a new text arrives (not for duplicates)

    def problem(line: str, skipped: bool = False) -> None:
        if skipped:
            summary.skipped += 1
            summary.skips.append(line)
            if on_skip:
                on_skip(line)
            return
        summary.failed += 1
        summary.problems.append(line)
        if on_problem:
            on_problem(line)

    for item in files if files is not None else sources.expand(list(arguments)):
        summary.files += 1
        if isinstance(item, sources.MissingInput):
            problem(f"{item.name}: {item.problem}", item.skipped)
        else:
            try:
                for got in iter_input(item, options):
                    if isinstance(got, Problem):
                        problem(got.line, got.skipped)
                    else:
                        _store_one(got, store, index, summary)
            except InputSkipped as exc:
                problem(f"{item.name}: {exc}", skipped=True)
            except InputProblem as exc:
                problem(f"{item.name}: {exc}")
            except StoreError:
                raise  # the store, not the input: the command reports it
            except Exception as exc:  # noqa: BLE001 - a bug must not stop the batch either
                problem(f"{item.name}: internal error while reading "
                        f"({type(exc).__name__}: {exc})"[:300])
        if on_file:
            on_file(item.name)
    return summary


class _LazyIndex:
    """The store's near-duplicate index, loaded on first use: a run that brings only
    duplicates never reads the 1,500 signatures of a large store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._index: NearDuplicateIndex | None = None

    def get(self) -> NearDuplicateIndex:
        if self._index is None:
            self._index = NearDuplicateIndex()
            for other_id, signature in self._store.minhashes():
                self._index.add(other_id, signature)
        return self._index


def _store_one(
    article: Article, store: Store, lazy: _LazyIndex, summary: IngestSummary
) -> None:
    if store.has_article(article.id):
        summary.duplicates += 1
        return
    index = lazy.get()
    signature = minhash(article.text)
    links = [
        (other, score)
        for other, score in index.query(signature, NEAR_DUPLICATE_THRESHOLD)
        if other != article.id
    ]
    if not store.add_article(article, signature, links):
        summary.duplicates += 1  # stored by another process since the check above
        return
    index.add(article.id, signature)
    summary.stored += 1
    summary.stored_ids.append(article.id)
    summary.near_duplicates += bool(links)
    summary.flagged += bool(article.flags)


def count_inputs(arguments: list[str]) -> list[sources.InputFile | sources.MissingInput]:
    """Expand the arguments once (for a progress bar's total)."""
    return list(sources.expand(arguments))


def articles_in(items: Iterable[sources.InputFile], options: ReadOptions) -> Iterator[Article]:
    """Every readable article of the given files (benchmarks and tools; problems skipped)."""
    for item in items:
        try:
            for got in iter_input(item, options):
                if isinstance(got, Article):
                    yield got
        except InputProblem:
            continue
