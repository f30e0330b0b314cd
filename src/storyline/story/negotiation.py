"""The negotiation record: what happened at the table, built from the story's event clusters,
statements and figures by the rules of `data/state_rules.yaml`.

An event cluster is part of the negotiation only when its actors or recipients stand for the
story profile's parties, mediators or bodies (`profile`); the first `record.rules` entry whose
conditions hold (PLOVER type, mode, polarity, words in its sentences) makes it an item: a round
of talks (with its venue, mediators, delegations and outcome), a proposal (with the terms it
states), a response (accept, reject, amend, and by whom), an agreement, a release or rescue (with
its counts), a suspension of mediation, a resolution, or a pressure event (an offensive, a
blockade). Truces come from `story.truces`: a truce item spans its days, with start, extension
and end items beside it. Items of one kind on one day that share a party are one event, merged.
Each party's positions come from its statements and its REQUEST/REJECT events (`positions`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.extract.numbers import find_quantities
from storyline.records import Figure, Statement
from storyline.story.clusters import BASIS_RANK, one_line
from storyline.story.config import section
from storyline.story.context import Articles, actor_name, day, speaker_label, unnamed_speaker
from storyline.story.memo import StoryMemo
from storyline.story.records import (
    EventCluster,
    Evidence,
    Mention,
    NegotiationItem,
    Position,
    SourceRef,
)
from storyline.story.rules import NegotiationRules, default_rules, name_finder
from storyline.story.truces import Truce, build_truces, truce_phases


@dataclass
class NegotiationRecord:
    items: list[NegotiationItem] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    truces: list[Truce] = field(default_factory=list)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _evidence(m: Mention, detail: str) -> Evidence:
    return Evidence(kind="event", article_id=m.article_id, start=m.start, end=m.end,
                    quote=m.quote, sentence=m.sentence, outlet=m.outlet, date=m.date_earliest,
                    detail=detail)


def _outsider(name: str, rules: NegotiationRules) -> bool:
    """An actor the lexicon knows by name, none of whose names stands for a role ("European
    Union"; not "the Northland envoy", who stands for a mediator, nor unnamed "negotiators")."""
    found = [hit[0] for hit in name_finder(rules.actors).find(name)]
    return bool(found) and all(rules.role_of(n) is None for n in found)


class _Roles:
    """The profile roles of a cluster's actors and recipients, and (computed when first asked)
    of the names in its sentences."""

    def __init__(self, c: EventCluster, rules: NegotiationRules) -> None:
        self.cluster, self.rules = c, rules
        self.parties: list[str] = []
        self.mediators: list[str] = []
        self.bodies: list[str] = []
        for name in c.actors + c.recipients:
            self._add(rules.role_of(name))
        self.acting_parties = list(dict.fromkeys(
            p for p in (rules.party_of(n) for n in c.actors) if p))
        # a meeting of an actor the lexicon knows that stands for no one at the table ("EU
        # leaders met at a summit overshadowed by the war between A and B"): the sides its
        # sentence names are the context of the meeting, not its company (an outsider's word
        # on a proposal, "the G7 backed the plan", still names whose plan it is)
        self.outsider_acts = c.type == "CONSULT" and not (
            self.parties or self.mediators or self.bodies) and any(
            _outsider(n, rules) for n in c.actors)
        self._named: tuple[list[str], list[str]] | None = None

    def _names(self) -> tuple[list[str], list[str]]:
        # names in the sentences widen who is at the table, never who acted
        if self._named is None:
            parties: list[str] = []
            mediators: list[str] = []
            for m in self.cluster.mentions[:6] if not self.outsider_acts else ():
                for name, _how, _at, _text in name_finder(self.rules.actors).find(m.sentence):
                    role = self.rules.role_of(name)
                    if role and role[0] == "party" and role[1] not in parties:
                        parties.append(role[1])
                    elif role and role[0] == "mediator" and role[1] not in mediators:
                        mediators.append(role[1])
            self._named = (parties, mediators)
        return self._named

    @property
    def named_parties(self) -> list[str]:
        return self._names()[0]

    @property
    def named_mediators(self) -> list[str]:
        return self._names()[1]

    def _add(self, role: tuple[str, str] | None) -> None:
        if role is None:
            return
        bucket = {"party": self.parties, "mediator": self.mediators, "body": self.bodies}[role[0]]
        if role[1] not in bucket:
            bucket.append(role[1])

    def count(self, named: bool) -> int:
        """How many distinct parties and mediators take part (or are named)."""
        names = self.parties + self.mediators
        if named:
            names += self.named_parties + self.named_mediators
        return len(set(names))

    def involves(self, what: str, named: bool = False) -> bool:
        """Whether the event involves the profile's parties, mediators, bodies or either of
        the first two (`negotiators`); `named` also counts those its sentences name."""
        parties = self.parties + (self.named_parties if named else [])
        mediators = self.mediators + (self.named_mediators if named else [])
        if what == "any":
            return True
        if what == "parties":
            return bool(parties)
        if what == "acting_parties":  # a party is among those who act, not only acted upon
            return bool(self.acting_parties)
        if what == "mediators":
            return bool(mediators)
        if what == "bodies":
            return bool(self.bodies)
        return bool(parties or mediators)  # negotiators


def _rule_matches(rule: dict[str, Any], c: EventCluster, sentences: list[str], roles: _Roles,
                  rules: NegotiationRules) -> int | None:
    """The index of the first of the cluster's sentences on which the rule holds (its word
    conditions all hold in that one sentence), or None."""
    if rule.get("types") and c.type not in _as_list(rule["types"]):
        return None
    if rule.get("modes") and c.mode not in _as_list(rule["modes"]):
        return None
    if rule.get("polarity") and c.polarity not in _as_list(rule["polarity"]):
        return None
    if len(c.articles) < int(rule.get("min_articles", 1)):
        return None
    hits = [n for n, text in enumerate(sentences) if _words_hold(rule, text, rules)]
    # `min_hits`: that many of the sentences must say it ("an assault is a rescue" rests on
    # more than one report's wording, not on one analyst's aside)
    if len(hits) < max(1, int(rule.get("min_hits", 1))):
        return None
    # the best-dated of the sentences that say it (a day's report before an undated aside)
    hit = min(hits, key=lambda n: BASIS_RANK.get(c.mentions[n].date_basis, 3))
    named = bool(rule.get("named"))
    if not roles.involves(str(rule.get("involves", "negotiators")), named):
        return None
    if rule.get("min_roles") and roles.count(named) < int(rule["min_roles"]):
        return None
    return hit


def _outcome(c: EventCluster, text: str, rules: NegotiationRules) -> str | None:
    for name, cond in (rules.section("record").get("outcomes") or {}).items():
        cond = cond or {}
        if cond.get("polarity") and c.polarity not in _as_list(cond["polarity"]):
            continue
        if cond.get("words") and not rules.words(cond["words"]).search(text):
            continue
        return str(name)
    return None


def terms_of(sentence: str, rules: NegotiationRules) -> dict[str, float]:
    """Counts a sentence states: a number counting one of `record.terms`' nouns, and a pause's
    length in days."""
    from storyline.story.truces import _duration

    out: dict[str, float] = {}
    low = sentence.lower()
    terms = rules.section("record").get("terms") or {}
    for q in find_quantities(sentence):
        if q.value is None or q.unit:
            continue
        following = " ".join(low[q.end:].split()[:3])
        for key, nouns in terms.items():
            if key not in out and rules.words(_as_list(nouns)).search(following):
                out[key] = q.value
                break
    for m in rules.words("pause").finditer(low):
        length = _duration(low[: m.start()], rules)
        if length:
            out.setdefault("pause_days", float(length))
            break
    return out


def _venue(c: EventCluster, rules: NegotiationRules) -> str | None:
    """The event's location, else a place standing for a state (a capital) that a preposition
    of `record.venue_preps` introduces within a few words: "in the Egyptian capital Cairo"."""
    if c.location:
        return c.location
    preps = {str(p).lower() for p in rules.section("record").get("venue_preps") or []}
    for m in c.mentions[:6]:
        for _name, how, at, surface in name_finder(rules.actors).find(m.sentence):
            before = m.sentence[:at].lower().split()[-4:]
            if how == "metonym" and preps & set(before):
                return surface
    return None


def _words_hold(rule: dict[str, Any], text: str, rules: NegotiationRules) -> bool:
    """Whether the rule's word conditions all hold on one (lower-cased) sentence."""
    return (all(rules.words(rule[k]).search(text) for k in ("words", "words_also")
                if rule.get(k))
            and all(rules.words(w).search(text) for w in rule.get("all_of") or ())
            and not (rule.get("words_not") and rules.words(rule["words_not"]).search(text)))


def _summary(c: EventCluster, hit: Mention, rule: dict[str, Any], rules: NegotiationRules
             ) -> str:
    """The cluster's one line when it says what makes the event this kind of item, else the
    sentence the rule's words matched on (a raid's toll sums up its cluster; the rescue it
    was is said in another report)."""
    if not hit.sentence or _words_hold(rule, c.summary.lower(), rules) or (
            BASIS_RANK.get(hit.date_basis, 3) >= BASIS_RANK["unknown"]
            and c.date_basis != "unknown"):
        return c.summary  # (an undated aside never stands for a dated event)
    return one_line(hit.sentence, _summary_chars(rules))


def _summary_chars(rules: NegotiationRules) -> int:
    return int(rules.section("record").get("summary_chars", 220))


def _interval_days(lo: str | None, hi: str | None) -> int:
    a, b = day(lo), day(hi or lo)
    return (b - a).days if a and b else 0


def _union(a: list[str], b: list[str]) -> list[str]:
    return list(dict.fromkeys(a + b))


def _item_id(kind: str, c_ids: Sequence[str]) -> str:
    return "ng-" + hashlib.sha1(f"{kind}|{'|'.join(sorted(c_ids))}".encode()).hexdigest()[:12]


def item_of(c: EventCluster, rules: NegotiationRules, figures: dict | None = None
            ) -> NegotiationItem | None:
    """The record item an event cluster makes, or None when it is not part of the negotiation."""
    mentions = c.mentions[:8]
    sentences = [m.sentence.lower() for m in mentions]
    text = " ".join(sentences)
    roles = _Roles(c, rules)
    for rule in rules.section("record").get("rules") or []:
        hit = _rule_matches(rule, c, sentences, roles, rules)
        if hit is None:
            continue
        kind = str(rule["kind"])
        lead = [mentions[hit]] + [m for n, m in enumerate(mentions) if n != hit]
        item = NegotiationItem(
            id=_item_id(kind, [c.id]), kind=kind, date=c.date_earliest,
            date_latest=c.date_latest, date_basis=c.date_basis, polarity=c.polarity,
            type=c.type, mode=c.mode, summary=_summary(c, mentions[hit], rule, rules),
            actors=list(c.actors),
            recipients=list(c.recipients),
            parties=_union(roles.parties, roles.named_parties if rule.get("named") else []),
            mediators=_union(roles.mediators, roles.named_mediators
                             if kind in ("talks", "proposal") else []),
            reports=max(c.independent_reports, 1),
            cluster_ids=[c.id], sources=list(c.sources),
            evidence=[_evidence(m, f"{kind}: {c.label}") for m in lead[:3]],
        )
        if kind == "talks":
            item.venue = _venue(c, rules)
            item.outcome = _outcome(c, text, rules)
            item.delegations = [p for p in roles.parties + roles.named_parties
                                if p not in item.mediators]
            item.delegations = list(dict.fromkeys(item.delegations))
        if rule.get("response"):
            item.response = str(rule["response"])
        if kind in ("proposal", "response", "agreement", "release", "rescue"):
            for m in lead[:6]:
                item.terms = terms_of(m.sentence, rules)
                if item.terms:
                    break
            if figures:
                for m in lead[:1]:
                    for f in figures.get((m.article_id, m.sentence), ()):
                        item.terms.setdefault(f.kind, f.value)
        return item
    return None


def _memo_item_of(c: EventCluster, rules: NegotiationRules, figures: dict, memo: StoryMemo,
                  text: str) -> NegotiationItem | None:
    """`item_of`, from the memo when the cluster (its JSON `text`) and the figures of its
    first mentions' sentences (what `item_of` reads of them: kind and value) are unchanged."""
    figs = [[[f.kind, f.value] for f in figures.get((m.article_id, m.sentence), ())]
            for m in c.mentions[:8]]
    key = memo.key("record-item", figs, text)
    found = memo.get_json(key)
    if found is None:
        item = item_of(c, rules, figures)
        # taken before the record merges items in place
        memo.put_json(key, None if item is None else item.to_dict())
        return item
    # parsed afresh from its text: the record's changes never reach the memo
    data, kept = found
    memo.put_json(key, data, kept)
    return None if data is None else NegotiationItem.from_dict(data)


def _same_terms(a: NegotiationItem, b: NegotiationItem, kinds: Container[str]) -> bool:
    """Two items of a counted kind that state the same numbers ("two hostages freed" told from
    the releasing side and from the receiving side) are one event, whoever each names."""
    if a.kind not in kinds or not a.terms or not b.terms:
        return False
    shared = set(a.terms) & set(b.terms)
    return bool(shared) and all(a.terms[k] == b.terms[k] for k in shared)


def _merge(items: list[NegotiationItem], days: int,
           size: dict[str, int] | None = None,
           by_terms: Container[str] = ()) -> list[NegotiationItem]:
    """Items of one kind within `days` days of each other that share a party are one event, and
    so are items of a kind in `by_terms` that state the same numbers. The first of a day (most
    reports, then most mentions: `size`, per cluster id) is the one whose type and summary the
    merged item keeps, so a day's main event leads its item."""
    size = size or {}

    def weight(i: NegotiationItem) -> tuple[int, int]:
        return i.reports, sum(size.get(c, 0) for c in i.cluster_ids)

    out: list[NegotiationItem] = []
    by_kind: dict[str, list[NegotiationItem]] = {}
    lead: dict[str, tuple[int, int]] = {}  # item id -> the weight of the item leading it
    for item in sorted(items, key=lambda i: (i.date or "9999", *(-w for w in weight(i)), i.id)):
        pool = by_kind.setdefault(item.kind + "|" + item.polarity, [])
        d = day(item.date)
        target = None
        for other in reversed(pool[-20:]):
            od = day(other.date)
            if d is None or od is None or abs((d - od).days) > days:
                continue
            if set(item.parties) & set(other.parties) or (not item.parties and not other.parties) \
                    or _same_terms(item, other, by_terms):
                if item.kind == "talks" and item.venue and other.venue and \
                        item.venue.lower() != other.venue.lower():
                    continue
                if item.response != other.response:
                    continue
                target = other
                break
        if target is None:
            pool.append(item)
            out.append(item)
            lead[item.id] = weight(item)
            continue
        if item.type and weight(item) > lead[target.id]:
            # a larger event a day later leads (a recalled fragment dated the day before the
            # attack it belongs to must not give the attack its date and words)
            lead[target.id] = weight(item)
            target.date, target.date_latest, target.date_basis = (
                item.date, item.date_latest, item.date_basis)
            target.type, target.mode, target.summary = item.type, item.mode, item.summary
        target.cluster_ids += [c for c in item.cluster_ids if c not in target.cluster_ids]
        for name in ("actors", "recipients", "parties", "mediators", "delegations"):
            have = getattr(target, name)
            have += [x for x in getattr(item, name) if x not in have]
        seen = {s.article_id for s in target.sources}
        target.sources += [s for s in item.sources if s.article_id not in seen]
        target.evidence = (target.evidence + item.evidence)[:6]
        target.reports += item.reports
        target.venue = target.venue or item.venue
        if not target.type and item.type:  # an event record beats a statement as the basis
            target.type, target.mode, target.date_basis = item.type, item.mode, item.date_basis
        for k, v in item.terms.items():
            target.terms.setdefault(k, v)
    return out


def _truce_items(truces: list[Truce], clusters: dict[str, EventCluster],
                 rules: NegotiationRules) -> list[NegotiationItem]:
    out: list[NegotiationItem] = []
    for t in truces:
        parties: list[str] = []
        sources: list[SourceRef] = []
        seen: set[str] = set()
        for ph in t.phases:
            c = clusters.get(ph.cluster_id)
            if c is None:
                continue
            for name in c.actors + c.recipients:
                p = rules.party_of(name)
                if p and p not in parties:
                    parties.append(p)
            for name, _how, _at, _text in name_finder(rules.actors).find(ph.evidence.sentence):
                p = rules.party_of(name)
                if p and p not in parties:
                    parties.append(p)
            for s in c.sources:
                if s.article_id == ph.article_id and s.article_id not in seen:
                    seen.add(s.article_id)
                    sources.append(s)
        span = (day(t.last) - day(t.start)).days + 1
        how = f"from the {t.start_basis}, to the {t.end_basis}"
        base = dict(parties=parties, actors=list(parties), sources=sources,
                    reports=t.articles, date_basis="explicit",
                    cluster_ids=sorted({ph.cluster_id for ph in t.phases}))
        evidence = [ph.evidence for ph in t.phases][:8]
        out.append(NegotiationItem(
            id=_item_id("truce", [t.start, t.last]), kind="truce", date=t.start,
            date_latest=t.last, type="RETREAT", mode="ceasefire",
            summary=f"Truce in effect {t.start} to {t.last} ({span} days; {how})",
            terms={"pause_days": float(span)}, evidence=evidence, **base))
        out.append(NegotiationItem(
            id=_item_id("truce_start", [t.start]), kind="truce_start", date=t.start,
            type="RETREAT", mode="ceasefire",
            summary=("The truce takes effect, as reported" if t.start_basis == "reported start"
                     else f"The truce takes effect: {t.length} days before its reported end on "
                     f"{t.ended}"),
            evidence=[ph.evidence for ph in t.phases if ph.kind == "start"][:3] or evidence[:3],
            **base))
        ends = [ph for ph in t.phases if ph.kind == "end" and ph.date == t.ended]
        if ends:
            end_types = [clusters[ph.cluster_id].type for ph in ends if ph.cluster_id in clusters]
            end_type = max(set(end_types), key=end_types.count) if end_types else ""
            out.append(NegotiationItem(
                id=_item_id("truce_end", [t.ended]), kind="truce_end", date=t.ended,
                type=end_type, summary=f"The truce ends (reported by {len({p.article_id for p in ends})} "
                f"articles): {ends[0].evidence.sentence}"[:220],
                evidence=[ph.evidence for ph in ends][:3],
                **base))
        for ph in t.phases:
            if ph.kind == "extended" and ph.date and t.start <= ph.date <= t.last:
                c = clusters.get(ph.cluster_id)
                out.append(NegotiationItem(
                    id=_item_id("truce_extended", [ph.date, ph.article_id]), kind="truce_extended",
                    date=ph.date, type=c.type if c else "", summary="The truce is extended",
                    evidence=[ph.evidence], **base))
    return out


# --------------------------------------------------------------------------- statements


def _speaker_role(s: Statement, rules: NegotiationRules) -> tuple[str, str] | None:
    ref = s.speaker_actor
    if ref is None:
        return None
    for name in (actor_name(ref), ref.affiliation):
        role = rules.role_of(name) if name else None
        if role:
            return role
    return None


def statement_items(statements: Iterable[Statement], articles: Articles,
                    rules: NegotiationRules) -> list[NegotiationItem]:
    """Items from what parties and mediators say (`record.statement_rules`): talks they report,
    proposals they reject, when no event record carries them."""
    rule_list = rules.section("record").get("statement_rules") or []
    if not rule_list:
        return []
    irrealis = rules.words("irrealis")
    preps = {str(p).lower() for p in rules.section("record").get("venue_preps") or []}
    limit = _summary_chars(rules)
    unnamed = frozenset(str(w).lower() for w in section("disputes").get("unnamed_speakers") or ())
    out: list[NegotiationItem] = []
    for s in statements:
        content = s.content or ""
        low = content.lower()
        if not content or not rules.words("negotiation").search(low):
            continue
        if unnamed_speaker(s, unnamed):
            continue  # "He said …" that extraction could not resolve: no one to attribute it to
        speaker = _speaker_role(s, rules)
        named = [(rules.role_of(n), how, at, surface)
                 for n, how, at, surface in name_finder(rules.actors).find(content)]
        for rule in rule_list:
            if rule.get("stances") and s.stance not in _as_list(rule["stances"]):
                continue
            if not all(rules.words(rule[k]).search(low) for k in ("words", "words_also")
                       if rule.get(k)):
                continue
            roles = [speaker] if speaker else []
            if rule.get("named"):
                roles += [r for r, *_ in named if r]
            parties = list(dict.fromkeys(r[1] for r in roles if r[0] == "party"))
            mediators = list(dict.fromkeys(r[1] for r in roles if r[0] == "mediator"))
            if not parties and not mediators:
                continue
            kind = str(rule["kind"])
            venue = next((surface for r, how, at, surface in named if how == "metonym"
                          and preps & set(content[:at].lower().split()[-4:])), None)
            when = s.date_earliest or articles.published(s.article_id)
            item = NegotiationItem(
                id=_item_id(kind, [f"{s.article_id}:{s.start}"]), kind=kind,
                date=(when or "")[:10] or None, date_latest=(s.date_latest or when or "")[:10]
                or None, date_basis=s.date_basis if s.date_earliest else "publication",
                polarity="irrealis" if irrealis.search(low) else "real",
                summary=f"{speaker_label(s)}: {content}"[:limit],
                actors=[actor_name(s.speaker_actor)]
                if s.speaker_actor and actor_name(s.speaker_actor) else [],
                parties=parties, mediators=mediators if kind == "talks" else [],
                delegations=parties if kind == "talks" else [], venue=venue,
                response=str(rule["response"]) if rule.get("response") else None,
                reports=1, sources=[articles.get(s.article_id).ref()],
                evidence=[Evidence(kind="statement", article_id=s.article_id, start=s.start,
                                   end=s.end, quote=s.quote, sentence=s.quote,
                                   outlet=articles.outlet(s.article_id), date=when,
                                   detail=f"{kind}: {s.speaker} ({s.stance})")])
            if kind == "talks":
                item.outcome = ("planned" if item.polarity == "irrealis" else None)
                for name, cond in (rules.section("record").get("outcomes") or {}).items():
                    if (cond or {}).get("words") and rules.words(cond["words"]).search(low):
                        item.outcome = str(name)
                        break
                item.outcome = item.outcome or "held"
            out.append(item)
            break
    return out


def statement_item_from_dict(data: dict[str, Any]) -> NegotiationItem:
    """A `statement_items` item read back (from the story memo) as `statement_items` made it:
    a talks item's parties and delegations are one list there, so what a merge adds to its
    delegations (`_merge`) joins its parties too; the copy keeps the two one list."""
    item = NegotiationItem.from_dict(data)
    if item.kind == "talks":
        item.delegations = item.parties
    return item


# --------------------------------------------------------------------------- positions


def _topic(text: str, rules: NegotiationRules) -> str | None:
    for name, words in (rules.section("positions").get("topics") or {}).items():
        if rules.words(words).search(text):
            return str(name)
    return None


def _stance_group(stance: str, text: str, rules: NegotiationRules) -> str:
    """demand, refuse, accept (content that accepts: `words.accept`) or neutral."""
    if rules.words("accept").search(text) and stance not in ("reject", "deny"):
        return "accept"
    for group, stances in (rules.section("positions").get("stance_groups") or {}).items():
        if stance in _as_list(stances):
            return str(group)
    return "neutral"


def statement_positions(statements: Iterable[Statement], articles: Articles,
                        rules: NegotiationRules) -> list[Position]:
    """The positions parties state (each statement on its own: `positions_of` orders and
    marks them)."""
    p = rules.section("positions")
    stances = set(_as_list(p.get("stances")))
    need = rules.words(p.get("require") or "negotiation")
    found: list[Position] = []
    for s in statements:
        if s.stance not in stances or not s.content or not need.search(s.content):
            continue
        name = actor_name(s.speaker_actor) if s.speaker_actor else None
        party = (rules.party_of(name) if name else None) or (
            rules.party_of(s.speaker_actor.affiliation) if s.speaker_actor
            and s.speaker_actor.affiliation else None)
        if not party:
            continue
        when = s.date_earliest or articles.published(s.article_id)
        found.append(Position(
            party=party, date=(when or "")[:10] or None, stance=s.stance, text=s.content,
            speaker=s.speaker, topic=_topic(s.content, rules),
            evidence=Evidence(kind="statement", article_id=s.article_id, start=s.start,
                              end=s.end, quote=s.quote, sentence=s.quote,
                              outlet=articles.outlet(s.article_id), date=when,
                              detail=f"{s.stance}: {s.speaker}")))
    return found


def positions_of(
    statements: Iterable[Statement], clusters: Iterable[EventCluster], articles: Articles,
    rules: NegotiationRules, stated: list[Position] | None = None,
) -> list[Position]:
    """Each party's stated positions by date, each marked where it moved on its topic
    (`stated`: `statement_positions` of the statements, made before)."""
    p = rules.section("positions")
    need = rules.words(p.get("require") or "negotiation")
    found = list(stated) if stated is not None else statement_positions(statements, articles,
                                                                         rules)
    types = set(_as_list(p.get("types")))
    for c in clusters:
        if c.type not in types or c.polarity != "real" or not c.actors:
            continue
        party = rules.party_of(c.actors[0])
        text = c.mentions[0].sentence if c.mentions else c.summary
        if not party or not need.search(text):
            continue
        m = c.mentions[0]
        found.append(Position(
            party=party, date=c.date_earliest, stance="demand" if c.type == "REQUEST"
            else "reject", text=c.summary, speaker=c.actors[0], topic=_topic(text, rules),
            evidence=_evidence(m, f"{c.type}: {c.label}")))
    found.sort(key=lambda x: (x.party, x.date or "9999", x.evidence.article_id if x.evidence
                              else "", x.evidence.start if x.evidence else 0))
    # a position changes when a party that demanded or refused something on a topic accepts
    # it, or one that accepted it refuses or demands again (a neutral statement is no position)
    last: dict[tuple[str, str], tuple[str, Position]] = {}
    for pos in found:
        group = _stance_group(pos.stance, pos.text, rules)
        if pos.topic is None or group == "neutral":
            continue
        key = (pos.party, pos.topic)
        prev = last.get(key)
        if prev is not None and (prev[0] == "accept") != (group == "accept"):
            pos.changed = True
            pos.previous = prev[1].text
        last[key] = (group, pos)
    found.sort(key=lambda x: (x.date or "9999", x.party))
    return found


# --------------------------------------------------------------------------- the record


def _figures_by_sentence(figures: Iterable[Figure]) -> dict[tuple[str, str], list[Figure]]:
    out: dict[tuple[str, str], list[Figure]] = {}
    for f in figures:
        if f.value is not None and f.sentence:
            out.setdefault((f.article_id, f.sentence), []).append(f)
    return out


def build_record(
    clusters: Sequence[EventCluster],
    statements: Iterable[Statement] = (),
    figures: Iterable[Figure] = (),
    articles: Articles | None = None,
    rules: NegotiationRules | None = None,
    memo: StoryMemo | None = None,
    cluster_texts: Mapping[int, str] | None = None,
    stated: tuple[list[NegotiationItem], list[Position]] | None = None,
) -> NegotiationRecord:
    """The negotiation record of a story (see the module docstring); with `memo` and
    `cluster_texts` (each cluster's JSON by `id()`), the item a cluster makes is taken from the
    last build when the cluster and the figures it reads are as they were; `stated`: the
    statements' items and positions (`statement_items`, `statement_positions`), made before
    (then `statements` is not read)."""
    rules = rules or default_rules()
    articles = articles or Articles()
    by_sentence = _figures_by_sentence(figures)
    longest = int(rules.section("record").get("max_interval_days", 31))
    chosen = [c for c in clusters if _interval_days(c.date_earliest, c.date_latest) <= longest]
    if memo is not None and cluster_texts is not None:
        made = [_memo_item_of(c, rules, by_sentence, memo, cluster_texts[id(c)])
                for c in chosen]
    else:
        made = [item_of(c, rules, by_sentence) for c in chosen]
    items = [i for i in made if i is not None]
    statements = list(statements) if stated is None else []
    items += statement_items(statements, articles, rules) if stated is None else stated[0]
    record = rules.section("record")
    items = _merge(items, int(record.get("merge_days", 1)),
                   {c.id: len(c.mentions) for c in clusters},
                   frozenset(record.get("merge_same_terms", ())))
    truces = build_truces(truce_phases(clusters, rules), rules)
    items += _truce_items(truces, {c.id: c for c in clusters}, rules)
    items.sort(key=lambda i: (i.date or "9999", i.kind, i.id))
    positions = positions_of(statements, clusters, articles, rules,
                             stated=stated[1] if stated is not None else None)
    return NegotiationRecord(items, positions, truces)
