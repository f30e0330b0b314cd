"""Tables of the store (SQLAlchemy Core; portable between SQLite and PostgreSQL).

Records keep a few columns that queries filter on, and the whole record as JSON in `data`, so
that adding a field to a record needs no migration; adding a filtered column does (migrations.py).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("title", Text),
    Column("outlet", String(200)),
    Column("url", Text),
    Column("published", String(32)),  # ISO, only when stated
    Column("estimate_best", String(10)),  # ISO date, when estimated
    Column("language", String(8)),
    Column("flags", Text, nullable=False, default="[]"),
    Column("text", Text, nullable=False),
    Column("data", Text, nullable=False),  # the whole Article record as JSON
    Column("minhash", Text),  # near-duplicate signature (JSON list of ints)
    Column("ingested_at", String(32), nullable=False),
    Column("extracted_version", Integer),  # extraction version last run on this article
    # content hash of the story profile its records were extracted under (schema v3)
    Column("extracted_profile", String(64)),
)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_published", articles.c.published)

article_links = Table(
    "article_links",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("other_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("kind", String(32), nullable=False),  # near_duplicate
    Column("score", Float, nullable=False),
)


def _record_table(name: str, *extra: Column) -> Table:
    table = Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("article_id", String(32), ForeignKey("articles.id"), nullable=False),
        Column("seq", Integer, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("date_earliest", String(10)),
        Column("date_latest", String(10)),
        *extra,
        Column("data", Text, nullable=False),
    )
    Index(f"ix_{name}_article", table.c.article_id)
    Index(f"ix_{name}_date", table.c.date_earliest)
    return table


time_expressions = _record_table("time_expressions", Column("type", String(16)))
events = _record_table(
    "events",
    Column("type", String(16)),
    Column("mode", String(32)),
    Column("modality", String(16)),
)
figures = _record_table(
    "figures",
    Column("kind", String(48)),
    Column("value", Float),
    Column("qualifier", String(16)),
)
statements = _record_table("statements", Column("stance", String(16)))

RECORD_TABLES = {
    "time_expressions": time_expressions,
    "events": events,
    "figures": figures,
    "statements": statements,
}

# Articles a stage could not process (too long for the parser, a parse error): the stage skips
# them until the version it ran at changes, so one bad article never blocks later runs.
article_failures = Table(
    "article_failures",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("stage", String(16), primary_key=True),  # extract, dating
    Column("version", Integer, nullable=False),  # the stage's version when it failed
    Column("reason", Text, nullable=False),
    Column("failed_at", String(32), nullable=False),
)

# Dating (temporal/dating.py), kept so that an ingest dates the undated articles without reading
# or parsing what is already stored: the story index's entry of each dated article (its distinctive
# phrases and the durations it counts on nouns), and each undated article's dating evidence,
# read off its parse once, with the phrases and nouns its estimate looked up.
dating_index = Table(
    "dating_index",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("day", Integer, nullable=False),  # ordinal of the stated publication day
    Column("text_key", String(32), nullable=False),  # exact-duplicate identity of the text
    Column("phrases", Text, nullable=False),  # newline-separated
    Column("anchors", Text, nullable=False),  # JSON [[noun, ordinal day it began], ...]
)
dating_evidence = Table(
    "dating_evidence",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("version", Integer, nullable=False),  # temporal.dating.DATING_VERSION
    Column("text_key", String(32), nullable=False),
    Column("phrases", Text, nullable=False),  # newline-separated
    Column("nouns", Text, nullable=False),  # newline-separated: durations' nouns
    Column("data", Text, nullable=False),  # TextEvidence as JSON
    Column("indexed", Integer),  # dated articles in the index when last estimated
    Column("reference", String(10)),  # the latest possible day then (today)
)

# Story-level results are recomputed from the records; they are cached here by kind.
story_items = Table(
    "story_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),  # cluster, series, dispute, state_day …
    Column("key", Text, nullable=False),
    Column("date", String(10)),
    Column("data", Text, nullable=False),
)
Index("ix_story_items_kind", story_items.c.kind, story_items.c.date)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(32), nullable=False),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("summary", Text),
)
