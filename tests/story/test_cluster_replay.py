"""Clustering a block again after new mentions arrive replays the last build's decisions where
nothing they saw changed (story/replay.py): the clusters must be those of a build from
scratch, mention by mention. The events are made up here from a small vocabulary (written for
the test): many on the same days, of the same actors and words, so that the clusters they make
touch each other, and some undated, historical, vague or recalled later."""

from __future__ import annotations

import json
import random

import pytest

from storyline.records import ActorRef, Event
from storyline.story import clusters
from storyline.story.build import as_data
from storyline.story.clusters import cluster_events
from storyline.story.context import Articles
from storyline.story.memo import StoryMemo
from storyline.story.replay import _match

WORDS = ("rocket strike market bridge shelter convoy village border tunnel drone school "
         "hospital road harbour checkpoint depot fuel bakery station camp").split()
ACTORS = [ActorRef(text=n, canonical=n, kind="armed_group", country=c)
          for n, c in (("Group A", "AAA"), ("Group B", "BBB"), ("State C", "CCC"))]
PLACES = [None, None, "Northtown", "Southtown"]


def _events(rng: random.Random, article: str, published: str, n: int) -> list[Event]:
    day = int(published[-2:])
    out = []
    for k in range(n):
        basis = rng.choice(["explicit", "explicit", "relative", "publication", "unknown"])
        lo = max(1, day - rng.choice([0, 0, 1, 2, 5, 12]))
        hi = lo + rng.choice([0, 0, 0, 1, 20])
        dated = basis != "unknown"
        words = " ".join(rng.sample(WORDS, 5))
        out.append(Event(
            article_id=article, start=10 * k, end=10 * k + 8, quote=words,
            type=rng.choice(["ASSAULT", "ASSAULT", "COERCE"]),
            mode=rng.choice([None, "aerial", "ground"]), trigger="hit",
            actors=rng.sample(ACTORS, rng.choice([0, 1, 1, 2])),
            location=rng.choice(PLACES),
            date_earliest=f"2024-03-{lo:02d}" if dated else None,
            date_latest=f"2024-03-{min(hi, 28):02d}" if dated else None,
            date_basis=basis, modality=rng.choice(["asserted", "asserted", "reported", "future"]),
            sentence=f"The {words} was hit.", historical=not dated and rng.random() < 0.5))
    return out


def _articles(published: dict[str, str]) -> Articles:
    return Articles.build([(a, f"Outlet {a[-1]}", d, f"Title {a}", None)
                           for a, d in published.items()])


def _data(found: list) -> list[str]:
    return [json.dumps(as_data(c), sort_keys=True) for c in found]


@pytest.mark.parametrize("seed", range(6))
def test_clusters_built_article_by_article_are_those_built_at_once(seed, monkeypatch):
    rng = random.Random(seed)
    published = {f"art{k:02d}": f"2024-03-{10 + k // 2:02d}" for k in range(24)}
    by_article = {a: _events(rng, a, d, rng.randint(1, 9)) for a, d in published.items()}
    chosen = []
    choose = clusters.Clusterer.choose

    def counted(self, p):  # noqa: ANN001, ANN202
        chosen.append(p)
        return choose(self, p)

    monkeypatch.setattr(clusters.Clusterer, "choose", counted)
    memo, cache, skipped = StoryMemo("test"), {}, 0
    for n in range(1, len(published) + 1):
        ids = sorted(published)[:n]
        events = [e for a in ids for e in by_article[a]]
        articles = _articles({a: published[a] for a in ids})
        texts = [json.dumps(e.to_dict()) for e in events]
        memo = StoryMemo("test", memo.items())
        old = dict(cache)

        def cached(wanted: list[str], old=old) -> list | None:  # noqa: ANN001
            if not all(i in old for i in wanted):
                return None
            return [clusters.EventCluster.from_dict(json.loads(old[i])) for i in wanted]

        chosen.clear()
        stepwise = cluster_events(events, articles, memo=memo, cached=cached, texts=texts)
        skipped += len(events) - len(chosen)
        at_once = cluster_events(events, articles)  # no memo: every block from scratch
        assert _data(stepwise) == _data(at_once), n
        cache = {c.id: json.dumps(as_data(c)) for c in stepwise}
    assert skipped > 0  # some decisions were replayed, not scored


def test_an_old_mention_changed_or_gone_is_no_replay():
    assert _match(["a", "b", "c"], ["a", "x", "b", "c", "y"]) == [0, None, 1, 2, None]
    assert _match(["a", "b", "c"], ["a", "c"]) is None  # b is gone
    assert _match(["a", "b"], ["b", "a"]) is None  # not in the same order
    assert _match([], ["a"]) == [None]
