"""Timeline ROUGE as tilse computes it ("align+ m:1", Martschat & Markert 2017), and Date-F1.

How this matches tilse (smartschat/tilse, `tilse/evaluation/rouge.py`), which news-tls uses for
the DATEWISE/CLUST figures:

- Alignment: identical. For precision each predicted date is aligned to the reference date of
  least cost, for recall each reference date to the predicted date of least cost (many-to-one,
  `argmin`, first index on ties), where cost = date_factor × content_factor,
  date_factor = 1 − 1/(|Δdays|+1) and content_factor = 1 − (tilse's ROUGE-1 F approximation:
  whitespace tokens, case kept, no stemming). Matched n-gram hits are weighted by 1/(|Δdays|+1);
  precision = Σ weighted hits / Σ predicted n-grams, recall = Σ weighted hits / Σ reference
  n-grams (micro-averaged over dates within one timeline), F1 from those.
- ROUGE counts: tilse calls ROUGE-1.5.5 through pyrouge with `-m -s -t 2` (stemming, stop word
  removal, raw counts). We reimplement its preprocessing: hyphens split, every character other
  than A–Z a–z 0–9 becomes a space, lower case; tokens in ROUGE's stop list (its
  smart_common_words.txt, the SMART list plus newswire additions: `data/base/rouge_stopwords.yaml`)
  are dropped; tokens longer than 3 characters are Porter-stemmed (the snowball "porter"
  algorithm, Porter's original). N-grams are counted over the whole daily summary (sentences
  concatenated), hits clipped per n-gram.
- Known difference: ROUGE-1.5.5's `-m` first maps irregular forms through WordNet 2.0's
  exception lists ("went" → "go", "children" → "child"); we do not ship WordNet, so those forms
  are only Porter-stemmed. This affects a handful of tokens per timeline.
- Averaging over timelines is news-tls's: precision and recall are averaged over tasks and F1 is
  computed from the averages (`average_prf`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import snowballstemmer

from storyline.data import read_yaml
from storyline.evaluate.metrics import PRF, f1_of, prf_from_counts

Timeline = Mapping[date, Sequence[str]]

_NON_ALNUM = re.compile(r"[^A-Za-z0-9\-]")
_VALID = re.compile(r"^[a-z0-9$]")


@functools.cache
def stop_words() -> frozenset[str]:
    return frozenset(read_yaml("base/rouge_stopwords.yaml")["words"])


@functools.cache
def _porter() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("porter")


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _porter().stemWord(word) if len(word) > 3 else word


def tokens(text: str, stem: bool = True, remove_stopwords: bool = True) -> list[str]:
    """ROUGE-1.5.5 tokens of a text (with `-m -s` by default)."""
    text = _NON_ALNUM.sub(" ", text.replace("-", " - ")).lower()
    stops = stop_words() if remove_stopwords else frozenset()
    out = []
    for word in text.split():
        if word in stops or not _VALID.match(word):
            continue
        out.append(_stem(word) if stem else word)
    return out


def ngrams(sentences: Iterable[str], n: int) -> Counter:
    toks: list[str] = []
    for s in sentences:
        toks.extend(tokens(s))
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class Counts:
    hits: int
    peer: int  # n-grams in the predicted summary (precision denominator)
    model: int  # n-grams in the reference summary (recall denominator)


def rouge_counts(pred: Sequence[str], ref: Sequence[str], n: int) -> Counts:
    p, m = ngrams(pred, n), ngrams(ref, n)
    hits = sum(min(c, m[g]) for g, c in p.items() if g in m)
    return Counts(hits, sum(p.values()), sum(m.values()))


def rouge_approximation(pred: Sequence[str], refs: Sequence[Sequence[str]]) -> float:
    """tilse's cheap ROUGE-1 F used only in the alignment costs (whitespace tokens)."""
    pred_counts: Counter = Counter()
    for s in pred:
        pred_counts.update(s.split())
    ref_counts = []
    for summary in refs:
        c: Counter = Counter()
        for s in summary:
            c.update(s.split())
        ref_counts.append(c)
    match = sum(min(pred_counts[t], rc[t]) for t in pred_counts for rc in ref_counts)
    p_den = len(ref_counts) * sum(pred_counts.values())
    r_den = sum(sum(rc.values()) for rc in ref_counts)
    p = match / p_den if p_den else 0.0
    r = match / r_den if r_den else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def f1(p: float, r: float) -> float:
    return f1_of(p, r)


def _costs(
    rows: list[date], cols: list[date], pred: Timeline, ref: Timeline, rows_are_pred: bool
) -> np.ndarray:
    out = np.zeros((len(rows), len(cols)))
    for i, a in enumerate(rows):
        for j, b in enumerate(cols):
            date_factor = 1 - 1 / (abs(a.toordinal() - b.toordinal()) + 1)
            p_day, r_day = (a, b) if rows_are_pred else (b, a)
            content = 1 - rouge_approximation(pred[p_day], [ref[r_day]])
            out[i, j] = date_factor * content
    return out


def align_m1(pred: Timeline, ref: Timeline, orders: Sequence[int] = (1, 2)) -> dict[int, PRF]:
    """Alignment-based ROUGE-N ("align+ m:1") of a predicted timeline against one reference."""
    pred_days, ref_days = sorted(pred), sorted(ref)
    result: dict[int, PRF] = {}
    if not pred_days or not ref_days:
        return {n: PRF(0.0, 0.0, 0.0) for n in orders}
    prec_cost = _costs(pred_days, ref_days, pred, ref, rows_are_pred=True)
    rec_cost = _costs(ref_days, pred_days, pred, ref, rows_are_pred=False)
    prec_pairs = [(i, int(prec_cost[i].argmin())) for i in range(len(pred_days))]
    rec_pairs = [(i, int(rec_cost[i].argmin())) for i in range(len(ref_days))]
    for n in orders:
        p_num = p_den = r_num = r_den = 0.0
        for i, j in prec_pairs:
            a, b = pred_days[i], ref_days[j]
            c = rouge_counts(pred[a], ref[b], n)
            p_num += c.hits / (abs(a.toordinal() - b.toordinal()) + 1)
            p_den += c.peer
        for i, j in rec_pairs:
            b, a = ref_days[i], pred_days[j]
            c = rouge_counts(pred[a], ref[b], n)
            r_num += c.hits / (abs(a.toordinal() - b.toordinal()) + 1)
            r_den += c.model
        p = p_num / p_den if p_den else 0.0
        r = r_num / r_den if r_den else 0.0
        result[n] = PRF(p, r, f1(p, r))
    return result


def date_f1(pred: Iterable[date], ref: Iterable[date]) -> PRF:
    """Date selection: exact-day precision, recall and F1."""
    p_set, r_set = set(pred), set(ref)
    shared = len(p_set & r_set)
    return prf_from_counts(shared, len(p_set) - shared, len(r_set) - shared)


def average_prf(scores: Sequence[PRF]) -> PRF:
    """news-tls's average over tasks: mean precision, mean recall, F1 of the two means."""
    if not scores:
        return PRF(0.0, 0.0, 0.0)
    p = sum(s.precision for s in scores) / len(scores)
    r = sum(s.recall for s in scores) / len(scores)
    return PRF(p, r, f1(p, r))
