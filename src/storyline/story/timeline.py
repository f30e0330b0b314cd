"""Timelines: the key dated events of a story, and a date-wise summariser for raw articles.

`story_timeline` makes one entry per real event: each item of the negotiation record (a round of
talks, a proposal, a response, an agreement, a truce's start and end, a release, a rescue, a
major attack) is one entry, however many clusters it merged; every other event cluster reported
as happening is one too, after clusters of one type on one day that share an actor are folded
into one. Entries are dated by the event's own date: an explicit or relative date of at most two
days, or a publication date only when enough articles report it. Importance =
w_reports·log(1+independent reports) + w_articles·log(1+articles) + w_mentions·log(1+mentions) +
w_centrality·centrality + the weight of its kind (`kind_weight`, record kinds, plus
w_roles·log(1+the parties and mediators it involves)) or of its PLOVER type (`type_weight`), where centrality is the mean share of the story's events its actors take
part in. So that the key events balance kinds rather than list the same kind of event fifty
times, the n-th entry of a kind (in importance order) loses `kind_decay`·log(n). All weights live
in `data/story.yaml`. `storyline.story.query.select_entries` picks the top entries for a range.

`datewise_timeline` is the news timeline summariser used for Timeline17 (after DATEWISE,
Ghalandari & Ifrim 2020, complementizer/news-tls): dates are ranked by how many sentences and
articles mention them; each date's candidate sentences are those that mention it plus the first
sentences of articles published that day or the next with no date of their own, kept when close
to the date's centroid (knee point of the similarities); a date's summary is chosen greedily so
that the summary's TF-IDF vector is closest to the candidates' centroid (CentroidOpt). Numpy only.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from storyline.story.config import section
from storyline.story.context import Articles, day, english_stop_words
from storyline.story.query import select_entries  # noqa: F401 - re-exported
from storyline.story.records import EventCluster, NegotiationItem, TimelineEntry

# --------------------------------------------------------------------------- story timeline


def _centrality(clusters: Sequence[EventCluster]) -> dict[str, float]:
    share: Counter = Counter()
    for c in clusters:
        for a in set(c.actors + c.recipients):
            share[a] += 1
    raw: dict[str, float] = {}
    for c in clusters:
        names = set(c.actors + c.recipients)
        raw[c.id] = sum(share[a] for a in names) / len(names) if names else 0.0
    top = max(raw.values(), default=0.0)
    return {k: (v / top if top else 0.0) for k, v in raw.items()}


def _precise(date: str | None, latest: str | None, basis: str, articles: int, need: int,
             lede: bool = False) -> bool:
    """Dated to a day or two by the event's own date, or by publication when `need` reports
    give no other date or one gives it in its lede (an undated report deep in an article may
    be background; in the first lines it is the news of the day, as DATEWISE assumes)."""
    lo, hi = day(date), day(latest or date)
    if lo is None or hi is None or (hi - lo).days > 1 or basis == "unknown":
        return False
    return basis != "publication" or articles >= need or lede


def _in_lede(starts: Iterable[int], p: dict) -> bool:
    limit = int(p.get("lede_chars", 0))
    return any(s < limit for s in starts)


def _entry_score(reports: int, n_articles: int, mentions: int, central: float, weight: float,
                 p: dict) -> float:
    return (float(p["w_reports"]) * math.log1p(reports)
            + float(p.get("w_articles", 0.0)) * math.log1p(n_articles)
            + float(p["w_mentions"]) * math.log1p(mentions)
            + float(p["w_centrality"]) * central + weight)


def story_timeline(
    clusters: Sequence[EventCluster],
    articles: Articles | None = None,
    params: dict | None = None,
    record: Sequence[NegotiationItem] = (),
) -> list[TimelineEntry]:
    """Every timeline-worthy event as one entry with its importance score, by date."""
    p = section("timeline")
    p.update(params or {})
    real = [c for c in clusters if c.polarity == "real"]
    by_id = {c.id: c for c in real}
    central = _centrality(real)
    type_weight = p.get("type_weight") or {}
    kind_weight = p.get("kind_weight") or {}
    out: list[TimelineEntry] = []
    covered: set[str] = set()
    for item in record:
        if item.kind not in kind_weight or item.polarity != "real" or not item.type:
            continue
        members = [by_id[i] for i in item.cluster_ids if i in by_id]
        n_articles = len({s.article_id for s in item.sources})
        if not _precise(item.date, item.date_latest, item.date_basis, n_articles,
                        int(p.get("record_publication_min_articles", 2)),
                        _in_lede((m.start for c in members for m in c.mentions
                                  if m.date_basis == "publication"), p)):
            continue
        covered.update(c.id for c in members)
        reports = max([c.independent_reports for c in members] + [1])
        mentions = sum(len(c.mentions) for c in members) or len(item.evidence)
        cen = max([central.get(c.id, 0.0) for c in members] + [0.0])
        # who is at the table: a round with mediators and both parties matters more
        roles = len(set(item.parties) | set(item.mediators))
        out.append(TimelineEntry(
            date=item.date, summary=item.summary, label=f"{item.kind}: " + (
                ", ".join(item.parties + item.mediators) or ", ".join(item.actors[:3]) or "?"),
            type=item.type, mode=item.mode,
            cluster_id=members[0].id if members else item.id,
            score=_entry_score(reports, n_articles, mentions, cen,
                               float(kind_weight[item.kind])
                               + float(p.get("w_roles", 0.0)) * math.log1p(roles), p),
            outlets=sorted({s.outlet for s in item.sources if s.outlet}),
            sources=list(item.sources), date_basis=item.date_basis, kind=item.kind,
            actors=list(dict.fromkeys(item.actors + item.recipients + item.parties)),
            cluster_ids=[c.id for c in members],
        ))
    folded: dict[tuple, TimelineEntry] = {}
    for c in real:
        if c.id in covered or not c.date_earliest:
            continue
        if not _precise(c.date_earliest, c.date_latest, c.date_basis,
                        c.independent_reports, int(p["publication_min_reports"]),
                        _in_lede((m.start for m in c.mentions), p)):
            continue
        score = _entry_score(c.independent_reports or len(c.outlets) or 1, len(c.articles),
                             len(c.mentions), central.get(c.id, 0.0),
                             float(type_weight.get(c.type, 0.0)), p)
        entry = TimelineEntry(
            date=c.date_earliest, summary=c.summary, label=c.label, type=c.type, mode=c.mode,
            cluster_id=c.id, score=score, outlets=list(c.outlets), sources=list(c.sources),
            date_basis=c.date_basis, kind="event", actors=list(c.actors + c.recipients),
            cluster_ids=[c.id])
        # clusters of one type on one day sharing an actor are one event told several ways
        key = (c.date_earliest, c.type, (c.actors or c.recipients or ["?"])[0])
        other = folded.get(key)
        if other is None:
            folded[key] = entry
            continue
        keep, drop = (entry, other) if entry.score > other.score else (other, entry)
        keep.cluster_ids = list(dict.fromkeys(keep.cluster_ids + drop.cluster_ids))
        seen = {s.article_id for s in keep.sources}
        keep.sources += [s for s in drop.sources if s.article_id not in seen]
        folded[key] = keep
    out += folded.values()
    _balance(out, float(p.get("kind_decay", 0.0)), float(p.get("week_decay", 0.0)))
    for e in out:
        e.score = round(e.score, 4)
    out.sort(key=lambda e: (e.date, -e.score))
    return out


def _balance(entries: list[TimelineEntry], decay: float, week_decay: float = 0.0) -> None:
    """The n-th most important entry of a kind (an event's kind is its PLOVER type) loses
    decay·log(n), and the n-th of a week week_decay·log(n), so that neither one kind nor one
    busy week fills the key events."""
    if not decay and not week_decay:
        return
    kinds: Counter = Counter()
    weeks: Counter = Counter()
    for e in sorted(entries, key=lambda e: (-e.score, e.date, e.cluster_id or "")):
        group = e.kind if e.kind != "event" else e.type
        kinds[group] += 1
        d = day(e.date)
        week = d.isocalendar()[:2] if d else None
        weeks[week] += 1
        e.score -= decay * math.log(kinds[group]) + week_decay * math.log(weeks[week])


# --------------------------------------------------------------------------- date-wise TLS

_TOKEN = re.compile(r"[a-z][a-z0-9'-]*|\d+")


def tfidf_terms(text: str) -> list[str]:
    """Lower-cased word tokens without English stop words (as TfidfVectorizer(stop_words=...))."""
    stops = english_stop_words()
    return [t for t in _TOKEN.findall(text.lower()) if len(t) > 1 and t not in stops]


@dataclass
class Sentence:
    text: str
    article: int  # index of its article
    position: int  # index within the article
    published: date
    mentioned: date | None = None  # the day its first day-level time expression names
    terms: list[str] = field(default_factory=list)


class Vectorizer:
    """TF-IDF over sentences with smoothed idf and l2 norm (scikit-learn's defaults)."""

    def __init__(self, docs: Iterable[list[str]]) -> None:
        df: Counter = Counter()
        n = 0
        for terms in docs:
            n += 1
            df.update(set(terms))
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}

    def matrix(self, docs: Sequence[list[str]]) -> tuple[np.ndarray, dict[str, int]]:
        vocab: dict[str, int] = {}
        for terms in docs:
            for t in terms:
                if t in self.idf and t not in vocab:
                    vocab[t] = len(vocab)
        x = np.zeros((len(docs), max(1, len(vocab))))
        for i, terms in enumerate(docs):
            for t, c in Counter(terms).items():
                j = vocab.get(t)
                if j is not None:
                    x[i, j] = c * self.idf[t]
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return x / norms, vocab


def knee_point(values: Sequence[float]) -> int:
    """Index of the point farthest from the line joining the first and last values."""
    n = len(values)
    if n < 3:
        return n - 1
    pts = np.column_stack([np.arange(n), np.asarray(values, dtype=float)])
    line = pts[-1] - pts[0]
    norm = np.linalg.norm(line)
    if norm == 0:
        return 0
    unit = line / norm
    rel = pts - pts[0]
    proj = np.outer(rel @ unit, unit)
    return int(np.argmax(np.linalg.norm(rel - proj, axis=1)))


def rank_dates(sentences: Sequence[Sentence], start: date, end: date) -> list[date]:
    """Dates by how many sentences, then how many articles, mention them (then publications)."""
    sents: Counter = Counter()
    docs: dict[date, set[int]] = defaultdict(set)
    pubs: dict[date, set[int]] = defaultdict(set)
    for s in sentences:
        pubs[s.published].add(s.article)
        if s.mentioned and start <= s.mentioned <= end:
            sents[s.mentioned] += 1
            docs[s.mentioned].add(s.article)
    days = set(sents) | {d for d in pubs if start <= d <= end}
    return sorted(
        days,
        key=lambda d: (-(sents[d] + len(docs[d])), -len(pubs.get(d, ())), d),
    )


def _candidates(
    d: date,
    ment: dict[date, list[Sentence]],
    pub: dict[date, list[Sentence]],
    vec: Vectorizer,
) -> list[Sentence]:
    m, p = ment.get(d, []), pub.get(d, [])
    if not (m and p):
        return m or p
    x, _ = vec.matrix([s.terms for s in m + p])
    xm, xp = x[: len(m)], x[len(m):]
    cm, cp = xm.sum(0), xp.sum(0)
    # the date's centroid: terms both kinds of sentence share, each kind weighted equally
    centroid = np.where((cm > 0) & (cp > 0), cm / len(m) + cp / len(p), 0.0)
    cn = np.linalg.norm(centroid)
    if cn == 0:
        return m + p
    sims = x @ (centroid / cn)
    cut = knee_point(sorted(sims, reverse=True))
    thresh = sorted(sims, reverse=True)[cut]
    chosen = [s for s, v in zip(m + p, sims, strict=True) if v > 0 and v > thresh]
    return chosen or m + p


def centroid_opt(
    sents: Sequence[Sentence], k: int, vec: Vectorizer, min_terms: int = 5, max_words: int = 60
) -> list[Sentence]:
    """Greedy summary whose TF-IDF sum is closest (cosine) to the candidates' centroid."""
    if not sents:
        return []
    x, _ = vec.matrix([s.terms for s in sents])
    centroid = x.sum(0)
    cn = np.linalg.norm(centroid)
    if cn == 0:
        return []
    centroid = centroid / cn
    ok = [
        i for i, s in enumerate(sents)
        if len(s.terms) >= min_terms and len(s.text.split()) <= max_words
    ]
    selected: list[int] = []
    seen_text: set[str] = set()
    summary = np.zeros_like(centroid)
    remaining = set(ok)
    while remaining and len(selected) < k:
        idx = sorted(remaining)
        cand = summary[None, :] + x[idx]
        norms = np.linalg.norm(cand, axis=1)
        norms[norms == 0] = 1.0
        scores = (cand @ centroid) / norms
        order = np.argsort(-scores, kind="stable")
        picked = None
        for o in order:
            i = idx[int(o)]
            remaining.discard(i)
            key = " ".join(sents[i].terms)
            if key in seen_text:  # the same sentence from another copy of the article
                continue
            picked = i
            break
        if picked is None:
            break
        selected.append(picked)
        seen_text.add(" ".join(sents[picked].terms))
        summary = summary + x[picked]
    return [sents[i] for i in selected]


def datewise_timeline(
    sentences: Sequence[Sentence],
    start: date,
    end: date,
    n_dates: int,
    k: int,
    clip_sents: int = 5,
    pub_days: int = 2,
) -> dict[date, list[str]]:
    """A timeline of `n_dates` dates with up to `k` sentences each, for [start, end]."""
    vec = Vectorizer(s.terms for s in sentences)
    ment: dict[date, list[Sentence]] = defaultdict(list)
    pub: dict[date, list[Sentence]] = defaultdict(list)
    for s in sentences:
        if s.mentioned:
            ment[s.mentioned].append(s)
        elif s.position <= clip_sents:
            for back in range(pub_days):
                pub[s.published - timedelta(days=back)].append(s)
    out: dict[date, list[str]] = {}
    for d in rank_dates(sentences, start, end):
        if len(out) >= n_dates:
            break
        summary = centroid_opt(_candidates(d, ment, pub, vec), k, vec)
        if summary:
            out[d] = [s.text for s in summary]
    return dict(sorted(out.items()))
