"""`storyline evaluate dating`: hide each dated article's date and estimate it.

Two runs over the same articles:

- single-article: the text alone (`temporal.dating.estimate_from_text`);
- with the story's record: every other article of the corpus indexed with its date
  (`StoryIndex`), the article itself and every exact duplicate of its text left out
  (leave-one-out: the BBC corpus holds four texts twice under two ids).

Reported per run: the share of articles that got an estimate, and over those the median
absolute error of the best day in days, the shares within 0, 1, 7 and 30 days, the share of true
dates inside the interval and the median interval width. No public tool dates undated news, so
the bar printed beside the figures is the project's own: median error ≤ 3 days with the story's
record and ≥ 90% of true dates inside their interval.
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline.app import JsonOption, console, evaluate_app, fail
from storyline.records import DateEstimate
from storyline.temporal.dating import combine
from storyline.temporal.evidence import collect
from storyline.temporal.story_index import StoryIndex

BAR = {"median_error_days": 3.0, "interval_coverage": 0.90}


def read_corpus(paths: list[Path]) -> list[dict[str, Any]]:
    """Articles with a text and a `published` date from JSONL files (others skipped)."""
    out: list[dict[str, Any]] = []
    for path in paths:
        if not path.is_file():
            raise typer.BadParameter(f"no such file: {path}")
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise typer.BadParameter(f"{path}:{n}: not JSON ({exc.msg})") from None
                text, published = rec.get("text"), rec.get("published")
                if not isinstance(text, str) or not isinstance(published, str):
                    continue
                try:
                    day = date.fromisoformat(published[:10])
                except ValueError:
                    continue
                out.append({"id": str(rec.get("id") or f"{path.name}#{n}"), "text": text,
                            "day": day})
    return out


def _sample(items: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """Every k-th article, so a limited run still spans the corpus's dates."""
    if not limit or limit >= len(items):
        return items
    ordered = sorted(items, key=lambda a: (a["day"], a["id"]))
    step = len(ordered) / limit
    return [ordered[int(i * step)] for i in range(limit)]


def score(results: list[tuple[date, DateEstimate | None]]) -> dict[str, Any]:
    """Figures for one run: (true day, estimate) pairs."""
    got = [(t, e) for t, e in results if e is not None]
    errors = [abs((date.fromisoformat(e.best) - t).days) for t, e in got]
    inside = [date.fromisoformat(e.earliest) <= t <= date.fromisoformat(e.latest) for t, e in got]
    widths = [(date.fromisoformat(e.latest) - date.fromisoformat(e.earliest)).days + 1
              for _, e in got]
    n = len(got)

    def share(pred: list[bool]) -> float | None:
        return round(sum(pred) / n, 4) if n else None

    methods: dict[str, int] = {}
    for _, e in got:
        methods[e.method] = methods.get(e.method, 0) + 1
    return {
        "articles": len(results),
        "estimated": n,
        "estimated_share": round(n / len(results), 4) if results else None,
        "median_error_days": statistics.median(errors) if errors else None,
        "within_0": share([x == 0 for x in errors]),
        "within_1": share([x <= 1 for x in errors]),
        "within_7": share([x <= 7 for x in errors]),
        "within_30": share([x <= 30 for x in errors]),
        "interval_coverage": share(inside),
        "median_interval_days": statistics.median(widths) if widths else None,
        "methods": methods,
    }


def evaluate(paths: list[Path], limit: int | None = None,
             reference: date | None = None) -> dict[str, Any]:
    from storyline import nlp

    reference = reference or date.today()
    corpus = read_corpus(paths)
    if not corpus:
        raise typer.BadParameter("no article with a text and a published date in the corpus")
    t0 = time.perf_counter()
    index = StoryIndex()
    for art in corpus:
        index.add(art["text"], art["day"], art["id"])
    index_s = time.perf_counter() - t0
    sample = _sample(corpus, limit)
    single: list[tuple[date, DateEstimate | None]] = []
    story: list[tuple[date, DateEstimate | None]] = []
    t1 = time.perf_counter()
    docs = nlp.parse_many((a["text"] for a in sample), batch_size=32)
    est_s = 0.0
    # one parse and one reading of the clues per article, shared by both runs
    for art, doc in zip(sample, docs, strict=True):
        t2 = time.perf_counter()
        ev = collect(doc, art["id"])
        single.append((art["day"], combine(ev, None, None, reference, art["id"])))
        # leave-one-out: the lookup leaves out the article and every exact duplicate of it
        looked = index.lookup(doc, exclude=art["id"])
        story.append((art["day"], combine(ev, looked, index, reference, art["id"])))
        est_s += time.perf_counter() - t2
    run_s = time.perf_counter() - t1
    return {
        "corpus": [str(p) for p in paths],
        "corpus_articles": len(corpus),
        "reference_day": reference.isoformat(),
        "single_article": score(single),
        "with_story_record": score(story),
        "bar": BAR,
        "seconds": {"index": round(index_s, 1), "parse_and_estimate": round(run_s, 1),
                    "estimate_only": round(est_s, 1)},
        "articles_per_second": round(len(sample) / run_s, 2) if run_s else None,
    }


@evaluate_app.command("dating")
def dating_command(
    corpus: Annotated[list[Path], typer.Option("--corpus", help="JSONL with text and published "
                                               "(repeatable).")],
    limit: Annotated[int | None, typer.Option("--limit", help="Score this many articles, spread "
                                              "over the corpus's dates.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Publication-date estimation: hide each article's date, estimate it, compare."""
    try:
        result = evaluate(corpus, limit)
    except typer.BadParameter as exc:
        raise fail(str(exc)) from None
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(title=f"Dating {result['single_article']['articles']} articles "
                  f"(story record: the other {result['corpus_articles'] - 1})")
    table.add_column("figure")
    table.add_column("single-article", justify="right")
    table.add_column("with story record", justify="right")
    table.add_column("bar", justify="right")
    rows = [
        ("share with an estimate", "estimated_share", "{:.1%}", ""),
        ("median |error| (days)", "median_error_days", "{:g}", "≤ 3 (story record)"),
        ("within 0 days", "within_0", "{:.1%}", ""),
        ("within 1 day", "within_1", "{:.1%}", ""),
        ("within 7 days", "within_7", "{:.1%}", ""),
        ("within 30 days", "within_30", "{:.1%}", ""),
        ("true date inside interval", "interval_coverage", "{:.1%}", "≥ 90%"),
        ("median interval width (days)", "median_interval_days", "{:g}", ""),
    ]
    for label, key, fmt, bar in rows:
        cells = []
        for run in ("single_article", "with_story_record"):
            value = result[run][key]
            cells.append("–" if value is None else fmt.format(value))
        table.add_row(label, *cells, bar)
    console.print(table)
    console.print("shares after the first row are over the articles that got an estimate; "
                  f"methods: {result['with_story_record']['methods']}; "
                  f"speed: {result['articles_per_second']} articles/s parsed and dated "
                  f"({result['seconds']['parse_and_estimate']}s, of which dating "
                  f"{result['seconds']['estimate_only']}s; story index "
                  f"{result['seconds']['index']}s)")
