"""Build the story from the store's records, and read the cached results back.

`build_story(store)` reads every stored article's metadata and extracted records, computes the
event clusters, figure series, disputes, negotiation state and timeline, and replaces the cached
story with `Store.replace_story` in one transaction (kinds: "cluster", "series", "dispute",
"state", "timeline", plus one "summary" item): a reader sees the old story or the new one. Commands and outputs read the cache (`load_story`, `load_kind`), so
they answer without recomputing. A rebuild is pure Python over the records, blocked by type and
day: re-running it after new articles arrive gives the same result as a build from scratch
(deterministic order and ids). The build after an ingest (`reuse=True`) takes the blocks whose
input is unchanged from the last build's memo (story/memo.py: cluster blocks by type and
polarity, each article's statements, event disputes by type, each cluster's negotiation item)
and computes the others, which gives the same story; `storyline build` computes every block
(the reference). What is computed whole each time: reading the events and figures, the figure
series, the truces, positions' order, state and timeline, and writing the cache.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from storyline.records import Event, Figure, Statement
from storyline.store import Store, schema
from storyline.story.cache import KINDS, Story, has_story, load_kind, load_story  # noqa: F401
from storyline.story.records import EventCluster, StorySummary

if TYPE_CHECKING:
    from storyline.story.clusters import StoredEvent
    from storyline.story.context import Articles
    from storyline.story.memo import StoryMemo
    from storyline.story.rules import NegotiationRules
    from storyline.story.stated import Stated

def _url(source: str | None, url: str | None) -> str | None:
    return url or source


def load_articles(store: Store) -> Articles:
    """Article metadata and near-duplicate groups (one query each)."""
    from storyline.story.context import Articles

    rows = []
    t = schema.articles
    with store.engine.connect() as conn:
        for r in conn.execute(
            select(t.c.id, t.c.outlet, t.c.published, t.c.estimate_best, t.c.title, t.c.url,
                   t.c.source)
        ):
            published = r.published[:10] if r.published else r.estimate_best
            rows.append((r.id, r.outlet, published, r.title, _url(r.source, r.url)))
        links = [
            (r.article_id, r.other_id)
            for r in conn.execute(
                select(schema.article_links.c.article_id, schema.article_links.c.other_id)
            )
        ]
    return Articles.build(rows, links)


def compute_story(
    events: Iterable[Event | StoredEvent],
    figures: Iterable[Figure],
    statements: Iterable[Statement],
    articles: Articles,
    rules: NegotiationRules | None = None,
    negotiation: bool = True,
    leads: Mapping[tuple[str, int], str] | None = None,
    memo: StoryMemo | None = None,
    cached: Callable[[list[str]], list[EventCluster] | None] | None = None,
    stated: Stated | None = None,
    event_texts: Iterable[str] | None = None,
) -> Story:
    """The whole story from records (pure: no store), for tests and for `build_story`;
    `rules`: the negotiation profile and vocabulary (default `data/state_rules.yaml`);
    `negotiation`: whether the profile switches the negotiation analysis on (`analyses:` in
    profile.yaml); off, the story has no negotiation record, positions or state; `leads`: the
    text of each denial's sentence before it (`disputes.sentence_leads`; None: not known);
    `memo`: the last build's blocks (story/memo.py), whose results are taken for the blocks
    whose input is unchanged, and which records this build's (`cached`: the cached clusters
    of some ids, as `cluster_events` takes them); `stated`: what the statements make, made
    before by article (story/stated.py; then `statements` is not read); `event_texts`: each
    event's JSON as stored, in the order of `events` (the cluster blocks are then keyed by
    them, see `cluster_events`; `StoredEvent`s carry theirs)."""
    # imported here so that reading the cache (commands, outputs) stays light
    from storyline.story.clusters import cluster_events
    from storyline.story.config import state_rules
    from storyline.story.disputes import denial_disputes, event_disputes, figure_disputes
    from storyline.story.negotiation import NegotiationRecord, build_record
    from storyline.story.series import build_series
    from storyline.story.state import negotiation_state
    from storyline.story.timeline import story_timeline

    started = time.perf_counter()
    events, figures, statements = list(events), list(figures), list(statements)
    clusters = cluster_events(events, articles, memo=memo, cached=cached, texts=event_texts)
    actors = rules.actors if rules else None  # the profile's actor lexicon (sides)
    series = build_series(figures, articles, actors=actors)
    if memo is not None:  # each cluster's JSON: what its event dispute and negotiation item
        for c in clusters:  # depend on
            if id(c) not in memo.cluster_texts:
                memo.cluster_texts[id(c)] = _dumps(as_data(c))
    disputes = (
        (stated.denials if stated is not None
         else denial_disputes(statements, articles, actors=actors, leads=leads))
        + figure_disputes(series)
        + event_disputes(clusters, actors=actors, memo=memo)
    )
    disputes.sort(key=lambda d: (d.date or "9999", d.kind, d.id))
    in_period = _in_period(clusters, articles)
    if negotiation:
        record = build_record(in_period, statements, figures, articles, rules, memo=memo,
                              cluster_texts=memo.cluster_texts if memo else None,
                              stated=(stated.items, stated.positions) if stated else None)
        state = negotiation_state(record.items, *_period(articles), rules.raw if rules else None)
    else:
        record, state = NegotiationRecord(), []
    # key events are those of the period the articles report on, not their background
    timeline = story_timeline(in_period, articles, record=record.items)
    dated = sorted(c.date_earliest for c in clusters if c.date_earliest)
    summary = StorySummary(
        articles=len(articles.by_id),
        mentions=len(events),
        clusters=len(clusters),
        series=len(series),
        points=sum(len(s.points) for s in series),
        disagreements=sum(len(s.disagreements) for s in series),
        disputes=len(disputes),
        state_days=len(state),
        timeline=len(timeline),
        first_date=dated[0] if dated else None,
        last_date=dated[-1] if dated else None,
        analyses=["negotiation"] if negotiation else [],
        statuses=dict(((rules.raw if rules else None) or state_rules()).get("statuses") or {})
        if negotiation else {},
    )
    summary.seconds = round(time.perf_counter() - started, 3)
    return Story(clusters, series, disputes, state, timeline, summary, record.items,
                 record.positions)


def _period(articles: Articles) -> tuple[str | None, str | None]:
    """The first and last day the articles were published (the state covers these)."""
    dates = sorted(d[:10] for d in (articles.published(a) for a in articles.by_id) if d)
    return (dates[0], dates[-1]) if dates else (None, None)


def _in_period(clusters: list[EventCluster], articles: Articles) -> list[EventCluster]:
    """The clusters dated inside the period the articles report on (see story.yaml `state`)."""
    from storyline.story.config import section
    from storyline.story.context import day

    dates = sorted(d for d in (articles.published(a) for a in articles.by_id) if d)
    if not dates:
        return clusters
    lookback = timedelta(days=int(section("state").get("lookback_days", 60)))
    start = (day(dates[0]) - lookback).isoformat()
    return [c for c in clusters if (c.date_latest or c.date_earliest or start) >= start
            and (c.date_earliest or dates[-1]) <= dates[-1][:10]]


def build_story(store: Store, rules: NegotiationRules | None = None,
                negotiation: bool = True, reuse: bool = False,
                salt: str | None = None) -> StorySummary:
    """Recompute the story from the store and replace the cached story in one transaction
    (`negotiation`: the profile's negotiation analysis is on).

    `reuse`: take the blocks whose input the last build saw from its memo (story/memo.py:
    the same story, in the time of what changed); without, every block is computed (the
    reference). Either way the memo of this build is cached with the story. `salt` names what
    the story depends on besides the records (the story profile's content hash; None: the
    rules' own content).

    The cyclic garbage collector is paused for the build: it reads and makes some hundred
    thousand records that hold no cycles (refcounting frees them), and each full collection
    it set off walked every live object of the process (with spaCy loaded in an ingest, many
    more than the build's own), a fixed cost of every build whatever it recomputes."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build_story(store, rules, negotiation, reuse, salt)
    finally:
        if paused:
            gc.enable()


def _build_story(store: Store, rules: NegotiationRules | None, negotiation: bool,
                 reuse: bool, salt: str | None) -> StorySummary:
    started = time.perf_counter()
    # Taken before reading: articles arriving during the build make the cache stale, which
    # `storyline check` can then tell.
    built_from = store.fingerprint()
    articles = load_articles(store)
    from storyline.story.disputes import sentence_leads
    from storyline.story.memo import MEMO_KIND, StoryMemo

    memo = StoryMemo(_salt(rules, negotiation, salt),
                     ((k, json.loads(v)) for k, v in store.story_item_texts(MEMO_KIND))
                     if reuse else ())
    # the cached clusters as stored: those of unchanged blocks are taken from them, and the
    # dates whose clusters are all as stored keep their rows (`replace_story`'s `stored`)
    stored_clusters = store.story_item_rows("cluster") if reuse else []
    old_clusters = {key: data for _, key, _, data in stored_clusters}
    reused = memo.cluster_texts  # id() of a cluster -> its JSON (those taken from the cache)

    def cached(ids: list[str]) -> list[EventCluster] | None:
        if not all(i in old_clusters for i in ids):
            return None
        out = []
        for i in ids:
            cluster = EventCluster.from_dict(json.loads(old_clusters[i]))
            reused[id(cluster)] = old_clusters[i]
            out.append(cluster)
        return out

    def text_of(article_id: str) -> str | None:
        art = store.get_article(article_id)
        return art.text if art is not None else None

    from storyline.story.disputes import pairs_across_articles

    if pairs_across_articles():  # denials answer other articles: all statements at once
        statements = list(store.iter_records("statements"))
        leads, stated = sentence_leads(statements, text_of), None
    else:  # each article's statements a block, parsed only when new (story/stated.py)
        from storyline.story.stated import stated_by_article

        statements, leads = [], None
        stated = stated_by_article(_by_article(store.iter_record_texts("statements")),
                                   articles, rules, negotiation, memo, text_of)
    # the events as stored: their JSON keys the cluster blocks, and only those of the blocks
    # clustered again (and those that may name a person) are parsed (clusters.StoredEvent)
    from storyline.story.clusters import StoredEvent

    events = [StoredEvent(a, type_, modality, t) for a, t, type_, modality
              in store.iter_record_texts("events", "type", "modality")]
    story = compute_story(
        events,
        store.iter_records("figures"),
        statements,
        articles,
        rules,
        negotiation,
        leads=leads,
        memo=memo,
        cached=cached,
        stated=stated,
    )
    story.summary.seconds = round(time.perf_counter() - started, 3)
    store.replace_story({
        "cluster": [(c.id, c.date_earliest, reused.get(id(c)) or as_data(c))
                    for c in story.clusters],  # (every cluster's JSON is made by now)
        "series": [(s.id, s.last_date, as_data(s)) for s in story.series],
        "dispute": [(d.id, d.date, as_data(d)) for d in story.disputes],
        "state": [(s.date, s.date, as_data(s)) for s in story.state],
        "timeline": [(e.cluster_id or e.date, e.date, as_data(e)) for e in story.timeline],
        "negotiation": [(i.id, i.date, as_data(i)) for i in story.negotiation],
        "position": [(f"{p.party}|{n}", p.date, as_data(p)) for n, p in enumerate(story.positions)],
        "summary": [("summary", None, as_data(story.summary))],
        MEMO_KIND: [(k, None, v) for k, v in memo.items()],
    }, built_from, stored={"cluster": stored_clusters} if reuse else None)
    return story.summary


def _by_article(rows: Iterable[tuple[str, str]]) -> Iterator[tuple[str, list[str]]]:
    """(article id, its texts) from (article id, text) rows in article order."""
    current, texts = None, []
    for article_id, text in rows:
        if article_id != current:
            if current is not None:
                yield current, texts
            current, texts = article_id, []
        texts.append(text)
    if current is not None:
        yield current, texts


def _salt(rules: NegotiationRules | None, negotiation: bool, salt: str | None) -> str:
    """What every block depends on besides its input: the profile (its hash, else the rules'
    content) and whether the negotiation analysis is on."""
    if salt is None:
        raw = json.dumps(rules.raw if rules else None, sort_keys=True, default=str)
        salt = hashlib.sha1(raw.encode()).hexdigest()[:16]
    return f"{salt}|{negotiation}"


_FIELDS: dict[type, tuple[str, ...]] = {}


def as_data(value: Any) -> Any:
    """`Record.to_dict` for writing JSON, without `dataclasses.asdict`'s deep copies (half the
    time on a large story's clusters); tuples come out as lists, which JSON writes alike."""
    cls = value.__class__
    if cls in _LEAVES:
        return value
    names = _FIELDS.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(cls):
            if isinstance(value, list | tuple):
                return [v if v.__class__ in _LEAVES else as_data(v) for v in value]
            if isinstance(value, dict):
                return {k: v if v.__class__ in _LEAVES else as_data(v) for k, v in value.items()}
            return copy.deepcopy(value)
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    out = {}
    for name in names:
        v = getattr(value, name)
        out[name] = v if v.__class__ in _LEAVES else as_data(v)
    return out


_LEAVES = frozenset({str, int, float, bool, type(None)})


def _dumps(value: Any) -> str:
    """JSON as the store writes it (`Store.replace_story`)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
