"""`storyline evaluate dating`: hide each dated article's date and estimate it, on two time
slices of the corpus: a dev slice (on or before `--dev-until`) on which the dating parameters
(`data/base/dating.yaml`) are chosen, and a held-out slice (after it) that they never saw.

Two runs per slice, through `temporal.dating.estimate`'s steps (the ones the store runs for an
undated article):

- single-article: the text alone;
- with the story's record: every other article of the same slice indexed with its date
  (`StoryIndex`), the article itself and every exact duplicate of its text left out
  (leave-one-out). Each slice is its own record, so the held-out slice is dated without the dev
  slice's articles and the dev slice without the held-out slice's dates.

Reported per run: the share of articles that got an estimate, and over those the median
absolute error of the best day in days, the shares within 0, 1, 7 and 30 days, the share of true
dates inside the interval, and the interval widths (median, quartiles, 10th/90th percentiles
and a histogram). No public tool dates undated news, so the bar printed beside the figures is
the project's own: median error ≤ 3 days with the story's record and ≥ 90% of true dates inside
their interval. `benchmarks/fit_dating.py` chooses the parameters on the dev slice.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline.app import JsonOption, console, evaluate_app, fail
from storyline.evaluate.metrics import BenchmarkCard, print_card
from storyline.records import DateEstimate
from storyline.temporal.dating import combine
from storyline.temporal.evidence import TextEvidence, collect
from storyline.temporal.story_index import StoryIndex

BAR = {"median_error_days": 3.0, "interval_coverage": 0.90}
DEFAULT_CORPUS = (Path("../shared/data/news/bbc-2023-10-to-11.jsonl"),
                  Path("../shared/data/news/bbc-2023-12-to-2024-07.jsonl"))
# The BBC corpus's first file (Oct–Nov 2023) is the dev slice; Dec 2023 – Jul 2024 is held out.
DEFAULT_DEV_UNTIL = date(2023, 11, 30)
# Interval widths (days, both ends counted) for the histogram: upper bound of each bucket.
WIDTH_BUCKETS = (1, 3, 7, 14, 30, 90, 365)
SLICES = ("dev", "held_out")


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


def _quantile(sorted_values: list[int], q: float) -> float:
    """Linear-interpolated quantile of sorted values."""
    if not sorted_values:
        return float("nan")
    pos = (len(sorted_values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def width_distribution(widths: list[int]) -> dict[str, Any]:
    """Quantiles of the interval widths and how many fall in each bucket."""
    ordered = sorted(widths)
    buckets: dict[str, int] = {}
    lower = 1
    for upper in WIDTH_BUCKETS:
        label = f"{lower}" if lower == upper else f"{lower}-{upper}"
        buckets[label] = sum(1 for w in ordered if lower <= w <= upper)
        lower = upper + 1
    buckets[f">{WIDTH_BUCKETS[-1]}"] = sum(1 for w in ordered if w > WIDTH_BUCKETS[-1])
    if not ordered:
        return {"p10": None, "p25": None, "median": None, "p75": None, "p90": None,
                "buckets": buckets}
    return {
        "p10": _quantile(ordered, 0.10), "p25": _quantile(ordered, 0.25),
        "median": statistics.median(ordered), "p75": _quantile(ordered, 0.75),
        "p90": _quantile(ordered, 0.90), "buckets": buckets,
    }


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
        "interval_widths": width_distribution(widths),
        "methods": methods,
    }


def split_slices(corpus: list[dict[str, Any]], dev_until: date) -> dict[str, list[dict]]:
    """The dev slice (published on or before `dev_until`) and the held-out slice (after)."""
    return {"dev": [a for a in corpus if a["day"] <= dev_until],
            "held_out": [a for a in corpus if a["day"] > dev_until]}


@dataclass
class Prepared:
    """One slice, parsed once: its story index and each scored article's clues and doc."""

    articles: list[dict[str, Any]]
    index: StoryIndex
    evidence: list[TextEvidence]
    docs: list  # spaCy Docs, for the story lookup
    index_seconds: float
    parse_seconds: float


def prepare(articles: list[dict[str, Any]], limit: int | None = None) -> Prepared:
    """Index the slice and parse (a sample of) its articles once, for any number of runs."""
    from storyline import nlp

    t0 = time.perf_counter()
    index = StoryIndex()
    for art in articles:
        index.add(art["text"], art["day"], art["id"])
    index_s = time.perf_counter() - t0
    sample = _sample(articles, limit)
    t1 = time.perf_counter()
    docs = list(nlp.parse_many((a["text"] for a in sample), batch_size=32))
    evidence = [collect(doc, art["id"]) for art, doc in zip(sample, docs, strict=True)]
    return Prepared(sample, index, evidence, docs, index_s, time.perf_counter() - t1)


def run_slice(prep: Prepared, reference: date) -> dict[str, Any]:
    """Both runs over a prepared slice (the current dating parameters)."""
    single: list[tuple[date, DateEstimate | None]] = []
    story: list[tuple[date, DateEstimate | None]] = []
    t0 = time.perf_counter()
    for art, doc, ev in zip(prep.articles, prep.docs, prep.evidence, strict=True):
        single.append((art["day"], combine(ev, None, None, reference, art["id"])))
        # leave-one-out: the lookup leaves out the article and every exact duplicate of it
        looked = prep.index.lookup(doc, exclude=art["id"])
        story.append((art["day"], combine(ev, looked, prep.index, reference, art["id"])))
    return {"single_article": score(single), "with_story_record": score(story),
            "estimate_seconds": round(time.perf_counter() - t0, 1)}


def card(name: str, articles: list[dict[str, Any]], scored: int, dev_until: date,
         paths: list[Path]) -> BenchmarkCard:
    days = sorted(a["day"] for a in articles)
    span = f"{days[0]}..{days[-1]}" if days else "empty"
    if name == "dev":
        split = f"dev: published on or before {dev_until}"
        developed = ("yes: the dating parameters are chosen on this slice "
                     "(benchmarks/fit_dating.py); before that they had been set on the whole "
                     "news corpus, this slice included")
    else:
        split = f"held-out: published after {dev_until}"
        developed = ("no for the parameters chosen by benchmarks/fit_dating.py on the dev "
                     "slice; the dating rules' vocabulary was written with this news corpus in view")
    return BenchmarkCard(
        benchmark="publication dating, " + ", ".join(p.name for p in paths),
        split=split,
        developed_on=developed,
        subset=(f"{scored} of the slice's {len(articles)} articles with a text and a date "
                f"({span}); story record: the slice's other articles"),
        matching=("an estimate's error is |best day - true day| in days; covered when the true "
                  "day lies in [earliest, latest]; width = latest - earliest + 1 days"),
        anchor="no public tool dates undated news: the project's bar (median error <= 3 days "
               "with the story record, >= 90% covered)",
    )


def evaluate(paths: list[Path], limit: int | None = None, reference: date | None = None,
             dev_until: date = DEFAULT_DEV_UNTIL) -> dict[str, Any]:
    reference = reference or date.today()
    corpus = read_corpus(paths)
    if not corpus:
        raise typer.BadParameter("no article with a text and a published date in the corpus")
    out: dict[str, Any] = {"corpus": [str(p) for p in paths], "corpus_articles": len(corpus),
                           "dev_until": dev_until.isoformat(),
                           "reference_day": reference.isoformat(), "bar": BAR, "slices": {}}
    for name, articles in split_slices(corpus, dev_until).items():
        if not articles:
            continue
        prep = prepare(articles, limit)
        result = run_slice(prep, reference)
        result["card"] = card(name, articles, len(prep.articles), dev_until, paths).to_dict()
        result["slice_articles"] = len(articles)
        result["seconds"] = {"index": round(prep.index_seconds, 1),
                             "parse_and_clues": round(prep.parse_seconds, 1),
                             "estimate": result.pop("estimate_seconds")}
        out["slices"][name] = result
    return out


def _print_slice(name: str, result: dict[str, Any]) -> None:
    print_card(console, BenchmarkCard(**result["card"]))
    table = Table(title=f"{name}: dating {result['single_article']['articles']} articles")
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
    for q in ("p10", "p25", "p75", "p90"):
        cells = [result[run]["interval_widths"][q] for run in ("single_article",
                                                               "with_story_record")]
        table.add_row(f"interval width {q} (days)",
                      *("–" if v is None else f"{v:g}" for v in cells), "")
    console.print(table)
    hist = result["with_story_record"]["interval_widths"]["buckets"]
    console.print("widths with the story record (days: articles): "
                  + ", ".join(f"{k}: {v}" for k, v in hist.items()), highlight=False)
    console.print(f"methods: {result['with_story_record']['methods']}; seconds: "
                  f"{result['seconds']}", highlight=False)


@evaluate_app.command("dating")
def dating_command(
    corpus: Annotated[list[Path] | None, typer.Option(
        "--corpus", help="JSONL with text and published (repeatable); default: the two "
        "files under ../shared/data/news.")] = None,
    dev_until: Annotated[str, typer.Option(
        "--dev-until", help="Last publication day of the dev slice; later articles are the "
        "held-out slice.")] = DEFAULT_DEV_UNTIL.isoformat(),
    limit: Annotated[int | None, typer.Option("--limit", help="Score this many articles per "
                                              "slice, spread over its dates.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Publication-date estimation on a dev and a held-out time slice: hide each article's
    date, estimate it, compare."""
    try:
        until = date.fromisoformat(dev_until)
    except ValueError:
        raise fail(f"--dev-until wants a date as YYYY-MM-DD, got {dev_until!r}") from None
    try:
        result = evaluate(list(corpus or DEFAULT_CORPUS), limit, dev_until=until)
    except typer.BadParameter as exc:
        raise fail(str(exc)) from None
    if as_json:
        console.print_json(json.dumps(result))
        return
    for name, res in result["slices"].items():
        console.rule(name)
        _print_slice(name, res)
