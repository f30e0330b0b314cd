"""`storyline serve`: the live dashboard over a store (read-only)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from storyline.app import DbOption, app, err_console, fail


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (0: any).")] = 8000,
    title: Annotated[str, typer.Option("--title", help="Title of the dashboard.")] = "Story",
) -> None:
    """Serve the story live on http://HOST:PORT: dashboard, story view, search, reader.
    Read-only on the store; new articles show up as `ingest` or `watch` add them."""
    from storyline.app import open_store
    from storyline.output.dashboard import serve as run

    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/] serving on {escape(host)}: anyone who can reach "
                          "it can read the store (there is no login)", highlight=False)
    with open_store(db, read_only=True) as probe:  # a missing store: the usual one line
        url = probe.url
    from storyline.store import Store

    with Store(url, readonly=True) as store:

        def ready(address) -> None:  # noqa: ANN001
            # plain print, flushed: scripts read the address from the first line
            print(f"serving {store.where} on http://{address[0]}:{address[1]}/ (Ctrl-C stops)",
                  flush=True)

        try:
            run(store, host, port, title, ready=ready)
        except OSError as exc:
            raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        except KeyboardInterrupt:
            err_console.print("stopped")
