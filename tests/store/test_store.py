"""The store: migrations, one-time storage, filters, estimates, records round trip."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from storyline.records import (
    ActorRef,
    Article,
    DateEstimate,
    Event,
    Extraction,
    Figure,
    Repair,
    Statement,
    TimeExpression,
)
from storyline.store import Store, migrations


def _article(i: int, outlet: str = "Example Post", published: str | None = "2024-01-0{}") -> Article:
    return Article(
        id=f"a{i:015d}",
        text=f"Article number {i} about talks.",
        source=f"file{i}.txt",
        format="text",
        title=f"Title {i}",
        outlet=outlet,
        published=published.format(i) if published else None,
        repairs=[Repair("ftfy", 3, "cp1252")],
    )


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'test.db'}") as s:
        yield s


def test_schema_version_recorded_and_upgrade_is_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path / 'v.db'}"
    Store(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        assert migrations.stored_version(conn) == migrations.CURRENT_VERSION
        assert migrations.upgrade(conn) == migrations.CURRENT_VERSION


def test_newer_schema_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    Store(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = '999' WHERE key = 'schema_version'"))
    with pytest.raises(migrations.SchemaTooNew):
        Store(url)


def test_sqlite_uses_wal(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_article_stored_once_and_round_trips(store):
    article = _article(1)
    assert store.add_article(article, [1, 2, 3])
    assert not store.add_article(article, [1, 2, 3])
    assert store.count_articles() == 1
    back = store.get_article(article.id)
    assert back == article
    assert store.get_article(article.id[:6]) == article  # unique prefix


def test_ambiguous_prefix_finds_nothing(store):
    store.add_article(_article(1))
    store.add_article(_article(2))
    assert store.get_article("a000") is None


def test_near_duplicate_links_are_symmetric(store):
    store.add_article(_article(1))
    store.add_article(_article(2), links=[(_article(1).id, 0.8)])
    assert store.links(_article(1).id) == [(_article(2).id, "near_duplicate", 0.8)]
    assert store.links(_article(2).id) == [(_article(1).id, "near_duplicate", 0.8)]


def test_list_filters_by_outlet_and_date(store):
    store.add_article(_article(1, outlet="Example Post"))
    store.add_article(_article(2, outlet="Other Wire"))
    store.add_article(_article(3, outlet="Example Post"))
    assert [r.id[-1] for r in store.list_articles(outlet="example")] == ["1", "3"]
    assert [r.id[-1] for r in store.list_articles(since="2024-01-02")] == ["2", "3"]
    assert [r.id[-1] for r in store.list_articles(until="2024-01-01")] == ["1"]
    # LIKE wildcards in the filter are literal
    assert store.list_articles(outlet="%") == []


def test_estimate_change_marks_article_for_re_extraction(store):
    article = _article(4, published=None)
    store.add_article(article)
    store.save_extraction(Extraction(article_id=article.id), version=1)
    assert store.unextracted_ids(1) == []
    estimate = DateEstimate("2024-01-01", "2024-01-03", "2024-01-02", "text", ["on Tuesday"])
    assert store.set_estimate(article.id, estimate)
    assert not store.set_estimate(article.id, estimate)  # unchanged
    assert store.unextracted_ids(1) == [article.id]
    assert store.get_article(article.id).published_estimate == estimate
    rows = store.list_articles(since="2024-01-02", until="2024-01-02")
    assert [r.id for r in rows] == [article.id]


def test_extraction_round_trip_and_filters(store):
    article = _article(5)
    store.add_article(article)
    aid = article.id
    extraction = Extraction(
        article_id=aid,
        time_expressions=[TimeExpression(aid, 0, 7, "Article", value="2024-01-05",
                                         earliest="2024-01-05", latest="2024-01-05")],
        events=[
            Event(aid, 0, 10, "Article nu", type="CONSULT", mode="third-party",
                  actors=[ActorRef("Qatar", canonical="Qatar", country="QAT")],
                  date_earliest="2024-01-05", date_latest="2024-01-05", date_basis="explicit"),
            Event(aid, 11, 20, "mber 5 abo", type="ASSAULT", modality="negated"),
        ],
        figures=[Figure(aid, 0, 5, "Artic", kind="killed", value=12.0, qualifier="at_least",
                        source_actor=ActorRef("the ministry"))],
        statements=[Statement(aid, 0, 5, "Artic", speaker="a source", anonymous=True)],
    )
    store.save_extraction(extraction, version=1)
    assert store.load_extraction(aid) == extraction
    assert [e.type for e in store.iter_records("events", type="CONSULT")] == ["CONSULT"]
    assert [e.type for e in store.iter_records("events", type=["CONSULT", "ASSAULT"])] == [
        "CONSULT", "ASSAULT"]
    # undated records are kept by date filters; dated ones must overlap the range
    assert [e.type for e in store.iter_records("events", since="2024-02-01")] == ["ASSAULT"]
    with pytest.raises(ValueError):
        list(store.iter_records("events", nonsense=1))
    # saving again replaces, never appends
    store.save_extraction(Extraction(article_id=aid), version=2)
    assert store.load_extraction(aid) == Extraction(article_id=aid)


def test_story_items_replace(store):
    store.replace_story_items("timeline", [("k1", "2024-01-02", {"a": 1}),
                                           ("k2", "2024-01-01", {"a": 2})])
    assert store.story_items("timeline") == [{"a": 2}, {"a": 1}]
    store.replace_story_items("timeline", [("k3", "2024-01-03", {"a": 3})])
    assert store.story_items("timeline", since="2024-01-02") == [{"a": 3}]


def test_bare_path_means_sqlite(tmp_path, monkeypatch):
    monkeypatch.delenv("STORYLINE_DB", raising=False)
    with Store(str(tmp_path / "x.db")) as s:
        assert s.url.startswith("sqlite:///")
    assert (tmp_path / "x.db").exists()
