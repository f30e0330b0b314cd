"""`storyline negotiation`: the negotiation record, as `storyline build` cached it.

The record's items (rounds of talks, proposals, responses, agreements, truces with their start,
extensions and end, releases, rescues, pressure) with their parties, mediators, venue, terms and
sources; with `--positions`, each party's stated positions and where they changed. Every row
keeps its quote; `--format json` prints the full records (an export of the record), csv and tsv
one row per item.
"""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.app import (
    DbOption,
    FormatJsonOption,
    LimitOption,
    SinceOption,
    UntilOption,
    app,
    date_range,
)
from storyline.commands.formats import FormatOption, Listing, chosen, emit, limited
from storyline.commands.story import built_story


def _terms(terms: dict[str, float]) -> str:
    def num(v: float) -> str:
        return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"

    return ", ".join(f"{k.replace('_', ' ')} {num(v)}" for k, v in terms.items())


def _cite(item) -> str:  # noqa: ANN001 - a NegotiationItem or a Position
    ev = item.evidence[0] if getattr(item, "evidence", None) and isinstance(
        item.evidence, list) else getattr(item, "evidence", None)
    if not ev:
        return ""
    return f"{ev.outlet or ev.article_id[:8]}: “{ev.quote}”"


def _when(date: str | None, latest: str | None) -> str:
    if not date:
        return "undated"
    return date if not latest or latest == date else f"{date} – {latest}"


@app.command()
def negotiation(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kinds: Annotated[list[str] | None, typer.Option(
        "--kind", "-k", help="Record kind (repeatable): talks, proposal, response, agreement, "
        "truce, truce_start, truce_extended, truce_end, release, rescue, pressure, suspension, "
        "resolution.")] = None,
    party: Annotated[str | None, typer.Option(
        "--party", "-p", help="Only items or positions of this party or mediator (substring).")
    ] = None,
    positions: Annotated[bool, typer.Option(
        "--positions", help="Each party's stated positions instead of the items.")] = False,
    changes: Annotated[bool, typer.Option(
        "--changes", help="With --positions: only where a position changed.")] = False,
    reported: Annotated[bool, typer.Option(
        "--all", help="Also items only planned, denied or carried by a statement alone.")
    ] = False,
    limit: LimitOption = 0,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
) -> None:
    """The negotiation record: talks, proposals, responses, agreements, truces, releases."""
    fmt = chosen(fmt, as_json)
    since, until = date_range(since, until)
    from storyline.story.cache import load_kind

    needle = party.lower() if party else None
    with built_story(db) as store:
        if positions:
            rows = load_kind(store, "position", since, until)
        else:
            rows = load_kind(store, "negotiation", since, until)
    if positions:
        if needle:
            rows = [p for p in rows if needle in p.party.lower()]
        if changes:
            rows = [p for p in rows if p.changed]
        rows, total = limited(rows, limit)
        listing = Listing("position", ["date", "party", "stance", "topic", "changed", "said",
                                       "by", "source"],
                          records=[p.to_dict() for p in rows], total=total,
                          no_wrap=("date",))
        for p in rows:
            listing.rows.append([p.date or "undated", p.party, p.stance, p.topic or "",
                                 "changed" if p.changed else "", p.text, p.speaker,
                                 _cite(p)])
        emit(listing, fmt)
        return
    wanted = {k.lower() for k in kinds} if kinds else None
    rows = [i for i in rows
            if (wanted is None or i.kind in wanted)
            and (reported or (i.polarity == "real" and i.type))
            and (not needle or any(needle in n.lower()
                                   for n in i.parties + i.mediators + i.actors))]
    rows, total = limited(rows, limit)
    listing = Listing("item", ["date", "kind", "parties", "mediators", "venue", "detail",
                               "summary", "sources"],
                      records=[i.to_dict() for i in rows], total=total,
                      no_wrap=("date", "kind"))
    for i in rows:
        detail = "; ".join(x for x in (i.outcome or "", i.response or "", _terms(i.terms),
                                       "" if i.polarity == "real" else i.polarity) if x)
        outlets = sorted({s.outlet or s.article_id[:8] for s in i.sources})
        listing.rows.append([
            _when(i.date, i.date_latest), i.kind, ", ".join(i.parties), ", ".join(i.mediators),
            i.venue or "", detail, i.summary,
            f"{', '.join(outlets[:3])} ({len(i.sources)} art.)",
        ])
    emit(listing, fmt)
