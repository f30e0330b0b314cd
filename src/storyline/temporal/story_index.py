"""The story's own record of when things were reported: an index over dated articles.

For every dated article the index keeps its distinctive phrases — numbers with the words after
them ("135 hostages", "seven-day truce" → "7 day truce"), names of several capitalised words
("Khan Younis", "Operation Gideon's Chariots") — with the article's date, and the durations it
counts on a noun ("the 100-day-old war" on 2024-01-14 says the war began about 2023-10-06).
An undated article's phrases looked up here give the dates at which the same figures and the
same named things were reported: a distribution over days whose densest part is the story's
estimate.

Tokenisation is a regular expression, not spaCy: the index is built over every dated article in
a store, and must stay cheap. Postings are arrays of article numbers, so memory grows with the
number of distinct phrases and postings, not with the text.
"""

from __future__ import annotations

import hashlib
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc

from storyline.nlp import doc_text
from storyline.temporal.evidence import config

_TOKEN = re.compile(r"[A-Za-z][A-Za-z’']*|\d[\d,.]*\d|\d|[.!?;:\n]")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}
_STOP = frozenset(
    "a an the of in on at to for from by with and or but as is are was were be been has have had "
    "it its this that these those than more less over under about some which who whom whose per "
    "cent percent he she they we i you his her their our my your not no also said says".split()
)
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)
_UNITS = {"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
          "year": "Y", "years": "Y"}
_UNIT_DAYS = {"D": 1.0, "W": 7.0, "M": 30.44, "Y": 365.25}


def text_key(text: str) -> str:
    """Identity of a text up to case and whitespace: exact duplicates share it."""
    return hashlib.blake2b(" ".join(text.lower().split()).encode("utf-8"),
                           digest_size=12).hexdigest()


def _tokens(text: str) -> list[str]:
    """Words, numbers and sentence breaks; hyphenated words split ("seven-day" → seven, day)."""
    return _TOKEN.findall(text.replace("-", " ").replace("‑", " "))


def _number(token: str) -> str | None:
    low = token.lower()
    if low in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[low])
    if token[0].isdigit():
        digits = token.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", digits):
            return digits
    return None


def _is_year(num: str) -> bool:
    return len(num) == 4 and num[:2] in ("19", "20")


_GENERIC_AFTER = frozenset(
    "minutes minute hours hour days day weeks week months month years year times time am pm "
    "th st nd rd per km miles metres meters feet percent cent".split()
)


def phrases(text: str) -> set[str]:
    """The distinctive phrases of a text.

    - figures: a number with the word(s) after it ("135 hostages"; "seven-day truce" → "7 day
      truce"); small numbers and units of time only in three-word phrases, alone they say
      nothing ("2 men", "5 days");
    - names: runs of two to four capitalised words ("Khan Younis", "Edan Alexander");
    - rare words: content words of five letters or more (the index keeps only the rare ones
      useful: common words are ignored at lookup by their document frequency).
    """
    toks = _tokens(text)
    out: set[str] = set()
    lows = [t.lower() for t in toks]
    n = len(toks)
    for i, tok in enumerate(toks):
        low = lows[i]
        if len(low) >= 5 and low.isalpha() and low not in _STOP and low not in _CALENDAR:
            out.add(low)
        num = _number(tok)
        if num is None or _is_year(num) or i + 1 >= n:
            continue
        w1 = lows[i + 1]
        if not w1.isalpha() or w1 in _STOP or w1 in _CALENDAR:
            continue
        small = float(num) < 10 or w1 in _GENERIC_AFTER
        if not small:
            out.add(f"{num} {w1}")
        if i + 2 < n:
            w2 = lows[i + 2]
            if w2.isalpha() and w2 not in _STOP and w2 not in _CALENDAR and w2 not in _GENERIC_AFTER:
                out.add(f"{num} {w1} {w2}")
    # names: runs of two to four capitalised words, not all of them calendar words
    run: list[str] = []
    for i in range(n + 1):
        tok = toks[i] if i < n else "."
        if tok[:1].isupper() and tok.isalpha() and tok.lower() not in _STOP:
            run.append(tok)
            continue
        if 2 <= len(run) <= 4:
            words = [w.lower() for w in run]
            if not all(w in _CALENDAR for w in words):
                out.add(" ".join(words))
        run = []
    return out


def _duration_samples(text: str, nouns: Iterable[str]) -> Iterator[tuple[str, float]]:
    """(noun, days) for "N-unit-old noun", "N units of/into (the) noun": time elapsed since it
    began ("a seven-day truce" says how long the truce lasts, and is not counted)."""
    alt = "|".join(re.escape(x) for x in nouns)
    pattern = re.compile(
        r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")[\s-](day|week|month|year)s?[\s-]"
        r"(?:old\s+|of\s+|into\s+)(?:the\s+)?(" + alt + r")\b", re.I)
    for m in pattern.finditer(text):
        raw = m[1].lower()
        amount = float(_NUMBER_WORDS.get(raw, 0) or raw)
        yield m[3].lower(), amount * _UNIT_DAYS[_UNITS[m[2].lower()]]


@dataclass
class PhraseHit:
    phrase: str
    count: int
    first: date
    last: date
    weight: float


@dataclass
class Neighbour:
    """A dated article that shares distinctive phrases with the undated one."""

    article_id: str
    published: date
    score: float
    shared: list[str]


@dataclass
class StoryEvidence:
    """Where the story's record puts an undated article."""

    best: date
    earliest: date
    latest: date
    hits: list[PhraseHit] = field(default_factory=list)
    neighbours: list[Neighbour] = field(default_factory=list)
    mass: float = 0.0

    def quotes(self, limit: int = 5) -> list[str]:
        """The closest dated articles with what they share, then the figures' report dates."""
        out = [
            f"{n.article_id} ({n.published.isoformat()}) shares "
            + ", ".join(f'"{p}"' for p in n.shared)
            for n in self.neighbours[:3]
        ]
        top = sorted(self.hits, key=lambda h: -h.weight)[: max(0, limit - len(out))]
        return out + [
            f'"{h.phrase}" reported {h.first.isoformat()}'
            + (f"..{h.last.isoformat()}" if h.last != h.first else "")
            + f" ({h.count} dated article{'s' if h.count > 1 else ''})"
            for h in top
        ]


@dataclass
class IndexEntry:
    """What the index keeps of one dated article: its day (ordinal), the identity of its text,
    its distinctive phrases, and (noun, ordinal day it began) for each duration it counts."""

    article_id: str
    day: int
    text_key: str
    phrases: list[str]
    anchors: list[tuple[str, int]]


def entry_for(text: str, published: date, article_id: str,
              nouns: Iterable[str] | None = None) -> IndexEntry:
    """The index entry of one dated article (a pure function of its text and day)."""
    nouns = tuple(nouns if nouns is not None else config()["duration_nouns"])
    day = published.toordinal()
    return IndexEntry(article_id, day, text_key(text), sorted(phrases(text)),
                      [(noun, day - round(days)) for noun, days in _duration_samples(text, nouns)])


class StoryIndex:
    """Dates at which dated articles reported each distinctive phrase."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._index_of: dict[str, int] = {}
        self._keys: list[str] = []  # text key of each article
        self._same_text: dict[str, list[int]] = defaultdict(list)  # text key -> articles
        self._days: array = array("i")  # ordinal day of each article
        self._postings: dict[str, array] = {}
        self._anchor_samples: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._nouns = tuple(config()["duration_nouns"])

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, text_or_doc: str | Doc, published: date, article_id: str = "") -> None:
        """Index one dated article (a second add with the same id is ignored)."""
        text = doc_text(text_or_doc) if isinstance(text_or_doc, Doc) else text_or_doc
        self.add_entry(entry_for(text, published, article_id or f"#{len(self._ids)}",
                                 self._nouns))

    def add_entry(self, entry: IndexEntry) -> None:
        """Index one dated article from its entry (as `entry_for` makes it, or as stored)."""
        if entry.article_id in self._index_of:
            return
        idx = len(self._ids)
        self._ids.append(entry.article_id)
        self._index_of[entry.article_id] = idx
        self._days.append(entry.day)
        self._keys.append(entry.text_key)
        self._same_text[entry.text_key].append(idx)
        for phrase in entry.phrases:
            posting = self._postings.get(phrase)
            if posting is None:
                posting = self._postings[phrase] = array("i")
            posting.append(idx)
        for noun, began in entry.anchors:
            self._anchor_samples[noun].append((idx, began))

    def span(self) -> tuple[date, date] | None:
        """First and last day of the indexed articles."""
        if not self._days:
            return None
        return date.fromordinal(min(self._days)), date.fromordinal(max(self._days))

    def _skipped(self, exclude: str | None, text: str | None = None,
                 key: str | None = None) -> frozenset[int]:
        """The indexed articles a lookup must not see: the article `exclude` names, every exact
        duplicate of it, and every exact duplicate of `text` (the article being dated) — so an
        index over a whole corpus dates each article as if it and its copies were unseen."""
        skip: set[int] = set()
        idx = self._index_of.get(exclude) if exclude else None
        if idx is not None:
            skip.update(self._same_text[self._keys[idx]])
        if key is None and text is not None:
            key = text_key(text)
        if key is not None:
            skip.update(self._same_text.get(key, ()))
        return frozenset(skip)

    def anchor(self, noun: str, exclude: str | None = None,
               text: str | None = None, key: str | None = None) -> tuple[date, int] | None:
        """When `noun` began, by the durations dated articles count on it (median, samples);
        `exclude` and `text` as in `lookup` (`key`: the text's `text_key` instead of it)."""
        skip = self._skipped(exclude, text, key)
        days = sorted(d for i, d in self._anchor_samples.get(noun, ()) if i not in skip)
        if len(days) < 3:
            return None
        return date.fromordinal(days[len(days) // 2]), len(days)

    def lookup(self, text_or_doc: str | Doc, exclude: str | None = None) -> StoryEvidence | None:
        """Where the dated articles that share the most distinctive phrases with the text were
        published: the articles reporting the same events and figures. The article `exclude`
        names and every exact duplicate of it or of the text are left out.

        Each shared phrase scores the dated articles that carry it by its rarity (figures count
        double); the best-scoring articles' dates, weighted by score, give the densest day and
        the interval (weighted quantiles, widened by a margin).
        """
        text = doc_text(text_or_doc) if isinstance(text_or_doc, Doc) else text_or_doc
        return self.lookup_phrases(phrases(text), text_key(text), exclude)

    def lookup_phrases(self, found: Iterable[str], key: str | None = None,
                       exclude: str | None = None) -> StoryEvidence | None:
        """`lookup` from a text's phrases and `text_key` (as stored for an undated article):
        no text needed."""
        skip = self._skipped(exclude, None, key)
        total = len(self._ids) - len(skip)
        cfg = config()
        if total < int(cfg["story_min_articles"]):
            return None  # too few dated articles to tell a rare phrase from a common one
        max_df = max(2, int(cfg["story_max_df"] * total))
        kernel = int(cfg["story_kernel_days"])
        weights = cfg["story_phrase_weights"]
        spread_days = float(cfg.get("story_spread_days", 0))
        scores: Counter[int] = Counter()
        shared: dict[int, list[str]] = defaultdict(list)
        figure_hits: list[PhraseHit] = []
        for phrase in sorted(set(found)):
            posting = self._postings.get(phrase)
            if posting is None:
                continue
            docs = [i for i in posting if i not in skip] if skip else list(posting)
            if not docs or len(docs) > max_df:
                continue
            numeric = phrase[0].isdigit()
            kind = "figure" if numeric else ("name" if " " in phrase else "word")
            weight = math.log(total / len(docs)) * float(weights[kind])
            if weight <= 0:
                continue  # in every dated article: says nothing about when
            if spread_days > 0 and len(docs) > 1:
                # a phrase reported over months is background; one reported within days, news
                days_of = [self._days[i] for i in docs]
                weight /= 1.0 + (max(days_of) - min(days_of)) / spread_days
            for i in docs:
                scores[i] += weight
                shared[i].append(phrase)
            if numeric:
                days = [self._days[i] for i in docs]
                figure_hits.append(PhraseHit(phrase, len(docs), date.fromordinal(min(days)),
                                             date.fromordinal(max(days)), weight))
        if not scores:
            return None
        # the interval from a wider circle of neighbours than the best day: one close match can
        # be a follow-up weeks later, and the interval must say so
        wide = scores.most_common(int(cfg["story_interval_neighbours"]))
        top = wide[: int(cfg["story_neighbours"])]
        floor = top[0][1] * float(cfg["story_neighbour_floor"])
        top = [(i, sc) for i, sc in top if sc >= floor]
        density: Counter[int] = Counter()
        for i, sc in top:
            d = self._days[i]
            for k in range(-kernel, kernel + 1):
                density[d + k] += sc * (kernel + 1 - abs(k))
        best = max(density, key=lambda d: (density[d], -d))
        weighted = sorted((self._days[i], sc) for i, sc in wide)
        mass = sum(sc for _, sc in weighted)
        lo, hi = _interval(weighted, best, cfg)
        margin = timedelta(days=int(cfg["story_margin_days"]))
        neighbours = [
            Neighbour(self._ids[i], date.fromordinal(self._days[i]), sc,
                      sorted(shared[i], key=lambda p: (not p[0].isdigit(), p))[:6])
            for i, sc in top
        ]
        return StoryEvidence(
            best=date.fromordinal(best),
            earliest=min(date.fromordinal(lo), date.fromordinal(best)) - margin,
            latest=max(date.fromordinal(hi), date.fromordinal(best)) + margin,
            hits=figure_hits,
            neighbours=neighbours,
            mass=mass,
        )


def _interval(weighted: list[tuple[int, float]], best: int, cfg: dict) -> tuple[int, int]:
    """The days (ordinals) the neighbours' dates put the article between.

    "quantile": between the weighted quantiles; "shortest": the shortest run of dates around the
    best day that holds the share of the weight the upper quantile names, so that a tight cluster
    with a few stray follow-ups gives a tight interval, and a spread one a wide interval.
    """
    lo_q, hi_q = cfg["story_quantiles"]
    mass = sum(sc for _, sc in weighted)
    if cfg.get("story_interval", "quantile") == "shortest":
        need = (hi_q - lo_q) * mass
        found: tuple[int, int] | None = None
        j, acc = 0, 0.0
        for i in range(len(weighted)):  # two pointers over the sorted dates
            while j < len(weighted) and acc < need:
                acc += weighted[j][1]
                j += 1
            if acc < need:
                break
            lo, hi = weighted[i][0], weighted[j - 1][0]
            lo, hi = min(lo, best), max(hi, best)
            if found is None or hi - lo < found[1] - found[0]:
                found = (lo, hi)
            acc -= weighted[i][1]
        if found is not None:
            return found
    acc, lo, hi = 0.0, weighted[0][0], weighted[-1][0]
    lo_set = False
    for d, sc in weighted:
        acc += sc
        if not lo_set and acc >= lo_q * mass:
            lo, lo_set = d, True
        if acc >= hi_q * mass:
            hi = d
            break
    return lo, hi
