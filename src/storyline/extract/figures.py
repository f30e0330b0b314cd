"""PLACEHOLDER (being written by a helper): extract figures."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.extract.actors import ActorResolver
from storyline.records import Article, Figure, TimeExpression


def extract_figures(
    doc: Doc, article: Article, times: list[TimeExpression], actors: ActorResolver
) -> list[Figure]:
    return []
