"""The story stage on the seeds plus the BBC files: speed, and the issue's three checks.

Ingests ../shared/seeds and ../shared/data/news into a fresh store with extraction (timed), then
times a story build against the extraction time (target: at most a tenth) and `storyline
timeline` as a user runs it (target: under half a second), and reports whether

- the hostage counts reported over time form one series with its sources,
- seed 000's "released two more hostages on Monday" shares a cluster with a BBC report,
- seed 001's Katz/Mardawi contradiction is a dispute.

    python benchmarks/bench_story.py [--workers 2] [--db PATH]

--db keeps the store at PATH; when PATH exists already, ingest and extraction are skipped.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
NEWS = SHARED / "data" / "news"
RELEASE_QUOTE = "released two more hostages"


def _ingest(url: str, workers: int) -> float:
    """Ingest the seeds and BBC files with extraction; the extraction seconds."""
    from storyline.ingest.pipeline import ingest_paths
    from storyline.ingest.readers import ReadOptions
    from storyline.store import Store
    from storyline.workflow import update_store

    with Store(url) as store:
        ingest_paths([str(SEEDS), str(NEWS)], store, ReadOptions())
        started = time.perf_counter()
        update_store(store, workers=workers, story=False)
        return time.perf_counter() - started


def _timeline_seconds(url: str, runs: int = 5) -> float:
    script = Path(sys.executable).with_name("storyline")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(script), "timeline", "--db", url], check=True,
                       capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _checks(store) -> list[tuple[str, bool, str]]:
    from storyline.story.build import load_story

    story = load_story(store)
    seeds = {a.source.rsplit("/", 1)[-1][:3]: a for a in store.list_articles()
             if "/seeds/" in a.source}
    checks = []

    held = [s for s in story.series if s.kind == "hostages_held"]
    held.sort(key=lambda s: len(s.points), reverse=True)
    main = held[0] if held else None
    share = (len(main.points) / sum(len(s.points) for s in held)) if held else 0.0
    detail = (f"{len(held)} hostages_held series; the largest has {len(main.points)} points "
              f"({share:.0%}) from {len(main.outlets)} outlets, {len(main.sources)} sources, "
              f"{main.first_date} to {main.last_date}" if main else "no hostages_held series")
    checks.append(("hostage counts form one series", bool(main) and share >= 0.5, detail))

    seed0 = seeds.get("000")
    cluster = next((c for c in story.clusters for m in c.mentions
                    if seed0 and m.article_id == seed0.id and RELEASE_QUOTE in m.sentence), None)
    bbc = [m for m in cluster.mentions if (m.outlet or "").startswith("BBC")] if cluster else []
    detail = (f"cluster {cluster.label!r} on {cluster.date_earliest}: {len(cluster.mentions)} "
              f"mentions, outlets {cluster.outlets}" if cluster else "no cluster holds the seed")
    checks.append(("seed 000's release clusters with a BBC report", bool(bbc), detail))

    seed1 = seeds.get("001")
    disputes = [d for d in story.disputes if d.kind == "denial" and seed1 and seed1.id in
                {c.evidence.article_id for c in (d.a, d.b) if c.evidence}]
    detail = "; ".join(f"{d.a.who} vs {d.b.who}: {d.topic} / {d.b.text[:90]}"
                       for d in disputes) or "none"
    checks.append(("seed 001's Katz/Mardawi contradiction is a dispute", bool(disputes), detail))
    return checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", help="keep the store here; reuse it when it exists")
    args = parser.parse_args()
    if not SEEDS.is_dir() or not NEWS.is_dir():
        print(f"skipped: {SHARED} is absent (seeds and BBC files live in ../shared)")
        return 0

    from storyline.store import Store
    from storyline.story.build import build_story

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{args.db or Path(tmp) / 'story.db'}"
        reuse = bool(args.db) and Path(args.db).exists()
        extraction = None if reuse else _ingest(url, args.workers)
        with Store(url) as store:
            n = sum(1 for _ in store.list_articles())
            started = time.perf_counter()
            summary = build_story(store)
            build = time.perf_counter() - started
            checks = _checks(store)
        timeline = _timeline_seconds(url)

    print(f"story benchmark: {n} articles (seeds + BBC)")
    if extraction is not None:
        print(f"  extraction ({args.workers} workers)  {extraction:8.1f} s")
        print(f"  story build              {build:8.1f} s   = {build / extraction:.3f} of "
              f"extraction   target ≤ 0.100")
    else:
        print(f"  story build              {build:8.1f} s")
    print(f"  storyline timeline       {timeline:8.2f} s   (median of 5 runs)   target < 0.5 s")
    print(f"  clusters {summary.clusters}, series {summary.series}, "
          f"disputes {summary.disputes}")
    for name, ok, detail in checks:
        print(f"  [{'ok' if ok else 'FAIL'}] {name}: {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
