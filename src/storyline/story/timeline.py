"""Timelines: the key dated events of a story, and a date-wise summariser for raw articles.

`story_timeline` ranks the story's event clusters. An event matters when many independent
outlets reported it and when it is central to the story: importance =
w_reports·log(1+independent reports) + w_mentions·log(1+mentions) + w_centrality·centrality +
type weight (`data/story.yaml`), where centrality is the mean share of the story's events that
the cluster's actors take part in (scaled to [0, 1]). Only events reported as happening, dated
to a day (explicitly or relatively; a publication fallback only with enough independent
reports) become entries. `storyline.story.query.select_entries` picks the top entries for a date range.

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
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.story.config import section
from storyline.story.context import Articles, day
from storyline.story.query import select_entries  # noqa: F401 - re-exported
from storyline.story.records import EventCluster, TimelineEntry

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


def story_timeline(
    clusters: Sequence[EventCluster], articles: Articles | None = None, params: dict | None = None
) -> list[TimelineEntry]:
    """Every timeline-worthy cluster as an entry with its importance score, by date."""
    p = section("timeline")
    p.update(params or {})
    real = [c for c in clusters if c.polarity == "real"]
    central = _centrality(real)
    weights = p.get("type_weight") or {}
    out: list[TimelineEntry] = []
    for c in real:
        if not c.date_earliest:
            continue
        lo, hi = day(c.date_earliest), day(c.date_latest or c.date_earliest)
        if lo is None or hi is None or (hi - lo).days > 1:
            continue
        if c.date_basis == "publication" and c.independent_reports < int(
            p["publication_min_reports"]
        ):
            continue
        if c.date_basis == "unknown":
            continue
        score = (
            float(p["w_reports"]) * math.log1p(c.independent_reports or len(c.outlets) or 1)
            + float(p["w_mentions"]) * math.log1p(len(c.mentions))
            + float(p["w_centrality"]) * central.get(c.id, 0.0)
            + float(weights.get(c.type, 0.0))
        )
        out.append(TimelineEntry(
            date=c.date_earliest,
            summary=c.summary,
            label=c.label,
            type=c.type,
            mode=c.mode,
            cluster_id=c.id,
            score=round(score, 4),
            outlets=list(c.outlets),
            sources=list(c.sources),
            date_basis=c.date_basis,
        ))
    out.sort(key=lambda e: (e.date, -e.score))
    return out


# --------------------------------------------------------------------------- date-wise TLS

_TOKEN = re.compile(r"[a-z][a-z0-9'-]*|\d+")


def tfidf_terms(text: str) -> list[str]:
    """Lower-cased word tokens without English stop words (as TfidfVectorizer(stop_words=...))."""
    return [t for t in _TOKEN.findall(text.lower()) if len(t) > 1 and t not in STOP_WORDS]


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
