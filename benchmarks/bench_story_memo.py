"""The story build after adding one article, reusing the last build's blocks (story/memo.py),
against the full build: the same story (a hash of every cached story item), in how much time.

    python benchmarks/bench_story_memo.py --db STORE [--articles 5] [--base OTHER/src]
        [--side-by-side]

STORE is a built store (e.g. a copy of the BBC store); it is copied, never written. For each of
the `--articles` latest-published articles A (the live case: today's article), a copy of the
store without A is built in full (which leaves its memo), A's records are put back (the copy's
story cache grafted onto the whole store), and the build an ingest makes (`reuse=True`) runs:
its story must hash like the full build of the whole store, and its CPU seconds are set
against the full build's. It also says how many blocks each stage recomputed. `--base SRC`
builds the whole store once more with the code under SRC (another checkout's src/) in a child
process: the full build of this code must hash like it (the full build is the reference and
does not change with the memo). With `--side-by-side` too, each article's step is made and its
reuse build timed for both codes, in turn, each in a fresh process (as an ingest runs it: no
warm caches from the full builds), and the median CPU seconds of the two are set side by side
(the machine is shared: CPU seconds, not wall).

No split or matching rule applies: these are hashes, counts and timings, not scores.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

_HASH = """
import hashlib, json, sqlite3, sys
h = hashlib.sha256()
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT kind, key, data FROM story_items WHERE kind != 'memo' ORDER BY kind, date, id")
for kind, key, data in rows:
    if kind == "summary":
        d = json.loads(data); d.pop("seconds", None); data = json.dumps(d, sort_keys=True)
    h.update(f"{kind}|{key}|{data}\\n".encode())
print(h.hexdigest()[:16])
"""

_BUILD = """
import sys
from storyline.profiles import packaged_profile
from storyline.profiles.compiled import resources
from storyline.store import Store
from storyline.story.build import build_story
profile = packaged_profile()
with Store("sqlite:///" + sys.argv[1]) as store:
    build_story(store, resources(profile).rules, profile.enables("negotiation"))
"""


def story_hash(db: Path) -> str:
    """A hash of every cached story item but the memo (the build time left out)."""
    return subprocess.run([sys.executable, "-c", _HASH, str(db)], capture_output=True,
                          text=True, check=True).stdout.strip()


def copy(src: Path, dst: Path) -> None:
    s, d = sqlite3.connect(src), sqlite3.connect(dst)
    s.backup(d)
    s.close()
    d.close()


def without(src: Path, dst: Path, article_id: str) -> None:
    """A copy of the store without one article (its records, links and dating rows)."""
    copy(src, dst)
    conn = sqlite3.connect(dst)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        for column in ("article_id", "other_id"):
            if column in columns:
                conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))  # noqa: S608
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    conn.commit()
    conn.close()


def graft(story_of: Path, onto: Path) -> None:
    """Give `onto` the story cache (items, memo, fingerprint) of `story_of`."""
    conn = sqlite3.connect(onto)
    conn.execute("ATTACH ? AS other", (str(story_of),))
    conn.execute("DELETE FROM story_items")
    conn.execute("INSERT INTO story_items SELECT * FROM other.story_items")
    conn.execute("DELETE FROM meta WHERE key = 'story_built_from'")
    conn.execute("INSERT INTO meta SELECT * FROM other.meta WHERE key = 'story_built_from'")
    conn.commit()
    conn.close()


def build(db: Path, reuse: bool) -> tuple[float, float, Counter]:
    """(CPU s, wall s, blocks recomputed by stage) of one build of this code."""
    from storyline.profiles import packaged_profile
    from storyline.profiles.compiled import resources
    from storyline.store import Store
    from storyline.story import memo as memo_module
    from storyline.story.build import build_story

    profile = packaged_profile()
    recomputed: Counter = Counter()
    kept = memo_module.StoryMemo.put

    def counted_put(self, key, value):  # noqa: ANN001, ANN202
        if key not in self.previous:
            recomputed[key.split(":")[0]] += 1
        recomputed[key.split(":")[0] + " (all)"] += 1
        kept(self, key, value)

    memo_module.StoryMemo.put = counted_put
    try:
        with Store("sqlite:///" + str(db)) as store:
            cpu, wall = time.process_time(), time.perf_counter()
            build_story(store, resources(profile).rules, profile.enables("negotiation"),
                        reuse=reuse, salt=profile.hash)
            return time.process_time() - cpu, time.perf_counter() - wall, recomputed
    finally:
        memo_module.StoryMemo.put = kept


def _blocks(counts: Counter) -> str:
    stages = sorted({k for k in counts if not k.endswith(" (all)")} |
                    {k[:-6] for k in counts if k.endswith(" (all)")})
    return ", ".join(f"{s} {counts.get(s, 0)}/{counts.get(s + ' (all)', 0)}" for s in stages)


def _child(args: list[str]) -> None:
    """`prepare SRC WHOLE ARTICLE STEP`: the step store of one article made by the code under
    SRC; `reuse SRC STEP`: its reuse build, timed (a fresh process, as an ingest's)."""
    import json

    kind, src = args[0], args[1]
    sys.path.insert(0, src)  # before this checkout's (the module put it first on import)
    if kind == "prepare":
        whole, article_id, step = Path(args[2]), args[3], Path(args[4])
        minus = step.with_name(step.stem + "-minus.db")
        without(whole, minus, article_id)
        build(minus, reuse=False)
        copy(whole, step)
        graft(minus, step)
        minus.unlink()
    else:
        cpu, wall, counts = build(Path(args[2]), reuse=True)
        print("RESULT " + json.dumps({"cpu": cpu, "wall": wall, "counts": counts}))


def _side_by_side(whole: Path, work: Path, latest: list[str], sides: dict[str, Path],
                  reference: str) -> None:
    import json
    import statistics

    me = [sys.executable, str(Path(__file__).resolve()), "--child"]
    print(f"side by side, each reuse build in a fresh process: {', '.join(sides)}")
    print(f"{'article':18}" + "".join(f"{n + ' CPU s':>14}{'same':>6}" for n in sides)
          + "  recomputed/blocks (last)")
    cpus: dict[str, list[float]] = {n: [] for n in sides}
    for k, article_id in enumerate(latest):
        names = list(sides) if k % 2 == 0 else list(sides)[::-1]
        got: dict[str, tuple[float, bool]] = {}
        counts = Counter()
        for name in names:
            step = work / f"step-{name}.db"
            subprocess.run([*me, "prepare", str(sides[name]), str(whole), article_id, str(step)],
                           check=True)
            out = subprocess.run([*me, "reuse", str(sides[name]), str(step)], check=True,
                                 capture_output=True, text=True).stdout
            result = json.loads(out.split("RESULT ", 1)[1])
            got[name] = (result["cpu"], story_hash(step) == reference)
            counts = Counter(result["counts"])
            cpus[name].append(result["cpu"])
            step.unlink()
        print(f"{article_id:18}" + "".join(
            f"{got[n][0]:14.2f}{'yes' if got[n][1] else 'NO':>6}" for n in sides)
            + f"  {_blocks(counts)}", flush=True)
    print("median reuse CPU s: " + ", ".join(f"{n} {statistics.median(v):.2f}"
                                             for n, v in cpus.items())
          + f"; load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--base", type=Path, help="another checkout's src/ (the reference)")
    parser.add_argument("--side-by-side", action="store_true",
                        help="with --base: time both codes' reuse builds, in turn")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    if args.db is None:
        parser.error("--db is required")
    with tempfile.TemporaryDirectory(prefix="bench-story-memo-") as tmp:
        work = Path(tmp)
        whole = work / "whole.db"
        copy(args.db, whole)
        conn = sqlite3.connect(whole)
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        latest = [r[0] for r in conn.execute(
            "SELECT id FROM articles ORDER BY coalesce(published, estimate_best) DESC, id "
            f"LIMIT {int(args.articles)}")]
        conn.close()
        print(f"store {args.db}: {n} articles; load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores")
        if args.base:
            base = work / "base.db"
            copy(whole, base)
            env = os.environ | {"PYTHONPATH": str(args.base)}
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", _BUILD, str(base)], env=env, check=True)
            print(f"base full build ({args.base}): {time.perf_counter() - started:.2f} s wall, "
                  f"hash {story_hash(base)}")
        cpu, wall, counts = build(whole, reuse=False)
        reference = story_hash(whole)
        print(f"full build of this code: {cpu:.2f} CPU s, {wall:.2f} s wall, hash {reference}")
        if args.base and args.side_by_side:
            _side_by_side(whole, work, latest, {"base": args.base.resolve(),
                                                "this": REPO / "src"}, reference)
            return
        print(f"{'article':18}{'events':>7}{'reuse CPU s':>12}{'wall s':>8}{'full CPU s':>11}"
              "  same  recomputed/blocks")
        results = []
        for article_id in latest:
            minus = work / "minus.db"
            without(whole, minus, article_id)
            build(minus, reuse=False)
            step = work / "step.db"
            copy(whole, step)
            graft(minus, step)
            conn = sqlite3.connect(step)
            events = conn.execute("SELECT count(*) FROM events WHERE article_id = ?",
                                  (article_id,)).fetchone()[0]
            conn.close()
            r_cpu, r_wall, counts = build(step, reuse=True)
            same = story_hash(step) == reference
            results.append((r_cpu, same))
            print(f"{article_id:18}{events:7}{r_cpu:12.2f}{r_wall:8.2f}{cpu:11.2f}  "
                  f"{'yes' if same else 'NO':4}  {_blocks(counts)}", flush=True)
            for path in (minus, step):
                path.unlink()
        if results:
            cpus = sorted(r for r, _ in results)
            print(f"reuse build after one new article: median {cpus[len(cpus) // 2]:.2f} CPU s "
                  f"against {cpu:.2f} for the full build; same story as the full build: "
                  f"{sum(s for _, s in results)}/{len(results)}")


if __name__ == "__main__":
    main()
