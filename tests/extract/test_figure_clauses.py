"""Figures whose clause the parse splits (branch grain11), on sentences written for these tests:
a cargo carried by counted vehicles shares what their clause says of them, the subject hung on
an auxiliary still has the clause's verb, and a coordinated "said" has the first verb's subject
as its source. Figure kinds from a profile of tonnes and ships (examples/grain-deal/profile)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extract.actors import ActorResolver
from storyline.extract.figures import extract_figures
from storyline.profiles import load_profile
from storyline.profiles.compiled import resources
from storyline.records import Article
from storyline.temporal.anchoring import article_anchor
from storyline.temporal.expressions import find_time_expressions

PROFILE = Path(__file__).resolve().parents[2] / "examples" / "grain-deal" / "profile"


@pytest.fixture(scope="module")
def figures(nlp):
    res = resources(load_profile(PROFILE))

    def run(text: str):
        doc = nlp(text)
        article = Article(id="t", text=text, source="test", format="text", published="2024-05-09")
        anchor, anchored = article_anchor(article)
        times = find_time_expressions(doc, article.id, anchor, anchored)
        return extract_figures(doc, article, times, ActorResolver(doc, res.actors),
                               kinds=res.figures, frame=res.frame)

    return run


def test_cargo_on_stuck_vessels_is_stuck(figures):
    found = figures("Around 12 vessels loaded with almost 40,000 tonnes of maize are stuck on the "
                    "river, the port authority said.")
    assert {(f.kind, f.value) for f in found} == {("ships_waiting", 12.0),
                                                  ("grain_stuck", 40000.0)}


def test_a_coordinated_said_takes_the_first_verbs_subject_as_source(figures):
    found = figures("The port authority blamed the strike and said more than 30 vessels were "
                    "waiting to be unloaded.")
    assert [(f.kind, f.source) for f in found] == [("ships_waiting", "The port authority")]
