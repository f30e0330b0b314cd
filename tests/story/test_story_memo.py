"""The build after an ingest reuses the blocks of the last build whose input did not change
(story/memo.py) and gives exactly the story a full build gives. Articles and records are the
output tests' sample (tests/output/sample.py, written for the tests) plus two written here."""

from __future__ import annotations

import json

import pytest

from output.sample import ARTICLES, GROUP_A, STATE_B, extractions, sample_rules
from storyline.records import ActorRef, Article, Event, Extraction, Statement
from storyline.store import Store
from storyline.story import clusters, disputes
from storyline.story.build import build_story, load_story

A4 = ("Group A let three farm workers go on 4 March, a mediator told reporters on Tuesday.")
A5 = ("State B said Group A had fired rockets at Southtown on 6 March. Group A denied the "
      "claim. It said its fighters stayed in their positions.")
KINDS = ("clusters", "series", "disputes", "state", "timeline", "negotiation", "positions")


def _article(aid: str, outlet: str, day: str, title: str, text: str) -> Article:
    return Article(id=aid, text=text, source=f"/corpus/{aid}.txt", format="text", title=title,
                   outlet=outlet, published=day, language="en")


def _a4() -> tuple[Article, Extraction]:
    quote = "Group A let three farm workers go on 4 March"
    event = Event(article_id="a4", start=0, end=len(quote), quote=quote, type="RETREAT",
                  mode="release", trigger="let go", actors=[ActorRef(text="Group A", **GROUP_A)],
                  date_earliest="2024-03-04", date_latest="2024-03-04", date_basis="explicit",
                  modality="asserted", sentence=A4)
    return (_article("a4", "Radio Four", "2024-03-05", "Workers let go", A4),
            Extraction("a4", events=[event]))


def _a5() -> tuple[Article, Extraction]:
    def said(quote: str, speaker: dict, content: str, stance: str) -> Statement:
        start = A5.index(quote)
        return Statement(article_id="a5", start=start, end=start + len(quote), quote=quote,
                         speaker=speaker["canonical"], speaker_actor=ActorRef(
                             text=speaker["canonical"], **speaker),
                         cue="said", content=content, stance=stance, date_earliest="2024-03-07")

    quote = "Group A had fired rockets at Southtown on 6 March"
    start = A5.index(quote)
    event = Event(article_id="a5", start=start, end=start + len(quote), quote=quote,
                  type="ASSAULT", mode="heavy-weapons", trigger="fired",
                  actors=[ActorRef(text="Group A", **GROUP_A)], date_earliest="2024-03-06",
                  date_latest="2024-03-06", date_basis="explicit", modality="reported",
                  sentence=A5.split(". ")[0] + ".", source="State B")
    statements = [
        said("State B said Group A had fired rockets at Southtown on 6 March.", STATE_B,
             "Group A had fired rockets at Southtown on 6 March", "assert"),
        said("Group A denied the claim.", GROUP_A, "the claim", "deny"),
        said("It said its fighters stayed in their positions.", GROUP_A,
             "its fighters stayed in their positions", "assert"),
    ]
    return (_article("a5", "Web Five", "2024-03-07", "Rockets claim denied", A5),
            Extraction("a5", events=[event], statements=statements))


def _store(path, ids, extra=()) -> Store:  # noqa: ANN001
    store = Store(f"sqlite:///{path}")
    by_id = {ex.article_id: ex for ex in extractions()}
    for aid in ids:
        outlet, day, title, text = ARTICLES[aid]
        store.add_article(_article(aid, outlet, day, title, text))
        store.save_extraction(by_id[aid])
    for make in extra:
        _add(store, make)
    return store


def _add(store: Store, make) -> None:  # noqa: ANN001
    article, extraction = make()
    store.add_article(article)
    store.save_extraction(extraction)


def _story(store: Store) -> dict[str, list[str]]:
    story = load_story(store)
    out = {k: [json.dumps(i.to_dict(), sort_keys=True) for i in getattr(story, k)] for k in KINDS}
    summary = story.summary.to_dict()
    summary.pop("seconds")
    out["summary"] = [json.dumps(summary, sort_keys=True)]
    return out


def _full(tmp_path, name: str, extra=()) -> dict[str, list[str]]:  # noqa: ANN001
    once = _store(tmp_path / name, ["a1", "a2", "a3"], extra)
    build_story(once, sample_rules(), salt="sample")
    try:
        return _story(once)
    finally:
        once.close()


@pytest.fixture
def counted(monkeypatch):  # noqa: ANN001, ANN201
    """How many cluster blocks and articles' denials each build computes."""
    calls = {"blocks": [], "denials": []}
    block, denials = clusters._cluster_block, disputes._article_denials

    def counted_block(mentions, *args):  # noqa: ANN001, ANN002, ANN202
        calls["blocks"].append({(m.type, clusters.polarity(m.modality)) for m, _ in mentions})
        return block(mentions, *args)

    def counted_denials(aid, *args):  # noqa: ANN001, ANN002, ANN202
        calls["denials"].append(aid)
        return denials(aid, *args)

    monkeypatch.setattr(clusters, "_cluster_block", counted_block)
    monkeypatch.setattr(disputes, "_article_denials", counted_denials)
    return calls


def test_a_new_article_recomputes_only_the_blocks_it_touches(tmp_path, counted):
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"])
    build_story(store, sample_rules(), reuse=True, salt="sample")
    assert counted["denials"] == ["a1"]  # the one article with a denial
    counted["blocks"].clear()
    counted["denials"].clear()
    _add(store, _a4)  # one more release on 4 March, no statement
    build_story(store, sample_rules(), reuse=True, salt="sample")
    assert counted["blocks"] == [{("RETREAT", "real")}]
    assert counted["denials"] == []  # a1's denial is taken from the memo
    assert _story(store) == _full(tmp_path, "once.db", [_a4])
    store.close()


def test_an_article_with_a_denial_recomputes_its_own_denials_only(tmp_path, counted):
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"])
    build_story(store, sample_rules(), reuse=True, salt="sample")
    counted["denials"].clear()
    _add(store, _a5)
    build_story(store, sample_rules(), reuse=True, salt="sample")
    assert counted["denials"] == ["a5"]
    story = _story(store)
    assert story == _full(tmp_path, "once.db", [_a5])
    assert sum('"a5"' in d for d in story["disputes"]) == 1  # a5's denial answers its claim
    store.close()


def test_builds_that_reuse_their_memo_again_and_again_stay_the_full_build(tmp_path):
    # items taken from the memo are copies: the record merging them in place leaves it whole
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"])
    for make in (None, _a4, None, _a5, None, None):
        if make is not None:
            _add(store, make)
        build_story(store, sample_rules(), reuse=True, salt="sample")
    assert _story(store) == _full(tmp_path, "once.db", [_a4, _a5])
    store.close()


def test_a_memo_made_under_another_profile_is_not_used(tmp_path, counted):
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"])
    build_story(store, sample_rules(), reuse=True, salt="one profile")
    first = len(counted["blocks"])
    build_story(store, sample_rules(), reuse=True, salt="another profile")
    assert len(counted["blocks"]) == 2 * first
    build_story(store, sample_rules(), reuse=True, salt="another profile")
    assert len(counted["blocks"]) == 2 * first  # its own memo is
    store.close()


def test_the_full_build_recomputes_every_block_and_leaves_a_memo(tmp_path, counted):
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"])
    build_story(store, sample_rules(), salt="sample")
    first = len(counted["blocks"])
    assert first and store.story_item_texts("memo")
    build_story(store, sample_rules(), salt="sample")  # `storyline build`: the reference
    assert len(counted["blocks"]) == 2 * first
    build_story(store, sample_rules(), reuse=True, salt="sample")  # an ingest after it
    assert len(counted["blocks"]) == 2 * first
    store.close()


def test_a_talks_item_read_back_from_the_memo_merges_as_the_one_made_fresh():
    from storyline.story.build import as_data
    from storyline.story.negotiation import _merge, statement_item_from_dict
    from storyline.story.records import NegotiationItem

    def fresh() -> NegotiationItem:
        # as statement_items makes a talks item: one list for its parties and delegations
        parties = ["State B"]
        return NegotiationItem(id="ng-a-said", kind="talks", date="2024-03-04", reports=1,
                               parties=parties, delegations=parties)

    def other() -> NegotiationItem:
        return NegotiationItem(id="ng-b-event", kind="talks", date="2024-03-04", reports=1,
                               parties=["State B"], delegations=["State B", "Group A"])

    made = _merge([fresh(), other()], 1)
    read = _merge([statement_item_from_dict(json.loads(json.dumps(as_data(fresh())))),
                   other()], 1)
    assert [i.to_dict() for i in read] == [i.to_dict() for i in made]
    assert made[0].parties == ["State B", "Group A"]


A6 = "Mr Vale said on Friday that the two sides had met on 8 March."
A7 = "Osric Vale, the envoy, met State B officials in Southtown on 9 March."


def _person_event(aid: str, text: str, quote: str, name: str, day: str, type_: str,
                  mode: str | None) -> Event:
    start = text.index(quote)
    return Event(article_id=aid, start=start, end=start + len(quote), quote=quote, type=type_,
                 mode=mode, trigger=quote.split()[-1],
                 actors=[ActorRef(text=name, canonical=name, kind="person")],
                 date_earliest=day, date_latest=day, date_basis="explicit",
                 modality="asserted", sentence=text)


def _a6() -> tuple[Article, Extraction]:
    event = _person_event("a6", A6, "the two sides had met", "Vale", "2024-03-08", "CONSULT",
                          None)
    return (_article("a6", "Web Five", "2024-03-09", "Sides met", A6),
            Extraction("a6", events=[event]))


def _a7() -> tuple[Article, Extraction]:
    # another type: its block is not a6's, but it gives the full name of a6's "Vale"
    event = _person_event("a7", A7, "Osric Vale, the envoy, met", "Osric Vale", "2024-03-09",
                          "SUPPORT", None)
    return (_article("a7", "Radio Four", "2024-03-10", "Envoy visit", A7),
            Extraction("a7", events=[event]))


def test_a_full_name_from_another_article_recomputes_the_block_that_names_the_person(
        tmp_path, counted):
    # a block is keyed by its events as stored, their articles and the full names its persons
    # are given: a7 names "Osric Vale", so a6's "Vale" becomes him and a6's block moves too
    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"], [_a6])
    build_story(store, sample_rules(), reuse=True, salt="sample")
    counted["blocks"].clear()
    _add(store, _a7)
    build_story(store, sample_rules(), reuse=True, salt="sample")
    assert sorted(b for bs in counted["blocks"] for b in bs) == [("CONSULT", "real"),
                                                                 ("SUPPORT", "real")]
    story = _story(store)
    assert story == _full(tmp_path, "once.db", [_a6, _a7])
    assert any('"Osric Vale"' in c and '"a6"' in c for c in story["clusters"])
    store.close()


def test_the_blocks_keyed_by_stored_events_are_the_blocks_keyed_by_mentions(tmp_path):
    # build_story keys cluster blocks by the events' stored JSON; compute_story without the
    # texts keys them by the mentions: either way every block is found again in the memo
    from storyline.story.build import compute_story, load_articles
    from storyline.story.memo import StoryMemo

    store = _store(tmp_path / "s.db", ["a1", "a2", "a3"], [_a4, _a6, _a7])
    texts = [t for _, t in store.iter_record_texts("events")]
    events = list(store.iter_records("events"))
    articles = load_articles(store)
    stories = []
    for given in (texts, None):
        memo = StoryMemo("sample")
        stories.append(compute_story(events, [], [], articles, sample_rules(), memo=memo,
                                     event_texts=given))
        assert {("CONSULT", "real"), ("RETREAT", "real"), ("SUPPORT", "real")} <= set(memo.blocks)
    assert [c.to_dict() for c in stories[0].clusters] == [c.to_dict() for c in stories[1].clusters]
    store.close()
