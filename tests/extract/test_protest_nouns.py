"""Protest nouns in news phrasing (branch lex10; sentences written for these tests): a strike
named by its compound is no air strike, and "staged" (the parser's lemma "stag") stages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("rules_only")
PUBLISHED = "2024-05-10"


def test_a_staged_hunger_strike_is_a_protest(events):
    found = events("Opposition leader Maria Lopez staged a hunger strike in her cell.")
    assert [(e.type, e.mode) for e in found] == [("PROTEST", "hunger")]


def test_a_hunger_strike_as_a_bare_noun_is_no_air_strike(events):
    found = events("A hunger strike by Maria Lopez entered its third week.")
    assert {(e.type, e.mode) for e in found} == {("PROTEST", "hunger")}
