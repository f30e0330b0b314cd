"""Story commands: `build`, `timeline`, `figures`, `disputes`, `actors`, `state`.

`build` recomputes the story from the stored records and caches it; every other command reads
the cache (no recomputation), filtered by date, actor and type, as a Rich table or `--json`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from storyline.app import (
    DbOption,
    JsonOption,
    SinceOption,
    UntilOption,
    app,
    console,
    fail,
    open_store,
)

TypeOption = Annotated[
    list[str] | None,
    typer.Option("--type", "-t", help="PLOVER event type (repeatable), e.g. RETREAT."),
]
ActorOption = Annotated[
    str | None, typer.Option("--actor", "-a", help="Only records naming this actor (substring).")
]
LimitOption = Annotated[int, typer.Option("--limit", "-n", help="At most this many rows (0: all).")]


def _print_json(data: object) -> None:
    console.print_json(json.dumps(data, ensure_ascii=False), highlight=False)


def _check_date(value: str | None, name: str) -> None:
    from datetime import date

    if value is None:
        return
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise fail(f"{name} must be a date like 2024-01-31, not {value!r}") from None


def _check_dates(since: str | None, until: str | None) -> None:
    _check_date(since, "--since")
    _check_date(until, "--until")


@contextmanager
def _built_story(db: str | None, whole_store: bool = False) -> Iterator:
    """The store (or, for the query commands, its read-only story cache), once a story is built."""
    from storyline.story.cache import has_story

    with open_store(db, story_cache=not whole_store) as store:
        if not has_story(store):
            raise fail("no story built yet: run `storyline build` first")
        yield store


def _sources(refs: list, limit: int = 3) -> str:
    """Distinct outlets (or article ids) and how many articles there are in all."""
    names: list[str] = []
    for r in refs:
        name = r.outlet or r.article_id[:8]
        if name not in names:
            names.append(name)
    more = f" +{len(names) - limit}" if len(names) > limit else ""
    return f"{', '.join(names[:limit])}{more} ({len(refs)} art.)"


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@app.command()
def build(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Recompute the story (clusters, series, disputes, state, timeline) and cache it."""
    from storyline.story.build import build_story

    with open_store(db) as store:
        summary = build_story(store)
    if json_out:
        _print_json(summary.to_dict())
        return
    table = Table(title="story built", show_header=False)
    for key, value in summary.to_dict().items():
        table.add_row(key.replace("_", " "), "" if value is None else str(value))
    console.print(table)


@app.command()
def timeline(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    actor: ActorOption = None,
    limit: LimitOption = 20,
    per_day: Annotated[int, typer.Option("--per-day", help="At most this many events a day.")] = 2,
    json_out: JsonOption = False,
) -> None:
    """The key dated events, chosen by independent reports and centrality."""
    from storyline.story.query import top_entries

    _check_dates(since, until)
    with _built_story(db) as store:
        entries = top_entries(store.story_items("timeline", since, until), limit or None,
                              per_day, types, actor)
    if json_out:
        _print_json([e.to_dict() for e in entries])
        return
    table = Table("date", "event", "summary", "reports", "sources", title=f"{len(entries)} events")
    for e in entries:
        table.add_row(e.date, escape(e.label), escape(_short(e.summary)), str(len(e.outlets)),
                      escape(_sources(e.sources)))
    console.print(table)


@app.command()
def figures(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="Figure kind (substring).")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="Subject (substring).")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source or outlet.")] = None,
    points: Annotated[bool, typer.Option("--points", help="List every point.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Figure series: every source's numbers over time, the current value, disagreements."""
    from storyline.story.cache import load_kind
    from storyline.story.query import filter_series

    _check_dates(since, until)
    with _built_story(db) as store:
        series = filter_series(load_kind(store, "series"), kind, subject, source, since, until)
    if json_out:
        _print_json([s.to_dict() for s in series])
        return
    table = Table("kind", "subject", "points", "from", "to", "current", "source",
                  "disagreements", title=f"{len(series)} series")
    for s in series:
        cur = s.current
        table.add_row(
            s.kind, escape(s.subject or ""), str(len(s.points)), s.first_date or "",
            s.last_date or "", cur.display() if cur else "",
            escape((cur.source or cur.outlet or "") if cur else ""), str(len(s.disagreements)),
        )
    console.print(table)
    if points:
        for s in series:
            t = Table("date", "value", "source", "outlet", "quote",
                      title=f"{s.kind}: {escape(s.subject or '')}")
            for p in s.points:
                t.add_row(p.date, p.display(), escape(p.source or ""), escape(p.outlet or ""),
                          escape(p.quote))
            console.print(t)


@app.command()
def disputes(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="denial, figures or event.")
    ] = None,
    actor: ActorOption = None,
    limit: LimitOption = 50,
    json_out: JsonOption = False,
) -> None:
    """Claims that contradict each other, side by side with their quotes and sources."""
    from storyline.story.cache import load_kind
    from storyline.story.query import filter_disputes

    _check_dates(since, until)
    if kind and kind not in ("denial", "figures", "event"):
        raise fail(f"--kind must be denial, figures or event, not {kind!r}")
    with _built_story(db) as store:
        found = filter_disputes(load_kind(store, "dispute", since, until), kind, actor)
    if limit:
        found = found[:limit]
    if json_out:
        _print_json([d.to_dict() for d in found])
        return
    table = Table("date", "kind", "one side", "other side", title=f"{len(found)} disputes")
    for d in found:
        def side(c) -> str:  # noqa: ANN001 - a Claim
            where = c.evidence.outlet if c.evidence and c.evidence.outlet else ""
            quote = c.evidence.quote if c.evidence else c.text
            return f"[bold]{escape(c.who or '?')}[/] ({escape(c.stance)}) {escape(where)}\n" \
                   f"“{escape(quote)}”"
        table.add_row(d.date or "", d.kind, side(d.a), side(d.b))
    console.print(table)


@app.command()
def actors(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    actor: ActorOption = None,
    limit: LimitOption = 30,
    json_out: JsonOption = False,
) -> None:
    """Who does what: each actor's events (as actor and as recipient), by type."""
    from storyline.story.cache import load_kind
    from storyline.story.query import actor_table, filter_clusters

    _check_dates(since, until)
    with _built_story(db) as store:
        clusters = filter_clusters(load_kind(store, "cluster", since, until), types, actor)
    rows = actor_table(clusters)
    if actor:
        rows = [r for r in rows if actor.lower() in r["actor"].lower()]
    if limit:
        rows = rows[:limit]
    if json_out:
        _print_json(rows)
        return
    table = Table("actor", "events", "as actor", "as recipient", "types", "outlets", "first",
                  "last", title=f"{len(rows)} actors")
    for r in rows:
        types_txt = ", ".join(f"{t} {n}" for t, n in list(r["types"].items())[:4])
        table.add_row(escape(r["actor"]), str(r["events"]), str(r["as_actor"]),
                      str(r["as_recipient"]), types_txt, str(r["outlets"]), r["first"] or "",
                      r["last"] or "")
    console.print(table)


@app.command()
def state(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    changes: Annotated[
        bool, typer.Option("--changes", help="Only the days the status changed.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """The state of the negotiations by day: status, venue, mediators, parties, evidence."""
    from storyline.story.cache import load_kind
    from storyline.story.state import status_label

    _check_dates(since, until)
    with _built_story(db) as store:
        days = load_kind(store, "state", since, until)
    if changes:
        days = [d for d in days if d.changed]
    if json_out:
        _print_json([d.to_dict() for d in days])
        return
    table = Table("date", "status", "since", "venue", "mediators", "parties", "evidence",
                  title=f"{len(days)} days")
    for d in days:
        ev = d.evidence[0] if d.changed and d.evidence else None
        table.add_row(
            d.date, status_label(d.status), d.since or "", escape(d.venue or ""),
            escape(", ".join(d.mediators[:3])), escape(", ".join(d.parties[:4])),
            escape(f"{ev.outlet or ev.article_id[:8]}: “{ev.quote}”") if ev else "",
        )
    console.print(table)
