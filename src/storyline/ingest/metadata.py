"""Metadata as the source states it: publication dates, outlets named by URL, bylines.

Every function here reads what is written and never guesses: a date without a day, month and year,
a relative date ("yesterday", "Friday"), or an all-numeric date whose day and month could be
swapped ("03/04/2024") gives None. Estimating an unstated date is the temporal stage's job.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

# ------------------------------------------------------------------------------------ dates

# Labels that precede a date in page furniture and exports ("Published: 24 October 2023").
_DATE_LABEL = re.compile(
    r"^(?:(?:first|last|originally)\s+)?(?:published|updated|posted|modified|date[ds]?|pubdate|"
    r"publication\s+date|load-date|issued)\b\s*(?:on|at)?\s*[:\-\u2013\u2014|]?\s*",
    re.IGNORECASE,
)
_ISO = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:[.,]\d+)?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T,]+(\d{1,2})[:.](\d{2})\b.*)?$")
_HAS_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?\s?m\b\.?", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    # absolute dates only: no "2 days ago", no epoch numbers read as dates
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
}
MAX_DATE_CHARS = 100  # a stated date is a short field or line, not a sentence


def _format(day: date, hour: int | None = None, minute: int | None = None, tz: str = "") -> str:
    if hour is None or minute is None:
        return day.isoformat()
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}{tz}"


def _offset(tz: str | None) -> str:
    if not tz:
        return ""
    if tz.upper() in ("Z", "UTC", "GMT"):
        return "+00:00"
    sign, digits = tz[0], tz[1:].replace(":", "")
    return f"{sign}{digits[:2]}:{digits[2:]}"


def _plausible(day: date) -> bool:
    return 1900 <= day.year <= 2100


def parse_stated_date(text: str) -> str | None:
    """The ISO date (or date and time to the minute) that `text` states, else None.

    "2023-10-24 01:49" → "2023-10-24T01:49"; "December 1, 2023 Friday" → "2023-12-01";
    "2023-10-07T13:09:32+00:00" → "2023-10-07T13:09+00:00" (a stated offset is kept).
    """
    if not text:
        return None
    value = " ".join(str(text).split())
    if not value or len(value) > MAX_DATE_CHARS:
        return None
    value = _DATE_LABEL.sub("", value).strip()
    iso = _ISO.match(value)
    if iso:
        try:
            day = date.fromisoformat(iso.group(1))
        except ValueError:
            return None
        if not _plausible(day):
            return None
        if iso.group(2) is None:
            return day.isoformat()
        hour, minute = int(iso.group(2)), int(iso.group(3))
        if hour > 23 or minute > 59:
            return None
        return _format(day, hour, minute, _offset(iso.group(4)))
    numeric = _NUMERIC.match(value)
    if numeric:
        return _numeric_date(numeric)
    if not _YEAR.search(value):  # REQUIRE_PARTS alone lets dateparser fill in the current year
        return None
    import dateparser  # slow to import; only free-form dates need it

    try:
        parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError):
        return None
    if parsed is None or not _plausible(parsed.date()):
        return None
    if _HAS_TIME.search(value):
        return _format(parsed.date(), parsed.hour, parsed.minute)
    return parsed.date().isoformat()


def _numeric_date(match: re.Match[str]) -> str | None:
    """d/m/yyyy or m/d/yyyy: only when the order is certain (one part above 12, or both equal)."""
    first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if first > 12 >= second:
        day_, month = first, second
    elif second > 12 >= first:
        day_, month = second, first
    elif first == second:
        day_, month = first, second
    else:
        return None  # 03/04/2024: 3 April or March 4; never guess
    try:
        day = date(year, month, day_)
    except ValueError:
        return None
    if not _plausible(day):
        return None
    if match.group(4) is not None:
        hour, minute = int(match.group(4)), int(match.group(5))
        if hour <= 23 and minute <= 59:
            return _format(day, hour, minute)
    return day.isoformat()


def date_from_timestamp(value: float) -> str | None:
    """A Unix timestamp (seconds, or milliseconds when larger) as an ISO UTC datetime."""
    seconds = value / 1000 if value > 1e11 else value
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not _plausible(moment.date()):
        return None
    return _format(moment.date(), moment.hour, moment.minute, "+00:00")


# ---------------------------------------------------------------------------------- outlets


@dataclass(eq=False)  # hashed by identity: one table per profile keys the "told" pattern cache
class Outlets:
    """A story profile's outlets by web domain, with the base's second-level domain suffixes."""

    by_domain: dict[str, str]
    suffixes: frozenset[str]

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> Outlets:
        """From a profile's merged outlets.yaml (`outlets:` and `second_level_suffixes:`)."""
        return cls({str(k).lower().strip("."): str(v) for k, v in (raw.get("outlets") or {}).items()},
                   frozenset(str(s).lower() for s in raw.get("second_level_suffixes") or []))

    @functools.cached_property
    def names(self) -> frozenset[str]:
        return frozenset(name.lower() for name in self.by_domain.values())


def outlets_of(profile: Any) -> Outlets:
    """The outlet table of a story profile (`storyline.profiles.Profile`)."""
    return Outlets.from_data(profile.merged("outlets"))


@cache
def default_outlets() -> Outlets:
    # the default story profile's outlets over the base's domain suffixes (no spaCy import)
    from storyline.profiles import packaged_profile

    return outlets_of(packaged_profile())


def known_outlet_names(outlets: Outlets | None = None) -> frozenset[str]:
    """Every outlet name of the profile's outlets.yaml, lower-cased (to tell an outlet from a
    person); `outlets` None: the default profile's."""
    return (outlets or default_outlets()).names


def _host(url: str) -> str | None:
    url = url.strip()
    if not url:
        return None
    if "://" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return None
    return host.lower().rstrip(".")


def registered_domain(host: str, outlets: Outlets | None = None) -> str:
    """news.example.co.uk → example.co.uk; www.example.com → example.com."""
    suffixes = (outlets or default_outlets()).suffixes
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and ".".join(labels[-2:]) in suffixes else 2
    return ".".join(labels[-keep:])


def outlet_from_url(url: str, outlets: Outlets | None = None) -> str | None:
    """The outlet a URL belongs to: a name from the profile's outlets.yaml (`outlets` None: the
    default profile's), else its registered domain."""
    if not url:
        return None
    host = _host(url)
    if host is None:
        return None
    table = outlets or default_outlets()
    labels = host.split(".")
    for i in range(len(labels) - 1):  # the host itself, then each parent domain
        name = table.by_domain.get(".".join(labels[i:]))
        if name:
            return name
    return registered_domain(host, table)


# ---------------------------------------------------------------------------------- bylines

_BY_PREFIX = re.compile(
    r"^\s*(?:(?:words|reporting|written|story|text|report|analysis)\s+)?by[:\s]+", re.IGNORECASE
)
_SPLIT = re.compile(r"\s*(?:[,;|/&\u2022]|\band\b|\bwith\b)\s*", re.IGNORECASE)
_PLACE = re.compile(r"\s+(?:in|from|at)\s+[A-Z][\w.' -]*$")
_PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "da", "del", "der", "van", "von", "la", "le",
              "du", "dos", "das", "di", "ben", "bint", "y", "st", "st."}
# Byline parts that name a desk, not a person.
_NOT_PEOPLE = {"staff", "staff writer", "staff writers", "agencies", "wires", "wire services",
               "news desk", "newsdesk", "editors", "editorial board", "the editorial board",
               "correspondents", "our correspondent", "our correspondents", "news agencies"}


def _is_name(part: str) -> bool:
    words = part.replace("-", " ").split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in part):
        return False
    if "@" in part or "://" in part:
        return False
    capitalised = 0
    for word in words:
        bare = word.strip(".'\u2019()")
        if not bare:
            continue
        if bare[0].isupper():
            capitalised += 1
        elif bare.lower() not in _PARTICLES:
            return False  # "Middle East correspondent", "senior editor"
    return capitalised >= 1


def split_byline(text: str | None, outlets: Outlets | None = None) -> list[str]:
    """Authors named by a byline: "By Jane Doe and John Roe in Gaza" → ["Jane Doe", "John Roe"].

    Desks, agencies and job titles are left out; names keep their order, once each.
    """
    if not text:
        return []
    text = re.sub(r"[*_`#]+", "", str(text))
    text = " ".join(text.split())
    text = _BY_PREFIX.sub("", text)
    outlet_names = known_outlet_names(outlets)
    names: list[str] = []
    for part in _SPLIT.split(text):
        part = _BY_PREFIX.sub("", part).strip(" .:-\u2013\u2014\t")
        part = _PLACE.sub("", part).strip()
        if not part or part.lower() in _NOT_PEOPLE or part.lower() in outlet_names:
            continue
        if part.isupper() and len(part) <= 6:  # "AP", "AFP", "REUTERS" credits
            continue
        if _is_name(part) and part not in names:
            names.append(part)
    return names


@cache
def _told_outlets(outlets: Outlets) -> tuple[re.Pattern[str], dict[str, str]]:
    """The "told <outlet>" pattern, and each outlet's name as written there (no "The ")."""
    names: dict[str, str] = {}
    for name in outlets.by_domain.values():
        names.setdefault(re.sub(r"^The ", "", name), name)
    if not names:
        return re.compile(r"(?!)"), names  # a profile with no outlets: nothing to infer
    alternatives = "|".join(re.escape(short) for short in sorted(names, key=len, reverse=True))
    pattern = re.compile(
        rf"\b(?:told|said to|speaking to|in an interview with)\s+(?:the\s+)?({alternatives})\b"
    )
    return pattern, names


def outlet_from_text(text: str, outlets: Outlets | None = None) -> tuple[str, str] | None:
    """(outlet, evidence) when a text that names no outlet otherwise names one a source "told".

    Wire and broadcast copy credits its own reporting that way ("told the Wire", "told Channel 9");
    two different outlets named so mean the text is quoting others, and nothing is inferred.
    """
    pattern, names = _told_outlets(outlets or default_outlets())
    found: dict[str, str] = {}
    for match in pattern.finditer(text):
        found.setdefault(names[match.group(1)], match.group(0))
    if len(found) != 1:
        return None
    return next(iter(found.items()))
