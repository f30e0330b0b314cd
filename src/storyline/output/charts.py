"""Geometry of the report's charts (pure functions: records in, coordinates out).

The templates draw these as inline SVG, so the report needs no chart library and no network;
every mark carries a `title` (the browser's hover text) and an `href` to the quote it rests on.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

from storyline.story.records import EventCluster, FigureSeries, SeriesPoint, StateDay

# A categorical palette that stays distinct for colour-blind readers (Okabe–Ito, then Tableau).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D31",
           "#6B6ECF", "#B5CF6B", "#9C9EDE"]
OTHER = "#9a9a9a"
# Status colours by precedence rank (lowest first); "unknown" (precedence 0) is grey.
STATUS_COLOURS = ["#8CC084", "#F1C453", "#F08A4B", "#4E79A7", "#2A9D8F", "#D1495B",
                  "#7B5EA7", "#3D405B"]
UNKNOWN_COLOUR = "#E4E2DD"
SHAPES = {
    "exact": "circle", "approximately": "diamond", "nearly": "down", "at_least": "up",
    "more_than": "up", "fewer_than": "down", "up_to": "down",
}


def anchor(article_id: str, start: int, end: int) -> str:
    """The reader's anchor for a quote: the same for every record with this span."""
    return f"q-{article_id}-{start}-{end}"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def date_scale(first: date, last: date, x0: float, x1: float) -> Callable[[date], float]:
    span = max((last - first).days, 1)
    return lambda d: round(x0 + (x1 - x0) * (d - first).days / span, 1)


# Tick steps from a day to millennia: (unit, count, rough length in days).
_TICK_STEPS = (
    [("day", n, n) for n in (1, 2, 3, 7, 14)]
    + [("month", n, 30.44 * n) for n in (1, 2, 3, 6)]
    + [("year", n, 365.25 * n) for n in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000,
                                         2000, 2500, 5000)]
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ticks_of(first: date, last: date, unit: str, n: int) -> list[date]:
    """Every n-th day from `first`, or the month / year starts in [first, last] whose number
    is a multiple of n (so a 2-month step shows Jan, Mar, … and a decade step 2000, 2010)."""
    if unit == "day":
        return [first + timedelta(days=i) for i in range(0, (last - first).days + 1, n)]
    if unit == "month":
        index = first.year * 12 + first.month - 1 + (first.day > 1)
        index += -index % n
        out = []
        while index // 12 <= date.max.year and (d := date(index // 12, index % 12 + 1, 1)) <= last:
            out.append(d)
            index += n
        return out
    year = first.year + (first > date(first.year, 1, 1))
    year += -year % n
    return [date(y, 1, 1) for y in range(max(year, date.min.year), last.year + 1, n)]


def _tick_label(d: date, unit: str, previous: date | None, years: bool) -> str:
    """A year, a month (with its year at the first tick and each January), or a day (with its
    year where the year changes, when the axis spans more than one)."""
    if unit == "year":
        return str(d.year)
    new_year = previous is None or previous.year != d.year
    if unit == "month":
        return f"{_MONTHS[d.month - 1]} {d.year}" if new_year else _MONTHS[d.month - 1]
    label = f"{d.day} {_MONTHS[d.month - 1]}"
    return f"{label} {d.year}" if years and new_year else label


def date_ticks(first: date, last: date, most: int = 8) -> list[tuple[date, str]]:
    """Readable tick dates between first and last, at most `most` of them, for any span from
    one day to centuries: days or weeks, then months, quarters, years, decades, centuries."""
    if last < first:
        first, last = last, first
    span = (last - first).days
    most = max(most, 2)
    for unit, n, days in _TICK_STEPS:
        if span / days > most + 1:  # far too many: skip without listing them
            continue
        ticks = _ticks_of(first, last, unit, n)
        if len(ticks) <= most:
            break
    out = []
    for i, d in enumerate(ticks):
        out.append((d, _tick_label(d, unit, ticks[i - 1] if i else None,
                                   first.year != last.year)))
    return out


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2, 2.5, 5 × 10^k) up to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 6) for i in range(n + 1)]


def number(x: float) -> str:
    if abs(x) >= 1_000_000:
        return f"{x / 1_000_000:g}M"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.1f}"


def source_label(p: SeriesPoint) -> str:
    """Who gives the figure; an unattributed figure is the outlet's own, and says so."""
    if p.source or p.source_actor:
        return p.source or p.source_actor
    return f"unattributed ({p.outlet})" if p.outlet else "unattributed"


def _colours(labels: Iterable[str]) -> dict[str, str]:
    counts = Counter(labels)
    order = sorted(counts, key=lambda s: (-counts[s], s))
    return {s: (PALETTE[i] if i < len(PALETTE) else OTHER) for i, s in enumerate(order)}


def shape_path(shape: str, x: float, y: float, r: float = 6.0) -> str:
    """An SVG path for a point marker; the shape says how the value is qualified."""
    if shape == "up":
        return f"M{x},{y - r}L{x + r},{y + r * 0.8}L{x - r},{y + r * 0.8}Z"
    if shape == "down":
        return f"M{x},{y + r}L{x + r},{y - r * 0.8}L{x - r},{y - r * 0.8}Z"
    if shape == "diamond":
        return f"M{x},{y - r}L{x + r},{y}L{x},{y + r}L{x - r},{y}Z"
    return (f"M{x - r},{y}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0Z")


def point_title(p: SeriesPoint) -> str:
    parts = [p.date or "undated", p.display()]
    if p.unit:
        parts[-1] += f" {p.unit}"
    parts.append(f"qualifier: {p.qualifier}")
    parts.append(f"source: {p.source or p.source_actor or 'not stated'}")
    if p.outlet or p.published:
        parts.append(f"reported by {p.outlet or '?'}" + (f" on {p.published}" if p.published
                                                          else ""))
    quote = p.quote if len(p.quote) <= 90 else p.quote[:88].rsplit(" ", 1)[0] + " …"
    return " · ".join(parts) + f"\n“{quote}”"


def _fences(values: Sequence[float], least: float) -> tuple[float, float]:
    """Tukey's far-out fences (3 IQR beyond the quartiles; the IQR at least `least`)."""
    ordered = sorted(values)
    n = len(ordered)
    q1, q3 = ordered[n // 4], ordered[(3 * n) // 4]
    spread = max(q3 - q1, least)
    return q1 - 3 * spread, q3 + 3 * spread


def _peak(p: SeriesPoint) -> float:
    return max(v for v in (p.value, p.high, p.low) if v is not None)


LINE_MOST = 40  # values of one source beyond which they are not joined by a line
ROBUST_FROM = 8  # points: fewer are all drawn, whatever their spread


def split_outliers(pts: list[SeriesPoint]) -> tuple[list[SeriesPoint], list[SeriesPoint]]:
    """(points on the axes, points far off them): a 1939 date or a value a hundred times the
    rest would squash every other point into a corner, so they are listed beside the chart
    instead (each still linked to its sentence). Small series keep every point."""
    if len(pts) < ROBUST_FROM:
        return pts, []
    lo, hi = _fences([_day(p.date).toordinal() for p in pts], least=30)
    kept = [p for p in pts if lo <= _day(p.date).toordinal() <= hi]
    if len(kept) >= ROBUST_FROM:
        _, top = _fences([_peak(p) for p in kept], least=1)
        kept = [p for p in kept if _peak(p) <= top]
    if not kept:
        return pts, []
    kept_ids = {id(p) for p in kept}
    return kept, [p for p in pts if id(p) not in kept_ids]


def series_chart(s: FigureSeries, width: int = 600, height: int = 230) -> dict:
    """Every point of a series on a time axis, coloured by source, shaped by qualifier; points
    far off the others' range are listed in `outside` rather than drawn (see split_outliers)."""
    left, right, top, bottom = 58, 16, 12, 28
    pts = [p for p in s.points if _day(p.date) and (p.value is not None or p.high is not None)]
    if not pts:
        return {"empty": True, "width": width, "height": 60}
    pts, off = split_outliers(pts)
    days = [_day(p.date) for p in pts]
    first, last = min(days), max(days)
    if first == last:
        first, last = first - timedelta(days=3), last + timedelta(days=3)
    x = date_scale(first, last, left, width - right)
    top_value = max(max(v for v in (p.value, p.high, p.low) if v is not None) for p in pts)
    yticks = nice_ticks(top_value * 1.05)
    y_max = yticks[-1] or 1.0

    def y(v: float) -> float:
        return round(height - bottom - (height - top - bottom) * v / y_max, 1)

    # one colour per source whatever its capitals ("The army" and "the army")
    names: dict[str, str] = {}
    for p in pts:
        names.setdefault(source_label(p).lower(), source_label(p))
    colours = {names[k]: v for k, v in _colours(source_label(p).lower() for p in pts).items()}

    def colour_of(p: SeriesPoint) -> tuple[str, str]:
        label = names[source_label(p).lower()]
        return label, colours[label]

    by_day: dict[date, list[SeriesPoint]] = defaultdict(list)
    for p, d in zip(pts, days, strict=True):
        by_day[d].append(p)
    marks = []
    lines: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for d in sorted(by_day):
        group = by_day[d]
        for i, p in enumerate(group):
            # side by side when one day has several reports, so none hides another
            dx = (i - (len(group) - 1) / 2) * 8 if len(group) > 1 else 0
            cx = round(x(d) + max(-24, min(24, dx)), 1)
            mid = p.value if p.value is not None else ((p.low or 0) + (p.high or 0)) / 2
            cy = y(mid)
            label, colour = colour_of(p)
            shape = SHAPES.get(p.qualifier, "circle")
            mark = {
                "x": cx, "y": cy, "colour": colour, "shape": shape,
                "path": shape_path(shape, cx, cy), "title": point_title(p),
                "href": "#" + anchor(p.article_id, p.start, p.end), "source": label,
            }
            if p.value is None and p.low is not None and p.high is not None:
                mark["range"] = (y(p.low), y(p.high))
            marks.append(mark)
            lines[label].append((cx, cy))
    # a source's values joined in date order; past LINE_MOST values the line is a scribble
    # that hides the points, so they stand alone
    paths = [
        {"colour": colours[label], "d": "M" + "L".join(f"{a},{b}" for a, b in coords)}
        for label, coords in lines.items() if 1 < len(coords) <= LINE_MOST
    ]
    flags = [
        {"x": x(_day(d.date)), "title": f"{d.date}: {d.reason}"}
        for d in s.disagreements if _day(d.date) and first <= _day(d.date) <= last
    ]
    return {
        "empty": False, "width": width, "height": height, "left": left, "right": width - right,
        "top": top, "bottom": height - bottom,
        "xticks": [{"x": x(d), "label": label} for d, label in date_ticks(first, last)],
        "yticks": [{"y": y(v), "label": number(v)} for v in yticks],
        "marks": marks, "lines": paths, "flags": flags,
        "legend": [{"label": k, "colour": v} for k, v in colours.items()],
        "outside": [{"date": p.date, "value": p.display() + (f" {p.unit}" if p.unit else ""),
                     "source": source_label(p), "title": point_title(p),
                     "href": "#" + anchor(p.article_id, p.start, p.end)}
                    for p in sorted(off, key=lambda p: p.date)],
    }


# --------------------------------------------------------------------------- state band


def status_colours(statuses: dict[str, dict]) -> dict[str, str]:
    """A colour per status, by precedence; statuses without precedence (unknown) are grey."""
    ranked = sorted((v.get("precedence", 0), k) for k, v in statuses.items())
    out = {}
    i = 0
    for prec, name in ranked:
        if not prec:
            out[name] = UNKNOWN_COLOUR
            continue
        out[name] = STATUS_COLOURS[i % len(STATUS_COLOURS)]
        i += 1
    return out


def state_band(days: Sequence[StateDay], statuses: dict[str, dict], width: int = 1000,
               height: int = 40, events: Sequence[tuple[str, str, str]] = ()) -> dict:
    """Runs of days with one status as coloured segments over the time axis; `events`
    (date, title, href) are drawn as ticks above the band for context."""
    dated = [(d, _day(d.date)) for d in days if _day(d.date)]
    if not dated:
        return {"empty": True}
    first, last = dated[0][1], dated[-1][1] + timedelta(days=1)
    left, right = 8, width - 8
    x = date_scale(first, last, left, right)
    colours = status_colours(statuses)
    labels = {k: v.get("label", k) for k, v in statuses.items()}
    runs: list[list[tuple[StateDay, date]]] = []
    for d, when in dated:
        if runs and runs[-1][-1][0].status == d.status and (when - runs[-1][-1][1]).days == 1:
            runs[-1].append((d, when))
        else:
            runs.append([(d, when)])
    segments = []
    for run in runs:
        d0, start = run[0]
        end = run[-1][1] + timedelta(days=1)
        ev = next((e for day, _ in run for e in day.evidence), None)
        title = f"{labels.get(d0.status, d0.status)}: {start} to {run[-1][1]}"
        details = [f"venue: {d0.venue}" if d0.venue else "",
                   f"mediators: {', '.join(d0.mediators[:4])}" if d0.mediators else "",
                   f"parties: {', '.join(d0.parties[:4])}" if d0.parties else ""]
        title += "".join(f"\n{t}" for t in details if t)
        if ev:
            title += f"\n{ev.outlet or ev.article_id[:8]}: “{ev.quote}”"
        segments.append({
            "x": x(start), "w": max(round(x(end) - x(start), 1), 1.0),
            "colour": colours.get(d0.status, OTHER), "status": d0.status,
            "label": labels.get(d0.status, d0.status), "title": title,
            "href": "#" + anchor(ev.article_id, ev.start, ev.end) if ev else None,
        })
    seen = [s for s in dict.fromkeys(seg["status"] for seg in segments)]
    ticks = [{"x": x(d), "title": title, "href": href}
             for d, title, href in ((_day(a), b, c) for a, b, c in events)
             if d and first <= d < last]
    return {
        "empty": False, "width": width, "height": height, "band_top": 4, "band_h": height - 8,
        "segments": segments, "events": ticks,
        "xticks": [{"x": x(d), "label": label} for d, label in date_ticks(first, last, 10)],
        "legend": [{"status": st, "label": labels.get(st, st), "colour": colours.get(st, OTHER)}
                   for st in sorted(seen, key=lambda st: -statuses.get(st, {}).get(
                       "precedence", 0))],
    }


# --------------------------------------------------------------------------- actor matrix


def _pair(actor: str, recipient: str, cs: list[EventCluster]) -> dict:
    types = Counter(c.type for c in cs)
    first = min(cs, key=lambda c: c.date_earliest or "9999")
    m = first.mentions[0] if first.mentions else None
    return {"actor": actor, "recipient": recipient, "count": len(cs),
            "types": types.most_common(4),
            "first": first.date_earliest or "", "summary": first.summary,
            "href": "#" + anchor(m.article_id, m.start, m.end) if m else None}


def actor_matrix(clusters: Iterable[EventCluster], top: int = 12, cell: int = 30,
                 pairs_shown: int = 10) -> dict:
    """Who acts on whom: rows are actors, columns recipients, cells count event clusters."""
    real = [c for c in clusters if c.polarity == "real"]
    weight: Counter = Counter()
    for c in real:
        for a in c.actors:
            for r in c.recipients:
                if a != r:
                    weight[a] += 1
                    weight[r] += 1
    names = [n for n, _ in weight.most_common(top)]
    if len(names) < 2:
        return {"empty": True}
    index = {n: i for i, n in enumerate(names)}
    cells: dict[tuple[int, int], list[EventCluster]] = defaultdict(list)
    for c in real:
        for a in c.actors:
            for r in c.recipients:
                if a in index and r in index and a != r:
                    cells[index[a], index[r]].append(c)
    label_w = min(200, 12 + 7 * max(len(n) for n in names))
    most = max((len(v) for v in cells.values()), default=1)
    out = []
    for (i, j), cs in sorted(cells.items()):
        types = Counter(c.type for c in cs)
        m = cs[0].mentions[0] if cs[0].mentions else None
        out.append({
            "x": label_w + j * cell, "y": label_w + i * cell, "count": len(cs),
            "opacity": round(0.18 + 0.82 * len(cs) / most, 2),
            "title": f"{names[i]} → {names[j]}: {len(cs)} event"
                     f"{'s' if len(cs) != 1 else ''} ("
                     + ", ".join(f"{t} {n}" for t, n in types.most_common()) + ")",
            "href": "#" + anchor(m.article_id, m.start, m.end) if m else None,
        })
    size = label_w + len(names) * cell
    # rotated column labels reach right of their column by about cos(50°) of their length
    overhang = int(0.64 * 7 * max(len(n) for n in names[-3:]))
    pairs = sorted(cells.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:pairs_shown]
    return {
        "empty": False, "names": names, "cell": cell, "label_w": label_w,
        "width": size + max(8, overhang - cell), "height": size + 8, "cells": out,
        "grid_right": size, "grid_bottom": size,
        "pairs": [_pair(names[i], names[j], cs) for (i, j), cs in pairs],
        "rows": [{"name": n, "y": label_w + i * cell + cell / 2} for i, n in enumerate(names)],
        "cols": [{"name": n, "x": label_w + j * cell + cell / 2} for j, n in enumerate(names)],
    }
