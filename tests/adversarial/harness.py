"""How the adversarial cases run: the command line (in this process or as the `storyline`
program), checks with pending and skipped parts, fresh PostgreSQL databases, dropped
privileges (for read-only cases when the tests run as root).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TRACEBACK = "Traceback (most recent call last)"


@dataclass
class Run:
    """One `storyline …` run."""

    args: list[str]
    code: int
    out: str
    err: str
    crashed: str | None = None  # an exception that escaped (the traceback's last line)

    @property
    def text(self) -> str:
        """stdout and stderr, whitespace collapsed (Rich may wrap lines)."""
        return " ".join(f"{self.out}\n{self.err}".split())

    def json(self) -> object:
        return json.loads(self.out)


def storyline_command() -> list[str]:
    """The `storyline` program of this interpreter's environment (the product path)."""
    script = Path(sys.executable).with_name("storyline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "storyline"]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "STORYLINE_DB"}
    env["COLUMNS"] = "1000"  # one line per message, whatever Rich would wrap
    env["PYTHONUNBUFFERED"] = "1"
    return env


class ProcessCli:
    """`storyline` as a separate program: real exit codes, signals, stdin and file limits."""

    def __call__(self, args: Sequence[str], input: bytes | str | None = None,
                 timeout: float = 300, prefix: Sequence[str] = (), cwd: Path | None = None) -> Run:
        data = input.encode("utf-8") if isinstance(input, str) else input
        try:
            done = subprocess.run([*prefix, *storyline_command(), *args], input=data,
                                  capture_output=True, timeout=timeout, env=_env(), cwd=cwd)
        except subprocess.TimeoutExpired:
            return Run(list(args), -1, "", "", crashed=f"timed out after {timeout:.0f} s")
        out = done.stdout.decode("utf-8", "replace")
        err = done.stderr.decode("utf-8", "replace")
        crashed = None
        if TRACEBACK in out or TRACEBACK in err:
            crashed = [ln for ln in err.splitlines() if ln.strip()][-1:] or ["traceback"]
            crashed = crashed[0]
        elif done.returncode < 0:
            crashed = f"killed by signal {-done.returncode}"
        return Run(list(args), done.returncode, out, err, crashed)

    def spawn(self, args: Sequence[str], stdin: int | None = None) -> subprocess.Popen:
        return subprocess.Popen([*storyline_command(), *args], stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())


class InProcessCli:
    """`storyline` through Typer's test runner: the same commands without a process start
    (the spaCy pipeline loads once per test session). Runs that need a prefix (dropped
    privileges) go to a process."""

    def __init__(self) -> None:
        from typer.testing import CliRunner

        from storyline.cli import app

        self.app = app
        self.runner = CliRunner(env={"STORYLINE_DB": None, "COLUMNS": "1000"})
        self.process = ProcessCli()

    def __call__(self, args: Sequence[str], input: bytes | str | None = None,
                 timeout: float = 300, prefix: Sequence[str] = (), cwd: Path | None = None) -> Run:
        if prefix or cwd:
            return self.process(args, input, timeout, prefix, cwd)
        result = self.runner.invoke(self.app, list(args), input=input)
        crashed = None
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            lines = traceback.format_exception(result.exception)
            crashed = lines[-1].strip()
        return Run(list(args), result.exit_code, result.stdout, result.stderr, crashed)


class Skip(Exception):
    """The case cannot run here (no PostgreSQL, no way to drop privileges)."""


@dataclass
class Outcome:
    status: str  # PASS, FAIL, PENDING (only checks another helper's work answers failed), SKIP
    passed: int = 0
    checks: int = 0
    failures: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        detail = f"{self.passed}/{self.checks} checks"
        if self.failures:
            detail += "; failed: " + " | ".join(self.failures[:3])
        if self.pending:
            detail += "; pending: " + " | ".join(self.pending[:3])
        if self.skipped:
            detail += "; skipped: " + " | ".join(self.skipped[:2])
        return f"{self.status:<7} {detail} ({self.seconds:.1f} s)"


@dataclass
class Context:
    """What a case gets: its own folder, the command line, and the checks it records."""

    work: Path
    cli: Callable[..., Run]
    proc: ProcessCli
    pg_base: str | None = None
    passed: int = 0
    failures: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def ok(self, condition: object, what: str, pending: str | None = None) -> bool:
        """Record one check; `pending` names the helper whose work the check waits for."""
        if condition:
            self.passed += 1
        elif pending:
            self.pending.append(f"{what} ({pending})")
        else:
            self.failures.append(what)
        return bool(condition)

    def skip_part(self, why: str) -> None:
        self.skipped.append(why)

    def run(self, args: Sequence[str], **kwargs) -> Run:
        """A run that must not end in a traceback (checked)."""
        result = (kwargs.pop("via", None) or self.cli)(args, **kwargs)
        self.ok(result.crashed is None,
                f"`storyline {' '.join(str(a) for a in args[:2])}` crashed: {result.crashed}")
        return result

    def db(self, name: str = "s.db") -> str:
        return str(self.work / name)

    # ------------------------------------------------------------------ PostgreSQL

    def postgres(self) -> str:
        """A fresh, empty PostgreSQL database (dropped after the case); Skip without a server."""
        if not self.pg_base:
            raise Skip("no PostgreSQL server (set STORYLINE_TEST_PG, see .ci/postgres.sh)")
        import psycopg

        base = self.pg_base.replace("postgresql+psycopg://", "postgresql://")
        name = f"adv_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

        def drop() -> None:
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        self.cleanups.append(drop)
        return self.pg_base.rsplit("/", 1)[0] + f"/{name}"

    # ------------------------------------------------------------------ privileges

    def unprivileged(self) -> tuple[str, ...]:
        """A command prefix under which file permissions apply (root bypasses them): nothing
        for an ordinary user, setpriv without CAP_DAC_OVERRIDE for root; Skip if neither."""
        if os.geteuid() != 0:
            return ()
        if shutil.which("setpriv"):
            caps = "-dac_override,-dac_read_search"
            return ("setpriv", "--bounding-set", caps, "--inh-caps", caps, "--")
        raise Skip("running as root without setpriv: file permissions cannot be tested")


def query(db: str, sql: str, params: Sequence = ()) -> list[tuple]:
    """Rows from a SQLite store, read-only (never creates it)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def wait_for(condition: Callable[[], bool], timeout: float, every: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except sqlite3.Error:
            pass  # the store is being created
        time.sleep(every)
    return False


@dataclass
class Case:
    number: int
    name: str
    title: str
    group: str  # "failing" (the 14), "passing" (its passing ones), "also seen"
    fn: Callable[[Context], None]


CASES: list[Case] = []


def case(number: int, name: str, title: str, group: str):
    def register(fn: Callable[[Context], None]) -> Callable[[Context], None]:
        CASES.append(Case(number, name, title, group, fn))
        return fn

    return register


def run_case(item: Case, work: Path, cli: Callable[..., Run], pg_base: str | None) -> Outcome:
    work.mkdir(parents=True, exist_ok=True)
    ctx = Context(work=work, cli=cli, proc=ProcessCli(), pg_base=pg_base)
    started = time.monotonic()
    try:
        item.fn(ctx)
    except Skip as exc:
        return Outcome("SKIP", skipped=[str(exc)], seconds=time.monotonic() - started)
    except Exception as exc:  # noqa: BLE001 - a case's own error is its failure, reported
        ctx.failures.append(f"the case raised {type(exc).__name__}: {exc}")
    finally:
        for cleanup in reversed(ctx.cleanups):
            try:
                cleanup()
            except Exception:  # noqa: BLE001, S110 - cleanup is best effort
                pass
    checks = ctx.passed + len(ctx.failures) + len(ctx.pending)
    status = "FAIL" if ctx.failures else ("PENDING" if ctx.pending else "PASS")
    return Outcome(status, ctx.passed, checks, ctx.failures, ctx.pending, ctx.skipped,
                   time.monotonic() - started)
