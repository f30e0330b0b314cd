"""Opening a store while another process writes to it: switching a new store's journal to WAL
does not wait on SQLite's busy timeout, so the store waits for it itself."""

from __future__ import annotations

import sqlite3
import threading
import time

from storyline.store import Store


def test_a_store_opens_while_another_connection_holds_the_write_lock(tmp_path):
    path = tmp_path / "store.db"
    Store(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA journal_mode=DELETE")  # back in the rollback journal, as when new
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE meta SET key = key")  # another process's write, not yet committed
    threading.Timer(0.5, lambda: holder.execute("COMMIT")).start()
    started = time.monotonic()
    with Store(str(path)) as store:  # raised "database is locked" at once before
        assert store.backend == "sqlite"
    assert time.monotonic() - started >= 0.4
    holder.close()
