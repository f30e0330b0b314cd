"""How a record names a statement's speaker that extraction did not resolve."""

from __future__ import annotations

import pytest

from storyline.records import Statement
from storyline.story.context import speaker_label


def _said_by(speaker: str) -> Statement:
    return Statement(article_id="a1", start=0, end=10, quote="q", speaker=speaker,
                     speaker_actor=None, content="c", stance="assert")


@pytest.mark.parametrize("written, shown", [
    ("Dana Roe - the longest-serving member of the council", "Dana Roe"),
    ("Describing a raid on a depot - which they did not locate - a port official",
     "a port official"),
    ("The harbour board, which runs the docks", "The harbour board"),
    ("the union  whose members walked out", "the union"),
    ("Lena Marsh -- a former envoy", "Lena Marsh"),
    ("well-known local figures", "well-known local figures"),
])
def test_speaker_label_skips_appositives_and_dash_parentheticals(written, shown):
    assert speaker_label(_said_by(written)) == shown
