"""Expand the user's PATH arguments into input files: files, folders (recursively), globs, `-`.

Only names are resolved here; bytes are read later, one file at a time, so a batch of many files
never holds more than one in memory.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"
GLOB_CHARS = set("*?[")
# Files a folder walk should never pick up: our own stores, VCS and editor droppings.
SKIPPED_SUFFIXES = {".db", ".db-wal", ".db-shm", ".sqlite", ".pyc", ".swp"}


@dataclass(frozen=True)
class InputFile:
    """One input: a path on disk, or standard input."""

    name: str  # as shown to the user
    path: Path | None  # None for stdin

    def size(self) -> int | None:
        return self.path.stat().st_size if self.path is not None else None

    def read_bytes(self) -> bytes:
        if self.path is None:
            return sys.stdin.buffer.read()
        return self.path.read_bytes()


@dataclass(frozen=True)
class MissingInput:
    """A PATH argument that names nothing readable."""

    name: str
    problem: str


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            # A folder's README describes the collection; it is not one of its articles.
            if (
                name.startswith(".")
                or name.upper().startswith("README")
                or path.suffix.lower() in SKIPPED_SUFFIXES
            ):
                continue
            yield path


def expand(arguments: list[str], fetcher=None) -> Iterator[InputFile | MissingInput]:
    """Each input file named by the arguments, once, in a stable order (URLs: see fetch.py)."""
    seen: set[Path] = set()
    seen_urls: set[str] = set()

    def emit(path: Path) -> Iterator[InputFile]:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            yield InputFile(str(path), path)

    for arg in arguments:
        if arg == STDIN:
            yield InputFile("<stdin>", None)
            continue
        # live (issue 13): an http(s) argument is a page to fetch, read like a file
        if arg.lower().startswith(("http://", "https://")):
            from storyline.ingest import fetch

            if arg not in seen_urls:
                seen_urls.add(arg)
                yield fetch.RemoteInput(arg, fetcher or fetch.default_fetcher())
            continue
        path = Path(arg).expanduser()
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                yield MissingInput(arg, "folder is not readable")
                continue
            for child in _walk(path):
                yield from emit(child)
        elif path.is_file():
            yield from emit(path)
        elif GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(os.path.expanduser(arg), recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                yield MissingInput(arg, "no file matches this pattern")
            for match in files:
                yield from emit(match)
        elif path.exists():
            yield MissingInput(arg, "not a regular file or folder")
        else:
            yield MissingInput(arg, "no such file or folder")
