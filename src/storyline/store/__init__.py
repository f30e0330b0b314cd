"""The store: schema, migrations and queries (SQLite by default, PostgreSQL by URL).

`Store(url)` opens a store for writing, `Store(url, readonly=True)` for reading (see db.py for
what each refuses); the errors are in `storyline.store.errors`, one line each for the user.
`Store` is imported on first use: SQLAlchemy is slow to import, and the query commands read the
story cache without it (see cache.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storyline.store.errors import (
    ForeignDatabase,
    SchemaTooNew,
    StoreError,
    StoreLocationError,
    StoreMissing,
    StoreReadOnly,
)
from storyline.store.location import resolve_url

if TYPE_CHECKING:
    from storyline.store.db import ArticleRow, Store

__all__ = [
    "ArticleRow",
    "ForeignDatabase",
    "SchemaTooNew",
    "Store",
    "StoreError",
    "StoreLocationError",
    "StoreMissing",
    "StoreReadOnly",
    "resolve_url",
]


def __getattr__(name: str) -> Any:
    if name in ("ArticleRow", "Store"):
        from storyline.store import db

        return getattr(db, name)
    raise AttributeError(name)
