"""Reader speed: read_document alone (decoded text in, raw documents out) on the BBC JSONL.

No decoding, repair, identity or store: only format detection, JSON parsing, field mapping and
stated-date parsing. Best of three runs per file.

    python benchmarks/bench_readers.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from storyline.ingest.readers import ReadOptions, read_document

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"


def main() -> int:
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        print(f"skipped: {NEWS} is absent (the BBC files live in ../shared)")
        return 0
    total_docs, total_seconds = 0, 0.0
    print(f"{'file':32} {'articles':>9} {'dated':>6} {'titled':>7} {'seconds':>8} {'art/s':>8}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            result = read_document(path.name, text, ReadOptions())
            best = min(best, time.perf_counter() - start)
        dated = sum(doc.published is not None for doc in result)
        titled = sum(bool(doc.title) for doc in result)
        print(f"{path.name:32} {len(result):>9} {dated:>6} {titled:>7} {best:>8.3f} "
              f"{len(result) / best:>8.0f}")
        total_docs += len(result)
        total_seconds += best
    print(f"{'all':32} {total_docs:>9} {'':>6} {'':>7} {total_seconds:>8.3f} "
          f"{total_docs / total_seconds:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
