"""Adding articles to a big store: what one new article, a duplicate or nothing new costs, what
a full ingest costs against the parse alone, and the report and query commands on that store.

    python benchmarks/bench_incremental.py --db STORE [--runs 5] [--sizes 400,1574] [--workers 2]
        [--skip-full] [--skip-queries] [--base OTHER/src]

STORE is a built store of the BBC corpus (`storyline ingest ../shared/data/news/ --db STORE`);
it is copied, never written. Every figure is a whole process run cold, as a user types it:

1. one new article: each seed of ../shared/seeds (not in the BBC store) ingested in turn into a
   copy of STORE, against the same seed's parse and extraction alone (a cold process that loads
   spaCy, parses the text and extracts, no store): the difference must stay under 2 s; the first
   undated seed also builds the dating index, which is shown on its own line;
2. a duplicate (the same seed again): under 2 s; `--no-extract` on an empty folder: under 1.5 s;
3. one instrumented run per case (in a child process, spaCy's parse wrapped) says which texts
   were parsed: none may be a stored article's;
4. `storyline report` on the store: no crash, size, seconds; query commands, `--runs` cold runs
   each (minimum and median wall seconds, median CPU);
5. full ingest of the first N BBC articles (each size in a fresh store, one process tree, CPU
   seconds of the whole tree and its peak memory) against the spaCy parse alone of the same
   texts (the event classifier is part of the ingest, not of the parse): ratio ≤ 1.5; peak
   memory < 1 GB and within 10% between the sizes (`--skip-full` leaves this part out: it takes
   about twice the corpus's extraction time).

`--base SRC` (another checkout's src/) measures part 1 side by side: twin copies of STORE, one
per code, each first given its own code's story build (the memo is keyed by the story code:
a store built by other code rebuilds every block on its first ingest), then each seed ingested
into both in turn, alternating which goes first, `--runs` times over fresh twins; the CPU
seconds over the same seed's parse and extraction alone (by the same code) are compared per
seed, and their medians over every seed and run (the machine is shared: CPU, not wall).

No split or matching rule applies: these are timings, sizes and counts, not scores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news"
SEEDS = REPO.parent / "shared" / "seeds"
QUERIES = ["timeline", "figures", "disputes", "state", "actors", "articles"]


def _runner(src: Path | None = None) -> list[str]:
    code = ("import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'storyline'; "
            "from storyline.cli import main; main()")
    return [sys.executable, "-c", code, str(src or REPO / "src")]


def _run(cmd: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """(wall s, CPU s of the process tree, exit status, stdout) of one cold run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False,
                          env=os.environ | {"COLUMNS": "120"})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, done.returncode, done.stdout + done.stderr


def _stats(times: list[float]) -> str:
    return f"min {min(times):6.2f} med {statistics.median(times):6.2f}"


# ----------------------------------------------------------------------- children


def _child_alone(path: str) -> dict:
    """Parse and extract one text file, as ingest would, without a store."""
    from storyline import nlp
    from storyline.extract.pipeline import extract_article
    from storyline.ingest.pipeline import read_articles
    from storyline.ingest.readers import ReadOptions

    articles, _ = read_articles(path, Path(path).read_bytes(), ReadOptions())
    for article in articles:
        extract_article(article, nlp.parse(article.text))
    return {"articles": len(articles)}


def _child_counted(db: str, paths: list[str]) -> dict:
    """`storyline ingest PATHS --db DB` in this process, spaCy's parse wrapped: which texts it
    parsed, and whether any was already stored before the run."""
    from storyline import nlp
    from storyline.store import Store

    with Store(db) as store:
        stored = {a.text for a in store.iter_articles()}
    parsed: list[str] = []
    parse, parse_many = nlp.parse, nlp.parse_many

    def counted_parse(text):  # noqa: ANN001, ANN202
        parsed.append(text)
        return parse(text)

    def counted_many(texts, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        texts = list(texts)
        parsed.extend(texts)
        return parse_many(texts, *args, **kwargs)

    nlp.parse, nlp.parse_many = counted_parse, counted_many
    from storyline.cli import main

    sys.argv = ["storyline", "ingest", *paths, "--db", db, "--quiet"]
    try:
        main()
    except SystemExit:
        pass
    return {"parsed": len(parsed), "stored_reparsed": sum(t in stored for t in parsed)}


def _child_parse(db: str) -> dict:
    """The spaCy parse alone of every text a store holds (as extraction batches them)."""
    from storyline import nlp
    from storyline.extract.runner import BATCH
    from storyline.store import Store

    with Store(db) as store:
        texts = [a.text for a in store.iter_articles() if "non_english" not in a.flags]
    started = time.process_time()
    for _ in nlp.parse_many(texts, batch_size=BATCH):
        pass
    return {"texts": len(texts), "parse_cpu": time.process_time() - started}


def _child(args: list[str]) -> None:
    # this checkout's code (or --base's), as the CLI runs use (not whichever storyline is
    # installed: another checkout's extraction version would re-extract the whole store)
    sys.path.insert(0, os.environ.get("BENCH_SRC") or str(REPO / "src"))
    kind, rest = args[0], args[1:]
    got = {"alone": lambda: _child_alone(rest[0]),
           "counted": lambda: _child_counted(rest[0], rest[1:]),
           "parse": lambda: _child_parse(rest[0])}[kind]()
    got["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(got))


def _result(out: str) -> dict:
    lines = [line for line in out.splitlines() if line.startswith("RESULT ")]
    return json.loads(lines[-1][7:]) if lines else {}


def _me(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", *args]


def _run_with(cmd: list[str], cwd: Path, src: Path) -> tuple[float, float, int, str]:
    """`_run` of a child of this file running the code under `src`."""
    old = os.environ.get("BENCH_SRC")
    os.environ["BENCH_SRC"] = str(src)
    try:
        return _run(cmd, cwd)
    finally:
        if old is None:
            os.environ.pop("BENCH_SRC", None)
        else:
            os.environ["BENCH_SRC"] = old


# ----------------------------------------------------------------------- parts


def _new_articles(db: Path, work: Path, runs: int) -> None:
    st = _runner()
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        print(f"  skipped: no seeds in {SEEDS}")
        return
    print(f"1-3. one new article at a time into a copy of the store ({len(seeds)} seeds), "
          "wall s")
    print(f"  {'seed':26}{'ingest':>9}{'alone':>9}{'extra':>8}{'dup':>7}  parsed (stored)")
    extras, dups, cpu_extras, dup_cpus = [], [], [], []
    for seed in seeds:
        alone_runs = [_run(_me("alone", str(seed)), work) for _ in range(2)]
        alone = min(r[0] for r in alone_runs)
        alone_cpu = min(r[1] for r in alone_runs)
        probe = work / "probe.db"
        shutil.copyfile(db, probe)  # the counted run on its own copy, at the same state
        counted = _result(_run(_me("counted", str(probe), str(seed)), work)[3])
        wall, cpu, code, out = _run([*st, "ingest", str(seed), "--db", str(db), "--quiet"], work)
        if code:
            print(f"  {seed.name}: ingest failed: {out.strip().splitlines()[-1:]}")
            continue
        dup_runs = [_run([*st, "ingest", str(seed), "--db", str(db), "--quiet"], work)
                    for _ in range(runs)]
        dup = [r[0] for r in dup_runs]
        extras.append(wall - alone)
        dups.extend(dup)
        # CPU seconds too: on a shared machine the wall times grow with the load
        cpu_extras.append(cpu - alone_cpu)
        dup_cpus.extend(r[1] for r in dup_runs)
        print(f"  {seed.name:26}{wall:9.2f}{alone:9.2f}{wall - alone:8.2f}"
              f"{statistics.median(dup):7.2f}  {counted.get('parsed')} "
              f"({counted.get('stored_reparsed')})", flush=True)
    if extras:
        print(f"  ingest − parse+extraction alone: max {max(extras):.2f} s, median "
              f"{statistics.median(extras):.2f} s (bar ≤ 2 s); duplicate: {_stats(dups)} s "
              "(bar < 2 s)")
        print(f"  in CPU s: ingest − alone max {max(cpu_extras):.2f}, median "
              f"{statistics.median(cpu_extras):.2f}; duplicate median "
              f"{statistics.median(dup_cpus):.2f}")
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    nothing = [_run([*st, "ingest", str(empty), "--db", str(db), "--no-extract", "--quiet"],
                    work) for _ in range(runs)]
    times = [r[0] for r in nothing]
    print(f"  ingest --no-extract, nothing new: {_stats(times)} s (bar < 1.5 s); CPU median "
          f"{statistics.median(r[1] for r in nothing):.2f} s")
    probe = work / "probe.db"
    shutil.copyfile(db, probe)
    counted = _result(_run(_me("counted", str(probe), str(seeds[0])), work)[3])
    print(f"  duplicate, instrumented: {counted.get('parsed')} texts parsed, "
          f"{counted.get('stored_reparsed')} of them stored (bar: 0)")


def _side_by_side(db: Path, work: Path, runs: int, base: Path) -> None:
    """Part 1 for two codes at once: base (`base`, another src/) and this checkout's."""
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        print(f"  skipped: no seeds in {SEEDS}")
        return
    sides = {"base": base.resolve(), "branch": REPO / "src"}
    print(f"1. one new article, side by side: base {sides['base']} against this checkout, "
          f"{len(seeds)} seeds x {runs} runs; CPU s of the ingest minus its parse and "
          "extraction alone")
    alone: dict[tuple[str, str], float] = {}
    for seed in seeds:  # the parse and extraction alone: the least of two cold runs per code
        for name, src in sides.items():
            alone[name, seed.name] = min(_run_with(_me("alone", str(seed)), work, src)[1]
                                         for _ in range(2))
    extra: dict[str, list[float]] = {name: [] for name in sides}
    print(f"  {'run':>3} {'seed':26}" + "".join(f"{n + ' CPU':>12}{n + ' extra':>14}"
                                              for n in sides), flush=True)
    for run in range(runs):
        twins = {}
        for name, src in sides.items():
            twins[name] = work / f"{name}.db"
            shutil.copyfile(db, twins[name])
            # the story (and its memo) of this side's code
            _, _, code, out = _run([*_runner(src), "build", "--db", str(twins[name]), "--quiet"],
                                   work)
            if code:
                print(f"  {name}: build failed: {out.strip().splitlines()[-1:]}")
                return
        for n, seed in enumerate(seeds):
            order = list(sides) if (run + n) % 2 == 0 else list(sides)[::-1]
            got = {}
            for name in order:
                _, cpu, code, out = _run([*_runner(sides[name]), "ingest", str(seed), "--db",
                                          str(twins[name]), "--quiet"], work)
                if code:
                    print(f"  {name} {seed.name}: ingest failed: {out.strip().splitlines()[-1:]}")
                    return
                got[name] = cpu
                extra[name].append(cpu - alone[name, seed.name])
            print(f"  {run:3} {seed.name:26}" + "".join(
                f"{got[n]:12.2f}{got[n] - alone[n, seed.name]:14.2f}" for n in sides), flush=True)
    print("  median CPU s of ingest − alone: " + ", ".join(
        f"{n} {statistics.median(v):.2f} (max {max(v):.2f})" for n, v in extra.items())
        + f"; load average {os.getloadavg()[0]:.1f} (bar ≤ 2 s)")
    hashes = {n: _story_hash(p) for n, p in twins.items()}
    print(f"  story hash after the last run: {hashes}")


def _story_hash(db: Path) -> str:
    """A hash of every cached story item but the memo, as bench_story_memo.py makes it."""
    from bench_story_memo import story_hash  # (beside this file)

    return story_hash(db)


def _report_and_queries(db: Path, work: Path, runs: int) -> None:
    st = _runner()
    out = work / "report.html"
    wall, cpu, code, text = _run([*st, "report", "--db", str(db), "--out", str(out)], work)
    size = out.stat().st_size / 1e6 if out.exists() else 0.0
    crash = "Traceback" in text or code != 0
    print(f"4. report: exit {code}{' (crashed)' if crash else ''}, {size:.2f} MB, wall "
          f"{wall:.2f} s, CPU {cpu:.2f} s (bars: no crash, < 10 MB, < 10 s)")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        first = conn.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]
    print(f"   query commands, {runs} cold runs each, wall s (bar < 1 s)")
    cases = [(q, [q]) for q in QUERIES] + [("show", ["show", first[:8], "--no-text"])]
    for label, cmd in cases:
        walls, cpus = [], []
        for _ in range(runs):
            w, c, _, _ = _run([*st, *cmd, "--db", str(db)], work)
            walls.append(w)
            cpus.append(c)
        print(f"   {label:10} {_stats(walls)}  (cpu med {statistics.median(cpus):.2f})",
              flush=True)


def _full(work: Path, sizes: list[int], workers: int) -> None:
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        print(f"5. skipped: {NEWS} is absent")
        return
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line]
    print(f"5. full ingest (read, store, date, extract with --workers {workers}, story build) "
          "against the parse alone, fresh store per size; CPU s of the process tree")
    peaks = {}
    for size in sizes:
        corpus = work / f"news-{size}.jsonl"
        corpus.write_text("\n".join(lines[:size]) + "\n", encoding="utf-8")
        db = work / f"full-{size}.db"
        # peak memory: the largest process of the tree (GNU time's maximum resident set)
        cmd = ["/usr/bin/time", "-f", "PEAK %M", *_runner(), "ingest", str(corpus), "--db",
               str(db), "--workers", str(workers), "--quiet"]
        wall, cpu, code, out = _run(cmd, work)
        peak = max((int(x.split()[1]) for x in out.splitlines() if x.startswith("PEAK ")),
                   default=0) / 1024
        parse = _result(_run(_me("parse", str(db)), work)[3])
        peaks[size] = peak
        ratio = cpu / parse["parse_cpu"] if parse.get("parse_cpu") else float("nan")
        print(f"  {size:5} articles: exit {code}, ingest wall {wall:7.1f} s, CPU {cpu:7.1f} s; "
              f"parse alone CPU {parse.get('parse_cpu', 0):7.1f} s ({parse.get('texts')} "
              f"texts): ratio {ratio:.2f} (bar ≤ 1.5); peak RSS {peak:.0f} MB (bar < 1024)",
              flush=True)
    if len(peaks) > 1:
        lo, hi = min(peaks.values()), max(peaks.values())
        print(f"  peak memory {', '.join(f'{s}: {p:.0f} MB' for s, p in peaks.items())}: "
              f"spread {100 * (hi - lo) / lo:.1f}% (bar within 10%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a built BBC store (SQLite file)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="400,1574")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--skip-full", action="store_true")
    parser.add_argument("--skip-queries", action="store_true",
                        help="leave out the report and the query commands (part 4)")
    parser.add_argument("--base", type=Path,
                        help="another checkout's src/: part 1 side by side with this code")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    if args.db is None or not args.db.is_file():
        sys.exit(f"no store at {args.db}: build one with storyline ingest ../shared/data/news/")
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp:
        work = Path(tmp)
        db = work / "store.db"
        src = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
        dst = sqlite3.connect(db)
        src.backup(dst)  # a consistent copy, with what the -wal holds
        src.close()
        dst.close()
        with sqlite3.connect(db) as conn:
            n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"store {args.db}: {n} articles, {db.stat().st_size / 1e6:.0f} MB; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        if not args.skip_queries:
            _report_and_queries(db, work, args.runs)
        if args.base:
            _side_by_side(db, work, args.runs, args.base)
        else:
            _new_articles(db, work, args.runs)
        if not args.skip_full:
            _full(work, [int(s) for s in args.sizes.split(",")], args.workers)


if __name__ == "__main__":
    main()
