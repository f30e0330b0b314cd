"""What every scorer shares: precision/recall/F1 through scikit-learn, and the card each
benchmark prints (its split, whether the rules were developed on it, the subset scored and the
matching rule), so a score never appears without what it was measured on.

The matching of system records to gold records is each scorer's own (it is what differs
between benchmarks); the arithmetic from matches to P/R/F1 is scikit-learn's, so every scorer
computes it the same way (`zero_division=0`). scikit-learn comes with the `eval` extra
(`pip install -e '.[eval]'`), not with the default install.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

EVAL_EXTRA_HINT = "scikit-learn is needed to score benchmarks: pip install -e '.[eval]'"


class MissingEvalExtra(RuntimeError):
    """scikit-learn is not installed (the `eval` extra)."""


def _sklearn_prf():
    try:
        from sklearn.metrics import precision_recall_fscore_support
    except ImportError:  # the default install has no scikit-learn
        raise MissingEvalExtra(EVAL_EXTRA_HINT) from None
    return precision_recall_fscore_support


def require_eval_extra() -> None:
    """Raise MissingEvalExtra now, before a long run, when scikit-learn is absent."""
    _sklearn_prf()


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}

    def rounded(self, digits: int = 4) -> dict[str, float]:
        return {k: round(v, digits) for k, v in self.to_dict().items()}


def prf_from_counts(tp: int, fp: int, fn: int) -> PRF:
    """P/R/F1 of a one-to-one matching: tp matched pairs, fp unmatched system records, fn
    unmatched gold records (scikit-learn's binary scores over the implied labels)."""
    if tp < 0 or fp < 0 or fn < 0:
        raise ValueError(f"negative count: tp={tp} fp={fp} fn={fn}")
    if tp + fp + fn == 0:
        return PRF(0.0, 0.0, 0.0)
    score = _sklearn_prf()
    y_true = [1] * tp + [1] * fn + [0] * fp
    y_pred = [1] * tp + [0] * fn + [1] * fp
    p, r, f, _ = score(y_true, y_pred, average="binary", pos_label=1, zero_division=0)
    return PRF(float(p), float(r), float(f))


def prf_from_labels(y_true: Sequence[bool], y_pred: Sequence[bool]) -> PRF:
    """P/R/F1 of per-item binary decisions (scikit-learn's)."""
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred differ in length")
    if not y_true:
        return PRF(0.0, 0.0, 0.0)
    score = _sklearn_prf()
    p, r, f, _ = score([bool(x) for x in y_true], [bool(x) for x in y_pred], average="binary",
                       pos_label=True, zero_division=0)
    return PRF(float(p), float(r), float(f))


def f1_of(precision: float, recall: float) -> float:
    """The harmonic mean of a precision and a recall averaged elsewhere (news-tls's average)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class BenchmarkCard:
    """What a score was measured on; printed above every benchmark's figures."""

    benchmark: str
    split: str  # which part of the data: "dev", "held-out", "training data of …"
    developed_on: str  # whether (and how) storyline's rules or parameters were developed on it
    subset: str  # what exactly was scored, with counts
    matching: str  # when a system record counts as matching a gold record
    anchor: str = ""  # the published or baseline figure printed beside ours, and its scope

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [
            f"benchmark: {self.benchmark}",
            f"split: {self.split}",
            f"rules developed on it: {self.developed_on}",
            f"subset scored: {self.subset}",
            f"matching rule: {self.matching}",
        ]
        if self.anchor:
            out.append(f"anchor: {self.anchor}")
        return out


def print_card(console, card: BenchmarkCard) -> None:  # noqa: ANN001 - a rich Console
    """The card as a few plain lines (no Rich markup interpretation of the text)."""
    for line in card.lines():
        console.print(line, highlight=False, markup=False, soft_wrap=True)
