"""Event clusters: every report of one real-world event, grouped once.

GDELT counts reports, not events (one kidnapping became hundreds of rows); here each extracted
Event is a *mention*, and mentions of the same event, within one article or across outlets, are
grouped into one cluster by:

- type and polarity (asserted/reported vs negated vs future/hypothetical) must be equal, and the
  PLOVER modes compatible (equal, or one unknown);
- dates must overlap: an explicit or relative date is its interval; a publication fallback means
  "on or up to N days before the article" (`publication_slack_days`); no date at all, up to a
  week before it;
- actors (actors ∪ recipients, canonical names) must not be disjoint when both are known, and
  locations must not differ when both are given;
- wording: the Dice overlap of content-word stems (sentences minus trigger and reporting words)
  must reach `min_words`, and the weighted score of wording, actor overlap and date agreement
  must reach `merge_score` (all in `data/story.yaml`).

Blocking keeps this linear in practice: candidate clusters are looked up by (type, polarity,
day), and only those on the mention's days are scored. Mentions are processed most precisely
dated first (explicit, relative, publication, unknown), so precise mentions found the clusters
and vaguer ones join them. Each cluster's best date comes from its most precise mentions
(explicit beats relative beats publication; a majority vote among equals); its first report is
its earliest-published article. A cluster of undated mentions only has no date.

Background mentions refer to a past event in a few words ("since the 7 October attack", "when
gunmen killed 1,200 people on 7 October"): their wording and modes vary too much to match the
reports of the day. So a past day's event is one cluster: once every mention is placed, the
clusters of one type and polarity dated to the same single day, whose actors are on compatible
sides (their countries overlap, or one side is unknown; a cluster of recalls only may also fold
by its words alone, as a recall's actor is often misread), with compatible modes unless their
type is in `fold_any_mode_types` (an attack's killings and abductions are one happening; a
release is not the day's aid access), and of which one is recalled by a later
article (`retrospective_days` after the day), fold into the largest; places are not compared
(background mentions name an attack's origin, target or area by turns). Undated background
mentions (records.Event.historical) join the recalled cluster they match best by wording, on
any earlier day, or stay undated.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat

from storyline.records import Event
from storyline.story.config import section
from storyline.story.context import Articles, actor_name, content_words
from storyline.story.memo import StoryMemo
from storyline.story.records import EventCluster, Mention

POLARITY = {
    "asserted": "real",
    "reported": "real",
    "negated": "negated",
    "future": "irrealis",
    "hypothetical": "irrealis",
}
BASIS_RANK = {"explicit": 0, "relative": 1, "publication": 2, "unknown": 3}


def polarity(modality: str) -> str:
    return POLARITY.get(modality, "real")


class StoredEvent:
    """An event as the store holds it: the columns that place it in a cluster block (article,
    type, modality) and its JSON, parsed into an `Event` only when a block is clustered again
    or its persons' names are read (`event`). A block an ingest leaves alone is keyed by the
    JSON itself, so most events of a large store are never parsed."""

    __slots__ = ("article_id", "type", "modality", "text", "_event")

    def __init__(self, article_id: str, type_: str | None, modality: str | None,
                 text: str) -> None:
        self.article_id, self.type, self.modality, self.text = article_id, type_, modality, text
        self._event: Event | None = None

    @property
    def event(self) -> Event:
        if self._event is None:
            self._event = Event.from_dict(json.loads(self.text))
        return self._event

    def may_name_person(self) -> bool:
        """Whether one of its actors can be a person: an `ActorRef` of kind "person" writes
        that word in the JSON, so an event without it has none (and need not be parsed)."""
        return "person" in self.text


def _parsed(event: Event | StoredEvent) -> Event:
    return event.event if isinstance(event, StoredEvent) else event


def _with_persons(events: Iterable[Event | StoredEvent]) -> Iterator[Event]:
    """The events that may name a person, parsed (what `person_names` reads)."""
    for e in events:
        if not isinstance(e, StoredEvent):
            yield e
        elif e.may_name_person():
            yield e.event


def mention_of(event: Event, articles: Articles, people: dict[str, str] | None = None) -> Mention:
    """An extracted Event as a cluster mention, with its article's outlet and date; `people`
    maps a person's short name to the full name other articles give ("Marsh" → "John
    Marsh", see `person_names`)."""
    info = articles.get(event.article_id)
    return Mention(
        article_id=event.article_id,
        start=event.start,
        end=event.end,
        quote=event.quote,
        sentence=event.sentence or event.quote,
        trigger=event.trigger,
        type=event.type,
        mode=event.mode,
        modality=event.modality,
        actors=_names(event.actors, people),
        recipients=_names(event.recipients, people),
        location=event.location,
        date_earliest=event.date_earliest,
        date_latest=event.date_latest or event.date_earliest,
        date_basis=event.date_basis if event.date_earliest else "unknown",
        date_text=event.date_text,
        outlet=info.outlet,
        published=info.published,
        source=event.source,
        historical=event.historical,
    )


def _sides(event: Event) -> frozenset[str]:
    """The countries of an event's actors (unresolved actors have none)."""
    return frozenset(a.country for a in event.actors if a.country)


def person_names(events: Iterable[Event]) -> dict[str, str]:
    """A person named by one word in some articles ("Mr Reid": "Reid") and in full in
    others ("Ewan Reid"): the short name → the only full name that ends with it."""
    full: dict[str, set[str]] = defaultdict(set)
    short: set[str] = set()
    for event in events:
        for ref in (*event.actors, *event.recipients):
            if ref.kind != "person" or not ref.canonical:
                continue
            words = ref.canonical.split()
            if len(words) == 1:
                short.add(ref.canonical)
            else:
                full[words[-1].lower()].add(ref.canonical)
    return {name: next(iter(full[name.lower()])) for name in short
            if len(full.get(name.lower(), ())) == 1}


def _names(refs: Iterable, people: dict[str, str] | None = None) -> list[str]:
    out: list[str] = []
    for ref in refs:
        name = actor_name(ref)
        if name and people and ref.kind == "person":
            name = people.get(name, name)
        if name and name not in out:
            out.append(name)
    return out


def _ord(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


@dataclass
class _Prepared:
    mention: Mention
    words: frozenset[str]
    parties: frozenset[str]
    lo: int | None  # ordinal day window the event may lie in
    hi: int | None
    rank: int  # basis rank
    vague: bool
    sides: frozenset[str] = frozenset()  # the actors' countries
    retrospective: bool = False  # one precise day, reported well after it
    digest: str = ""  # what the mention is made of (replay.mention_digest), when known


def lookup_days(p: _Prepared) -> Iterable[int] | None:
    """The days (ordinals) on which a mention looks for clusters, and on which a cluster it
    joins (unless vague) is registered; None: undated."""
    if p.lo is None:
        return None
    lo, hi = p.lo, p.hi if p.hi is not None else p.lo
    if hi - lo > 62:  # a window of months: look only around its ends and middle
        return (lo, (lo + hi) // 2, hi)
    return range(lo, hi + 1)


@dataclass
class _Cluster:
    key: tuple[str, str]  # (type, polarity)
    members: list[_Prepared] = field(default_factory=list)
    mode: str | None = None
    parties: Counter = field(default_factory=Counter)
    word_df: Counter = field(default_factory=Counter)
    first_words: frozenset[str] = frozenset()
    lo: int | None = None
    hi: int | None = None
    rank: int = 3
    location: str | None = None
    sides: Counter = field(default_factory=Counter)
    recalled: bool = False  # a member is retrospective (kept as members are added)
    _core: frozenset[str] | None = None
    # what `main_sides` and `best_date` say, kept until a member is added (the recalls and
    # the folds ask them of the same clusters many times)
    _main: set[str] | None = None
    _date: tuple[str | None, str | None, str] | None = None
    where: str | None = None  # `location` lower-cased (what scoring compares)
    _party_set: frozenset[str] | None = None

    def party_set(self) -> frozenset[str]:
        """The parties' names as a set (kept until a member is added): a set test against a
        mention's two or three parties looks up theirs, where one against the Counter's keys
        walked every party of a large cluster."""
        if self._party_set is None:
            self._party_set = frozenset(self.parties)
        return self._party_set

    def core(self, share: float) -> frozenset[str]:
        if self._core is None:
            n = len(self.members)
            cut = max(1, math.ceil(share * n))
            self._core = self.first_words | frozenset(w for w, c in self.word_df.items() if c >= cut)
        return self._core

    def add(self, p: _Prepared) -> None:
        if not self.members:
            self.first_words = p.words
            self.lo, self.hi, self.rank = p.lo, p.hi, p.rank
        elif p.rank < self.rank and p.lo is not None and not p.vague:
            # a more precise date replaces the window the cluster was founded on
            self.lo, self.hi, self.rank = p.lo, p.hi, p.rank
        self.members.append(p)
        self.mode = self.mode or p.mention.mode
        self.location = self.location or p.mention.location
        self.where = self.location.lower() if self.location else None
        self.parties.update(p.parties)
        self.word_df.update(p.words)
        self.sides.update(p.sides)
        self.recalled = self.recalled or p.retrospective
        self._core = self._main = self._date = self._party_set = None

    def main_sides(self) -> set[str]:
        """The actors' countries named by at least a third of the mentions that name one
        (the set is shared: callers do not change it)."""
        if self._main is None:
            named = sum(1 for p in self.members if p.sides)
            self._main = {s for s, n in self.sides.items() if named and n * 3 >= named}
        return self._main

    def best_date(self) -> tuple[str | None, str | None, str]:
        """`_best_date` of the members."""
        if self._date is None:
            self._date = _best_date(self.members)
        return self._date

    def single_day(self) -> bool:
        return self.lo is not None and self.lo == self.hi and self.rank <= 1


class Clusterer:
    """Groups mentions into clusters (see the module docstring); `add` them, then `clusters`."""

    def __init__(self, params: dict | None = None) -> None:
        p = section("clusters")
        p.update(params or {})
        self.p = p
        # the scoring parameters as numbers, read once (scoring is most of the clustering)
        self._core_share = float(p["core_share"])
        self._min_words = float(p["min_words"])
        self._vague_min_words = float(p["vague_min_words"])
        self._w_words, self._w_actors = float(p["w_words"]), float(p["w_actors"])
        self._w_date, self._merge_score = float(p["w_date"]), float(p["merge_score"])
        self._any_mode = frozenset(p.get("fold_any_mode_types", ("ASSAULT",)))
        self.clusters: list[_Cluster] = []
        # (type, polarity) -> day ordinal -> cluster indexes whose window covers the day
        self.index: dict[tuple[str, str], dict[int, list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.undated: dict[tuple[str, str], list[int]] = defaultdict(list)
        # (type, polarity) -> indexes of its clusters with a retrospective member: an undated
        # background mention looks for its recalled cluster among these only, not among every
        # cluster of the store (that scan was half the clustering time on 1,500 articles)
        self.recallable: dict[tuple[str, str], list[int]] = defaultdict(list)

    # ------------------------------------------------------------------ preparation

    def prepare(self, m: Mention, sides: frozenset[str] = frozenset()) -> _Prepared:
        stop = content_words(" ".join([m.trigger, m.date_text or ""]))
        words = content_words(m.sentence or m.quote) - stop
        parties = frozenset(n.lower() for n in m.actors + m.recipients)
        rank = BASIS_RANK.get(m.date_basis, 3)
        lo = hi = None
        pub = _ord(m.published)
        if rank <= 1 and m.date_earliest:
            lo, hi = _ord(m.date_earliest), _ord(m.date_latest or m.date_earliest)
        elif rank == 2 and (m.date_latest or pub):
            hi = _ord(m.date_latest or m.date_earliest) or pub
            lo = hi - int(self.p["publication_slack_days"]) if hi is not None else None
        elif pub is not None and not m.historical:
            rank = 3
            hi = pub
            lo = pub - int(self.p["unknown_slack_days"])
        else:
            rank = 3  # background without a date: any day before the article
        vague = lo is not None and hi is not None and (hi - lo) > int(self.p["vague_days"])
        if lo is not None and hi is not None and hi < lo:
            lo, hi = hi, lo
        retro = (rank <= 1 and lo is not None and lo == hi and pub is not None
                 and pub - hi >= int(self.p.get("retrospective_days", 2)))
        return _Prepared(m, words, parties, lo, hi, rank, vague, sides, retro)

    # ------------------------------------------------------------------ matching

    def _candidates(self, key: tuple[str, str], p: _Prepared) -> set[int]:
        days = lookup_days(p)
        if days is None:
            return set(self.undated[key])
        by_day = self.index[key]
        out: set[int] = set()
        for d in days:
            out.update(by_day.get(d, ()))
        return out

    def _best(self, candidates: Iterable[int], p: _Prepared) -> tuple[int | None, float]:
        """The candidate cluster that scores highest (the first of equals), and its score.

        A pair scores when the day windows overlap, the modes and places agree (or one is
        unknown), the actors are not disjoint and the wording reaches `min_words`: then
        score = words*w_words + actors*w_actors + date*w_date, kept when >= merge_score. The
        cheap tests come first (each rules a pair out alone, so their order does not change
        the result), inlined in one loop: scoring is most of the clustering of a large
        block."""
        best, best_score = None, 0.0
        clusters = self.clusters
        m = p.mention
        plo, phi, pmode, pwords, pparties = p.lo, p.hi, m.mode, p.words, p.parties
        pwhere = m.location.lower() if m.location else None
        nwords = len(pwords)
        need = self._vague_min_words if p.vague else self._min_words
        share, merge = self._core_share, self._merge_score
        w_words, w_actors, w_date = self._w_words, self._w_actors, self._w_date
        one_day = plo is not None and plo == phi
        for idx in sorted(candidates):
            c = clusters[idx]
            clo = c.lo
            if plo is not None and clo is not None and (phi < clo or c.hi < plo):
                continue
            if pmode and c.mode and c.mode != pmode:
                continue
            if pwhere is not None and c.where is not None and c.where != pwhere:
                continue
            cparties = c._party_set if c._party_set is not None else c.party_set()
            if pparties and cparties and pparties.isdisjoint(cparties):
                continue
            core = c._core if c._core is not None else c.core(share)
            if not pwords or not core:
                words = 0.0
            else:
                words = 2 * len(pwords & core) / (nwords + len(core))
            if words < need:
                continue
            if pparties and cparties:
                actors = len(pparties & cparties) / len(pparties | cparties)
            else:
                actors = 0.5
            if plo is None or clo is None:
                when = 0.0
            elif one_day and clo == c.hi == plo:
                when = 1.0 if p.rank <= 1 and c.rank <= 1 else 0.7
            else:
                when = 0.5
            score = w_words * words + w_actors * actors + w_date * when
            if score >= merge and score > best_score:
                best, best_score = idx, score
        return best, best_score

    def _recalled(self, key: tuple[str, str], p: _Prepared) -> set[int]:
        """Clusters an undated background mention may refer to: recalled single-day clusters
        of its type before its article, with compatible sides (the largest first)."""
        pub = _ord(p.mention.published)
        out = []
        for idx in self.recallable[key]:
            c = self.clusters[idx]
            if not c.single_day() or (pub is not None and c.hi > pub):
                continue
            if p.sides:
                sides = c.main_sides()
                if sides and not (p.sides & sides):
                    continue
            out.append((len(c.members), idx))
        out.sort(reverse=True)
        return {idx for _, idx in out[: int(self.p.get("recalled_candidates", 50))]}

    def consolidate(self) -> None:
        """Fold the clusters of one recalled past day into the largest compatible one: those
        dated to the day (explicitly or relatively) and the day's own reports of it (dated by
        their publication). Repeated until nothing folds: a cluster grown by folding may then
        take in one it could not before."""
        for _ in range(int(self.p.get("fold_passes", 4))):
            if not self._fold_pass():
                break
        self._fold_windows()

    def _fold_windows(self) -> None:
        """A cluster dated only to a window ("the attack last month") by recalls made after it
        is the one remembered event of its type inside that window when there is one: a
        single-day cluster recalled by `remembered_articles` later articles, on a compatible
        side, with `fold_dominance` times its mentions and `window_fold_margin` times those of
        any other single-day cluster of the type in the window."""
        longest = int(self.p.get("window_fold_days", 0))
        if longest <= 0:
            return
        dominance = float(self.p["fold_dominance"])
        margin = float(self.p.get("window_fold_margin", 5))
        days: dict[tuple[str, str], list[int]] = defaultdict(list)
        for idx, c in enumerate(self.clusters):
            if c.single_day():
                days[c.key].append(idx)
        dropped: set[int] = set()
        for idx, c in enumerate(self.clusters):
            if c.single_day() or c.lo is None or c.hi is None or c.hi - c.lo > longest or \
                    c.key not in days:
                continue
            # the window is the recalls' (reports of the days inside it may have joined them
            # on their words, dated by their publication)
            published = [_ord(q.mention.published) for q in c.members if q.rank <= 1]
            if not published or any(pub is None or pub <= c.hi for pub in published):
                continue
            inside = sorted((i for i in days[c.key] if c.lo <= self.clusters[i].lo <= c.hi),
                            key=lambda i: -len(self.clusters[i].members))
            if not inside:
                continue
            big = self.clusters[inside[0]]
            runner_up = len(self.clusters[inside[1]].members) if len(inside) > 1 else 0
            sides, theirs = big.main_sides(), c.main_sides()
            if sides and theirs and not (sides & theirs):
                continue
            if not self._modes_fold(c, big):
                continue
            if not self._remembered(big) or len(big.members) < dominance * len(c.members) or \
                    len(big.members) < margin * runner_up:
                continue
            for q in c.members:
                big.add(q)
            dropped.add(idx)
        self._drop(dropped)

    def _fold_pass(self) -> bool:
        groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        for idx, c in enumerate(self.clusters):
            lo, hi, basis = c.best_date()  # the date the cluster will carry
            if lo and lo == hi and basis in ("explicit", "relative", "publication"):
                groups[(c.key[0], c.key[1], lo)].append(idx)
        dropped: set[int] = set()
        for members in groups.values():
            if len(members) < 2:
                continue
            # targets: dated clusters, largest first; a publication-dated one only joins
            members.sort(key=lambda i: (self.clusters[i].rank > 1, -len(self.clusters[i].members)))
            for pos, small_idx in enumerate(members[1:], 1):
                small = self.clusters[small_idx]
                targets = [i for i in members[:pos]
                           if i not in dropped and self.clusters[i].rank <= 1]
                target = self._fold_target(small, [self.clusters[i] for i in targets])
                if target is not None:
                    for q in small.members:
                        self.clusters[targets[target]].add(q)
                    dropped.add(small_idx)
        self._drop(dropped)
        return bool(dropped)

    def _drop(self, dropped: set[int]) -> None:
        """Remove the clusters folded into others, and index the recalled ones anew."""
        if not dropped:
            return
        self.clusters = [c for i, c in enumerate(self.clusters) if i not in dropped]
        self.recallable = defaultdict(list)
        for idx, c in enumerate(self.clusters):
            if c.recalled:
                self.recallable[c.key].append(idx)

    def _modes_fold(self, small: _Cluster, big: _Cluster) -> bool:
        """Whether two clusters' modes let them fold: equal or one unknown, or any modes for
        the types in `fold_any_mode_types` (a release is not the day's aid access, whatever its
        words; an attack's killings and abductions are one happening)."""
        return not (small.mode and big.mode and small.mode != big.mode) or \
            small.key[0] in self._any_mode

    def _remembered(self, c: _Cluster) -> bool:
        """Recalled by at least `remembered_articles` later articles."""
        later = {q.mention.article_id for q in c.members if q.retrospective}
        return len(later) >= int(self.p.get("remembered_articles", 10))

    def _fold_target(self, small: _Cluster, targets: list[_Cluster]) -> int | None:
        """Which of the day's larger clusters (largest first) a cluster folds into: the one
        whose words hold most of its own (at least `fold_containment`), else, for a cluster of
        background recalls only, the largest that dominates it (`fold_dominance` times its
        mentions; twice for a lone mention), among those recalled later and on a compatible
        side. Places are not compared: background
        mentions name the origin, target or area of an attack by turns."""
        mine = small.core(float(self.p["core_share"]))
        need = float(self.p["fold_containment" if small.rank <= 1 else "fold_containment_reports"])
        dominance = float(self.p["fold_dominance"]) if len(small.members) > 1 else 2.0
        best, best_share, dominant = None, need, None
        theirs = small.main_sides()
        # background recalls of the day fold by dominance; the day's own reports only into an
        # event the day is remembered for (recalled by many later articles), else by words
        recalls = all(q.retrospective or q.mention.historical for q in small.members)
        for n, big in enumerate(targets):
            if not (big.recalled or small.recalled):  # (no member is retrospective)
                continue
            if not self._modes_fold(small, big):
                continue
            sides = big.main_sides()
            if sides and theirs and not (sides & theirs) and not recalls:
                continue
            if mine:
                share = len(mine & big.word_df.keys()) / len(mine)
                if share >= best_share:
                    best, best_share = n, share + 1e-9
            if sides and theirs and not (sides & theirs):
                continue  # a recall on another side folds only by its words (above)
            if dominant is None and (recalls or self._remembered(big)) and \
                    len(big.members) >= dominance * len(small.members):
                dominant = n
        return best if best is not None else dominant

    def _register(self, idx: int, c: _Cluster, p: _Prepared) -> None:
        days = lookup_days(p)
        if days is None:
            self.undated[c.key].append(idx)
            return
        by_day = self.index[c.key]
        for d in days:
            bucket = by_day[d]
            if not bucket or bucket[-1] != idx:
                bucket.append(idx)

    def add(self, p: _Prepared) -> int:
        """Put one prepared mention in its best cluster (or a new one); returns the index."""
        return self.place(p, self.choose(p))

    def choose(self, p: _Prepared) -> int | None:
        """The index of the cluster a prepared mention joins now (None: it founds one)."""
        key = (p.mention.type, polarity(p.mention.modality))
        candidates = self._candidates(key, p)
        if p.lo is None and p.mention.historical:
            candidates |= self._recalled(key, p)
        return self._best(candidates, p)[0]

    def place(self, p: _Prepared, best: int | None) -> int:
        """Put a prepared mention in cluster `best` (None: a new one); returns the index."""
        key = (p.mention.type, polarity(p.mention.modality))
        if best is None:
            best = len(self.clusters)
            self.clusters.append(_Cluster(key=key))
            self.clusters[best].add(p)
            if p.retrospective:
                self.recallable[key].append(best)
            self._register(best, self.clusters[best], p)
            return best
        c = self.clusters[best]
        if p.retrospective and not c.recalled:
            self.recallable[key].append(best)
        c.add(p)
        if not p.vague:
            self._register(best, c, p)
        return best


def cluster_events(
    events: Iterable[Event | StoredEvent], articles: Articles, params: dict | None = None,
    memo: StoryMemo | None = None, cached: Callable[[list[str]], list[EventCluster] | None]
    | None = None, texts: Iterable[str] | None = None,
) -> list[EventCluster]:
    """Group extracted events into clusters of one real-world event each.

    Mentions of one (type, polarity) only ever meet each other (candidates, recalls and folds
    are all looked up by it), so each such block is clustered on its own: with `memo`, a block
    whose input (its mentions, their articles, the parameters) the last build saw takes that
    build's clusters (`cached`: the cached clusters of these ids, None when one is missing)
    instead of being clustered again. `texts`: each event's JSON as stored (in the order of
    `events`); given, a block's input is digested from them instead of from its mentions (a
    mention is a function of its event, its article's metadata and the full names of its
    persons, all in the digest), and the mentions of a block taken from the memo are never
    made: on a large store that was most of the cost of the blocks an ingest leaves alone.
    `events` may be `StoredEvent`s (their JSON is then their text): only the events of the
    blocks clustered again, and those that may name a person, are then parsed."""
    p = section("clusters")
    p.update(params or {})
    pairs = [(e, e.text if isinstance(e, StoredEvent) else t)
             for e, t in zip(events, texts if texts is not None else repeat(None),
                             strict=texts is not None) if e.type]
    people = person_names(_with_persons(e for e, _ in pairs))
    blocks: dict[tuple[str, str], list[tuple[Event | StoredEvent, str | None]]] = \
        defaultdict(list)
    for e, t in pairs:
        blocks[(e.type, polarity(e.modality))].append((e, t))
    out: list[EventCluster] = []
    for key in sorted(blocks):
        block: list[tuple[Mention, frozenset[str]]] | None = None
        memo_key = None
        if memo is not None:
            if all(t is not None for _, t in blocks[key]):
                data = _text_block_input(key, blocks[key], articles, p, people)
            else:
                block = _mentions(blocks[key], articles, people)
                data = _block_input(key, block, articles, p)
            memo_key = memo.key("clusters", data)
            memo.blocks[key] = memo_key
            ids = memo.get(memo_key)
            found = cached(ids) if ids is not None and cached is not None else None
            if found is not None:
                out.extend(found)
                memo.put(memo_key, ids)
                continue
        if block is None:
            block = _mentions(blocks[key], articles, people)
        reuse = None
        if memo is not None and all(t is not None for _, t in blocks[key]):
            reuse = _BlockReuse(memo, key, p, [t for _, t in blocks[key]], cached)
        done = _cluster_block(block, articles, p, reuse)
        if memo_key is not None:
            memo.put(memo_key, [c.id for c in done])
        out.extend(done)
    out.sort(key=lambda c: (c.date_earliest or "9999", c.type, c.id))
    return out


def _mentions(events: list[tuple[Event | StoredEvent, str | None]], articles: Articles,
              people: dict[str, str]) -> list[tuple[Mention, frozenset[str]]]:
    parsed = [_parsed(e) for e, _ in events]
    return [(mention_of(e, articles, people), _sides(e)) for e in parsed]


def _cited(article_ids: Iterable[str], articles: Articles) -> list:
    """What the clusters cite of each article (outlet, date, title, link and its
    near-duplicate group, which independent reports count)."""
    return [[a, i.outlet, i.published, i.title, i.url, i.group]
            for a, i in ((a, articles.get(a)) for a in sorted(set(article_ids)))]


def _block_input(key: tuple[str, str], block: list[tuple[Mention, frozenset[str]]],
                 articles: Articles, p: dict) -> list:
    """Everything a block's clusters depend on: the parameters, each mention with its actors'
    countries, and what the clusters cite of each article."""
    from storyline.story.build import as_data

    infos = _cited((m.article_id for m, _ in block), articles)
    return [list(key), p, [[as_data(m), sorted(s)] for m, s in block], infos]


def _text_block_input(key: tuple[str, str], block: list[tuple[Event | StoredEvent, str | None]],
                      articles: Articles, p: dict, people: dict[str, str]) -> list:
    """What `_block_input` digests, from what the mentions are made of: each event as stored
    (its actors' countries are in it), its article's metadata, and the full name each person
    named by one word is given (`person_names`: another article may change it)."""
    full = sorted({(name, people[name]) for e in _with_persons(e for e, _ in block)
                   for ref in (*e.actors, *e.recipients)
                   if ref.kind == "person" and (name := actor_name(ref)) in people})
    infos = _cited((e.article_id for e, _ in block), articles)
    return [list(key), p, [t for _, t in block], infos, full]


class _BlockReuse:
    """What a block clustered again takes from the last build (story/replay.py): its placing
    (`Trace`, replayed where nothing it saw changed) and its finished clusters (a cluster
    whose members, in order, and their articles are as they were is the cached one)."""

    def __init__(self, memo: StoryMemo, key: tuple[str, str], params: dict, texts: list[str],
                 cached: Callable[[list[str]], list[EventCluster] | None] | None) -> None:
        from storyline.story.replay import Trace

        self.memo, self.texts, self.cached = memo, texts, cached
        self.trace_key = memo.key("cluster-trace", [list(key), params])
        self.last = Trace.from_data(memo.previous.get(self.trace_key))
        self.params = memo.key("params", params)

    def finished(self, c: _Cluster, articles: Articles, params: dict) -> EventCluster:
        key = self.memo.key("cluster-of", [list(c.key), _cited(
            (q.mention.article_id for q in c.members), articles)],
            self.params + "\n" + "\n".join(q.digest for q in c.members))
        cluster_id = self.memo.get(key)
        found = self.cached([cluster_id]) if cluster_id is not None and self.cached else None
        done = found[0] if found else _finish(c, articles, params)
        self.memo.put(key, done.id)
        return done


def _cluster_block(block: list[tuple[Mention, frozenset[str]]], articles: Articles,
                   params: dict, reuse: _BlockReuse | None = None) -> list[EventCluster]:
    """The clusters of one block's mentions (or of any mentions: blocks never meet);
    `reuse`: the block's texts and the memo (then what the last build placed and finished
    is taken where it cannot have changed, see story/replay.py)."""
    clusterer = Clusterer(params)
    prepared = [clusterer.prepare(m, sides) for m, sides in block]
    # Most precise dates first, then chronological, then stable by article and offset.
    order = sorted(range(len(prepared)), key=lambda i: (
        (p := prepared[i]).rank, p.vague, p.lo if p.lo is not None else 10**9,
        p.mention.published or "9999", p.mention.article_id, p.mention.start,
    ))
    if reuse is None:
        for i in order:
            clusterer.add(prepared[i])
    else:
        from storyline.story.replay import Trace, mention_digest, place_all

        digests = [mention_digest(t, m) for (m, _), t in zip(block, reuse.texts, strict=True)]
        for q, digest in zip(prepared, digests, strict=True):
            q.digest = digest
        joined = place_all(clusterer, prepared, order, digests, reuse.last)
        reuse.memo.put(reuse.trace_key, Trace(digests, joined).to_data())
    clusterer.consolidate()
    if reuse is None:
        return [_finish(c, articles, clusterer.p) for c in clusterer.clusters]
    return [reuse.finished(c, articles, clusterer.p) for c in clusterer.clusters]


# ------------------------------------------------------------------ finishing a cluster


def _best_date(members: list[_Prepared]) -> tuple[str | None, str | None, str]:
    # a day the text gives, even relative to the article ("on Saturday"), says more than a
    # window it gives in full ("in October"): precise mentions first, then the best basis
    precise = [p for p in members if p.rank <= 1 and not p.vague]
    rank = min(p.rank for p in precise or members)
    best = [p for p in precise if p.rank == rank] or [
        p for p in members if p.rank == rank and not p.vague] or [
        p for p in members if p.rank == rank
    ]
    m0 = best[0].mention
    if rank <= 1:
        votes = Counter((p.mention.date_earliest, p.mention.date_latest) for p in best)
        top = max(votes.values())
        (lo, hi) = min(k for k, v in votes.items() if v == top)
        return lo, hi, m0.date_basis
    if rank == 2:
        # the event happened by the earliest report: that is the best a fallback can say
        days = sorted(p.mention.date_latest or p.mention.published or "" for p in best)
        days = [d for d in days if d]
        return (days[0][:10], days[0][:10], "publication") if days else (None, None, "unknown")
    return None, None, "unknown"  # only undated mentions: never the day of a report


def _representative(members: list[_Prepared]) -> Mention:
    """The mention most like the others (precise dates preferred), for the one-line summary."""
    pool = members[:40]
    rank = min(p.rank for p in pool)

    def centrality(p: _Prepared) -> float:
        total = 0.0
        for q in pool:
            if q is p or not p.words or not q.words:
                continue
            total += len(p.words & q.words) / len(p.words | q.words)
        return total

    return max(pool, key=lambda p: (p.rank == rank, not _first_person(p.mention.sentence),
                                    centrality(p), -len(p.mention.sentence))).mention


_FIRST_PERSON = re.compile(r"(?:^|[\s\"“‘'(])(?:I|I'm|I’m|I've|I’ve|we|We|my|My|our|Our|me|us)\b")


def _first_person(sentence: str) -> bool:
    """A witness's or speaker's own words ("I had just spent the hardest hours of my life
    …"): a summary is better in the reporter's words when the cluster has them."""
    return bool(_FIRST_PERSON.search(sentence or ""))


def one_line(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _label(type_: str, mode: str | None, actors: list[str], recipients: list[str]) -> str:
    what = f"{type_}/{mode}" if mode else type_
    left = ", ".join(actors[:3]) or "unattributed"
    right = f" → {', '.join(recipients[:3])}" if recipients else ""
    return f"{left} {what}{right}"


def _cluster_id(c: _Cluster) -> str:
    first = min(c.members, key=lambda p: (p.mention.article_id, p.mention.start))
    m = first.mention
    raw = f"{c.key[0]}|{c.key[1]}|{m.article_id}|{m.start}|{m.end}"
    return "ev-" + hashlib.sha1(raw.encode()).hexdigest()[:12]


def _finish(c: _Cluster, articles: Articles, p: dict) -> EventCluster:
    members = c.members
    mentions = sorted(
        (q.mention for q in members),
        key=lambda m: (m.published or "9999", m.article_id, m.start),
    )
    lo, hi, basis = c.best_date()
    actor_votes: Counter = Counter()
    recip_votes: Counter = Counter()
    for m in mentions:
        actor_votes.update(m.actors)
        recip_votes.update(m.recipients)
    actors = [a for a, _ in actor_votes.most_common()]
    recipients = [r for r, _ in recip_votes.most_common() if r not in actors]
    article_ids: list[str] = []
    outlets: list[str] = []
    for m in mentions:
        if m.article_id not in article_ids:
            article_ids.append(m.article_id)
        if m.outlet and m.outlet not in outlets:
            outlets.append(m.outlet)
    rep = _representative(members)
    # the mode most mentions give (folded clusters hold the several acts of one happening:
    # an attack's killings and abductions); no mode when most give none
    modes = Counter(m.mode for m in mentions)
    mode = min(modes, key=lambda k: (-modes[k], k is None, k or "")) if modes else None
    sources = [articles.get(a).ref() for a in article_ids]
    return EventCluster(
        id=_cluster_id(c),
        type=c.key[0],
        mode=mode,
        polarity=c.key[1],
        actors=actors,
        recipients=recipients,
        date_earliest=lo,
        date_latest=hi,
        date_basis=basis,
        label=_label(c.key[0], mode, actors, recipients),
        summary=one_line(rep.sentence or rep.quote, int(p["summary_chars"])),
        location=c.location,
        mentions=mentions,
        outlets=outlets,
        articles=article_ids,
        independent_reports=articles.independent(article_ids),
        first_report=sources[0] if sources else None,
        sources=sources,
    )
