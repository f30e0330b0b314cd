"""`storyline export`, `storyline report` and `storyline demo`: the story out of the store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from storyline.app import (
    ActorOption,
    DbOption,
    QuietOption,
    SinceOption,
    StoryOption,
    TypeOption,
    UntilOption,
    UsageError,
    app,
    console,
    date_range,
    err_console,
    fail,
    story_profile,
)
from storyline.commands.story import built_story

ExportFormatOption = Annotated[
    str,
    typer.Option("--format", "-f", metavar="FORMAT",
                 help="json, csv, markdown, timelinejs, plover (PLOVER records, JSON Lines) "
                      "or geojson (located event clusters)."),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", metavar="FILE",
                              help="Write to this file (default: stdout).")
]
TitleOption = Annotated[str, typer.Option("--title", help="Title of the timeline or report.")]
JSON_WHAT = ("story", "timeline", "clusters", "series", "disputes", "state", "negotiation",
             "positions")


def _filters(since: str | None, until: str | None, types: list[str] | None, actor: str | None):
    from storyline.output.selection import Filters

    since, until = date_range(since, until)
    return Filters(since=since, until=until, types=[t.upper() for t in types or []], actor=actor)


def _write(text: str, out: Path | None, quiet: bool = False) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    if not quiet:
        err_console.print(f"wrote {escape(str(out))}", highlight=False)


def _export_text(store, sel, fmt: str, what: str | None, title: str) -> str:  # noqa: ANN001
    from storyline.output import exports

    if fmt == "json":
        what = what or "story"
        if what == "story":
            data = exports.to_json(sel)
        elif what in JSON_WHAT:
            story = sel.story
            data = [x.to_dict() for x in getattr(story, what)]
        else:  # extracted records, as the CSV rows have them
            data = [r.to_dict() | {"source": sel.source(r.article_id)}
                    for r in exports.stored_records(store, what, sel.filters)]
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return exports.to_csv(sel, what or "clusters", store)
    if fmt == "markdown":
        return exports.to_markdown(sel, title)
    if fmt == "timelinejs":
        return json.dumps(exports.to_timelinejs(sel, title), ensure_ascii=False, indent=1) + "\n"
    if fmt == "geojson":  # live (issue 13)
        from storyline.output.geojson import to_geojson

        return json.dumps(to_geojson(sel), ensure_ascii=False, indent=1) + "\n"
    from storyline.output.plover import plover_export, to_jsonl

    exported = plover_export(store, sel)
    if exported.undated:  # live (issue 13): PLOVER requires a date
        err_console.print(f"left out {exported.undated} event mentions without a date "
                          "(PLOVER requires one)", highlight=False)
    return to_jsonl(exported.records)


@app.command()
def export(
    fmt: ExportFormatOption = "json",
    out: OutOption = None,
    what: Annotated[str | None, typer.Option(
        "--what", metavar="WHAT",
        help="Which records: for csv clusters (default), events, figures or statements; for "
             "json also story (default: everything), timeline, series, disputes, state, "
             "negotiation (the record's items) or positions.",
        show_default=False)] = None,
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    actor: ActorOption = None,
    title: TitleOption = "Story timeline",
    quiet: QuietOption = False,
) -> None:
    """Export the story: JSON, CSV, a Markdown timeline, TimelineJS or PLOVER records."""
    from storyline.output import exports
    from storyline.output.selection import select_story

    fmt = fmt.lower()
    if fmt not in exports.FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(exports.FORMATS)}",
                                 param_hint="'--format'")
    allowed = {"csv": exports.CSV_WHAT, "json": JSON_WHAT + exports.CSV_WHAT[1:]}.get(fmt, ())
    if what is not None and what not in allowed:
        if not allowed:
            raise UsageError(
                f"--what applies to --format csv and json; {fmt} always exports the timeline")
        raise typer.BadParameter(f"{what!r} is not one of {', '.join(allowed)} (for {fmt})",
                                 param_hint="'--what'")
    filters = _filters(since, until, types, actor)
    with built_story(db, whole_store=True) as store:
        text = _export_text(store, select_story(store, filters), fmt, what, title)
    _write(text, out, quiet)


@app.command()
def report(
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="FILE", help="The HTML file to write.")] = Path("report.html"),
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    actor: ActorOption = None,
    title: TitleOption = "Story report",
    self_contained: Annotated[bool | None, typer.Option(
        "--self-contained/--data-folder", show_default=False,
        help="One HTML file with every article inlined, or the article texts in a folder "
             "beside it (default: one file while the texts fit in 2 MB).")] = None,
    quiet: QuietOption = False,
) -> None:
    """Write the story as an HTML report that opens offline in any browser.

    Timeline, figures, negotiation state, disputes, actors and an article reader. Article
    texts load when opened: inlined in the page, or (for a large store) from REPORT_files/
    beside it, which must travel with the page."""
    from storyline.output.report import ReportError, write_report

    filters = _filters(since, until, types, actor)
    with built_story(db, whole_store=True) as store:
        try:
            written = write_report(store, out, filters, title, self_contained)
        except (ReportError, OSError) as exc:
            raise fail(f"cannot write the report: {exc}") from None
    if not quiet:
        where = f"report written to [bold]{escape(str(written.page))}[/] " \
                f"({written.size / 1e6:.1f} MB"
        if written.folder is not None:
            where += f"; {written.items} article and table files in " \
                     f"{escape(str(written.folder))}/, {written.folder_size / 1e6:.1f} MB"
        console.print(where + ")", highlight=False)


def _print_summary(db_path: Path) -> None:
    from storyline.store import Store
    from storyline.story.build import load_story
    from storyline.story.query import select_entries

    with Store(f"sqlite:///{db_path}") as store:
        story = load_story(store)
        events = sum(len(c.mentions) for c in story.clusters)
    s = story.summary
    table = Table(show_header=False, title="the story", title_justify="left", box=None)
    table.add_column(style="bold")
    table.add_column()
    rows = [
        ("articles", s.articles),
        ("events", f"{events} reports in {len(story.clusters)} event clusters"),
        ("figure series", f"{len(story.series)} ({sum(len(x.points) for x in story.series)} "
                          "reported values)"),
        ("disputes", len(story.disputes)),
        ("state changes", sum(1 for d in story.state if d.changed)),
        ("dates", f"{s.first_date} to {s.last_date}" if s.first_date else "none"),
    ]
    for key, value in rows:
        table.add_row(key, str(value))
    console.print(table)
    top = select_entries(story.timeline, 8, 1)
    if top:
        t = Table("date", "event", "summary", title="timeline: top events", title_justify="left")
        for e in top:
            summary = e.summary if len(e.summary) <= 90 else e.summary[:89].rsplit(" ", 1)[0] + "…"
            t.add_row(e.date, escape(e.label), escape(summary))
        console.print(t)


@app.command()
def demo(
    out: Annotated[Path, typer.Option(
        "--dir", "-d", metavar="FOLDER", help="Folder for the demo store and report.")
    ] = Path("demo-output"),
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Folder of articles (default: examples/corpus)."),
    ] = None,
    quiet: QuietOption = False,
    story: StoryOption = None,
) -> None:
    """Ingest the sample corpus into a fresh store, build the story and write the report.
    `--story FOLDER` runs another story: a folder with its profile in profile/ and its
    articles in corpus/ (examples/grain-deal), or a profile folder with --corpus."""
    from storyline.commands.progress import progress_bar
    from storyline.output.demo import find_corpus, run_demo, story_corpus

    profile = story_profile(story)
    found = corpus if corpus is not None else (
        story_corpus(story) if story else find_corpus())
    if found is None and story:
        raise fail(f"--story {story}: no corpus/ folder beside its profile: pass --corpus "
                   "FOLDER")
    if found is None:
        raise fail("the sample corpus examples/corpus was not found: run `storyline demo` from "
                   "the storyline checkout, or pass --corpus FOLDER")
    if not found.is_dir():
        raise fail(f"--corpus {found} is not a folder")
    if not quiet:
        console.print(f"ingesting [bold]{escape(str(found))}[/] into a fresh store in "
                      f"{escape(str(out))}/", highlight=False)
    with progress_bar(quiet) as progress:
        task = progress.add_task("ingesting", total=None)

        def stage(description: str, total: int):
            stage_task = progress.add_task(description, total=total)
            return lambda _id: progress.advance(stage_task)

        result = run_demo(found, out, on_file=lambda _n: progress.advance(task), stage=stage,
                          profile=profile)
        progress.update(task, total=progress.tasks[task].completed)
    for line in result.problems:
        err_console.print(f"[yellow]skipped[/] {escape(line)}", highlight=False)
    if result.stored == 0:
        raise fail(f"no article could be read from {found}")
    if not quiet:
        _print_summary(result.db)
    console.print(f"report: [bold]{escape(str(result.report))}[/]  "
                  f"(store: {escape(str(result.db))}; explore it with "
                  f"`storyline timeline --db {escape(str(result.db))}`)", highlight=False)
