"""The state of a negotiation on each day, from event clusters and the rules in
`data/state_rules.yaml`.

Each event cluster gets at most one signal (the first matching rule: PLOVER type, mode,
polarity, optional words, a status in force the day before, a minimum of independent reports).
Days are walked in order: the day's strongest signal (by the statuses' precedence) sets the
status, which then carries over to following days until another signal changes it or it expires
(`expires_days` without new evidence → "unknown"). Mediators and parties come from the roles in
CONSULT events (third-party consultations: actors mediate, recipients negotiate), the venue from
the latest consultation's location, and the last proposal from the latest event naming one.
Every day keeps the evidence records of the signals that set its status.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storyline.story.config import state_rules
from storyline.story.context import day, days_between
from storyline.story.records import EventCluster, Evidence, Mention, StateDay


@dataclass
class Signal:
    signal: str
    cluster: EventCluster
    min_reports: int = 1


def _words_of(c: EventCluster) -> str:
    return " ".join(m.sentence.lower() for m in c.mentions[:8])


def _has_word(text: str, words: Iterable[str]) -> bool:
    # match on word starts: "negotiat" matches negotiations and negotiators
    for w in words:
        w = w.lower()
        i = text.find(w)
        while i >= 0:
            if i == 0 or not text[i - 1].isalnum():
                return True
            i = text.find(w, i + 1)
    return False


def _matches(rule: dict[str, Any], c: EventCluster) -> bool:
    if rule.get("type") and rule["type"] != c.type:
        return False
    if rule.get("mode") and rule["mode"] != c.mode:
        return False
    if rule.get("polarity") and rule["polarity"] != c.polarity:
        return False
    if rule.get("words") and not _has_word(_words_of(c), rule["words"]):
        return False
    return True


def _cluster_day(c: EventCluster, rules: dict[str, Any]) -> str | None:
    if c.date_basis not in set(rules.get("bases") or []) or not c.date_earliest:
        return None
    lo, hi = day(c.date_earliest), day(c.date_latest or c.date_earliest)
    if lo is None or hi is None or (hi - lo).days > int(rules.get("max_interval_days", 2)):
        return None
    # an interval's last day is when the event is known to have happened by
    return hi.isoformat()


def _evidence(m: Mention, detail: str) -> Evidence:
    return Evidence(
        kind="event", article_id=m.article_id, start=m.start, end=m.end, quote=m.quote,
        sentence=m.sentence, outlet=m.outlet, date=m.date_earliest, detail=detail,
    )


def negotiation_state(
    clusters: Iterable[EventCluster], rules: dict[str, Any] | None = None
) -> list[StateDay]:
    """One StateDay per day from the first to the last day with evidence."""
    rules = rules or state_rules()
    statuses: dict[str, dict] = rules.get("statuses") or {}
    rule_list: list[dict] = rules.get("rules") or []
    roles = rules.get("roles") or {}
    proposal = rules.get("proposal") or {}

    by_day: dict[str, list[EventCluster]] = defaultdict(list)
    for c in clusters:
        d = _cluster_day(c, rules)
        if d:
            by_day[d].append(c)
    if not by_day:
        return []

    out: list[StateDay] = []
    status, since, last_evidence_day = "unknown", None, None
    status_evidence: list[Evidence] = []
    mediators: dict[str, str] = {}  # name -> last day seen
    parties: dict[str, str] = {}
    venue: str | None = None
    last_proposal: Evidence | None = None
    window = int(roles.get("window_days", 30))
    mediator_modes = set(roles.get("mediator_modes") or [])
    party_types = set(roles.get("party_types") or [])

    for d in days_between(min(by_day), max(by_day)):
        todays = sorted(by_day.get(d, ()), key=lambda c: c.id)
        signals: list[Signal] = []
        for c in todays:
            for rule in rule_list:
                if not _matches(rule, c):
                    continue
                if rule.get("during") and status not in rule["during"]:
                    continue
                signals.append(Signal(rule["signal"], c, int(rule.get("min_reports", 1))))
                break
        # rules with a minimum of reports count every cluster of that signal on the day
        kept: list[Signal] = []
        for s in signals:
            got = sum(len(x.cluster.articles) or 1 for x in signals if x.signal == s.signal)
            if got >= s.min_reports:
                kept.append(s)
        changed = False
        if kept:
            top = max(kept, key=lambda s: int(statuses.get(s.signal, {}).get("precedence", 1)))
            if top.signal != status:
                since = d
            status = top.signal
            changed = True
            last_evidence_day = d
            status_evidence = [
                _evidence(s.cluster.mentions[0], f"{s.signal}: {s.cluster.label}")
                for s in kept if s.signal == status
            ][:5]
        elif status != "unknown" and last_evidence_day is not None:
            expires = statuses.get(status, {}).get("expires_days")
            gap = (day(d) - day(last_evidence_day)).days
            if expires is not None and gap > int(expires):
                status, since, status_evidence = "unknown", d, []
                changed = True

        for c in todays:
            if c.polarity != "real":
                continue
            if c.type == "CONSULT" and c.mode in mediator_modes:
                for a in c.actors:
                    mediators[a] = d
                for r in c.recipients:
                    parties[r] = d
            elif c.type in party_types and _matches({"words": ["talk", "negotiat", "deal",
                                                               "proposal", "ceasefire", "truce"]},
                                                    c):
                for a in c.actors + c.recipients:
                    if a not in mediators:
                        parties[a] = d
            if c.type == "CONSULT" and c.location:
                venue = c.location
            if c.type in set(proposal.get("types") or []) and _has_word(
                _words_of(c), proposal.get("words") or []
            ):
                last_proposal = _evidence(c.mentions[0], c.label)
        cutoff = day(d).toordinal() - window
        med = _recent(mediators, cutoff)
        out.append(StateDay(
            date=d,
            status=status,
            changed=changed,
            since=since,
            venue=venue,
            mediators=med,
            parties=[p for p in _recent(parties, cutoff) if p not in med],
            last_proposal=last_proposal,
            signals=sorted({s.signal for s in signals}),
            evidence=list(status_evidence),
        ))
    return out


def _recent(names: dict[str, str], cutoff: int) -> list[str]:
    """Names seen on or after the cutoff day (ordinal), most recently seen first."""
    live = [(v, k) for k, v in names.items() if day(v).toordinal() >= cutoff]
    return [k for _, k in sorted(live, reverse=True)]


def status_label(status: str, rules: dict[str, Any] | None = None) -> str:
    rules = rules or state_rules()
    return (rules.get("statuses") or {}).get(status, {}).get("label", status)
