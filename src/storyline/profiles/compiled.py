"""One story profile compiled for the stages that use it: the actor, event and speech
lexicons, the figure kinds and frame lists, the negotiation rules, the outlets.

`resources(profile)` compiles a profile once per process (by content hash) and each part on
first use; the extractors and the story stage take the result, or its parts, as arguments:
nothing reads a story's files behind their back. `default_resources()` is the packaged default
profile's, for the callers (and tests) that give none.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from storyline.profiles import Profile, packaged_profile, resolve_story

if TYPE_CHECKING:
    from storyline.extract.actors import ActorLexicon
    from storyline.extract.attribution import SpeechLexicon
    from storyline.extract.events import EventLexicon
    from storyline.extract.figure_frame import FrameLexicon
    from storyline.extract.figures import FigureKinds
    from storyline.ingest.metadata import Outlets
    from storyline.story.rules import NegotiationRules

_COMPILED: dict[str, StoryResources] = {}
_KEEP = 4  # profiles compiled in one process at most (tests switch between a few)


class StoryResources:
    """The compiled parts of one profile (each compiled on first use)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile

    @property
    def hash(self) -> str:
        return self.profile.hash

    @functools.cached_property
    def actors(self) -> ActorLexicon:
        from storyline.extract.actors import compile_lexicon

        return compile_lexicon(self.profile.merged("actors"))

    @functools.cached_property
    def events(self) -> EventLexicon:
        from storyline.extract.events import compile_event_lexicon

        return compile_event_lexicon(self.profile.merged("event_lexicon"))

    @functools.cached_property
    def figures(self) -> FigureKinds:
        from storyline.extract.figures import compile_figure_kinds

        return compile_figure_kinds(self.profile.merged("figure_kinds"))

    @functools.cached_property
    def frame(self) -> FrameLexicon:
        from storyline.extract.figure_frame import compile_frame_lexicon

        return compile_frame_lexicon(self.profile.merged("figure_kinds"))

    @functools.cached_property
    def speech(self) -> SpeechLexicon:
        from storyline.extract.attribution import compile_speech_lexicon

        return compile_speech_lexicon(dict(self.profile.base_data("speech_verbs")))

    @functools.cached_property
    def rules(self) -> NegotiationRules:
        from storyline.story.rules import compile_rules

        return compile_rules(self.profile.merged("state_rules"), actors=self.actors)

    @functools.cached_property
    def outlets(self) -> Outlets:
        from storyline.ingest.metadata import outlets_of

        return outlets_of(self.profile)


def resources(profile: Profile | None = None) -> StoryResources:
    """The compiled resources of `profile` (None: the packaged default profile)."""
    profile = profile if profile is not None else packaged_profile()
    found = _COMPILED.get(profile.hash)
    if found is None:
        if len(_COMPILED) >= _KEEP:
            _COMPILED.pop(next(iter(_COMPILED)))
        found = _COMPILED[profile.hash] = StoryResources(profile)
    return found


@functools.cache
def default_resources() -> StoryResources:
    """The packaged default profile's resources (what a caller that names no profile gets)."""
    return resources(packaged_profile())


def story_resources(value: str | None = None) -> StoryResources:
    """The resources of the profile `--story VALUE` / `$STORYLINE_STORY` / the default names."""
    return resources(resolve_story(value))
