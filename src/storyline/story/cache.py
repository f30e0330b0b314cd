"""The story as cached in the store, read back as records (light: no SQLAlchemy, no spaCy).

`build.build_story` writes one item per record and kind; the commands and outputs read them here,
from a `Store` or from the read-only `storyline.store.cache` reader.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field

from storyline.store.cache import StoryCache
from storyline.story.records import (
    Dispute,
    EventCluster,
    FigureSeries,
    NegotiationItem,
    Position,
    StateDay,
    StorySummary,
    TimelineEntry,
)

KINDS: dict[str, type] = {
    "cluster": EventCluster,
    "series": FigureSeries,
    "dispute": Dispute,
    "state": StateDay,
    "timeline": TimelineEntry,
    "negotiation": NegotiationItem,
    "position": Position,
    "summary": StorySummary,
}


@dataclass
class Story:
    """Everything the story stage computes."""

    clusters: list[EventCluster] = field(default_factory=list)
    series: list[FigureSeries] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    state: list[StateDay] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    summary: StorySummary = field(default_factory=StorySummary)
    negotiation: list[NegotiationItem] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)


def load_kind(store: StoryCache, kind: str, since: str | None = None, until: str | None = None) -> list:
    """Cached story items of one kind as records, by date (`since`/`until` on the item date)."""
    cls = KINDS[kind]
    return [cls.from_dict(d) for d in store.story_items(kind, since, until)]


def load_story(store: StoryCache, since: str | None = None, until: str | None = None) -> Story:
    """Everything `build_story` cached (empty lists before the first build), read in one
    snapshot so that every kind comes from the same build."""
    snapshot = getattr(store, "read_snapshot", None)
    with snapshot() if snapshot else nullcontext():
        summaries = load_kind(store, "summary")
        return Story(
            clusters=load_kind(store, "cluster", since, until),
            series=load_kind(store, "series"),
            disputes=load_kind(store, "dispute", since, until),
            state=load_kind(store, "state", since, until),
            timeline=load_kind(store, "timeline", since, until),
            negotiation=load_kind(store, "negotiation", since, until),
            positions=load_kind(store, "position", since, until),
            summary=summaries[0] if summaries else StorySummary(),
        )


def has_story(store: StoryCache) -> bool:
    return bool(store.story_items("summary"))
