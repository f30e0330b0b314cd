"""Fixtures shared by the extraction tests."""

from __future__ import annotations

import pytest

from storyline.extract.actors import ActorResolver
from storyline.extract.events import extract_events
from storyline.extract.figures import extract_figures
from storyline.records import Article
from storyline.temporal.anchoring import article_anchor
from storyline.temporal.expressions import find_time_expressions


def _read(nlp, text: str, published: str | None):
    """A one-text article's parse, record and time expressions (dated against `published`)."""
    doc = nlp(text)
    article = Article(id="t", text=text, source="test", format="text", published=published)
    anchor, anchored = article_anchor(article)
    return doc, article, find_time_expressions(doc, article.id, anchor, anchored)


@pytest.fixture(scope="module")
def rules_only():
    """The rules' own modality, dating and participants: the learned typing that may retype,
    drop or add a sentence's main candidate (extract/event_classifier.py) is left out (it is
    tested in test_event_classifier.py). A module opts in with
    `pytestmark = pytest.mark.usefixtures("rules_only")`."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("storyline.extract.events.event_classifier.type_candidates",
                   lambda doc, candidates, actors, head=None, can_yield=None, ruled_out=(): candidates)
        yield


@pytest.fixture(scope="session")
def figures_of(nlp):
    """The figures of a one-sentence article published on `published` (None: undated)."""
    def run(text: str, published: str | None):
        doc, article, times = _read(nlp, text, published)
        return extract_figures(doc, article, times, ActorResolver.for_doc(doc))

    return run


@pytest.fixture(scope="session")
def events_of(nlp):
    """The events of a one-text article published on `published`, its time expressions found."""
    def run(text: str, published: str | None):
        doc, article, times = _read(nlp, text, published)
        return extract_events(doc, article, times, ActorResolver.for_doc(doc))

    return run


@pytest.fixture(scope="module")
def events(events_of, request):
    """`events_of` with the test module's `PUBLISHED` day as the default publication day."""
    published_default = request.module.PUBLISHED

    def run(text: str, published: str | None = published_default):
        return events_of(text, published)

    return run
