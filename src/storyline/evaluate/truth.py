"""Loaders for the story truth in ../shared/gold: the negotiation's truce periods and milestones.

`gold/negotiation.yaml` (its header explains it) lists the truce periods (a day is "truce in
effect" exactly when it falls inside one) and dated milestones, each with its kind, the PLOVER
types that may record it and the parties one of which an event must name.

The truth's negotiation status by day, against which the number of status changes is compared,
is derived here from those two lists (the gold states no status): a truce period's days are
"truce"; otherwise the status set by the latest status-bearing milestone holds (`STATUS_OF_KIND`:
talks, proposals and responses mean talks are active, a rejection stalls them, an agreement is an
agreement, a truce's end is a collapse, a suspended mediation is a suspension). Attacks, strikes,
offensives, blockades, releases, rescues and resolutions set no status. Nothing expires: the gold
holds no evidence of talks going quiet, so this count is a floor on the real number of changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

# gold milestone kind -> the negotiation status it puts in force (see the module docstring)
STATUS_OF_KIND = {
    "talks": "talks_active",
    "proposal": "talks_active",
    "response": "talks_active",
    "rejection": "stalled",
    "agreement": "agreement",
    "truce_start": "truce",
    "truce_extended": "truce",
    "truce_end": "collapsed",
    "mediation_suspended": "suspended",
}


@dataclass(frozen=True)
class Milestone:
    date: str
    kind: str
    plover: tuple[str, ...]
    parties: tuple[str, ...]
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "kind": self.kind, "plover": list(self.plover),
                "parties": list(self.parties), "summary": self.summary}


@dataclass(frozen=True)
class TrucePeriod:
    start: str
    end: str
    note: str = ""


@dataclass
class NegotiationTruth:
    tolerance_days: int = 1
    truce_periods: list[TrucePeriod] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)

    def truce_days(self, first: str, last: str) -> set[str]:
        """The truth's truce days inside [first, last]."""
        out: set[str] = set()
        for p in self.truce_periods:
            for d in days(max(p.start, first), min(p.end, last)):
                out.add(d)
        return out

    def milestones_in(self, first: str, last: str) -> list[Milestone]:
        return [m for m in self.milestones if first <= m.date <= last]

    def status_by_day(self, first: str, last: str) -> dict[str, str]:
        """The derived status of each day in [first, last] ("unknown" before any milestone)."""
        setting = sorted(
            (m.date, m.kind) for m in self.milestones if m.kind in STATUS_OF_KIND
        )
        truce = self.truce_days("0000-01-01", "9999-12-31")
        out: dict[str, str] = {}
        status, i = "unknown", 0
        for d in days(min([first] + [s[0] for s in setting]), last):
            while i < len(setting) and setting[i][0] <= d:
                status = STATUS_OF_KIND[setting[i][1]]
                i += 1
            today = "truce" if d in truce else ("collapsed" if status == "truce" else status)
            if d >= first:
                out[d] = today
        return out

    def status_changes(self, first: str, last: str) -> list[dict[str, str]]:
        """Each day in (first, last] whose derived status differs from the day before."""
        by_day = self.status_by_day(first, last)
        out, prev = [], None
        for d in sorted(by_day):
            if prev is not None and by_day[d] != prev:
                out.append({"date": d, "from": prev, "to": by_day[d]})
            prev = by_day[d]
        return out


def days(first: str, last: str) -> list[str]:
    """Every ISO day from first to last, both included (empty when last < first)."""
    a, b = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    return [(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


def _day(value: Any, where: str) -> str:
    text = value.isoformat() if isinstance(value, date) else str(value)
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def load_negotiation(path: Path) -> NegotiationTruth:
    """Read `negotiation.yaml`; a malformed file raises ValueError naming it and the problem."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not YAML ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with truce_periods and milestones")
    truth = NegotiationTruth(tolerance_days=int(data.get("tolerance_days", 1)))
    for n, p in enumerate(data.get("truce_periods") or [], 1):
        if not isinstance(p, dict) or "start" not in p or "end" not in p:
            raise ValueError(f"{path}: truce period {n} needs a start and an end")
        truth.truce_periods.append(TrucePeriod(
            _day(p["start"], f"{path}: truce period {n}"),
            _day(p["end"], f"{path}: truce period {n}"), str(p.get("note") or "")))
    for n, m in enumerate(data.get("milestones") or [], 1):
        if not isinstance(m, dict) or "date" not in m or not m.get("plover"):
            raise ValueError(f"{path}: milestone {n} needs a date and plover types")
        truth.milestones.append(Milestone(
            date=_day(m["date"], f"{path}: milestone {n}"),
            kind=str(m.get("kind") or ""),
            plover=tuple(str(t).upper() for t in m["plover"]),
            parties=tuple(str(p) for p in m.get("parties") or ()),
            summary=str(m.get("summary") or ""),
        ))
    truth.milestones.sort(key=lambda m: m.date)
    return truth
