"""Which date holds for an event, figure or statement: the time expression attached to it.

`date_for_span` picks, among the article's time expressions, the one that dates a span of text:
first an expression syntactically attached to the span's predicate (its dependency path reaches
the predicate without entering another clause), else the nearest one in the same sentence. With
none, the article's anchor date is returned *flagged* as `basis="publication"`; without an anchor,
`basis="unknown"`. Durations and sets never date an event ("for 10 months", "every day").

"since Saturday" dates what it governs from Saturday to the anchor; "between Nov. 24 and Dec. 1"
(and "from … to …", "… through …") spans both expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from storyline.nlp import doc_text
from storyline.records import Article, TimeExpression
from storyline.temporal.timex import is_absolute

EXPLICIT, RELATIVE, PUBLICATION, UNKNOWN = "explicit", "relative", "publication", "unknown"

# Clause-introducing dependencies: an expression below one of these belongs to another clause.
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis", "conj"}
_SINCE = re.compile(r"\b(since|after|following)\s+(the\s+)?$", re.I)
_NOT_A_DATE = re.compile(r"\b(before|until|till|by|ahead\s+of|prior\s+to)\s+(the\s+)?$", re.I)
_RANGE_OPEN = re.compile(r"\b(between|from)\s+(the\s+)?$", re.I)
_RANGE_JOIN = re.compile(r"^\s*(and|to|until|till|through|thru|-|–|—)\s*(the\s+)?$", re.I)


@dataclass(frozen=True)
class DateAttachment:
    """The date interval a span holds for, the words it came from, and how it was found."""

    earliest: str | None  # ISO date
    latest: str | None  # ISO date
    text: str | None  # the time expression's quote (None for publication/unknown)
    basis: str  # explicit, relative, publication, unknown
    anchored: str = "published"  # what relative dates resolved against: published, estimate
    expression: TimeExpression | None = None


def _span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        # offsets outside the doc or between tokens: take the tokens that overlap
        toks = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
        if not toks:
            return None
        span = doc[toks[0].i : toks[-1].i + 1]
    return span


def _predicate(token: Token) -> Token:
    """The clause head governing a token: itself when verbal, else its nearest verbal head."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT":
            return current
        if current.head is current:
            return current
        current = current.head
    return current


def _clause_of(token: Token) -> Token:
    """The predicate whose clause contains `token` (climbs through nouns, preps, modifiers)."""
    current = token
    for _ in range(12):
        head = current.head
        if head is current:
            return current
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            return head
        if current.dep_ in _CLAUSE_DEPS:
            return head
        current = head
    return current


def _ancestors(token: Token) -> list[Token]:
    out = [token]
    while out[-1].head is not out[-1] and len(out) < 64:
        out.append(out[-1].head)
    return out


def _tree_distance(a: Token, b: Token) -> int:
    up_a = _ancestors(a)
    index_a = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate(_ancestors(b)):
        if t.i in index_a:
            return n + index_a[t.i]
    return 99  # different sentences


def _usable(tx: TimeExpression) -> bool:
    return tx.type in ("DATE", "TIME") and tx.earliest is not None and tx.latest is not None


def _preceding(text: str, tx: TimeExpression, sent: Span) -> str:
    lo = max(sent.start_char, tx.start - 24)
    return text[lo : tx.start]


def date_for_span(
    times: list[TimeExpression],
    doc: Doc,
    start: int,
    end: int,
    anchor: date | None,
    anchored: str,
) -> DateAttachment:
    """The date a span (event, figure, statement) holds for, from the article's expressions.

    `times` are the article's time expressions (from `find_time_expressions`), `start`/`end`
    the span's character offsets into `doc.text`, `anchor` the date relative expressions were
    resolved against and `anchored` what that date is ("published", "estimate", "none").
    """
    span = _span(doc, start, end)
    if span is not None:
        text = doc_text(doc)
        chosen = _choose(times, doc, text, span)
        if chosen is not None:
            return _attachment(chosen, times, doc, text, span.sent, anchor, anchored)
    if anchor is None:
        return DateAttachment(None, None, None, UNKNOWN, anchored)
    day = anchor.isoformat()
    return DateAttachment(day, day, None, PUBLICATION, anchored)


def _choose(
    times: list[TimeExpression], doc: Doc, text: str, span: Span
) -> TimeExpression | None:
    sent = span.sent
    head = span.root
    predicate = _predicate(head)
    best: tuple[tuple[int, int, int], TimeExpression] | None = None
    for tx in times:
        if not _usable(tx) or not (sent.start_char <= tx.start < sent.end_char):
            continue
        if _NOT_A_DATE.search(_preceding(text, tx, sent)):
            continue  # "before Friday", "by next week": a bound, not the event's date
        tx_span = _span(doc, tx.start, tx.end)
        if tx_span is None:
            continue
        root = tx_span.root
        inside = span.start_char <= tx.start and tx.end <= span.end_char
        attached = inside or _clause_of(root).i == predicate.i or root.head.i == head.i
        tier = 0 if attached else 1
        key = (tier, _tree_distance(root, head), abs(tx.start - span.start_char))
        if best is None or key < best[0]:
            best = (key, tx)
    return best[1] if best else None


def _attachment(
    tx: TimeExpression,
    times: list[TimeExpression],
    doc: Doc,
    text: str,
    sent: Span,
    anchor: date | None,
    anchored: str,
) -> DateAttachment:
    earliest, latest, quote = tx.earliest, tx.latest, tx.quote
    before = _preceding(text, tx, sent)
    if _SINCE.search(before) and anchor is not None and latest is not None:
        # "since Saturday": from Saturday up to the time of writing
        latest = max(latest, anchor.isoformat())
        quote = text[tx.start - len(_SINCE.search(before)[0]) : tx.end]
    elif _RANGE_OPEN.search(before):
        other = _range_end(tx, times, text, sent)
        if other is not None:
            earliest = min(earliest or other.earliest or "", other.earliest or "") or None
            latest = max(latest or "", other.latest or "") or None
            quote = text[tx.start : other.end]
    else:
        first = _range_start(tx, times, text, sent)
        if first is not None:
            earliest = min(earliest or "", first.earliest or "") or earliest
            latest = max(latest or "", first.latest or "") or latest
            quote = text[first.start : tx.end]
    basis = EXPLICIT if is_absolute(tx.rule) else RELATIVE
    return DateAttachment(earliest, latest, quote, basis, tx.anchored or anchored, tx)


def _range_end(
    tx: TimeExpression, times: list[TimeExpression], text: str, sent: Span
) -> TimeExpression | None:
    for other in times:
        if other.start >= tx.end and other.start < sent.end_char and _usable(other):
            if _RANGE_JOIN.match(text[tx.end : other.start]):
                return other
            return None
    return None


def _range_start(
    tx: TimeExpression, times: list[TimeExpression], text: str, sent: Span
) -> TimeExpression | None:
    """The first half of a range whose second half is `tx` ("between A and [B]")."""
    for other in reversed(times):
        if other.end <= tx.start and other.start >= sent.start_char and _usable(other):
            if _RANGE_JOIN.match(text[other.end : tx.start]) and _RANGE_OPEN.search(
                _preceding(text, other, sent)
            ):
                return other
            return None
    return None


def article_anchor(article: Article) -> tuple[date | None, str]:
    """The date relative expressions resolve against, and what it is (published/estimate/none)."""
    if article.published:
        return date.fromisoformat(article.published[:10]), "published"
    if article.published_estimate:
        return date.fromisoformat(article.published_estimate.best), "estimate"
    return None, "none"
