"""Disputes: claims that contradict each other, side by side, with both quotes and sources.

Three kinds:

- **denial**: a statement whose stance is deny or reject, paired with the claim it answers: in
  the same article, the closest claim before it (within `same_article_chars`) made by another
  side, when the denial's own words are few ("Group A denied the assertion") or overlap the
  claim's; across articles, a claim by another side within `window_days` whose content overlaps
  the denial's content strongly. What the denier says next (the same side's statement right after
  the denial: "It said there were ongoing talks") is kept as the denial's elaboration.
- **figures**: two points of a figure series, same day, whose qualified ranges do not overlap
  (see `storyline.story.series`).
- **event**: an event cluster reported as happening and a cluster of the same event (same type,
  overlapping dates, shared actors, similar words) reported as not happening, when someone
  named denies outright that it happened (`event_denial_cues`) and someone named on another
  side says it did.

Sides are the parties claimants speak for (`context.actor_side`: an affiliation, else the
country, else the resolved name): a dispute needs two different sides.
"""

from __future__ import annotations

import bisect
import copy
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from storyline.records import ActorRef, Figure, Statement
from storyline.story.config import section
from storyline.story.context import (
    Articles,
    actor_name,
    actor_side,
    content_words,
    day,
    overlap,
    unnamed_speaker,
)
from storyline.story.memo import StoryMemo
from storyline.story.records import (
    Claim,
    Disagreement,
    Dispute,
    EventCluster,
    Evidence,
    FigureSeries,
    Mention,
)
from storyline.story.series import Range, value_range
from storyline.story.sides import sides

DENY_STANCES = {"deny", "reject"}
CLAIM_STANCES = {"assert", "confirm", "warn", "promise", "threaten", "demand"}
# statements of fact, the kind a denial or a rebuttal answers (a demand or a threat is not)
FACT_STANCES = {"assert", "confirm", "warn"}


@dataclass
class _Stmt:
    s: Statement
    side: str | None
    who: str
    words: frozenset[str]
    date: str | None
    sides: frozenset[str] = frozenset()


def side_set(ref: ActorRef | None, text: str | None = None,
             actors: Any = None) -> frozenset[str]:
    """Everything an actor stands for (`story.sides`: itself, what it is part of or answers to,
    its state), with the affiliation its mention carries ("Lena Ortiz, a Group A official");
    `actors`: the story profile's actor lexicon (None: the default profile's)."""
    name = actor_name(ref) or (text or "").strip()
    if not name:
        return frozenset()
    out = set(sides(name, actors))
    if ref is not None and ref.affiliation:
        out |= sides(ref.affiliation, actors)
    return frozenset(out)


def _prep(s: Statement, articles: Articles, actors: Any = None) -> _Stmt:
    who = actor_name(s.speaker_actor) or s.speaker or "unnamed"
    return _Stmt(
        s=s,
        side=actor_side(s.speaker_actor, s.speaker),
        who=who,
        words=content_words(s.content or ""),
        date=(s.date_earliest or articles.published(s.article_id) or None),
        sides=side_set(s.speaker_actor, s.speaker, actors),
    )


def _different_sides(a: _Stmt, b: _Stmt) -> bool:
    """Sides that share nothing: State B's defence minister and State B are one side, a
    Group A official and Group A another."""
    if a.sides and b.sides:
        return not a.sides & b.sides
    return a.who.lower() != b.who.lower()


def _evidence_of_statement(x: _Stmt, articles: Articles) -> Evidence:
    s = x.s
    return Evidence(
        kind="statement", article_id=s.article_id, start=s.start, end=s.end, quote=s.quote,
        sentence=s.quote, outlet=articles.outlet(s.article_id), date=x.date,
        detail=s.stance,
    )


def _claim_of_statement(x: _Stmt, articles: Articles, extra: str = "") -> Claim:
    text = (x.s.content or x.s.quote).strip()
    if extra:
        text = f"{text} — {extra}"
    return Claim(kind="statement", who=x.who, side=x.side, text=text, stance=x.s.stance,
                 evidence=_evidence_of_statement(x, articles))


def _dispute_id(kind: str, *parts: object) -> str:
    raw = "|".join([kind, *map(str, parts)])
    return "dp-" + hashlib.sha1(raw.encode()).hexdigest()[:12]


def _first_words(text: str) -> list[str]:
    words = [w.lower().strip(".,;:'\"“”‘’") for w in (text or "").split()]
    return [w for w in words if w and w not in ("the", "a", "an", "these", "those", "any", "all",
                                                "such", "its", "their", "his", "her", "our")]


def _denies_a_claim(x: _Stmt, claim_nouns: frozenset[str]) -> bool:
    """A denial of something said: "denied the allegation", "rejected claims that …", "denied
    that Gazans were starving", "dismissed this"; not a rejection of a proposal or a call
    ("rejected the terms", "rejected these calls")."""
    if x.s.stance == "deny" or _claim_owner(x, claim_nouns) is not None:
        return True
    words = _first_words(x.s.content)
    if not words:
        return False
    head = words[0].rstrip("s") if words[0] not in ("this", "it", "that") else words[0]
    return words[0] in claim_nouns or head in claim_nouns or words[0] == "that"


def _anaphoric(x: _Stmt, claim_stems: frozenset[str]) -> bool:
    """"denied the assertion", "rejected this": the denial names no content of its own (no
    content word but claim nouns). One that names anything ("denied the commander was dead",
    "rejected accusations of genocide") must share words with the claim it answers."""
    return not (x.words - claim_stems)


def _relative(x: _Stmt) -> bool:
    """ "…, which Group A denied": the denied thing is the clause the relative pronoun hangs
    on, in the denial's own sentence, never an earlier statement."""
    content = " ".join((x.s.content or "").lower().split()).strip(" .,")
    return _first_words(content)[:1] == ["which"] or content in ("which", "what", "that")


def _no_denial(x: _Stmt) -> bool:
    """ "neither confirmed nor denied it": a refusal to say, no denial."""
    quote = f" {' '.join((x.s.quote or '').lower().split())} "
    return " neither " in quote and " nor " in quote


# a claim that says what should be done is a call, not a statement of fact a denial answers
_CALL_WORDS = (" should ", " must ", " ought ", " urgent that ", " needs to ", " need to ")


def _a_call(x: _Stmt) -> bool:
    text = f" {' '.join((x.s.content or '').lower().split())} "
    return any(w in text for w in _CALL_WORDS)


# a claim about what will or would be done (a plan, a proposal's terms) is no statement of fact
# either: "denied this" after one answers something else, "rejected this" rejects the plan
_PLAN_WORDS = (" would ", " will ", " plan ", " plans ", " intends ", " intend ", " aims to ")


def _a_plan(x: _Stmt) -> bool:
    text = f" {' '.join((x.s.content or '').lower().split())} "
    return any(w in text for w in _PLAN_WORDS) or "'ll " in text


# a count: digits that are not a year or a day of a month ("7 October", "2023")
_COUNT = re.compile(r"\b\d[\d,.]*\b(?!\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
                    re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _states_a_count(x: _Stmt) -> bool:
    """A claim that reports a number ("at least 38,000 were killed, according to the
    ministry", "about 100 patients were moved"): an anaphoric denial of an allegation or of
    "this" is seldom about such a count; one of "this figure" or "the report" is."""
    return any(not _YEAR.match(m.group(0)) for m in _COUNT.finditer(x.s.content or ""))


def _names(x: _Stmt, d: _Stmt) -> bool:
    """Whether claim `x` names the denier `d` (its name or a side it stands for): an
    allegation is one made about the party that denies it."""
    names: set[str] = set()
    for n in (d.who, *d.sides):
        # "Group A-run media office" names Group A
        names |= content_words(n.replace("-", " "))
    return bool(x.words & names)


def _denial_noun(x: _Stmt) -> str:
    """The head of what an anaphoric denial denies ("the allegations" -> "allegation")."""
    words = _first_words(x.s.content)
    nouns = [w for w in words if w not in ("this", "that", "it", "such", "her", "his")]
    head = nouns[0] if nouns else (words[0] if words else "")
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def _negative(x: _Stmt) -> bool:
    """A claim that itself says something is not so ("had no prior knowledge"): a denial of
    the same thing agrees with it."""
    text = f" {' '.join((x.s.content or '').lower().split())} "
    return any(f" {n} " in text for n in ("not", "no", "never", "neither", "nor")) or (
        "n't " in text)


def _rebuts(x: _Stmt, cues: tuple[str, ...], strong: tuple[str, ...]) -> str | None:
    """The rebuttal cue of a statement that answers another's claim ("negotiations have *in
    fact* been ongoing and have *not* stopped", "*contrary to* reports"), or None. A weak cue
    ("in fact") needs a negation with it."""
    return _rebuts_text(x.s.content, cues, strong)


def _rebuts_text(content: str | None, cues: tuple[str, ...],
                 strong: tuple[str, ...]) -> str | None:
    text = f" {' '.join((content or '').lower().split())} "
    for cue in strong:
        if f" {cue} " in text or text.startswith(f" {cue}"):
            return cue
    negated = any(f" {n} " in text for n in ("not", "never", "no", "n't")) or "n't " in text
    for cue in cues:
        if f" {cue} " in text and negated:
            return cue
    return None


def denial_disputes(
    statements: Iterable[Statement], articles: Articles, params: dict | None = None,
    actors: Any = None, leads: Mapping[tuple[str, int], str] | None = None,
) -> list[Dispute]:
    """Statements that deny or rebut another speaker's claim about the same thing (sides by the
    story profile's actor lexicon `actors`; None: the default profile's).

    - an anaphoric denial ("Group A denied the assertion", "rejected this") answers the nearest
      claim before it (within `anaphor_chars`) by another speaker of another side;
    - a denial with content of its own ("denied that Gazans were starving", "rejected claims
      that …") answers a claim by another speaker whose words it shares: in the same article
      before it (overlap ≥ `min_overlap_same_article`, at least `min_shared_words` stems), or
      in another article within `window_days` (overlap ≥ `min_overlap`, at least
      `min_shared_words_across` stems);
    - a rebuttal ("in fact", "contrary to", "not true" …, `rebuttal_cues` with a negation or
      `strong_rebuttal_cues`) answers the other side's claim in the same article before it
      that shares most of its words (at least one stem), within `rebuttal_chars`.

    A rejection of a proposal or a call ("rejected the terms", "these calls") is no denial of
    a claim: `claim_nouns` say what a denied thing is. A denial whose content names anything
    besides a claim noun is not anaphoric; one of a relative clause ("…, which A denied")
    answers its own sentence; a claim that is itself negative agrees with a denial of it;
    statements by `unnamed_speakers` (an unresolved pronoun, relative or quantifier) take no
    part. A rebuttal needs `min_shared_words` stems and `min_overlap_rebuttal` with the claim.
    Each dispute's reason says which rule made it and the words the two sides share.

    What a denial answers is said before it in the same article, by another side, about the
    same thing: a denial whose own sentence opens with a clause joined to it ("X is so, though
    A disputes this": `leads`, the text of each denial's sentence before it, by (article id,
    start), ends in one of `own_sentence_joins`) answers a claim inside that sentence or none;
    an anaphoric denial passes over claims that report a count (unless it denies a
    `count_nouns` thing: "this figure", "the report"), and one of an allegation
    (`accusation_nouns`) over claims that do not name the denier; a claim that is a call or a
    plan ends its search. Pairs across articles (`cross_article`) are off by default: a
    denial's words shared with another article's claim were mostly shared words only.
    """
    p = section("disputes")
    p.update(params or {})
    near = int(p.get("anaphor_chars", p.get("same_article_chars", 600)))
    same_chars = int(p.get("same_article_chars", 600))
    window = int(p["window_days"])
    min_same = float(p["min_overlap_same_article"])
    min_cross = float(p["min_overlap"])
    min_words = int(p["min_content_words"])
    shared_same = int(p.get("min_shared_words", 2))
    shared_cross = int(p.get("min_shared_words_across", 4))
    claim_nouns = frozenset(str(w).lower() for w in p.get("claim_nouns") or [])
    cues = tuple(str(w).lower() for w in p.get("rebuttal_cues") or [])
    strong = tuple(str(w).lower() for w in p.get("strong_rebuttal_cues") or [])
    rebuttal_chars = int(p.get("rebuttal_chars", 2000))
    rebuttal_overlap = float(p.get("min_overlap_rebuttal", min_same))
    claim_stems = frozenset(content_words(" ".join(claim_nouns)))
    unnamed = frozenset(" ".join(str(w).lower().split()) for w in p.get("unnamed_speakers") or [])
    joins = tuple(str(w).lower() for w in p.get("own_sentence_joins") or [])
    count_nouns = frozenset(str(w).lower() for w in p.get("count_nouns") or [])
    accusation_nouns = frozenset(str(w).lower() for w in p.get("accusation_nouns") or [])
    narrated = tuple(str(w).lower() for w in p.get("narrated_claim_words") or [])
    cross = bool(p.get("cross_article", False))
    leads = leads or {}

    rules = _DenialRules(
        near=near, same_chars=same_chars, window=window, min_same=min_same,
        min_cross=min_cross, shared_same=shared_same, shared_cross=shared_cross,
        claim_nouns=claim_nouns, cues=cues, strong=strong, rebuttal_chars=rebuttal_chars,
        rebuttal_overlap=rebuttal_overlap, claim_stems=claim_stems, joins=joins,
        count_nouns=count_nouns, accusation_nouns=accusation_nouns, cross=cross,
        narrated_claim_words=narrated)
    raw_by_article: dict[str, list[Statement]] = defaultdict(list)
    # every statement's span, an unnamed speaker's too: narration between a claim and its
    # denial is what no statement covers
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s in statements:
        spans[s.article_id].append((s.start, s.end))
        if not unnamed_speaker(s, unnamed):
            raw_by_article[s.article_id].append(s)
    if cross:  # pairs across articles: every article's claims by day, no blocks
        stmts = [_prep(s, articles, actors) for group in raw_by_article.values() for s in group]
        claims_by_day: dict[str, list[_Stmt]] = defaultdict(list)
        by_article: dict[str, list[_Stmt]] = defaultdict(list)
        for x in stmts:
            by_article[x.s.article_id].append(x)
            if x.s.stance in FACT_STANCES and x.date and len(x.words) >= min_words:
                claims_by_day[x.date[:10]].append(x)
        out: list[Dispute] = []
        for aid, items in by_article.items():
            items.sort(key=lambda x: x.s.start)
            out += _article_denials(aid, items, articles, leads, rules, claims_by_day,
                                    spans[aid], actors)
        return out
    # Without pairs across articles an article's denials answer its own claims only (each
    # article is a block: story/stated.py), and one that says nothing a denial or a rebuttal
    # could be has none.
    out = []
    for aid, group in raw_by_article.items():
        if not any(_may_answer(s, cues, strong) for s in group):
            continue
        items = [_prep(s, articles, actors) for s in group]
        items.sort(key=lambda x: x.s.start)
        out += _article_denials(aid, items, articles, leads, rules, {}, spans[aid], actors)
    return out


def pairs_across_articles(params: dict | None = None) -> bool:
    """Whether denials are paired with other articles' claims (`cross_article`): then an
    article's statements are no block of their own."""
    p = section("disputes")
    p.update(params or {})
    return bool(p.get("cross_article", False))


def _may_answer(s: Statement, cues: tuple[str, ...], strong: tuple[str, ...]) -> bool:
    """Whether a statement could be a denial or a rebuttal (what `_article_denials` looks
    for): an article without one has no denial dispute."""
    if s.stance in DENY_STANCES:
        return True
    return s.stance in FACT_STANCES and _rebuts_text(s.content, cues, strong) is not None


@dataclass(frozen=True)
class _DenialRules:
    """`denial_disputes`' parameters, read once."""

    near: int
    same_chars: int
    window: int
    min_same: float
    min_cross: float
    shared_same: int
    shared_cross: int
    claim_nouns: frozenset[str]
    cues: tuple[str, ...]
    strong: tuple[str, ...]
    rebuttal_chars: int
    rebuttal_overlap: float
    claim_stems: frozenset[str]
    joins: tuple[str, ...]
    count_nouns: frozenset[str]
    accusation_nouns: frozenset[str]
    cross: bool
    narrated_claim_words: tuple[str, ...] = ()


def _article_denials(aid: str, items: list[_Stmt], articles: Articles,
                     leads: Mapping[tuple[str, int], str], r: _DenialRules,
                     claims_by_day: Mapping[str, list[_Stmt]],
                     covered: list[tuple[int, int]] | None = None,
                     actors: Any = None) -> list[Dispute]:
    """The denial disputes whose denial is one of an article's statements (`items`, by
    offset; `claims_by_day`: other articles' claims, for pairs across articles; `covered`:
    the spans of all the article's statements, those of unnamed speakers too)."""
    covered = covered if covered is not None else [(x.s.start, x.s.end) for x in items]
    out: list[Dispute] = []
    for i, d in enumerate(items):
        found = None
        before = leads.get((aid, d.s.start), "")
        lead = _lead(before)
        # "…, though A disputes this": the denied thing is the clause before it
        floor = d.s.start - len(lead) if _joined(lead, r.joins) else None
        narration = _Narration(before, covered, r.narrated_claim_words)
        if d.s.stance in DENY_STANCES and _denies_a_claim(d, r.claim_nouns):
            if _no_denial(d):
                found = None
            elif _relative(d):
                # "…, which A denied": the clause it hangs on, when narration reports a claim
                narrated = _lead_accusation(items, i, lead, covered, r.narrated_claim_words,
                                            actors)
                if narrated is not None:
                    out.append(_narrated_dispute(narrated, d, aid, articles))
                continue
            elif (owner := _claim_owner(d, r.claim_nouns)) is not None:
                found = _owned_claim(items, i, r.same_chars, owner, floor)
            elif _anaphoric(d, r.claim_stems):
                noun = _denial_noun(d)
                found = _nearest_claim(items, i, r.near, floor,
                                       counts=noun in r.count_nouns,
                                       accusation=noun in r.accusation_nouns,
                                       narration=narration)
                if found is None:
                    narrated = (_narrated_accusation(items, i, narration, r.near, actors)
                                if floor is None else _lead_accusation(
                                    items, i, lead, covered, r.narrated_claim_words, actors))
                    if narrated is not None:
                        out.append(_narrated_dispute(narrated, d, aid, articles))
                        continue
            else:
                found = _overlapping_claim(items, i, r.same_chars * 3, r.min_same,
                                           r.shared_same, floor)
                if found is None and d.date and r.cross and floor is None:
                    found = _cross_article_claim(d, claims_by_day, r.window, r.min_cross,
                                                 r.shared_cross)
        elif d.s.stance in FACT_STANCES:
            cue = _rebuts(d, r.cues, r.strong)
            if cue is not None:
                found = _rebutted_claim(items, i, r.rebuttal_chars, cue, r.rebuttal_overlap,
                                        r.shared_same)
        if found is None:
            continue
        match, score, how = found
        follow = _elaboration(items, i, r.near) if d.s.stance in DENY_STANCES else ""
        verb = "rebuts" if d.s.stance not in DENY_STANCES else _third_person(d.s.stance)
        out.append(Dispute(
            id=_dispute_id("denial", match.s.article_id, match.s.start, aid, d.s.start),
            kind="denial",
            date=min(filter(None, [match.date, d.date]), default=None),
            topic=_topic(match),
            a=_claim_of_statement(match, articles),
            b=_claim_of_statement(d, articles, extra=follow),
            score=round(score, 3),
            reason=f"{d.who} {verb} what {match.who} said ({how})",
        ))
    return out


_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+|\n")


def sentence_leads(statements: Iterable[Statement],
                   text_of: Callable[[str], str | None]) -> dict[tuple[str, int], str]:
    """For each statement that may deny or rebut (`_may_answer`), the article's text before it
    (up to `_BEFORE_CHARS`), by (article id, start): what `denial_disputes` reads to tell "…,
    though A disputes this" (the denied clause is in the denial's own sentence, `_lead`) from a
    denial of what came before, and what the narration says between a claim and its denial.
    `text_of`: an article's text by id (None when it is not known: no text)."""
    out: dict[tuple[str, int], str] = {}
    texts: dict[str, str | None] = {}
    p = section("disputes")
    cues = tuple(str(w).lower() for w in p.get("rebuttal_cues") or [])
    strong = tuple(str(w).lower() for w in p.get("strong_rebuttal_cues") or [])
    for s in statements:
        if not _may_answer(s, cues, strong):
            continue
        if s.article_id not in texts:
            texts[s.article_id] = text_of(s.article_id)
        text = texts[s.article_id]
        if not text or s.start <= 0:
            continue
        before = text[max(0, s.start - _BEFORE_CHARS):s.start]
        if before.strip():
            out[(s.article_id, s.start)] = before
    return out


# how much text before a denial `sentence_leads` keeps: its sentence's lead and the narration
# between it and a claim up to `anaphor_chars` before it
_BEFORE_CHARS = 600


def _lead(before: str) -> str:
    """The denial's own sentence before it, from the text before the denial."""
    ends = list(_SENTENCE_END.finditer(before))
    return before[ends[-1].end():] if ends else before


def _narrated_claims(before: str, gap: int, covered: list[tuple[int, int]], start: int,
                     words: tuple[str, ...]) -> list[str]:
    return [n.subject for n in _narrated(before, gap, covered, start, words)]


@dataclass(frozen=True)
class _Narrated:
    """A sentence of narration that reports a claim: its span in the article, its text, the
    words before its claim word (who claims) and after it (what, about whom)."""

    start: int
    end: int
    text: str
    subject: str
    rest: str


def _narrated(before: str, gap: int, covered: list[tuple[int, int]], start: int,
              words: tuple[str, ...]) -> list[_Narrated]:
    """The whole sentences of the last `gap` characters before a denial at `start` (`before`:
    the text before it) that no statement covers (`covered`: every statement's span in the
    article) and that report someone's claim (a word opening with one of `words`: "accused",
    "alleges", "an assessment estimated"), each cut at that word: the narration's own report
    of who claims what, between a claim and the denial."""
    if gap <= 0 or gap > len(before):
        return []
    lo_gap = len(before) - gap
    offset = start - len(before)
    # sentence starts within the gap (a boundary at the claim's own end counts: the claim's
    # sentence ended there)
    bounds = [m.end() for m in _SENTENCE_END.finditer(before, max(0, lo_gap - 3))
              if m.end() >= lo_gap]
    if lo_gap == 0 and offset == 0:
        bounds.insert(0, 0)  # the article's first sentence starts at its start
    out = []
    # a sentence starts after a boundary and ends at the next one (the piece after the last
    # boundary is the denial's own lead)
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        a, b = offset + lo, offset + hi
        if any(s < b and e > a for s, e in covered):
            continue
        found = _claim_report(before[lo:hi], a, words)
        if found is not None:
            out.append(found)
    return out


def _claim_report(sentence: str, at: int, words: tuple[str, ...]) -> _Narrated | None:
    """`sentence` (starting at offset `at`) cut at its first word opening with one of
    `words`: who claims, and what; None when no word reports a claim."""
    for m in re.finditer(r"[A-Za-z]+", sentence):
        if m.group(0).lower().startswith(words):
            text = sentence.strip()
            lead = len(sentence) - len(sentence.lstrip())
            return _Narrated(at + lead, at + lead + len(text), text, sentence[:m.start()],
                             sentence[m.end():])
    return None


_PRONOUNS = ("it", "he", "she", "they", "its", "his", "her", "their")


def _names_claimant(subject: str, c: _Stmt) -> bool:
    """Whether the words before a narrated claim's verb name claim `c`'s speaker (as written,
    resolved, or a side it stands for), or open with a pronoun that continues it ("It accuses
    Group A of …")."""
    first = _first_words(subject)[:1]
    if first and first[0] in _PRONOUNS:
        return True
    names: set[str] = set()
    for n in (c.who, c.s.speaker or "", *c.sides):
        names |= content_words(n.replace("-", " "))
    return bool(content_words(subject.replace("-", " ")) & names)


def _shared(a: _Stmt, b: _Stmt) -> str:
    both = sorted(a.words & b.words)
    return ", ".join(both[:6]) if both else "no words"


def _joined(lead: str, joins: tuple[str, ...]) -> bool:
    """Whether a denial's sentence opens with a clause joined to it ("The plan is unlawful,
    though State B disputes this"): the lead ends in a joining word after some words."""
    words = lead.lower().replace(",", " ").split()
    return len(words) >= 3 and words[-1] in joins


@dataclass
class _Narration:
    """The article's text before a denial, the spans its statements cover, and the words by
    which narration reports a claim (`narrated_claim_words`)."""

    before: str
    covered: list[tuple[int, int]]
    words: tuple[str, ...]

    def restates(self, c: _Stmt, gap: int, start: int) -> bool:
        """Whether claim `c`, `gap` characters before a denial at `start`, is still the last
        claim said: no sentence of narration in between reports a claim, or one that does
        names `c`'s speaker (the narration restating it)."""
        if not self.words:
            return True
        subjects = _narrated_claims(self.before, gap, self.covered, start, self.words)
        return not subjects or any(_names_claimant(x, c) for x in subjects)


# "the Council's findings", "Group A's account", "claims by Group A": whose claim is denied
_OWNER = re.compile(r"^(?:the |these |those |such )?(?P<owner>[^,;:\"“”]{1,60}?)(?:'s|’s)\s+"
                    r"(?:\w+\s+)?(?P<noun>\w+)|^(?:the |these |those |such )?(?P<noun2>\w+)\s+"
                    r"(?:by|from)\s+(?P<owner2>[^,;:\"“”]{1,60})", re.IGNORECASE)


def _claim_owner(x: _Stmt, claim_nouns: frozenset[str]) -> str | None:
    """Whose claim a denial names ("rejected the Council's findings" -> "Council", "denied
    claims by Group A" -> "Group A"), or None."""
    m = _OWNER.match(" ".join((x.s.content or "").split()))
    if m is None:
        return None
    noun = (m.group("noun") or m.group("noun2") or "").lower()
    owner = m.group("owner") or m.group("owner2") or ""
    head = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
    if head not in claim_nouns and noun not in claim_nouns:
        return None
    if _first_words(owner)[:1] and _first_words(owner)[0] in _PRONOUNS:
        return None  # "its findings": whose is the denier's or a claim before; not named
    return owner if content_words(owner) else None


def _owned_claim(items: list[_Stmt], i: int, reach: int, owner: str,
                 floor: int | None = None) -> tuple[_Stmt, float, str] | None:
    """ "Group B rejected Group A's account": the nearest claim before it (within `reach`) by
    the speaker the denial names, of another side."""
    d = items[i]
    for j in range(i - 1, -1, -1):
        c = items[j]
        if d.s.start - c.s.end > reach or (floor is not None and c.s.start < floor):
            return None
        if c.s.stance in FACT_STANCES and _different_sides(c, d) and _other_speaker(c, d) and (
                _names_claimant(owner, c)):
            return c, 0.5, f"a denial of {owner.strip()}'s claim: the nearest claim by them"
    return None


def _named_sides(text: str, actors: Any = None) -> frozenset[str]:
    """The sides of every lexicon actor a stretch of text names ("State C's President …
    accused State B" names State C and State B), longest names first; `actors`: the story
    profile's actor lexicon (None: the default profile's)."""
    if actors is None:
        from storyline.extract.actors import load_lexicon

        actors = load_lexicon()
    words = [w.rstrip(".,;:") for w in re.findall(r"[A-Za-z][\w.'’-]*", text or "")]
    words = [re.sub(r"(?:'s|’s|'|’)$", "", w) for w in words]
    out: set[str] = set()
    longest = min(int(getattr(actors, "max_words", 1) or 1), 6)
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            hit = actors.lookup(phrase) or (actors.lookup(phrase.split("-")[0])
                                            if n == 1 and "-" in phrase else None)
            if hit:
                out |= sides(hit[0], actors)
                i += n
                break
        else:
            i += 1
    return frozenset(out)


@dataclass(frozen=True)
class _NarratedAccusation:
    sentence: _Narrated
    who: str
    side: str
    sides: frozenset[str]
    in_sentence: bool = False  # the claim is the denial's own sentence's clause


def _narrated_accusation(items: list[_Stmt], i: int, narration: _Narration, near: int,
                         actors: Any = None) -> _NarratedAccusation | None:
    """ "Group C accused Group B of Y. Group B denied this.": an anaphoric denial that no
    statement answers, after a sentence of narration (within `near`, covered by no statement)
    that reports a claim by a named party of another side about the denier (the words before
    the claim word name the claimant, those after it the denier)."""
    d = items[i]
    if not narration.words:
        return None
    found = _narrated(narration.before, min(near, len(narration.before)), narration.covered,
                      d.s.start, narration.words)
    if not found:
        return None
    n = found[-1]  # the last claim the narration reports before the denial
    if any(n.end <= c.s.start < d.s.start and c.s.stance in FACT_STANCES and _other_speaker(c, d)
           for c in items[:i]):
        return None  # someone spoke after it: the denial would answer that, if anything
    return _accusation_about(n, d, actors)


def _lead_accusation(items: list[_Stmt], i: int, lead: str, covered: list[tuple[int, int]],
                     words: tuple[str, ...], actors: Any = None) -> _NarratedAccusation | None:
    """ "Group C accused Group B of Y, which Group B denied" / "…, but Group B denied it": a
    denial of its own sentence's clause, when that clause is narration (no other statement
    covers it) reporting a named party's claim about the denier."""
    d = items[i]
    text = lead.rstrip()
    start = d.s.start - len(lead)
    if not words or not text.strip() or any(
            s < d.s.start and e > start and (s, e) != (d.s.start, d.s.end) for s, e in covered):
        return None
    n = _claim_report(text, start, words)
    found = _accusation_about(n, d, actors) if n is not None else None
    return replace(found, in_sentence=True) if found is not None else None


def _accusation_about(n: _Narrated, d: _Stmt, actors: Any = None) -> _NarratedAccusation | None:
    """The narrated claim `n` as an accusation the denial `d` answers: its claimant a named
    party of another side, its words after the claim word naming the denier."""
    denier = d.sides | _named_sides(d.s.speaker, actors)
    accuser = _named_sides(n.subject, actors)
    if not denier or not accuser or accuser & denier:
        return None  # no named claimant, or the claimant is the denier's own side
    if not _named_sides(n.rest, actors) & denier:
        return None  # the claim is not about the denier
    who = _last_name(n.subject, actors) or n.subject.strip()
    return _NarratedAccusation(n, who, actor_side(None, who) or who.lower(), accuser)


def _last_name(text: str, actors: Any = None) -> str | None:
    """The canonical name of the last lexicon actor a text names: the one nearest the claim
    word is who claims ("a case brought by Country S accusing …" is Country S's claim, not the
    court's that hears it)."""
    if actors is None:
        from storyline.extract.actors import load_lexicon

        actors = load_lexicon()
    words = [re.sub(r"(?:'s|’s)$", "", w.rstrip(".,;:"))
             for w in re.findall(r"[A-Za-z][\w.'’-]*", text or "")]
    longest = min(int(getattr(actors, "max_words", 1) or 1), 6)
    found, i = None, 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            hit = actors.lookup(" ".join(words[i:i + n]))
            if hit:
                found, i = hit[0], i + n
                break
        else:
            i += 1
    return found


def _narrated_dispute(x: _NarratedAccusation, d: _Stmt, aid: str,
                      articles: Articles) -> Dispute:
    n = x.sentence
    date = d.date or articles.published(aid)
    claim = Claim(kind="narration", who=x.who, side=x.side, text=n.text, stance="assert",
                  evidence=Evidence(kind="narration", article_id=aid, start=n.start, end=n.end,
                                    quote=n.text, sentence=n.text, outlet=articles.outlet(aid),
                                    date=date, detail="a claim the article reports"))
    verb = _third_person(d.s.stance)
    return Dispute(
        id=_dispute_id("denial", aid, n.start, aid, d.s.start),
        kind="denial", date=date,
        topic=n.text if len(n.text) <= 160 else n.text[:159].rsplit(" ", 1)[0] + "…",
        a=claim, b=_claim_of_statement(d, articles), score=0.5,
        reason=(f"{d.who} {verb} what the article reports {x.who} claimed ("
                + (f"a denial of its own sentence's report of {x.who}'s claim about {d.who})"
                   if x.in_sentence else
                   f"an anaphoric denial right after the article's report of {x.who}'s claim "
                   f"about {d.who}; no statement in between)")),
    )


def _nearest_claim(items: list[_Stmt], i: int, near: int, floor: int | None = None, *,
                   counts: bool = False, accusation: bool = False,
                   narration: _Narration | None = None,
                   ) -> tuple[_Stmt, float, str] | None:
    """ "Group A denied the assertion": the nearest claim before it by another speaker of
    another side (starting at `floor` or after, when the denied thing is in the denial's own
    sentence). A claim that reports a count is passed over unless the denial is of a count
    (`counts`: "this figure") or the claim names the denier; one that does not name the
    denier is passed over by the denial of an allegation (`accusation`)."""
    d = items[i]
    for j in range(i - 1, -1, -1):
        c = items[j]
        if d.s.start - c.s.end > near or (floor is not None and c.s.start < floor):
            return None
        if c.s.stance in FACT_STANCES and _different_sides(c, d) and _other_speaker(c, d):
            # "rejected this" after a call or a plan rejects the call or the plan: no dispute
            if _a_call(c) or _a_plan(c):
                return None
            names = _names(c, d)
            # a count about the denier ("its arms sales, $300m last year, make it complicit")
            # can be what it denies; a toll or a tally about others is background
            if accusation and not names:
                # the allegation is one this article reports without a claimant (or one
                # extraction missed): looking further back would pair it with anything
                return None
            if not counts and not names and _states_a_count(c):
                continue
            # "A said X. Group C accused B of Y. B denied this": the narration in between
            # reports another claim, which is what "this" answers, unless it is A's own
            if narration is not None and not narration.restates(c, d.s.start - c.s.end,
                                                                 d.s.start):
                return None
            return c, 0.5, "an anaphoric denial: the nearest claim before it, by another side"
    return None


def _overlapping_claim(items: list[_Stmt], i: int, reach: int, min_overlap: float,
                       min_shared: int, floor: int | None = None,
                       ) -> tuple[_Stmt, float, str] | None:
    d = items[i]
    best, best_score = None, 0.0
    for j in range(i - 1, -1, -1):
        c = items[j]
        if d.s.start - c.s.end > reach or (floor is not None and c.s.start < floor):
            break
        if c.s.stance not in FACT_STANCES or not _other_speaker(c, d) or _negative(c) or (
                not _different_sides(c, d)) or _a_call(c) or _a_plan(c):
            continue
        score = overlap(c.words, d.words)
        if score >= min_overlap and len(c.words & d.words) >= min_shared and score > best_score:
            best, best_score = c, score
    if best is None:
        return None
    return best, best_score, f"the denial's words match the claim's ({_shared(best, d)})"


def _rebutted_claim(items: list[_Stmt], i: int, reach: int, cue: str, min_overlap: float,
                    min_shared: int) -> tuple[_Stmt, float, str] | None:
    """The other side's claim before a rebuttal about the same thing: one that names what the
    rebuttal opens with ("*negotiations* had in fact never stopped"), or shares at least
    `min_shared` stems and `min_overlap` of the shorter's words with it (a cue alone, in a
    quote about something else, is no rebuttal of whatever was said before)."""
    d = items[i]
    # what the rebuttal is about: the content words its content opens with ("*negotiations*
    # have in fact been ongoing"); a claim that names it is preferred
    subject = content_words(" ".join(_first_words(d.s.content)[:3]))
    best, best_key = None, (False, 0.0)
    for j in range(i - 1, -1, -1):
        c = items[j]
        if d.s.start - c.s.end > reach:
            break
        if c.s.stance not in FACT_STANCES or not _different_sides(c, d) or not (
                _other_speaker(c, d)):
            continue
        if _states_a_count(c) and not _names(c, d):
            continue  # a count about others is background, not what is called false
        names_subject = bool(c.words & subject)
        if not names_subject and (len(c.words & d.words) < min_shared
                                  or overlap(c.words, d.words) < min_overlap):
            continue
        key = (names_subject, overlap(c.words, d.words))
        if key > best_key:
            best, best_key = c, key
    if best is None:
        return None
    best_score = best_key[1]
    return best, best_score, (f"a rebuttal (\"{cue}\") of the other side's claim that shares "
                              f"its words ({_shared(best, d)})")


def _other_speaker(a: _Stmt, b: _Stmt) -> bool:
    return a.who.lower() != b.who.lower()


def _topic(x: _Stmt) -> str:
    text = " ".join((x.s.content or x.s.quote).split())
    return text if len(text) <= 160 else text[:159].rsplit(" ", 1)[0] + "…"


def _cross_article_claim(
    d: _Stmt, claims_by_day: dict[str, list[_Stmt]], window: int, min_overlap: float,
    min_shared: int,
) -> tuple[_Stmt, float, str] | None:
    center = day(d.date)
    if center is None:
        return None
    best, best_score = None, 0.0
    for k in range(-window, window + 1):
        for c in claims_by_day.get((center + timedelta(days=k)).isoformat(), ()):
            if c.s.article_id == d.s.article_id:
                continue
            if not _different_sides(c, d) or not _other_speaker(c, d) or _negative(c):
                continue
            score = overlap(c.words, d.words)
            if score >= min_overlap and len(c.words & d.words) >= min_shared and (
                    score > best_score):
                best, best_score = c, score
    if best is None:
        return None
    return best, best_score, (f"a claim in another article within {window} days whose words "
                              f"the denial repeats ({_shared(best, d)})")


def _elaboration(items: list[_Stmt], i: int, near: int) -> str:
    """What the denying side says right after its denial (same side, within `near` chars)."""
    d = items[i]
    for c in items[i + 1:]:
        if c.s.start - d.s.end > near:
            break
        if not _different_sides(c, d) and c.s.content:
            return " ".join(c.s.content.split())
    return ""


# ------------------------------------------------------------------ figures


def _figure_side(f: Figure, actors: Any = None) -> tuple[str, frozenset[str]] | None:
    """(claimant, sides) of a figure credited to a resolved source; None for a figure nobody
    is credited with (the outlet's own words usually repeat someone else's count) or whose
    source the lexicon does not know (independence cannot be told)."""
    if f.source_actor is None or not f.source_actor.canonical:
        return None
    who = f.source_actor.canonical
    return who.lower(), side_set(f.source_actor, None, actors)


def _one_day(f: Figure, max_days: int) -> str | None:
    """The day a figure holds for, when it holds for one (an interval of at most `max_days`;
    a running total "since" a day holds for the interval's last day)."""
    a, b = day(f.date_earliest), day(f.date_latest)
    if b is not None and f.since:
        return b.isoformat()
    if a is None or b is None or (b - a).days >= max_days:
        return None
    return b.isoformat()


def _rounded(rng: Range, f: Figure) -> Range:
    """A round number ("9,000", "1,200") is written rounded: it covers half its rounding
    unit either side (±500 for 9,000, ±50 for 1,200; numbers ending in one zero or none stand
    as written)."""
    if f.value is None or not float(f.value).is_integer() or f.qualifier not in (
            "exact", "approximately"):
        return rng
    digits = str(int(f.value))
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros < 2 or zeros == len(digits):
        return rng
    half = 10 ** zeros / 2
    return Range(min(rng.lo, f.value - half), max(rng.hi, f.value + half), False, rng.hi_open)


def _gap_ratio(a: Range, b: Range) -> float:
    """How many times larger the higher range starts than the lower one ends."""
    low, high = (a, b) if a.hi <= b.lo else (b, a)
    if low.hi <= 0:
        return float("inf")
    return high.lo / low.hi


def series_disagreements(series: FigureSeries, figs: list[Figure], articles: Articles,
                         params: dict | None = None, actors: Any = None) -> list[Disagreement]:
    """Pairs of points of one series that disagree, in a series known to be one quantity (a
    scope and a place are known, or it is a stock). Each pair must be (1) for the same day:
    both figures hold for one day (an interval of at most `max_point_days`) and it is the
    same, and both were reported within `report_window_days` of each other (an incident's
    toll revised a month later is a revision, not a dispute); (2) from independent sources:
    both attributed, to different claimants speaking for different sides; (3) apart: their
    ranges (value with qualifier) do not overlap even widened by `rounding` either side, and
    are at most `max_ratio` apart (further apart they count different things)."""
    if series.scope is None or (series.place is None and series.scope != "stock") or (
            series.subject is None):
        return []  # not known to be one quantity: nothing in it can disagree
    p = section("series")
    p.update(params or {})
    approx = float(p.get("approximately", 0.1))
    rounding = float(p.get("rounding", 0.02))
    max_days = int(p.get("max_point_days", 1))
    window = int(p.get("report_window_days", 2))
    max_ratio = float(p.get("max_ratio", 4))
    # a restated lower bound still says what its source claimed: it can disagree
    by_point = {(x.article_id, x.start, x.end): x
                for x in [*series.points, *getattr(series, "restated", [])]}
    items = []
    for f in figs:
        x = by_point.get((f.article_id, f.start, f.end))
        rng = value_range(f.value, f.low, f.high, f.qualifier or "exact", approx)
        side = _figure_side(f, actors)
        d = _one_day(f, max_days)
        if x is None or rng is None or side is None or d is None:
            continue
        items.append((d, day(articles.published(f.article_id)), x,
                      _rounded(rng.widened(rounding), f), side))
    items.sort(key=lambda t: (t[0], t[2].article_id, t[2].start))
    out: list[Disagreement] = []
    seen: set[tuple[str, str, str]] = set()
    for i, (d, pa, a, ra, (who_a, side_a)) in enumerate(items):
        for d2, pb, b, rb, (who_b, side_b) in items[i + 1:]:
            if d2 != d:
                break
            if a.article_id == b.article_id or who_a == who_b or side_a & side_b:
                continue
            if pa and pb and abs((pa - pb).days) > window:
                continue
            if ra.overlaps(rb) or _gap_ratio(ra, rb) > max_ratio:
                continue
            pair = (d, *sorted((a.display(), b.display())))
            if pair in seen:  # the same two values again that day: one flag is enough
                continue
            seen.add(pair)
            out.append(Disagreement(
                date=d, a=a, b=b,
                reason=(f"{a.display()} ({a.source_actor or a.source}) vs {b.display()} "
                        f"({b.source_actor or b.source}) for {d}: {ra.text()} and {rb.text()} "
                        f"do not overlap even allowing {rounding:.0%} for rounding; the sources "
                        f"are independent ({a.source_actor} / {b.source_actor})"),
            ))
    return out


def figure_disputes(series: Iterable[FigureSeries]) -> list[Dispute]:
    out: list[Dispute] = []
    for fs in series:
        for dis in fs.disagreements:
            claims = []
            for x in (dis.a, dis.b):
                claims.append(Claim(
                    kind="figure",
                    who=x.source_actor or x.source or x.outlet,
                    side=(x.source_actor or x.source or "").lower() or None,
                    text=f"{fs.kind}{' of ' + fs.subject if fs.subject else ''}: {x.display()}",
                    stance=x.display(),
                    evidence=Evidence(
                        kind="figure", article_id=x.article_id, start=x.start, end=x.end,
                        quote=x.quote, sentence=x.sentence, outlet=x.outlet, date=x.date,
                        detail=f"{x.qualifier} {x.value if x.value is not None else ''}".strip(),
                    ),
                ))
            where = f" in {fs.place}" if fs.place else ""
            scope = f" ({fs.incident or fs.scope})" if fs.incident or fs.scope else ""
            out.append(Dispute(
                id=_dispute_id("figures", fs.id, dis.date, dis.a.article_id, dis.a.start,
                               dis.b.article_id, dis.b.start),
                kind="figures",
                date=dis.date,
                topic=(f"{fs.kind}{' of ' + fs.subject if fs.subject else ''}{where}{scope} "
                       f"on {dis.date}"),
                a=claims[0], b=claims[1], score=1.0, reason=dis.reason,
            ))
    return out


# ------------------------------------------------------------------ events


def _mention_evidence(m: Mention) -> Evidence:
    return Evidence(
        kind="event", article_id=m.article_id, start=m.start, end=m.end, quote=m.quote,
        sentence=m.sentence, outlet=m.outlet, date=m.date_earliest,
        detail=f"{m.type}{'/' + m.mode if m.mode else ''} {m.modality}",
    )


def event_disputes(clusters: Iterable[EventCluster], params: dict | None = None,
                   actors: Any = None, memo: StoryMemo | None = None) -> list[Dispute]:
    """A cluster reported as happening vs a matching cluster reported as not happening (sides
    by the profile's actor lexicon `actors`; None: the default profile's).

    A negated cluster is only tried on real clusters of its type: each type is a block, and
    with `memo` a type whose two cluster blocks (`memo.blocks`) the last build saw takes that
    build's disputes."""
    p = section("clusters")
    p.update(params or {})
    real: dict[str, list[EventCluster]] = defaultdict(list)
    negated: dict[str, list[EventCluster]] = defaultdict(list)
    order: dict[str, int] = {}
    for c in clusters:
        if c.polarity == "real":
            real[c.type].append(c)
        elif c.polarity == "negated":
            order.setdefault(c.id, len(order))
            negated[c.type].append(c)
    found: list[tuple[str, Dispute]] = []
    for type_, denials in negated.items():
        memo_key = None
        if memo is not None and (type_, "negated") in memo.blocks:
            from storyline.story.build import as_data

            memo_key = memo.key("event-disputes", [
                p, type_, memo.blocks.get((type_, "real")), memo.blocks[(type_, "negated")]])
            kept = memo.get(memo_key)
            if kept is not None:
                memo.put(memo_key, kept)
                found += [(cid, Dispute.from_dict(copy.deepcopy(d))) for cid, d in kept]
                continue
        done = _type_event_disputes(denials, real.get(type_, []), p, actors, memo)
        if memo_key is not None:
            memo.put(memo_key, [[cid, as_data(d)] for cid, d in done])
        found += done
    found.sort(key=lambda pair: order[pair[0]])
    return [d for _, d in found]


def _type_event_disputes(negated: list[EventCluster], real: list[EventCluster], p: dict,
                         actors: Any, memo: StoryMemo | None = None,
                         ) -> list[tuple[str, Dispute]]:
    """(negated cluster id, dispute) of the negated clusters of one type against its real
    ones. With `memo` and the clusters' JSON (`memo.cluster_texts`), a negated cluster whose
    JSON and whose real clusters tried (their JSON, in order) the last build saw takes that
    build's dispute (a new article changes a few clusters of a type, not every pair)."""
    from storyline.story.build import as_data

    texts = memo.cluster_texts if memo is not None else {}
    digests: dict[int, str] = {}

    def digest(c: EventCluster) -> str | None:
        got = digests.get(id(c))
        if got is None:
            text = texts.get(id(c))
            if text is None:
                return None
            got = digests[id(c)] = hashlib.sha1(text.encode()).hexdigest()[:20]
        return got

    slack = int(p["publication_slack_days"])
    cues = p.get("event_denial_cues", section("disputes").get("event_denial_cues"))
    denial_cues = tuple(str(w).lower() for w in cues or [])
    out: list[tuple[str, Dispute]] = []
    # a real cluster's date window and parties, made once for all the negations it is tried
    # on (per pair they were most of this function's time), its words when first compared
    facts = [(r, _window(r, slack), {a.lower() for a in r.actors + r.recipients}) for r in real]
    # the real clusters by the first day of their window, to try a negation only on those
    # whose window can overlap its own (and those without a date), in their order
    undated = [i for i, (_, days, _) in enumerate(facts) if not days]
    by_start = sorted((days[0], i) for i, (_, days, _) in enumerate(facts) if days)
    starts = [lo for lo, _ in by_start]
    words: dict[int, frozenset[str]] = {}

    def words_of(c: EventCluster) -> frozenset[str]:
        got = words.get(id(c))
        if got is None:
            got = words[id(c)] = content_words(" ".join(m.sentence for m in c.mentions[:5]))
        return got

    # the longest real window (days): a window starting that long before a negation's own
    # cannot reach it, so the scan for those that overlap starts there (None: some date is
    # not a plain ISO day, and every window starting by the negation's end is scanned)
    longest = _longest_window([days for _, days, _ in facts if days])
    params = memo.key("event-dispute-params", p) if memo is not None else ""
    for n in negated:
        n_days = _window(n, slack)
        if n_days:
            upto = bisect.bisect_right(starts, n_days[1])  # windows starting by its end
            first = day(n_days[0]) if longest is not None else None
            since = 0 if first is None else bisect.bisect_left(
                starts, (first - timedelta(days=longest)).isoformat())
            tried: Iterable[int] = sorted(undated + [i for _, i in by_start[since:upto]
                                                     if facts[i][1][1] >= n_days[0]])
        else:
            tried = range(len(facts))
        key = None
        if memo is not None:
            n_digest = digest(n)
            r_digests = [digest(facts[i][0]) for i in tried]
            if n_digest is not None and None not in r_digests:
                key = memo.key("event-dispute", [params, n_digest], "\n".join(r_digests))
                kept = memo.get_json(key)
                if kept is not None:
                    memo.put_json(key, None, kept[1])
                    if kept[0] is not None:
                        out.append((n.id, Dispute.from_dict(kept[0])))
                    continue
        found = _negation_dispute(n, [facts[i] for i in tried], slack, denial_cues, actors,
                                  words_of)
        if key is not None:
            memo.put_json(key, None if found is None else as_data(found))
        if found is not None:
            out.append((n.id, found))
    return out


def _longest_window(windows: list[tuple[str, str]]) -> int | None:
    """The longest of the windows in days; None when a date is not a plain ISO day."""
    longest = 0
    for lo, hi in windows:
        a, b = (day(lo), day(hi)) if len(lo) == len(hi) == 10 else (None, None)
        if a is None or b is None:
            return None
        longest = max(longest, (b - a).days)
    return longest


def _negation_dispute(n: EventCluster, tried: list, slack: int, denial_cues: tuple[str, ...],
                      actors: Any, words_of: Callable[[EventCluster], frozenset[str]],
                      ) -> Dispute | None:
    """The dispute of one negated cluster with the best of the real clusters `tried` (their
    facts: cluster, window, parties), or None."""
    n_days = _window(n, slack)
    n_words = content_words(" ".join(m.sentence for m in n.mentions[:5]))
    n_parties = {a.lower() for a in n.actors + n.recipients}
    best, best_score = None, 0.0
    for r, r_days, r_parties in tried:
        if n.mode and r.mode and n.mode != r.mode:
            continue
        if n_days and r_days and (n_days[1] < r_days[0] or r_days[1] < n_days[0]):
            continue
        if n_parties and r_parties and not n_parties & r_parties:
            continue
        score = overlap(n_words, words_of(r))
        if score >= 0.5 and score > best_score:
            best, best_score = r, score
    if best is None:
        return None
    # a dispute needs someone named who denies that it happened (a refusal, a rejection
    # or a plain negation reads "did not happen" far more often than it denies an event),
    # and someone named on another side who says it did (the outlet's narration is no side)
    b_m = next((m for m in n.mentions if m.source and _denies_event(m, denial_cues)), None)
    if b_m is None:
        return None
    denier = side_set(None, b_m.source, actors)
    a_m = next((m for m in best.mentions if m.source and m.source.lower() != (
        b_m.source.lower()) and not side_set(None, m.source, actors) & denier), None)
    if a_m is None:
        return None
    return Dispute(
        id=_dispute_id("event", best.id, n.id),
        kind="event",
        date=best.date_earliest or n.date_earliest,
        topic=best.label,
        a=Claim(kind="event", who=a_m.source or a_m.outlet, side=(a_m.source or "").lower()
                or None, text=best.summary, stance=a_m.modality,
                evidence=_mention_evidence(a_m)),
        b=Claim(kind="event", who=b_m.source or b_m.outlet, side=(b_m.source or "").lower()
                or None, text=n.summary, stance=b_m.modality,
                evidence=_mention_evidence(b_m)),
        score=round(best_score, 3),
        reason=f"{a_m.source} says it happened ({len(best.mentions)} report(s)); "
               f"{b_m.source} says it did not ({len(n.mentions)})",
    )


def _denies_event(m: Mention, cues: tuple[str, ...]) -> bool:
    """Whether a negated mention's sentence says outright that the event did not happen
    ("denied carrying out the strike", "said the raid never happened")."""
    text = f" {' '.join((m.sentence or m.quote or '').lower().split())} "
    return any(f" {c}" in text for c in cues)


def _window(c: EventCluster, slack: int) -> tuple[str, str] | None:
    if not c.date_earliest:
        return None
    lo = c.date_earliest
    if c.date_basis == "publication":
        d = day(lo)
        lo = (d - timedelta(days=slack)).isoformat() if d else lo
    return lo, c.date_latest or c.date_earliest


def _third_person(verb: str) -> str:
    """deny → denies, reject → rejects (stances are plain verbs)."""
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")
