"""The store: schema, migrations and queries (SQLite by default, PostgreSQL by URL)."""

from storyline.store.db import ArticleRow, Store, resolve_url

__all__ = ["ArticleRow", "Store", "resolve_url"]
