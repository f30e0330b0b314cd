"""Fixtures shared by the extraction tests."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.extract.actors import ActorResolver
from storyline.extract.figures import extract_figures
from storyline.records import Article
from storyline.temporal.expressions import find_time_expressions


@pytest.fixture(scope="session")
def figures_of(nlp):
    """The figures of a one-sentence article published on `published` (None: undated)."""
    def run(text: str, published: str | None):
        doc = nlp(text)
        article = Article(id="t", text=text, source="test", format="text", published=published)
        anchor = date.fromisoformat(published) if published else None
        times = find_time_expressions(doc, "t", anchor, "published" if anchor else "none")
        return extract_figures(doc, article, times, ActorResolver.for_doc(doc))

    return run
