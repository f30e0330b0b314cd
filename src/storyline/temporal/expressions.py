"""PLACEHOLDER (being written by the temporal helper): find and normalise time expressions."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from storyline.records import TimeExpression


def find_time_expressions(
    doc: Doc, article_id: str, anchor: date | None, anchored: str = "published"
) -> list[TimeExpression]:
    return []
