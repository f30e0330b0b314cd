"""Dating kept in the store (temporal.dating.reestimate_store): the story index and each
undated article's evidence are stored once, so an ingest re-estimates only the undated articles
whose phrases the new dated articles share, and never parses a stored article again. Texts are
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from storyline import nlp as nlp_module
from storyline.records import Article
from storyline.store.db import Store
from storyline.temporal import dating
from storyline.temporal.evidence import collect, evidence_from_dict, evidence_to_dict
from storyline.temporal.story_index import StoryIndex, entry_for

REF = date(2026, 1, 1)


def _filler(store: Store, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        store.add_article(Article(id=f"f{i}", text=f"Harvest report number {i} on grain yields "
                                  "in the northern valleys.", source=f"f{i}", format="text",
                                  published=f"2024-01-{1 + i % 28:02d}"))


@pytest.fixture
def counted(monkeypatch):
    """How many texts spaCy parsed, and how many estimates were computed, by article id."""
    seen: dict[str, list[str]] = {"parsed": [], "estimated": []}
    parse_many = nlp_module.parse_many

    def parse(texts, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        texts = list(texts)
        seen["parsed"] += texts
        return parse_many(texts, *args, **kwargs)

    estimate_stored = dating._estimate_stored

    def est(store, article_id, *args):  # noqa: ANN001, ANN002
        seen["estimated"].append(article_id)
        return estimate_stored(store, article_id, *args)

    monkeypatch.setattr(nlp_module, "parse_many", parse)
    monkeypatch.setattr(dating, "_estimate_stored", est)
    return seen


def test_evidence_round_trips_through_its_stored_form(nlp):
    doc = nlp("On Tuesday, March 12, the mayor said the 100-day-old strike that began on "
              "3 December 2023 would end next week. Talks resumed this week.")
    ev = collect(doc, "a")
    assert ev.dates and ev.durations and ev.this_week
    assert evidence_from_dict(evidence_to_dict(ev)) == ev


def test_index_entry_gives_the_same_lookup_as_the_text():
    texts = {f"d{i}": (f"The utility said {1000 + i} households in Port Velmar lost power "
                       f"on day {i} of the outage.", date(2024, 3, 1 + i)) for i in range(25)}
    by_text, by_entry = StoryIndex(), StoryIndex()
    for aid, (text, day) in texts.items():
        by_text.add(text, day, aid)
        by_entry.add_entry(entry_for(text, day, aid))
    query = "Port Velmar: 1003 households lost power, the utility said."
    a, b = by_text.lookup(query), by_entry.lookup(query)
    assert a is not None and b is not None
    assert (a.best, a.earliest, a.latest) == (b.best, b.earliest, b.latest)


def test_undated_article_parsed_once_and_re_estimated_only_when_its_phrases_change(
        tmp_path, nlp, counted):
    store = Store(str(tmp_path / "s.db"))
    _filler(store, 30)
    undated = ("Crews in Port Velmar said 4,321 households still had no power after the "
               "cyclone.")
    store.add_article(Article(id="u", text=undated, source="u", format="text"))
    assert dating.reestimate_store(store, reference=REF) == 0  # nothing close: no estimate
    assert counted["parsed"] == [undated] and counted["estimated"] == ["u"]

    # nothing new: nothing read, parsed or estimated
    assert dating.reestimate_store(store, reference=REF) == 0
    assert counted["parsed"] == [undated] and counted["estimated"] == ["u"]

    # a dated article that shares none of its phrases: the estimate is not redone
    _filler(store, 1, start=30)
    assert dating.reestimate_store(store, reference=REF) == 0
    assert counted["estimated"] == ["u"]

    # one that reports the same figure and place: re-estimated from the stored evidence
    store.add_article(Article(id="d", text="The utility said 4,321 households in Port Velmar "
                              "lost power when the cyclone struck.", source="d", format="text",
                              published="2024-03-14"))
    assert dating.reestimate_store(store, reference=REF) == 1
    assert counted["estimated"] == ["u", "u"]
    assert counted["parsed"] == [undated]  # never parsed again
    est = store.get_article("u").published_estimate
    assert est is not None and est.earliest <= "2024-03-14" <= est.latest
    store.close()


def test_stored_estimate_equals_one_made_from_scratch(tmp_path, nlp):
    """Dating in three ingests gives the estimate one pass over the whole store gives."""
    texts = [("d", "The utility said 4,321 households in Port Velmar lost power when the "
              "cyclone struck on Tuesday.", "2024-03-14")]
    undated = ("u", "On Wednesday crews in Port Velmar said 4,321 households still had no "
               "power after the cyclone.")
    steps = Store(str(tmp_path / "steps.db"))
    _filler(steps, 30)
    steps.add_article(Article(id=undated[0], text=undated[1], source="u", format="text"))
    dating.reestimate_store(steps, reference=REF)
    for aid, text, day in texts:
        steps.add_article(Article(id=aid, text=text, source=aid, format="text", published=day))
    dating.reestimate_store(steps, reference=REF)
    once = Store(str(tmp_path / "once.db"))
    _filler(once, 30)
    for aid, text, day in texts:
        once.add_article(Article(id=aid, text=text, source=aid, format="text", published=day))
    once.add_article(Article(id=undated[0], text=undated[1], source="u", format="text"))
    dating.reestimate_store(once, reference=REF)
    a, b = steps.get_article("u").published_estimate, once.get_article("u").published_estimate
    assert a is not None and a == b
    steps.close()
    once.close()


def test_parse_is_handed_on_for_extraction(tmp_path, nlp):
    store = Store(str(tmp_path / "s.db"))
    store.add_article(Article(id="u", text="On Tuesday, March 12, the council met in Port "
                              "Velmar.", source="u", format="text"))
    handed = []
    dating.reestimate_store(store, reference=REF,
                            on_parsed=lambda a, doc: handed.append((a.id, a.published_estimate,
                                                                    len(doc))))
    assert [h[0] for h in handed] == ["u"]
    assert handed[0][1] is not None and handed[0][1].earliest == "2024-03-12"  # estimate set first
    store.close()
