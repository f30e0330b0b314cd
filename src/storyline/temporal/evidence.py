"""Clues to an undated article's publication day, read off its text.

The time expressions come from `temporal.expressions.find_time_expressions` run without an
anchor (absolute dates resolve, relative ones stay underspecified). On top of them this module
finds what dating needs and normalisation does not give:

- the tense of each expression (a date mentioned as past bounds publication from below, one
  mentioned as ahead bounds it from above);
- weekday-and-date pairs without a year ("Thursday, October 26"), which fix the year;
- weekday mentions, including words that name a weekday ("the Jewish Sabbath");
- durations counted on a noun ("the 19-month-old war", "10 months of war") and the anchor the
  text gives for that noun ("went to war after … the Oct. 7, 2023, attack");
- "this week".

Everything here is a pure function of one parsed article; resolving yearless dates and combining
the clues is `temporal.dating`'s job.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc

from storyline.data import read_yaml
from storyline.nlp import doc_text
from storyline.records import TimeExpression
from storyline.temporal.expressions import find_time_expressions

PAST, FUTURE = "past", "future"
REVISION = "revision"  # "Correction 4 January 2024:": the text was amended then, so published earlier
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_YEARLESS_DAY = re.compile(r"^XXXX-(\d\d)-(\d\d)$")
_YEARLESS_MONTH = re.compile(r"^XXXX-(\d\d)$")
_WEEKDAY_VALUE = re.compile(r"^XXXX-WXX-([1-7])")
_DURATION_VALUE = re.compile(r"^P(\d+(?:\.\d+)?)([DWMY])$")
_RELATIVE_WORDS = re.compile(r"\b(last|next|this|coming|past|previous|following|every)\b", re.I)
_FULL_YEAR = re.compile(r"\d{4}|['’]\d\d\b")
_REVISION = re.compile(
    r"\b(correction|corrections|clarification|update|updated|amended|edited|revised)\b"
    r"[^.:\n]{0,25}$", re.I)
# "the 19-month-old war", "100 days into the war", "10 months after the attack of …"
_OLD = re.compile(r"^[\s-]*old\b", re.I)
_INTO = re.compile(r"^\s+into\b", re.I)
# "killed during 10 months of war", "after 12 weeks of fighting": the whole stretch so far
_ELAPSED_OF = re.compile(
    r"\b(during|in|throughout|over)\s+(?:the\s+)?(?:more\s+than\s+|nearly\s+|almost\s+"
    r"|about\s+|some\s+|over\s+)?$", re.I)
_NOT_ELAPSED = re.compile(r"\b(first|next|another|additional|extra|further|final|last)\s+$", re.I)
_QUALIFIER = re.compile(
    r"\b(more\s+than|over|at\s+least|just\s+over|nearly|almost|less\s+than|under|about|around"
    r"|some|roughly|approximately)\s+(?:the\s+)?$", re.I)


@functools.cache
def config() -> dict[str, Any]:
    """`data/base/dating.yaml`."""
    return read_yaml("base/dating.yaml")


@functools.cache
def _future_re() -> re.Pattern[str]:
    cues = sorted(config()["future_cues"], key=len, reverse=True)
    return re.compile(r"(?<![\w'])(" + "|".join(re.escape(c) for c in cues) + r")(?![\w])", re.I)


@dataclass
class DateMention:
    """A date the text states: absolute (`first`/`last` set) or without a year (`month`/`day`)."""

    quote: str
    start: int
    end: int
    tense: str | None
    first: date | None = None  # absolute: the interval the expression covers
    last: date | None = None
    month: int | None = None  # yearless: month (and day) to be given a year
    day: int | None = None
    weekday: int | None = None  # "Thursday, October 26": 0 = Monday

    @property
    def absolute(self) -> bool:
        return self.first is not None

    @property
    def day_precise(self) -> bool:
        return (self.first is not None and self.first == self.last) or self.day is not None


@dataclass
class WeekdayMention:
    quote: str
    start: int
    weekday: int  # 0 = Monday
    tense: str | None


@dataclass
class Duration:
    """"N units" counted on a noun or from a date ("10 months after the Oct. 7 attack")."""

    quote: str
    start: int
    end: int
    amount: float
    unit: str  # D, W, M, Y
    qualifier: str  # exact, more_than, nearly, about
    noun: str | None = None
    anchor: DateMention | None = None  # a date in the duration's own phrase
    # "old" / "into" / "since" / "during" say how long ago the noun began; "of" ("12 weeks of
    # fighting") may be any stretch of it, so it only pulls the best day and bounds nothing
    form: str = "of"
    since: bool = False  # the anchor came with "since" (not "after", "following")
    after_news: bool = False  # "N months after … <date>", a month or more, no other date near


@dataclass
class TextEvidence:
    """Everything in one article's text that bears on when it was published."""

    article_id: str
    dates: list[DateMention] = field(default_factory=list)
    weekdays: list[WeekdayMention] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    this_week: list[tuple[str, str | None]] = field(default_factory=list)  # (quote, tense)
    # noun -> dates the text gives for when it began, best first
    anchors: dict[str, list[tuple[DateMention, str]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.dates or self.weekdays or self.durations)


# ----------------------------------------------------------------------- tense


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """Whether the clause around [start, end) speaks of the past or of what lies ahead.

    A future cue before the expression in its sentence ("will", "upcoming", "set to") or an
    auxiliary "will" on the governing verb makes it future; a past-tense governing verb (or a
    noun the expression dates, "the Oct. 7 attack") makes it past.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span.sent
    before = doc_text(doc)[max(sent.start_char, start - 120) : start]
    tok = span.root
    verb = tok
    for _ in range(5):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX"):
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxes & {"will", "'ll", "’ll", "shall", "wo"}:
            return FUTURE
        if verb.tag_ == "VBD" or any(
            c.tag_ == "VBD" for c in verb.children if c.dep_ in ("aux", "auxpass")
        ):
            return PAST
        if _future_re().search(before):
            return FUTURE
        if verb.tag_ == "VBN" and (auxes & {"has", "have", "had"} or not auxes):
            return PAST
        if verb.tag_ == "VBG" and auxes & {"is", "are", "'s", "’s", "'re"}:
            return FUTURE  # "is meeting on Thursday"
        return None
    if _future_re().search(before):
        return FUTURE
    if tok.dep_ in ("compound", "nmod", "amod", "npadvmod") and tok.head.pos_ == "NOUN":
        return PAST  # "the Oct. 7 attack"
    return None


# ----------------------------------------------------------------------- finders


def collect(
    doc: Doc, article_id: str = "", expressions: list[TimeExpression] | None = None
) -> TextEvidence:
    """Read the dating clues of one parsed article."""
    if expressions is None:
        expressions = find_time_expressions(doc, article_id, None, "none")
    text = doc_text(doc)
    ev = TextEvidence(article_id=article_id)
    for te in expressions:
        low = te.quote.lower()
        if te.type in ("DATE", "TIME"):
            mention = _date_mention(doc, te)
            if mention is not None:
                ev.dates.append(mention)
                continue
            m = _WEEKDAY_VALUE.match(te.value)
            if m and not _RELATIVE_WORDS.search(low):
                ev.weekdays.append(WeekdayMention(te.quote, te.start, int(m[1]) - 1,
                                                  tense_at(doc, te.start, te.end)))
            elif te.value == "XXXX-WXX" and "this week" in low:
                ev.this_week.append((te.quote, tense_at(doc, te.start, te.end)))
        elif te.type == "DURATION":
            d = _duration(text, te, expressions, doc)
            if d is not None:
                ev.durations.append(d)
    ev.weekdays.extend(_weekday_words(doc))
    mark_revisions(text, ev)
    nouns = {d.noun for d in ev.durations if d.noun and d.anchor is None}
    for noun in nouns:
        ev.anchors[noun] = _anchors_for(doc, noun, ev.dates)
    return ev


def mark_revisions(text: str, ev: TextEvidence) -> None:
    """Dates that label an amendment ("Correction 14 February 2024:", "This story was updated
    on …") were written after publication: they bound it from above."""
    for d in ev.dates:
        if _REVISION.search(text[max(0, d.start - 40) : d.start]):
            d.tense = REVISION


def duration_form(text: str, dur: Duration) -> str:
    """How a duration relates to its noun: "old", "into", "since", "during" (elapsed since it
    began: "killed during 10 months of war"), or
    "of" (a stretch of it: "the first two months of the war"), or "" (not elapsed time)."""
    words = text[max(0, dur.start - 12) : dur.start] + " " + dur.quote + " "
    if _NOT_ELAPSED.search(text[max(0, dur.start - 12) : dur.start]) or re.search(
            r"\b(first|next|last|past|final|another)\b", words[-len(dur.quote) - 14:], re.I):
        return ""
    if dur.anchor is not None:
        # "since the 7 October attack" runs to the present; "two days after it" does not,
        # unless it counts a month or more and its sentence names no other date: "rescued on
        # Saturday, eight months after they were seized on October 7" dates the news itself
        if dur.since or dur.after_news:
            return "since"
        return ""
    after = text[dur.end : dur.end + 12]
    if _OLD.match(after) or dur.quote.lower().endswith("old"):
        return "old"
    if _INTO.match(after):
        return "into"
    if _ELAPSED_OF.search(text[max(0, dur.start - 30) : dur.start]):
        return "during"
    return "of"


def _date_mention(doc: Doc, te: TimeExpression) -> DateMention | None:
    if te.value.endswith("_REF") or te.rule.startswith("rel.unit") or "rel-month" in te.rule:
        return None
    tense = None
    if te.earliest and te.rule.startswith("abs.") and not _FULL_YEAR.search(te.quote):
        # "9/11", "7/10": a day without a year, whatever year the rule gave it
        first = date.fromisoformat(te.earliest)
        if te.latest and te.latest != te.earliest:
            return None
        return DateMention(te.quote, te.start, te.end, tense_at(doc, te.start, te.end),
                           month=first.month, day=first.day)
    if te.earliest and te.rule.startswith("abs."):
        tense = tense_at(doc, te.start, te.end)
        return DateMention(te.quote, te.start, te.end, tense,
                           first=date.fromisoformat(te.earliest),
                           last=date.fromisoformat(te.latest or te.earliest))
    if _RELATIVE_WORDS.search(te.quote):
        return None  # "last October", "this March": relative to an unknown day
    m = _YEARLESS_DAY.match(te.value)
    if m:
        wd = _WEEKDAY_RE.search(te.quote)
        return DateMention(te.quote, te.start, te.end, tense_at(doc, te.start, te.end),
                           month=int(m[1]), day=int(m[2]),
                           weekday=WEEKDAYS.index(wd[1].lower()) if wd else None)
    m = _YEARLESS_MONTH.match(te.value)
    if m and te.rule.endswith(".month"):
        return DateMention(te.quote, te.start, te.end, tense_at(doc, te.start, te.end),
                           month=int(m[1]))
    return None


def _weekday_words(doc: Doc) -> list[WeekdayMention]:
    """Words that name a weekday without saying it ("during the Jewish Sabbath")."""
    words = config().get("weekday_words") or {}
    if not words:
        return []
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
    out = []
    for m in pattern.finditer(doc_text(doc)):
        out.append(WeekdayMention(m[0], m.start(), int(words[m[1].lower()]),
                                  tense_at(doc, m.start(), m.end())))
    return out


@functools.cache
def _noun_re() -> re.Pattern[str]:
    nouns = sorted(config()["duration_nouns"], key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in nouns)
    # "-old war", " of war", " into the war", " of the war in Gaza", " of fighting"
    return re.compile(
        r"^(?:[\s-]*old\s+|\s+(?:of|into)\s+)(?:the|a|an|its|this|their)?\s*"
        r"(?:[A-Za-z’'-]+\s+){0,2}?(" + alt + r")\b", re.I)


_SINCE = re.compile(r"^[\s,]*(?:since|after|following|from)\b", re.I)


def _duration(text: str, te: TimeExpression, expressions: list[TimeExpression],
              doc: Doc) -> Duration | None:
    m = _DURATION_VALUE.match(te.value)
    if not m:
        return None
    amount, unit = float(m[1]), m[2]
    if amount <= 0 or (unit == "D" and amount < 2):
        return None
    q = _QUALIFIER.search(text[max(0, te.start - 25) : te.start])
    qualifier = "exact"
    if q:
        word = q[1].lower()
        if word in ("nearly", "almost", "less than", "under"):
            qualifier = "nearly"
        elif word in ("about", "around", "some", "roughly", "approximately"):
            qualifier = "about"
        else:
            qualifier = "more_than"
    after = text[te.end : te.end + 60]
    dur = Duration(te.quote, te.start, te.end, amount, unit, qualifier)
    since = _SINCE.match(after)
    if since:
        # "10 months after the Oct. 7 attack": the anchor is the date in the phrase (up to a
        # clause away: "eight months after they were seized … during the attack of October 7")
        limit = te.end + 60
        sent = _sentence_bounds(doc, te.start, te.end)
        clause_end = _clause_end(text, te.end, sent[1], 110)
        # dates (not weekdays: "on Saturday" is the news day) in the duration's sentence
        dates_in_sent = [o for o in expressions if o.type == "DATE"
                         and sent[0] <= o.start < sent[1] and _date_mention(doc, o) is not None]
        for other in expressions:
            if other.type != "DATE" or not te.end < other.start <= max(limit, clause_end):
                continue
            mention = _date_mention(doc, other)
            if mention is not None and mention.day_precise:
                dur.anchor = mention
                dur.since = since[0].strip(" ,").lower() == "since"
                dur.after_news = (amount * _UNIT_DAYS[unit] >= 28
                                  and all(o is other for o in dates_in_sent))
                if other.start > limit and not (dur.since or dur.after_news):
                    return None  # a far date is only linked when the time runs to the news
                dur.form = duration_form(text, dur)
                return dur if dur.form else None
    noun = _noun_re().match(after)
    if noun is None and te.quote.lower().endswith("old"):
        noun = _noun_re().match(" old " + after.lstrip())  # "the 19-month-old war"
    before = text[max(0, te.start - 3) : te.start].strip()
    words = re.findall(r"[A-Za-z]+", te.quote)
    if words and all(w[0].isupper() for w in words) and before[-1:] not in ("", ".", "!", "?"):
        return None  # a name: "the Six Day War"
    if noun:
        dur.noun = noun[1].lower()
        dur.form = duration_form(text, dur)
        return dur if dur.form else None
    return None


_UNIT_DAYS = {"D": 1.0, "W": 7.0, "M": 30.44, "Y": 365.25}


def _sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    return span.sent.start_char, span.sent.end_char


def _clause_end(text: str, start: int, sent_end: int, width: int) -> int:
    """Where the clause after `start` ends: the sentence end, a semicolon or a dash, at most
    `width` characters on."""
    stop = min(sent_end, start + width)
    m = re.search(r"[;—–]|\s-\s", text[start:stop])
    return start + m.start() if m else stop


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    """The words around a span, on one line, cut at word boundaries."""
    lo = max(0, start - width)
    hi = min(len(text), end + width // 2)
    lo = text.find(" ", lo) + 1 if lo > 0 else 0
    cut = text.rfind(" ", end, hi)
    hi = cut if cut > end and hi < len(text) else hi
    return ("…" if lo > 0 else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")


def _sentences_with(doc: Doc, word: str) -> list[tuple[int, int, str]]:
    pattern = re.compile(r"\b" + re.escape(word) + r"\b", re.I)
    return [(s.start_char, s.end_char, s.text) for s in doc.sents if pattern.search(s.text)]


def _anchors_for(doc: Doc, noun: str, dates: list[DateMention]) -> list[tuple[DateMention, str]]:
    """Dates the text gives for when `noun` began, best first.

    First a day-precise date in a sentence naming the noun with an onset word ("Northland, which
    went to war after … the Oct. 7, 2023, attack"); then, for war-like nouns, a date that
    modifies an onset noun anywhere ("the Oct. 7 attack").
    """
    cfg = config()
    onset_verbs = re.compile(r"\b(" + "|".join(cfg["onset_verbs"]) + r")\b", re.I)
    onset_nouns = re.compile(
        r"^[\s,]*(?:\d{4}[\s,]*)?(?:[A-Za-z’'-]+\s+){0,2}?(" + "|".join(cfg["onset_nouns"])
        + r")\b", re.I)
    precise = [d for d in dates if d.day_precise]
    out: list[tuple[DateMention, str]] = []
    for s_start, s_end, sent in _sentences_with(doc, noun):
        if not onset_verbs.search(sent):
            continue
        for d in precise:
            if s_start <= d.start < s_end:
                out.append((d, f'"{_context(doc_text(doc), d.start, d.end)}"'))
    if noun in cfg["war_like"]:
        for d in precise:
            m = onset_nouns.match(doc_text(doc)[d.end : d.end + 40])
            if m and all(d is not o for o, _ in out):
                out.append((d, f"{d.quote} {m[1]}"))
    # absolute dates first: a yearless anchor needs other evidence to get its year
    out.sort(key=lambda item: not item[0].absolute)
    return out


# ----------------------------------------------------------------------- stored form


def _mention_dict(m: DateMention) -> dict:
    d = dict(m.__dict__)
    d["first"] = m.first.isoformat() if m.first else None
    d["last"] = m.last.isoformat() if m.last else None
    return d


def _mention(d: dict) -> DateMention:
    d = dict(d)
    for k in ("first", "last"):
        d[k] = date.fromisoformat(d[k]) if d.get(k) else None
    return DateMention(**d)


def evidence_to_dict(ev: TextEvidence) -> dict:
    """TextEvidence as JSON-ready data (stored once per undated article, see dating.py)."""
    return {
        "article_id": ev.article_id,
        "dates": [_mention_dict(m) for m in ev.dates],
        "weekdays": [dict(w.__dict__) for w in ev.weekdays],
        "durations": [dict(d.__dict__, anchor=_mention_dict(d.anchor) if d.anchor else None)
                      for d in ev.durations],
        "this_week": [list(t) for t in ev.this_week],
        "anchors": {noun: [[_mention_dict(m), how] for m, how in got]
                    for noun, got in ev.anchors.items()},
    }


def evidence_from_dict(data: dict) -> TextEvidence:
    """The inverse of `evidence_to_dict`."""
    return TextEvidence(
        article_id=data["article_id"],
        dates=[_mention(m) for m in data["dates"]],
        weekdays=[WeekdayMention(**w) for w in data["weekdays"]],
        durations=[Duration(**dict(d, anchor=_mention(d["anchor"]) if d["anchor"] else None))
                   for d in data["durations"]],
        this_week=[(q, t) for q, t in data["this_week"]],
        anchors={noun: [(_mention(m), how) for m, how in got]
                 for noun, got in data["anchors"].items()},
    )
