"""The Typer application objects and the options every command shares.

Commands live in `storyline.commands.*` (and `storyline.evaluate.*` for `storyline evaluate …`);
each module registers its commands on these apps, and `storyline.cli` imports them all.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    name="storyline",
    help="Turn news articles about an evolving story into a sourced, queryable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
evaluate_app = typer.Typer(
    help="Score storyline on public benchmarks (data in ../shared).", no_args_is_help=True
)
app.add_typer(evaluate_app, name="evaluate")

# Rich writes the human-readable output to stderr-free stdout; errors go to stderr.
console = Console()
err_console = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite path (default: $STORYLINE_DB or ./storyline.db).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or table.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    return typer.Exit(code)


def open_store(db: str | None, story_cache: bool = False):  # -> Store, or a StoryCache
    """The store at `--db` (or only its read-only story cache, for the query commands); a bad
    URL or file gets a one-line error, not a traceback. Imported on use: SQLAlchemy is slow."""
    if story_cache:
        from storyline.store.cache import open_story_cache as opener
    else:
        from storyline.store import Store as opener
    try:
        return opener(db)
    except Exception as exc:  # noqa: BLE001 - any failure to open is the user's URL or file
        raise fail(f"cannot open the store: {exc}") from None
