"""TIMEX3 values ↔ calendar intervals.

A TIMEX3 value names a calendar unit (`2023-10-26`, `2023-W43`, `2024-08`, `2024-Q1`, `199`,
`2023-SU`, `2023-10-23TNI`, `2023-10-23T14:30`); `interval_of` turns it into the first and last
day it covers. Values that are not anchored in time (`P10M`, `PRESENT_REF`, `XXXX-10-07`) have no
interval.

Rule names carry whether the value needed the anchor date: rules starting with `abs.` read the
date off the text alone (an "explicit" date in the sense of `DateAttachment.basis`), rules
starting with `rel.` resolved the expression against the anchor.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

ABSOLUTE = "abs."
RELATIVE = "rel."

# Seasons as TimeML writes them, with the months they cover (northern hemisphere; winter is
# taken as December of the value's year through February of the next).
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
PARTS_OF_DAY = ("MO", "AF", "EV", "NI", "DT")

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def is_absolute(rule: str) -> bool:
    """Whether a value came from the text alone (no anchor needed)."""
    return rule.startswith(ABSOLUTE)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def week_start(year: int, week: int) -> date:
    """Monday of ISO week `week` of ISO year `year`."""
    return date.fromisocalendar(year, week, 1)


def week_value(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), month_end(end_year, end_month)


def interval_of(value: str) -> tuple[date, date] | None:
    """First and last day of the calendar unit a TIMEX3 value names, or None when it names
    none (durations, sets, PRESENT_REF, underspecified `XXXX-…` values)."""
    if not value or value[0] in "PX" or "X" in value[:4] or value.endswith("_REF"):
        return None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), month_end(y, mo)
        if m := _WEEK.match(value):
            start = week_start(int(m[1]), int(m[2]))
            if value.endswith("-WE"):
                return start + timedelta(days=5), start + timedelta(days=6)
            return start, start + timedelta(days=6)
        if m := _QUARTER.match(value):
            q = int(m[2])
            return _months(int(m[1]), 3 * q - 2, 3 * q)
        if m := _HALF.match(value):
            h = int(m[2])
            return _months(int(m[1]), 6 * h - 5, 6 * h)
        if m := _SEASON.match(value):
            first, last = SEASONS[m[2]]
            return _months(int(m[1]), first, last)
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return date(y, 1, 1), date(y + 9, 12, 31)
        if m := _CENTURY.match(value):
            y = int(m[1]) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
    except ValueError:  # impossible dates such as 2023-02-30 or week 54
        return None
    return None


def iso_interval(value: str) -> tuple[str | None, str | None]:
    """`interval_of` as ISO strings (None, None when the value names no interval)."""
    got = interval_of(value)
    if got is None:
        return None, None
    return got[0].isoformat(), got[1].isoformat()
