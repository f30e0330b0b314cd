"""The story stage's parameters and rules, read from YAML under `storyline/data/`."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from storyline.data import read_yaml


def _read(name: str, path: str | Path | None = None) -> dict[str, Any]:
    data = read_yaml(name, path)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


@functools.cache
def story_config() -> dict[str, Any]:
    """`data/story.yaml`: clustering, series, dispute and timeline parameters."""
    return _read("story.yaml")


def section(name: str) -> dict[str, Any]:
    return dict(story_config().get(name) or {})


@functools.cache
def state_rules() -> dict[str, Any]:
    """How event records map to the negotiation state: the default story profile's
    state_rules.yaml over the base's (`data/base/state_rules.yaml`)."""
    from storyline.profiles.compiled import default_resources

    return default_resources().profile.merged("state_rules")


@functools.cache
def base_state_rules() -> dict[str, Any]:
    """`data/base/state_rules.yaml`: the negotiation analysis's rules and vocabulary, which a
    story profile's state_rules.yaml and negotiation.yaml extend."""
    return _read("base/state_rules.yaml")
