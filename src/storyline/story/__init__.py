"""The story: event clusters, figure series, disputes, negotiation state and the timeline.

The cross-article stage. It reads what extraction stored (events, figures, statements) and the
articles' metadata, and computes (records in `storyline.story.records`, all `Record`s):

- `EventCluster` (clusters.py): one real-world event with every `Mention` of it, its best date
  (explicit > relative > publication), outlets, first report, `independent_reports` (outlets
  after collapsing near-duplicate copies) and `polarity` (real / negated / irrealis).
- `FigureSeries` of `SeriesPoint`s (series.py): one kind and subject over time, every source's
  value with its qualifier, the `current` best value and `Disagreement`s (interval check).
- `Dispute` (disputes.py): two `Claim`s side by side (kind "denial", "figures" or "event"), each
  with the `Evidence` (article id, span, quote, outlet) it rests on.
- `StateDay` (state.py): the negotiation status per day (talks_active, stalled, suspended,
  agreement, truce, collapsed, unknown), venue, mediators, parties, last proposal, evidence;
  the mapping from PLOVER types/modes is `data/state_rules.yaml`.
- `TimelineEntry` (timeline.py): the key dated events with a one-line summary, importance score
  and `SourceRef`s (article id, outlet, date, title, url).
- `StorySummary`: counts and build time.

For outputs: `storyline.story.build.build_story(store)` recomputes and caches everything;
`load_story(store, since=None, until=None) -> Story` (fields clusters, series, disputes, state,
timeline, summary) and `load_kind(store, kind, since, until)` read the cache (kinds "cluster",
"series", "dispute", "state", "timeline", "summary"; cached item date = the record's date, the
series' last date). `storyline.story.query` holds the filters the commands use
(`select_entries`, `filter_series`, `filter_disputes`, `filter_clusters`, `actor_table`);
`storyline.story.state.status_label` gives a status's readable label. Parameters live in
`data/story.yaml`. Every quote/offset points into the article's repaired text.
"""
