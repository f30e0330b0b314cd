"""Schema versions and the steps between them.

Version 1 is the first release's schema (schema.py as it stood then). Each later change appends a
function that takes a connection at version N-1 and leaves it at version N; `upgrade` runs the
missing steps in order inside one transaction, so a store is never left half-migrated.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select

from storyline.store import schema
from storyline.store.location import SCHEMA_VERSION

SchemaStep = Callable[[Connection], None]


def _v1_initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)


STEPS: list[SchemaStep] = [_v1_initial]
CURRENT_VERSION = len(STEPS)
assert CURRENT_VERSION == SCHEMA_VERSION, "bump location.SCHEMA_VERSION with each new step"


class SchemaTooNew(RuntimeError):
    """The store was written by a newer storyline."""


def stored_version(conn: Connection) -> int:
    if not inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
    ).first()
    return int(row[0]) if row else 0


def upgrade(conn: Connection) -> int:
    """Bring the store to CURRENT_VERSION; return the version it was at."""
    before = stored_version(conn)
    if before > CURRENT_VERSION:
        raise SchemaTooNew(
            f"store schema version {before} is newer than this storyline ({CURRENT_VERSION})"
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
