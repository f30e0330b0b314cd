"""`storyline watch`: keep a store current from feeds, pages and folders."""

from __future__ import annotations

import json
import signal
from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape

from storyline.app import DbOption, JsonOption, QuietOption, app, console, err_console, fail
from storyline.commands.ingest import AllowPrivateOption, TimeoutOption, WorkersOption


@app.command()
def watch(
    sources: Annotated[
        list[str], typer.Argument(help="Feed or page URLs, folders and files to poll.")
    ],
    every: Annotated[
        str, typer.Option("--every", help="Time between rounds: 90s, 15m, 1h.")
    ] = "15m",
    rounds: Annotated[
        int | None, typer.Option("--rounds", min=1, help="Stop after this many rounds.")
    ] = None,
    db: DbOption = None,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Extract and rebuild each round.")
    ] = True,
    workers: WorkersOption = 1,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = 20.0,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Poll SOURCES every --every and ingest what is new, one line of counts per round.
    Ctrl-C stops after the article in hand (nothing is left half-stored); twice stops now."""
    from storyline.app import open_store
    from storyline.ingest.fetch import Fetcher, FetchSettings
    from storyline.ingest.poll import Watcher, parse_every

    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise fail(str(exc)) from None
    fetcher = Fetcher(FetchSettings(timeout=timeout, allow_private=allow_private))

    def on_problem(line: str) -> None:
        if not as_json:
            err_console.print(f"[yellow]skipped[/] {escape(line)}", highlight=False)

    def on_round(summary) -> None:
        if as_json:
            print(json.dumps(summary.to_dict(), ensure_ascii=False), flush=True)
        elif not quiet or summary.failed:
            stamp = datetime.now().strftime("%H:%M:%S")
            console.print(f"{stamp} {escape(summary.line())}", highlight=False)

    with open_store(db) as store:
        watcher = Watcher(store, sources, fetcher, workers=workers, extract=extract,
                          on_problem=on_problem)

        def request_stop(_signum, _frame) -> None:
            if watcher.stop.is_set():
                raise KeyboardInterrupt  # a second Ctrl-C: stop now (transactions roll back)
            watcher.stop.set()
            err_console.print("stopping after the article in hand (Ctrl-C again to stop now)")

        previous = signal.signal(signal.SIGINT, request_stop)
        previous_term = signal.signal(signal.SIGTERM, request_stop)
        try:
            done = watcher.run(interval, rounds, on_round)
        except KeyboardInterrupt:
            done = None
        finally:
            signal.signal(signal.SIGINT, previous)
            signal.signal(signal.SIGTERM, previous_term)
    if not as_json:
        err_console.print(f"watch stopped after {done} round{'s' if done != 1 else ''}"
                          if done is not None else "watch stopped", highlight=False)
