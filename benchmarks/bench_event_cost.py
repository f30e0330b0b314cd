"""What the event classifier costs, side by side in one run on BBC articles: the spaCy parse
alone (the product's pipeline and batch size, one process), extraction on the parsed docs with
and without the classifier (as the runner does it: a batch's articles embed together), and the
whole `storyline ingest` (one worker, as a user runs it, in a child process: start-up, reading,
dating, parse, extraction with the classifier, store, story). Target (issues 8 and 14): the
whole ingest at most 1.5 x the parse alone, in CPU seconds (the wall ratio is shown too: on a
shared machine it moves with the load). The ingest's peak resident memory is shown beside it.

    python benchmarks/bench_event_cost.py [--limit 400]
    STORYLINE_EVENT_HEAD=parse python benchmarks/bench_event_cost.py   # the parse-feature head
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import resource
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
    parser.add_argument("--news", type=Path, default=NEWS,
                        help="folder of the BBC .jsonl files (default ../shared/data/news)")
    args = parser.parse_args()
    files = sorted(args.news.glob("*.jsonl"))
    if not files:
        print(f"skipped: {args.news} is absent (the BBC files live in ../shared)")
        return 0
    lines = list(itertools.islice((line for f in files for line in f.open(encoding="utf-8")
                                   if line.strip()), args.limit))
    texts = [json.loads(line)["text"] for line in lines]

    from storyline import nlp
    from storyline.extract import embeddings, runner
    from storyline.extract import event_classifier as ec
    from storyline.extract.actors import ActorResolver
    from storyline.extract.events import extract_events
    from storyline.extract.runner import BATCH
    from storyline.records import Article

    nlp.load()
    embeddings.load()
    ec.load_head()
    w0, c0 = _clock()
    # the product's parse batch (smaller than its extraction batch); an older checkout timed
    # side by side has none and parsed at BATCH
    docs = list(nlp.parse_many(texts, batch_size=getattr(runner, "PARSE_BATCH", BATCH)))
    w1, c1 = _clock()
    parse_wall, parse_cpu = w1 - w0, c1 - c0

    def events_of(i: int) -> int:
        article = Article(id=f"a{i}", text=texts[i], source="bench", format="text")
        return len(extract_events(docs[i], article, [], ActorResolver.for_doc(docs[i])))

    def extract(head_on: bool) -> tuple[float, float, int]:
        w, c = _clock()
        n = 0
        gathered = getattr(embeddings, "gathered", None)  # absent before the batched runner
        with ec.using_head(ec.load_head() if head_on else None):
            for lo in range(0, len(docs), BATCH):
                calls = [functools.partial(events_of, i)
                         for i in range(lo, min(lo + BATCH, len(docs)))]
                n += sum(gathered(calls) if gathered else [call() for call in calls])
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
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        w, _ = _clock()
        done = subprocess.run(cmd, capture_output=True, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
        ingest_wall = time.perf_counter() - w
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        ingest_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        peak_mb = after.ru_maxrss / 1024  # the only child: the ingest
        if done.returncode not in (0, 1):
            print(done.stderr[-2000:], file=sys.stderr)
            return 1

    n = len(texts)
    inputs = getattr(ec.load_head(), "inputs", "minilm")  # STORYLINE_EVENT_HEAD=parse: the other
    print(f"event classifier cost: {n} BBC articles, one run, head over {inputs}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'run':<46} {'wall s':>8} {'CPU s':>8} {'x parse':>8} {'CPU x':>6}")
    rows = [
        ("spaCy parse alone (1 process)", parse_wall, parse_cpu),
        (f"event extraction, rules only ({rules_n} events)", rules_wall, rules_cpu),
        (f"event extraction, rules + classifier ({model_n})", model_wall, model_cpu),
        ("storyline ingest, whole (1 worker)", ingest_wall, ingest_cpu),
    ]
    for name, wall, cpu in rows:
        print(f"{name:<46} {wall:>8.1f} {cpu:>8.1f} {wall / parse_wall:>8.2f} "
              f"{cpu / parse_cpu:>6.2f}")
    ratio = ingest_cpu / parse_cpu
    verdict = "ok" if ratio <= MAX_RATIO else "OVER TARGET"
    print(f"classifier adds {(model_cpu - rules_cpu) / parse_cpu:.0%} of the parse (CPU); whole "
          f"ingest = {ratio:.2f} x the parse alone in CPU s, {ingest_wall / parse_wall:.2f} x in "
          f"wall s (target ≤ {MAX_RATIO}, CPU): {verdict}; ingest peak memory {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
