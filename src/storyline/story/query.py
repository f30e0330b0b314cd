"""Filters over cached story records for the commands and outputs (light: no spaCy, no numpy)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from types import SimpleNamespace

from storyline.story.records import Dispute, EventCluster, FigureSeries, TimelineEntry


def _has_actor(needle: str, *texts: str) -> bool:
    n = needle.lower()
    return any(n in (t or "").lower() for t in texts)


def _chosen(
    entries: Iterable[TimelineEntry],
    per_day: int,
    types: Iterable[str] | None,
    actor: str | None,
    outlet: str | None,
) -> list[TimelineEntry]:
    """Every entry that passes the filters, most important first, at most `per_day` a day."""
    wanted = {t.upper() for t in types} if types else None
    pool = [e for e in entries if wanted is None or e.type in wanted]
    if actor:
        pool = [e for e in pool if _has_actor(actor, e.label, e.summary)]
    if outlet:
        pool = [e for e in pool if _has_actor(outlet, *e.outlets)]
    pool.sort(key=lambda e: (-e.score, e.date, e.cluster_id or ""))
    used: Counter = Counter()
    chosen: list[TimelineEntry] = []
    for e in pool:
        if used[e.date] >= per_day:
            continue
        used[e.date] += 1
        chosen.append(e)
    return chosen


def select_entries(
    entries: Iterable[TimelineEntry],
    limit: int | None = 20,
    per_day: int = 2,
    types: Iterable[str] | None = None,
    actor: str | None = None,
    outlet: str | None = None,
) -> list[TimelineEntry]:
    """The most important entries (at most `per_day` a day), returned by date."""
    chosen = _chosen(entries, per_day, types, actor, outlet)
    if limit:
        chosen = chosen[:limit]
    chosen.sort(key=lambda e: (e.date, -e.score))
    return chosen


def top_entries(
    items: Iterable[dict],
    limit: int | None = 20,
    per_day: int = 2,
    types: Iterable[str] | None = None,
    actor: str | None = None,
    outlet: str | None = None,
) -> tuple[list[TimelineEntry], int | None]:
    """`select_entries` over cached timeline dicts, building records only for those chosen
    (building all of them was most of `storyline timeline`'s time on a large store); with the
    number there were before `limit` cut them (None when nothing was cut)."""
    chosen = _chosen((SimpleNamespace(**d) for d in items), per_day, types, actor, outlet)
    total = len(chosen) if limit and len(chosen) > limit else None
    chosen = chosen[:limit] if limit else chosen
    chosen.sort(key=lambda e: (e.date, -e.score))
    return [TimelineEntry.from_dict(vars(e)) for e in chosen], total


def filter_series(
    series: Iterable[FigureSeries], kind: str | None = None, subject: str | None = None,
    source: str | None = None, since: str | None = None, until: str | None = None,
    outlet: str | None = None,
) -> list[FigureSeries]:
    """Series by kind and subject, their points cut to [since, until] and to those given by
    `source` (who states the figure: its canonical actor, or its words as written when it
    resolved to none) and reported by `outlet`."""
    out = []
    for s in series:
        if kind and kind.lower() not in s.kind.lower():
            continue
        if subject and not _has_actor(subject, s.subject or "", *s.subjects):
            continue
        points = [
            p for p in s.points
            if (not since or (p.date or "") >= since) and (not until or (p.date or "") <= until)
            and (not source or _has_actor(source, p.source_actor or p.source or ""))
            and (not outlet or _has_actor(outlet, p.outlet or ""))
        ]
        if not points:
            continue
        s.points = points
        s.disagreements = [
            d for d in s.disagreements
            if (not since or d.date >= since) and (not until or d.date <= until)
        ]
        out.append(s)
    return out


def filter_disputes(
    disputes: Iterable[Dispute], kind: str | None = None, actor: str | None = None
) -> list[Dispute]:
    out = []
    for d in disputes:
        if kind and d.kind != kind:
            continue
        if actor and not _has_actor(actor, d.a.who or "", d.b.who or "", d.a.side or "",
                                    d.b.side or "", d.topic):
            continue
        out.append(d)
    return out


def filter_clusters(
    clusters: Iterable[EventCluster], types: Iterable[str] | None = None,
    actor: str | None = None,
) -> list[EventCluster]:
    wanted = {t.upper() for t in types} if types else None
    return [
        c for c in clusters
        if (wanted is None or c.type in wanted)
        and (not actor or _has_actor(actor, *c.actors, *c.recipients))
    ]


def actor_table(clusters: Iterable[EventCluster]) -> list[dict]:
    """Per actor: events as actor and as recipient, by type, outlets, first and last day."""
    rows: dict[str, dict] = {}
    for c in clusters:
        if c.polarity != "real":
            continue
        for role, names in (("actor", c.actors), ("recipient", c.recipients)):
            for name in names:
                r = rows.setdefault(name, {
                    "actor": name, "as_actor": 0, "as_recipient": 0, "types": Counter(),
                    "outlets": set(), "first": None, "last": None,
                })
                r["as_" + role] += 1
                r["types"][c.type] += 1
                r["outlets"].update(c.outlets)
                if c.date_earliest:
                    r["first"] = min(filter(None, [r["first"], c.date_earliest]))
                    r["last"] = max(filter(None, [r["last"], c.date_earliest]))
    out = []
    for r in rows.values():
        out.append({
            "actor": r["actor"], "events": r["as_actor"] + r["as_recipient"],
            "as_actor": r["as_actor"], "as_recipient": r["as_recipient"],
            "types": dict(r["types"].most_common()), "outlets": len(r["outlets"]),
            "first": r["first"], "last": r["last"],
        })
    out.sort(key=lambda r: (-r["events"], r["actor"]))
    return out
