"""Reading only some fields of cached story items (the `actors` command's fast path)."""

from storyline.store import Store
from storyline.store.cache import SQLiteStoryCache, open_story_cache

ITEMS = [
    ("c1", "2024-03-04", {"type": "RETREAT", "actors": ["Group A"], "location": None,
                          "mentions": [{"quote": "freed two women"}]}),
    ("c2", None, {"type": "ASSAULT", "actors": [], "mentions": []}),
]


def test_fields_read_from_sqlite_and_from_the_store_agree(tmp_path):
    path = tmp_path / "s.db"
    with Store(f"sqlite:///{path}") as store:
        store.replace_story_items("cluster", ITEMS)
        full = store.story_items("cluster")
        picked = store.story_items("cluster", fields=("type", "actors", "location", "missing"))
    expected = [{"type": d["type"], "actors": d["actors"], "location": d.get("location"),
                 "missing": None} for d in full]
    assert picked == expected
    cache = open_story_cache(f"sqlite:///{path}")
    assert isinstance(cache, SQLiteStoryCache)  # the sqlite3 reader, not SQLAlchemy
    with cache:
        assert cache.story_items("cluster", fields=("type", "actors", "location", "missing")) \
            == expected
        assert cache.story_items("cluster", since="2024-01-01", fields=("type",)) == \
            [{"type": "RETREAT"}]
