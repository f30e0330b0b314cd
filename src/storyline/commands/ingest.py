"""`storyline ingest` and `storyline extract` (`articles` and `show` are in articles.py)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from storyline.app import (
    DbOption,
    FormatJsonOption,
    QuietOption,
    StoryOption,
    app,
    console,
    err_console,
    fail,
    open_store,
    parse_day,
    story_profile,
)
from storyline.commands.formats import Format, FormatOption, chosen, emit_summary, plural
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
ClusterOption = Annotated[
    str | None, typer.Option(
        "--cluster", metavar="URL",
        help="Parse and extract on a Dask cluster: a scheduler address (tcp://host:8786; "
             "needs a PostgreSQL --db) or 'local' for --workers local processes.")
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
    outlet: Annotated[str | None, typer.Option(
        "--default-outlet", metavar="NAME", help="Outlet for articles that do not state one.")
    ] = None,
    published: Annotated[str | None, typer.Option(
        "--default-date", metavar="DATE",
        help="Publication date (YYYY-MM-DD) for articles that do not state one.")] = None,
    field: Annotated[
        list[str] | None,
        typer.Option("--field", help="Map a field of JSON/CSV input: OURS=THEIRS (repeatable)."),
    ] = None,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Run extraction after storing.")
    ] = True,
    workers: WorkersOption = 1,
    cluster: ClusterOption = None,
    quiet: QuietOption = False,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
    story: StoryOption = None,
) -> None:
    """Store every article in PATHS once: repaired, with its metadata, deduplicated; extract
    with the story profile (--story) and rebuild the story."""
    fmt = chosen(fmt, as_json)
    profile = story_profile(story)
    if published:
        published = parse_day(published, "--default-date", whole=True)
    from storyline.ingest import pipeline
    from storyline.ingest.metadata import outlets_of
    from storyline.ingest.readers import ReadOptions
    from storyline.workflow import update_store

    options = ReadOptions(field_map=_field_map(field or []), outlet=outlet, published=published,
                          outlets=outlets_of(profile))
    quiet = quiet or fmt is not Format.table
    paths = paths or []
    if not paths and not feed:
        raise fail("nothing to ingest: give files, folders, URLs or --feed URL")
    from storyline.extract.cluster import ClusterError
    from storyline.store import StoreError

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
        try:
            with progress_bar(quiet) as progress:
                task = progress.add_task("ingesting", total=len(items))

                def on_problem(line: str) -> None:
                    err_console.print(f"[red]failed[/] {escape(line)}", highlight=False)

                def on_skip(line: str) -> None:
                    err_console.print(f"[yellow]skipped[/] {escape(line)}", highlight=False)

                summary = pipeline.ingest_paths(
                    paths, store, options,
                    on_file=lambda _name: progress.advance(task),
                    on_problem=on_problem,
                    on_skip=on_skip,
                    files=items,
                )

                def stage(description: str, total: int):
                    stage_task = progress.add_task(description, total=total)
                    return lambda _id: progress.advance(stage_task)

                update = update_store(store, workers, extract=extract, story=extract,
                                      stage=stage, stored=summary.stored, cluster=cluster,
                                      profile=profile)
        except StoreError as exc:
            raise fail(str(exc)) from None
        except ClusterError as exc:  # live (issue 13)
            raise fail(str(exc)) from None
    summary.failed += len(feed_problems)
    summary.problems[:0] = feed_problems
    result = summary.to_dict() | update.to_dict()
    _report_extraction_failures(update.extraction_failures)
    if fmt is not Format.table:
        emit_summary("ingest", result, fmt)
    elif not quiet or summary.failed:
        console.print(ingest_line(summary, update, extract), highlight=False)
    if summary.failed or update.extraction_failures:
        raise typer.Exit(1)


def ingest_line(summary, update, extracted: bool) -> str:  # noqa: ANN001 - the summaries
    """What an ingest did, in one line: "stored 1 article, duplicates 0, near-duplicates 0,
    flagged 0, failed 0 (1 file); extracted 1 article"."""
    line = (f"stored {plural(summary.stored, 'article')}, duplicates {summary.duplicates}, "
            f"near-duplicates {summary.near_duplicates}, flagged {summary.flagged}, "
            f"skipped {summary.skipped}, failed {summary.failed} "
            f"({plural(summary.files, 'input')})")
    if extracted:
        line += f"; extracted {plural(update.extracted, 'article')}"
        if update.extraction_failures:
            line += f", extraction failed {len(update.extraction_failures)}"
    return line


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
    cluster: ClusterOption = None,
    quiet: QuietOption = False,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
    story: StoryOption = None,
) -> None:
    """Extract records for stored articles that lack them, or whose records were made under
    another story profile (or all, with --again)."""
    profile = story_profile(story)
    from storyline.extract.cluster import ClusterError
    from storyline.store import StoreError
    from storyline.workflow import update_store

    fmt = chosen(fmt, as_json)
    quiet = quiet or fmt is not Format.table
    with open_store(db, create=False) as store, progress_bar(quiet) as progress:

        def stage(description: str, total: int):
            task = progress.add_task(description, total=total)
            return lambda _id: progress.advance(task)

        # articles arrive through ingest, which dated them: only --again re-dates
        try:
            update = update_store(store, workers, again=again, stage=stage, stored=0,
                                  cluster=cluster, profile=profile)
        except (StoreError, ClusterError) as exc:
            raise fail(str(exc)) from None
    _report_extraction_failures(update.extraction_failures)
    if fmt is not Format.table:
        emit_summary("extract", update.to_dict(), fmt)
    elif not quiet:
        stale = (f" ({update.stale_profile} made under another story profile than "
                 f"{update.profile})" if update.stale_profile else "")
        console.print(f"extracted {plural(update.extracted, 'article')}{stale}",
                      highlight=False)
    if update.extraction_failures:
        raise typer.Exit(1)
