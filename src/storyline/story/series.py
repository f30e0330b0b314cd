"""Figure series: one figure kind about one subject over time, with every source's points.

Grouping: by kind, then by subject. Subject wordings are reduced to content-word stems; a
wording whose stems are contained in a more frequent wording's ("hostages" in "hostages in
Gaza") joins it. A figure without a subject joins its kind's series only when that kind has
exactly one subject series (otherwise "killed" without a subject could be anybody).

Agreement is an interval check, never an average: each point's qualifier turns its value into
the range it asserts ("more than 200" = (200, ∞), "about 200" = [180, 220], "nearly 200" =
[180, 200], "up to 200" = [0, 200]); two points from different articles on the same day disagree
when their ranges do not overlap. "more than 200" and "220" agree; "135" and "more than 200"
disagree. Only points dated to one day (their own date, or the article's date as a fallback)
are compared. The current best value is the best-supported point on the latest day reported.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.records import Figure
from storyline.story.config import section
from storyline.story.context import Articles, actor_name, content_words, day
from storyline.story.records import Disagreement, FigureSeries, SeriesPoint, display_value

INF = math.inf


@dataclass(frozen=True)
class Range:
    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def overlaps(self, other: Range) -> bool:
        lo = max(self.lo, other.lo)
        hi = min(self.hi, other.hi)
        if lo < hi:
            return True
        if lo > hi:
            return False
        # touching at one value: only when neither range excludes it
        lo_open = self.lo_open if self.lo >= other.lo else other.lo_open
        hi_open = self.hi_open if self.hi <= other.hi else other.hi_open
        if self.lo == other.lo:
            lo_open = self.lo_open or other.lo_open
        if self.hi == other.hi:
            hi_open = self.hi_open or other.hi_open
        return not (lo_open or hi_open)

    def text(self) -> str:
        def num(x: float) -> str:
            if x == INF:
                return "∞"
            return f"{int(x):,}" if float(x).is_integer() else f"{x:,.4g}"

        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open or self.hi == INF else "]"
        return f"{left}{num(self.lo)}, {num(self.hi)}{right}"


def value_range(
    value: float | None, low: float | None, high: float | None, qualifier: str,
    approx: float = 0.1,
) -> Range | None:
    """The range of values a reported figure asserts, from its qualifier."""
    if value is None:
        if low is None and high is None:
            return None
        lo = low if low is not None else 0.0
        hi = high if high is not None else INF
        return Range(lo, hi)
    v = float(value)
    q = qualifier or "exact"
    if q == "exact":
        return Range(v, v)
    if q == "approximately":
        return Range(v * (1 - approx), v * (1 + approx))
    if q == "at_least":
        return Range(v, INF)
    if q == "more_than":
        return Range(v, INF, lo_open=True)
    if q == "nearly":
        return Range(v * (1 - approx), v)
    if q == "fewer_than":
        return Range(0.0, v, hi_open=True)
    if q == "up_to":
        return Range(0.0, v)
    return Range(v, v)


def point_of(f: Figure, articles: Articles) -> SeriesPoint:
    info = articles.get(f.article_id)
    when = f.date_latest or f.date_earliest
    basis = f.date_basis if when else "publication"
    if not when:
        when = info.published or ""
    return SeriesPoint(
        date=(when or "")[:10],
        date_basis=basis,
        value=f.value,
        low=f.low,
        high=f.high,
        qualifier=f.qualifier or "exact",
        unit=f.unit,
        source=f.source,
        source_actor=actor_name(f.source_actor),
        article_id=f.article_id,
        start=f.start,
        end=f.end,
        quote=f.quote,
        sentence=f.sentence,
        outlet=info.outlet,
        published=info.published,
    )


def _subject_groups(subjects: Counter) -> dict[frozenset[str], frozenset[str]]:
    """Map each subject key to the key of the series it joins."""
    canon: list[frozenset[str]] = []
    out: dict[frozenset[str], frozenset[str]] = {}
    for key, _ in sorted(subjects.items(), key=lambda kv: (-kv[1], sorted(kv[0]))):
        if not key:
            continue
        home = next((c for c in canon if key <= c or c <= key), None)
        if home is None:
            canon.append(key)
            home = key
        out[key] = home
    if frozenset() in subjects:
        out[frozenset()] = canon[0] if len(canon) == 1 else frozenset()
    return out


def build_series(
    figures: Iterable[Figure], articles: Articles, params: dict | None = None
) -> list[FigureSeries]:
    p = section("series")
    p.update(params or {})
    by_kind: dict[str, list[tuple[frozenset[str], Figure]]] = defaultdict(list)
    for f in figures:
        if f.value is None and f.low is None and f.high is None:
            continue
        by_kind[f.kind or "other"].append((content_words(f.subject or ""), f))
    out: list[FigureSeries] = []
    for kind, items in sorted(by_kind.items()):
        groups = _subject_groups(Counter(k for k, _ in items))
        members: dict[frozenset[str], list[Figure]] = defaultdict(list)
        for key, f in items:
            members[groups[key]].append(f)
        for key, figs in members.items():
            out.append(_series(kind, key, figs, articles, p))
    out.sort(key=lambda s: (-len(s.points), s.kind, s.subject or ""))
    return out


def _series(
    kind: str, key: frozenset[str], figs: list[Figure], articles: Articles, p: dict
) -> FigureSeries:
    points = [point_of(f, articles) for f in figs]
    points.sort(key=lambda x: (x.date or "9999", x.published or "", x.article_id, x.start))
    subjects = Counter(f.subject for f in figs if f.subject)
    units = Counter(f.unit for f in figs if f.unit)
    approx = float(p.get("approximately", 0.1))
    disagreements = _disagreements(figs, points, approx, int(p.get("max_point_days", 1)),
                                   float(p.get("max_ratio", 4)))
    dated = [x for x in points if x.date]
    raw = f"{kind}|{'+'.join(sorted(key))}"
    sources: list[str] = []
    outlets: list[str] = []
    for x in points:
        name = x.source_actor or x.source
        if name and name not in sources:
            sources.append(name)
        if x.outlet and x.outlet not in outlets:
            outlets.append(x.outlet)
    return FigureSeries(
        id="fs-" + hashlib.sha1(raw.encode()).hexdigest()[:12],
        kind=kind,
        subject=subjects.most_common(1)[0][0] if subjects else None,
        unit=units.most_common(1)[0][0] if units else None,
        points=points,
        current=_current(dated, approx),
        disagreements=disagreements,
        sources=sources,
        outlets=outlets,
        first_date=dated[0].date if dated else None,
        last_date=dated[-1].date if dated else None,
        subjects=[s for s, _ in subjects.most_common()],
    )


def _one_day(f: Figure, x: SeriesPoint, max_days: int) -> bool:
    if not x.date:
        return False
    if f.date_earliest and f.date_latest:
        a, b = day(f.date_earliest), day(f.date_latest)
        if a is None or b is None or (b - a).days >= max_days:
            return False
    return True


def _claimant(x: SeriesPoint) -> str:
    return (x.source_actor or x.source or x.outlet or "").strip().lower()


def _gap_ratio(a: Range, b: Range) -> float:
    """How many times larger the higher range starts than the lower one ends."""
    low, high = (a, b) if a.hi <= b.lo else (b, a)
    if low.hi <= 0:
        return INF
    return high.lo / low.hi


def _disagreements(
    figs: list[Figure], points: list[SeriesPoint], approx: float, max_days: int,
    max_ratio: float = 4.0,
) -> list[Disagreement]:
    """Pairs of same-day points whose ranges exclude each other, from different claimants.

    One claimant giving two numbers is two quantities, not a dispute ("four shot dead" and
    "45 killed in the strike"); values many times apart are different quantities too (a day's
    toll beside a war's), since a series groups by kind and subject words only.
    """
    by_point = {(f.article_id, f.start, f.end): f for f in figs}
    by_day: dict[str, list[tuple[SeriesPoint, Range]]] = defaultdict(list)
    for x in points:
        f = by_point[(x.article_id, x.start, x.end)]
        rng = value_range(x.value, x.low, x.high, x.qualifier, approx)
        if rng is not None and _one_day(f, x, max_days):
            by_day[x.date].append((x, rng))
    out: list[Disagreement] = []
    for d in sorted(by_day):
        items = by_day[d]
        seen: set[tuple[str, str]] = set()
        for i, (a, ra) in enumerate(items):
            for b, rb in items[i + 1:]:
                if a.article_id == b.article_id or ra.overlaps(rb):
                    continue
                if _claimant(a) == _claimant(b) or _gap_ratio(ra, rb) > max_ratio:
                    continue
                pair = tuple(sorted((a.display(), b.display())))
                if pair in seen:  # the same two values again: one flag per day is enough
                    continue
                seen.add(pair)
                out.append(Disagreement(
                    date=d, a=a, b=b,
                    reason=(f"{a.display()} ({a.source or a.outlet or 'unattributed'}) vs "
                            f"{b.display()} ({b.source or b.outlet or 'unattributed'}): "
                            f"{ra.text()} and {rb.text()} do not overlap"),
                ))
    return out


def _current(points: list[SeriesPoint], approx: float) -> SeriesPoint | None:
    if not points:
        return None
    last = points[-1].date
    today = [x for x in points if x.date == last]
    ranges = [value_range(x.value, x.low, x.high, x.qualifier, approx) for x in today]

    def support(i: int) -> int:
        r = ranges[i]
        return sum(1 for j, o in enumerate(ranges) if j != i and r and o and r.overlaps(o))

    def key(i: int) -> tuple:
        x = today[i]
        return (
            support(i),
            x.date_basis in ("explicit", "relative"),
            x.qualifier == "exact",
            x.published or "",
            x.start,
        )

    return today[max(range(len(today)), key=key)]


__all__ = ["Range", "build_series", "display_value", "point_of", "value_range"]
