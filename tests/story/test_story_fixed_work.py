"""What the build after an ingest no longer does for the blocks an article leaves alone: it
parses only the events of the blocks clustered again (and those that may name a person),
writes only the cluster rows of the dates that changed, takes packed memo blocks as fresh
records from their text, and runs with the cyclic collector paused. Each time the story is
the one a full build gives. The records are those of tests/story/test_story_memo.py."""

from __future__ import annotations

import gc
import json

import pytest

from output.sample import sample_rules
from story.test_story_memo import _a4, _a6, _a7, _add, _full, _store, _story
from storyline.story import clusters
from storyline.story.build import build_story
from storyline.story.clusters import StoredEvent
from storyline.story.memo import StoryMemo


@pytest.fixture
def parsed(monkeypatch):  # noqa: ANN001, ANN201
    """The (article, type) of every stored event a build parses into an Event."""
    seen: list[tuple[str, str | None]] = []
    original = StoredEvent.event

    def counted(self):  # noqa: ANN001, ANN202
        if self._event is None:
            seen.append((self.article_id, self.type))
        return original.fget(self)

    monkeypatch.setattr(StoredEvent, "event", property(counted))
    return seen


def test_an_ingest_parses_only_the_events_of_the_blocks_it_clusters_again(tmp_path, parsed):
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"])
    build_story(store, sample_rules(), reuse=True, salt="sample")
    types = {t for _, t in parsed}
    assert len(types) > 1  # the first build clusters every block
    parsed.clear()
    _add(store, _a4)  # a release: only the RETREAT/real block takes it
    build_story(store, sample_rules(), reuse=True, salt="sample")
    assert parsed and {t for _, t in parsed} == {"RETREAT"}
    assert ("a4", "RETREAT") in parsed
    assert _story(store) == _full(tmp_path, "once.db", [_a4])
    store.close()


def test_events_that_name_a_person_are_read_for_the_names_whatever_their_block(tmp_path,
                                                                               parsed):
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"], [_a6])
    build_story(store, sample_rules(), reuse=True, salt="sample")
    parsed.clear()
    _add(store, _a7)  # SUPPORT: it names "Osric Vale", a6's CONSULT names "Vale"
    build_story(store, sample_rules(), reuse=True, salt="sample")
    assert ("a6", "CONSULT") in parsed and ("a7", "SUPPORT") in parsed
    assert _story(store) == _full(tmp_path, "once.db", [_a6, _a7])
    store.close()


def test_a_stored_event_without_the_word_person_has_no_person_actor(tmp_path):
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"], [_a4, _a6])
    for aid, text, type_, modality in store.iter_record_texts("events", "type", "modality"):
        event = StoredEvent(aid, type_, modality, text)
        persons = [r for r in (*event.event.actors, *event.event.recipients)
                   if r.kind == "person"]
        assert not persons or event.may_name_person()
        assert (type_, modality) == (event.event.type, event.event.modality)
    store.close()


def test_an_ingest_rewrites_only_the_cluster_rows_of_the_dates_it_changes(tmp_path):
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"])
    build_story(store, sample_rules(), reuse=True, salt="sample")
    before = store.story_item_rows("cluster")
    _add(store, _a4)  # a release on 4 March
    build_story(store, sample_rules(), reuse=True, salt="sample")
    after = store.story_item_rows("cluster")
    changed = {date for _, _, date, _ in set(after) ^ set(before)}
    assert "2024-03-04" in changed and len(changed) < len({d for _, _, d, _ in before})
    kept = set(before) & set(after)
    assert kept and all(date != "2024-03-04" for _, _, date, _ in kept)
    assert _story(store) == _full(tmp_path, "once.db", [_a4])
    # the order readers see, (date, row id), is the full build's within every date
    once = _store(tmp_path / "twice.db", ["a1", "a2", "a3"], [_a4])
    build_story(once, sample_rules(), salt="sample")
    assert ([(d, k) for _, k, d, _ in sorted(after, key=lambda r: (r[2] or "", r[0]))]
            == [(d, k) for _, k, d, _ in sorted(once.story_item_rows("cluster"),
                                                key=lambda r: (r[2] or "", r[0]))])
    once.close()
    store.close()


def test_a_date_whose_clusters_are_as_stored_but_reordered_is_written_again(tmp_path):
    from storyline.store.db import _changed_dates

    stored = [(1, "c1", "2024-03-01", "{}"), (2, "c2", "2024-03-01", "[]"),
              (3, "c3", "2024-03-02", "{}")]
    items = [("c2", "2024-03-01", "[]"), ("c1", "2024-03-01", "{}"),
             ("c3", "2024-03-02", "{}")]
    written, gone = _changed_dates(items, stored)
    assert written == items[:2] and sorted(gone) == [1, 2]
    # a cluster made again (a dict, not its stored text) rewrites its date; a date gone is
    # deleted
    written, gone = _changed_dates([("c3", "2024-03-02", {})], stored)
    assert written == [("c3", "2024-03-02", {})] and sorted(gone) == [1, 2, 3]


def test_a_packed_memo_block_is_parsed_afresh_each_time_and_kept_as_its_text():
    memo = StoryMemo("salt")
    text = memo.put_json("record-item:k", {"parties": ["State B"]})
    later = StoryMemo("salt", memo.items())
    first, kept = later.get_json("record-item:k")
    first["parties"].append("Group A")  # the record merges items in place
    second, again = later.get_json("record-item:k")
    assert second == {"parties": ["State B"]} and kept is again == text
    assert later.get_json("record-item:other") is None
    assert json.loads(dict(memo.items())["record-item"]["k"]) == {"parties": ["State B"]}


def test_the_build_pauses_the_collector_and_gives_it_back_as_it_was(tmp_path, monkeypatch):
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"])
    during: list[bool] = []
    block = clusters._cluster_block

    def watched(*args):  # noqa: ANN002, ANN202
        during.append(gc.isenabled())
        return block(*args)

    monkeypatch.setattr(clusters, "_cluster_block", watched)
    was = gc.isenabled()
    try:
        gc.enable()
        build_story(store, sample_rules(), salt="sample")
        assert gc.isenabled() and during and not any(during)
        gc.disable()
        build_story(store, sample_rules(), salt="sample")
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    store.close()
