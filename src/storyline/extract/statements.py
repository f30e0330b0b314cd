"""PLACEHOLDER (being written by a helper): extract statements."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.extract.actors import ActorResolver
from storyline.records import Article, Statement, TimeExpression


def extract_statements(
    doc: Doc, article: Article, times: list[TimeExpression], actors: ActorResolver
) -> list[Statement]:
    return []
