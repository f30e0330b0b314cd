"""What can go wrong when opening or writing a store, as one-line messages for the user.

Light on purpose (no SQLAlchemy): the command line catches these around every command.
"""

from __future__ import annotations


class StoreError(RuntimeError):
    """A store that cannot be opened or written as asked; `str()` is one line for the user."""


class StoreMissing(StoreError):
    """Reading was asked for and there is no store at that place (nothing is created)."""

    def __init__(self, where: str) -> None:
        super().__init__(f"no store at {where}: run storyline ingest first")
        self.where = where


class StoreReadOnly(StoreError):
    """A write was asked of a store that is read-only (opened so, or not writable)."""

    def __init__(self, where: str, why: str = "opened read-only") -> None:
        super().__init__(f"the store at {where} is read-only ({why}): nothing was written")
        self.where = where


class ForeignDatabase(StoreError):
    """The database exists and is not a storyline store; it is left untouched."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(
            f"{where} is not a storyline store ({what}); it was left untouched: "
            "give --db a new file or an empty database"
        )
        self.where = where


class StoreLocationError(StoreError):
    """The URL names no place a store can be kept (in memory, a missing folder, a folder)."""


class SchemaTooNew(StoreError):
    """The store was written by a newer storyline."""
