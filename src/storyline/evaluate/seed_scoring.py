"""Pure scoring functions behind `storyline evaluate seeds`: find gold quotes in a text, match
extracted records to gold records by span overlap, and compare their fields.

A gold record names its evidence by quote; its span is wherever that quote occurs in the
article's repaired text (compared loosely: case, curly quotes, dashes and runs of whitespace do
not matter). An extracted record matches a gold record when their spans overlap; among several,
the one agreeing on most scored fields wins, then the larger overlap. Fields are compared only
where the gold states them ("date" is scored for an event only when the gold gives one).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

# Characters compared as equal when looking for a gold quote in the text.
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-",
                       "\u00a0": " "})
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"the", "a", "an", "of", "and", "in", "on", "to", "for", "by", "with", "s"})


def _folded(text: str) -> tuple[str, list[int]]:
    """Text folded for loose search (lower case, plain quotes, single spaces) and, for each
    folded character, its offset in the original text."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text.translate(_FOLD).lower()):
        if ch.isspace():
            if space:
                continue
            space = True
            ch = " "
        else:
            space = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


def find_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where `quote` occurs in `text`: exactly first, else loosely."""
    quote = quote.strip()
    if not quote:
        return []
    spans = []
    pos = text.find(quote)
    while pos >= 0:
        spans.append((pos, pos + len(quote)))
        pos = text.find(quote, pos + 1)
    if spans:
        return spans
    folded, where = _folded(text)
    needle, _ = _folded(quote)
    pos = folded.find(needle)
    while pos >= 0:
        last = pos + len(needle) - 1
        spans.append((where[pos], where[last] + 1))
        pos = folded.find(needle, pos + 1)
    return spans


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two [start, end) spans (0 when they do not meet)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def content_words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP}


# --------------------------------------------------------------------------- field comparison

# A comparator returns True/False, or None when the gold does not state the field.
Comparator = Callable[[dict[str, Any], Any], bool | None]


def acts_for(ref: Any, lexicon: Any = None) -> list[str]:
    """The names an extracted actor answers to: its own, then those it acts for (a person's
    affiliation, and up the profile's `parent` chain: a ministry's state), as PLOVER codes an
    actor by the state or body it belongs to."""
    names = [n for n in (getattr(ref, "canonical", None), getattr(ref, "text", None)) if n]
    owner = getattr(ref, "affiliation", None)
    entries = getattr(lexicon, "entries", None) or {}
    if owner is None and getattr(ref, "canonical", None) in entries:
        owner = entries[ref.canonical].parent
    seen: set[str] = set()
    while owner and owner not in seen:  # a cycle in a user's profile must not hang the scorer
        seen.add(owner)
        names.append(owner)
        entry = entries.get(owner)
        owner = entry and (entry.affiliation or entry.parent)
    return names


def _name_matches(gold: str, ref: Any, lexicon: Any = None) -> bool:
    g = gold.strip().lower()
    return any(n.strip().lower() == g or g in content_words(n) and " " not in g
               for n in acts_for(ref, lexicon))


def same_actors(gold: Sequence[str] | str | None, refs: Sequence[Any],
                lexicon: Any = None) -> bool | None:
    """Every gold actor is among the extracted ones and every extracted one is a gold actor;
    an extracted actor counts as the state or body it acts for (`acts_for`, with the story
    profile's actor `lexicon` for parents)."""
    if gold is None:
        return None
    wanted = [gold] if isinstance(gold, str) else list(gold)
    return (all(any(_name_matches(g, r, lexicon) for r in refs) for g in wanted)
            and all(any(_name_matches(g, r, lexicon) for g in wanted) for r in refs))


def _day_bounds(value: str) -> tuple[str, str]:
    """The first and last day of a gold date: a day is itself; a month ("2022-07") or a year
    ("2022") or an ISO week ("2023-W22") is every day in it, as the extractors date an event
    that a month, a year or a week names."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:])
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        # an ISO week ("2023-W22", "last week") is every day of it, Monday to Sunday
        monday = date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return value, value


def gold_interval(value: str | None) -> tuple[str, str] | None:
    """A gold date "2023-10-23", "2023-10-21/2023-10-23" or "2022-07" (the month) as
    (earliest day, latest day)."""
    if not value:
        return None
    first, _, last = str(value).partition("/")
    return _day_bounds(first)[0], _day_bounds(last or first)[1]


def same_date(gold: str | None, earliest: str | None, latest: str | None) -> bool | None:
    interval = gold_interval(gold)
    if interval is None:
        return None
    return (earliest, latest) == interval


def same_source(gold: str | None, extracted: str | None) -> bool | None:
    """The extracted source names the gold source: it shares its content words."""
    if gold is None:
        return None
    want, got = content_words(gold), content_words(extracted)
    return bool(want) and want <= got or bool(got) and got <= want and bool(got & want)


def _same_speaker(gold: str | None, statement: Any) -> bool | None:
    """The statement's speaker names the gold one, as written or as resolved: the gold names
    whom a pronoun stands for ("He said" → Sergei Lavrov), which the product resolves."""
    if gold is None:
        return None
    actor = statement.speaker_actor
    names = [statement.speaker] + ([actor.canonical, actor.text] if actor is not None else [])
    return any(same_source(gold, name) for name in names if name)


def same_number(gold: Any, extracted: Any) -> bool | None:
    if gold is None:
        return None
    try:
        return extracted is not None and abs(float(gold) - float(extracted)) < 1e-6
    except (TypeError, ValueError):
        return False


def _eq(name: str, attr: str | None = None) -> Comparator:
    attr = attr or name

    def compare(gold: dict[str, Any], rec: Any) -> bool | None:
        if gold.get(name) is None:
            return None
        return str(getattr(rec, attr, None)).lower() == str(gold[name]).lower()

    return compare


def _figure_value(gold: dict[str, Any], rec: Any) -> bool | None:
    got = rec.value if rec.value is not None else rec.low
    return same_number(gold.get("value"), got)


def event_fields(lexicon: Any = None) -> dict[str, Comparator]:
    """The event comparators; actors resolved up to what they act for with `lexicon`."""
    return {
        "type": _eq("type"),
        "mode": _eq("mode"),
        "actors": lambda g, r: same_actors(g.get("actor"), r.actors, lexicon),
        "recipients": lambda g, r: same_actors(g.get("recipient"), r.recipients, lexicon),
        "date": lambda g, r: same_date(g.get("date"), r.date_earliest, r.date_latest),
        "modality": _eq("modality"),
        "source": lambda g, r: same_source(g.get("source"), r.source),
    }


EVENT_FIELDS = event_fields()
FIGURE_FIELDS: dict[str, Comparator] = {
    "kind": _eq("kind"),
    "value": _figure_value,
    "qualifier": _eq("qualifier"),
    "source": lambda g, r: same_source(g.get("source"), r.source),
    "date": lambda g, r: same_date(g.get("date"), r.date_earliest, r.date_latest),
}
TIME_FIELDS: dict[str, Comparator] = {"value": _eq("value")}
STATEMENT_FIELDS: dict[str, Comparator] = {
    "speaker": lambda g, r: _same_speaker(g.get("speaker"), r),
    "stance": _eq("stance"),
}

# The fields a record must get right to count as correct (the others are reported only).
STRICT = {
    "events": ("type", "actors", "date", "modality"),
    "figures": ("kind", "value", "qualifier", "source"),
    "time_expressions": ("value",),
    "statements": ("speaker", "stance"),
}
FIELDS = {
    "events": EVENT_FIELDS,
    "figures": FIGURE_FIELDS,
    "time_expressions": TIME_FIELDS,
    "statements": STATEMENT_FIELDS,
}


def compare_fields(gold: dict[str, Any], rec: Any, fields: dict[str, Comparator]
                   ) -> dict[str, bool]:
    """Field name → agreement, for the fields the gold states."""
    out = {}
    for name, compare in fields.items():
        verdict = compare(gold, rec)
        if verdict is not None:
            out[name] = bool(verdict)
    return out


# --------------------------------------------------------------------------- matching


@dataclass
class GoldItem:
    """One gold record and the spans of its quote in the text (empty when not found)."""

    data: dict[str, Any]
    quote: str
    spans: list[tuple[int, int]]


@dataclass
class Match:
    gold: GoldItem
    record: Any | None  # the extracted record, None for a miss
    fields: dict[str, bool] = field(default_factory=dict)

    def correct(self, strict: Iterable[str]) -> bool:
        return self.record is not None and all(self.fields.get(f, True) for f in strict)


def _span(rec: Any) -> tuple[int, int]:
    return rec.start, rec.end


def match_records(
    gold: list[GoldItem], records: Sequence[Any], fields: dict[str, Comparator],
    strict: Iterable[str] = (),
) -> tuple[list[Match], list[Any]]:
    """Greedy one-to-one matching in gold order: (a Match per gold item, unmatched records).

    A record is a candidate for a gold item when its span overlaps one of the item's spans; the
    candidate agreeing on most strict fields (then most fields, then the larger overlap) wins.
    """
    strict = tuple(strict)
    used: set[int] = set()
    matches: list[Match] = []
    for item in gold:
        best, best_key, best_fields = None, None, {}
        for i, rec in enumerate(records):
            if i in used:
                continue
            shared = max((overlap(s, _span(rec)) for s in item.spans), default=0)
            if not shared:
                continue
            agree = compare_fields(item.data, rec, fields)
            key = (sum(agree.get(f, True) for f in strict), sum(agree.values()), shared)
            if best_key is None or key > best_key:
                best, best_key, best_fields = i, key, agree
        if best is None:
            matches.append(Match(item, None))
        else:
            used.add(best)
            matches.append(Match(item, records[best], best_fields))
    return matches, [r for i, r in enumerate(records) if i not in used]


def overlaps_any(rec: Any, gold: Iterable[GoldItem]) -> bool:
    return any(overlap(s, _span(rec)) for g in gold for s in g.spans)


@dataclass
class Tally:
    """Counts for one record type over the seeds."""

    gold: int = 0
    found: int = 0  # gold items with an overlapping extracted record
    correct: int = 0  # ... whose strict fields all agree
    extracted: int = 0  # extracted records in scope (seeds whose gold lists this type)
    overlapping: int = 0  # extracted records overlapping some gold item
    unlocated: int = 0  # gold quotes not found in the text
    fields: dict[str, list[int]] = field(default_factory=dict)  # name → [agree, compared]

    def add(self, matches: list[Match], records: Sequence[Any], gold: list[GoldItem],
            strict: Iterable[str]) -> None:
        strict = tuple(strict)
        self.gold += len(matches)
        self.unlocated += sum(1 for m in matches if not m.gold.spans)
        for m in matches:
            if m.record is None:
                continue
            self.found += 1
            self.correct += m.correct(strict)
            for name, ok in m.fields.items():
                cell = self.fields.setdefault(name, [0, 0])
                cell[0] += ok
                cell[1] += 1
        self.extracted += len(records)
        self.overlapping += sum(1 for r in records if overlaps_any(r, gold))

    def scores(self, complete: bool) -> dict[str, Any]:
        """Recall (span, strict) and precision: over all extracted records when the gold is
        complete; when partial, the share of extracted records overlapping a gold record (a
        lower bound: the others may be right but unlisted) and the strict share of matches."""
        def ratio(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "gold": self.gold,
            "extracted": self.extracted,
            "matched": self.found,
            "correct": self.correct,
            "unlocated_gold_quotes": self.unlocated,
            "recall_span": ratio(self.found, self.gold),
            "recall": ratio(self.correct, self.gold),
            "precision": ratio(self.correct, self.extracted) if complete else None,
            "precision_overlap_lower_bound": None if complete else ratio(self.overlapping,
                                                                          self.extracted),
            "precision_of_matched": ratio(self.correct, self.found),
            "gold_complete": complete,
            "field_agreement": {k: {"agree": v[0], "compared": v[1], "rate": v[0] / v[1]}
                                for k, v in self.fields.items()},
        }


# --------------------------------------------------------------------------- other checks


def section_completeness(header: str) -> dict[str, bool]:
    """Which gold sections are complete, from the gold file's header comment, e.g.
    "metadata and publication windows (complete), key figures and events (partial)"."""
    out: dict[str, bool] = {}
    for names, verdict in re.findall(r"([^():]+?)\s*\((complete|partial)\)", header):
        for name in re.split(r",|\band\b", names):
            words = content_words(name) - {"key", "gold", "five", "seeds"}
            for word in words:
                out[word.rstrip("s") if word.endswith("s") else word] = verdict == "complete"
    return out


def is_complete(section: str, completeness: dict[str, bool]) -> bool:
    """A section is complete only when the header says so ("events" → "event")."""
    for word in content_words(section.replace("_", " ")):
        key = word.rstrip("s") if word.endswith("s") else word
        if key in completeness:
            return completeness[key]
    return False


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def repair_expectations(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """(strings that must be present, strings that must be gone) from gold repair lines like
    "Northlandâ€™s → Northland’s (UTF-8 read as cp1252)" or "鈥� / 鈥檚 … → — ’ “ ” (…)"."""
    present: list[str] = []
    gone: list[str] = []
    for line in lines:
        before, arrow, after = str(line).partition("→")
        if not arrow:
            continue
        after = re.sub(r"\([^)]*\)\s*$", "", after).strip()
        before = before.split(":", 1)[-1]
        present += [w for w in after.split() if w not in ("…", "...")]
        gone += [w.strip() for w in re.split(r"\s/\s|\s", before)
                 if w.strip() and w.strip() not in ("…", "...", "/")]
    return present, gone


def repair_checks(text: str, lines: Iterable[str]) -> dict[str, Any]:
    """No U+FFFD, no CJK characters, the expected repaired strings present, the broken gone."""
    present, gone = repair_expectations(lines)
    return {
        "replacement_chars": text.count("\ufffd"),
        "cjk_chars": len(_CJK.findall(text)),
        "missing": [s for s in present if s not in text],
        "still_broken": [s for s in gone if s in text],
        "ok": "\ufffd" not in text and not _CJK.search(text)
        and all(s in text for s in present) and not any(s in text for s in gone),
    }


def window_check(gold: dict[str, Any], estimate: Any) -> dict[str, Any]:
    """The estimated interval contains the gold window, and the best day lies inside it."""
    if estimate is None:
        return {"estimated": False, "contains": False, "best_inside": False}
    g0, g1 = str(gold["earliest"]), str(gold["latest"])
    return {
        "estimated": True,
        "earliest": estimate.earliest,
        "latest": estimate.latest,
        "best": estimate.best,
        "contains": estimate.earliest <= g0 and g1 <= estimate.latest,
        "best_inside": g0 <= estimate.best <= g1,
    }


METADATA_FIELDS = ("title", "outlet", "byline", "url", "published")


def metadata_checks(gold: dict[str, Any], article: Any) -> dict[str, dict[str, Any]]:
    """Exact comparison of each stated metadata field (None and [] mean "not stated")."""
    out = {}
    for name in METADATA_FIELDS:
        if name not in gold:
            continue
        want, got = gold[name], getattr(article, name, None)
        if name == "byline":
            want, got = list(want or []), list(got or [])
        out[name] = {"gold": want, "ours": got, "ok": want == got}
    return out


def _claim_hits(claim: Any, spans: list[tuple[int, int]], quote: str) -> bool:
    """A dispute side covers the gold quote: its evidence span overlaps it, or its text holds
    most of the quote's content words (a denial's elaboration has no span of its own)."""
    ev = getattr(claim, "evidence", None)
    if ev is not None and any(overlap(s, (ev.start, ev.end)) for s in spans):
        return True
    want = content_words(quote)
    return bool(want) and len(want & content_words(getattr(claim, "text", ""))) >= 0.6 * len(want)


def match_dispute(gold: dict[str, Any], text: str, disputes: Sequence[Any]) -> Any | None:
    """The extracted dispute that sets the gold claim against the gold counter-claim."""
    claim, counter = str(gold.get("claim", "")), str(gold.get("counter", ""))
    cs, ks = find_spans(text, claim), find_spans(text, counter)
    for d in disputes:
        if (_claim_hits(d.a, cs, claim) and _claim_hits(d.b, ks, counter)) or (
                _claim_hits(d.b, cs, claim) and _claim_hits(d.a, ks, counter)):
            return d
    return None
