"""TIMEX3 type and value of a matched time expression, relative to an anchor date.

`normalise(pattern, text, anchor, tense)` reads the words of one expression (found by a named
pattern from `patterns.py`, or a spaCy DATE/TIME span re-read by `normalise_phrase`) and returns
its TIMEX3 type and value with the calendar interval it covers. The choices follow news usage:

- a weekday means the most recent such day before the anchor, the anchor itself when it is the
  anchor's weekday, and the next such day when the clause is in the future tense;
- a date without a year ("Oct. 7") is the most recent one on or before the anchor, unless the
  clause is in the future tense or the next one is much closer;
- "Thursday, October 26" takes the year, nearest the anchor, in which that date is a Thursday;
- "early/mid/late October", "earlier this month" keep the month's value and narrow the interval.

Without an anchor, relative expressions get underspecified values (`XXXX-WXX-4`, `XXXX-XX`) and
no interval; absolute ones still resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.temporal import patterns as P
from storyline.temporal.timex import (
    ABSOLUTE,
    RELATIVE,
    interval_of,
    month_end,
    week_value,
)

PAST, FUTURE, PRESENT = "past", "future", "present"


@dataclass(frozen=True)
class Norm:
    """A normalised expression: TIMEX3 type and value, its interval, the rule that made it."""

    type: str
    value: str
    earliest: date | None
    latest: date | None
    rule: str
    relative: bool  # whether the anchor date was needed


def _norm(type_: str, value: str, rule: str, relative: bool,
          interval: tuple[date, date] | None = None) -> Norm:
    got = interval if interval is not None else interval_of(value)
    early, late = got if got else (None, None)
    return Norm(type_, value, early, late, (RELATIVE if relative else ABSOLUTE) + rule, relative)


# ----------------------------------------------------------------------- word readers

_WORD = re.compile(r"[A-Za-z]+(?:'s)?|\d+(?:\.\d+)?|½")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _month_of(words: list[str]) -> int | None:
    for w in words:
        if w in P.MONTHS:
            return P.MONTHS[w]
    return None


def _weekday_of(words: list[str]) -> int | None:
    for w in words:
        key = w[:-1] if w.endswith("s") and w[:-1] in P.WEEKDAYS and len(w) > 4 else w
        if key in P.WEEKDAYS and len(key) > 3:
            return P.WEEKDAYS[key]
    return None


_YEAR_RE = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")
_DAY_RE = re.compile(r"(?<![\d:])([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])")


def _year_of(text: str) -> int | None:
    m = _YEAR_RE.search(text)
    return int(m[1]) if m else None


def _number(text: str) -> float | None:
    """The number a duration phrase counts ("three", "19", "twenty-four", "5 1/2", "a")."""
    m = re.search(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d)|½)?", text)
    if m:
        value = float(m[1])
        if m[2]:
            value += int(m[2]) / int(m[3])
        elif "½" in m[0]:
            value += 0.5
        return value
    total = 0.0
    found = False
    words = re.findall(r"[a-z]+", text.lower())
    counted = [w for w in words if w in P.NUMBERS and w not in ("a", "an")]
    for w in counted or words:
        if w in P.NUMBERS:
            n = P.NUMBERS[w]
            if w == "hundred" and total:
                total *= 100
            else:
                total += n
            found = True
    if "and a half" in text.lower() or "and-a-half" in text.lower():
        total += 0.5
    return total if found else None


def _mod_interval(start: date, end: date, words: list[str]) -> tuple[date, date]:
    """Narrow an interval by early/mid/late/end/beginning (a third each)."""
    span = (end - start).days + 1
    third = max(span // 3, 1)
    if "early" in words or "beginning" in words or "start" in words:
        return start, start + timedelta(days=third - 1)
    if "late" in words or "end" in words:
        return end - timedelta(days=third - 1), end
    if "mid" in words or "middle" in words:
        return start + timedelta(days=third), end - timedelta(days=third)
    if "first" in words and "half" in words:
        return start, start + timedelta(days=span // 2 - 1)
    if "second" in words and "half" in words:
        return start + timedelta(days=span // 2), end
    return start, end


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


# ----------------------------------------------------------------------- calendar choices


def _weekday_date(anchor: date, weekday: int, tense: str | None, words: list[str]) -> date:
    delta = (anchor.weekday() - weekday) % 7
    if "next" in words or "coming" in words:
        ahead = (weekday - anchor.weekday()) % 7 or 7
        return anchor + timedelta(days=ahead)
    if "last" in words or "past" in words:
        return anchor - timedelta(days=delta or 7)
    if "this" in words:
        # the day of the anchor's own week
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=weekday)
    if delta == 0:
        return anchor
    if tense == FUTURE:
        return anchor + timedelta(days=7 - delta)
    return anchor - timedelta(days=delta)


def _month_day_date(anchor: date, month: int, day: int, tense: str | None) -> date | None:
    def make(year: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:
            return None

    this = make(anchor.year)
    if this is None:  # Feb 29 in a non-leap anchor year
        for dy in (-1, 1, -2, 2, -3, 3):
            if (d := make(anchor.year + dy)) is not None:
                return d
        return None
    past = this if this <= anchor else make(anchor.year - 1)
    future = this if this >= anchor else make(anchor.year + 1)
    if past is None or future is None:
        return past or future
    if tense == FUTURE:
        return future
    if tense == PAST:
        return past
    # no clear tense: the past, unless the next one is much closer
    if (future - anchor).days * 4 < (anchor - past).days:
        return future
    return past


def _month_year(anchor: date, month: int, tense: str | None) -> int:
    if month == anchor.month:
        return anchor.year
    back = (anchor.month - month) % 12
    ahead = 12 - back
    if tense == FUTURE:
        return anchor.year + (1 if month < anchor.month else 0)
    if tense == PAST or ahead * 4 >= back:
        return anchor.year - (1 if month > anchor.month else 0)
    return anchor.year + (1 if month < anchor.month else 0)


_WEEKDAY_SLIP_NEAR = 45  # days: a date this close to the writing keeps its year...
_WEEKDAY_SLIP_FAR = 300  # ...against a weekday that would put it this far away


def weekday_date_years(month: int, day: int, weekday: int, near: int, spread: int = 6) -> list[int]:
    """Years, nearest `near` first, in which month/day falls on `weekday` (0 = Monday)."""
    out = []
    for dy in sorted(range(-spread, spread + 1), key=lambda d: (abs(d), d)):
        try:
            if date(near + dy, month, day).weekday() == weekday:
                out.append(near + dy)
        except ValueError:
            continue
    return out


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, month_end(year, month).day))


def _quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


# ----------------------------------------------------------------------- the rules


def normalise(name: str, text: str, anchor: date | None, tense: str | None = None) -> Norm | None:
    """TIMEX3 reading of `text`, matched by the pattern `name`; None when it is not one."""
    fn = _RULES.get(name)
    if fn is None:
        return None
    try:
        return fn(text, _words(text), anchor, tense)
    except (ValueError, OverflowError):  # impossible dates ("Feb. 30"), absurd offsets
        return None


def normalise_phrase(text: str, anchor: date | None, tense: str | None = None) -> Norm | None:
    """Read a whole phrase (a spaCy DATE/TIME span): the first pattern matching all of it."""
    stripped = text.strip()
    for name, pattern in P.PATTERNS:
        if pattern.fullmatch(stripped):
            got = normalise(name, stripped, anchor, tense)
            if got is not None:
                return got
    return None


def _clock(text: str) -> str | None:
    """HH:MM of a clock expression ("5 p.m." → 17:00, "noon" → 12:00)."""
    low = text.lower()
    if "noon" in low:
        return "12:00"
    if "midnight" in low:
        return "24:00"
    m = re.search(r"(\d{1,2})(?::(\d\d))?\s*(a\.?m\.?|p\.?m\.?)?", low)
    if not m:
        return None
    hour, minute = int(m[1]), int(m[2] or 0)
    if m[3] and m[3].startswith("p") and hour < 12:
        hour += 12
    if m[3] and m[3].startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _r_clock_date(text, words, anchor, tense):
    clock = _clock(text)
    m = re.search(P.CLOCK + r",?\s+(?:on\s+)?", text)
    rest = text[m.end():] if m else text
    day = None
    for name in ("date_full", "weekday", "dayrel"):
        if P.BY_NAME[name].fullmatch(rest):
            day = normalise(name, rest, anchor, tense)
            break
    if clock is None or day is None:
        return None
    base = day.value.split("T")[0]
    if base.startswith("X") or len(base) != 10:
        return _norm("TIME", f"{base}T{clock}", "clock+date", day.relative, None)
    return _norm("TIME", f"{base}T{clock}", "clock+date", day.relative,
                 (day.earliest, day.latest) if day.earliest else None)


def _r_clock(text, words, anchor, tense):
    clock = _clock(text)
    if clock is None:
        return None
    if anchor is None:
        return Norm("TIME", f"XXXX-XX-XXT{clock}", None, None, RELATIVE + "clock", True)
    return _norm("TIME", f"{anchor.isoformat()}T{clock}", "clock", True, (anchor, anchor))


def _r_date_full(text, words, anchor, tense):
    month = _month_of(words)
    weekday = _weekday_of(words)
    m = re.search(P.MON + r"\s+" + r"([12]\d|3[01]|0?[1-9])", text)
    if month is None or not m:
        return None
    day = int(m[1])
    year = _year_of(text[m.end():])
    if year is not None:
        d = date(year, month, day)
        return _norm("DATE", d.isoformat(), "date", False)
    return _year_inferred(month, day, weekday, words, anchor, tense)


def _year_inferred(month, day, weekday, words, anchor, tense):
    if anchor is None:
        date(2000, month, day)  # raises on impossible dates
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}", None, None, RELATIVE + "date-noyear",
                    True)
    if weekday is not None:
        years = weekday_date_years(month, day, weekday, anchor.year, spread=3)
        if years:
            # nearest the anchor in days, the past first on ties
            d = min((date(y, month, day) for y in years),
                    key=lambda d: (abs((d - anchor).days), d > anchor))
            plain = _month_day_date(anchor, month, day, tense)
            # a date weeks from the writing with a weekday a day off ("Monday 24 October" of
            # a Tuesday) is a slip of the weekday, not a date a year or more away
            if plain is None or abs((plain - anchor).days) > _WEEKDAY_SLIP_NEAR or \
                    abs((d - anchor).days) < _WEEKDAY_SLIP_FAR:
                return _norm("DATE", d.isoformat(), "date-weekday-year", True)
            return _norm("DATE", plain.isoformat(), "date-weekday-slip", True)
    d = _month_day_date(anchor, month, day, tense)
    if d is None:
        return None
    return _norm("DATE", d.isoformat(), "date-noyear", True)


def _r_date_dmy(text, words, anchor, tense):
    month = _month_of(words)
    m = _DAY_RE.search(text)
    if month is None or not m:
        return None
    day = int(m[1])
    year = _year_of(text[m.end():])
    if year is not None:
        return _norm("DATE", date(year, month, day).isoformat(), "date", False)
    return _year_inferred(month, day, _weekday_of(words), words, anchor, tense)


def _r_date_iso(text, words, anchor, tense):
    d = date.fromisoformat(text[:10])
    if "T" in text:
        return _norm("TIME", text[:16], "iso", False, (d, d))
    return _norm("DATE", d.isoformat(), "iso", False)


def _r_date_slash(text, words, anchor, tense):
    mo, dd, yy = (int(x) for x in text.split("/"))
    if yy < 100:
        yy += 2000 if yy < 50 else 1900
    return _norm("DATE", date(yy, mo, dd).isoformat(), "date-slash", False)


def _month_value(year: int, month: int, words: list[str], rule: str, relative: bool) -> Norm:
    start, end = date(year, month, 1), month_end(year, month)
    interval = _mod_interval(start, end, words)
    return _norm("DATE", f"{year}-{month:02d}", rule, relative, interval)


def _r_month_year(text, words, anchor, tense):
    month, year = _month_of(words), _year_of(text)
    if month is None or year is None:
        return None
    return _month_value(year, month, words, "month-year", False)


def _r_month_rel(text, words, anchor, tense):
    month = _month_of(words)
    if month is None:
        return None
    offset = -1 if "last" in words else 1 if "next" in words else 0
    if anchor is None:
        return Norm("DATE", f"XXXX-{month:02d}", None, None, RELATIVE + "month-rel", True)
    return _month_value(anchor.year + offset, month, words, "month-rel", True)


def _r_rel_month(text, words, anchor, tense):
    month = _month_of(words)
    if month is None:
        return None
    if anchor is None:
        return Norm("DATE", f"XXXX-{month:02d}", None, None, RELATIVE + "rel-month", True)
    if "last" in words or "past" in words:
        year = anchor.year - (1 if month >= anchor.month else 0)
    elif "next" in words or "coming" in words:
        year = anchor.year + (1 if month <= anchor.month else 0)
    else:
        year = anchor.year
    return _month_value(year, month, words, "rel-month", True)


def _r_month(text, words, anchor, tense):
    month = _month_of(words)
    if month is None:
        return None
    if anchor is None:
        return Norm("DATE", f"XXXX-{month:02d}", None, None, RELATIVE + "month", True)
    year = _month_year(anchor, month, tense)
    return _month_value(year, month, words, "month", True)


def _r_weekday(text, words, anchor, tense):
    weekday = _weekday_of(words)
    if weekday is None:
        return None
    pod = next((P.PARTS_OF_DAY[w] for w in words if w in P.PARTS_OF_DAY), None)
    if anchor is None:
        value = f"XXXX-WXX-{weekday + 1}" + (f"T{pod}" if pod else "")
        return Norm("TIME" if pod else "DATE", value, None, None, RELATIVE + "weekday", True)
    d = _weekday_date(anchor, weekday, tense, words)
    if pod:
        return _norm("TIME", f"{d.isoformat()}T{pod}", "weekday-pod", True, (d, d))
    return _norm("DATE", d.isoformat(), "weekday", True)


def _r_weekday_set(text, words, anchor, tense):
    weekday = _weekday_of(words)
    if weekday is None:
        return None
    return Norm("SET", f"XXXX-WXX-{weekday + 1}", None, None, ABSOLUTE + "weekday-set", False)


def _r_dayrel(text, words, anchor, tense):
    if "day" in words and "before" in words:
        offset = -2
    elif "day" in words and "after" in words:
        offset = 2
    elif "yesterday" in words or ("last" in words and "night" in words):
        offset = -1
    elif "tomorrow" in words:
        offset = 1
    else:
        offset = 0
    pod = None
    if "tonight" in words or ("last" in words and "night" in words) or "overnight" in words:
        pod = "NI"
    for w in words:
        if w in ("morning", "afternoon", "evening", "night"):
            pod = P.PARTS_OF_DAY[w]
    if anchor is None:
        value = "XXXX-XX-XX" + (f"T{pod}" if pod else "")
        return Norm("TIME" if pod else "DATE", value, None, None, RELATIVE + "dayrel", True)
    d = anchor + timedelta(days=offset)
    if pod:
        return _norm("TIME", f"{d.isoformat()}T{pod}", "dayrel-pod", True, (d, d))
    return _norm("DATE", d.isoformat(), "dayrel", True)


def _r_this_pod(text, words, anchor, tense):
    pod = next((P.PARTS_OF_DAY[w] for w in words if w in P.PARTS_OF_DAY), None)
    if pod is None:
        for w in words:
            if w.endswith("afternoon"):
                pod = "AF"
            elif w.endswith("morning"):
                pod = "MO"
    if pod is None:
        return None
    if anchor is None:
        return Norm("TIME", f"XXXX-XX-XXT{pod}", None, None, RELATIVE + "pod", True)
    return _norm("TIME", f"{anchor.isoformat()}T{pod}", "pod", True, (anchor, anchor))


_UNIT_WORD = re.compile(r"(week|weekend|month|year|quarter|decade|century|spring|summer|fall"
                        r"|autumn|winter)\b", re.I)


def _offset(words: list[str]) -> int:
    if any(w in words for w in ("last", "past", "previous")):
        return -1
    if any(w in words for w in ("next", "coming", "following")):
        return 1
    return 0


def _unit_value(unit: str, anchor: date, offset: int) -> tuple[str, tuple[date, date] | None]:
    """Value and interval of the calendar unit `offset` units from the anchor's."""
    if unit == "week":
        d = anchor + timedelta(weeks=offset)
        return week_value(d), None
    if unit == "weekend":
        d = anchor + timedelta(weeks=offset)
        if offset == 0 and anchor.weekday() < 4:  # "the weekend" on a weekday: the one before
            d = anchor - timedelta(weeks=1)
        return week_value(d) + "-WE", None
    if unit == "month":
        d = _add_months(anchor, offset)
        return f"{d.year}-{d.month:02d}", None
    if unit == "quarter":
        index = anchor.year * 4 + _quarter_of(anchor) - 1 + offset
        return f"{index // 4}-Q{index % 4 + 1}", None
    if unit == "year":
        return str(anchor.year + offset), None
    if unit == "decade":
        return str(anchor.year // 10 + offset), None
    if unit == "century":
        return f"{anchor.year // 100 + offset:02d}", None
    return _season_value(P.SEASONS[unit], anchor, offset), None


_SEASON_ORDER = ["SP", "SU", "FA", "WI"]


def _season_index(day: date) -> int:
    """Running index of the season a day falls in (winter is named by the year it starts)."""
    if day.month in (1, 2):
        return (day.year - 1) * 4 + 3
    return day.year * 4 + {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3}[
        day.month]


def _season_value(season: str, anchor: date, offset: int) -> str:
    current = _season_index(anchor)
    target = _SEASON_ORDER.index(season)
    if offset < 0:  # the latest such season before the current one
        index = current - 1
        while index % 4 != target:
            index -= 1
    elif offset > 0:  # the first such season after the current one
        index = current + 1
        while index % 4 != target:
            index += 1
    else:  # this year's
        year = anchor.year - (1 if anchor.month in (1, 2) and season == "WI" else 0)
        index = year * 4 + target
    return f"{index // 4}-{_SEASON_ORDER[index % 4]}"


def _r_unit_rel(text, words, anchor, tense):
    m = _UNIT_WORD.search(text.split()[-1])
    if not m:
        return None
    unit = m[1].lower()
    unit = "fall" if unit == "autumn" else unit
    offset = _offset(words)
    if anchor is None:
        under = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                 "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX"}
        value = under.get(unit, f"XXXX-{P.SEASONS.get(unit, 'XX')}")
        return Norm("DATE", value, None, None, RELATIVE + "unit-rel", True)
    value, interval = _unit_value(unit, anchor, offset)
    got = interval or interval_of(value)
    if got is None:
        return None
    start, end = got
    if "earlier" in words and offset == 0:
        if anchor <= start:
            # "earlier this month" written on the 1st: the part before today is the unit gone
            value, interval = _unit_value(unit, anchor, -1)
            start, end = interval or interval_of(value) or (start, end)
        else:
            end = min(end, anchor - timedelta(days=1))  # before the day of writing
    elif "later" in words and offset == 0:
        start = max(start, anchor)
    else:
        start, end = _mod_interval(start, end, words)
    return _norm("DATE", value, "unit-rel", True, (start, end))


def _r_the_unit(text, words, anchor, tense):
    if "weekend" in words:
        return _r_unit_rel("this weekend" if "this" in words else "weekend", words, anchor,
                           tense)
    unit = words[-1]
    fixed = ["end", *words] if "end" in words else words
    return _r_unit_rel(f"this {unit}", fixed, anchor, tense)


def _r_narrative(text, words, anchor, tense):
    """ "two days later", "the next day": `anchor` is the narrative's date the caller found
    (find_time_expressions), never the writing's."""
    if anchor is None:
        return None
    if words[0] == "the":
        unit = words[-1] if words[1] != "day" else "day"
        n, sign = 1, (-1 if words[1] in ("previous", "before") or words[-1] == "before" else 1)
    else:
        unit_word = next((w for w in words if w.rstrip("s") in P.UNITS or w in P.UNITS), None)
        if unit_word is None:
            return None
        unit = unit_word.rstrip("s") if unit_word.rstrip("s") in P.UNITS else unit_word
        n = 1 if words[0] in ("a", "an") else _number(text.split(unit_word)[0])
        sign = 1 if words[-1] == "later" else -1
    if n is None or n != int(n):
        return None
    if unit in ("morning", "afternoon", "evening", "night"):
        unit = "day"
    return _shifted(anchor, sign * int(n), unit, "narrative")


def _shifted(anchor: date, n: int, unit: str, rule: str) -> Norm | None:
    """The day, week, month or year `n` units from `anchor` (negative: before it)."""
    if unit in ("day", "night"):
        return _norm("DATE", (anchor + timedelta(days=n)).isoformat(), rule, True)
    if unit in ("week", "fortnight"):
        d = anchor + timedelta(weeks=n * (2 if unit == "fortnight" else 1))
        return _norm("DATE", week_value(d), rule, True)
    if unit == "month":
        d = _add_months(anchor, n)
        return _norm("DATE", f"{d.year}-{d.month:02d}", rule, True)
    if unit == "year":
        return _norm("DATE", str(anchor.year + n), rule, True)
    return None


def _r_ago(text, words, anchor, tense):
    unit_word = next((w for w in words if w.rstrip("s") in P.UNITS or w in P.UNITS
                      or w == "centuries"), None)
    if unit_word is None:
        return None
    unit = "century" if unit_word == "centuries" else unit_word.rstrip("s")
    n = _number(text.split(unit_word)[0] if unit_word in text else text)
    sign = 1 if any(w in words for w in ("later", "now", "hence")) else -1
    vague = n is None or any(w in words for w in ("several", "few", "many", "some"))
    if vague:
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, None,
                    RELATIVE + "ago-vague", True)
    if anchor is None:
        under = {"day": "XXXX-XX-XX", "night": "XXXX-XX-XX", "week": "XXXX-WXX",
                 "fortnight": "XXXX-WXX", "month": "XXXX-XX", "decade": "XXX"}
        return Norm("DATE", under.get(unit, "XXXX"), None, None, RELATIVE + "ago", True)
    n_int = int(round(n))
    if unit in ("day", "night", "week", "fortnight", "month", "year"):
        return _shifted(anchor, sign * n_int, unit, "ago")
    if unit == "decade":
        return _norm("DATE", str((anchor.year + sign * 10 * n_int) // 10), "ago", True)
    if unit in ("hour", "minute", "second"):
        return _norm("TIME", anchor.isoformat(), "ago-clock", True, (anchor, anchor))
    return None


def _r_set(text, words, anchor, tense):
    low = text.lower()
    adverbs = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
               "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D",
               "biweekly": "P2W", "semiannually": "P6M"}
    for word, value in adverbs.items():
        if low == word:
            return Norm("SET", value, None, None, ABSOLUTE + "set", False)
    unit = next((w.rstrip("s") for w in words if w.rstrip("s") in P.UNITS), None)
    if unit is None:
        if any(w in words for w in ("morning", "evening", "night")):
            pod = next(P.PARTS_OF_DAY[w] for w in words if w in ("morning", "evening", "night"))
            return Norm("SET", f"XXXX-XX-XXT{pod}", None, None,
                        ABSOLUTE + "set", False)
        return None
    letter, clock = P.UNITS[unit]
    n = 1.0
    if "every" in words or "each" in words or "per" in words:
        got = _number(low.split("every")[-1].split("each")[-1].split(unit)[0])
        n = got if got is not None else 1.0
    if "other" in words:
        n = 2.0
    if letter == "WE":
        return Norm("SET", "XXXX-WXX-WE", None, None, ABSOLUTE + "set", False)
    value = ("PT" if clock else "P") + _fmt_num(n) + letter
    return Norm("SET", value, None, None, ABSOLUTE + "set", False)


def _r_quarter(text, words, anchor, tense):
    q = next((P.ORDINALS[w] for w in words if w in P.ORDINALS), None)
    if q is None:
        m = re.search(r"(first|second|third|fourth|1st|2nd|3rd|4th)", text.lower())
        q = P.ORDINALS[m[1]] if m else None
    if q is None or q > 4:
        return None
    year = _year_of(text)
    if year is not None:
        return _norm("DATE", f"{year}-Q{q}", "quarter", False)
    if anchor is None:
        return Norm("DATE", f"XXXX-Q{q}", None, None, RELATIVE + "quarter", True)
    year = anchor.year + (-1 if "last" in words else 1 if "next" in words else 0)
    return _norm("DATE", f"{year}-Q{q}", "quarter", True)


def _r_quarter_rel(text, words, anchor, tense):
    if anchor is None:
        return Norm("DATE", "XXXX-QX", None, None, RELATIVE + "quarter-rel", True)
    current = anchor.year * 4 + _quarter_of(anchor) - 1
    if any(w in words for w in ("year-ago", "year-earlier")) or (
        "last" in words and "year's" in words
    ):
        index = current - 1 - 4
    elif "current" in words or "this" in words:
        index = current
    else:
        index = current - 1  # "the quarter" in news: the latest completed one
    return _norm("DATE", f"{index // 4}-Q{index % 4 + 1}", "quarter-rel", True)


def _r_half(text, words, anchor, tense):
    h = 1 if "first" in words else 2
    year = _year_of(text)
    if year is None:
        if anchor is None:
            return Norm("DATE", f"XXXX-H{h}", None, None, RELATIVE + "half", True)
        year = anchor.year + (-1 if "last" in words else 1 if "next" in words else 0)
        return _norm("DATE", f"{year}-H{h}", "half", True)
    return _norm("DATE", f"{year}-H{h}", "half", False)


def _r_season(text, words, anchor, tense):
    season = next((P.SEASONS[w] for w in words if w in P.SEASONS), None)
    if season is None:
        return None
    year = _year_of(text)
    if year is not None:
        got = interval_of(f"{year}-{season}")
        return _norm("DATE", f"{year}-{season}", "season", False,
                     _mod_interval(*got, words) if got else None)
    if anchor is None:
        return Norm("DATE", f"XXXX-{season}", None, None, RELATIVE + "season", True)
    value = _season_value(season, anchor, _offset(words))
    got = interval_of(value)
    return _norm("DATE", value, "season", True, _mod_interval(*got, words) if got else None)


def _r_decade(text, words, anchor, tense):
    m = re.search(r"((?:1[6-9]|20)\d)0'?s", text)
    if m:
        value = m[1]
        got = interval_of(value)
        return _norm("DATE", value, "decade", False, _mod_interval(*got, words) if got else None)
    m = re.search(r"'(\d)0s", text)
    if not m:
        return None
    if anchor is None:
        return Norm("DATE", f"XX{m[1]}", None, None, RELATIVE + "decade", True)
    century = anchor.year // 100
    decade = century * 10 + int(m[1])
    if decade * 10 > anchor.year:
        decade -= 100
    return _norm("DATE", str(decade), "decade", True)


def _r_decade_word(text, words, anchor, tense):
    names = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
             "seventies": 7, "eighties": 8, "nineties": 9}
    digit = next((names[w] for w in words if w in names), None)
    if digit is None:
        return None
    base = (anchor.year // 100) if anchor else 19
    decade = base * 10 + digit
    if anchor and decade * 10 > anchor.year:
        decade -= 10 * 10
    return _norm("DATE", str(decade), "decade", anchor is not None)


def _r_century(text, words, anchor, tense):
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)", text)
    if m:
        n = int(m[1])
    else:
        word = next((w for w in re.findall(r"[a-z]+(?:-[a-z]+)?", text.lower())
                     if w in P.ORDINALS), None)
        if word is None:
            return None
        n = P.ORDINALS[word]
    return _norm("DATE", f"{n - 1:02d}", "century", False)


def _r_year_mod(text, words, anchor, tense):
    year = _year_of(text)
    if year is None:
        return None
    low = text.lower()
    for name, code in P.SEASONS.items():
        if name in low:
            return _norm("DATE", f"{year}-{code}", "season", False)
    got = interval_of(str(year))
    interval = _mod_interval(*got, words) if got else None
    return _norm("DATE", str(year), "year", False, interval)


def _r_year(text, words, anchor, tense):
    return _norm("DATE", text.strip()[:4], "year", False)


def _r_duration(text, words, anchor, tense):
    low = text.lower()
    unit_word = next((w for w in reversed(words) if w.rstrip("s") in P.UNITS
                      or w == "centuries"), None)
    if unit_word is None:
        return None
    unit = "century" if unit_word == "centuries" else unit_word.rstrip("s")
    head = low.rsplit(unit_word, 1)[0]
    if unit == "second" and re.search(r"\b(a|an)\s*$", head):
        return None  # "a second round": ordinal, not a duration
    n = _number(head)
    if n is None:
        return None
    letter, clock = P.UNITS[unit]
    if letter == "WE":
        return Norm("DURATION", f"P{_fmt_num(n * 2)}D", None, None, ABSOLUTE + "duration", False)
    if unit == "fortnight":
        n *= 2
    if letter in ("DE", "CE", "ML"):
        n *= {"DE": 10, "CE": 100, "ML": 1000}[letter]
        letter = "Y"
    if n != int(n):  # "5 1/2 hours" → PT5H30M; "1.5 years" → P18M
        if clock and letter == "H":
            value = f"PT{int(n)}H{int(round((n - int(n)) * 60))}M"
            return Norm("DURATION", value, None, None, ABSOLUTE + "duration", False)
        if letter == "Y":
            letter, n = "M", n * 12
        elif letter == "D":
            letter, n = "H", n * 24
            clock = True
    value = ("PT" if clock else "P") + _fmt_num(n) + letter
    return Norm("DURATION", value, None, None, ABSOLUTE + "duration", False)


def _r_vague_duration(text, words, anchor, tense):
    unit_word = next((w for w in reversed(words) if w.rstrip("s") in P.UNITS
                      or w == "centuries"), None)
    if unit_word is None:
        return None
    unit = "century" if unit_word == "centuries" else unit_word.rstrip("s")
    letter, clock = P.UNITS[unit]
    if letter in ("DE", "CE", "ML", "WE"):
        letter = {"DE": "DE", "CE": "CE", "ML": "ML", "WE": "D"}[letter]
    if words[0] in ("recent", "past"):  # "recent years", "past decades": the past
        return Norm("DATE", "PAST_REF", None, None, RELATIVE + "ref", True)
    return Norm("DURATION", ("PT" if clock else "P") + "X" + letter, None, None,
                ABSOLUTE + "duration-vague", False)


_SPOKEN = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
           "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
           "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
           "ninety": 90, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9}


def _r_spoken_year(text, words, anchor, tense):
    """Years as broadcast transcripts spell them: "nineteen ninety-six", "two thousand"."""
    parts = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in ("the", "year", "and")]
    if parts[:2] == ["two", "thousand"]:
        year = 2000 + sum(_SPOKEN.get(w, 0) for w in parts[2:])
    else:
        year = _SPOKEN[parts[0]] * 100 + sum(_SPOKEN.get(w, 0) for w in parts[1:])
    return _norm("DATE", str(year), "year-spoken", False)


def _r_bare_units(text, words, anchor, tense):
    return _r_vague_duration(text, words, anchor, tense)


def _r_refs(text, words, anchor, tense):
    low = " ".join(words)
    if low in ("the past", "recently", "recent", "lately", "previously", "formerly"):
        return Norm("DATE", "PAST_REF", None, None, RELATIVE + "ref", True)
    if low in ("the future", "future", "soon", "shortly", "the near future"):
        return Norm("DATE", "FUTURE_REF", None, None, RELATIVE + "ref", True)
    if anchor is None:
        return Norm("DATE", "PRESENT_REF", None, None, RELATIVE + "ref", True)
    return _norm("DATE", "PRESENT_REF", "ref", True, (anchor, anchor))


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    shift = (weekday - first.weekday()) % 7
    if n > 0:
        return first + timedelta(days=shift + 7 * (n - 1))
    last = month_end(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _r_holiday(text, words, anchor, tense):
    low = text.lower()

    def on(year: int) -> date:
        if "christmas eve" in low:
            return date(year, 12, 24)
        if "christmas" in low:
            return date(year, 12, 25)
        if "new year's eve" in low:
            return date(year, 12, 31)
        if "new year" in low:
            return date(year, 1, 1)
        if "thanksgiving" in low:
            return _nth_weekday(year, 11, 3, 4)
        if "halloween" in low:
            return date(year, 10, 31)
        if "valentine" in low:
            return date(year, 2, 14)
        if "independence" in low:
            return date(year, 7, 4)
        if "labor" in low:
            return _nth_weekday(year, 9, 0, 1)
        return _nth_weekday(year, 5, 0, -1)  # Memorial Day

    if anchor is None:
        d = on(2000)
        return Norm("DATE", f"XXXX-{d.month:02d}-{d.day:02d}", None, None,
                    RELATIVE + "holiday", True)
    this = on(anchor.year)
    if tense == FUTURE and this < anchor:
        this = on(anchor.year + 1)
    elif tense != FUTURE and this > anchor + timedelta(days=60):
        this = on(anchor.year - 1)
    return _norm("DATE", this.isoformat(), "holiday", True)


_RULES = {
    "clock_date": _r_clock_date,
    "date_full": _r_date_full,
    "date_dmy": _r_date_dmy,
    "date_iso": _r_date_iso,
    "date_slash": _r_date_slash,
    "month_year": _r_month_year,
    "month_rel": _r_month_rel,
    "rel_month": _r_rel_month,
    "month": _r_month,
    "weekday": _r_weekday,
    "weekday_set": _r_weekday_set,
    "dayrel": _r_dayrel,
    "this_pod": _r_this_pod,
    "clock": _r_clock,
    "unit_rel": _r_unit_rel,
    "unit_this": _r_unit_rel,
    "the_unit": _r_the_unit,
    "ago": _r_ago,
    "narrative": _r_narrative,
    "set": _r_set,
    "quarter": _r_quarter,
    "quarter_rel": _r_quarter_rel,
    "half": _r_half,
    "season": _r_season,
    "decade": _r_decade,
    "decade_word": _r_decade_word,
    "century": _r_century,
    "year_mod": _r_year_mod,
    "year": _r_year,
    "duration": _r_duration,
    "vague_duration": _r_vague_duration,
    "refs": _r_refs,
    "spoken_year": _r_spoken_year,
    "bare_units": _r_bare_units,
    "holiday": _r_holiday,
}
