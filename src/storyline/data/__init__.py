"""storyline's editable data (YAML under this folder) and the one function that reads it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def read_yaml(name: str, path: str | Path | None = None) -> Any:
    """The packaged `data/<name>`, or the file at `path` when given (a user's edited copy)."""
    if path is not None:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}
