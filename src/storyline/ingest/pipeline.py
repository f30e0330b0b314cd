"""The ingest stage: input files in, repaired and identified articles stored once.

`read_articles` is pure (bytes in, articles or one problem out); `ingest_paths` is the edge that
reads files, writes the store, and keeps counts. One transaction per article: an interrupted batch
keeps everything committed before it, and re-running the same batch resumes (what is stored is a
duplicate the second time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from storyline.ingest import sources
from storyline.ingest.encoding import BinaryInput, decode_bytes
from storyline.ingest.identity import NearDuplicateIndex, article_id, minhash
from storyline.ingest.language import detect_language
from storyline.ingest.metadata import outlet_from_text
from storyline.ingest.readers import (
    RawDocument,
    ReadError,
    ReadOptions,
    detect_format,
    read_document,
)
from storyline.ingest.repair import repair_text
from storyline.records import Article, Repair
from storyline.store import Store

MB = 1024 * 1024
# A single article beyond this is not an article (a dump, a log, a binary misnamed as text).
MAX_ARTICLE_BYTES = 5 * MB
# Multi-article files (JSONL, CSV, JSON lists, Nexis/Factiva exports) may be larger than that.
MAX_FILE_BYTES = 200 * MB
MULTI_ARTICLE_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv"}
MIN_TEXT_CHARS = 40  # shorter "articles" are headlines or debris, not stories
NEAR_DUPLICATE_THRESHOLD = 0.5


class InputProblem(Exception):
    """A user's input that cannot be ingested; the message is one line for the user."""


@dataclass
class IngestSummary:
    """What one ingest run did."""

    files: int = 0
    stored: int = 0
    duplicates: int = 0
    flagged: int = 0
    failed: int = 0
    near_duplicates: int = 0
    stored_ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "file: problem" lines

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "flagged": self.flagged,
            "failed": self.failed,
            "near_duplicates": self.near_duplicates,
            "problems": self.problems,
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


def prepare_article(
    raw: RawDocument, source: str, options: ReadOptions, decode_repairs: list[Repair]
) -> Article:
    """Repair one read document's text and title and give it its identity and language."""
    text, repairs = repair_text(raw.text)
    title = raw.title
    if title:
        title, title_repairs = repair_text(title)
        repairs += [Repair(r.name + ":title", r.changed, r.detail) for r in title_repairs]
    text = text.strip("\n")
    outlet = raw.outlet or options.outlet
    extra = raw.extra
    if not outlet:
        inferred = outlet_from_text(text)
        if inferred:
            outlet = inferred[0]
            extra = {**extra, "outlet_inferred_from": inferred[1]}
    language, _confidence = detect_language(text)
    flags = []
    if language not in ("en", "und"):
        flags.append("non_english")
    return Article(
        id=article_id(text),
        text=text,
        source=source,
        format=raw.format,
        title=title.strip() if title else None,
        byline=raw.byline,
        published=raw.published or options.published,
        # live (issue 13): a fetched page without a canonical link keeps the URL it came from
        url=raw.url or (source if source.startswith(("http://", "https://")) else None),
        outlet=outlet,
        language=language,
        flags=flags,
        repairs=decode_repairs + repairs,
        images=raw.images,
        extra=extra,
    )


def read_articles(name: str, data: bytes, options: ReadOptions) -> tuple[list[Article], list[str]]:
    """Every article in one file's bytes, and the per-record problems of multi-article files.

    Raises InputProblem when the file as a whole cannot be read.
    """
    text, decode_repairs = _decode(name, data)
    try:
        documents = read_document(name, text, options)
    except ReadError as exc:
        raise InputProblem(str(exc)) from None
    articles: list[Article] = []
    problems = [f"{name}#{p.index + 1}: {p.message}" for p in documents.problems]
    multi = len(documents) > 1
    for doc in documents:
        source = f"{name}#{doc.index + 1}" if multi or doc.index else name
        if len(doc.text.strip()) < MIN_TEXT_CHARS:
            problems.append(f"{source}: no article text (fewer than {MIN_TEXT_CHARS} characters)")
            continue
        articles.append(prepare_article(doc, source, options, decode_repairs))
    if not articles and not problems:
        raise InputProblem("no article found")
    return articles, problems


MULTI_ARTICLE_FORMATS = {"json", "jsonl", "csv", "nexis", "factiva"}


def _check_size(item: sources.InputFile) -> None:
    """Refuse files too large to be what they look like, before reading them whole."""
    size = item.size()
    if size is None or size <= MAX_ARTICLE_BYTES:
        return
    if size > MAX_FILE_BYTES:
        raise InputProblem(f"file is {size / MB:.1f} MB, over the {MAX_FILE_BYTES // MB} MB limit")
    if item.path.suffix.lower() in MULTI_ARTICLE_SUFFIXES:
        return
    with item.path.open("rb") as handle:
        head = handle.read(64 * 1024)
    try:
        kind = detect_format(item.name, decode_bytes(head)[0])
    except BinaryInput as exc:
        raise InputProblem(str(exc)) from None
    if kind not in MULTI_ARTICLE_FORMATS:
        raise InputProblem(
            f"file is {size / MB:.1f} MB, too large for one {kind} article "
            f"(limit {MAX_ARTICLE_BYTES // MB} MB; split it or export it as JSONL/CSV)"
        )


ProgressHook = Callable[[str], None]


def iter_file_articles(
    item: sources.InputFile, options: ReadOptions
) -> tuple[list[Article], list[str]]:
    """Read one input file (size check, bytes, articles); raises InputProblem."""
    _check_size(item)
    try:
        data = item.read_bytes()
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror or exc}") from None
    return read_articles(item.name, data, options)


def ingest_paths(
    arguments: Iterable[str],
    store: Store,
    options: ReadOptions | None = None,
    on_file: ProgressHook | None = None,
    on_problem: ProgressHook | None = None,
    files: list[sources.InputFile | sources.MissingInput] | None = None,
) -> IngestSummary:
    """Read and store every article named by the arguments; never raises for bad input.

    `on_file` is called with each file name after it is handled (progress), `on_problem` with each
    "file: problem" line as it happens.
    """
    options = options or ReadOptions()
    summary = IngestSummary()
    index = NearDuplicateIndex()
    for other_id, signature in store.minhashes():
        index.add(other_id, signature)

    def problem(line: str, failed: bool = True) -> None:
        summary.problems.append(line)
        if failed:
            summary.failed += 1
        if on_problem:
            on_problem(line)

    for item in files if files is not None else sources.expand(list(arguments)):
        summary.files += 1
        if isinstance(item, sources.MissingInput):
            problem(f"{item.name}: {item.problem}")
            continue
        try:
            articles, record_problems = iter_file_articles(item, options)
        except InputProblem as exc:
            problem(f"{item.name}: {exc}")
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the batch either
            problem(f"{item.name}: internal error while reading ({type(exc).__name__}: {exc})")
        else:
            for line in record_problems:
                problem(line)
            for article in articles:
                _store_one(article, store, index, summary)
        if on_file:
            on_file(item.name)
    return summary


def _store_one(
    article: Article, store: Store, index: NearDuplicateIndex, summary: IngestSummary
) -> None:
    signature = minhash(article.text)
    links = [
        (other, score)
        for other, score in index.query(signature, NEAR_DUPLICATE_THRESHOLD)
        if other != article.id
    ]
    if not store.add_article(article, signature, links):
        summary.duplicates += 1
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
            articles, _ = iter_file_articles(item, options)
        except InputProblem:
            continue
        yield from articles
