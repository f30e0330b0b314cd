"""Whether a change leaves the extracted records as they were: ingest the first N BBC articles
with this checkout, dump the stored events, figures and statements, and compare them exactly
with a dump made before the change (a speed change must not alter a single record).

    python benchmarks/compare_records.py --limit 150 --out before.json      # before the change
    python benchmarks/compare_records.py --limit 150 --out after.json --against before.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news"
TABLES = ("events", "figures", "statements")


def dump(db: Path) -> dict[str, list[list]]:
    """Every stored record of the compared tables, in a fixed order, without row ids."""
    import sqlite3

    out: dict[str, list[list]] = {}
    with sqlite3.connect(db) as con:
        for table in TABLES:
            cur = con.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, row, strict=True)) for row in cur]
            for row in rows:
                row.pop("id", None)
            out[table] = sorted(([row[k] for k in sorted(row)] for row in rows), key=str)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=150, help="articles to ingest")
    parser.add_argument("--news", type=Path, default=NEWS, help="folder of the BBC .jsonl files")
    parser.add_argument("--out", type=Path, required=True, help="where to write the dump")
    parser.add_argument("--against", type=Path, help="an earlier dump to compare with")
    args = parser.parse_args()
    files = sorted(args.news.glob("*.jsonl"))
    if not files:
        print(f"skipped: {args.news} is absent (the BBC files live in ../shared)")
        return 0
    lines = list(itertools.islice((line for f in files for line in f.open(encoding="utf-8")
                                   if line.strip()), args.limit))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bbc.jsonl"
        corpus.write_text("".join(lines), encoding="utf-8")
        db = Path(tmp) / "records.db"
        done = subprocess.run([sys.executable, "-m", "storyline", "ingest", str(corpus), "--db",
                               f"sqlite:///{db}", "--quiet"], capture_output=True, text=True)
        if done.returncode not in (0, 1):
            print(done.stderr[-2000:], file=sys.stderr)
            return 1
        records = dump(db)
    args.out.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    print(f"{len(lines)} articles: " + ", ".join(f"{len(v)} {k}" for k, v in records.items())
          + f" -> {args.out}")
    if args.against is None:
        return 0
    before = json.loads(args.against.read_text(encoding="utf-8"))
    differ = False
    for table in TABLES:
        old, new = before.get(table, []), records[table]
        if old == new:
            print(f"{table}: identical ({len(new)})")
            continue
        differ = True
        gone = [r for r in old if r not in new]
        came = [r for r in new if r not in old]
        print(f"{table}: DIFFER ({len(old)} before, {len(new)} after; {len(gone)} gone, "
              f"{len(came)} new)")
        for row in (gone[:3] + came[:3]):
            print("   ", json.dumps(row, ensure_ascii=False)[:300])
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
