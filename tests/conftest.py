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
