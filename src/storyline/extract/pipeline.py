"""One article in, every extracted record out: the extraction stage as a pure function.

One spaCy parse per article is shared by every extractor (time expressions, actors, events,
figures, statements).
"""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.extract.actors import ActorResolver
from storyline.extract.events import extract_events
from storyline.extract.figures import extract_figures
from storyline.extract.statements import extract_statements

# The version lives in version.py (importable without spaCy); bump it there.
from storyline.extract.version import EXTRACTION_VERSION  # noqa: F401 - re-exported
from storyline.profiles.compiled import StoryResources, default_resources
from storyline.records import Article, Extraction
from storyline.temporal.anchoring import article_anchor
from storyline.temporal.expressions import find_time_expressions


def extract_article(article: Article, doc: Doc, story: StoryResources | None = None
                    ) -> Extraction:
    """All records of one article from its parse (`doc` must be the parse of `article.text`),
    with the story profile's lexicons (`story`: `profiles.compiled.resources(profile)`; None:
    the packaged default profile's)."""
    story = story or default_resources()
    anchor, anchored = article_anchor(article)
    times = find_time_expressions(doc, article.id, anchor, anchored)
    actors = ActorResolver.for_doc(doc, story.actors)
    return Extraction(
        article_id=article.id,
        time_expressions=times,
        events=extract_events(doc, article, times, actors, story.events),
        figures=extract_figures(doc, article, times, actors, story.figures, story.frame,
                                story.events.cues),
        statements=extract_statements(doc, article, times, actors, story.speech),
    )
