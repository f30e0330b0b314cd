"""Shared pieces of the event scorers (`storyline evaluate cameo | plover | events`): running a
sentence through the product's event path, the main event, one-to-one actor matching, P/R/F1
with scikit-learn, and cross-validated heads."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.extract import event_classifier as ec
from storyline.extract.actors import ActorResolver
from storyline.extract.events import extract_events
from storyline.records import ActorRef, Article, Event
from storyline.temporal.anchoring import article_anchor
from storyline.temporal.expressions import find_time_expressions

STOP = frozenset({"the", "a", "an", "of", "and", "'s", "s", "in", "on", "to", "for", "with",
                  "by", "at", "its", "their", "his", "her", "from"})
FOLDS = 5
SEED = 13


def require_sklearn() -> None:
    """Scorers compute P/R/F1 with scikit-learn, in the `[eval]` extra."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        from storyline.app import fail

        raise fail("the event scorers need scikit-learn: pip install -e '.[eval]'") from None


def trigger_token(event: Event, doc):
    """The event's trigger token in `doc` (first token of the quote spelling the trigger)."""
    span = doc.char_span(event.start, event.end, alignment_mode="expand")
    if span is None:
        return None
    first = event.trigger.split()[0] if event.trigger else ""
    return next((t for t in span if t.text == first), span.root)


def main_event(events: list[Event], doc) -> Event | None:
    """The event a sentence is mostly about: trigger highest in the parse, then first."""
    best, best_key = None, None
    for n, event in enumerate(events):
        tok = trigger_token(event, doc)
        key = (ec.depth(tok) if tok is not None else 99, n)
        if best_key is None or key < best_key:
            best, best_key = event, key
    return best


def lemma_of(event: Event | None, doc) -> str | None:
    if event is None:
        return None
    tok = trigger_token(event, doc)
    return tok.lemma_.lower() if tok is not None else None


def sentence_main_events(docs: Sequence, head: ec.Head | None,
                         published: str | None = None) -> list[Event | None]:
    """The main event extraction gives each parsed sentence, with `head` (None: rules only).

    Each sentence runs the product's path: its time expressions are found against `published`
    (an ISO date given to every sentence as its article's publication day; None: undated), so
    that "in 1994" or "last week" reach the event's dating and its background check as they do
    in an article."""
    out = []
    with ec.using_head(head):
        for n, doc in enumerate(docs):
            article = Article(id=f"s{n}", text=doc.text, source="eval", format="text",
                              published=published)
            anchor, anchored = article_anchor(article)
            times = find_time_expressions(doc, article.id, anchor, anchored)
            events = extract_events(doc, article, times, ActorResolver.for_doc(doc))
            out.append(main_event(events, doc))
    return out


# --------------------------------------------------------------------------- actors


def name_tokens(text: str | None) -> frozenset[str]:
    """Content words of a name, lowercased ("the Vanguard-run ministry" → vanguard, run, ministry)."""
    if not text:
        return frozenset()
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP)


def _overlap(gold: str, names: Sequence[str]) -> float:
    g = name_tokens(gold)
    best = 0.0
    for name in names:
        p = name_tokens(name)
        if g and p:
            best = max(best, len(g & p) / len(g | p))
    return best


def ref_names(ref: ActorRef) -> list[str]:
    """What a predicted actor may be matched by: its text and its canonical name."""
    return [n for n in (ref.text, ref.canonical) if n]


def match_actors(gold: Sequence[str], predicted: Sequence[Sequence[str]]) -> int:
    """Matched pairs under one-to-one matching: each gold actor to at most one predicted actor
    and back, maximising the total Jaccard overlap of content words (Hungarian assignment,
    scipy); a pair counts when the names share at least one content word."""
    if not gold or not predicted:
        return 0
    from scipy.optimize import linear_sum_assignment

    scores = np.array([[_overlap(g, names) for names in predicted] for g in gold])
    rows, cols = linear_sum_assignment(-scores)
    return int(sum(scores[r, c] > 0 for r, c in zip(rows, cols, strict=True)))


@dataclass
class Counts:
    """Matched, predicted and gold counts, pooled over sentences."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, gold: Sequence[str], predicted: Sequence[Sequence[str]]) -> None:
        self.matched += match_actors(gold, predicted)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def per_label(gold: Sequence, predicted: Sequence, labels: Sequence) -> dict:
    """Macro-F1, accuracy and per-label precision/recall/F1/support (scikit-learn)."""
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    labels = list(labels)
    p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=labels,
                                                 zero_division=0)
    return {
        "macro_f1": float(f1_score(gold, predicted, labels=labels, average="macro",
                                   zero_division=0)),
        "accuracy": float(accuracy_score(gold, predicted)),
        "per_label": {str(lab): {"precision": float(p[i]), "recall": float(r[i]),
                                 "f1": float(f[i]), "support": int(s[i])}
                      for i, lab in enumerate(labels)},
    }


def cross_validated(n: int, strata: Sequence, fit: Callable[[np.ndarray], ec.Head],
                    run: Callable[[ec.Head, np.ndarray], None], folds: int = FOLDS,
                    on_fold: Callable[[int], None] | None = None) -> None:
    """For each of `folds` stratified folds: `fit` a head on the other folds' indices, then
    `run` it on this fold's indices."""
    from sklearn.model_selection import StratifiedKFold

    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    for k, (train, test) in enumerate(skf.split(np.zeros(n), list(strata))):
        if on_fold:
            on_fold(k)
        run(fit(train), test)
