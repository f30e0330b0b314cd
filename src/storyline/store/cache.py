"""Read-only access to the cached story, for the query commands.

`storyline timeline` and its siblings only read the story cache. Importing SQLAlchemy alone
takes longer than such a command should, so for a SQLite file the cache is read with the
standard library's sqlite3 (read-only, parameterised queries on the one `story_items` table),
inside one read transaction held for the reader's life: every kind it reads comes from the same
build. A missing file is `StoreMissing` (nothing is created); any other store, or a schema this
version did not write, goes through `Store(url, readonly=True)`, which upgrades or explains.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from storyline.store.errors import StoreMissing
from storyline.store.location import (
    SCHEMA_VERSION,
    resolve_url,
    sqlite_file,
    sqlite_readonly_uri,
)


class StoryCache(Protocol):
    def story_items(
        self, kind: str, since: str | None = None, until: str | None = None,
        fields: tuple[str, ...] | None = None,
    ) -> list[dict]: ...

    def close(self) -> None: ...


class SQLiteStoryCache:
    """The story cache of a SQLite store, opened read-only, read in one snapshot."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def story_items(
        self, kind: str, since: str | None = None, until: str | None = None,
        fields: tuple[str, ...] | None = None,
    ) -> list[dict]:
        if fields:
            # only these top-level fields, taken out by SQLite: a cluster's mentions are most
            # of the 20 MB of JSON a large store's clusters hold
            picks = ", ".join(f"data -> '$.{_field(name)}'" for name in fields)
            sql = f"SELECT {picks} FROM story_items WHERE kind = ?"  # noqa: S608 - checked names
        else:
            sql = "SELECT data FROM story_items WHERE kind = ?"
        params: list[Any] = [kind]
        if since:
            sql += " AND date >= ?"
            params.append(since)
        if until:
            sql += " AND date <= ?"
            params.append(until)
        sql += " ORDER BY date, id"
        rows = self.connection.execute(sql, params)
        if fields:
            return [{name: json.loads(v) if v is not None else None
                     for name, v in zip(fields, row, strict=True)} for row in rows]
        return [json.loads(row[0]) for row in rows]

    @contextmanager
    def read_snapshot(self) -> Iterator[SQLiteStoryCache]:
        yield self  # the whole connection is one snapshot already

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> SQLiteStoryCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _field(name: str) -> str:
    if not name.isidentifier():
        raise ValueError(f"not a field name: {name!r}")
    return name


def _open_sqlite(url: str) -> SQLiteStoryCache | None:
    path = sqlite_file(url)
    if path is None:
        return None
    if not path.exists():
        raise StoreMissing(str(path))
    if not path.is_file():
        return None  # Store explains
    try:
        connection = sqlite3.connect(sqlite_readonly_uri(path), uri=True, isolation_level=None)
        # One read transaction for the reader's life: a build committing meanwhile is not seen
        # half (in WAL mode the snapshot is taken at the first read below).
        connection.execute("BEGIN")
        row = connection.execute(
            "SELECT value FROM meta WHERE key = ?", ("schema_version",)
        ).fetchone()
    except sqlite3.Error:
        return None
    if row is None or row[0] != str(SCHEMA_VERSION):
        connection.close()
        return None
    return SQLiteStoryCache(connection)


def open_story_cache(url: str | None):  # -> StoryCache (a Store also is one)
    """The story cache of the store at `url` (see `resolve_url`), for reading; never creates."""
    resolved = resolve_url(url)
    cache = _open_sqlite(resolved)
    if cache is not None:
        return cache
    from storyline.store.db import Store

    return Store(resolved, readonly=True)
