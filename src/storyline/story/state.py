"""The state of a negotiation on each day, derived from its record (`story.negotiation`).

A day is "truce in effect" exactly when it falls inside one of the record's truces (rebuilt from
their reported start, end and length, `story.truces`); the day after a truce that was reported to
end is "truce collapsed". Other statuses come from the record's items through `state.set_by` of
`data/state_rules.yaml` (a round of talks held: talks active; one that broke down or a proposal
rejected: stalled; an agreement; a suspended mediation). A new status takes over only when the
items of the last `window_days` days that signal it rest on at least `min_articles` articles, so
one stray report does not flip the state; it holds until another status takes over or it
expires (`expires_days` without new evidence: "no recent evidence"). Only items dated to a day
(explicitly, relatively, or by publication when enough articles report them) signal anything.
Each day names the venue of the latest talks, the mediators and parties at the table in the last
`roles_window_days` days (actors taking part in talks, proposals and responses, never anyone
merely quoted), the latest proposal, and the evidence of its status.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from storyline.story.config import state_rules
from storyline.story.context import day, days_between
from storyline.story.records import Evidence, NegotiationItem, StateDay

TRUCE, COLLAPSED, UNKNOWN = "truce", "collapsed", "unknown"
ROLE_KINDS = ("talks", "proposal", "response", "agreement")


def _item_day(item: NegotiationItem, p: dict[str, Any]) -> str | None:
    if not item.date or item.date_basis not in set(p.get("bases") or []):
        return None
    lo, hi = day(item.date), day(item.date_latest or item.date)
    if lo is None or hi is None or (hi - lo).days > 1:
        return None
    if item.date_basis == "publication" and _articles(item) < int(
            p.get("publication_min_articles", 3)):
        return None
    return lo.isoformat()


def _articles(item: NegotiationItem) -> int:
    return len({s.article_id for s in item.sources}) or 1


def _signal(item: NegotiationItem, set_by: dict[str, str]) -> str | None:
    for key in (f"{item.kind}/{item.outcome}", f"{item.kind}/{item.response}", item.kind):
        if key in set_by:
            return set_by[key]
    return None


def _truce_days(items: Iterable[NegotiationItem]) -> dict[str, NegotiationItem]:
    out: dict[str, NegotiationItem] = {}
    for item in items:
        if item.kind == "truce" and item.date and item.date_latest:
            for d in days_between(item.date, item.date_latest):
                out[d] = item
    return out


def negotiation_state(
    items: Sequence[NegotiationItem], first: str | None = None, last: str | None = None,
    rules: dict[str, Any] | None = None,
) -> list[StateDay]:
    """One StateDay per day of [first, last] (default: the record's first to last dated day)."""
    rules = rules or state_rules()
    p = dict(rules.get("state") or {})
    statuses: dict[str, dict] = rules.get("statuses") or {}
    set_by = {str(k): str(v) for k, v in (p.get("set_by") or {}).items()}
    window, need = int(p.get("window_days", 7)), int(p.get("min_articles", 2))
    roles_window = int(p.get("roles_window_days", 30))
    min_days = int(p.get("min_days", 0))

    signals: dict[str, list[tuple[str, NegotiationItem]]] = defaultdict(list)
    roles: dict[str, list[NegotiationItem]] = defaultdict(list)
    for item in items:
        d = _item_day(item, p)
        if d is None or item.polarity == "negated":
            continue
        status = _signal(item, set_by)
        if not item.type and not p.get("statement_items"):
            status = None  # an item only a statement carries does not set the state
        if status and (item.polarity == "real" or item.kind == "talks"):
            signals[d].append((status, item))
        if item.kind in ROLE_KINDS:
            roles[d].append(item)
    truce_days = _truce_days(items)
    ended = {day(i.date).toordinal() for i in items if i.kind == "truce_end" and i.date}
    dated = sorted(set(signals) | set(truce_days))
    if not dated:
        return []
    first = first or dated[0]
    last = last or dated[-1]
    if last < first:
        return []

    out: list[StateDay] = []
    status, since, last_evidence = UNKNOWN, None, None
    evidence: list[Evidence] = []
    for d in days_between(first, last):
        today = day(d).toordinal()
        changed = False
        seen_today = sorted({s for s, _ in signals.get(d, ())})
        if d in truce_days:
            truce = truce_days[d]
            if status != TRUCE:
                status, since, changed = TRUCE, truce.date, True
                evidence = list(truce.evidence[:5])
            last_evidence = today
        elif status == TRUCE:
            # the truce is over: collapsed when its end was reported, else what came before
            status, since, changed = (COLLAPSED if today in ended else UNKNOWN), d, True
            evidence = []
            last_evidence = today
        if d not in truce_days:
            weight: dict[str, set[str]] = defaultdict(set)
            backing: dict[str, list[NegotiationItem]] = defaultdict(list)
            for back in days_between(_iso(today - window + 1), d):
                for s, item in signals.get(back, ()):
                    weight[s].update(src.article_id for src in item.sources)
                    backing[s].append(item)
            # of the statuses enough articles support, the one of highest precedence: talks
            # that broke down are stalled however many articles still report talks
            ranked = sorted((s for s in weight if len(weight[s]) >= need),
                            key=lambda s: (_prec(statuses, s), len(weight[s])), reverse=True)
            top = ranked[0] if ranked else None
            if top and any(s == top for s, _ in signals.get(d, ())):
                # a status holds min_days against a weaker one; a stronger one takes over
                settled = since is None or status in (UNKNOWN, COLLAPSED) or \
                    today - day(since).toordinal() >= min_days or \
                    _prec(statuses, top) > _prec(statuses, status)
                if top != status and settled:
                    status, since, changed = top, d, True
                    evidence = [e for it in backing[top][-5:] for e in it.evidence[:1]]
                last_evidence = today
            elif status not in (UNKNOWN, TRUCE) and last_evidence is not None:
                expires = statuses.get(status, {}).get("expires_days")
                if expires is not None and today - last_evidence > int(expires):
                    status, since, changed, evidence = UNKNOWN, d, True, []
        venue, mediators, parties, proposal = _roles(roles, today, roles_window)
        out.append(StateDay(date=d, status=status, changed=changed, since=since, venue=venue,
                            mediators=mediators, parties=parties, last_proposal=proposal,
                            signals=seen_today, evidence=list(evidence)))
    return out


def _iso(ordinal: int) -> str:
    from datetime import date

    return date.fromordinal(ordinal).isoformat()


def _prec(statuses: dict[str, dict], status: str) -> int:
    return int(statuses.get(status, {}).get("precedence", 1))


def _roles(roles: dict[str, list[NegotiationItem]], today: int, window: int
           ) -> tuple[str | None, list[str], list[str], Evidence | None]:
    venue, proposal = None, None
    mediators: list[str] = []
    parties: list[str] = []
    for back in range(today, today - window, -1):
        for item in roles.get(_iso(back), ()):
            if venue is None and item.kind == "talks" and item.venue and item.polarity == "real":
                venue = item.venue
            if proposal is None and item.kind == "proposal" and item.evidence:
                proposal = item.evidence[0]
            mediators += [m for m in item.mediators if m not in mediators]
            parties += [x for x in item.parties if x not in parties and x not in item.mediators]
    return venue, mediators, [x for x in parties if x not in mediators], proposal


def status_label(status: str, rules: dict[str, Any] | None = None) -> str:
    rules = rules or state_rules()
    return (rules.get("statuses") or {}).get(status, {}).get("label", status)
