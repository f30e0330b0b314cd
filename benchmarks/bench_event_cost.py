"""What the event classifier costs, side by side in one run on BBC articles: the spaCy parse
alone, extraction on the parsed docs with and without the classifier, and the whole
`storyline ingest` (one worker, as a user runs it: reading, dating, parse, extraction with the
classifier, store, story). Target (issue 8): the whole ingest at most 1.5 x the parse alone.

    python benchmarks/bench_event_cost.py [--limit 400]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news"
MAX_RATIO = 1.5


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400, help="articles to run")
    args = parser.parse_args()
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        print(f"skipped: {NEWS} is absent (the BBC files live in ../shared)")
        return 0
    lines = list(itertools.islice((line for f in files for line in f.open(encoding="utf-8")
                                   if line.strip()), args.limit))
    texts = [json.loads(line)["text"] for line in lines]

    from storyline import nlp
    from storyline.extract import embeddings
    from storyline.extract import event_classifier as ec
    from storyline.extract.actors import ActorResolver
    from storyline.extract.events import extract_events
    from storyline.records import Article

    nlp.load()
    embeddings.load()
    ec.load_head()
    w0, c0 = _clock()
    docs = list(nlp.parse_many(texts))
    w1, c1 = _clock()
    parse_wall, parse_cpu = w1 - w0, c1 - c0

    def extract(head_on: bool) -> tuple[float, float, int]:
        w, c = _clock()
        n = 0
        with ec.using_head(ec.load_head() if head_on else None):
            for i, doc in enumerate(docs):
                article = Article(id=f"a{i}", text=texts[i], source="bench", format="text")
                n += len(extract_events(doc, article, [], ActorResolver.for_doc(doc)))
        w2, c2 = _clock()
        return w2 - w, c2 - c, n

    rules_wall, rules_cpu, rules_n = extract(False)
    model_wall, model_cpu, model_n = extract(True)
    docs.clear()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bbc.jsonl"
        corpus.write_text("".join(lines), encoding="utf-8")
        db = Path(tmp) / "bench.db"
        cmd = [sys.executable, "-m", "storyline", "ingest", str(corpus), "--db",
               f"sqlite:///{db}", "--quiet"]
        w, _ = _clock()
        done = subprocess.run(cmd, capture_output=True, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
        ingest_wall = time.perf_counter() - w
        if done.returncode not in (0, 1):
            print(done.stderr[-2000:], file=sys.stderr)
            return 1

    n = len(texts)
    print(f"event classifier cost: {n} BBC articles, one run")
    print(f"{'run':<46} {'wall s':>8} {'CPU s':>8} {'x parse':>8}")
    rows = [
        ("spaCy parse alone (1 process)", parse_wall, parse_cpu),
        (f"event extraction, rules only ({rules_n} events)", rules_wall, rules_cpu),
        (f"event extraction, rules + classifier ({model_n})", model_wall, model_cpu),
    ]
    for name, wall, cpu in rows:
        print(f"{name:<46} {wall:>8.1f} {cpu:>8.1f} {wall / parse_wall:>8.2f}")
    print(f"{'storyline ingest, whole (1 worker)':<46} {ingest_wall:>8.1f} {'':>8} "
          f"{ingest_wall / parse_wall:>8.2f}")
    ratio = ingest_wall / parse_wall
    verdict = "ok" if ratio <= MAX_RATIO else "OVER TARGET"
    print(f"classifier adds {(model_wall - rules_wall) / parse_wall:.0%} of the parse; whole "
          f"ingest = {ratio:.2f} x the parse alone (target ≤ {MAX_RATIO}): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
