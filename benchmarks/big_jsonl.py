"""A 200 MB JSONL through `storyline ingest --no-extract`: peak memory, first commits, flatness.

The file is generated at run time into a temporary folder (never into the repository) from the
BBC texts in ../shared/data/news: each synthetic article is 8 to 25 sentences drawn (seeded)
from the corpus's sentences, with a title and a date of the corpus, so no two are duplicates
and few are near-duplicates. The same generator makes a file a tenth of the size: peak memory
should not grow with the file (streamed rows), and the first articles should be committed
within seconds, not after the whole file is parsed.

Measured per size, in one run: peak RSS of the `storyline` process (wait4's ru_maxrss), the
time until the first and the first 1,000 articles are committed (polling the store), the
whole run, articles per second.

    python benchmarks/big_jsonl.py [--mb 200] [--small-mb 20]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news"
STORYLINE = str(Path(sys.executable).with_name("storyline"))
BAR_RSS_MB = 400
BAR_FIRST_S = 60


def _pool() -> tuple[list[str], list[str], list[str]]:
    sentences, titles, dates = [], [], []
    for path in sorted(NEWS.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            titles.append(record.get("title") or "")
            dates.append(record.get("published") or "")
            sentences += [s for s in re.split(r"(?<=[.!?])\s+", record.get("text") or "")
                          if len(s) > 30]
    return sentences, titles, dates


def generate(path: Path, megabytes: int, seed: int = 7) -> int:
    sentences, titles, dates = _pool()
    rng = random.Random(seed)
    target = megabytes * 1024 * 1024
    count = 0
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < target:
            text = " ".join(rng.choice(sentences) for _ in range(rng.randint(8, 25)))
            out.write(json.dumps({"title": rng.choice(titles), "published": rng.choice(dates),
                                  "outlet": "BBC News", "text": text}, ensure_ascii=False))
            out.write("\n")
            count += 1
    return count


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def measure(corpus: Path, db: Path) -> dict:
    started = time.monotonic()
    out_path = db.with_suffix(".out")
    with out_path.open("wb") as out:
        proc = subprocess.Popen([STORYLINE, "ingest", str(corpus), "--db", str(db),
                                 "--no-extract", "--quiet", "--format", "json"],
                                stdout=out, stderr=subprocess.DEVNULL)
        first = first_k = None
        while True:
            # wait4 reaps the child and gives its own peak RSS (ru_maxrss)
            pid, _status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            n = _count(db)
            now = time.monotonic() - started
            if n >= 1 and first is None:
                first = now
            if n >= 1000 and first_k is None:
                first_k = now
            time.sleep(0.25)
    seconds = time.monotonic() - started
    text = out_path.read_text(encoding="utf-8")
    summary = json.loads(text) if text.strip().startswith("{") else {}
    stored = summary.get("stored", _count(db))
    return {"stored": stored, "failed": summary.get("failed"), "seconds": seconds,
            "first_s": first, "first_1000_s": first_k, "per_second": stored / seconds,
            "peak_rss_mb": usage.ru_maxrss / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--small-mb", type=int, default=20)
    args = parser.parse_args()
    if not NEWS.is_dir():
        print(f"skipped: {NEWS} is absent (../shared beside the checkout)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="storyline-big-"))
    try:
        rows = []
        for mb in (args.small_mb, args.mb):
            corpus = work / f"synthetic-{mb}mb.jsonl"
            lines = generate(corpus, mb)
            result = measure(corpus, work / f"{mb}.db")
            size = corpus.stat().st_size / 1024 / 1024
            rows.append((mb, result))
            first_k = (f"{result['first_1000_s']:.1f} s" if result["first_1000_s"] is not None
                       else "n/a")
            print(f"{size:6.1f} MB, {lines} lines: stored {result['stored']} "
                  f"(failed {result['failed']}) in {result['seconds']:.0f} s "
                  f"({result['per_second']:.0f} articles/s); first article committed after "
                  f"{result['first_s']:.1f} s, first 1,000 after {first_k}; peak RSS "
                  f"{result['peak_rss_mb']:.0f} MB", flush=True)
            corpus.unlink()
            (work / f"{mb}.db").unlink()
        big = rows[-1][1]
        small = rows[0][1]
        print(f"bars: peak RSS {big['peak_rss_mb']:.0f} MB (< {BAR_RSS_MB}: "
              f"{'yes' if big['peak_rss_mb'] < BAR_RSS_MB else 'NO'}), first article "
              f"{big['first_s']:.1f} s (< {BAR_FIRST_S} s: "
              f"{'yes' if big['first_s'] < BAR_FIRST_S else 'NO'}); peak RSS "
              f"{args.small_mb} MB → {args.mb} MB: {small['peak_rss_mb']:.0f} → "
              f"{big['peak_rss_mb']:.0f} MB")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
