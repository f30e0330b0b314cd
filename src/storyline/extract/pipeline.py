"""One article in, every extracted record out: the extraction stage as a pure function.

One spaCy parse per article is shared by every extractor (time expressions, actors, events,
figures, statements).
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from storyline.extract.actors import ActorResolver
from storyline.extract.events import extract_events
from storyline.extract.figures import extract_figures
from storyline.extract.page_text import editorial_note_spans, link_list_spans
from storyline.extract.statements import extract_statements

# The version lives in version.py (importable without spaCy); bump it there.
from storyline.extract.version import EXTRACTION_VERSION  # noqa: F401 - re-exported
from storyline.profiles.compiled import StoryResources, default_resources
from storyline.records import Article, Event, Extraction, Figure
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
    notes = editorial_note_spans(doc, story.speech.editorial_notes) + link_list_spans(
        doc.text, story.speech.link_list_joins, story.speech.own_capitals)

    def news(records: list) -> list:
        return [r for r in records if not any(a <= r.start < b for a, b in notes)]

    figures = news(extract_figures(doc, article, times, actors, story.figures, story.frame,
                                   story.events.cues))
    return Extraction(
        article_id=article.id,
        time_expressions=times,
        events=undate_running_totals(
            news(extract_events(doc, article, times, actors, story.events)), figures),
        figures=figures,
        statements=news(extract_statements(doc, article, times, actors, story.speech)),
    )


def undate_running_totals(events: list[Event], figures: list[Figure]) -> list[Event]:
    """An event that states a running total ("more than 33,000 people have been killed in
    the offensive": a figure of cumulative scope inside its quote) is the campaign to date,
    not an act of the article's day: with no date of its own it is undated."""
    totals = [f.start for f in figures if f.scope == "cumulative"]
    return [dataclasses.replace(e, date_earliest=None, date_latest=None, date_text=None,
                                date_basis="unknown")
            if e.date_basis == "publication" and any(e.start <= t < e.end for t in totals)
            else e for e in events]
