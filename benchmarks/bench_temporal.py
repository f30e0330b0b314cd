"""Speed of the time-expression stage on the BBC news set (../shared/data/news/*.jsonl).

Parses each article once with spaCy (timed separately), then times `find_time_expressions`
alone. Target: at least 50 articles/s for the stage on one core, excluding the parse.

    python benchmarks/bench_temporal.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

TARGET = 50.0
NEWS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="articles (0 = all)")
    args = parser.parse_args()
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        print(f"skipped: no news data at {NEWS.resolve()}")
        return 0
    from storyline import nlp
    from storyline.temporal.expressions import find_time_expressions

    articles = []
    for f in files:
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                articles.append(json.loads(line))
    if args.limit:
        articles = articles[: args.limit]
    texts = [a.get("text") or "" for a in articles]
    nlp.load()
    t0 = time.perf_counter()
    docs = list(nlp.parse_many(texts, batch_size=32))
    parse_s = time.perf_counter() - t0

    # warm-up: first calls compile patterns and may import dateparser
    find_time_expressions(docs[0], "warm", date(2024, 1, 1))
    found = 0
    t1 = time.perf_counter()
    for art, doc in zip(articles, docs, strict=True):
        pub = art.get("published")
        anchor = date.fromisoformat(pub[:10]) if pub else None
        found += len(find_time_expressions(doc, art.get("id", ""), anchor))
    find_s = time.perf_counter() - t1
    n = len(articles)
    chars = sum(map(len, texts))
    print(f"articles: {n} ({chars / max(n, 1):.0f} chars on average), expressions: {found}")
    print(f"spaCy parse:          {n / parse_s:8.1f} articles/s ({parse_s:.1f}s)")
    print(f"time expressions:     {n / find_s:8.1f} articles/s ({find_s:.2f}s)  target {TARGET:.0f}/s"
          f"  {'OK' if n / find_s >= TARGET else 'BELOW TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
