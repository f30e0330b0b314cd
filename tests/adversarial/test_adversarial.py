"""Issue 12's 26 hostile and careless uses, one test each (cases.py; the benchmark
`benchmarks/adversarial.py` runs the same cases through the `storyline` program).

Commands run in this process where that changes nothing (spaCy loads once per session) and as
a separate `storyline` process where the case needs one (a FIFO that could hang, stdin limits,
kill -9, two processes at once, dropped privileges). PostgreSQL parts run when STORYLINE_TEST_PG
names a server (`.ci/run` starts one with `.ci/postgres.sh`), and skip with the reason otherwise.
A check that waits for another helper's work (marked pending in cases.py) is an expected
failure until that work lands.
"""

from __future__ import annotations

import os

import pytest

from . import cases as _cases  # noqa: F401 - importing registers the cases
from .harness import CASES, InProcessCli, run_case


@pytest.fixture(scope="module")
def cli() -> InProcessCli:
    return InProcessCli()


@pytest.mark.parametrize("item", CASES, ids=[f"{c.number:02d}-{c.name}" for c in CASES])
def test_case(item, cli, tmp_path):
    outcome = run_case(item, tmp_path / item.name, cli, os.environ.get("STORYLINE_TEST_PG"))
    if outcome.status == "SKIP":
        pytest.skip("; ".join(outcome.skipped))
    assert outcome.status != "FAIL", outcome.line()
    if outcome.status == "PENDING":
        pytest.xfail(outcome.line())


def test_the_cases_are_the_issues_26():
    assert [c.number for c in CASES] == list(range(1, 27))
    groups = [c.group for c in CASES]
    assert (groups.count("failing"), groups.count("passing"), groups.count("also seen")) == (
        14, 7, 5)
