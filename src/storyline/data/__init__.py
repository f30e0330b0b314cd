"""storyline's editable data (YAML under this folder) and the one function that reads it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it: the packaged profile and base data are read on
# every command, and the pure-Python parser took most of a second for them.
SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """`yaml.safe_load` with libyaml's parser where available."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


def compose_yaml(text: str) -> yaml.Node | None:
    """`yaml.compose` (nodes with line marks) with libyaml's parser where available."""
    return yaml.compose(text, Loader=SafeLoader)


def read_yaml(name: str, path: str | Path | None = None) -> Any:
    """The packaged `data/<name>`, or the file at `path` when given (a user's edited copy)."""
    if path is not None:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return load_yaml(text) or {}
