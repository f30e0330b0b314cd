"""What an output shows: the cached story, cut by the same filters the story commands take.

Exports and the report call `select_story(store, filters)`; it reads the cache written by
`storyline build` (never recomputes) and applies `storyline.story.query`'s filters, so an export
with `--actor Vanguard --since 2024-01-01` holds the same records `storyline timeline` would list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.store import Store
from storyline.story.build import Story, load_articles, load_story
from storyline.story.context import ArticleInfo
from storyline.story.query import filter_clusters, filter_disputes, select_entries
from storyline.story.records import FigureSeries


@dataclass
class Filters:
    """Date, type and actor filters (all optional), as the story commands take them."""

    since: str | None = None
    until: str | None = None
    types: list[str] = field(default_factory=list)
    actor: str | None = None

    def to_dict(self) -> dict:
        return {"since": self.since, "until": self.until, "types": list(self.types),
                "actor": self.actor}

    def in_range(self, day: str | None) -> bool:
        """Whether a date (ISO, any precision) is inside [since, until]; undated passes only
        when no date filter is set."""
        if not day:
            return not (self.since or self.until)
        d = day[:10]
        return (not self.since or d >= self.since) and (not self.until or d <= self.until)

    def names(self, *texts: str | None) -> bool:
        """Whether the actor filter (a case-insensitive substring) matches one of the texts."""
        if not self.actor:
            return True
        needle = self.actor.lower()
        return any(needle in (t or "").lower() for t in texts)


@dataclass
class Selection:
    """The filtered story plus the metadata of every article it can cite."""

    story: Story
    articles: dict[str, ArticleInfo]
    filters: Filters
    estimated: set[str] = field(default_factory=set)  # ids of articles dated by estimate

    def date_estimated(self, article_id: str, basis: str = "publication") -> bool:
        """Whether a date found this way in this article rests on an estimated publication
        date (a relative "on Monday" anchored to an estimate is an estimate too)."""
        return basis in ("publication", "relative") and article_id in self.estimated

    def cited_ids(self) -> list[str]:
        """Ids of the articles the selected records cite, in first-cited order."""
        seen: dict[str, None] = {}
        s = self.story
        for c in s.clusters:
            for m in c.mentions:
                seen.setdefault(m.article_id)
        for series in s.series:
            for p in series.points:
                seen.setdefault(p.article_id)
        for d in s.disputes:
            for claim in (d.a, d.b):
                if claim.evidence:
                    seen.setdefault(claim.evidence.article_id)
        for day in s.state:
            for ev in day.evidence:
                seen.setdefault(ev.article_id)
        for item in s.negotiation:
            for ev in item.evidence:
                seen.setdefault(ev.article_id)
        for pos in s.positions:
            if pos.evidence:
                seen.setdefault(pos.evidence.article_id)
        return list(seen)

    def source(self, article_id: str) -> dict:
        """One article's citation metadata (what a reader needs to find it)."""
        info = self.articles.get(article_id)
        if info is None:
            return {"article_id": article_id}
        return {"article_id": info.id, "outlet": info.outlet, "published": info.published,
                "title": info.title, "url": info.url}


def _series_for(series: Iterable[FigureSeries], f: Filters) -> list[FigureSeries]:
    """Series cut to the date range; with an actor filter, series about the actor keep every
    point, others keep the points whose source names the actor."""
    out = []
    for s in series:
        about = f.actor and f.names(s.subject, *s.subjects)
        points = [
            p for p in s.points
            if f.in_range(p.date) and (not f.actor or about
                                       or f.names(p.source, p.source_actor, p.outlet))
        ]
        if not points:
            continue
        s.points = points
        s.disagreements = [d for d in s.disagreements if f.in_range(d.date)
                           and d.a in points and d.b in points]
        out.append(s)
    return out


def select_story(store: Store, filters: Filters | None = None) -> Selection:
    """The cached story filtered by date, PLOVER type and actor."""
    f = filters or Filters()
    story = load_story(store, f.since, f.until)
    types = f.types or None
    story.clusters = filter_clusters(story.clusters, types, f.actor)
    # every entry, by date: the selection of "key" events is the report's business
    story.timeline = select_entries(story.timeline, None, 10**9, types, f.actor)
    story.series = _series_for(story.series, f)
    story.disputes = filter_disputes(story.disputes, None, f.actor)
    estimated = {r.id for r in store.list_articles() if not r.published and r.estimate_best}
    return Selection(story=story, articles=load_articles(store).by_id, filters=f,
                     estimated=estimated)
