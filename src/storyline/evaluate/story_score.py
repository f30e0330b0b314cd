"""Scoring a built story against the negotiation truth (pure functions; the command is story.py).

- truce days: the days the story's state says "truce" against the truth's truce days, over the
  corpus's period (first to last publication day), as precision, recall and F1;
- status changes: how often the story's status changes, per 30 days, beside the truth's
  (derived from the gold as `evaluate.truth` explains);
- milestones: for each gold milestone inside the period, whether an entry dated within
  ±tolerance days, of one of its PLOVER types, with an actor or recipient standing for one of its
  parties (`story.sides`: a state's minister stands for the state) is among the timeline's top 20,
  top 50 (as `storyline timeline -n N` picks them), anywhere in the negotiation record, or (a
  diagnostic, not a bar) anywhere among the story's event clusters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.evaluate.truth import Milestone, NegotiationTruth, days
from storyline.story.context import day
from storyline.story.query import select_entries
from storyline.story.records import (
    Dispute,
    EventCluster,
    NegotiationItem,
    StateDay,
    TimelineEntry,
)
from storyline.story.sides import names_any

TRUCE_STATUS = "truce"
LEVELS = ("top20", "top50", "record", "clusters")


@dataclass(frozen=True)
class Candidate:
    """Something a milestone can be found in: a timeline entry, a record item, a cluster."""

    date: str
    types: tuple[str, ...]
    names: tuple[str, ...]  # actors and recipients
    label: str
    where: str  # "timeline #3", "record: talks", "cluster ev-…"

    def matches(self, m: Milestone, tolerance: int) -> bool:
        d, md = day(self.date), day(m.date)
        if d is None or md is None or abs((d - md).days) > tolerance:
            return False
        if not set(self.types) & set(m.plover):
            return False
        return not m.parties or names_any(self.names, m.parties)

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "types": list(self.types), "actors": list(self.names),
                "label": self.label, "where": self.where}


def _f1(p: float | None, r: float | None) -> float:
    return 2 * p * r / (p + r) if p and r else 0.0


def score_truce_days(
    state: Sequence[StateDay], truth: NegotiationTruth, first: str, last: str
) -> dict[str, Any]:
    """Precision, recall and F1 of the story's truce days over [first, last]."""
    predicted = {s.date for s in state if s.status == TRUCE_STATUS and first <= s.date <= last}
    gold = truth.truce_days(first, last)
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else None
    r = tp / len(gold) if gold else None
    evidence = {s.date: s.evidence[0].quote if s.evidence else "" for s in state
                if s.date in predicted - gold}
    return {
        "truth_days": len(gold), "predicted_days": len(predicted), "true_positive": tp,
        "precision": p, "recall": r, "f1": _f1(p, r),
        "false_days": [{"date": d, "evidence": evidence.get(d, "")}
                       for d in sorted(predicted - gold)],
        "missed_days": sorted(gold - predicted),
    }


def status_changes(state: Sequence[StateDay], first: str, last: str) -> list[dict[str, str]]:
    """Days in (first, last] whose status differs from the day before (a day the state does not
    cover counts as "unknown")."""
    by_day = {s.date: s.status for s in state}
    out, prev = [], None
    for d in days(first, last):
        now = by_day.get(d, "unknown")
        if prev is not None and now != prev:
            out.append({"date": d, "from": prev, "to": now})
        prev = now
    return out


def score_status_changes(
    state: Sequence[StateDay], truth: NegotiationTruth, first: str, last: str
) -> dict[str, Any]:
    n_days = len(days(first, last))
    mine = status_changes(state, first, last)
    theirs = truth.status_changes(first, last)
    per30 = 30 * len(mine) / n_days if n_days else 0.0
    truth30 = 30 * len(theirs) / n_days if n_days else 0.0
    return {
        "days": n_days, "changes": len(mine), "per_30_days": per30,
        "truth_changes": len(theirs), "truth_per_30_days": truth30,
        "ratio": (per30 / truth30) if truth30 else None,
        "truth_change_days": theirs,
    }


def timeline_candidates(
    entries: Sequence[TimelineEntry], clusters: dict[str, EventCluster], limit: int
) -> list[Candidate]:
    """The timeline's top `limit` entries as `storyline timeline -n limit` picks them."""
    out = []
    for rank, e in enumerate(select_entries(entries, limit=limit), 1):
        c = clusters.get(e.cluster_id or "")
        names = tuple(e.actors) if e.actors else tuple(c.actors + c.recipients) if c else ()
        out.append(Candidate(e.date, _types(e.type, e.cluster_ids, clusters), names,
                             e.label or e.summary, f"timeline #{rank}: {e.summary}"))
    return out


def _types(main: str, cluster_ids: Iterable[str], clusters: dict[str, EventCluster]
           ) -> tuple[str, ...]:
    """The PLOVER types an entry was reported as: its own and those of the clusters it merged
    (one event that some reports code as SUPPORT and others as REQUEST)."""
    out = [main] if main else []
    for cid in cluster_ids:
        c = clusters.get(cid)
        if c and c.type not in out:
            out.append(c.type)
    return tuple(out)


def record_candidates(items: Iterable[NegotiationItem],
                      clusters: dict[str, EventCluster] | None = None) -> list[Candidate]:
    clusters = clusters or {}
    return [
        Candidate(i.date or "", _types(i.type, i.cluster_ids, clusters),
                  tuple(i.actors + i.recipients + i.parties), i.summary,
                  f"record {i.kind}: {i.summary}")
        for i in items if i.polarity == "real" and i.date
    ]


def cluster_candidates(clusters: Iterable[EventCluster]) -> list[Candidate]:
    return [
        Candidate(c.date_earliest or "", (c.type,), tuple(c.actors + c.recipients), c.label,
                  f"cluster {c.id}: {c.summary}")
        for c in clusters if c.polarity == "real" and c.date_earliest
    ]


def score_milestones(
    milestones: Sequence[Milestone],
    levels: dict[str, list[Candidate] | None],
    tolerance: int,
) -> dict[str, Any]:
    """Each milestone found or missed at each level (None: the level does not exist)."""
    rows = []
    found = {k: 0 for k in levels}
    for m in milestones:
        row: dict[str, Any] = {"milestone": m.to_dict()}
        md = day(m.date)
        for level, cands in levels.items():
            if cands is None:
                row[level] = None
                continue
            hits = [c for c in cands if c.matches(m, tolerance)]
            # the nearest in date first, then the first listed (the higher ranked)
            hits.sort(key=lambda c: abs((day(c.date) - md).days))
            row[level] = hits[0].to_dict() if hits else None
            found[level] += bool(hits)
        rows.append(row)
    n = len(milestones)
    return {
        "milestones": n,
        "found": {k: (found[k] if levels[k] is not None else None) for k in levels},
        "recall": {k: (found[k] / n if n and levels[k] is not None else None) for k in levels},
        "rows": rows,
    }


# --------------------------------------------------------------------------- the seeds


def _rests_on(item: NegotiationItem, article_id: str) -> bool:
    return any(e.article_id == article_id for e in item.evidence) or any(
        s.article_id == article_id for s in item.sources)


def _item_meets(item: NegotiationItem, want: dict[str, Any]) -> bool:
    kinds = want.get("kind")
    if kinds and item.kind not in ([kinds] if isinstance(kinds, str) else kinds):
        return False
    if want.get("venue_any") and (item.venue or "").lower() not in {
            v.lower() for v in want["venue_any"]}:
        return False
    if want.get("mediators_any") and not names_any(item.mediators, want["mediators_any"]):
        return False
    if want.get("mediators_all") and not all(
            names_any(item.mediators, [m]) for m in want["mediators_all"]):
        return False
    if want.get("parties_any") and not names_any(item.parties, want["parties_any"]):
        return False
    if want.get("outcome_any") and item.outcome not in want["outcome_any"]:
        return False
    if want.get("words_any"):
        text = " ".join([item.summary] + [e.sentence or e.quote for e in item.evidence]).lower()
        if not any(w.lower() in text for w in want["words_any"]):
            return False
    return True


def _dispute_between(disputes: Sequence[Dispute], want: dict[str, Any]) -> Dispute | None:
    a, b = want["dispute_between"][:2]
    words = [w.lower() for w in want.get("words_any") or []]
    for d in disputes:
        one = [n for n in (d.a.who, d.a.side) if n]
        other = [n for n in (d.b.who, d.b.side) if n]
        if not ((names_any(one, [a]) and names_any(other, [b]))
                or (names_any(one, [b]) and names_any(other, [a]))):
            continue
        if not words or any(w in d.topic.lower() for w in words):
            return d
    return None


def check_seeds(
    expectations: Sequence[dict[str, Any]],
    article_ids: dict[str, str],
    items: Sequence[NegotiationItem],
    disputes: Sequence[Dispute],
) -> list[dict[str, Any]]:
    """Each seed's expectations met or not, with the item or dispute that met each."""
    out = []
    for seed in expectations:
        aid = article_ids.get(seed["file"])
        checks = []
        for want in seed.get("expect") or []:
            hit: dict[str, Any] | None = None
            if aid is None:
                pass
            elif want.get("dispute_between"):
                d = _dispute_between(disputes, want)
                if d is not None:
                    hit = {"dispute": d.topic, "a": d.a.who, "b": d.b.who}
            else:
                for item in items:
                    if _rests_on(item, aid) and _item_meets(item, want):
                        hit = {"item": item.kind, "date": item.date, "summary": item.summary,
                               "venue": item.venue, "mediators": item.mediators}
                        break
            checks.append({"expect": want, "met": hit is not None, "by": hit})
        out.append({"file": seed["file"], "what": seed.get("what", ""),
                    "found": aid is not None, "checks": checks,
                    "met": aid is not None and all(c["met"] for c in checks)})
    return out
