"""The story stage when articles are added to a store that has a story: the rebuild changes only
what the new articles touch, gives the story a build from scratch gives, and runs only when the
store changed. Articles and records are the output tests' sample (tests/output/sample.py, written
for the tests) plus one more written here."""

from __future__ import annotations

import json

from output.sample import ARTICLES, GROUP_A, extractions, sample_rules
from storyline.records import ActorRef, Article, Event, Extraction
from storyline.store import Store
from storyline.story.build import build_story, load_story
from storyline.workflow import update_store

A4 = ("Group A freed two elderly women it had held captive on 4 March, a spokesman for the "
      "mediators said on Tuesday.")


def _store(path, ids) -> Store:  # noqa: ANN001
    store = Store(f"sqlite:///{path}")
    by_id = {ex.article_id: ex for ex in extractions()}
    for aid in ids:
        _add(store, aid, by_id[aid])
    return store


def _add(store: Store, aid: str, extraction: Extraction) -> None:
    if aid == "a4":
        outlet, day, title, text = "Radio Four", "2024-03-05", "Two women freed", A4
    else:
        outlet, day, title, text = ARTICLES[aid]
    store.add_article(Article(id=aid, text=text, source=f"/corpus/{aid}.txt", format="text",
                              title=title, outlet=outlet, published=day, language="en"))
    store.save_extraction(extraction)


def _a4() -> Extraction:
    quote = "Group A freed two elderly women it had held captive on 4 March"
    return Extraction("a4", events=[Event(
        article_id="a4", start=0, end=len(quote), quote=quote, type="RETREAT", mode="release",
        trigger="freed", actors=[ActorRef(text="Group A", **GROUP_A)], date_earliest="2024-03-04",
        date_latest="2024-03-04", date_basis="explicit", modality="asserted",
        sentence=A4)])


def _by_id(items) -> dict[str, str]:  # noqa: ANN001
    return {item.id: json.dumps(item.to_dict(), sort_keys=True) for item in items}


def test_a_new_report_of_one_event_changes_only_its_cluster(tmp_path):
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"])
    build_story(store, sample_rules())
    before = load_story(store)
    _add(store, "a4", _a4())
    build_story(store, sample_rules())
    after = load_story(store)
    old, new = _by_id(before.clusters), _by_id(after.clusters)
    changed = [cid for cid in old if new.get(cid) != old[cid]]
    # the release of 4 March is the one cluster a4 reports: it gains a4, nothing else moves
    assert len(changed) == 1 and set(new) == set(old)
    cluster = next(c for c in after.clusters if c.id == changed[0])
    assert cluster.type == "RETREAT" and "a4" in {m.article_id for m in cluster.mentions}
    assert _by_id(after.series) == _by_id(before.series)  # a4 reports no figure
    assert _by_id(after.disputes) == _by_id(before.disputes)  # nor any statement
    assert after.summary.articles == before.summary.articles + 1
    store.close()


def test_stepwise_story_equals_the_story_built_at_once(tmp_path):
    steps = _store(tmp_path / "steps.db", ["a1"])
    build_story(steps, sample_rules())
    by_id = {ex.article_id: ex for ex in extractions()}
    for aid in ("a2", "a3"):
        _add(steps, aid, by_id[aid])
        build_story(steps, sample_rules())
    _add(steps, "a4", _a4())
    build_story(steps, sample_rules())
    once = _store(tmp_path / "once.db", ["a1", "a2", "a3"])
    _add(once, "a4", _a4())
    build_story(once, sample_rules())
    a, b = load_story(steps), load_story(once)
    for kind in ("clusters", "series", "disputes", "state", "timeline", "negotiation"):
        assert _by_id_or_list(getattr(a, kind)) == _by_id_or_list(getattr(b, kind)), kind
    steps.close()
    once.close()


def _by_id_or_list(items) -> list[str]:  # noqa: ANN001
    return [json.dumps(i.to_dict(), sort_keys=True) for i in items]


def test_an_unrelated_article_leaves_every_cluster_as_it_was(tmp_path):
    store = _store(tmp_path / "s.db", ["a1", "a2"])
    build_story(store, sample_rules())
    before = _by_id(load_story(store).clusters)
    by_id = {ex.article_id: ex for ex in extractions()}
    _add(store, "a3", by_id["a3"])  # a truce, a protest and a deal on 5-6 March
    build_story(store, sample_rules())
    after = _by_id(load_story(store).clusters)
    assert all(after.get(cid) == text for cid, text in before.items())
    assert len(after) == len(before) + 3  # a3's three events are three new clusters
    store.close()


def test_nothing_new_rebuilds_nothing(tmp_path):
    store = _store(tmp_path / "s.db", ["a1", "a2"])
    first = update_store(store, extract=False, stored=2)
    assert first.story_built
    items = store.story_items("cluster")
    again = update_store(store, extract=False, stored=0)  # a duplicate, an empty folder
    assert not again.story_built and store.story_items("cluster") == items
    store.close()
