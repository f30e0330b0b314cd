"""Truces rebuilt from their reported phases.

News rarely reports a truce in one sentence; it reports that one took effect, that it was
extended, that fighting resumed after it, that "a seven-day truce" had freed hostages. Each event
mention whose sentence names a truce (`words.truce` of `data/state_rules.yaml`) is read for the
truce's phase, by the words next to the truce phrase: a start ("the truce began"), an end ("the
truce collapsed", "after the truce", or fighting resuming), an extension, a day inside it
("during the truce"), and its length ("a seven-day truce"). A truce that is called for, sought,
negated, imagined or only the subject of talks ("ceasefire talks") is no phase at all.

Each phase is dated by the event record it was reported in (explicit or relative dates of at most
a day). Phases close in time are one truce: its first day is the best-supported reported start,
else the reported end minus its length; its last day the day before the reported end, else the
start plus its length, extended by reported extensions of a stated length, else the last day a
report places inside it. A truce needs
`truce.min_articles` articles behind it. Every phase keeps its sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from storyline.extract.numbers import parse_number
from storyline.story.context import day
from storyline.story.records import EventCluster, Evidence, Mention
from storyline.story.rules import NegotiationRules

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Phase:
    """One report of a truce's phase, from one event mention."""

    kind: str  # start, end, extended, during, mention
    date: str | None  # the day the phase happened (for an end: the first day without truce)
    duration: int | None  # the truce's length in days, when the sentence states it
    article_id: str
    cluster_id: str
    evidence: Evidence


@dataclass
class Truce:
    """A truce with the phases it was rebuilt from."""

    start: str
    last: str  # its last day
    start_basis: str  # "reported start" or "end minus length"
    end_basis: str  # "reported end", "start plus length", "extensions"
    length: int | None
    ended: str | None  # the reported end (first day without truce), when reported
    phases: list[Phase] = field(default_factory=list)
    articles: int = 0


def _last_words(text: str, n: int) -> str:
    return " ".join(_WORD.findall(text)[-n:])


def _first_words(text: str, n: int) -> str:
    return " ".join(_WORD.findall(text)[:n])


def _duration(before: str, rules: NegotiationRules) -> int | None:
    """A stated length just before the truce phrase: "seven-day", "week-long", "four-day"."""
    d = rules.section("record").get("durations") or {}
    tail = _last_words(before, 3)
    for phrase, days in (d.get("phrases") or {}).items():
        if re.search(rf"(?<![\w-]){re.escape(phrase.lower())}(?![\w-])", tail):
            return int(days)
    units = {str(k): int(v) for k, v in (d.get("units") or {}).items()}
    for token in reversed(tail.split()):
        # "seven-day", "40-day", "two-week": a number hyphenated onto a unit
        number, _, unit = token.strip(",;:()").rpartition("-")
        value = parse_number(number) if number else None
        size = units.get(unit.removesuffix("s"))
        if value and size and value == int(value) and 0 < value <= 400:
            return int(value) * size
    return None


def _extension_days(after: str, rules: NegotiationRules) -> int | None:
    """How long an extension is, from the words after "extended": "by two days", "for a further
    48 hours" is not counted (hours are not days), "two-day extension" is read before."""
    d = rules.section("record").get("durations") or {}
    units = {str(k): int(v) for k, v in (d.get("units") or {}).items()}
    words = after.split()
    for i, word in enumerate(words[:6]):
        value = parse_number(word)
        if value and i + 1 < len(words):
            size = units.get(words[i + 1].strip(",.;:").removesuffix("s"))
            if size and value == int(value):
                return int(value) * size
    return None


def _phase_word(near_after: str, name: str, rules: NegotiationRules) -> re.Match | None:
    """A phase word after the truce phrase, unless words between them make it only due,
    expected or possible ("the truce is due to end", "could be extended")."""
    hit = rules.words(name).search(near_after)
    if hit and rules.words("truce_phase_irrealis").search(
            _last_words(near_after[: hit.start()], 3)):
        return None
    return hit


# a truce's sides are named just before its phrase ("the Lebanon ceasefire") or after one of
# these words just after it ("a truce between ... and ...", "a ceasefire in ..."), within a few
# words and before a clause of its own begins
_SIDE_WORDS_BEFORE, _SIDE_WORDS_AFTER = 2, 4
_CLAUSE = re.compile(r"[,;:.()\u2013\u2014]|\s(?:that|which|who|when|where|while|as|after|"
                     r"before|during|since|and then)\s")


def _other_sides(sentence: str, start: int, end: int, rules: NegotiationRules) -> bool:
    """Whether the truce phrase at [start, end) is another conflict's: its sides name a state
    or armed group that is no party, mediator or body of the profile and belongs to none of
    their countries (a party's own people stand beside it)."""
    from storyline.story.rules import name_finder
    from storyline.story.sides import _lexicon

    before = " ".join(_WORD.findall(sentence[:start])[-_SIDE_WORDS_BEFORE:])
    rest = sentence[end:]
    cut = _CLAUSE.search(rest)
    rest = rest[: cut.start()] if cut else rest
    words = _WORD.findall(rest)
    preps = rules.words("truce_sides")
    after = ""
    for i, w in enumerate(words[:2]):
        if preps.search(w) and preps.search(w).start() == 0:
            after = " ".join(words[i + 1: i + 1 + _SIDE_WORDS_AFTER])
            break
    scope = f"{before} . {after}".replace("-", " ")
    lex = rules.actors if rules.actors is not None else _lexicon()  # the profile's actors
    ours = {lex.entries[n].country for n in rules.parties + rules.mediators
            if n in lex.entries and lex.entries[n].country}
    for name, _how, _at, _surface in name_finder(rules.actors).find(scope):
        entry = lex.entries.get(name)
        if entry is None or entry.kind not in ("state", "armed_group") or rules.role_of(name):
            continue
        if entry.country and entry.country in ours:
            continue
        return True
    return False


def phases_in(sentence: str, rules: NegotiationRules) -> list[tuple[str, int | None]]:
    """(phase kind, length) for each truce the sentence names as real."""
    p = rules.section("truce")
    back, ahead = int(p.get("context_words", 6)), int(p.get("window_words", 8))
    low = sentence.lower()
    out: list[tuple[str, int | None]] = []
    resumed = bool(rules.words("resumption").search(low))
    for m in rules.words("truce").finditer(low):
        before, after = low[: m.start()], low[m.end():]
        nxt = _first_words(after, 1)
        if nxt and rules.words("truce_compound").search(nxt) and \
                rules.words("truce_compound").search(nxt).start() == 0:
            continue  # "ceasefire talks", "truce deal": not a truce itself
        if rules.words("truce_irrealis").search(_last_words(before, back)):
            continue  # called for, sought, rejected, imagined
        if _other_sides(sentence, m.start(), m.end(), rules):
            continue  # another conflict's truce ("the Lebanon ceasefire")
        near_before, near_after = _last_words(before, 4), _first_words(after, ahead)
        duration = _duration(before, rules)
        kind = "mention"
        extended = _phase_word(near_after, "truce_extended", rules)
        if extended:
            kind = "extended"
            duration = _extension_days(near_after[extended.end():], rules) or _duration(
                before, rules)
        elif _phase_word(near_after, "truce_start", rules):
            kind = "start"
        elif _phase_word(near_after, "truce_end", rules):
            kind = "end"
        elif any(rules.words(w).search(near_after) for w in
                 ("truce_extended", "truce_start", "truce_end")):
            pass  # a phase only due, expected or hoped for ("is due to end"): no phase
        elif rules.words("truce_start_before").search(near_before):
            kind = "start"
        elif rules.words("truce_end_before").search(near_before) or resumed:
            kind = "end"
        elif rules.words("truce_during_before").search(near_before):
            kind = "during"
        out.append((kind, duration))
    return out


def _mention_day(m: Mention, bases: set[str]) -> str | None:
    if m.date_basis not in bases or not m.date_earliest:
        return None
    lo, hi = day(m.date_earliest), day(m.date_latest or m.date_earliest)
    if lo is None or hi is None or (hi - lo).days > 0:
        return None
    return lo.isoformat()


def _evidence(m: Mention, detail: str) -> Evidence:
    return Evidence(kind="event", article_id=m.article_id, start=m.start, end=m.end,
                    quote=m.quote, sentence=m.sentence, outlet=m.outlet, date=m.date_earliest,
                    detail=detail)


def truce_phases(clusters: Iterable[EventCluster], rules: NegotiationRules) -> list[Phase]:
    """Every truce phase reported in the sentences of real events, dated where possible."""
    bases = set(rules.section("truce").get("bases") or ["explicit", "relative"])
    out: list[Phase] = []
    seen: set[tuple[str, str]] = set()
    for c in clusters:
        if c.polarity != "real":
            continue
        for m in c.mentions:
            key = (m.article_id, m.sentence)
            if key in seen or not rules.words("truce").search(m.sentence):
                continue
            seen.add(key)
            when = _mention_day(m, bases)
            for kind, duration in phases_in(m.sentence, rules):
                if (kind == "during" and when is None) or (kind == "mention" and not duration):
                    continue  # nothing to learn from it
                out.append(Phase(kind, when, duration, m.article_id, c.id,
                                 _evidence(m, f"truce {kind}"
                                           + (f", {duration} days" if duration else ""))))
    return out


def _vote(values: Iterable[tuple[str, str]]) -> str | None:
    """The value reported by the most articles (ties: the earliest)."""
    by_value: dict[str, set[str]] = {}
    for value, article in values:
        by_value.setdefault(value, set()).add(article)
    if not by_value:
        return None
    return min(by_value, key=lambda v: (-len(by_value[v]), v))


def _shift(iso: str, days: int) -> str:
    return (day(iso) + timedelta(days=days)).isoformat()


def _groups(phases: list[Phase], gap: int) -> list[list[Phase]]:
    dated = sorted((p for p in phases if p.date), key=lambda p: p.date)
    groups: list[list[Phase]] = []
    for p in dated:
        if groups and (day(p.date) - day(groups[-1][-1].date)).days <= gap:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def build_truces(phases: list[Phase], rules: NegotiationRules) -> list[Truce]:
    """Truces from dated phases (see the module docstring)."""
    p = rules.section("truce")
    min_articles = int(p.get("min_articles", 2))
    max_days = int(p.get("max_days", 120))
    out: list[Truce] = []
    for group in _groups(phases, int(p.get("group_days", 21))):
        articles = {x.article_id for x in group if x.kind != "mention"}
        if len(articles) < min_articles:
            continue
        start = _vote((x.date, x.article_id) for x in group if x.kind == "start")
        ended = _vote((x.date, x.article_id) for x in group if x.kind == "end")
        lengths = Counter()
        for x in group:
            if x.duration and x.kind != "extended":
                lengths[x.duration] += 1
        extensions = {(x.date, x.duration) for x in group if x.kind == "extended" and x.duration}
        length = min(lengths, key=lambda v: (-lengths[v], -v)) if lengths else None
        start_basis = "reported start"
        if start is None and ended and length:
            start, start_basis = _shift(ended, -length), "end minus length"
        if start is None:
            continue
        if ended and ended > start:
            last, end_basis = _shift(ended, -1), "reported end"
        elif length:
            extra = sum(n for when, n in extensions if when and when >= start)
            last, end_basis = _shift(start, length + extra - 1), (
                "start plus length and extensions" if extra else "start plus length")
        else:
            # a start with no end and no length: in effect as far as it is reported to be
            seen = [x.date for x in group if x.kind in ("start", "during", "extended")
                    and x.date >= start]
            last, end_basis = max(seen), "last report of it"
        if (day(last) - day(start)).days + 1 > max_days:
            continue
        # a day reported inside the truce must be inside it, or the phases disagree
        inside = [x.date for x in group if x.kind == "during"]
        if inside and not any(start <= d <= last for d in inside):
            continue
        out.append(Truce(start, last, start_basis, end_basis, length, ended, group,
                         len(articles)))
    return out
