"""Event disputes after a new article: a negated cluster whose JSON and whose real clusters
tried are as the last build saw takes its dispute from the memo, the same one a build from
scratch makes (sentences written for the test)."""

from __future__ import annotations

import json

from storyline.story.build import _dumps, as_data
from storyline.story.clusters import cluster_events
from storyline.story.disputes import event_disputes
from storyline.story.memo import StoryMemo

from .helpers import articles, event

ARTS = articles(("a1", "Wire One", "2024-03-04"), ("a2", "Daily Two", "2024-03-05"),
                ("a3", "Paper Three", "2024-03-09"))


def _events(with_a3: bool) -> list:
    shelled = event("a1", "State B troops shelled the Northtown clinic on 4 March.", "ASSAULT",
                    "heavy-weapons", actors=["State B"], lo="2024-03-04", basis="explicit")
    shelled.source = "Clinic staff"
    denied = event("a2", "State B's army denied that its troops shelled the Northtown clinic "
                   "on 4 March.", "ASSAULT", "heavy-weapons", actors=["State B"],
                   lo="2024-03-04", basis="explicit", modality="negated")
    denied.source = "State B's army"
    out = [shelled, denied]
    if with_a3:  # another attack, days later: the type's real clusters change
        out.append(event("a3", "Drones hit a fuel depot near Southtown on 8 March.", "ASSAULT",
                         "aerial", actors=["Group A"], lo="2024-03-08", basis="explicit"))
    return out


def _disputes(events: list, memo: StoryMemo | None) -> list[str]:
    clusters = cluster_events(events, ARTS, memo=memo)
    if memo is not None:
        for c in clusters:
            memo.cluster_texts[id(c)] = _dumps(as_data(c))
    return [json.dumps(as_data(d), sort_keys=True)
            for d in event_disputes(clusters, memo=memo)]


def test_a_negated_cluster_whose_real_clusters_are_unchanged_takes_its_dispute():
    first = StoryMemo("test")
    before = _disputes(_events(False), first)
    assert len(before) == 1
    later = StoryMemo("test", first.items())
    after = _disputes(_events(True), later)
    assert after == _disputes(_events(True), None) == before
    # the type's real block changed, so the type is computed again, but the negation tried
    # only the 4 March clusters: its dispute is the one kept
    kept = [k for k in later.kept if k.startswith("event-dispute:")]
    assert kept and all(k in later.previous for k in kept)
