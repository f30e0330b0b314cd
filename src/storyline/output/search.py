"""Full-text search over articles and extracted records, one query layer for both stores.

SQLite: an FTS5 index kept by the searcher in memory (the store stays read-only), filled from
the store at start and topped up with the articles that arrive; queries are FTS5 expressions
built from the user's words (each word a quoted term, so no FTS5 syntax leaks through).
PostgreSQL: `to_tsvector('english', …) @@ websearch_to_tsquery('english', q)` on the store's
own tables, ranked by `ts_rank`. Both return the same `Hit`s.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass

from sqlalchemy import func, literal, select, union_all

from storyline.store import schema

_WORD = re.compile(r"[\w][\w'’-]*", re.UNICODE)
MAX_QUERY = 200  # characters of a query taken


@dataclass
class Hit:
    kind: str  # article, event, statement, figure
    article_id: str
    start: int | None
    end: int | None
    title: str | None
    snippet: str  # plain text; the page escapes it
    rank: float


def _terms(query: str) -> list[str]:
    return [w.replace('"', "") for w in _WORD.findall(query[:MAX_QUERY])][:12]


def _record_texts(data: dict, kind: str) -> str:
    if kind == "statement":
        return " ".join(filter(None, [data.get("speaker"), data.get("cue"), data.get("content")]))
    quote, sentence = data.get("quote") or "", data.get("sentence") or ""
    return sentence if quote in sentence else f"{quote} {sentence}".strip()


class Searcher:
    """Search one store (see the module's docstring); thread-safe."""

    def __init__(self, store) -> None:  # store: storyline.store.Store
        self.store = store
        self.postgres = store.backend == "postgresql"
        self._lock = threading.Lock()
        self._indexed: set[str] = set()
        self._db: sqlite3.Connection | None = None
        if not self.postgres:
            self._db = sqlite3.connect(":memory:", check_same_thread=False)
            self._db.execute(
                "CREATE VIRTUAL TABLE fts USING fts5(kind UNINDEXED, article_id UNINDEXED, "
                "start_at UNINDEXED, end_at UNINDEXED, title UNINDEXED, body, "
                "tokenize='porter unicode61 remove_diacritics 2')")

    def refresh(self) -> int:
        """Index the articles (and their records) not indexed yet; returns how many."""
        if self.postgres:
            return 0
        import json

        t = schema.articles
        with self.store.engine.connect() as conn:
            ids = [r.id for r in conn.execute(select(t.c.id).where(
                t.c.extracted_version.is_not(None)))]
            fresh = [i for i in ids if i not in self._indexed]
            rows = []
            for chunk in (fresh[i:i + 500] for i in range(0, len(fresh), 500)):
                for r in conn.execute(select(t.c.id, t.c.title, t.c.text).where(
                        t.c.id.in_(chunk))):
                    rows.append(("article", r.id, None, None, r.title,
                                 f"{r.title or ''}\n{r.text}"))
                for kind, table in (("event", schema.events), ("statement", schema.statements),
                                    ("figure", schema.figures)):
                    for r in conn.execute(select(table.c.article_id, table.c.start,
                                                 table.c.end, table.c.data).where(
                                                     table.c.article_id.in_(chunk))):
                        rows.append((kind, r.article_id, r.start, r.end, None,
                                     _record_texts(json.loads(r.data), kind)))
        with self._lock:
            self._db.executemany("INSERT INTO fts VALUES (?, ?, ?, ?, ?, ?)", rows)
            self._db.commit()
            self._indexed.update(fresh)
        return len(fresh)

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        terms = _terms(query)
        if not terms:
            return []
        if self.postgres:
            return self._search_postgres(" ".join(terms), limit)
        expression = " ".join(f'"{t}"' for t in terms)
        with self._lock:
            rows = self._db.execute(
                "SELECT kind, article_id, start_at, end_at, title, "
                "snippet(fts, 5, '\x02', '\x03', ' … ', 24), bm25(fts) FROM fts "
                "WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?", (expression, limit)).fetchall()
        return [Hit(k, a, s, e, t, sn, -r) for k, a, s, e, t, sn, r in rows]

    def _search_postgres(self, text: str, limit: int) -> list[Hit]:
        import json

        q = func.websearch_to_tsquery("english", text)
        a = schema.articles
        parts = [select(literal("article").label("kind"), a.c.id.label("article_id"),
                        literal(None).label("start"), literal(None).label("end"),
                        a.c.title.label("title"),
                        (func.coalesce(a.c.title, "") + " " + a.c.text).label("body"))]
        for kind, table in (("event", schema.events), ("statement", schema.statements),
                            ("figure", schema.figures)):
            parts.append(select(literal(kind), table.c.article_id, table.c.start, table.c.end,
                                literal(None), table.c.data))
        docs = union_all(*parts).subquery()
        vector = func.to_tsvector("english", docs.c.body)
        rank = func.ts_rank(vector, q)
        query = (select(docs, rank.label("rank")).where(vector.op("@@")(q))
                 .order_by(rank.desc()).limit(limit))
        hits = []
        with self.store.engine.connect() as conn:
            for r in conn.execute(query):
                body = r.body
                if r.kind != "article":
                    body = _record_texts(json.loads(body), r.kind)
                hits.append(Hit(r.kind, r.article_id, r.start, r.end, r.title,
                                _snippet(body, text), float(r.rank)))
        return hits


def _snippet(body: str, text: str, width: int = 160) -> str:
    """A window of the body around the first query word, the word marked \\x02…\\x03."""
    lower = body.lower()
    for term in _terms(text):
        i = lower.find(term.lower())
        if i >= 0:
            lo = max(0, i - width // 2)
            piece = body[lo:i] + "\x02" + body[i:i + len(term)] + "\x03" + body[
                i + len(term):i + width // 2]
            return ("… " if lo else "") + " ".join(piece.split()) + " …"
    return " ".join(body[:width].split())
