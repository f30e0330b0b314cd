"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO.parent / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests that need it skip when it is absent."""
    if not (SHARED / "DESIGN.md").is_file():
        pytest.skip(f"../shared is not beside the checkout ({SHARED}): publisher data unavailable")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The shared spaCy pipeline (loaded once per test session)."""
    from storyline import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture
def postgres_url():
    """A fresh, empty PostgreSQL database on the server `.ci/postgres.sh start` runs (its URL in
    $STORYLINE_TEST_PG); skipped when no server was started. Dropped afterwards."""
    import os
    import uuid

    base = os.environ.get("STORYLINE_TEST_PG")
    if not base:
        pytest.skip("no PostgreSQL server: run `eval \"$(bash .ci/postgres.sh start)\"` first")
    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"), {"n": name})
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()
