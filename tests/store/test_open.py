"""How a store opens: read-only, never created by a reader, refusing what is not a store."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from storyline.records import Article
from storyline.store import (
    ForeignDatabase,
    Store,
    StoreLocationError,
    StoreMissing,
    StoreReadOnly,
)


def _article(i: int) -> Article:
    return Article(id=f"b{i:015d}", text=f"Article {i} on the talks.", source=f"f{i}.txt",
                   format="text", title=f"T {i}\x00", outlet="Example\x00 Post")


def test_readonly_store_reads_and_refuses_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    with Store(url) as store:
        store.add_article(_article(1))
    with Store(url, readonly=True) as store:
        assert store.count_articles() == 1
        with pytest.raises(StoreReadOnly, match="read-only"):
            store.add_article(_article(2))
        with pytest.raises(StoreReadOnly):
            store.replace_story({"timeline": []})
    with Store(url) as store:
        assert store.count_articles() == 1


def test_a_reader_never_creates_a_store(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(StoreMissing, match="no store at .*none.db: run storyline ingest first"):
        Store(str(path), readonly=True)
    assert not path.exists()
    sqlite3.connect(tmp_path / "empty.db").close()  # an empty SQLite file is no store either
    with pytest.raises(StoreMissing):
        Store(str(tmp_path / "empty.db"), readonly=True)


def test_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id TEXT, body TEXT)")
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ForeignDatabase, match="not a storyline store .*articles, notes"):
        Store(str(path))
    with pytest.raises(ForeignDatabase):
        Store(str(path), readonly=True)
    assert path.read_bytes() == before
    names = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert sorted(n for (n,) in names) == ["articles", "notes"]


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    with pytest.raises(ForeignDatabase, match="not an SQLite database"):
        Store(str(path))
    assert path.read_text() == "shopping list\n"


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite://", "sqlite:///file::memory:"])
def test_in_memory_urls_are_refused(url):
    with pytest.raises(StoreLocationError, match="in-memory"):
        Store(url)


def test_a_missing_folder_is_not_created(tmp_path):
    with pytest.raises(StoreLocationError, match="does not exist"):
        Store(str(tmp_path / "no" / "such" / "s.db"))
    assert not (tmp_path / "no").exists()


def test_nul_characters_never_reach_a_column(tmp_path):
    with Store(str(tmp_path / "s.db")) as store:
        store.add_article(_article(3))
        row = store.list_articles()[0]
        assert (row.title, row.outlet) == ("T 3", "Example Post")


def test_idempotent_insert_from_two_stores_at_once(tmp_path):
    url = str(tmp_path / "s.db")
    with Store(url) as one, Store(url) as two:
        assert one.add_article(_article(4))
        assert not two.add_article(_article(4))  # no IntegrityError: a duplicate
        assert one.count_articles() == 1


def test_story_replaced_whole_with_its_fingerprint(tmp_path):
    with Store(str(tmp_path / "s.db")) as store:
        store.add_article(_article(5))
        store.replace_story_items("stale_kind", [("k", None, {"x": 1})])
        fingerprint = store.fingerprint()
        store.replace_story({"cluster": [("c1", "2024-01-01", {"id": "c1"})],
                             "summary": [("summary", None, {"clusters": 1})]}, fingerprint)
        assert store.story_items("stale_kind") == []
        assert store.story_built_from() == fingerprint == {
            "articles": 1, "extracted": 0, "digest": fingerprint["digest"]}
        with store.read_snapshot():
            assert store.story_items("cluster") == [{"id": "c1"}]


def test_failed_articles_are_skipped_until_retried(tmp_path):
    with Store(str(tmp_path / "s.db")) as store:
        store.add_article(_article(6))
        aid = _article(6).id
        assert store.unextracted_ids(1) == [aid]
        store.mark_failed(aid, "extract", 1, "text too long for the parser")
        assert store.unextracted_ids(1) == []
        assert store.unextracted_ids(2) == [aid]  # a new extraction version tries again
        assert store.failures() == [(aid, "extract", 1, "text too long for the parser")]
        store.clear_failures("extract")
        assert store.unextracted_ids(1) == [aid]


def test_sqlite_write_transactions_take_the_lock_first(tmp_path):
    # Two connections: one reads inside a transaction, the other writes and commits; the
    # reader's own write then waits for the lock instead of failing on a stale snapshot.
    with Store(str(tmp_path / "s.db")) as store:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM articles"))
            store.add_article(_article(7))
        assert store.count_articles() == 1
