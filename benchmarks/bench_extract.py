"""Extraction speed on the BBC corpus: spaCy parse alone, parse + extraction on one core, and
parse + extraction with 2 worker processes. Target: extraction adds at most 30% to the parse.

    python benchmarks/bench_extract.py [--limit 400]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news"
MAX_OVERHEAD = 0.30


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400, help="articles to run (0: all)")
    args = parser.parse_args()
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        print(f"skipped: {NEWS} is absent (the BBC files live in ../shared)")
        return 0

    from storyline import nlp
    from storyline.extract.pipeline import extract_article
    from storyline.extract.runner import extract_articles
    from storyline.ingest.pipeline import articles_in
    from storyline.ingest.readers import ReadOptions
    from storyline.ingest.sources import InputFile

    articles = list(articles_in((InputFile(str(f), f) for f in files), ReadOptions()))
    if args.limit:
        articles = articles[: args.limit]
    n = len(articles)
    nlp.load()

    start = time.perf_counter()
    docs = list(nlp.parse_many(a.text for a in articles))
    parse_s = time.perf_counter() - start

    start = time.perf_counter()
    records = [extract_article(a, d) for a, d in zip(articles, docs, strict=True)]
    extract_only_s = time.perf_counter() - start
    del docs

    start = time.perf_counter()
    one = list(extract_articles(articles, workers=1))
    one_s = time.perf_counter() - start

    start = time.perf_counter()
    two = list(extract_articles(articles, workers=2))
    two_s = time.perf_counter() - start
    assert len(one) == len(two) == len(records) == n

    counts = {k: sum(len(getattr(r, k)) for r in records)
              for k in ("time_expressions", "events", "figures", "statements")}
    overhead = extract_only_s / parse_s
    print(f"extraction benchmark: {n} BBC articles, "
          + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    print(f"{'run':<34} {'seconds':>8} {'articles/s':>11}")
    for name, seconds in (
        ("spaCy parse only (1 process)", parse_s),
        ("extractors only, on parsed docs", extract_only_s),
        ("parse + extract, 1 worker", one_s),
        ("parse + extract, --workers 2", two_s),
    ):
        print(f"{name:<34} {seconds:>8.2f} {n / seconds:>11.1f}")
    verdict = "ok" if overhead <= MAX_OVERHEAD else "OVER TARGET"
    print(f"extraction adds {overhead:.0%} to the parse (target ≤ {MAX_OVERHEAD:.0%}): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
