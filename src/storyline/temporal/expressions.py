"""Find time expressions in a parsed article and normalise them to TIMEX3 (type, value, interval).

Candidates come from two sources: our own patterns (`patterns.py`, run over the text) and spaCy's
DATE/TIME entities. Overlaps go to the longest pattern match; a spaCy entity is kept where no
pattern matched, if its words can be read (our rules first, dateparser with the anchor as
RELATIVE_BASE second; dateparser only ever sees that span, never the whole text). The value is
computed against the anchor date (`normalise.py`), with the tense of the governing verb deciding
which way a bare weekday or a date without a year points.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from dataclasses import replace
from datetime import date, datetime

from spacy.tokens import Doc, Token

from storyline.nlp import doc_text
from storyline.records import TimeExpression
from storyline.temporal import patterns as P
from storyline.temporal.normalise import FUTURE, PAST, PRESENT, Norm, normalise, normalise_phrase
from storyline.temporal.timex import ABSOLUTE, RELATIVE, iso_interval

# Words before a bare year or month that make it a date ("in 2023", "since May").
_DATE_CUES = {
    "in", "since", "by", "until", "till", "of", "from", "to", "through", "before", "after",
    "during", "early", "late", "mid", "fiscal", "year", "end", "beginning", "last", "next",
    "this", "between", "and", "or", "around", "about", "circa", "as", "spring", "summer",
    "autumn", "fall", "winter", "mid-", "for", "on", "throughout", "that", "the", "',",
}
# Nouns that a number names one of ("Resolution 1701", "Flight 1900", "Article 2"): the number
# after them is an identifier, never a year.
_NUMBERED_NOUNS = {
    "resolution", "resolutions", "flight", "route", "room", "article", "chapter", "section",
    "clause", "paragraph", "bus", "platform", "gate", "highway", "unit", "battalion", "brigade",
    "division", "regiment", "squadron", "no", "number", "block", "building", "hangar", "page",
    "amendment", "decree", "convoy", "hill", "checkpoint", "lot", "case", "file", "item",
}
_DURATION_CUES = {"for", "within", "over", "after", "in", "took", "take", "takes", "lasted",
                  "last", "lasting", "spent", "spend", "until", "few"}
_FUTURE_LEMMAS = {"expect", "plan", "schedule", "due", "set", "intend", "aim", "hope", "want",
                  "prepare", "propose", "vow", "promise", "pledge", "threaten", "agree", "seek",
                  "try", "need"}
# Wishes point ahead even in the past tense: "said it hoped to sign in May" is a backshifted
# present (the hope still holds), where "planned to sign in May" reports a plan as it was.
# Only "had hoped" (a wish given up) looks back.
_WISH_LEMMAS = {"hope", "want", "wish", "expect"}
_LEADING = re.compile(r"^(?:(?:on|in|at|since|by|until|till|from|for|during|of|about|around"
                      r"|after|before|through|between|within|over|as\s+of|as\s+early\s+as"
                      r"|as\s+late\s+as)\s+)+", re.I)
_TRAILING = re.compile(r"(?:'s|’s|[\s,.;:!?)'\"-])+$")


def _tense_in_context(token: Token, text: str, sent_start: int) -> str | None:
    """The tense that decides a bare weekday or a date without a year.

    A date naming the event a noun refers to ("the Oct. 7 attack") is past; otherwise the verb
    close above the expression decides, and without one a future cue just before it in the
    sentence ("Lund's upcoming meeting ... on Wednesday").
    """
    if token.dep_ in ("compound", "nmod", "amod", "poss") and token.head.pos_ in ("NOUN", "PROPN"):
        # "the Oct. 7 attack" happened; "will send a delegation to the Thursday talks" is ahead
        return FUTURE if _tense(token.head) == FUTURE else PAST
    tense = _tense(token)
    if tense in (None, PRESENT):
        window = text[max(sent_start, token.idx - 100) : token.idx]
        if P.FUTURE_WORDS.search(window):
            return FUTURE
    return tense


def _tense(token: Token) -> str | None:
    """Past, future or present from the verb governing a token (None when there is none)."""
    # Only a verb close above the expression decides its tense ("was freed on Monday"); one
    # further up ("declared a dividend payable Dec. 15") says nothing about the date.
    verb = token
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        if verb is not token and verb.pos_ in ("ADJ", "NOUN", "PROPN") and verb.dep_ not in (
            "pobj", "npadvmod", "appos", "compound", "nmod"
        ):
            return None
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lows = {a.lower_ for a in auxes}
    if lows & {"will", "'ll", "shall", "wo", "’ll"}:
        return FUTURE
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_LEMMAS:
        head_aux = {a.lower_ for a in verb.head.children if a.dep_ in ("aux", "auxpass")}
        if head_aux & {"will", "'ll"} or verb.head.tag_ in ("VBZ", "VBP", "VBN", "VBG"):
            return FUTURE
        if verb.head.lemma_ in _WISH_LEMMAS and not head_aux & {"had", "'d"}:
            return FUTURE
        return PAST if verb.head.tag_ == "VBD" else FUTURE
    if "going" in lows or (verb.lemma_ in ("schedule", "due", "set") and lows & {"is", "are"}):
        return FUTURE
    if lows & {"would", "'d"} and verb.tag_ == "VB":
        return FUTURE  # "said it would sign on Friday": ahead of the saying, as "will" is
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBN" and lows & {"has", "have", "had", "'s", "'ve"}:
        return PAST
    if verb.tag_ == "VBG" and lows & {"is", "are", "am", "'re", "'s"}:
        return FUTURE  # "is meeting on Thursday"
    if verb.tag_ == "VBN" and not lows:
        return PAST  # reduced relative: "hostages taken on Oct. 7"
    if verb.tag_ in ("VBZ", "VBP"):
        return PRESENT
    return None


class _TokenIndex:
    """Token at a character offset, by bisection over token starts."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, char: int) -> Token | None:
        if not self.starts:
            return None
        i = bisect.bisect_right(self.starts, char) - 1
        return self.doc[max(i, 0)]


def _is_age(quote: str) -> bool:
    """Ages of people ("a 6-year-old", "52 years old") are not time expressions."""
    low = quote.lower()
    return low.endswith("old") and "year" in low


def _root_at(tokens: _TokenIndex, start: int, end: int) -> Token | None:
    """The syntactic head of the tokens covering [start, end)."""
    first = tokens.at(start)
    if first is None:
        return None
    last = tokens.at(max(start, end - 1))
    span = tokens.doc[first.i : (last.i if last is not None else first.i) + 1]
    return span.root if len(span) else first


def _in_url(text: str, start: int, end: int) -> bool:
    """Whether the match sits inside a URL or path (links in Markdown articles)."""
    lo = text.rfind(" ", 0, start) + 1
    hi = text.find(" ", end)
    chunk = text[lo : hi if hi >= 0 else len(text)]
    return "://" in chunk or "www." in chunk or ("/" in chunk and "-" in chunk and len(chunk) > 30)


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+-?|',?|,)\s*$", text[max(0, start - 20) : start])
    return m[1].lower() if m else ""


def _keep(name: str, text: str, start: int, end: int, tokens: _TokenIndex) -> bool:
    """Filters for patterns that also match ordinary numbers and words."""
    quote = text[start:end]
    if name == "year":
        if _prev_word(text, start) in _NUMBERED_NOUNS:
            return False
        tok = tokens.at(start)
        if tok is not None and tok.ent_type_ in ("DATE", "EVENT"):
            return True
        if tok is not None and tok.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"):
            return False
        return _prev_word(text, start) in _DATE_CUES or text[end : end + 1] in (",", ")")
    if name == "month" and quote in ("May", "March", "MAY", "MARCH"):
        tok = tokens.at(start)
        if tok is not None and tok.ent_type_ == "DATE":
            return True
        return _prev_word(text, start) in _DATE_CUES
    low = quote.lower()
    if _is_age(low):
        return False
    if name == "bare_units":
        return _prev_word(text, start) in _DURATION_CUES
    return True


_DET = re.compile(r"(?:the|a|an)\s+", re.I)


def _drop_determiner(text: str, start: int, end: int, name: str) -> int:
    """'the 19-month-old war', 'the fourth-quarter results': the determiner belongs to the noun
    the hyphenated expression modifies, not to the expression."""
    if name not in ("duration", "quarter"):
        return start
    m = _DET.match(text, start)
    if m and "-" in text[m.end() : end]:
        return m.end()
    return start


def _pattern_candidates(text: str, tokens: _TokenIndex) -> list[tuple[int, int, str]]:
    windows: list[list[int]] = []
    for m in P.TRIGGER.finditer(text):
        lo, hi = max(0, m.start() - P.WINDOW), min(len(text), m.end() + P.WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    found: list[tuple[int, int, str]] = []
    for (name, pattern), (lo, hi) in itertools.product(P.PATTERNS, windows):
        for m in pattern.finditer(text, lo, hi):
            start, end = m.start(), m.end()
            # patterns may swallow surrounding spaces through optional groups
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start > 0 and text[start - 1].isalnum():
                continue  # mid-word: "now" in "know", "may" in "dismay"
            start = _drop_determiner(text, start, end, name)
            if end > start and _keep(name, text, start, end, tokens):
                found.append((start, end, name))
    return found


def _select(cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping candidates: longest first, then pattern priority, then leftmost."""
    chosen: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for start, end, name in sorted(
        cands, key=lambda c: (-(c[1] - c[0]), P.PRIORITY.get(c[2], 99), c[0])
    ):
        if any(start < e and s < end for s, e in taken):
            continue
        chosen.append((start, end, name))
        taken.append((start, end))
    return sorted(chosen)


def _entity_spans(doc: Doc) -> list[tuple[int, int]]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        text = ent.text
        lead = _LEADING.match(text)
        start = ent.start_char + (lead.end() if lead else 0)
        trail = _TRAILING.search(text)
        end = ent.end_char - (len(trail[0]) if trail else 0)
        if end > start:
            out.append((start, end))
    return out


_DATEPARSER_WORTHY = re.compile(
    r"\b(?:1[6-9]\d\d|20\d\d)\b|\d+[/.-]\d+|\b(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov"
    r"|Dec)\b"
)


@functools.lru_cache(maxsize=4096)
def _dateparser_read(text: str, anchor: date | None) -> Norm | None:
    """dateparser on one span (cached): a DATE value at the granularity dateparser reports."""
    if not _DATEPARSER_WORTHY.search(text):
        return None  # bare numbers (ages) and words alone: dateparser's guesses are not values
    from dateparser.date import DateDataParser  # slow import: only when needed

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    value = {"year": f"{d.year}", "month": f"{d.year}-{d.month:02d}"}.get(period, d.isoformat())
    start, end = iso_interval(value)
    rule = (RELATIVE if anchor is not None and not re.search(r"\b\d{4}\b", text) else ABSOLUTE)
    return Norm("DATE", value, date.fromisoformat(start) if start else None,
                date.fromisoformat(end) if end else None, rule + "dateparser",
                rule == RELATIVE)


def find_time_expressions(
    doc: Doc, article_id: str, anchor: date | None, anchored: str = "published"
) -> list[TimeExpression]:
    """Every time expression of a parsed article, normalised against `anchor`.

    `anchored` says what the anchor is ("published" or "estimate"); it is recorded on each
    expression whose value depended on it. With `anchor=None`, relative expressions get
    underspecified TIMEX3 values and no interval, and are marked `anchored="none"`.
    """
    text = doc_text(doc)
    tokens = _TokenIndex(doc)
    chosen = _select(_pattern_candidates(text, tokens))
    spans: list[tuple[int, int, str]] = list(chosen)
    for start, end in _entity_spans(doc):
        if any(start < e and s < end for s, e, _ in chosen):
            continue
        spans.append((start, end, "spacy"))
    spans.sort()

    sent_starts = [0] + [s.start_char for s in doc.sents] if spans else [0]
    out: list[TimeExpression] = []
    for start, end, name in spans:
        quote = text[start:end]
        tok = tokens.at(start)
        if _in_url(text, start, end) or _is_age(quote):
            continue
        tense = None
        if tok is not None:
            sent_start = sent_starts[bisect.bisect_right(sent_starts, start) - 1]
            tense = _tense_in_context(_root_at(tokens, start, end) or tok, text, sent_start)
        if name == "spacy":
            norm = normalise_phrase(quote, anchor, tense) or _dateparser_read(quote, anchor)
        elif name == "narrative":
            told = _narrative_date(out, start, sent_starts)
            if told is None:  # no date to count from: a date, but not the writing's day
                norm = Norm("DATE", "XXXX-XX-XX", None, None, ABSOLUTE + "narrative-unknown",
                            False)
            else:
                norm = normalise(name, quote, told[0], tense)
                if norm is not None and not told[1]:  # counted from a date the text gives
                    norm = replace(norm, relative=False,
                                   rule=ABSOLUTE + norm.rule[len(RELATIVE):])
        else:
            norm = normalise(name, quote, anchor, tense)
        if norm is None:
            continue
        out.append(_record(article_id, start, end, quote, norm, anchor, anchored))
    return _that_part_of_day(out, sent_starts)


_THAT_POD = re.compile(r"(?i)^that\s+(morning|afternoon|evening|night)$")


def _that_part_of_day(found: list[TimeExpression], sent_starts: list[int]) -> list[TimeExpression]:
    """ "that morning" is a part of the day its sentence named before it ("suspended its
    participation on Saturday, saying drones had struck that morning": Saturday morning), not
    of the article's day."""
    out: list[TimeExpression] = []
    for tx in found:
        if _THAT_POD.match(tx.quote) and tx.value and "T" in tx.value:
            sent = sent_starts[bisect.bisect_right(sent_starts, tx.start) - 1]
            day = next((p for p in reversed(out) if sent <= p.start < tx.start and p.type == "DATE"
                        and p.earliest and p.earliest == p.latest), None)
            if day is not None:
                pod = tx.value.split("T", 1)[1]
                tx = dataclasses.replace(tx, value=f"{day.earliest}T{pod}", earliest=day.earliest,
                                         latest=day.latest)
        out.append(tx)
    return out


_NARRATIVE_SENTENCES = 2  # how far back "two days later" looks for the date it counts from


def _narrative_date(found: list[TimeExpression], start: int, sent_starts: list[int]
                    ) -> tuple[date, bool] | None:
    """The day "two days later" counts from: the last day-exact date before it, in its own
    sentence or the two before; and whether that date rested on the anchor."""
    here = bisect.bisect_right(sent_starts, start) - 1
    floor = sent_starts[max(0, here - _NARRATIVE_SENTENCES)]
    for tx in reversed(found):
        if tx.start < floor:
            return None
        if tx.type == "DATE" and len(tx.value) == 10 and tx.value[4] == "-" and \
                tx.value[:4].isdigit() and tx.earliest == tx.latest and tx.earliest:
            return date.fromisoformat(tx.earliest), tx.anchored != "none"
    return None


def _record(
    article_id: str, start: int, end: int, quote: str, norm: Norm, anchor: date | None,
    anchored: str,
) -> TimeExpression:
    if norm.relative:
        how = anchored if anchor is not None else "none"
    else:
        how = "none"  # read off the text alone
    return TimeExpression(
        article_id=article_id,
        start=start,
        end=end,
        quote=quote,
        type=norm.type,
        value=norm.value,
        earliest=norm.earliest.isoformat() if norm.earliest else None,
        latest=norm.latest.isoformat() if norm.latest else None,
        anchored=how,
        rule=norm.rule,
    )


def find_in_text(
    text: str, anchor: date | None, article_id: str = "", anchored: str = "published"
) -> list[TimeExpression]:
    """Parse `text` with the shared spaCy pipeline and find its time expressions."""
    from storyline import nlp

    return find_time_expressions(nlp.parse(text), article_id, anchor, anchored)
