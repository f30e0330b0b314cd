"""Where the store is, and whether a SQLite file there may be opened as asked (no SQLAlchemy).

`--db` beats `STORYLINE_DB` beats ./storyline.db. The checks here run before any connection is
made, so that a mistaken `--db` is refused before anything is written: an in-memory URL (it would
keep nothing), a folder that does not exist (it is never created silently), a file that is not
SQLite, a file that cannot be written when writing was asked for.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

from storyline.store.errors import (
    ForeignDatabase,
    StoreLocationError,
    StoreMissing,
    StoreReadOnly,
)

DEFAULT_URL = "sqlite:///storyline.db"
ENV_VAR = "STORYLINE_DB"
# The schema version this storyline writes; migrations.py checks it equals its number of steps.
SCHEMA_VERSION = 4
SQLITE_HEADER = b"SQLite format 3\x00"


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
    if not path or path == ":memory:" or path.startswith("file::memory:"):
        return None
    return Path(path)


_PASSWORD = re.compile(r"(://[^/:@]*:)[^@/]*@")


def describe(url: str) -> str:
    """The store's place as shown to the user: the file of a SQLite URL, else the URL without
    its password."""
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    return _PASSWORD.sub(r"\1***@", url)


def sqlite_readonly_uri(path: Path) -> str:
    """The URI that opens a SQLite file for reading only.

    `mode=ro` normally. A WAL store in a folder this user cannot write, with no -wal file
    beside it (a store on read-only media, or shared read-only), cannot be opened so: SQLite
    would have to create its -shm file. Nobody can be writing it then (a writer would have made
    the -wal file), so it is opened `immutable=1`, which needs no side files.
    """
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    folder = path.parent if str(path.parent) else Path(".")
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    if not os.access(folder, os.W_OK) and not shm.exists() and (
            not wal.exists() or wal.stat().st_size == 0):
        uri += "&immutable=1"
    return uri


def check_sqlite_file(path: Path, readonly: bool) -> None:
    """Refuse, with one line, a SQLite file that cannot be opened as asked; never creates."""
    where = str(path)
    if path.is_dir():
        raise StoreLocationError(f"{where} is a folder, not a store file")
    if not path.exists():
        if readonly:
            raise StoreMissing(where)
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise StoreLocationError(
                f"the folder {folder} does not exist: create it first for the store {where} "
                "(storyline does not create folders for a store)"
            )
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreReadOnly(where, f"cannot create it: the folder {folder.absolute()} is not "
                                "writable")
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreLocationError(f"cannot read the store {where}: {exc.strerror or exc}") from None
    if header and header != SQLITE_HEADER:
        raise ForeignDatabase(where, "not an SQLite database file")
    if readonly:
        return
    if not os.access(path, os.W_OK):
        raise StoreReadOnly(where, "no write permission on the file")
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        # SQLite in WAL mode writes beside the file (-wal, -shm): both must exist and be writable.
        side = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
        if not all(p.exists() and os.access(p, os.W_OK) for p in side):
            raise StoreReadOnly(where, f"its folder {folder} is not writable")
