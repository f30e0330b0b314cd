"""Is the store whole, and does the cached story agree with it? (`storyline check`)

Each check yields findings: an "error" is an inconsistency (a damaged file, a record or story
item pointing at something that is not there, a story cache half written, a quote that is not
the text at its span); a "note" is a fact worth knowing that breaks nothing (no story built yet,
a story built before the latest articles or extractions arrived: `storyline build` refreshes it).
Checks read only; they never repair.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select, text

from storyline.store import migrations, schema
from storyline.store.db import Store

MAX_PER_CHECK = 10  # findings shown per check (the count says how many more)

# Summary fields that count the items of one kind (a StorySummary written by build_story).
_COUNTED = {"cluster": "clusters", "series": "series", "dispute": "disputes",
            "state": "state_days", "timeline": "timeline"}


@dataclass
class Finding:
    severity: str  # "error" or "note"
    check: str  # integrity, schema, references, identity, links, records, story
    message: str

    def to_dict(self) -> dict:
        return {"severity": self.severity, "check": self.check, "message": self.message}


def _capped(check: str, messages: list[str], severity: str = "error") -> Iterator[Finding]:
    for message in messages[:MAX_PER_CHECK]:
        yield Finding(severity, check, message)
    if len(messages) > MAX_PER_CHECK:
        yield Finding(severity, check, f"… and {len(messages) - MAX_PER_CHECK} more")


def check_store(store: Store, profile: tuple[str, str] | None = None) -> list[Finding]:
    """Every finding about the store, errors first within each check; `profile` (name, content
    hash) adds a note on records made under another story profile."""
    findings: list[Finding] = []
    for check in (_integrity, _schema, _references, _identity, _links, _record_spans, _story):
        findings.extend(check(store))
    if profile is not None:
        findings.extend(_profile(store, *profile))
    return findings


def _profile(store: Store, name: str, profile_hash: str) -> Iterator[Finding]:
    """Records made under another profile (or before profiles were recorded) are stale: not
    an inconsistency, but `storyline extract` redoes them."""
    counts = store.profile_counts()
    other = {h: n for h, n in counts.items() if h != profile_hash}
    if not other:
        return
    unrecorded = other.pop(None, 0)
    parts = [f"{n} under profile {h[:12]}" for h, n in sorted(other.items(), key=str)]
    if unrecorded:
        parts.append(f"{unrecorded} with no profile recorded (extracted by an older storyline)")
    total = sum(other.values()) + unrecorded
    yield Finding("note", "profile", (
        f"{total} extracted article{'' if total == 1 else 's'} stale for the story profile "
        f"{name} {profile_hash[:12]}: {', '.join(parts)}; storyline extract (with the same "
        "--story) redoes them"))


def _integrity(store: Store) -> Iterator[Finding]:
    if store.backend != "sqlite":
        return  # a server checks its own pages
    with store.engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
    if rows != ["ok"]:
        yield from _capped("integrity", [f"PRAGMA integrity_check: {r}" for r in rows])


def _schema(store: Store) -> Iterator[Finding]:
    with store.engine.connect() as conn:
        version = migrations.stored_version(conn)
    if version != migrations.CURRENT_VERSION:
        yield Finding("error", "schema", f"schema version {version}, expected "
                      f"{migrations.CURRENT_VERSION}")


def _references(store: Store) -> Iterator[Finding]:
    """Rows that point at an article the store does not hold (foreign keys, checked here for
    every backend, also where the database enforces them)."""
    ids = select(schema.articles.c.id)
    tables = [*schema.RECORD_TABLES.values(), schema.article_links, schema.article_failures]
    messages = []
    with store.engine.connect() as conn:
        for table in tables:
            columns = [table.c.article_id] + (
                [table.c.other_id] if "other_id" in table.c else [])
            for column in columns:
                n = conn.execute(select(func.count()).select_from(table)
                                 .where(column.not_in(ids))).scalar_one()
                if n:
                    messages.append(f"{n} rows of {table.name}.{column.name} name no stored "
                                    "article")
    yield from _capped("references", messages)


def _identity(store: Store) -> Iterator[Finding]:
    """Each article's id is the hash of its text: a mismatch means the text was altered."""
    from storyline.ingest.identity import article_id

    t = schema.articles
    messages = []
    with store.engine.connect() as conn:
        for row in conn.execution_options(yield_per=200).execute(select(t.c.id, t.c.text)):
            if article_id(row.text) != row.id:
                messages.append(f"article {row.id}: its text no longer has this id (altered?)")
    yield from _capped("identity", messages)


def _links(store: Store) -> Iterator[Finding]:
    t = schema.article_links
    reverse = t.alias("reverse")
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.c.article_id, t.c.other_id).where(~select(reverse.c.article_id).where(
                reverse.c.article_id == t.c.other_id, reverse.c.other_id == t.c.article_id,
            ).exists())
        ).all()
    yield from _capped("links", [f"link {a} → {b} has no reverse link" for a, b in rows])


def _record_spans(store: Store) -> Iterator[Finding]:
    """Every record's quote is the article text at its span."""
    t = schema.articles
    messages = []
    with store.engine.connect() as conn:
        for name, table in schema.RECORD_TABLES.items():
            query = (select(table.c.article_id, table.c.seq, table.c.start, table.c.end,
                            table.c.data, t.c.text)
                     .join(t, t.c.id == table.c.article_id)
                     .order_by(table.c.article_id, table.c.seq))
            for row in conn.execution_options(yield_per=500).execute(query):
                quote = json.loads(row.data).get("quote")
                if quote is not None and row.text[row.start:row.end] != quote:
                    messages.append(f"{name} {row.article_id}#{row.seq}: the quote is not the "
                                    f"text at {row.start}–{row.end}")
    yield from _capped("records", messages)


def _article_refs(value: object, out: set[str]) -> None:
    if isinstance(value, dict):
        aid = value.get("article_id")
        if isinstance(aid, str):
            out.add(aid)
        for item in value.values():
            _article_refs(item, out)
    elif isinstance(value, list):
        for item in value:
            _article_refs(item, out)


def _story(store: Store) -> Iterator[Finding]:
    """The cached story is one whole build, and everything it cites is stored."""
    t = schema.story_items
    counts: dict[str, int] = {}
    cited: set[str] = set()
    cluster_ids: set[str] = set()
    timeline_clusters: set[str] = set()
    summaries: list[dict] = []
    with store.read_snapshot() as conn:
        built_from = store.story_built_from(conn)
        for row in conn.execution_options(yield_per=500).execute(
                select(t.c.kind, t.c.data).order_by(t.c.id)):
            data = json.loads(row.data)
            counts[row.kind] = counts.get(row.kind, 0) + 1
            _article_refs(data, cited)
            if row.kind == "cluster" and isinstance(data, dict):
                cluster_ids.add(data.get("id"))
            elif row.kind == "timeline" and isinstance(data, dict) and data.get("cluster_id"):
                timeline_clusters.add(data["cluster_id"])
            elif row.kind == "summary":
                summaries.append(data)
        stored = {r[0] for r in conn.execute(select(schema.articles.c.id))}
        now = store.fingerprint(conn)
    if not counts:
        yield Finding("note", "story", "no story built yet (storyline build makes one)")
        return
    errors = []
    if len(summaries) != 1:
        errors.append(f"{len(summaries)} summary items, expected 1 (a half-written cache)")
    else:
        for kind, key in _COUNTED.items():
            expected = summaries[0].get(key)
            if isinstance(expected, int) and expected != counts.get(kind, 0):
                errors.append(f"{counts.get(kind, 0)} {kind} items, the build's summary says "
                              f"{expected} (a half-written cache)")
    missing = sorted(timeline_clusters - cluster_ids)
    if missing:
        errors.append(f"{len(missing)} timeline entries point at clusters that are not cached "
                      f"(e.g. {missing[0]})")
    gone = sorted(cited - stored)
    if gone:
        errors.append(f"the story cites {len(gone)} articles the store does not hold "
                      f"(e.g. {gone[0]})")
    yield from _capped("story", errors)
    if errors:
        return
    if built_from is None:
        yield Finding("note", "story", "the story has no build fingerprint (built by an older "
                      "storyline): storyline build refreshes it")
        return
    if now != built_from:
        yield Finding("note", "story", (
            f"the story is stale: built from {built_from['articles']} articles "
            f"({built_from['extracted']} extracted); the store now has {now['articles']} "
            f"({now['extracted']} extracted): storyline build refreshes it"))
