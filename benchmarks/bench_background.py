"""Background mentions dated to their article's day, and how many clusters one past event forms.

Ingests ../shared/data/news (the BBC corpus) with the product path (`ingest_paths` then
`update_store`: extraction and story), then:

1. lists every event dated to its article's publication day (earliest = latest = the anchor
   day) whose sentence says it is older than that. The detector is deliberately independent of
   the product's rule (extract/event_dates.py reads the dependency parse): it reads only the
   surface text of the sentence and the stored time expressions. A cue attaches to the event
   when it lies in the same clause as its trigger: no comma,
   semicolon, colon, dash, bracket, quotation mark, clause word ("which", "when", "after",
   "and" …) or reporting verb ("said", "insisted" …) between them, and at most 12 words
   apart. Cues:
   - earlier-date: a time expression of at most 31 days ending 8 or more days before the
     article ("7 October" in a November article, "last month");
   - past-adverbial: "last week/month/year", "N days/weeks/months/years ago", "earlier this
     month/year", "in 2014" (an earlier year), "previously", "formerly";
   - since-reference: "since" at most 5 words before the trigger ("since the war began",
     "since Hamas's attacks"): the event is the past starting point of something;
   - ongoing-since: "since" after the trigger ("have been killed since then"): a span up to
     now, not an event of the day (unless a superlative makes it a comparison: "the heaviest
     bombardment since the war began").
2. counts the event clusters of one dated past event (default: the 7 October 2023 attack):
   real-polarity ASSAULT clusters dated exactly that day whose main actor (the one most of its
   mentions name) is not of the excluded side (default ISR: Israel's own strikes that day are
   other events), with their mentions.

Split: articles whose id's first 8 hex digits are divisible by 3 are held out (about a third).
The held-out list has been read since extraction version 7, and the rules of
extract/event_dates.py written after that looked at both parts: the split is kept to show where
the alarms fall, not as a clean measurement.

Alarms that a reader judged false (the detector only reads the surface) are listed with their
reasons in background_verdicts.csv (article id and offsets) and are not counted; a verdict
applies only to the exact event span it names, so a changed extraction is judged afresh.

Bars (issue 8): 0 background events dated to their publication day; one 7 October cluster.

    python benchmarks/bench_background.py [--db PATH] [--workers 2] [--list 40] [--out F.json]

--db keeps the store at PATH; when PATH exists, ingest and extraction are skipped.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NEWS = SHARED / "data" / "news"
VERDICTS = Path(__file__).with_name("background_verdicts.csv")

_BOUNDARY = re.compile(
    r"[,;:()\[\]\"“”]|\s[-–—]\s|\b(which|who|whom|whose|that|when|while|where|after|before|"
    r"because|and|but|as|following|during|amid|despite|if|although|until|since|what|"
    r"say|says|said|told|tells|insisted|insists|added|claimed|warned|argued|stated)\b", re.I)
# "the heaviest bombardment since the war began": a comparison, not a span up to now
_SUPERLATIVE = re.compile(
    r"\b(most|least|first|only|worst|best|biggest|largest|highest|lowest|heaviest|deadliest|"
    r"bloodiest|fiercest|longest|strongest|greatest|latest|last)\b", re.I)
_ADVERBIAL = re.compile(
    r"\b(?:last|previous) (?:week|month|year|summer|winter|spring|autumn)\b"
    r"|\b(?:\w+|\d+) (?:days|weeks|months|years|decades) ago\b"
    r"|\bearlier this (?:week|month|year)\b|\bin (?:19|20)\d\d\b|\bpreviously\b|\bformerly\b",
    re.I)
_SINCE = re.compile(r"\bsince\b", re.I)
_YEAR = re.compile(r"(19|20)\d\d")


def read_verdicts(path: str) -> dict[tuple[str, int, int], str]:
    """Hand verdicts on alarms: (article id, start, end) → verdict ("not-background" for a
    false alarm of the surface detector). The judge read the article's sentence."""
    if not path or not Path(path).is_file():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {(r["article_id"], int(r["start"]), int(r["end"])): r["verdict"]
                for r in csv.DictReader(f)}


def heldout(article_id: str) -> bool:
    return int(article_id[:8], 16) % 3 == 0


def _attached(text: str, trig_start: int, trig_end: int, cue_start: int, cue_end: int,
              quote: tuple[int, int]) -> bool:
    """Surface attachment: in the trigger's clause (nothing between them that opens another)."""
    gap = text[trig_end:cue_start] if cue_start >= trig_end else text[cue_end:trig_start]
    return len(gap.split()) <= 12 and not _BOUNDARY.search(gap)


def _starts_today(at: int, times, anchor: date) -> bool:
    """"since Saturday" in a Saturday's article: a span that starts on the article's day."""
    return any(at <= tx.start <= at + 2 and tx.earliest and tx.earliest >= anchor.isoformat()
               for tx in times)


def _cues(event, article, times, anchor: date) -> list[tuple[str, str]]:
    text = article.text
    ts, te = event.trigger_start, event.trigger_end
    if ts is None:  # records stored before trigger offsets existed: its first word in the quote
        word = (event.trigger or "").split()[0] if event.trigger else ""
        at = event.quote.find(word) if word else -1
        if at < 0:
            return []
        ts, te = event.start + at, event.start + at + len(word)
    sent_start = text.rfind(event.sentence, 0, event.start + 1) if event.sentence else -1
    if sent_start < 0:
        sent_start = max(0, text.rfind(event.sentence[:40], 0, event.start + 1))
    sent_end = sent_start + len(event.sentence)
    quote = (event.start, event.end)
    found: list[tuple[str, str]] = []
    limit = (anchor - timedelta(days=8)).isoformat()
    for tx in times:
        if not (sent_start <= tx.start < sent_end) or tx.type != "DATE":
            continue
        if not (tx.earliest and tx.latest) or tx.latest > limit:
            continue
        if (date.fromisoformat(tx.latest) - date.fromisoformat(tx.earliest)).days > 31:
            continue
        if _attached(text, ts, te, tx.start, tx.end, quote):
            found.append(("earlier-date", tx.quote))
    sentence = text[sent_start:sent_end]
    for m in _ADVERBIAL.finditer(sentence):
        year = _YEAR.search(m.group(0))
        if year and m.group(0).lower().startswith("in") and int(year.group(0)) >= anchor.year:
            continue
        s, e = sent_start + m.start(), sent_start + m.end()
        if _attached(text, ts, te, s, e, quote):
            found.append(("past-adverbial", m.group(0)))
    for m in _SINCE.finditer(sentence):
        s, e = sent_start + m.start(), sent_start + m.end()
        if e <= ts:
            gap = text[e:ts]
            if len(gap.split()) <= 5 and not _BOUNDARY.search(gap):
                found.append(("since-reference", text[s:te]))
        elif _attached(text, ts, te, s, e, quote) and not _SUPERLATIVE.search(
                text[max(sent_start, ts - 40):s]) and not _starts_today(e, times, anchor):
            found.append(("ongoing-since", text[ts:e]))
    return found


def _ingest(url: str, workers: int) -> float:
    from storyline.ingest.pipeline import ingest_paths
    from storyline.ingest.readers import ReadOptions
    from storyline.store import Store
    from storyline.workflow import update_store

    with Store(url) as store:
        ingest_paths([str(NEWS)], store, ReadOptions())
        started = time.perf_counter()
        update_store(store, workers=workers, story=True)
        return time.perf_counter() - started


def misdated(store) -> list[dict]:
    """Every event dated to its article's day that the surface cues call older."""
    out = []
    for article in store.iter_articles():
        anchor = article.anchor_date
        if not anchor:
            continue
        day = date.fromisoformat(anchor)
        ex = store.load_extraction(article.id)
        for ev in ex.events:
            if not (ev.date_earliest == ev.date_latest == anchor):
                continue
            cues = _cues(ev, article, ex.time_expressions, day)
            if cues:
                out.append({
                    "article_id": article.id, "start": ev.start, "end": ev.end,
                    "heldout": heldout(article.id), "published": anchor,
                    "type": ev.type, "trigger": ev.trigger, "basis": ev.date_basis,
                    "cue": cues[0][0], "cue_text": cues[0][1], "quote": ev.quote,
                })
    return out


def event_clusters(store, day: str, side: str) -> list:
    """Real ASSAULT clusters whose dates include `day` (exactly, or a window around it), whose
    main actor is not of the excluded side."""
    from storyline.extract.actors import load_lexicon
    from storyline.story.build import load_story

    lex = load_lexicon()

    def of_side(name: str) -> bool:
        found = lex.lookup(name)
        return bool(found) and lex.entries[found[0]].country == side

    story = load_story(store)
    return [c for c in story.clusters
            if c.type == "ASSAULT" and c.polarity == "real"
            and c.date_earliest and c.date_earliest <= day <= (c.date_latest or c.date_earliest)
            and not (c.actors and of_side(c.actors[0]))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", help="keep the store here (a path or URL); reuse it when it exists")
    parser.add_argument("--list", type=int, default=40, help="misdated events to print")
    parser.add_argument("--out", help="write every misdated event here (JSON)")
    parser.add_argument("--day", default="2023-10-07", help="the past event's day")
    parser.add_argument("--side", default="ISR", help="actors' country excluded from its clusters")
    parser.add_argument("--verdicts", default=str(VERDICTS),
                        help="hand verdicts on the detector's alarms (CSV; '' for none)")
    args = parser.parse_args()
    if not NEWS.is_dir():
        print(f"skipped: {NEWS} is absent (the BBC corpus lives in ../shared)")
        return 0

    from storyline.store import Store
    from storyline.store.location import resolve_url, sqlite_file

    with tempfile.TemporaryDirectory() as tmp:
        url = resolve_url(args.db or str(Path(tmp) / "bbc.db"))  # a path or any store URL
        path = sqlite_file(url)
        if path is not None and not path.exists():
            seconds = _ingest(url, args.workers)
            print(f"ingested and extracted {NEWS} in {seconds:.0f} s")
        with Store(url) as store:
            articles = list(store.list_articles())
            n_events = sum(1 for _ in store.iter_records("events"))
            found = misdated(store)
            clusters = event_clusters(store, args.day, args.side)

    judged = read_verdicts(args.verdicts)
    cleared = [r for r in found if judged.get((r["article_id"], r["start"], r["end"]))
               == "not-background"]
    found = [r for r in found if r not in cleared]
    n_held = sum(1 for a in articles if heldout(a.id))
    print(f"background benchmark: {len(articles)} BBC articles ({len(articles) - n_held} dev, "
          f"{n_held} held out), {n_events} events")
    for name, rows in (("dev", [r for r in found if not r["heldout"]]),
                       ("held-out", [r for r in found if r["heldout"]]), ("all", found)):
        kinds = Counter(r["cue"] for r in rows)
        print(f"  {name:9} background events dated to their publication day: {len(rows):4d}  "
              f"{dict(sorted(kinds.items()))}   target 0")
    if cleared:
        print(f"  (not counted: {len(cleared)} alarms of the detector judged by hand not background, "
              f"in {args.verdicts})")
    exact = [c for c in clusters if c.date_earliest == c.date_latest == args.day]
    big = max(clusters, key=lambda c: len(c.mentions), default=None)
    mentions = sum(len(c.mentions) for c in exact)
    print(f"  {args.day} clusters (real ASSAULT, main actor not {args.side}): {len(exact)} dated "
          f"to the day, holding {mentions} mentions; the largest "
          f"{len(big.mentions) if big else 0}   target 1")
    around = [c for c in clusters if c not in exact]
    print(f"  ... and {len(around)} more whose dates are a window including the day, holding "
          f"{sum(len(c.mentions) for c in around)} mentions (other attacks that week or month, "
          f"or recalls of this one not folded; clusters of 3+ mentions: "
          f"{sum(1 for c in around if len(c.mentions) >= 3)})")
    for c in sorted(clusters, key=lambda c: -len(c.mentions))[:15]:
        print(f"    {len(c.mentions):4d} mentions  {c.label}  | {c.summary[:90]}")
    for r in found[: args.list]:
        print(f"  {r['article_id']} {r['start']}-{r['end']} {'H' if r['heldout'] else 'D'} "
              f"{r['published']} {r['type']} [{r['trigger']}] {r['cue']}: {r['cue_text']!r} | "
              f"{r['quote'][:100]}")
    if args.out:
        Path(args.out).write_text(json.dumps(found, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
