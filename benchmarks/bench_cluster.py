"""Dask scale-out: extraction throughput of 1 and 2 local workers into PostgreSQL, same run.

    eval "$(bash .ci/postgres.sh start)"
    python benchmarks/bench_cluster.py [--articles 400] [--rounds 2] [--whole]

The first N BBC articles (../shared/data/news, file order) are stored once with
`storyline ingest --no-extract` into a template database; each measurement copies it
(CREATE DATABASE … TEMPLATE) and runs the product's cluster path on it
(`storyline.extract.cluster.Cluster` + `extract_on_cluster`, what `storyline extract
--cluster local --workers N` runs), timing from the first batch sent to the last record
written, with the workers warm (model loaded: `Cluster` does that before it returns). Worker
counts alternate (1, 2, 1, 2 …) so that load from other jobs on the machine falls on both;
the ratio is of the medians. Also timed: the whole `storyline extract` command once per worker
count with --whole (cluster start, model load and story build included). No rule was tuned
on this.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news"


def _admin(base: str):
    from sqlalchemy import create_engine

    return create_engine(base, isolation_level="AUTOCOMMIT")


def _create(base: str, name: str, template: str | None = None) -> str:
    from sqlalchemy import text

    with _admin(base).connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"'
                                                         if template else "")))
    return base.rsplit("/", 1)[0] + f"/{name}"


def _drop(base: str, name: str) -> None:
    from sqlalchemy import text

    with _admin(base).connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = :n"), {"n": name})
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


def _sample(n: int) -> Path:
    lines: list[str] = []
    for path in sorted(NEWS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines.append(line)
            if len(lines) >= n:
                break
        if len(lines) >= n:
            break
    out = Path(tempfile.mkdtemp()) / f"bbc-{n}.jsonl"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _extract_seconds(url: str, workers: int) -> tuple[float, int]:
    from storyline.extract.cluster import Cluster, extract_on_cluster
    from storyline.extract.version import EXTRACTION_VERSION
    from storyline.store import Store

    with Store(url) as store, Cluster("local", workers) as cluster:
        ids = store.unextracted_ids(EXTRACTION_VERSION)
        started = time.perf_counter()
        saved = extract_on_cluster(store, ids, cluster)
        return time.perf_counter() - started, saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--whole", action="store_true",
                        help="also time the whole `storyline extract --cluster` command")
    args = parser.parse_args()
    base = os.environ.get("STORYLINE_TEST_PG")
    if not base:
        sys.exit("set STORYLINE_TEST_PG: eval \"$(bash .ci/postgres.sh start)\"")
    if not NEWS.is_dir():
        sys.exit(f"{NEWS} is absent: the BBC corpus is needed")
    sample = _sample(args.articles)
    template = f"bench_t_{uuid.uuid4().hex[:8]}"
    url = _create(base, template)
    subprocess.run([sys.executable, "-m", "storyline", "ingest", str(sample), "--db", url,
                    "--no-extract", "--quiet"], check=True)
    from storyline.store import Store

    with Store(url) as store:
        stored = store.count_articles()
    # the template must have no open connection when it is copied
    from sqlalchemy import text

    with _admin(base).connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": template})
    times: dict[int, list[float]] = {1: [], 2: []}
    try:
        for r in range(args.rounds):
            for workers in (1, 2):
                name = f"bench_{uuid.uuid4().hex[:8]}"
                copy = _create(base, name, template)
                try:
                    seconds, saved = _extract_seconds(copy, workers)
                finally:
                    _drop(base, name)
                times[workers].append(seconds)
                print(f"round {r + 1}, {workers} worker(s): {saved} articles in {seconds:.1f} s "
                      f"= {saved / seconds:.2f} articles/s", flush=True)
        whole = {}
        for workers in (1, 2) if args.whole else ():
            name = f"bench_{uuid.uuid4().hex[:8]}"
            copy = _create(base, name, template)
            try:
                started = time.perf_counter()
                subprocess.run([sys.executable, "-m", "storyline", "extract", "--db", copy,
                                "--cluster", "local", "--workers", str(workers), "--quiet"],
                               check=True)
                whole[workers] = time.perf_counter() - started
            finally:
                _drop(base, name)
    finally:
        _drop(base, template)
    m1, m2 = statistics.median(times[1]), statistics.median(times[2])
    print(f"{stored} BBC articles stored; extraction on warm workers, median of "
          f"{args.rounds}: 1 worker {stored / m1:.2f} articles/s, 2 workers "
          f"{stored / m2:.2f} articles/s: {m1 / m2:.2f}x (bar >= 1.7x)")
    if whole:
        print(f"whole `storyline extract --cluster local` (start, model load, story build): "
              f"1 worker {whole[1]:.1f} s, 2 workers {whole[2]:.1f} s: "
              f"{whole[1] / whole[2]:.2f}x")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
