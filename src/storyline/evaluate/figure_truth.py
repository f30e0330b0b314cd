"""Figure series against truth files: the figure part of `storyline evaluate story`.

Which series is scored against which file comes from `data/figure_truth.yaml` (nothing here
knows the story). For each entry the series whose key matches are pooled and every dated point
with a value is compared with the truth on its day, or up to `lag_days` either side (reporting
lag): a point is right when its stated value (the midpoint of a range) is within `tolerance` of
the truth. Reported beside that share: how many of the points whose source names the credited
source (as written, or resolved) are credited to it; how many points fall in another quantity's
range (another country's toll) without matching the truth; and the worst points with their
quotes, article ids and offsets, so that each can be opened and checked.

Two readers:

- `daily_json`: a list of daily records, the scored column or, on days that lack it, a fallback
  column (the Gaza ministry file has gaps filled from the government media office and by
  interpolation; its `killed_cum` is used where present, `ext_killed_cum` otherwise).
- `hostage_roster`: one row per captive. The number held on a day is derived: a person counts
  from the kidnap date until the day they left captivity, alive or as a body. That day is, in
  order of trust: the latest date written in the row's own summaries (day.month.year, day.month
  with the year that follows the kidnap, or "after N days" counted from the kidnap: the words
  are the roster's, their patterns are data); the events file's date range when the release
  column falls outside it by more than three days or is empty; the release column; and for a
  person marked dead with no return recorded, a death dated after the kidnap (their body was
  recovered that day). A person with none of these is still held (a body held counts as held,
  as the usual counts do). The roster lists `missing` fewer abductees than the known total
  (239 against 251 in the shared file), so the truth is the band [derived, derived + missing]:
  a point is scored against both ends and against the band (right when within tolerance of
  any value in it); all three shares are reported.

Hostage series are also checked for numbers that are not hostage counts: a person's age
("Name, 70,", "aged 70"), an article or resolution number, and prisoners or detainees.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyline.data import read_yaml
from storyline.story.records import FigureSeries, SeriesPoint

CONFIG = "figure_truth.yaml"
WORST = 10
# "Name, 70," / "aged 70" / "70-year-old": the number is a person's age
_AGE_BEFORE = re.compile(r"(?:\b[A-Z][\w'’-]+,\s*|\baged\s+)$")
_AGE_AFTER = re.compile(r"^\s*(?:,|\)|-year-old|\s+years?\s+old)")
_ARTICLE_BEFORE = re.compile(r"\b(?:article|articles|resolution|section|clause|paragraph|"
                             r"chapter|no\.?|number)\s+$", re.I)
_ARTICLE_AFTER = re.compile(r"^\(\w")
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?![\d.])")


# --------------------------------------------------------------------------- truth readers


@dataclass
class DailyTruth:
    """A value per day, and how it was derived (said in the report)."""

    values: dict[str, float]
    derivation: str
    low: dict[str, float] | None = None  # band ends, when the truth is a band
    high: dict[str, float] | None = None

    def band(self, day: str) -> tuple[float, float] | None:
        if self.low is not None and self.high is not None:
            if day in self.low:
                return self.low[day], self.high[day]
            return None
        value = self.values.get(day)
        return (value, value) if value is not None else None


def read_daily_json(path: Path, spec: dict[str, Any]) -> DailyTruth:
    """A JSON list of daily records: `spec["value"]`, else `spec["fallback"]`, per day."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot read the daily truth ({exc})") from None
    if not isinstance(rows, list):
        raise ValueError(f"{path}: expected a JSON list of daily records")
    key, col, fallback = spec.get("date", "date"), spec["value"], spec.get("fallback")
    values: dict[str, float] = {}
    filled = 0
    for row in rows:
        day = str(row.get(key) or "")[:10]
        value = row.get(col)
        if value is None and fallback:
            value = row.get(fallback)
            filled += value is not None
        if day and isinstance(value, (int, float)):
            values[day] = float(value)
    how = f"{path.name}: `{col}` per `{key}`"
    if fallback:
        how += f", `{fallback}` on the {filled} days without it"
    return DailyTruth(values, how)


@dataclass
class Captive:
    kidnapped: date
    left: date | None
    how: str  # which rule gave `left`: summary, events, release, death, held


def _iso(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None


def _summary_dates(text: str, kidnapped: date, days_after: re.Pattern | None) -> list[date]:
    """Dates written in a row's summaries, after the kidnap: d.m.yy, d.m (the year that
    follows the kidnap), and "after N days" counted from the kidnap."""
    out: list[date] = []
    for d, m, y in _DOTTED.findall(text):
        try:
            if y:
                year = int(y) + (2000 if len(y) == 2 else 0)
                found = date(year, int(m), int(d))
            else:
                found = date(kidnapped.year, int(m), int(d))
                if found == kidnapped:
                    continue  # the kidnap day itself ("killed on 7.10")
                if found < kidnapped:
                    found = date(kidnapped.year + 1, int(m), int(d))
        except ValueError:
            continue
        if found > kidnapped:
            out.append(found)
    if days_after is not None:
        for n in days_after.findall(text):
            out.append(kidnapped + timedelta(days=int(n)))
    return out


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def _range_of(text: str) -> tuple[date, date] | None:
    """ "Nov 24-30, 2023", "Jun 10, 2024", "Jul-Aug 2024", "Nov 15-29, 2023" → (first, last)."""
    t = text.strip()
    m = re.fullmatch(r"([A-Za-z]{3})\w*\s+(\d{1,2})(?:\s*-\s*(\d{1,2}))?,\s*(\d{4})", t)
    try:
        if m:
            month, year = _MONTHS[m[1].lower()], int(m[4])
            return date(year, month, int(m[2])), date(year, month, int(m[3] or m[2]))
        m = re.fullmatch(r"([A-Za-z]{3})\w*\s*-\s*([A-Za-z]{3})\w*\s+(\d{4})", t)
        if m:
            year, a, b = int(m[3]), _MONTHS[m[1].lower()], _MONTHS[m[2].lower()]
            last = (date(year + (b == 12), b % 12 + 1, 1) - timedelta(days=1))
            return date(year, a, 1), last
    except (KeyError, ValueError):
        return None
    return None


def read_roster(path: Path, events: Path | None, spec: dict[str, Any]) -> list[Captive]:
    """One Captive per roster row (see the module docstring for the rules)."""
    cols = spec.get("roster") or {}
    pattern = spec.get("days_after_pattern")
    days_after = re.compile(pattern) if pattern else None
    left_statuses = set(cols.get("left") or [])
    ranges: dict[str, tuple[date, date]] = {}
    if events is not None and events.is_file():
        with events.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                found = _range_of(row.get(cols.get("events_dates", "date_range")) or "")
                name = (row.get(cols.get("events_name", "name")) or "").strip()
                if found and name:
                    ranges[name] = found
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the roster ({exc})") from None
    out: list[Captive] = []
    with handle:
        for row in csv.DictReader(handle):
            kidnapped = _iso(row.get(cols.get("kidnapped", "kidnapped")))
            if kidnapped is None:
                continue
            status = (row.get(cols.get("status", "status")) or "").strip()
            out.append(_captive(row, kidnapped, status, status in left_statuses, ranges,
                                cols, days_after))
    if not out:
        raise ValueError(f"{path}: no row with a kidnap date (column {cols.get('kidnapped')!r})")
    return out


def _captive(row: dict[str, str], kidnapped: date, status: str, left_status: bool,
             ranges: dict[str, tuple[date, date]], cols: dict[str, Any],
             days_after: re.Pattern | None) -> Captive:
    if not left_status:
        return Captive(kidnapped, None, "held")
    text = " ".join(row.get(c) or "" for c in cols.get("summaries") or [])
    written = _summary_dates(text, kidnapped, days_after)
    if written:
        return Captive(kidnapped, max(written), "summary")
    released = _iso(row.get(cols.get("released", "released")))
    span = ranges.get((row.get(cols.get("name", "name")) or "").strip())
    if span is not None and (released is None or released < span[0] - timedelta(days=3)
                             or released > span[1] + timedelta(days=3)):
        return Captive(kidnapped, span[0], "events")
    if released is not None and released >= kidnapped:
        return Captive(kidnapped, released, "release")
    died = _iso(row.get(cols.get("death", "death")))
    if status == cols.get("dead_status") and died is not None and died > kidnapped:
        return Captive(kidnapped, died, "death")
    return Captive(kidnapped, None, "held")


def held_by_day(captives: list[Captive], days: Iterable[str]) -> dict[str, float]:
    """The number held at the end of each of these ISO days."""
    out: dict[str, float] = {}
    for day in days:
        d = date.fromisoformat(day)
        out[day] = float(sum(1 for c in captives if c.kidnapped <= d
                             and (c.left is None or c.left > d)))
    return out


def read_hostage_truth(path: Path, events: Path | None, spec: dict[str, Any],
                       days: Iterable[str]) -> DailyTruth:
    """The derived number held on each of `days`, as a band for the roster's missing rows."""
    captives = read_roster(path, events, spec)
    held = held_by_day(captives, days)
    missing = float(spec.get("missing") or 0)
    rules = {k: sum(1 for c in captives if c.how == k)
             for k in ("summary", "events", "release", "death", "held")}
    how = (f"{path.name}: {len(captives)} captives; held from the kidnap date until the day "
           f"they left (from the row's summaries {rules['summary']}, the events file "
           f"{rules['events']}, the release column {rules['release']}, a recorded death "
           f"{rules['death']}; still held {rules['held']}); band [derived, derived + "
           f"{int(missing)}] for the abductees the roster lacks")
    return DailyTruth(held, how, low=held, high={d: v + missing for d, v in held.items()})


# --------------------------------------------------------------------------- results


@dataclass
class ScoredPoint:
    """One point against the truth on its day."""

    series_id: str
    date: str
    value: str  # as displayed, qualifier included
    number: float  # the value compared
    truth: float | None  # the truth value it is closest to (None: no truth that day)
    error: float | None  # relative error against `truth`
    article_id: str
    start: int
    end: int
    quote: str
    source: str | None
    source_actor: str | None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TruthScore:
    """One truth entry: its series, the points scored, and every check."""

    name: str
    derivation: str
    tolerance: float
    lag_days: int
    series: list[str] = field(default_factory=list)  # "kind · subject · place · scope (n)"
    points: int = 0  # points with a value and a day
    scored: int = 0  # of them, with a truth value within the lag
    within: int = 0
    within_qualified: int = 0  # reading the qualifier (see `_asserted`): "more than 100" of 112
    open_share: float = 0.25
    within_low: int | None = None  # band ends (roster truth)
    within_high: int | None = None
    credited: int | None = None
    credited_of: int | None = None
    other_toll: list[ScoredPoint] = field(default_factory=list)
    not_counts: list[ScoredPoint] = field(default_factory=list)  # ages, article numbers …
    worst: list[ScoredPoint] = field(default_factory=list)

    @staticmethod
    def _share(n: int | None, of: int) -> float | None:
        return None if n is None or not of else n / of

    @property
    def within_share(self) -> float | None:
        return self._share(self.within, self.scored)

    @property
    def credited_share(self) -> float | None:
        return self._share(self.credited, self.credited_of or 0)

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items()
               if k not in ("other_toll", "not_counts", "worst")}
        out["within_share"] = self.within_share
        out["within_qualified_share"] = self._share(self.within_qualified, self.scored)
        out["within_low_share"] = self._share(self.within_low, self.scored)
        out["within_high_share"] = self._share(self.within_high, self.scored)
        out["credited_share"] = self.credited_share
        for name in ("other_toll", "not_counts", "worst"):
            out[name] = [p.to_dict() for p in getattr(self, name)]
        return out


@dataclass
class FigureTruth:
    """Every truth entry's score; `rows()` gives the lines of the evaluate table, `table()`
    the same with each entry's bar and whether it is met, `worst()` the worst points."""

    scores: list[TruthScore] = field(default_factory=list)
    split: str | None = None
    bars: dict[str, dict[str, float]] = field(default_factory=dict)  # entry name -> bars

    def to_dict(self) -> dict[str, Any]:
        return {"split": self.split, "scores": [s.to_dict() for s in self.scores],
                "bars": self.bars}

    def table(self) -> list[dict[str, Any]]:
        """rows() as dicts (figure, storyline, truth, bar, met): a bar from the entry's
        `bars` in figure_truth.yaml (within, within_qualified, credited: shares at least;
        other_toll, not_counts: counts at most)."""
        out = []
        for s, (measure, value, detail) in self._rows_with_scores():
            bars = self.bars.get(s.name, {})
            bar, met = "", None
            for key, (got, at_least) in self._measures(s, measure).items():
                if key in bars:
                    want = float(bars[key])
                    bar = (f"≥ {want:.0%}" if at_least else f"≤ {int(want)}")
                    met = None if got is None else (got >= want if at_least else got <= want)
            out.append({"figure": measure, "storyline": value, "truth": detail, "bar": bar,
                        "met": met})
        return out

    @staticmethod
    def _measures(s: TruthScore, measure: str) -> dict[str, tuple[float | None, bool]]:
        """The bar key a row's measure is checked by: (value, whether it is a floor)."""
        if measure.endswith("reading the qualifier"):
            return {"within_qualified": (s._share(s.within_qualified, s.scored), True)}
        if "points within" in measure:
            return {"within": (s.within_share, True)}
        if "credited to it" in measure:
            return {"credited": (s.credited_share, True)}
        if "from another toll" in measure:
            return {"other_toll": (float(len(s.other_toll)), False)}
        if "ages, article numbers" in measure:
            return {"not_counts": (float(len(s.not_counts)), False)}
        return {}

    def _rows_with_scores(self) -> list[tuple[TruthScore, tuple[str, str, str]]]:
        out = []
        for s in self.scores:
            for row in FigureTruth(scores=[s]).rows():
                out.append((s, row))
        return out

    def worst(self, per_entry: int = 5) -> list[dict[str, Any]]:
        """The worst points of each entry, with their quotes and where to read them."""
        out = []
        for s in self.scores:
            for p in s.worst[:per_entry]:
                out.append({"entry": s.name, **p.to_dict()})
        return out

    def rows(self) -> list[tuple[str, str, str]]:
        """(measure, storyline, detail) per line."""
        out: list[tuple[str, str, str]] = []
        for s in self.scores:
            pct = f"{s.tolerance:.0%}"
            lag = f" (±{s.lag_days} day)" if s.lag_days else ""
            share = s.within_share
            out.append((f"{s.name}: points within {pct}{lag}",
                        f"{share:.1%}" if share is not None else "no points",
                        f"{s.within}/{s.scored} scored of {s.points} points; "
                        f"{len(s.series)} series"))
            if s.scored:
                out.append((f"{s.name}: ... reading the qualifier", f"{s.within_qualified / s.scored:.1%}",
                            f"\"more than X\" asserts (X, X×{1 + s.open_share:g}], \"about X\" "
                            f"[0.9X, 1.1X]; {s.within_qualified}/{s.scored}"))
            if s.within_low is not None and s.scored:
                out.append((f"{s.name}: within {pct} of the derived count / of derived + "
                            f"missing", f"{s.within_low / s.scored:.1%} / "
                            f"{(s.within_high or 0) / s.scored:.1%}", s.derivation))
            if s.credited_of is not None:
                cs = s.credited_share
                out.append((f"{s.name}: its figures credited to it",
                            f"{cs:.1%}" if cs is not None else "none found",
                            f"{s.credited}/{s.credited_of}"))
            if s.other_toll or s.credited_of is not None:
                out.append((f"{s.name}: points from another toll", str(len(s.other_toll)),
                            "; ".join(f"{p.value} ({p.article_id})" for p in s.other_toll[:3])))
            if s.not_counts or s.within_low is not None:
                out.append((f"{s.name}: ages, article numbers, detainees in the series",
                            str(len(s.not_counts)),
                            "; ".join(f"{p.value}: {p.note}" for p in s.not_counts[:3])))
        return out


# --------------------------------------------------------------------------- scoring


def load_truth_config(path: str | Path | None = None) -> dict[str, Any]:
    data = read_yaml(CONFIG, path)
    if not isinstance(data, dict) or not isinstance(data.get("truths"), list):
        raise ValueError(f"{path or CONFIG}: expected a mapping with a `truths` list")
    return data


def article_split(article_id: str, heldout_share: float = 0.2) -> str:
    """"heldout" or "dev", stable per article id (a hash, not the id's own order)."""
    h = int(hashlib.sha1(article_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "heldout" if h < heldout_share else "dev"


def series_matches(series: FigureSeries, want: dict[str, Any]) -> bool:
    """The series' key has every field `want` gives (case-insensitive; a missing field of an
    older series record never matches a wanted value)."""
    for name, value in want.items():
        have = getattr(series, name, None)
        if have is None or str(have).lower() != str(value).lower():
            return False
    return True


def _number(p: SeriesPoint) -> float | None:
    if p.value is not None:
        return float(p.value)
    if p.low is not None and p.high is not None:
        return (p.low + p.high) / 2
    return None


def _near(truth: DailyTruth, day: str, lag: int) -> list[tuple[float, float]]:
    d = _day(day)
    if d is None:
        return []
    out = []
    for k in range(-lag, lag + 1):
        band = truth.band((d + timedelta(days=k)).isoformat())
        if band is not None:
            out.append(band)
    return out


def _asserted(p: SeriesPoint, number: float, open_share: float) -> tuple[float, float]:
    """The values a point asserts, its qualifier read with an open end bounded by
    `open_share` ("more than 100" → (100, 125] at 0.25; "about 100" → [90, 110])."""
    if p.value is None and p.low is not None and p.high is not None:
        return float(p.low), float(p.high)
    q = p.qualifier or "exact"
    if q in ("more_than", "at_least"):
        return number, number * (1 + open_share)
    if q in ("fewer_than", "up_to"):
        return number * (1 - open_share), number
    if q == "nearly":
        return number * 0.9, number
    if q == "approximately":
        return number * 0.9, number * 1.1
    return number, number


def _range_error(lo_x: float, hi_x: float, lo: float, hi: float) -> float:
    """Relative distance between an asserted range and a truth band (0 when they meet)."""
    if hi_x < lo:
        return (lo - hi_x) / lo if lo else 1.0
    if lo_x > hi:
        return (lo_x - hi) / hi if hi else 1.0
    return 0.0


def _error(x: float, lo: float, hi: float) -> tuple[float, float]:
    """Relative error of x against the band [lo, hi], and the band value it is closest to."""
    nearest = min(max(x, lo), hi)
    return (abs(x - nearest) / nearest if nearest else (0.0 if x == 0 else 1.0)), nearest


def _scored(series_id: str, p: SeriesPoint, number: float, truth: float | None,
            error: float | None, note: str = "") -> ScoredPoint:
    return ScoredPoint(series_id, p.date, p.display(), number, truth, error, p.article_id,
                       p.start, p.end, p.quote, p.source, p.source_actor, note)


def not_a_count(p: SeriesPoint, words: Iterable[str]) -> str | None:
    """Why a hostage point's number is no hostage count ("age", "article number", "counts
    prisoners" when one of `words` is among the three words after it, before any
    punctuation), from the number's own
    context in the sentence; None when nothing says so."""
    num = re.search(r"\d[\d,.]*", p.quote)
    counted = p.quote[num.end():] if num else p.quote
    # the words it counts: up to three, and none past a punctuation mark ("110 hostages,
    # taken prisoner" counts hostages)
    counted = re.split(r"[,;:()\u2013\u2014]|\s-\s|\.(?:\s|$)", counted, maxsplit=1)[0]
    counted = " ".join(re.findall(r"[\w'’-]+", counted.lower())[:3])
    for w in words:
        if re.search(rf"\b{re.escape(w.lower())}s?\b", counted):
            return f"counts {w}s"
    sentence = p.sentence or p.quote
    at = sentence.find(p.quote)
    if at < 0:
        return None
    num = re.search(r"\d[\d,.]*", p.quote)
    if num is None:
        return None
    start, end = at + num.start(), at + num.end()
    before, after = sentence[max(0, start - 40):start], sentence[end:end + 14]
    if _ARTICLE_BEFORE.search(before) or _ARTICLE_AFTER.match(after):
        return "article number"
    if _AGE_BEFORE.search(before) and _AGE_AFTER.match(after):
        return "age"
    if after.startswith("-year-old") or re.match(r"^\s+years?\s+old\b", after):
        return "age"
    return None


def score_entry(spec: dict[str, Any], series: list[FigureSeries], truth: DailyTruth,
                keep: Callable[[str], bool]) -> TruthScore:
    """Score the series matching `spec["series"]` against `truth` (points of articles that
    `keep` accepts)."""
    tol, lag = float(spec.get("tolerance", 0.02)), int(spec.get("lag_days", 0))
    chosen = [s for s in series if series_matches(s, spec.get("series") or {})]
    banded = truth.low is not None
    result = TruthScore(spec["name"], truth.derivation, tol, lag,
                        series=[_label(s) for s in chosen])
    if banded:
        result.within_low = result.within_high = 0
    others = spec.get("other_tolls") or []
    open_share = float(spec.get("open_share", 0.25))
    result.open_share = open_share
    misses: list[ScoredPoint] = []
    for s in chosen:
        for p in s.points:
            number = _number(p)
            if number is None or not p.date or not keep(p.article_id):
                continue
            result.points += 1
            bands = _near(truth, p.date[:10], lag)
            if not bands:
                continue
            result.scored += 1
            err, nearest = min(_error(number, lo, hi) for lo, hi in bands)
            ok = err <= tol
            result.within += ok
            lo_x, hi_x = _asserted(p, number, open_share)
            result.within_qualified += min(_range_error(lo_x, hi_x, lo, hi)
                                           for lo, hi in bands) <= tol
            if banded:
                result.within_low += min(_error(number, lo, lo)[0] for lo, _ in bands) <= tol
                result.within_high += min(_error(number, hi, hi)[0] for _, hi in bands) <= tol
            point = _scored(s.id, p, number, nearest, err)
            if not ok:
                misses.append(point)
                for other in others:
                    if _other_toll(p, number, nearest, other):
                        point.note = other.get("name", "another toll")
                        result.other_toll.append(point)
                        break
    misses.sort(key=lambda x: (-(x.error or 0), x.date, x.article_id, x.start))
    result.worst = misses[:WORST]
    if spec.get("credited_to"):
        result.credited, result.credited_of = _credited(spec, series, keep)
    words = spec.get("not_in_series") or []
    kinds = set(spec.get("series_kinds") or [])
    if words or kinds:
        for s in series:
            if s.kind not in kinds:
                continue
            for p in s.points:
                why = not_a_count(p, words) if keep(p.article_id) else None
                if why:
                    result.not_counts.append(_scored(s.id, p, _number(p) or 0.0, None, None,
                                                     why))
    return result


def _other_toll(p: SeriesPoint, number: float, truth: float, other: dict[str, Any]) -> bool:
    """A point that is another quantity's value: inside its range while the truth that day is
    more than twice the range's top (it cannot be a late report of this one), or inside its
    range with one of its words near the point's words ("killed in the north of State B")."""
    low, high = float(other["low"]), float(other["high"])
    if not low <= number <= high:
        return False
    if truth > 2 * high:
        return True
    sentence = p.sentence or p.quote
    at = sentence.find(p.quote)
    near = sentence[max(0, at - 30):at + len(p.quote) + 30] if at >= 0 else p.quote
    text = f" {near.lower()} "
    return any(re.search(rf"\b{re.escape(w.lower())}\b", text) for w in other.get("words") or [])


def _credited(spec: dict[str, Any], series: list[FigureSeries],
              keep: Callable[[str], bool]) -> tuple[int, int]:
    """Of the points whose source names the credited source (as written, by
    `source_pattern`, or as resolved), how many are resolved to it. A series' restated points
    (lower bounds a tighter point of the day makes redundant) are its source's figures too."""
    name = str(spec["credited_to"]).lower()
    pattern = re.compile(spec.get("source_pattern") or re.escape(name), re.I)
    kinds = set(spec.get("credited_kinds") or [spec["series"].get("kind")])
    credited = total = 0
    for s in series:
        if s.kind not in kinds:
            continue
        for p in [*s.points, *getattr(s, "restated", [])]:
            if not keep(p.article_id):
                continue
            resolved = (p.source_actor or "").lower() == name
            if resolved or (p.source and pattern.search(p.source)):
                total += 1
                credited += resolved
    return credited, total


def _label(s: FigureSeries) -> str:
    parts = [s.kind, s.subject or "", getattr(s, "place", None) or "",
             getattr(s, "scope", None) or ""]
    return " · ".join(x for x in parts if x) + f" ({len(s.points)})"


def _days_needed(spec: dict[str, Any], series: list[FigureSeries]) -> set[str]:
    """The days (with the lag either side) of the points an entry will score."""
    lag = int(spec.get("lag_days", 0))
    out: set[str] = set()
    for s in series:
        if not series_matches(s, spec.get("series") or {}):
            continue
        for p in s.points:
            d = _day(p.date)
            if d is not None:
                out.update((d + timedelta(days=k)).isoformat() for k in range(-lag, lag + 1))
    return out


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


def score_figure_truth(
    series: Iterable[FigureSeries],
    articles: Any = None,
    truth_dir: str | Path = "../shared/data/truth",
    config: str | Path | None = None,
    split: str | None = None,
) -> FigureTruth:
    """Score the story's figure series against the truth files of `data/figure_truth.yaml`.

    `articles` (the story's `Articles`) is accepted for the callers' symmetry and not needed:
    points carry their article id, offsets and quote. `split` "dev" or "heldout" scores only
    the points of that half of the articles (see `article_split`), None all of them. Raises ValueError naming the file when a truth
    file is missing or unreadable.
    """
    cfg = load_truth_config(config)
    share = float((cfg.get("split") or {}).get("heldout_share", 0.2))
    truth_dir = Path(truth_dir)
    series = list(series)

    def keep(article_id: str) -> bool:
        return split is None or article_split(article_id, share) == split

    out = FigureTruth(split=split, bars={str(spec["name"]): dict(spec.get("bars") or {})
                                         for spec in cfg["truths"]})
    for spec in cfg["truths"]:
        path = truth_dir / spec["file"]
        if not path.is_file():
            raise ValueError(f"{path}: truth file not found (entry {spec.get('name')!r})")
        reader = spec.get("reader")
        if reader == "daily_json":
            truth = read_daily_json(path, spec)
        elif reader == "hostage_roster":
            events = truth_dir / spec["events"] if spec.get("events") else None
            truth = read_hostage_truth(path, events, spec, _days_needed(spec, series))
        else:
            raise ValueError(f"{CONFIG}: entry {spec.get('name')!r}: unknown reader {reader!r}")
        out.scores.append(score_entry(spec, series, truth, keep))
    return out


__all__ = ["FigureTruth", "ScoredPoint", "TruthScore", "article_split", "held_by_day",
           "read_daily_json", "read_roster", "score_figure_truth", "series_matches"]
