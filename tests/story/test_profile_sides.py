"""The story stage's sides come from the chosen profile's actor lexicon, not the default's."""

from __future__ import annotations

from storyline.extract.actors import compile_lexicon
from storyline.records import ActorRef
from storyline.story.disputes import side_set

LEXICON = compile_lexicon({"actors": [
    {"name": "Ruritania", "kind": "state", "country": "RUR"},
    {"name": "Ruritanian Port Office", "kind": "ministry", "country": "RUR",
     "parent": "Ruritania"},
]})


def test_a_ministry_stands_for_its_state_in_the_profile():
    ref = ActorRef(text="the port office", canonical="Ruritanian Port Office")
    assert "ruritania" in side_set(ref, actors=LEXICON)
    assert "ruritania" not in side_set(ref)  # the default profile does not know it
