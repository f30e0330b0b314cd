"""Figure series: one quantity over time, with every source's points.

A series is one quantity: a kind, a group (the normalised subject: "Palestinians", "hostages"),
a place and a scope, as extraction read them (`extract/figure_frame.py`):

- a running total (scope cumulative) of one kind, group and place is one series;
- a period's tolls ("in the past 24 hours") of one kind, group and place are one series;
- an incident's toll joins only reports of that incident: the same kind, group, whole place,
  incident noun and day ("killed in the blast" on 17 October);
- figures no one scoped form a series per kind, group and place;
- a stock (a count held on a day: hostages held) is one series per kind and group;
- figures that name no place join the one place of their kind, group and scope when there is
  exactly one ("130 hostages remain" beside "held in Gaza").

Only figures of what happened (modality asserted or reported) join a series, and only those
dated inside the story's period (from `lookback_days` before the first article): older figures
(a 1948 exodus, a 2014 war) stay records. A figure without a group groups by its subject's
words as written, as before groups existed.

An order of magnitude in words ("thousands of civilians") is no point of a running total or a
stock. On a day when a running total (or a stock) has a tighter point, a lower bound below it
("more than 11,000" beside "11,240" or "more than 11,200", within `restatement_ratio`) is a
restatement: kept on the series as `restated`, out of its points.

A running total's reports, and a stock's, agree in magnitude. A point stays in its series only
when the median of the other articles' strongly scoped points within `consistency_days` of it
(when there are at least two) is within `consistency_ratio` of it, or `strong_consistency_ratio`
when its own scope is strongly stated; weak evidence is a present perfect alone, a bare plural
"strikes", a measuring noun, or for a stock no word saying it is the whole count ("three
hostages" may be three of them). A point that fails is taken as another quantity and joins the
series of figures no one scoped.

Agreement is an interval check, never an average: each point's qualifier turns its value into
the range it asserts ("more than 200" = (200, ∞), "about 200" = [180, 220], "nearly 200" =
[180, 200], "up to 200" = [0, 200]); see `story/disputes.py` for when two points disagree. The
current best value is the best-supported point on the latest day reported.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from storyline.records import Figure
from storyline.story.config import section
from storyline.story.context import Articles, actor_name, content_words, day
from storyline.story.records import Disagreement, FigureSeries, SeriesPoint, display_value

INF = math.inf
HAPPENED = frozenset({"asserted", "reported"})
# the figure_frame cues that only weakly say a figure is a running total
WEAK_CUES = frozenset({"perfect", "plural", "object", "measure", "weak"})


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

    def widened(self, share: float) -> Range:
        """The range with `share` of slack either side (rounding in how figures are written)."""
        hi = self.hi if self.hi == INF else self.hi * (1 + share)
        return Range(self.lo * (1 - share), hi, False, self.hi_open and self.hi == INF)

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


# --------------------------------------------------------------------------- keys


def _period_start(articles: Articles, lookback: int) -> str | None:
    dates = sorted(d for d in (articles.published(a) for a in articles.by_id) if d)
    if not dates:
        return None
    first = day(dates[0])
    return (first - timedelta(days=lookback)).isoformat() if first else None


def historical(f: Figure, start: str | None) -> bool:
    """Dated before the story's period: a record, not part of the story's series."""
    when = f.date_latest or f.date_earliest
    return bool(start and when and when[:10] < start)


def _whole_place(place: str | None) -> str | None:
    """"southern Gaza" → Gaza for an incident's key (a part names the same incident)."""
    from storyline.extract.figure_frame import load_frame_lexicon, parent_place

    return parent_place(place, load_frame_lexicon()) or place


def series_key(f: Figure) -> tuple:
    """The quantity a figure is of (see the module docstring)."""
    group = f.group
    if group is None:
        # figures without a group (and records from before groups): their subject's words
        return (f.kind or "other", "~" + "+".join(sorted(content_words(f.subject or ""))),
                f.place, f.scope, None)
    if f.scope == "stock":
        return (f.kind, group, None, "stock", None)
    if f.scope == "incident":
        when = (f.date_latest or f.date_earliest or "")[:10]
        return (f.kind, group, _whole_place(f.place), "incident", f"{f.incident or ''}@{when}")
    return (f.kind, group, f.place, f.scope, None)


def _magnitude(f: Figure) -> float | None:
    if f.value is not None:
        return float(f.value)
    if f.low is not None and f.high is not None:
        return (f.low + f.high) / 2
    return None


def _consistent(figs: list[Figure], ratio: float, strong_ratio: float,
                days: int) -> tuple[list[Figure], list[Figure]]:
    """(kept, moved): points of a running total (or a stock) far in magnitude from the other
    articles' strongly scoped points near them (within `days`) are moved out: within `ratio`
    of their median for a weakly scoped point, `strong_ratio` for a strongly scoped one."""
    strong = [(day(f.date_latest), _magnitude(f), f.article_id) for f in figs
              if f.scope_cue not in WEAK_CUES and _magnitude(f) and day(f.date_latest)]
    kept, moved = [], []
    for f in figs:
        v, d = _magnitude(f), day(f.date_latest)
        if not v or d is None:
            kept.append(f)
            continue
        near = [m for s, m, aid in strong if abs((s - d).days) <= days and aid != f.article_id]
        if len(near) < 2:
            kept.append(f)
            continue
        mid = statistics.median(near)
        limit = ratio if f.scope_cue in WEAK_CUES else strong_ratio
        if mid > 0 and 1 / limit <= v / mid <= limit:
            kept.append(f)
        else:
            moved.append(f)
    return kept, moved


def _vague(f: Figure) -> bool:
    """An order of magnitude written in words ("thousands of civilians", "hundreds more"): a
    range and no number in the quote. It says how big, not what the total was that day."""
    return f.value is None and not any(ch.isdigit() for ch in f.quote or "")


def _point_day(f: Figure, articles: Articles) -> str:
    return (f.date_latest or f.date_earliest or articles.published(f.article_id) or "")[:10]


def _restatements(figs: list[Figure], articles: Articles, ratio: float,
                  back_days: int = 0) -> tuple[list[Figure], list[Figure]]:
    """(kept, restated): a lower bound ("more than 11,000") is a restatement when another
    point of the series asserts a value inside it that is tighter (an exact or approximate
    figure, or a higher lower bound) and at most `ratio` times the bound (further above, the
    two may not count the same thing), on the same day or, for a running total (which never
    falls), up to `back_days` before it. The restated point adds nothing to what is known
    that day: it is kept on the series as such, out of its points."""
    days = [day(_point_day(f, articles)) for f in figs]
    by_day: dict[date, list[Figure]] = defaultdict(list)
    for f, d in zip(figs, days, strict=True):
        if d is not None:
            by_day[d].append(f)
    kept, restated = [], []
    for f, d in zip(figs, days, strict=True):
        if f.qualifier not in ("more_than", "at_least") or not f.value or d is None:
            kept.append(f)
            continue
        bound = float(f.value)
        near = [o for k in range(back_days + 1) for o in by_day.get(d - timedelta(days=k), ())]
        tighter = any(
            o is not f and o.value is not None and bound < float(o.value) <= bound * ratio
            and (o.qualifier or "exact") in ("exact", "approximately", "more_than", "at_least")
            for o in near
        )
        (restated if tighter else kept).append(f)
    return kept, restated


def _join_unplaced(groups: dict[tuple, list[Figure]]) -> None:
    """Figures that name no place join the one place their kind, group and scope have
    ("130 hostages remain" beside "held in Gaza"); with several places they stay apart."""
    places: dict[tuple, set] = defaultdict(set)
    for key in groups:
        kind, group, place, scope, incident = key
        if place is not None and incident is None and not str(group).startswith("~"):
            places[(kind, group, scope)].add(place)
    for key in list(groups):
        kind, group, place, scope, incident = key
        found = places.get((kind, group, scope))
        if place is None and incident is None and found and len(found) == 1:
            target = (kind, group, next(iter(found)), scope, None)
            groups[target].extend(groups.pop(key))


def build_series(
    figures: Iterable[Figure], articles: Articles, params: dict | None = None,
    actors: Any = None,
) -> list[FigureSeries]:
    """Figure series (`actors`: the profile's actor lexicon, for the sides of disagreements)."""
    p = section("series")
    p.update(params or {})
    start = _period_start(articles, int(p.get("lookback_days", 60)))
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.value is None and f.low is None and f.high is None:
            continue
        if (f.modality or "asserted") not in HAPPENED or historical(f, start):
            continue
        key = series_key(f)
        if key[3] in ("cumulative", "stock") and _vague(f):
            key = (*key[:3], None, None)  # an order of magnitude is no point of a total
        groups[key].append(f)
    ratio = float(p.get("consistency_ratio", 2.0))
    strong_ratio = float(p.get("strong_consistency_ratio", 3.0))
    for key in [k for k in groups if k[3] in ("cumulative", "stock")]:
        window = int(p.get("stock_consistency_days" if key[3] == "stock" else
                           "consistency_days", 7))
        kept, moved = _consistent(groups[key], ratio, strong_ratio, window)
        groups[key] = kept
        if moved:
            groups[(*key[:3], None, None)].extend(moved)
    _join_unplaced(groups)
    restated: dict[tuple, list[Figure]] = {}
    restatement_ratio = float(p.get("restatement_ratio", 1.25))
    for key in [k for k in groups if k[3] in ("cumulative", "stock")]:
        back = int(p.get("restatement_days", 0)) if key[3] == "cumulative" else 0
        groups[key], restated[key] = _restatements(groups[key], articles, restatement_ratio,
                                                   back)
    out = [_series(key, figs, articles, p, actors, restated.get(key, []))
           for key, figs in groups.items() if figs]
    out.sort(key=lambda s: (-len(s.points), s.kind, s.subject or "", s.id))
    return out


def _series(key: tuple, figs: list[Figure], articles: Articles, p: dict,
            actors: Any = None, restated: list[Figure] | None = None) -> FigureSeries:
    from storyline.story.disputes import series_disagreements

    kind, group, place, scope, incident = key
    points = [point_of(f, articles) for f in figs]
    points.sort(key=lambda x: (x.date or "9999", x.published or "", x.article_id, x.start))
    subjects = Counter(f.subject for f in figs if f.subject)
    units = Counter(f.unit for f in figs if f.unit)
    approx = float(p.get("approximately", 0.1))
    dated = [x for x in points if x.date]
    raw = "|".join(str(k) for k in key)
    sources: list[str] = []
    outlets: list[str] = []
    for x in points:
        name = x.source_actor or x.source
        if name and name not in sources:
            sources.append(name)
        if x.outlet and x.outlet not in outlets:
            outlets.append(x.outlet)
    subject = group if group and not group.startswith("~") else (
        subjects.most_common(1)[0][0] if subjects else None)
    series = FigureSeries(
        id="fs-" + hashlib.sha1(raw.encode()).hexdigest()[:12],
        kind=kind,
        subject=subject,
        unit=units.most_common(1)[0][0] if units else None,
        points=points,
        current=_current(dated, approx),
        sources=sources,
        outlets=outlets,
        first_date=dated[0].date if dated else None,
        last_date=dated[-1].date if dated else None,
        subjects=[s for s, _ in subjects.most_common()],
        place=place,
        scope=scope,
        incident=incident.split("@")[0] or None if incident else None,
        restated=sorted((point_of(f, articles) for f in restated or []),
                        key=lambda x: (x.date or "9999", x.article_id, x.start)),
    )
    series.disagreements = series_disagreements(series, [*figs, *(restated or [])], articles,
                                                p, actors)
    return series


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


__all__ = ["Disagreement", "Range", "build_series", "display_value", "historical", "point_of",
           "series_key", "value_range"]
