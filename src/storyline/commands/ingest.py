"""`storyline ingest`, `articles`, `show` and `extract`."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from storyline.app import (
    DbOption,
    JsonOption,
    QuietOption,
    SinceOption,
    UntilOption,
    app,
    console,
    err_console,
    fail,
    open_store,
)
from storyline.commands.progress import progress_bar

WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Processes for the spaCy parse.")
]


def _field_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise fail(f"--field wants OURS=THEIRS (e.g. text=article_body), got {pair!r}")
        mapping[ours.strip()] = theirs.strip()
    return mapping


# live (issue 13): options shared by `ingest` and `watch` for pages and feeds
AllowPrivateOption = Annotated[
    bool, typer.Option("--allow-private",
                       help="Fetch from loopback and private addresses (intranet sites).")
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=1, help="Seconds allowed for one page or feed.")
]


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, globs, http(s) URLs of pages, or - for stdin."),
    ] = None,
    feed: Annotated[
        list[str] | None,
        typer.Option("--feed", help="RSS/Atom feed URL: ingest its entries not yet stored "
                                    "(repeatable)."),
    ] = None,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = 20.0,
    db: DbOption = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet for articles that do not state one.")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles without one.")
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option("--field", help="Map a field of JSON/CSV input: OURS=THEIRS (repeatable)."),
    ] = None,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Run extraction after storing.")
    ] = True,
    workers: WorkersOption = 1,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Store every article in PATHS once: repaired, with its metadata, deduplicated."""
    if published:
        try:
            published = date.fromisoformat(published).isoformat()
        except ValueError:
            raise fail(f"--published wants a date as YYYY-MM-DD, got {published!r}") from None
    from storyline.ingest import pipeline
    from storyline.ingest.readers import ReadOptions
    from storyline.workflow import update_store

    options = ReadOptions(field_map=_field_map(field or []), outlet=outlet, published=published)
    quiet = quiet or as_json
    paths = paths or []
    if not paths and not feed:
        raise fail("nothing to ingest: give files, folders, URLs or --feed URL")
    with open_store(db) as store:
        # live (issue 13): URLs fetch with these settings; feeds add their unstored entries
        from storyline.ingest import feeds, fetch, sources

        fetcher = fetch.Fetcher(fetch.FetchSettings(timeout=timeout, allow_private=allow_private))
        items = list(sources.expand(paths, fetcher))
        feed_problems: list[str] = []
        if feed:
            entries, _total = feeds.feed_inputs(feed, store, fetcher, feed_problems.append)
            items += entries
            for line in feed_problems:
                err_console.print(f"[yellow]skipped[/] {escape(line)}", highlight=False)
        with progress_bar(quiet) as progress:
            task = progress.add_task("ingesting", total=len(items))

            def on_problem(line: str) -> None:
                err_console.print(f"[yellow]skipped[/] {escape(line)}", highlight=False)

            summary = pipeline.ingest_paths(
                paths, store, options,
                on_file=lambda _name: progress.advance(task),
                on_problem=on_problem,
                files=items,
            )

            def stage(description: str, total: int):
                stage_task = progress.add_task(description, total=total)
                return lambda _id: progress.advance(stage_task)

            update = update_store(store, workers, extract=extract, story=extract, stage=stage)
    summary.failed += len(feed_problems)
    summary.problems[:0] = feed_problems
    result = summary.to_dict() | update.to_dict()
    _report_extraction_failures(update.extraction_failures)
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
    elif not quiet or summary.failed:
        console.print(
            f"stored [bold]{summary.stored}[/], duplicates {summary.duplicates}, "
            f"near-duplicates {summary.near_duplicates}, flagged {summary.flagged}, "
            f"failed [bold]{summary.failed}[/] ({summary.files} files); "
            f"extracted {update.extracted}"
            + (f", extraction failed {len(update.extraction_failures)}"
               if update.extraction_failures else ""),
            highlight=False,
        )
    if summary.failed or update.extraction_failures:
        raise typer.Exit(1)


def _report_extraction_failures(lines: list[str]) -> None:
    # A failure here is storyline's bug, not the user's file: say which article, keep going.
    for line in lines:
        err_console.print(f"[yellow]{escape(line)}[/]", highlight=False)


@app.command()
def extract(
    db: DbOption = None,
    again: Annotated[
        bool, typer.Option("--again", help="Re-run on every article (after a lexicon change).")
    ] = False,
    workers: WorkersOption = 1,
    quiet: QuietOption = False,
) -> None:
    """Extract records for stored articles that lack them (or all, with --again)."""
    from storyline.workflow import update_store

    with open_store(db) as store, progress_bar(quiet) as progress:

        def stage(description: str, total: int):
            task = progress.add_task(description, total=total)
            return lambda _id: progress.advance(task)

        update = update_store(store, workers, again=again, stage=stage)
    _report_extraction_failures(update.extraction_failures)
    if not quiet:
        console.print(f"extracted {update.extracted} articles", highlight=False)
    if update.extraction_failures:
        raise typer.Exit(1)


def _date_cell(published: str | None, estimate: str | None) -> str:
    if published:
        return published[:16].replace("T", " ")
    return f"~{estimate}" if estimate else "undated"


@app.command()
def articles(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet contains this text.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles (stated date, or ~estimated date), oldest first."""
    with open_store(db) as store:
        rows = store.list_articles(outlet=outlet, since=since, until=until, limit=limit)
    if as_json:
        print(json.dumps([vars(r) for r in rows], ensure_ascii=False, indent=1))
        return
    table = Table("id", "date", "outlet", "title", "flags", title=f"{len(rows)} articles")
    for r in rows:
        table.add_row(
            r.id, _date_cell(r.published, r.estimate_best), escape(r.outlet or ""),
            escape(r.title or "(untitled)"), ", ".join(r.flags),
        )
    console.print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or unique prefix.")],
    db: DbOption = None,
    text: Annotated[bool, typer.Option("--text/--no-text", help="Print the article text.")] = True,
    as_json: JsonOption = False,
) -> None:
    """One article: metadata, repairs, near-duplicates, text and extracted records."""
    with open_store(db) as store:
        article = store.get_article(article_id)
        if article is None:
            raise fail(f"no article with id {article_id!r} (or the prefix is ambiguous)")
        extraction = store.load_extraction(article.id)
        links = store.links(article.id)
    if as_json:
        data = article.to_dict() | {"records": extraction.to_dict()}
        data["links"] = [{"id": o, "kind": k, "score": s} for o, k, s in links]
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return
    from storyline.commands.render import render_article

    render_article(console, article, extraction, links, show_text=text)
