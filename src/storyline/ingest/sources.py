"""Expand the user's PATH arguments into input files: files, folders (recursively), globs, `-`.

Only names are resolved here; bytes are read later, one file at a time, so a batch of many files
never holds more than one in memory. Nothing met while expanding may stop the batch: a symlink
loop, a FIFO or socket inside a folder (opening it would block for ever), a subfolder that cannot
be read, a name that is not valid UTF-8 — each becomes one `MissingInput` with its problem, and
the walk goes on. Names are shown (and stored) with undecodable bytes escaped as `\\xNN`.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

STDIN = "-"
GLOB_CHARS = set("*?[")
# Files a folder walk should never pick up: our own stores, VCS and editor droppings.
SKIPPED_SUFFIXES = {".db", ".db-wal", ".db-shm", ".sqlite", ".pyc", ".swp"}


def display_name(path: str | os.PathLike[str]) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 (kept by Python
    as surrogate escapes) become `\\xNN`."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


@dataclass(frozen=True)
class InputFile:
    """One input: a path on disk, a pipe named on the command line, or standard input."""

    name: str  # as shown to the user (printable; see display_name)
    path: Path | None  # None for stdin

    def size(self) -> int | None:
        """The size of a regular file; None for stdin and pipes (read with a limit instead)."""
        if self.path is None:
            return None
        info = self.path.stat()
        return info.st_size if stat.S_ISREG(info.st_mode) else None

    def open(self) -> BinaryIO:
        if self.path is None:
            return sys.stdin.buffer
        return self.path.open("rb")

    def read_bytes(self) -> bytes:
        if self.path is None:
            return sys.stdin.buffer.read()
        return self.path.read_bytes()


@dataclass(frozen=True)
class MissingInput:
    """A PATH argument, or an entry of a folder, that names nothing readable."""

    name: str
    problem: str
    skipped: bool = False  # not an input on purpose (a FIFO in a folder), not a failure


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _entry(path: Path) -> InputFile | MissingInput:
    """A folder entry: a regular file (through symlinks), or the reason it is not read."""
    name = display_name(path)
    try:
        info = path.stat()  # follows symlinks
    except OSError as exc:
        if path.is_symlink():
            if getattr(exc, "errno", None) == errno.ELOOP:
                return MissingInput(name, "symlink loop")
            return MissingInput(name, "broken symlink")
        return MissingInput(name, f"cannot read: {exc.strerror or exc}")
    except RuntimeError:  # pathlib's own loop detection
        return MissingInput(name, "symlink loop")
    if not stat.S_ISREG(info.st_mode):
        # opening a FIFO would wait for a writer for ever; sockets and devices are no files
        return MissingInput(name, f"{_kind(info.st_mode)}, not read", skipped=True)
    return InputFile(name, path)


def _walk(folder: Path) -> Iterator[InputFile | MissingInput]:
    problems: list[MissingInput] = []

    def on_error(exc: OSError) -> None:
        where = display_name(exc.filename) if exc.filename else display_name(folder)
        problems.append(MissingInput(where, f"folder is not readable ({exc.strerror or exc})"))

    # followlinks=False: a symlinked folder is not entered, so a loop of folders cannot recur.
    for root, dirs, files in os.walk(folder, onerror=on_error):
        yield from problems
        problems.clear()
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
            yield _entry(path)
    yield from problems


def _key(path: Path) -> Path | str:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return display_name(path)


def expand(arguments: list[str], fetcher=None) -> Iterator[InputFile | MissingInput]:
    """Each input named by the arguments, once, in a stable order; never raises for a path
    (URLs: see fetch.py)."""
    seen: set[Path | str] = set()
    seen_urls: set[str] = set()

    def emit(item: InputFile | MissingInput) -> Iterator[InputFile | MissingInput]:
        if isinstance(item, MissingInput):
            yield item
            return
        key = _key(item.path)
        if key not in seen:
            seen.add(key)
            yield item

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
        shown = display_name(arg)
        try:
            info = path.stat()
        except (OSError, RuntimeError) as exc:
            if GLOB_CHARS & set(arg) and not path.exists():
                matches = sorted(glob.glob(os.path.expanduser(arg), recursive=True))
                entries = [_entry(Path(m)) for m in matches if not Path(m).is_dir()]
                if not entries:
                    yield MissingInput(shown, "no file matches this pattern")
                for entry in entries:
                    yield from emit(entry)
            elif path.is_symlink():
                yield MissingInput(shown, "symlink loop" if getattr(exc, "errno", None) == errno.ELOOP
                                   or isinstance(exc, RuntimeError) else "broken symlink")
            elif isinstance(exc, FileNotFoundError):
                yield MissingInput(shown, "no such file or folder")
            else:
                yield MissingInput(shown, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
            continue
        if stat.S_ISDIR(info.st_mode):
            if not os.access(path, os.R_OK | os.X_OK):
                yield MissingInput(shown, "folder is not readable")
                continue
            for entry in _walk(path):
                yield from emit(entry)
        elif stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            # A pipe named on the command line (`<(zcat dump.jsonl.gz)`) is read like stdin:
            # its writer is the user's. Inside a folder a FIFO is skipped (see _entry).
            yield from emit(InputFile(shown, path))
        else:
            yield MissingInput(shown, f"{_kind(info.st_mode)}, not a file or folder")
