"""Issue 12's 26 hostile and careless uses, run through the `storyline` program: one line each.

The cases are those of `tests/adversarial/cases.py` (the tests run them too); here every command
is a separate `storyline` process, as a user would run it. Inputs are generated at run time in
a temporary folder. PostgreSQL cases use $STORYLINE_TEST_PG, or a server this script starts with
`.ci/postgres.sh` (and stops) when it can; without one they are reported SKIP.

    python benchmarks/adversarial.py [--only 4,12] [--keep]

Status per case: PASS; FAIL (a check failed: listed); PENDING (only checks that wait for another
helper's work failed, named in brackets); SKIP (cannot run here, with the reason). Exit status 1
when any case fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from adversarial import cases as _cases  # noqa: E402, F401 - importing registers the cases
from adversarial.harness import CASES, ProcessCli, run_case  # noqa: E402


def _postgres() -> tuple[str | None, bool]:
    """(server URL, whether this script started it)."""
    if os.environ.get("STORYLINE_TEST_PG"):
        return os.environ["STORYLINE_TEST_PG"], False
    try:
        done = subprocess.run(["bash", str(REPO / ".ci" / "postgres.sh"), "start"],
                              capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired):
        return None, False
    line = done.stdout.strip().splitlines()[-1:] if done.returncode == 0 else []
    if line and line[0].startswith("export STORYLINE_TEST_PG="):
        return line[0].split("=", 1)[1], True
    return None, False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated case numbers")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    only = {int(n) for n in args.only.split(",")} if args.only else None
    pg, started = _postgres()
    work = Path(tempfile.mkdtemp(prefix="storyline-adversarial-"))
    cli = ProcessCli()
    counts: dict[str, int] = {}
    print(f"storyline adversarial cases (issue 12), through `storyline` processes; "
          f"PostgreSQL: {'yes' if pg else 'no'}; work in {work}")
    started_all = time.monotonic()
    try:
        for item in CASES:
            if only and item.number not in only:
                continue
            outcome = run_case(item, work / f"{item.number:02d}-{item.name}", cli, pg)
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            print(f"{item.number:2d} {item.name:<36} {outcome.line()}  [{item.group}: "
                  f"{item.title}]", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        if started:
            subprocess.run(["bash", str(REPO / ".ci" / "postgres.sh"), "stop"],
                           capture_output=True, timeout=120)
    total = sum(counts.values())
    summary = ", ".join(f"{counts[k]} {k.lower()}" for k in ("PASS", "PENDING", "FAIL", "SKIP")
                        if counts.get(k))
    print(f"{total} cases: {summary} ({time.monotonic() - started_all:.0f} s)")
    return 1 if counts.get("FAIL") else 0


if __name__ == "__main__":
    sys.exit(main())
