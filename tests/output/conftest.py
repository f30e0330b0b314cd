"""Fixtures of the output tests (the store they share is built in sample.py)."""

from __future__ import annotations

import pytest

from .sample import build_store


@pytest.fixture
def story_store(tmp_path):
    store = build_store(tmp_path / "story.db")
    yield store
    store.close()


@pytest.fixture
def story_db(story_store) -> str:
    return story_store.url


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """`storyline demo` run once on the example corpus: (CliRunner result, output folder)."""
    from typer.testing import CliRunner

    from storyline.cli import app

    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(app, ["demo", "--dir", str(out)])
    return result, out
