"""Story commands: `build`, `timeline`, `figures`, `disputes`, `actors`, `state`.

`build` recomputes the story from the stored records and caches it; every other command reads
the cache (no recomputation, never a write), filtered by date, actor and type, printed in the
`--format` asked for (see formats.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.text import Text

from storyline.app import (
    ActorOption,
    DbOption,
    FormatJsonOption,
    LimitOption,
    OutletOption,
    QuietOption,
    SinceOption,
    StoryOption,
    TypeOption,
    UntilOption,
    app,
    date_range,
    fail,
    open_store,
    story_profile,
)
from storyline.commands.formats import (
    Format,
    FormatOption,
    Listing,
    chosen,
    emit,
    emit_summary,
    limited,
    plural,
)

DISPUTE_KINDS = ("denial", "figures", "event")
KindOption = Annotated[str | None, typer.Option(
    "--kind", "-k", help="Figure kind (substring), e.g. hostages_held.")]


@contextmanager
def built_story(db: str | None, whole_store: bool = False) -> Iterator:
    """The store (or, for the query commands, its read-only story cache), once a story is
    built; never creates a store."""
    from storyline.story.cache import has_story

    with open_store(db, story_cache=not whole_store, read_only=True) as store:
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
    return f"{', '.join(names[:limit])}{more} ({plural(len(refs), 'article')})"


def _join(items: list[str]) -> str:
    return ", ".join(i for i in items if i)


@app.command()
def build(
    db: DbOption = None,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
    quiet: QuietOption = False,
    story: StoryOption = None,
) -> None:
    """Recompute the story (clusters, series, disputes, state, timeline) and cache it, with
    the story profile's negotiation rules (--story)."""
    fmt = chosen(fmt, as_json)
    profile = story_profile(story)
    from storyline.profiles.compiled import resources
    from storyline.story.build import build_story

    with open_store(db, create=False) as store:
        # the reference: every block recomputed (ingest reuses the unchanged ones)
        summary = build_story(store, resources(profile).rules, profile.enables("negotiation"),
                              salt=profile.hash)
    if not quiet:
        emit_summary("story", summary.to_dict(), fmt, title="story built")


@app.command()
def timeline(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    actor: ActorOption = None,
    outlet: OutletOption = None,
    limit: LimitOption = 20,
    per_day: Annotated[int, typer.Option(
        "--per-day", min=1, metavar="N", help="At most N events a day.")] = 2,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
) -> None:
    """The key dated events, chosen by independent reports and centrality."""
    fmt = chosen(fmt, as_json)
    since, until = date_range(since, until)
    from storyline.story.query import top_entries

    with built_story(db) as store:
        entries, total = top_entries(store.story_items("timeline", since, until), limit or None,
                                     per_day, types, actor, outlet)
    listing = Listing(
        "event", ["date", "type", "event", "summary", "reports", "sources", "cluster"],
        records=lambda: [e.to_dict() for e in entries], total=total,
        no_wrap=("date", "type", "cluster"),
    )
    for e in entries:
        kind = f"{e.type}/{e.mode}" if e.mode else e.type
        listing.rows.append([e.date, kind, e.label, e.summary, str(len(e.outlets)),
                             _sources(e.sources), e.cluster_id or ""])
    emit(listing, fmt)


@app.command()
def figures(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindOption = None,
    subject: Annotated[str | None, typer.Option(
        "--subject", help="Only series about this subject (substring).")] = None,
    source: Annotated[str | None, typer.Option(
        "--source", help="Only values given by this source (substring), e.g. 'health ministry'."
    )] = None,
    outlet: OutletOption = None,
    points: Annotated[bool, typer.Option(
        "--points", help="One row per reported value instead of one per series.")] = False,
    limit: LimitOption = 0,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
) -> None:
    """Figure series: every source's numbers over time, the current value, disagreements."""
    fmt = chosen(fmt, as_json)
    since, until = date_range(since, until)
    from storyline.story.cache import load_kind
    from storyline.story.query import filter_series

    with built_story(db) as store:
        series = filter_series(load_kind(store, "series"), kind, subject, source, since, until,
                               outlet)
    if points:
        rows = [(s, p) for s in series for p in s.points]
        rows, total = limited(rows, limit)
        listing = Listing(
            "value", ["kind", "subject", "date", "value", "qualifier", "source", "outlet",
                      "quote", "article", "start", "end"],
            records=lambda: [p.to_dict() | {"series": s.id, "kind": s.kind,
                                            "subject": s.subject} for s, p in rows],
            total=total, no_wrap=("date", "article"),
        )
        for s, p in rows:
            listing.rows.append([s.kind, s.subject or "", p.date, p.display(), p.qualifier,
                                 p.source or p.source_actor or "", p.outlet or "", p.quote,
                                 p.article_id, str(p.start), str(p.end)])
        emit(listing, fmt)
        return
    series, total = limited(series, limit)
    listing = Listing(
        "series", ["kind", "subject", "points", "from", "to", "current", "source",
                   "disagreements", "id"],
        records=lambda: [s.to_dict() for s in series], total=total, nouns="series",
        no_wrap=("from", "to", "id"),
    )
    for s in series:
        cur = s.current
        listing.rows.append([
            s.kind, s.subject or "", str(len(s.points)), s.first_date or "", s.last_date or "",
            cur.display() if cur else "", (cur.source or cur.outlet or "") if cur else "",
            str(len(s.disagreements)), s.id,
        ])
    emit(listing, fmt)


def _claim(c) -> Text:  # noqa: ANN001 - a Claim
    where = c.evidence.outlet if c.evidence and c.evidence.outlet else ""
    quote = c.evidence.quote if c.evidence else c.text
    text = Text(c.who or "?", style="bold")
    text.append(f" ({c.stance}) {where}\n“{quote}”".replace("  ", " "))
    return text


@app.command()
def disputes(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    dispute_kind: Annotated[str | None, typer.Option(
        "--dispute-kind", metavar="KIND",
        help="Only disputes of this kind: denial, figures or event.")] = None,
    actor: ActorOption = None,
    limit: LimitOption = 50,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
) -> None:
    """Claims that contradict each other, side by side with their quotes and sources."""
    fmt = chosen(fmt, as_json)
    since, until = date_range(since, until)
    if dispute_kind and dispute_kind not in DISPUTE_KINDS:
        raise typer.BadParameter(f"{dispute_kind!r} is not one of {', '.join(DISPUTE_KINDS)}",
                                 param_hint="'--dispute-kind'")
    from storyline.story.cache import load_kind
    from storyline.story.query import filter_disputes

    with built_story(db) as store:
        found = filter_disputes(load_kind(store, "dispute", since, until), dispute_kind, actor)
    found, total = limited(found, limit)
    def records() -> list[dict]:
        return [d.to_dict() for d in found]

    if fmt is Format.table:
        listing = Listing("dispute", ["date", "kind", "one side", "other side", "id"],
                          records=records, total=total, no_wrap=("date", "kind", "id"))
        for d in found:
            listing.rows.append([d.date or "", d.kind, _claim(d.a), _claim(d.b), d.id])
    else:  # a column per field of each side, for the pipelines
        sides = [f"{side}_{field}" for side in ("a", "b")
                 for field in ("who", "stance", "outlet", "quote", "article")]
        listing = Listing("dispute", ["date", "kind", "topic", *sides, "id"], records=records,
                          total=total)
        for d in found:
            cells = []
            for c in (d.a, d.b):
                ev = c.evidence
                cells += [c.who or "", c.stance, (ev.outlet if ev else "") or "",
                          ev.quote if ev else c.text, ev.article_id if ev else ""]
            listing.rows.append([d.date or "", d.kind, d.topic, *cells, d.id])
    emit(listing, fmt)


@app.command()
def actors(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    actor: ActorOption = None,
    limit: LimitOption = 30,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
) -> None:
    """Who does what: each actor's events (as actor and as recipient), by type."""
    fmt = chosen(fmt, as_json)
    since, until = date_range(since, until)
    from types import SimpleNamespace

    from storyline.story.query import actor_table, filter_clusters

    with built_story(db) as store:
        # the fields the table counts, read from the cache as they are: building 10,000
        # cluster records with every mention was most of this command's time
        fields = ("type", "polarity", "actors", "recipients", "outlets", "date_earliest")
        items = (SimpleNamespace(**d)
                 for d in store.story_items("cluster", since, until, fields=fields))
        clusters = filter_clusters(items, types, actor)
    rows = actor_table(clusters)
    if actor:
        rows = [r for r in rows if actor.lower() in r["actor"].lower()]
    rows, total = limited(rows, limit)
    listing = Listing("actor", ["actor", "events", "as actor", "as recipient", "types",
                                "outlets", "first", "last"],
                      records=rows, total=total, no_wrap=("first", "last"))
    for r in rows:
        types_txt = ", ".join(f"{t} {n}" for t, n in list(r["types"].items())[:4])
        listing.rows.append([r["actor"], str(r["events"]), str(r["as_actor"]),
                             str(r["as_recipient"]), types_txt, str(r["outlets"]),
                             r["first"] or "", r["last"] or ""])
    emit(listing, fmt)


@app.command()
def state(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    changes: Annotated[
        bool, typer.Option("--changes", help="Only the days the status changed.")
    ] = False,
    limit: LimitOption = 0,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
) -> None:
    """The state of the negotiations by day: status, venue, mediators, parties, evidence."""
    fmt = chosen(fmt, as_json)
    since, until = date_range(since, until)
    from storyline.story.cache import load_kind
    from storyline.story.state import status_label

    with built_story(db) as store:
        days = load_kind(store, "state", since, until)
    if changes:
        days = [d for d in days if d.changed]
    days, total = limited(days, limit)
    listing = Listing("day", ["date", "status", "since", "venue", "mediators", "parties",
                              "evidence"],
                      records=lambda: [d.to_dict() for d in days], total=total,
                      no_wrap=("date", "since"))
    for d in days:
        ev = d.evidence[0] if d.changed and d.evidence else None
        listing.rows.append([
            d.date, status_label(d.status), d.since or "", d.venue or "",
            _join(d.mediators[:3]), _join(d.parties[:4]),
            f"{ev.outlet or ev.article_id[:8]}: “{ev.quote}”" if ev else "",
        ])
    emit(listing, fmt)
