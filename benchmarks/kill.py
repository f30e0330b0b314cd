"""kill -9 at random moments of an ingest + build of BBC articles: is every store left whole?

A store first holds the first `--base` articles with their story built (an analyst's store
before today's articles). From it, one uninterrupted run of `storyline ingest corpus.jsonl`
(all `--articles`: extraction and the new build included) is the reference. Then the same
command runs on a copy of the first store and is killed with SIGKILL at a random moment, again
and again (each restart resumes what the last one left); after every kill:
SQLite's `PRAGMA integrity_check` and `storyline check` (references, record quotes, a story
cache that is one whole build). After the last kill the command runs to its end, and its
export (`storyline export --format json`, and the clusters CSV) must equal the reference's.

Moments: each kill but the last two comes at a delay drawn uniformly (seeded) from the
estimated time the resumed run still needs (start-up, storing, extraction, build; rates from
the reference run), so kills fall in each stage in proportion to its length. The build is a few
seconds of a run of minutes, so the last two kills are drawn inside it: the run is left to
finish its extraction, then killed at a uniform moment of the build's measured length. The
stage each kill hit is read back from the store and printed. Data: the first N articles of ../shared/data/news (BBC, dated), copied to a
temporary folder; nothing is written to the repository.

    python benchmarks/kill.py [--articles 400] [--base 200] [--kills 10] [--seed 12]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news" / "bbc-2023-10-to-11.jsonl"
STORYLINE = [str(Path(sys.executable).with_name("storyline"))]


def _count(db: Path, where: str = "") -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute(f"SELECT count(*) FROM articles {where}").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _state(db: Path) -> tuple[int, int]:
    return _count(db), _count(db, "WHERE extracted_version IS NOT NULL")


def _story_fresh(db: Path) -> bool:
    done = _run(["check", "--db", str(db), "--json"])
    report = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
    return not any(f["check"] == "story" for f in report.get("findings", []))


def _run(args: list[str], timeout: float = 3600) -> subprocess.CompletedProcess:
    return subprocess.run([*STORYLINE, *args], capture_output=True, text=True, timeout=timeout)


def _export(db: Path, folder: Path, name: str) -> tuple[dict, str]:
    out_json, out_csv = folder / f"{name}.json", folder / f"{name}.csv"
    _run(["export", "--format", "json", "--db", str(db), "--out", str(out_json)])
    _run(["export", "--format", "csv", "--db", str(db), "--out", str(out_csv)])
    data = json.loads(out_json.read_text(encoding="utf-8"))
    data.get("summary", {}).pop("seconds", None)  # wall-clock time of the build
    return data, out_csv.read_text(encoding="utf-8")


def _check(db: Path) -> tuple[bool, bool, str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    done = _run(["check", "--db", str(db), "--json"])
    report = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
    notes = "; ".join(f["message"].split(":")[0] for f in report.get("findings", []))
    return integrity, bool(report.get("consistent")) and done.returncode == 0, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--base", type=int, default=200,
                        help="articles stored (with their story) before the killed ingest")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if not NEWS.is_file():
        print(f"skipped: {NEWS} is absent (../shared beside the checkout)")
        return 0
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="storyline-kill-"))
    corpus, base_corpus = work / "corpus.jsonl", work / "base.jsonl"
    with NEWS.open(encoding="utf-8") as source, corpus.open("w", encoding="utf-8") as out, \
            base_corpus.open("w", encoding="utf-8") as base_out:
        for n, line in enumerate(source):
            if n >= args.articles:
                break
            out.write(line)
            if n < args.base:
                base_out.write(line)
    command = ["ingest", str(corpus), "--quiet", "--workers", str(args.workers)]
    try:
        # ------------------------------------------------------------ the store before
        base = work / "base.db"
        started = time.monotonic()
        done = _run(["ingest", str(base_corpus), "--quiet", "--db", str(base)])
        if done.returncode != 0:
            print(f"the first ingest failed: {done.stderr[-500:]}")
            return 1
        n0 = _count(base)
        print(f"before: {n0} articles stored with their story in {time.monotonic() - started:.0f} s")
        # ------------------------------------------------------------ the reference run
        ref, db = work / "reference.db", work / "killed.db"
        shutil.copy(base, ref)
        shutil.copy(base, db)
        started = time.monotonic()
        proc = subprocess.Popen([*STORYLINE, *command, "--db", str(ref)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        marks: dict[str, float] = {}
        previous = (0, 0)
        while proc.poll() is None:
            stored, extracted = _state(ref)
            now = time.monotonic() - started
            if stored > n0 and "first_stored" not in marks:
                marks["first_stored"] = now
            if extracted > n0 and "stored" not in marks:
                marks["stored"] = now  # extraction begins once every article is stored
            if extracted > n0 and extracted == previous[1] == stored:
                marks.setdefault("extracted", now)  # all extracted: the build runs now
            previous = (stored, extracted)
            time.sleep(0.2)
        total = time.monotonic() - started
        if proc.returncode != 0:
            print(f"reference run failed: {proc.stderr.read().decode()[-500:]}")
            return 1
        n = _count(ref)  # the articles the corpus holds (a repeated line is a duplicate)
        new = max(1, n - n0)
        startup = marks.get("first_stored", 1.0)
        store_s = marks.get("stored", startup) - startup
        extract_s = marks.get("extracted", total) - marks.get("stored", startup)
        build_s = total - marks.get("extracted", total)
        print(f"reference: {n - n0} new articles, {n} in all, in {total:.0f} s (start-up "
              f"{startup:.1f} s; storing, dating and the first parse batch {store_s:.1f} s; "
              f"the rest of the extraction {extract_s:.1f} s; build and exit {build_s:.1f} s)")
        reference = _export(ref, work, "reference")
        # A re-run with nothing left to store or extract, but a story to rebuild: how long?
        noop = work / "noop.db"
        shutil.copy(ref, noop)
        conn = sqlite3.connect(noop)
        conn.execute("DELETE FROM meta WHERE key = 'story_built_from'")
        conn.commit()
        conn.close()
        started = time.monotonic()
        _run([*command, "--db", str(noop)])
        rebuild_run = time.monotonic() - started
        started = time.monotonic()
        _run(["build", "--db", str(ref)])
        build_cmd = time.monotonic() - started
        build_s = max(build_s, build_cmd / 2, 0.5)
        print(f"`storyline build` alone: {build_cmd:.1f} s; a re-run that only rebuilds the "
              f"story: {rebuild_run:.1f} s")

        # ------------------------------------------------------------ killed runs
        results = []
        for k in range(1, args.kills + 1):
            stored, extracted = _state(db)
            in_build = k > args.kills - 2
            remaining = (startup + store_s * (1 - (stored - n0) / new)
                         + extract_s * (1 - (extracted - n0) / new) + build_s)
            proc = subprocess.Popen([*STORYLINE, *command, "--db", str(db)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            run_started = time.monotonic()
            if in_build:
                if extracted < n:  # let this run finish extracting, then kill in its build
                    while proc.poll() is None and _state(db)[1] < n:
                        time.sleep(0.05)
                    delay = rng.uniform(0.0, build_s)
                else:  # nothing left but the build: its latter part
                    delay = rng.uniform(0.4 * rebuild_run, 0.95 * rebuild_run)
                deadline = (time.monotonic() + delay) if extracted < n else run_started + delay
                delay = deadline - run_started
            else:
                delay = rng.uniform(0.2, max(0.5, remaining))
                deadline = run_started + delay
            try:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
                killed = False
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                killed = True
            after = _state(db)
            if not killed:
                stage = "missed: the run ended first"
            elif after[0] < n:
                stage = "storing"
            elif after[1] < n:
                stage = "dating/extracting"
            elif _story_fresh(db):
                stage = "after the build committed"
            else:
                stage = "building"
            integrity, consistent, notes = (_check(db) if db.exists()
                                            else (True, True, "no store yet"))
            results.append((killed, integrity, consistent))
            print(f"kill {k:2d} at {delay:6.1f} s ({stage}; stored {after[0]}/{n}, extracted "
                  f"{after[1]}/{n}): integrity_check {'ok' if integrity else 'FAILED'}, "
                  f"storyline check {'consistent' if consistent else 'INCONSISTENT'}"
                  + (f" ({notes})" if notes else ""), flush=True)
        final = _run([*command, "--db", str(db)])
        integrity, consistent, notes = _check(db)
        killed_export = _export(db, work, "killed")
        same_json = killed_export[0] == reference[0]
        same_csv = killed_export[1] == reference[1]
        kills = sum(1 for r in results if r[0])
        whole = all(r[1] and r[2] for r in results)
        print(f"final run: exit {final.returncode}; integrity_check "
              f"{'ok' if integrity else 'FAILED'}, check {'consistent' if consistent else 'NO'}"
              + (f" ({notes})" if notes else ""))
        print(f"{kills} kills landed; every store whole after each: {'yes' if whole else 'NO'}; "
              f"final export identical to the uninterrupted run: JSON "
              f"{'yes' if same_json else 'NO'}, clusters CSV {'yes' if same_csv else 'NO'}")
        if not same_json:
            for key in reference[0]:
                if reference[0][key] != killed_export[0].get(key):
                    print(f"  first difference in {key!r}")
                    break
        return 0 if whole and same_json and same_csv and final.returncode == 0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
