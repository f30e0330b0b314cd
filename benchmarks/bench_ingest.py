"""Ingest speed and memory on the BBC JSONL files (../shared/data/news).

Ingest alone: read, decode, repair, identify, detect language, near-duplicate check, store
(SQLite, one transaction per article); no extraction. Each size runs in a fresh process so its
peak memory is its own; memory should stay flat as the number of articles grows.

    python benchmarks/bench_ingest.py [--sizes 400,800,1574]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news"
TARGET_PER_SECOND = 300


def _child(corpus: Path, db: Path) -> dict:
    from storyline.ingest.pipeline import ingest_paths
    from storyline.store import Store

    with Store(f"sqlite:///{db}") as store:
        start = time.perf_counter()
        summary = ingest_paths([str(corpus)], store)
        seconds = time.perf_counter() - start
    return {
        "stored": summary.stored,
        "failed": summary.failed,
        "seconds": seconds,
        "per_second": summary.stored / seconds if seconds else 0.0,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="400,800,1574")
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(Path(args.child[0]), Path(args.child[1]))))
        return 0
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        print(f"skipped: {NEWS} is absent (the BBC files live in ../shared)")
        return 0
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line]
    print(f"ingest benchmark: {len(lines)} BBC articles available; one process, one core")
    print(f"{'articles':>9} {'stored':>7} {'failed':>7} {'seconds':>8} {'art/s':>8} "
          f"{'peak RSS MB':>12}   target ≥{TARGET_PER_SECOND} art/s, memory flat")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            corpus = Path(tmp) / f"news-{size}.jsonl"
            corpus.write_text("\n".join(lines[:size]) + "\n", encoding="utf-8")
            db = Path(tmp) / f"bench-{size}.db"
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(corpus), str(db)],
                check=True, capture_output=True, text=True,
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"{size:>9} {r['stored']:>7} {r['failed']:>7} {r['seconds']:>8.2f} "
                  f"{r['per_second']:>8.0f} {r['peak_rss_mb']:>12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
