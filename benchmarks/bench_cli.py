"""Command start-up and the HTML report on a full store, side by side with an older revision.

Every figure is a whole process run cold (a new interpreter each time, as a user types it),
repeated; each line gives the minimum and the median wall seconds. With `--baseline REV` the
same commands of that git revision run interleaved with ours (A B A B …, on separate copies of
the store), so the ratio holds when the shared machine's speed drifts.

    python benchmarks/bench_cli.py --db STORE [--runs 7] [--baseline a616fc1] [--browser]

STORE is a built store of the BBC corpus: `storyline ingest ../shared/data/news/ --db STORE`
(the product path; a few minutes). It is copied, never written. What is measured:

- query commands (`timeline figures disputes state actors articles show`), `--version`, `-h`;
- `ingest` when nothing is to be parsed: a path that does not exist, an empty folder,
  `--no-extract` on an empty folder, a duplicate of a stored article;
- `storyline report`: build time, the HTML's size and the article files' total size;
  with `--browser`, the time Chromium takes to open it (navigation start to the load event and
  to the page's first script run; executable /usr/bin/chromium).

No split or matching rule applies: these are timings and sizes, not scores.
"""

from __future__ import annotations

import argparse
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
SEED_NAME = "000_926d9990cf6caa3f.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _runner(src: Path) -> list[str]:
    """The interpreter line that runs `storyline` from a source tree."""
    code = ("import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'storyline'; "
            "from storyline.cli import main; main()")
    return [sys.executable, "-c", code, str(src)]


CPU: list[float] = []  # CPU seconds (user + sys) of each timed run, in order


def _time(cmd: list[str], cwd: Path) -> float:
    """Wall seconds of one run (its CPU seconds are appended to CPU)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=os.environ | {"COLUMNS": "120"}, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def _baseline_src(rev: str, into: Path) -> Path:
    """The `src` folder of revision `rev`, exported with git archive (no worktree left)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "src"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def _first_article(db: Path) -> str:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]


def _cases(db: Path, work: Path, article: str, seed: Path | None) -> list[tuple[str, list[str]]]:
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    d = ["--db", str(db)]
    cases = [
        ("--version", ["--version"]),
        ("-h", ["--help"]),
        ("timeline", ["timeline", *d]),
        ("figures", ["figures", *d]),
        ("disputes", ["disputes", *d]),
        ("state", ["state", *d]),
        ("actors", ["actors", *d]),
        ("articles", ["articles", *d]),
        ("show", ["show", article[:8], *d, "--no-text"]),
        ("ingest: no such path", ["ingest", str(work / "missing"), *d]),
        ("ingest: empty folder", ["ingest", str(empty), *d]),
        ("ingest --no-extract: empty", ["ingest", str(empty), *d, "--no-extract"]),
    ]
    if seed is not None:
        cases.append(("ingest: a duplicate", ["ingest", str(seed), *d]))
    return cases


def _stats(times: list[float], cpu: list[float] | None = None) -> str:
    text = f"min {min(times):5.2f} med {statistics.median(times):5.2f}"
    if cpu:
        text += f" (cpu {statistics.median(cpu):5.2f})"
    return text


def _open_in_browser(html: Path) -> tuple[float, float] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(html.as_uri(), wait_until="load", timeout=120_000)
        timing = page.evaluate(
            "() => { const t = performance.getEntriesByType('navigation')[0];"
            " return [t.loadEventEnd, window.__storylineReady || t.loadEventEnd]; }")
        browser.close()
    return timing[0] / 1000, timing[1] / 1000


def _report(runner: list[str], db: Path, work: Path, runs: int, browser: bool) -> None:
    out = work / "report.html"
    times, cpu = [], []
    for _ in range(runs):
        times.append(_time([*runner, "report", "--db", str(db), "--out", str(out)], work))
        cpu.append(CPU[-1])
    if not out.exists():
        print("  report: not written (see `storyline report` on this store)")
        return
    html = out.stat().st_size
    side = [p for p in work.glob("report*") if p.is_dir()]
    files = sum(f.stat().st_size for d in side for f in d.rglob("*") if f.is_file())
    print(f"  report build: {_stats(times, cpu)} s; report.html {html / 1e6:.2f} MB, "
          f"article files {files / 1e6:.1f} MB in {sum(1 for d in side for _ in d.rglob('*'))}"
          " files")
    if browser:
        opened = _open_in_browser(out)
        if opened is None:
            print("  browser: Chromium or playwright missing, not measured")
        else:
            print(f"  browser: load event {opened[0]:.2f} s, page ready {opened[1]:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a built store (SQLite file)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline", help="a git revision to run side by side (e.g. a616fc1)")
    parser.add_argument("--browser", action="store_true", help="time opening the report")
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    args = parser.parse_args()
    if not args.db.is_file():
        sys.exit(f"no store at {args.db}: build one with storyline ingest ../shared/data/news/")
    seed = args.seeds / SEED_NAME
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        work = Path(tmp)
        sides = {"now": _runner(REPO / "src")}
        if args.baseline:
            (work / "base").mkdir()
            sides[args.baseline] = _runner(_baseline_src(args.baseline, work / "base"))
        dbs = {}
        for name in sides:
            dbs[name] = work / f"{name}.db"
            shutil.copyfile(args.db, dbs[name])
        article = _first_article(args.db)
        if seed.is_file():  # the duplicate case needs the seed stored once, on each copy
            for name, runner in sides.items():
                subprocess.run([*runner, "ingest", str(seed), "--db", str(dbs[name])],
                               cwd=work, capture_output=True, check=False)
        print(f"store {args.db} ({args.db.stat().st_size / 1e6:.0f} MB), {args.runs} cold runs "
              "a figure, wall seconds")
        header = "".join(f"{name + ' (wall s; median cpu s)':>36}" for name in sides)
        print(f"{'command':28}{header}")
        for label, _ in _cases(dbs["now"], work, article, seed if seed.is_file() else None):
            times: dict[str, list[float]] = {name: [] for name in sides}
            cpu: dict[str, list[float]] = {name: [] for name in sides}
            for _ in range(args.runs):
                for name, runner in sides.items():
                    cmd = dict(_cases(dbs[name], work, article,
                                      seed if seed.is_file() else None))[label]
                    times[name].append(_time([*runner, *cmd], work))
                    cpu[name].append(CPU[-1])
            cells = "".join(f"{_stats(times[n], cpu[n]):>36}" for n in sides)
            ratio = ""
            if args.baseline:
                now, base = (statistics.median(times[n]) for n in sides)
                ratio = f"   x{base / now:5.1f} faster" if now < base else f"   x{now / base:5.2f}"
            print(f"{label:28}{cells}{ratio}", flush=True)
        for name, runner in sides.items():
            print(f"{name}:")
            (work / name).mkdir(exist_ok=True)
            _report(runner, dbs[name], work / name, max(1, min(args.runs, 3)), args.browser)


if __name__ == "__main__":
    main()
