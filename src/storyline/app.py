"""The Typer application objects and the options every command shares.

Commands live in `storyline.commands.*` (and `storyline.evaluate.*` for `storyline evaluate …`);
each module registers its commands on these apps, and `storyline.cli` imports them all.

One name, one meaning: every option below means the same thing on every command that takes it
(the README's "Options" table lists them). Usage errors (a bad date, a negative limit, an
unknown option) are one `error:` line on stderr and exit status 2, whatever the command.
"""

from __future__ import annotations

import os
import re
import sys
from calendar import monthrange
from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from storyline import __version__

# Click's exception classes, wherever this Typer keeps Click (0.28 vendors its own copy).
_CLICK = {c.__name__: c for c in typer.BadParameter.__mro__}
UsageError: type[Exception] = _CLICK["UsageError"]
ClickException: type[Exception] = _CLICK["ClickException"]


class StorylineGroup(TyperGroup):
    """The root command: Click's usage errors become one `error:` line (not a boxed panel),
    for the script and for tests alike."""

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except UsageError as exc:
            hint = ""
            if exc.ctx is not None:
                hint = f" (see `{exc.ctx.command_path} -h`)"
            err_console.print(f"[bold red]error:[/] {_plain(exc.format_message())}{hint}",
                              highlight=False)
            sys.exit(exc.exit_code)
        except ClickException as exc:
            err_console.print(f"[bold red]error:[/] {_plain(exc.format_message())}",
                              highlight=False)
            sys.exit(exc.exit_code)
        except typer.Abort:
            err_console.print("aborted", highlight=False)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


def _plain(message: str) -> str:
    from rich.markup import escape

    return escape(" ".join(message.split()))


app = typer.Typer(
    name="storyline",
    cls=StorylineGroup,
    help="Turn news articles about an evolving story into a sourced, queryable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
evaluate_app = typer.Typer(
    help="Score storyline on public benchmarks (data in ../shared).", no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(evaluate_app, name="evaluate")


def _version(value: bool) -> None:
    if value:
        print(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", "-V", is_eager=True, callback=_version, help="Print the version and exit."
    )] = False,
) -> None:
    """Turn news articles about an evolving story into a sourced, queryable record."""


def _stdout_console() -> Console:
    # Piped or redirected output keeps its full width: a table cut to 80 columns turns dates
    # into "2023-1…" and quotes into one word per line. $COLUMNS still wins when set.
    console = Console()
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console = Console(width=100_000)
    return console


# Rich writes the human-readable output to stdout; errors and notes go to stderr.
console = _stdout_console()
err_console = Console(stderr=True, soft_wrap=True)


# --------------------------------------------------------------------------- validation

_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_day(value: str, name: str, end: bool = False, whole: bool = False) -> str:
    """An ISO day from YYYY-MM-DD, YYYY-MM or YYYY: the period's first day, or its last with
    `end` (so `--until 2024-02` includes 29 February); `whole` wants the full YYYY-MM-DD.
    Anything else is a usage error."""
    m = _DAY.match(value.strip())
    try:
        if m is None or (whole and not m[3]):
            raise ValueError
        year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
        if not month:
            month, day = (12, 31) if end else (1, 1)
        elif not day:
            day = monthrange(year, month)[1] if end else 1
        return date(year, month, day).isoformat()
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date (give YYYY-MM-DD{'' if whole else ', YYYY-MM or YYYY'})",
            param_hint=f"'{name}'"
        ) from None


def _since(value: str | None) -> str | None:
    return None if value is None else parse_day(value, "--since")


def _until(value: str | None) -> str | None:
    return None if value is None else parse_day(value, "--until", end=True)


def _limit(value: int | None) -> int | None:
    if value is not None and value < 0:
        raise typer.BadParameter(f"{value} is negative (0 means no limit)")
    return value


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """The validated (since, until) pair; an empty range is a usage error, not zero rows."""
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    return since, until


# --------------------------------------------------------------------------- shared options

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", metavar="URL",
        help="Database URL or SQLite path (default: $STORYLINE_DB or ./storyline.db).",
        show_default=False,
    ),
]
# Commands with --format take FormatJsonOption; the others print either a table or JSON.
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
FormatJsonOption = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar and no summary (errors still show).")
]
SinceOption = Annotated[str | None, typer.Option(
    "--since", metavar="DATE", callback=_since,
    help="From this day on (YYYY-MM-DD; YYYY-MM or YYYY from its first day).")]
UntilOption = Annotated[str | None, typer.Option(
    "--until", metavar="DATE", callback=_until,
    help="Up to this day, included (YYYY-MM-DD; YYYY-MM or YYYY to its last day).")]
TypeOption = Annotated[
    list[str] | None,
    typer.Option("--type", "-t", metavar="TYPE",
                 help="PLOVER event type, e.g. RETREAT (repeatable)."),
]
ActorOption = Annotated[
    str | None, typer.Option("--actor", "-a", metavar="NAME", help="Only records naming this actor (substring).")
]
OutletOption = Annotated[
    str | None, typer.Option("--outlet", metavar="TEXT", help="Only records from outlets containing this text.")
]


LimitOption = Annotated[int, typer.Option(
    "--limit", "-n", metavar="N", callback=_limit, help="At most N rows (0: all).")]


# --------------------------------------------------------------------------- errors and store


StoryOption = Annotated[
    str | None,
    typer.Option("--story", help="Story profile: a folder holding profile.yaml, or a packaged "
                 "profile's name (default: $STORYLINE_STORY, else the packaged default).",
                 show_default=False),
]


def story_profile(value: str | None):  # noqa: ANN201 - a Profile (imported on use)
    """The profile `--story` / `$STORYLINE_STORY` / the default names, or a one-line error
    (the first problem with its file, line and field; the others below it)."""
    from rich.markup import escape

    from storyline.profiles import ProfileError, resolve_story

    try:
        return resolve_story(value)
    except ProfileError as exc:
        stop = fail(str(exc))
        for problem in exc.problems[1:]:
            err_console.print(f"  {escape(str(problem))}", highlight=False)
        raise stop from None


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    from rich.markup import escape

    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(code)


def _missing_store(db: str | None) -> str | None:
    """The file of a SQLite store that does not exist yet (for commands that must not make
    one: a writable Store would create it)."""
    from storyline.store.location import resolve_url, sqlite_file

    path = sqlite_file(resolve_url(db))
    return str(path) if path is not None and not path.exists() else None


def open_store(db: str | None, story_cache: bool = False, read_only: bool = False,
               create: bool = True):
    """The store at `--db`: read-only (`read_only`), or only its story cache (`story_cache`,
    the story queries), or for writing.

    Only `create` (ingest) may make a new store; the others never do: a missing one is the
    one-line "no store at …: run storyline ingest first". A bad URL, a foreign or read-only
    file: one line (the store's own errors), not a traceback. Imported on use: SQLAlchemy is
    slow to import."""
    from storyline.store import StoreError

    if not create and not (read_only or story_cache):
        missing = _missing_store(db)
        if missing is not None:
            raise fail(f"no store at {missing}: run storyline ingest first")
    try:
        if story_cache:
            from storyline.store.cache import open_story_cache

            return open_story_cache(db)
        from storyline.store import Store

        return Store(db, readonly=read_only)
    except StoreError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - any other failure to open is the URL or file
        raise fail(f"cannot open the store: {exc}") from None
