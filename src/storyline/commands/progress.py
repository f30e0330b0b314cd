"""A Rich progress bar on stderr (so stdout stays clean for tables and JSON)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from storyline.app import err_console


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Progress]:
    """A progress display; disabled (but still usable) with --quiet."""
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        disable=quiet,
        transient=False,
    )
    with progress:
        yield progress
