"""PLACEHOLDER (being written by a helper): extract events."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.extract.actors import ActorResolver
from storyline.records import Article, Event, TimeExpression


def extract_events(
    doc: Doc, article: Article, times: list[TimeExpression], actors: ActorResolver
) -> list[Event]:
    return []
