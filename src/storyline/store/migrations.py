"""Schema versions and the steps between them.

Each step takes a connection at version N-1 and leaves it at version N, creating only the tables
(or columns) of its own version; `upgrade` runs the missing steps in order inside the caller's
transaction, so a store is never left half-migrated. `inspect_store` tells a storyline store from
another application's database before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select, text

from storyline.store import schema
from storyline.store.errors import SchemaTooNew
from storyline.store.location import SCHEMA_VERSION

__all__ = ["CURRENT_VERSION", "STEPS", "SchemaTooNew", "inspect_store", "stored_version",
           "upgrade"]

SchemaStep = Callable[[Connection], None]


def _v1_initial(conn: Connection) -> None:
    t = schema
    schema.metadata.create_all(conn, tables=[
        t.meta, t.articles, t.article_links, *t.RECORD_TABLES.values(), t.story_items, t.runs,
    ])


def _v2_article_failures(conn: Connection) -> None:
    schema.article_failures.create(conn, checkfirst=True)


def _v3_extracted_profile(conn: Connection) -> None:
    # Records extracted before this step carry no profile hash: they count as made under
    # another profile (stale), so the next extract redoes them.
    if "extracted_profile" not in {c["name"] for c in inspect(conn).get_columns("articles")}:
        conn.execute(text("ALTER TABLE articles ADD COLUMN extracted_profile VARCHAR(64)"))


def _v4_dating(conn: Connection) -> None:
    # Empty at first: the first ingest that meets an undated article fills them (dating.py).
    schema.dating_index.create(conn, checkfirst=True)
    schema.dating_evidence.create(conn, checkfirst=True)


STEPS: list[SchemaStep] = [_v1_initial, _v2_article_failures, _v3_extracted_profile, _v4_dating]
CURRENT_VERSION = len(STEPS)
assert CURRENT_VERSION == SCHEMA_VERSION, "bump location.SCHEMA_VERSION with each new step"


def stored_version(conn: Connection) -> int:
    if not inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
    ).first()
    return int(row[0]) if row else 0


def inspect_store(conn: Connection) -> tuple[int, list[str]]:
    """(schema version, table names) of the database: version 0 with tables is not ours."""
    names = [n for n in inspect(conn).get_table_names() if not n.startswith("sqlite_")]
    return (stored_version(conn) if "meta" in names else 0), names


def upgrade(conn: Connection) -> int:
    """Bring the store to CURRENT_VERSION; return the version it was at."""
    before = stored_version(conn)
    if before > CURRENT_VERSION:
        raise SchemaTooNew(
            f"store schema version {before} is newer than this storyline ({CURRENT_VERSION}): "
            "upgrade storyline to use it"
        )
    for step in STEPS[before:]:
        step(conn)
    if before != CURRENT_VERSION:
        table = schema.meta
        if before == 0:
            conn.execute(table.insert().values(key="schema_version", value=str(CURRENT_VERSION)))
        else:
            conn.execute(
                table.update()
                .where(table.c.key == "schema_version")
                .values(value=str(CURRENT_VERSION))
            )
    return before
