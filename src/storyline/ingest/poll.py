"""`storyline watch`: poll feeds, pages and folders in rounds and ingest what is new.

Each source is classified once: a folder or file on disk, or a URL (a feed when its body is
RSS/Atom, a page otherwise). A round fetches every URL, reads only the files that are new or
changed since the last round, stores the new articles (one transaction each), then brings
dates, records and the story up to date. A stop request (Ctrl-C) is honoured between articles,
never inside one: every article is either stored whole or not at all.
"""

from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.ingest import sources
from storyline.ingest.feeds import (
    FeedError,
    looks_like_feed,
    new_entries,
    parse_feed,
    stored_urls,
)
from storyline.ingest.fetch import (
    FEED_TYPES,
    PAGE_TYPES,
    Fetcher,
    FetchError,
    RemoteInput,
    is_url,
    normalise_url,
)
from storyline.ingest.readers import ReadOptions

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class StopRequested(Exception):
    """Raised between articles once the user asked the watch to stop."""


def parse_every(text: str) -> float:
    """Seconds in an interval such as 15m, 90s, 1h or 2.5m; raises ValueError."""
    match = _EVERY.match(text)
    if not match:
        raise ValueError(f"--every wants a number with s, m, h or d (e.g. 15m), got {text!r}")
    seconds = float(match.group(1)) * _UNIT[match.group(2).lower()]
    if seconds <= 0:
        raise ValueError("--every must be more than 0")
    return seconds


@dataclass
class RoundSummary:
    """What one round did (printed as one line)."""

    number: int
    feeds: int = 0
    entries: int = 0
    new_entries: int = 0
    pages: int = 0
    files: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    extracted: int = 0
    stopped: bool = False
    problems: list[str] = field(default_factory=list)
    started: float = 0.0  # epoch seconds
    finished: float = 0.0

    def line(self) -> str:
        return (f"round {self.number}: feeds {self.feeds} ({self.entries} entries, "
                f"{self.new_entries} new), pages {self.pages}, files {self.files}; "
                f"stored {self.stored}, duplicates {self.duplicates}, failed {self.failed}, "
                f"extracted {self.extracted}" + (" (stopped)" if self.stopped else ""))

    def to_dict(self) -> dict:
        return {k: v for k, v in vars(self).items()}


@dataclass(frozen=True)
class _Fetched:
    """A page fetched while classifying its source: read without fetching it twice."""

    name: str
    data: bytes
    path: None = None

    def size(self) -> int | None:
        return len(self.data)

    def read_bytes(self) -> bytes:
        return self.data

    def open(self) -> io.BytesIO:
        return io.BytesIO(self.data)


class Watcher:
    """Polls a list of sources into one store."""

    def __init__(
        self,
        store,  # storyline.store.Store
        sources_: list[str],
        fetcher: Fetcher,
        options: ReadOptions | None = None,
        workers: int = 1,
        extract: bool = True,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.sources = list(sources_)
        self.fetcher = fetcher
        self.options = options or ReadOptions()
        self.workers = workers
        self.extract = extract
        self.on_problem = on_problem
        self.stop = threading.Event()
        self._seen_files: dict[Path, tuple[float, int]] = {}
        self._fetched_links: set[str] = set()
        self._rounds = 0

    def _problem(self, summary: RoundSummary, line: str) -> None:
        summary.problems.append(line)
        summary.failed += 1
        if self.on_problem:
            self.on_problem(line)

    def _changed_files(self, arg: str, summary: RoundSummary) -> list:
        out = []
        for item in sources.expand([arg]):
            if isinstance(item, sources.MissingInput):
                self._problem(summary, f"{item.name}: {item.problem}")
                continue
            try:
                stat = item.path.stat()
            except OSError as exc:
                self._problem(summary, f"{item.name}: cannot read: {exc.strerror or exc}")
                continue
            key, mark = item.path.resolve(), (stat.st_mtime, stat.st_size)
            if self._seen_files.get(key) != mark:
                self._seen_files[key] = mark
                out.append(item)
        return out

    def _url_inputs(self, url: str, stored: set[str], summary: RoundSummary) -> list:
        try:
            fetched = self.fetcher.fetch(url, accept=PAGE_TYPES + FEED_TYPES,
                                         what="page or feed")
        except FetchError as exc:
            self._problem(summary, f"{url}: {exc}")
            return []
        if not looks_like_feed(fetched.data):
            summary.pages += 1
            return [_Fetched(url, fetched.data)]
        try:
            entries = parse_feed(fetched.data, fetched.final_url)
        except FeedError as exc:
            self._problem(summary, f"{url}: {exc}")
            return []
        summary.feeds += 1
        summary.entries += len(entries)
        # links fetched earlier in this watch (duplicates of stored articles included) too
        fresh = new_entries(entries, stored | self._fetched_links)
        self._fetched_links.update(normalise_url(e.link) for e in fresh)
        summary.new_entries += len(fresh)
        return [RemoteInput(e.link, self.fetcher) for e in fresh]

    def run_round(self) -> RoundSummary:
        """One round over every source; raises nothing for bad sources (they are counted)."""
        self._rounds += 1
        summary = RoundSummary(self._rounds, started=time.time())
        try:
            return self._round(summary)
        finally:
            summary.finished = time.time()

    def _round(self, summary: RoundSummary) -> RoundSummary:
        from storyline.ingest import pipeline
        from storyline.workflow import update_store

        stored = stored_urls(self.store)
        items: list = []
        for arg in self.sources:
            if self.stop.is_set():
                break
            if is_url(arg):
                items += self._url_inputs(arg, stored, summary)
            else:
                files = self._changed_files(arg, summary)
                summary.files += len(files)
                items += files

        def between_articles(_name: str) -> None:
            if self.stop.is_set():
                raise StopRequested

        try:
            result = pipeline.ingest_paths(
                [], self.store, self.options, on_file=between_articles,
                on_problem=self.on_problem, files=items,
            )
        except StopRequested:
            summary.stopped = True
            return summary
        failed_names = {line.split(": ", 1)[0] for line in result.problems}
        self._fetched_links -= {normalise_url(n) for n in failed_names if is_url(n)}  # retry
        summary.stored, summary.duplicates = result.stored, result.duplicates
        summary.failed += result.failed
        summary.problems += result.problems
        if result.stored and not self.stop.is_set():

            def stage(_description: str, _total: int):
                return between_articles

            try:
                update = update_store(self.store, self.workers, extract=self.extract,
                                      story=self.extract, stage=stage)
            except StopRequested:
                summary.stopped = True
                return summary
            summary.extracted = update.extracted
            for line in update.extraction_failures:
                self._problem(summary, line)
        summary.stopped = self.stop.is_set()
        return summary

    def run(self, every: float, rounds: int | None = None,
            on_round: Callable[[RoundSummary], None] | None = None) -> int:
        """Rounds every `every` seconds until stopped (or `rounds` are done); returns rounds."""
        done = 0
        while not self.stop.is_set():
            summary = self.run_round()
            done += 1
            if on_round:
                on_round(summary)
            if summary.stopped or (rounds is not None and done >= rounds):
                break
            self.stop.wait(every)
        return done
