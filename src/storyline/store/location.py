"""Where the store is: `--db` beats `STORYLINE_DB` beats ./storyline.db (no SQLAlchemy here)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_URL = "sqlite:///storyline.db"
ENV_VAR = "STORYLINE_DB"
# The schema version this storyline writes; migrations.py checks it equals its number of steps.
SCHEMA_VERSION = 1


def resolve_url(url: str | None) -> str:
    """The store's SQLAlchemy URL; a bare path means SQLite."""
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{Path(url)}"
    return url


def sqlite_file(url: str) -> Path | None:
    """The database file of a plain `sqlite:///path` URL; None for anything else."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = url[len(prefix):]
    if not path or path == ":memory:":
        return None
    return Path(path)
