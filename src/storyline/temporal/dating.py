"""Publication-date estimation for articles that state no date.

An estimate is an interval (earliest, latest), a best day inside it, the method that produced it
("text", "story", "text+story") and the evidence for each bound as quotes. The clues:

- from the text (`temporal.evidence`): the latest full date mentioned as past (a lower bound),
  dates mentioned as ahead (an upper bound), weekday-and-date pairs that fix a year ("Thursday,
  October 26" → 2023), durations counted from an anchor the text names ("the 19-month-old war"
  with "the Oct. 7, 2023, attack"), weekday mentions ("said Monday", "upcoming meeting on
  Wednesday") and "this week", which place the day inside its week;
- from the story's record (`temporal.story_index.StoryIndex`, built from the dated articles of
  the store): the dates at which the same figures and named things were reported, and the
  anchors of durations when the text names none.

Bounds are applied strongest first; one that would empty the interval is dropped and said so.
Only dates whose clause is in the past tense bound from below; dates that label an amendment
("Correction 4 January 2024:") bound from above. When only one side is bounded the other stays
open (to the reference day); an interval wider than `max_interval_days`, or a text with no dated
clue, gives no estimate (None) rather than a guess.
Inside the interval, the best day minimises a weighted sum of distances (to the last past date,
to each weekday mentioned, to a duration's centre, to the story's densest day); the weights live
in `data/base/dating.yaml`.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from storyline.records import Article, DateEstimate
from storyline.temporal.evidence import (
    FUTURE,
    PAST,
    REVISION,
    WEEKDAYS,
    DateMention,
    Duration,
    TextEvidence,
    collect,
    config,
    evidence_from_dict,
    evidence_to_dict,
)
from storyline.temporal.story_index import (
    IndexEntry,
    StoryEvidence,
    StoryIndex,
    entry_for,
    phrases,
    text_key,
)


@dataclass
class _Bound:
    strength: int  # higher is applied first
    lo: date | None
    hi: date | None
    note: str
    source: str  # "text" or "story"
    precise: bool = True  # a day, a duration, the story: close enough to justify a horizon


@dataclass
class _Centre:
    day: date
    weight: float


# ----------------------------------------------------------------------- calendar helpers


def add_months(day: date, months: float) -> date:
    """`day` plus a (possibly fractional) number of calendar months."""
    whole = int(months // 1)
    index = day.year * 12 + day.month - 1 + whole
    year, month = divmod(index, 12)
    month += 1
    d = date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return d + timedelta(days=round((months - whole) * 30.44))


def add_units(day: date, amount: float, unit: str) -> date:
    if unit == "D":
        return day + timedelta(days=round(amount))
    if unit == "W":
        return day + timedelta(days=round(amount * 7))
    if unit == "M":
        return add_months(day, amount)
    return add_months(day, amount * 12)


def _latest_on_or_before(month: int, day: int | None, limit: date) -> date | None:
    """The latest date with this month (and day) on or before `limit`."""
    for year in (limit.year, limit.year - 1, limit.year - 2):
        try:
            d = date(year, month, day or 1)
        except ValueError:
            continue  # 29 February
        if d <= limit:
            return d
    return None


def _earliest_on_or_after(month: int, day: int | None, limit: date) -> date | None:
    for year in (limit.year, limit.year + 1, limit.year + 2):
        try:
            d = date(year, month, day or calendar.monthrange(year, month)[1])
        except ValueError:
            continue
        if d >= limit:
            return d
    return None


def _month_last(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _fmt(d: date) -> str:
    return d.isoformat()


# ----------------------------------------------------------------------- the estimate


def estimate_from_text(doc: Doc, article_id: str = "") -> DateEstimate | None:
    """Estimate from the article's own words (None when they fix no date)."""
    return estimate(doc, article_id, None)


def estimate(
    doc: Doc,
    article_id: str = "",
    story: StoryIndex | None = None,
    reference: date | None = None,
    evidence: TextEvidence | None = None,
) -> DateEstimate | None:
    """Estimate an undated article's publication day from its text and the story's record.

    The article itself is left out of the story lookup (its own id), so an index built over a
    whole corpus can date each of its articles as if it were unseen. `reference` is the latest
    possible day (today by default): nothing is published in the future.
    """
    reference = reference or date.today()
    ev = evidence if evidence is not None else collect(doc, article_id)
    story_ev = story.lookup(doc, exclude=article_id) if story is not None and len(story) else None
    return combine(ev, story_ev, story, reference, article_id)


def combine(
    ev: TextEvidence,
    story_ev: StoryEvidence | None,
    story: StoryIndex | None,
    reference: date,
    article_id: str = "",
) -> DateEstimate | None:
    """Turn the clues into an interval and a best day (None when nothing bounds the date)."""
    cfg = config()
    bounds: list[_Bound] = []
    past_days: list[tuple[date, str]] = []
    centres: list[_Centre] = []

    # 1. dates stated in full
    for d in ev.dates:
        if not d.absolute or d.first is None or d.last is None:
            continue
        if (d.last - d.first).days > 366:
            continue  # decades and centuries bound nothing useful
        if d.tense == REVISION:
            bounds.append(_Bound(4, None, d.last, f'"{d.quote}" dates an amendment: published on '
                                 f"or before {_fmt(d.last)}", "text", d.day_precise))
        elif d.tense == FUTURE:
            if d.last >= reference - timedelta(days=3660):
                bounds.append(_Bound(4, None, d.last, f'"{d.quote}" lies ahead: on or before '
                                     f"{_fmt(d.last)}", "text", d.day_precise))
        elif d.first <= reference:
            # a date whose clause shows no tense may lie ahead ("the deadline, 28 January"): it
            # pulls the best day but bounds nothing
            if d.tense == PAST:
                bounds.append(_Bound(5 if d.day_precise else 4, d.first, None,
                                     f'"{d.quote}" is past: on or after {_fmt(d.first)}', "text",
                                     d.day_precise))
            if d.day_precise:
                past_days.append((d.first, d.quote))

    # 2. weekday-and-date pairs fix the year
    lowest = max((b.lo for b in bounds if b.lo), default=None)
    for d in ev.dates:
        if d.absolute or d.weekday is None or d.day is None or d.month is None:
            continue
        year = _weekday_year(d, reference, story_ev, lowest)
        if year is None:
            continue
        day = date(year, d.month, d.day)
        why = (f'"{d.quote}": {WEEKDAYS[d.weekday].title()} {d.month}/{d.day} falls in {year}'
               " (the latest such year before the reference day"
               + (" within the story's record)" if story_ev else ")"))
        if d.tense in (FUTURE, REVISION):
            bounds.append(_Bound(4, None, day, why + "; it lies ahead", "text"))
        else:
            if d.tense == PAST:
                bounds.append(_Bound(5, day, None, why + "; it is past", "text"))
            past_days.append((day, d.quote))

    # 3. durations counted from a date the text states in full
    done: set[int] = set()
    cfg_w = float(cfg["weights"]["duration"])
    for i, dur in enumerate(ev.durations):
        got = _duration_bound(dur, ev, None, None, reference, article_id)
        if got is not None:
            _add_duration(got, dur, bounds, centres, cfg_w)
            done.add(i)

    # 4. a coarse window (the firm bounds, else the story's record) gives yearless dates a year
    lo_c, hi_c = _apply([b for b in bounds if b.strength >= 3 and b.precise], reference)[:2]
    horizon = timedelta(days=int(cfg["one_sided_horizon_days"]))
    ref_lo: date | None = None
    ref_hi: date | None = None
    # a lower bound alone gives no window: "11 September 2001" says nothing about which
    # October "7 October" is
    if lo_c is not None and hi_c is not None and hi_c < reference:
        ref_lo, ref_hi = lo_c, hi_c
    elif story_ev is not None:
        ref_lo, ref_hi = story_ev.earliest, story_ev.latest
    span = (ref_hi - ref_lo).days if ref_hi is not None and ref_lo is not None else None
    if span is not None and span <= 300:
        for d in ev.dates:
            if d.absolute or d.month is None or d.weekday is not None:
                continue
            if d.day is None:
                continue  # "in March": the month may be the story's, not the article's
            if d.tense in (FUTURE, REVISION):
                got_day = _earliest_on_or_after(d.month, d.day, ref_lo)
                if got_day is not None:
                    bounds.append(_Bound(2, None, got_day, f'"{d.quote}" lies ahead: on or before '
                                         f"{_fmt(got_day)} (year from the other evidence)",
                                         "text"))
            else:
                got_day = _latest_on_or_before(d.month, d.day, ref_hi)
                if got_day is not None and got_day >= ref_lo - timedelta(days=366):
                    bounds.append(_Bound(2, got_day, None, f'"{d.quote}" is past: on or after '
                                         f"{_fmt(got_day)} (year from the other evidence)",
                                         "text"))
                    if d.day is not None:
                        past_days.append((got_day, d.quote))
    # durations whose anchor needs that window or the story's record; a yearless anchor ("the
    # Oct. 7 attack") is the latest one before the window's end, or shortly after a lower bound
    anchor_hi = ref_hi
    if anchor_hi is None and lo_c is not None:
        anchor_hi = min(reference, lo_c + horizon)
    for i, dur in enumerate(ev.durations):
        if i in done:
            continue
        got = _duration_bound(dur, ev, story, anchor_hi, reference, article_id)
        if got is not None:
            _add_duration(got, dur, bounds, centres, cfg_w)

    # 5. the story's record
    story_centre: _Centre | None = None
    if story_ev is not None:
        bounds.append(_Bound(1, story_ev.earliest, story_ev.latest,
                             "story record: " + "; ".join(story_ev.quotes(3)), "story"))
        story_centre = _Centre(story_ev.best, float(cfg["weights"]["story"]))
        centres.append(story_centre)

    lo, hi, used, dropped = _apply(bounds, reference)
    if not used:
        return None
    applied_lo, applied_hi = lo, hi
    # a clue whose bound was set aside does not pull the best day either
    dropped_story = any(b.source == "story" and b.strength == 1 for b in dropped)
    # the story's densest day outside the interval the text allows: the record matched other
    # news (common words), so it must not drag the best day to the interval's edge
    outside = story_centre is not None and lo is not None and hi is not None \
        and not lo <= story_centre.day <= hi
    if dropped_story or outside:
        centres = [c for c in centres if c is not story_centre]
    lower_used = any(b.lo and b.precise for b in used)
    upper_used = any(b.hi and b.precise for b in used)
    if not lower_used and not upper_used:
        return None  # only years or months mentioned: no day to hang an interval on
    # one side open: a text can look back years ("15 May 2022") or ahead to any date, so the
    # open side stays open: up to the reference day, or back as far as an interval may reach
    # (on the BBC corpus the gap after the latest past date is under 30 days for half the
    # articles and over 600 days for a tenth); an interval wider than that is no estimate
    max_span = timedelta(days=int(cfg["max_interval_days"]))
    if not lower_used:
        lo = max(lo, hi - max_span) if lo else hi - max_span
    elif not upper_used:
        hi = reference if hi is None else hi
    if lo is None or hi is None or lo > hi:
        return None
    if hi - lo > max_span:
        return None  # "after 11 September 2001" and nothing more: no estimate, not a guess

    recency = max((d for d, _ in past_days if lo - horizon <= d <= hi), default=None)
    best, lo, hi, week_note = _choose(ev, lo, hi, recency, centres)

    sources = {b.source for b in used}
    method = "+".join(s for s in ("text", "story") if s in sources)
    # the bounds that decide the interval, every duration and story clue; others only counted
    notes = [b.note for b in used if b.strength in (1, 3) or "falls in" in b.note
             or (b.lo is not None and b.lo == applied_lo)
             or (b.hi is not None and b.hi == applied_hi)]
    others = len(used) - len(notes)
    if others:
        notes.append(f"{others} other date{'s' if others > 1 else ''} mentioned agree")
    if week_note:
        notes.append(week_note)
    if not lower_used:
        notes.append(f"no lower bound stated: open up to {max_span.days} days before the upper")
    elif not upper_used:
        notes.append(f"no upper bound stated: open up to {_fmt(hi)}")
    notes += [f"set aside (contradicts stronger evidence): {b.note}" for b in dropped]
    return DateEstimate(earliest=_fmt(lo), latest=_fmt(hi), best=_fmt(best), method=method,
                        evidence=notes)


def _add_duration(got: tuple[_Bound, date], dur: Duration, bounds: list[_Bound],
                  centres: list[_Centre], weight: float) -> None:
    """A duration that says how long ago its noun began bounds the day; "12 weeks of fighting"
    may be any stretch of it, so it only pulls the best day, and weakly."""
    if dur.form == "of":
        centres.append(_Centre(got[1], weight * float(config()["weights"]["duration_of"])))
    else:
        bounds.append(got[0])
        centres.append(_Centre(got[1], weight))


def _apply(
    bounds: list[_Bound], reference: date
) -> tuple[date | None, date | None, list[_Bound], list[_Bound]]:
    """Apply bounds strongest first, setting aside any that would empty the interval."""
    lo: date | None = None
    hi: date | None = reference
    used: list[_Bound] = []
    dropped: list[_Bound] = []
    for b in sorted(bounds, key=lambda b: -b.strength):
        new_lo = max(filter(None, (lo, b.lo)), default=None)
        new_hi = min(filter(None, (hi, b.hi)), default=None)
        if new_lo and new_hi and new_lo > new_hi:
            dropped.append(b)
            continue
        lo, hi = new_lo, new_hi
        used.append(b)
    return lo, hi, used, dropped


def _weekday_year(d: DateMention, reference: date, story_ev: StoryEvidence | None,
                  lowest: date | None) -> int | None:
    """The year in which the yearless date falls on its weekday: the latest one not after the
    reference day (or the story's record, when there is one) and not before stated dates."""
    assert d.month is not None and d.day is not None and d.weekday is not None
    top = reference
    if story_ev is not None:
        top = min(reference, story_ev.latest + timedelta(days=366))
    if d.tense == FUTURE:
        top += timedelta(days=366)
    floor = (lowest.year - 1) if lowest else reference.year - 40
    for year in range(top.year, floor - 1, -1):
        try:
            day = date(year, d.month, d.day)
        except ValueError:
            continue
        if day <= top and day.weekday() == d.weekday:
            return year
    return None


def _duration_bound(
    dur: Duration, ev: TextEvidence, story: StoryIndex | None, ref_hi: date | None,
    reference: date, article_id: str,
) -> tuple[_Bound, date] | None:
    """The window that "N units" counted from its anchor gives, and its centre."""
    anchor: date | None = None
    why = ""
    candidates: list[tuple[DateMention, str]] = []
    if dur.anchor is not None:
        candidates.append((dur.anchor, f'"{dur.anchor.quote}"'))
    if dur.noun:
        candidates += ev.anchors.get(dur.noun, [])
    for mention, how in candidates:
        if mention.absolute and mention.first is not None:
            anchor, why = mention.first, f'{dur.noun or "it"} began {_fmt(mention.first)}: {how}'
            break
        if mention.month is not None and ref_hi is not None:
            got = _latest_on_or_before(mention.month, mention.day, ref_hi)
            if got is not None:
                anchor = got
                why = (f'{dur.noun or "it"} began {_fmt(got)}: {how} (year from the other '
                       "evidence)")
                break
    source = "text"
    if anchor is None and dur.noun and story is not None:
        got_story = story.anchor(dur.noun, exclude=article_id)
        if got_story is not None:
            anchor, n = got_story
            why = (f"{dur.noun} began about {_fmt(anchor)} by the durations {n} dated articles "
                   "count on it (story record)")
            source = "story"
    if anchor is None:
        return None
    n, unit = dur.amount, dur.unit
    if unit == "D" and n >= 7:
        spans = {"exact": (-1, 2), "more_than": (0, 0.3 * n + 2), "nearly": (-0.2 * n - 1, 0),
                 "about": (-0.1 * n - 1, 0.1 * n + 1)}[dur.qualifier]
        lo = anchor + timedelta(days=round(n + spans[0]))
        hi = anchor + timedelta(days=round(n + spans[1]))
        centre = anchor + timedelta(days=round(n))
    else:
        spans = {"exact": (-0.5, 1.0), "more_than": (0.0, 2.0), "nearly": (-1.0, 0.25),
                 "about": (-0.5, 0.5)}[dur.qualifier]
        lo = add_units(anchor, n + spans[0], unit)
        hi = add_units(anchor, n + spans[1], unit)
        frac = float(config()["duration_best_offset_fraction"]) if dur.qualifier == "exact" \
            else (spans[0] + spans[1]) / 2
        centre = add_units(anchor, n + frac, unit)
    if lo > reference:
        return None
    note = (f'"{dur.quote}" ({dur.qualifier.replace("_", " ")}) counted from {_fmt(anchor)}: '
            f"{_fmt(lo)}..{_fmt(hi)}; {why}")
    return _Bound(3, lo, hi, note, source), centre


def _weekday_cost(day: date, ev: TextEvidence) -> tuple[float, bool, int]:
    """(cost, feasible, this-week violations) of publishing on `day` given the weekday mentions.

    A weekday mentioned as past is the latest such day on or before publication, one mentioned
    as ahead the next such day after it; one without tense is whichever is nearer. All of them
    fall within one week of each other.
    """
    wd = day.weekday()
    seen: set[tuple[int, str | None]] = set()
    cost, max_back, max_ahead, outside = 0.0, 0, 0, 0
    this_week_past = any(t != FUTURE for _, t in ev.this_week)
    this_week_future = any(t == FUTURE for _, t in ev.this_week)
    for m in ev.weekdays:
        key = (m.weekday, m.tense)
        if key in seen:
            continue
        seen.add(key)
        back = (wd - m.weekday) % 7
        ahead = (m.weekday - wd) % 7 or 7
        if m.tense == FUTURE:
            cost += ahead if ahead < 7 else 2  # the same day: "later on Wednesday"
            max_ahead = max(max_ahead, ahead % 7)
            if this_week_future and ahead % 7 > 6 - wd:
                outside += 1
        elif m.tense is None and ahead < back:
            cost += ahead
            max_ahead = max(max_ahead, ahead)
        else:
            cost += back
            max_back = max(max_back, back)
            if this_week_past and back > wd:
                outside += 1
    return cost, max_back + max_ahead <= 6, outside


def _choose(
    ev: TextEvidence, lo: date, hi: date, recency: date | None, centres: list[_Centre]
) -> tuple[date, date, date, str]:
    """The best day in [lo, hi] and the interval narrowed to days the weekdays allow."""
    w = config()["weights"]
    days = [lo + timedelta(days=i) for i in range((hi - lo).days + 1)]
    feasible = []
    scored = []
    for day in days:
        cost, ok, outside = _weekday_cost(day, ev) if ev.weekdays else (0.0, True, 0)
        penalty = float(w["weekday"]) * cost + float(w["this_week"]) * outside
        if recency is not None:
            penalty += float(w["recency"]) * abs((day - recency).days)
        for c in centres:
            penalty += c.weight * abs((day - c.day).days)
        scored.append((penalty, day))
        if ok:
            feasible.append(day)
    note = ""
    if feasible and len(feasible) < len(days):
        lo, hi = feasible[0], feasible[-1]
        scored = [(p, d) for p, d in scored if lo <= d <= hi]
        allowed = sorted({d.weekday() for d in feasible})
        quotes = sorted({f'"{m.quote}"' + (" (ahead)" if m.tense == FUTURE else "")
                         for m in ev.weekdays})
        note = ("weekdays mentioned " + ", ".join(quotes) + " put publication on a "
                + "/".join(WEEKDAYS[i].title() for i in allowed))
    best = min(scored, key=lambda s: (s[0], s[1]))[1]
    return best, lo, hi, note


# ----------------------------------------------------------------------- the store


def build_story_index(store) -> StoryIndex:  # noqa: ANN001 - Store, imported lazily
    """A StoryIndex over every stored article that states its date."""
    index = StoryIndex()
    for article in store.iter_articles():
        if article.published:
            try:
                day = date.fromisoformat(article.published[:10])
            except ValueError:
                continue
            index.add(article.text, day, article.id)
    return index


def _stated_day(published: str | None) -> bool:
    try:
        return bool(published) and bool(date.fromisoformat(published[:10]))
    except ValueError:
        return False


# Bump when what is stored for dating changes meaning (evidence.collect, story_index.phrases,
# the duration samples): the stored evidence and index are then rebuilt once.
DATING_VERSION = 1
# The story index's weights (a phrase's rarity among the dated articles) drift as it grows: an
# estimate made against an index this much smaller is redone even if none of its phrases changed.
REESTIMATE_GROWTH = 0.1

OnParsed = Callable[[Article, Doc], None]


def reestimate_store(  # noqa: ANN001 - store: Store, imported lazily
    store, reference: date | None = None, on_parsed: OnParsed | None = None,
    again: bool = False,
) -> int:
    """Bring the estimates of the stored articles without a stated date up to date; returns how
    many estimates changed. Dating works in two steps kept in the store:

    - the story index (table `dating_index`): one entry per dated article (its phrases and the
      durations it counts), read off its text by regular expressions once, when the article is
      first met; an ingest adds the entries of the new dated articles only;
    - each undated article's evidence (table `dating_evidence`): its parse read once, when it is
      first met; the parse is handed to `on_parsed` (the workflow extracts from it, so a new
      undated article is parsed once in all).

    An undated article is estimated when it is new, and again only when an index entry for one
    of its phrases or durations' nouns was added since, when the index grew by
    REESTIMATE_GROWTH since its estimate, or when its interval was left open up to a reference
    day that has passed. No stored article is parsed again, and with no undated article nothing
    is read at all. `again` re-estimates every undated article (from the stored evidence).
    """
    from storyline.ingest.limits import MAX_TEXT_CHARS

    reference = reference or date.today()
    dated_ids: list[str] = []
    undated_ids: list[str] = []
    for article_id, published in store.publication_dates():
        (dated_ids if _stated_day(published) else undated_ids).append(article_id)
    if not undated_ids:
        return 0  # every article states its date: no index to keep, no text to read
    if store.reset_dating(DATING_VERSION):
        again = True
    nouns = tuple(config()["duration_nouns"])

    # 1. the index entries of the dated articles not yet indexed (all of them, the first time)
    indexed = store.dating_indexed_ids()
    first_time = not indexed
    touched: set[str] = set()
    touched_nouns: set[str] = set()
    new_rows = []
    fresh = [i for i in dated_ids if i not in indexed]
    for article in store.iter_articles(fresh):
        if len(article.text) > MAX_TEXT_CHARS:
            continue  # over the one-article limit (an older store): never read, see runner
        entry = entry_for(article.text, date.fromisoformat(article.published[:10]), article.id,
                          nouns)
        touched.update(entry.phrases)
        touched_nouns.update(noun for noun, _ in entry.anchors)
        new_rows.append({"article_id": entry.article_id, "day": entry.day,
                         "text_key": entry.text_key, "phrases": "\n".join(entry.phrases),
                         "anchors": json.dumps(entry.anchors)})
    if new_rows:
        store.add_dating_entries(new_rows)

    # 2. which undated articles to estimate
    stored = store.dating_evidence(DATING_VERSION)
    index: StoryIndex | None = None
    size = 0

    def story() -> StoryIndex:
        nonlocal index, size
        if index is None:
            index = StoryIndex()
            for row in store.iter_dating_entries():
                index.add_entry(IndexEntry(row.article_id, row.day, row.text_key,
                                           row.phrases.split("\n") if row.phrases else [],
                                           [tuple(a) for a in json.loads(row.anchors)]))
            size = len(index)
        return index

    def due(row) -> bool:  # noqa: ANN001 - a dating_evidence row
        if again or first_time or row.indexed is None:
            return True
        if touched_nouns and touched_nouns & set(filter(None, row.nouns.split("\n"))):
            return True
        if touched and not touched.isdisjoint(filter(None, row.phrases.split("\n"))):
            return True
        if len(indexed) + len(new_rows) >= row.indexed * (1 + REESTIMATE_GROWTH) + 1:
            return True
        est = (store.get_article(row.article_id) or Article(id="", text="", source="",
                                                            format="")).published_estimate
        return row.reference != reference.isoformat() and est is not None \
            and est.latest == row.reference  # open up to a day that has passed

    changed = 0
    done: list[str] = []
    for article_id in undated_ids:
        row = stored.get(article_id)
        if row is None or not due(row):
            continue
        ev = evidence_from_dict(json.loads(row.data))
        idx = story()
        phrases_ = row.phrases.split("\n") if row.phrases else []
        changed += _estimate_stored(store, article_id, ev, phrases_, row.text_key, idx,
                                    reference)
        done.append(article_id)

    # 3. undated articles met for the first time: parsed once, their evidence kept
    new_undated = [i for i in undated_ids if i not in stored]
    if new_undated:
        from storyline import nlp

        articles = [a for a in store.iter_articles(new_undated)
                    if len(a.text) <= MAX_TEXT_CHARS and "non_english" not in a.flags]
        idx = story() if articles else StoryIndex()
        docs = nlp.parse_many(a.text for a in articles)
        for article, doc in zip(articles, docs, strict=True):
            ev = collect(doc, article.id)
            found = sorted(phrases(article.text))
            key = text_key(article.text)
            store.save_dating_evidence({
                "article_id": article.id, "version": DATING_VERSION, "text_key": key,
                "phrases": "\n".join(found),
                "nouns": "\n".join(sorted({d.noun for d in ev.durations if d.noun})),
                "data": json.dumps(evidence_to_dict(ev)), "indexed": None, "reference": None,
            })
            changed += _estimate_stored(store, article.id, ev, found, key, idx, reference)
            done.append(article.id)
            if on_parsed is not None:
                on_parsed(store.get_article(article.id) or article, doc)
    if done:
        store.mark_dated(done, size if index is not None else len(indexed) + len(new_rows),
                         reference.isoformat())
    return changed


def _estimate_stored(store, article_id: str, ev: TextEvidence,  # noqa: ANN001 - Store
                     found: list[str], key: str, index: StoryIndex, reference: date) -> int:
    """Estimate one undated article from its stored evidence and phrases (no text, no parse)."""
    story = index if len(index) else None
    story_ev = index.lookup_phrases(found, key, exclude=article_id) if story else None
    est = combine(ev, story_ev, story, reference, article_id)
    return int(store.set_estimate(article_id, est))
