"""Numbers as newspapers write them: digits, words, scales, ranges, vague amounts, qualifiers.

Pure functions over plain text, no parse needed:

- `parse_number("2.3 million")` → 2300000.0; "1,400", "twenty-five", "one hundred and twenty",
  "a dozen", "$3.5bn" all parse;
- `vague_range("tens of thousands")` → (20000, 99999): the bounds a vague amount asserts;
- `find_quantities(text)` finds every number phrase with its qualifier ("some 1,400" is
  approximately, "more than 200" more_than, "has passed 53,000" more_than, "edging closer to
  40,000" nearly), ranges ("between 100 and 150", "100-150"), currency and percent units, and the
  word hyphenated onto it ("19-month-old", "2 million-strong") so that callers can drop ages and
  durations.

Dates, times and ordinals are the caller's business (the parse and the time expressions know
them); this module only refuses digits glued to ':' or '/' ("10:30", "10/18/2023") and ordinal
suffixes ("7th").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
                "b": 1_000_000_000, "tn": 1_000_000_000_000}

# Vague amounts: the plural noun read as the range it asserts ("hundreds" = at least two hundred,
# fewer than a thousand). Bounds are conventional, kept wide on purpose.
VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999), "a dozen": (12, 12), "several dozen": (24, 99),
    "a few dozen": (24, 60), "several hundred": (200, 999), "a few hundred": (200, 500),
    "several thousand": (2_000, 9_999), "a few thousand": (2_000, 5_000),
}

# Words before a number that qualify it. Longest first matters: "well over" before "over".
QUALIFIERS: list[tuple[str, str]] = [
    (r"more\s+than", "more_than"), (r"well\s+over", "more_than"), (r"just\s+over", "more_than"),
    (r"over", "more_than"), (r"above", "more_than"), (r"upwards\s+of", "more_than"),
    (r"in\s+excess\s+of", "more_than"), (r"exceeding", "more_than"),
    (r"(?:has\s+|have\s+|had\s+)?(?:passed|passes|surpassed|surpasses|exceeded|exceeds|topped|"
     r"tops|crossed|crosses)", "more_than"),
    (r"at\s+least", "at_least"), (r"a\s+minimum\s+of", "at_least"), (r"no\s+fewer\s+than",
                                                                      "at_least"),
    (r"no\s+less\s+than", "at_least"),
    (r"fewer\s+than", "fewer_than"), (r"less\s+than", "fewer_than"), (r"under", "fewer_than"),
    (r"below", "fewer_than"),
    (r"nearly", "nearly"), (r"almost", "nearly"), (r"close\s+to", "nearly"),
    (r"(?:edging|edged|edges|inching|inched|creeping|crept|moving)\s+(?:closer\s+)?(?:to(?:wards?)?)",
     "nearly"), (r"closer\s+to", "nearly"), (r"approaching", "nearly"), (r"nearing", "nearly"),
    (r"just\s+(?:short|shy)\s+of", "nearly"), (r"not\s+quite", "nearly"),
    (r"up\s+to", "up_to"), (r"as\s+many\s+as", "up_to"), (r"as\s+much\s+as", "up_to"),
    (r"a\s+maximum\s+of", "up_to"),
    (r"some", "approximately"), (r"about", "approximately"), (r"around", "approximately"),
    (r"roughly", "approximately"), (r"approximately", "approximately"),
    (r"an\s+estimated", "approximately"), (r"estimated", "approximately"),
    (r"nearly\s+about", "approximately"), (r"circa", "approximately"), (r"c\.", "approximately"),
    (r"an?\s+approximate", "approximately"), (r"in\s+the\s+region\s+of", "approximately"),
    (r"or\s+so", "approximately"),
]
_QUAL_RE = re.compile(
    r"(?:^|(?<=[\s(\"'“‘—–-]))(" + "|".join(f"(?:{p})" for p, _ in QUALIFIERS) + r")\s+$",
    re.IGNORECASE,
)
_QUAL_LOOKUP = [(re.compile(rf"^(?:{p})$", re.IGNORECASE), q) for p, q in QUALIFIERS]

_WORD_NUM = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen"], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|tn|m|k|b)\b)"
_CURRENCY_PRE = r"(?:US\$|\$|€|£|₪|USD\s?|EUR\s?|GBP\s?|NIS\s?)"
_CURRENCY_POST = r"(?:\s+(?:NDF\s+)?(?:dollars|euros|pounds|shekels))"
_PERCENT = r"(?:\s?%|\s+(?:percent|per\s+cent)\b)"
_WORDS = (rf"(?:(?:a|an)\s+(?:hundred|thousand|million|billion|dozen)\b|(?:{_WORD_NUM})\b)"
          rf"(?:(?:[\s-]+|\s+and\s+)(?:{_WORD_NUM})\b)*")
_NUMBER = (rf"(?:{_CURRENCY_PRE})?(?:(?<![\w.,:/])(?:{_DIGITS})(?![\d:/]|\.\d|st\b|nd\b|rd\b|"
           rf"th\b){_SCALE}?|(?<![\w-]){_WORDS}(?![\w-]))")
_VAGUE_RE = (r"(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|(?:several|a\s+few)\s+"
             r"(?:dozen|hundred|thousand)\b|a\s+dozen|dozens|hundreds|thousands|millions|"
             r"scores(?=\s+of\b))")
_RANGE_JOIN = r"(?:\s*(?:-|–|—)\s*|\s+to\s+|\s+and\s+)"

_QUANTITY = re.compile(
    rf"(?P<between>\b(?:between|from)\s+)?"
    rf"(?P<vague>(?<![\w-]){_VAGUE_RE}(?![\w-]))|"
    rf"(?P<between2>\b(?:between|from)\s+)?(?P<num>{_NUMBER})"
    rf"(?:(?P<join>{_RANGE_JOIN})(?P<num2>{_NUMBER}))?"
    rf"(?P<post>{_CURRENCY_POST}|{_PERCENT})?"
    rf"(?P<suffix>-[a-z]+(?:-[a-z]+)*)?",
    re.IGNORECASE,
)
_ROUND = re.compile(r"^(?:\d{1,3}(?:,000)+|\d+(?:\.\d+)?\s*(?:million|billion|thousand|m|bn|k))$")


@dataclass(frozen=True)
class Quantity:
    """One number phrase found in a text, with character offsets into that text."""

    start: int  # the whole phrase, qualifier included
    end: int
    num_start: int  # the numeral(s) alone
    num_end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None  # "USD", "EUR", "GBP", "ILS", "percent"
    vague: bool = False  # "dozens", "tens of thousands"
    words: bool = False  # written in words ("two"), not digits
    suffix: str = ""  # word hyphenated onto the number: "month-old", "strong", "day"


def _word_value(words: list[str]) -> float | None:
    total, current, seen = 0, 0, False
    for word in words:
        if word in ("and", "a", "an"):
            if word != "and":
                current = max(current, 1)
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def parse_number(text: str) -> float | None:
    """The value of one numeral: "1,400", "2.3 million", "twenty-five", "$3.5bn", "a dozen"."""
    raw = text.strip().lower()
    raw = re.sub(r"^(?:us\$|\$|€|£|₪|usd|eur|gbp|nis)\s*", "", raw)
    raw = re.sub(r"\s*(?:%|percent|per cent|(?:us\s+)?(?:dollars|euros|pounds|shekels))$", "", raw)
    if not raw:
        return None
    match = re.fullmatch(rf"({_DIGITS})\s*(hundred|thousand|million|billion|trillion|bn|mn|tn|m|k|b)?",
                         raw)
    if match:
        value = float(match.group(1).replace(",", ""))
        scale = match.group(2)
        if scale:
            value *= SCALES.get(scale) or SHORT_SCALES[scale]
        return value
    words = [w for w in re.split(r"[\s-]+", raw) if w]
    return _word_value(words)


def vague_range(text: str) -> tuple[float, float] | None:
    """The (low, high) a vague amount asserts: "dozens" → (24, 99)."""
    key = " ".join(text.lower().split())
    bounds = VAGUE.get(key)
    return (float(bounds[0]), float(bounds[1])) if bounds else None


def qualifier_of(words: str) -> str | None:
    """The qualifier named by the words before a number ("more than" → more_than)."""
    key = " ".join(words.split())
    for pattern, qualifier in _QUAL_LOOKUP:
        if pattern.match(key):
            return qualifier
    return None


def _unit(text: str) -> str | None:
    low = text.lower()
    if "%" in low or "percent" in low or "per cent" in low:
        return "percent"
    if "€" in low or "eur" in low:
        return "EUR"
    if "£" in low or "gbp" in low or "pound" in low:
        return "GBP"
    if "₪" in low or "nis" in low or "shekel" in low:
        return "ILS"
    if "$" in low or "usd" in low or "dollar" in low:
        return "USD"
    return None


def is_round(numeral: str) -> bool:
    """True for round figures written as such ("2,000", "2 million"), used by callers that treat
    "a 2 million-strong population" as approximate."""
    return bool(_ROUND.match(numeral.strip()))


def find_quantities(text: str) -> list[Quantity]:
    """Every number phrase in `text`, in order, with qualifier, range, unit and suffix."""
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        between = m.group("between") or m.group("between2")
        suffix = (m.group("suffix") or "").lstrip("-").lower()
        if m.group("vague"):
            vtext = m.group("vague")
            low, high = vague_range(vtext) or (None, None)
            num_start, num_end = m.start("vague"), m.end("vague")
            quantity = Quantity(start=num_start, end=num_end, num_start=num_start,
                                num_end=num_end, text=vtext, low=low, high=high,
                                qualifier="approximately", vague=True, words=True, suffix=suffix)
            if vtext.lower() == "a dozen":
                quantity = Quantity(start=num_start, end=num_end, num_start=num_start,
                                    num_end=num_end, text=vtext, value=12.0, words=True)
        else:
            num, num2, join = m.group("num"), m.group("num2"), m.group("join") or ""
            if num2 is not None and join.strip().lower() == "and" and not between:
                num2 = None  # "1,200 and 250": two numbers, not a range
            post = m.group("post") or ""
            value = parse_number(num)
            if value is None:
                continue
            num_start = m.start("num")
            num_end = m.end("num2") if num2 is not None else m.end("num")
            unit = _unit(num + post)
            if num2 is not None:
                value2 = parse_number(num2)
                if value2 is None or value2 <= value:
                    num2, num_end = None, m.end("num")
            words = not any(ch.isdigit() for ch in num)
            end = num_end + (len(post) if post and num_end == m.end("num2" if num2 else "num")
                             else 0)
            if num2 is not None:
                quantity = Quantity(start=num_start, end=end, num_start=num_start,
                                    num_end=num_end, text=text[num_start:end], low=value,
                                    high=parse_number(num2), unit=unit, words=words,
                                    suffix=suffix)
            else:
                if between:
                    between = None  # "from 200" alone is no range
                quantity = Quantity(start=num_start, end=end, num_start=num_start,
                                    num_end=num_end, text=text[num_start:end], value=value,
                                    unit=unit, words=words, suffix=suffix)
        start = m.start("between") if m.group("between") and between else (
            m.start("between2") if m.group("between2") and between else quantity.start)
        qual = _QUAL_RE.search(text, max(0, start - 40), start)
        qualifier = quantity.qualifier
        if qual is not None and not between:
            found = qualifier_of(qual.group(1))
            if found is not None:
                qualifier = found
                start = qual.start(1)
        out.append(Quantity(
            start=start, end=quantity.end, num_start=quantity.num_start, num_end=quantity.num_end,
            text=text[start:quantity.end], value=quantity.value, low=quantity.low,
            high=quantity.high, qualifier=qualifier, unit=quantity.unit, vague=quantity.vague,
            words=quantity.words, suffix=quantity.suffix,
        ))
    return out


_IDENT_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
_PROVISION_AFTER = re.compile(r"^\((?:\w{1,4})\)")
_PROVISION_INSIDE = re.compile(r"\w\($")
_AGED = re.compile(r"\baged\s+$", re.I)
_NAME_COMMA = re.compile(r"[A-Z][\w'’.-]+,\s*$|[A-Z][\w'’.-]+\s+\($")
_AGE_END = re.compile(r"^\s*(?:,|\)|;|\s+and\b|\.\s|\.?$)")
_QUOTED = re.compile(r"[\"“]([^\"“”]{2,90})[\"”]|‘([^‘’]{2,90})’")
_SMALL = frozenset("a an the of in on at to for and or but with from by as is are".split())


def _title_like(span: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*|\d[\d,]*", span) if w.lower() not in _SMALL]
    if len(words) < 2:
        return False
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capital / len(words) >= 0.75


def not_a_count(text: str, q: Quantity, identifier_nouns: frozenset[str]) -> str | None:
    """Why a number phrase of `text` counts nothing, from the words around it: "identifier"
    ("article 8", "Resolution 2728", "8(2)(c)"), "age" ("aged 70"; "Louis Har, 70," when
    `q` is a small number between a capitalised name's comma and a comma, bracket or the end),
    "title" (inside a quoted title: "the novel “Seven Days”"); None when nothing says so."""
    before = text[max(0, q.start - 40) : q.start]
    after = text[q.end : q.end + 16]
    plain = q.start == q.num_start and q.qualifier == "exact" and not q.vague
    m = _IDENT_BEFORE.search(before)
    if plain and m and m.group(1).lower() in identifier_nouns:
        return "identifier"
    if _PROVISION_AFTER.match(after) or (_PROVISION_INSIDE.search(before)
                                         and after.startswith(")")):
        return "identifier"
    small = q.value is not None and q.value <= 120 and q.unit is None and not q.vague
    if small and _AGED.search(before):
        return "age"
    if small and plain and _NAME_COMMA.search(before) and _AGE_END.match(after):
        return "age"
    for quoted in _QUOTED.finditer(text):
        if quoted.start() < q.start and q.end < quoted.end():
            span = quoted.group(1) or quoted.group(2) or ""
            if _title_like(span):
                return "title"
    return None
