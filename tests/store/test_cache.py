"""The read-only story cache reader agrees with the store, and falls back to it when it must."""

from __future__ import annotations

import sqlite3

import pytest

from storyline.store import Store
from storyline.store.cache import SQLiteStoryCache, open_story_cache
from storyline.store.errors import SchemaTooNew, StoreMissing


def _store_with_items(path) -> str:
    url = f"sqlite:///{path}"
    with Store(url) as store:
        store.replace_story_items("timeline", [("b", "2024-03-05", {"n": 2}),
                                               ("a", "2024-03-04", {"n": 1}),
                                               ("c", "2024-03-09", {"n": 3})])
    return url


def test_sqlite_reader_matches_the_store(tmp_path):
    url = _store_with_items(tmp_path / "s.db")
    with Store(url) as store:
        expected = store.story_items("timeline", "2024-03-05", None)
    with open_story_cache(url) as cache:
        assert isinstance(cache, SQLiteStoryCache)
        assert cache.story_items("timeline", "2024-03-05", None) == expected == [{"n": 2}, {"n": 3}]
        assert cache.story_items("timeline", None, "2024-03-04") == [{"n": 1}]
        assert cache.story_items("cluster") == []


def test_bare_path_and_env_var_are_understood(tmp_path, monkeypatch):
    _store_with_items(tmp_path / "s.db")
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "s.db"))
    with open_story_cache(None) as cache:
        assert isinstance(cache, SQLiteStoryCache)
        assert len(cache.story_items("timeline")) == 3


def test_unknown_schema_or_missing_file_goes_through_the_store(tmp_path):
    url = _store_with_items(tmp_path / "s.db")
    connection = sqlite3.connect(tmp_path / "s.db")
    connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaTooNew):  # the store refuses, as it always does
        open_story_cache(url)
    with pytest.raises(StoreMissing):  # a reader never creates a store
        open_story_cache(f"sqlite:///{tmp_path / 'new.db'}")
    assert not (tmp_path / "new.db").exists()


def test_an_older_schema_is_read_through_the_store_after_upgrading(tmp_path):
    url = _store_with_items(tmp_path / "s.db")
    connection = sqlite3.connect(tmp_path / "s.db")
    connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    connection.execute("DROP TABLE article_failures")
    connection.commit()
    connection.close()
    with open_story_cache(url) as cache:
        assert isinstance(cache, Store) and cache.readonly
        assert len(cache.story_items("timeline")) == 3
    with open_story_cache(url) as cache:  # upgraded once: the light reader works again
        assert isinstance(cache, SQLiteStoryCache)


def test_the_reader_sees_one_build_whole(tmp_path):
    url = _store_with_items(tmp_path / "s.db")
    with open_story_cache(url) as cache, Store(url) as store:
        before = cache.story_items("timeline")
        store.replace_story({"timeline": [("z", "2024-04-01", {"n": 9})],
                             "cluster": [("z", "2024-04-01", {"id": "z"})]})
        # the reader's snapshot began before the new build was committed
        assert cache.story_items("timeline") == before
        assert cache.story_items("cluster") == []
    with open_story_cache(url) as cache:
        assert cache.story_items("timeline") == [{"n": 9}]
