"""What the story stage needs to know about articles and words, kept apart from the algorithms.

`Articles` maps an article id to its outlet, anchor date, title and link, and to its
near-duplicate group (syndicated copies of one report count once as an independent source).
`content_words` is the bag of stemmed content words that the clustering and dispute matching
compare.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import snowballstemmer

from storyline.records import ActorRef, Statement
from storyline.story.records import SourceRef

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")
# Reporting and filler verbs carry no content for telling two events apart.
_FILLER = {
    "say", "said", "says", "tell", "told", "report", "reported", "according", "also", "would",
    "could", "accord", "mr", "ms", "mrs", "dr", "year", "week", "day", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow",
}


@functools.cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@functools.cache
def english_stop_words() -> frozenset[str]:
    """English stop words (spaCy's list, copied to data/base/english_stopwords.yaml so that the
    story stage never imports spaCy, ~2.7 s)."""
    from storyline.data import read_yaml

    return frozenset(read_yaml("base/english_stopwords.yaml")["words"])


@functools.cache
def _stop_words() -> frozenset[str]:
    return english_stop_words() | _FILLER


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    # The pure-Python Snowball stemmer is slow and news vocabulary repeats: stem each word once.
    return _stemmer().stemWord(word)


@functools.lru_cache(maxsize=100_000)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased stems of the content words of a text (no stop words, no reporting verbs)."""
    words = [w.lower().strip("'’-") for w in _WORD.findall(text or "")]
    stops = _stop_words()
    return frozenset(_stem(w) for w in words if w and w not in stops and len(w) > 1)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient |a∩b| / min(|a|,|b|): a short denial can match a long claim."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def actor_name(ref: ActorRef | None) -> str | None:
    """The name a story record uses for an actor: its canonical name, or the text as written."""
    if ref is None:
        return None
    if ref.canonical:
        return ref.canonical
    text = ref.text.strip()
    if ref.kind and not (ref.country or ref.affiliation) and " " not in text and \
            text[:1].isupper() and text[1:].islower():
        # an unnamed group capitalised only as its sentence's first word ("Police fired …")
        # is the group written lower-case mid-sentence
        return text[0].lower() + text[1:]
    return text or None


def actor_side(ref: ActorRef | None, text: str | None = None) -> str | None:
    """The party an actor speaks for: its affiliation, else its country, else its name.

    "the Vanguard-run health ministry" sides with Vanguard; an Israeli minister with Northland.
    """
    if ref is None:
        return (text or "").strip().lower() or None
    side = ref.affiliation or ref.country or ref.canonical or ref.text
    return side.strip().lower() if side else None


def day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def days_between(first: str, last: str) -> list[str]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return [(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


@dataclass
class ArticleInfo:
    id: str
    outlet: str | None
    published: str | None  # anchor date: stated, else the estimate
    title: str | None
    url: str | None
    group: str  # near-duplicate group (the smallest id of the group)

    def ref(self) -> SourceRef:
        return SourceRef(article_id=self.id, outlet=self.outlet, published=self.published,
                         title=self.title, url=self.url)


@dataclass
class Articles:
    """Article metadata the story stage needs, by id."""

    by_id: dict[str, ArticleInfo] = field(default_factory=dict)

    def get(self, article_id: str) -> ArticleInfo:
        info = self.by_id.get(article_id)
        if info is None:  # a record whose article is gone: keep it, with what we know
            info = ArticleInfo(article_id, None, None, None, None, article_id)
            self.by_id[article_id] = info
        return info

    def outlet(self, article_id: str) -> str | None:
        return self.get(article_id).outlet

    def published(self, article_id: str) -> str | None:
        return self.get(article_id).published

    def independent(self, article_ids: Iterable[str]) -> int:
        """How many independent reports: distinct (outlet, near-duplicate group) pairs, where
        an outlet's own follow-ups count once and a syndicated copy counts once overall."""
        groups: set[str] = set()
        outlets: set[str] = set()
        for aid in article_ids:
            info = self.get(aid)
            if info.group in groups:
                continue
            groups.add(info.group)
            outlets.add(info.outlet or f"?{info.group}")
        return len(outlets)

    @classmethod
    def build(
        cls,
        rows: Iterable[tuple[str, str | None, str | None, str | None, str | None]],
        links: Iterable[tuple[str, str]] = (),
    ) -> Articles:
        """From (id, outlet, anchor date, title, url) rows and near-duplicate (id, id) links."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in links:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        out = cls()
        for aid, outlet, published, title, url in rows:
            out.by_id[aid] = ArticleInfo(aid, outlet, published, title, url, find(aid))
        return out


def unnamed_speaker(s: Statement, unnamed: frozenset[str]) -> bool:
    """A speaker written as a pronoun, a relative or a bare quantifier ("he", "which",
    "some") that extraction did not resolve names no side: such statements take no part."""
    if s.speaker_actor is not None and s.speaker_actor.canonical:
        return False
    # "The agency, whose staff …", "the party which …": the head before its appositive
    text = _before_appositive((s.speaker or "").lower())
    text = text[4:] if text.startswith("the ") else text
    return not text or text in unnamed


def speaker_label(s: Statement) -> str:
    """A statement's speaker as a record shows it: the resolved name, else the words as
    written up to an appositive or relative ("Northland, which has mediated …," is Northland)."""
    name = s.speaker_actor.canonical if s.speaker_actor is not None else None
    if name:
        return name
    return _before_appositive(s.speaker or "")


def _before_appositive(speaker: str) -> str:
    """A speaker's words up to an appositive or relative clause, spaces normalised. A dash
    parenthetical is skipped: extraction cuts the span at the dash before the cue, so words
    after a closing dash are the speaker ("Giving an account - which … - an official") and
    words before a single dash are ("Chuck Schumer - the top Democrat")."""
    parts = _DASH_GAP.split(" ".join(speaker.split()))
    text = parts[-1] if len(parts) > 2 and parts[-1] else parts[0]
    return re.split(r",| whose | which | who ", text, maxsplit=1)[0].strip()


_DASH_GAP = re.compile(r" (?:-{1,2}|–|—) ")
