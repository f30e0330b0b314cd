"""The store: articles, their extracted records and the story's cached results.

All SQL goes through SQLAlchemy Core with bound parameters; SQLite specifics (WAL, foreign keys)
are confined to `_configure_sqlite`, so PostgreSQL works through the same code by URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, create_engine, delete, event, func, or_, select, update
from sqlalchemy.engine import make_url

from storyline.records import Article, DateEstimate, Extraction, Record
from storyline.store import migrations, schema
from storyline.store.location import resolve_url


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001 - DBAPI types vary by driver
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class ArticleRow:
    """The listing columns of one stored article (no text)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    estimate_best: str | None
    language: str | None
    source: str
    format: str
    flags: list[str]


class Store:
    """A storyline store at one database URL."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        parsed = make_url(self.url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(self.url, future=True)
        if parsed.get_backend_name() == "sqlite":
            _configure_sqlite(self.engine)
        with self.engine.begin() as conn:
            migrations.upgrade(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ articles

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.articles.c.id).where(schema.articles.c.id == article_id)
            ).first()
        return row is not None

    def add_article(
        self,
        article: Article,
        minhash: list[int] | None = None,
        links: Iterable[tuple[str, float]] = (),
    ) -> bool:
        """Store one article and its near-duplicate links in one transaction.

        Returns False (and changes nothing) when an article with the same id is stored already.
        """
        t = schema.articles
        with self.engine.begin() as conn:
            if conn.execute(select(t.c.id).where(t.c.id == article.id)).first():
                return False
            # Parameters passed to execute() rather than .values(): the compiled INSERT is cached.
            conn.execute(
                t.insert(),
                dict(
                    id=article.id,
                    source=article.source,
                    format=article.format,
                    title=article.title,
                    outlet=article.outlet,
                    url=article.url,
                    published=article.published,
                    estimate_best=(
                        article.published_estimate.best if article.published_estimate else None
                    ),
                    language=article.language,
                    flags=_dumps(article.flags),
                    text=article.text,
                    data=_dumps(_article_data(article)),
                    minhash=_dumps(minhash) if minhash is not None else None,
                    ingested_at=_now(),
                ),
            )
            for other_id, score in links:
                for a, b in ((article.id, other_id), (other_id, article.id)):
                    conn.execute(
                        schema.article_links.insert(),
                        dict(article_id=a, other_id=b, kind="near_duplicate", score=score),
                    )
        return True

    def get_article(self, id_or_prefix: str) -> Article | None:
        """An article by id, or by a unique id prefix of at least 4 characters."""
        t = schema.articles
        with self.engine.connect() as conn:
            row = conn.execute(select(t.c.text, t.c.data).where(t.c.id == id_or_prefix)).first()
            if row is None and len(id_or_prefix) >= 4:
                rows = conn.execute(
                    select(t.c.text, t.c.data).where(t.c.id.like(_like_prefix(id_or_prefix)))
                    .limit(2)
                ).all()
                row = rows[0] if len(rows) == 1 else None
        return _article_from_row(row.text, row.data) if row else None

    def find_articles(self, text: str, limit: int = 50) -> list[tuple[str, str, str | None]]:
        """(id, source, url) of the articles whose id starts with `text` or whose source path
        or URL contains it: the candidates for a reference a user typed (the caller ranks)."""
        t = schema.articles
        like = f"%{_escape_like(text)}%"
        query = (
            select(t.c.id, t.c.source, t.c.url)
            .where(or_(t.c.id.like(_like_prefix(text), escape="\\"),
                       t.c.source.like(like, escape="\\"), t.c.url.like(like, escape="\\")))
            .order_by(t.c.id).limit(limit)
        )
        with self.engine.connect() as conn:
            return [(r.id, r.source, r.url) for r in conn.execute(query)]

    def list_articles(
        self,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[ArticleRow]:
        """Articles filtered by outlet (case-insensitive substring) and date (stated or best
        estimate), oldest first."""
        t = schema.articles
        date = func.coalesce(func.substr(t.c.published, 1, 10), t.c.estimate_best)
        query = select(
            t.c.id, t.c.title, t.c.outlet, t.c.published, t.c.estimate_best, t.c.language,
            t.c.source, t.c.format, t.c.flags,
        )
        if outlet:
            query = query.where(func.lower(t.c.outlet).like(f"%{_escape_like(outlet.lower())}%",
                                                             escape="\\"))
        if since:
            query = query.where(date >= since[:10])
        if until:
            query = query.where(date <= until[:10])
        query = query.order_by(date.is_(None), date, t.c.id)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [
                ArticleRow(
                    id=r.id, title=r.title, outlet=r.outlet, published=r.published,
                    estimate_best=r.estimate_best, language=r.language, source=r.source,
                    format=r.format, flags=json.loads(r.flags or "[]"),
                )
                for r in conn.execute(query)
            ]

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Every stored article (or those with the given ids), streamed in id order per chunk."""
        t = schema.articles
        query = select(t.c.text, t.c.data).order_by(t.c.id)
        if ids is None:
            chunks: Iterable[list[str] | None] = [None]
        else:
            wanted = list(ids)
            chunks = (wanted[i : i + 500] for i in range(0, len(wanted), 500))
        with self.engine.connect() as conn:
            for chunk in chunks:
                q = query if chunk is None else query.where(t.c.id.in_(chunk))
                for row in conn.execution_options(yield_per=200).execute(q):
                    yield _article_from_row(row.text, row.data)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()

    def minhashes(self) -> Iterator[tuple[str, list[int]]]:
        """(id, signature) of every stored article that has one: the near-duplicate index."""
        t = schema.articles
        with self.engine.connect() as conn:
            for row in conn.execute(select(t.c.id, t.c.minhash).where(t.c.minhash.is_not(None))):
                yield row.id, json.loads(row.minhash)

    def links(self, article_id: str) -> list[tuple[str, str, float]]:
        """(other id, kind, score) of the articles linked to one."""
        t = schema.article_links
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.c.other_id, t.c.kind, t.c.score).where(t.c.article_id == article_id)
            ).all()
        return [(r.other_id, r.kind, r.score) for r in rows]

    def set_estimate(self, article_id: str, estimate: DateEstimate | None) -> bool:
        """Record (or clear) an undated article's publication-date estimate.

        When the best day changes, the article's records are marked for re-extraction, since its
        relative time expressions resolve against that day. Returns whether anything changed.
        """
        t = schema.articles
        with self.engine.begin() as conn:
            row = conn.execute(select(t.c.data, t.c.estimate_best).where(t.c.id == article_id)).first()
            if row is None:
                return False
            data = json.loads(row.data)
            new = estimate.to_dict() if estimate else None
            if data.get("published_estimate") == new:
                return False
            data["published_estimate"] = new
            values: dict[str, Any] = {
                "data": _dumps(data), "estimate_best": estimate.best if estimate else None
            }
            if values["estimate_best"] != row.estimate_best:
                values["extracted_version"] = None
            conn.execute(update(t).where(t.c.id == article_id).values(**values))
        return True

    # ------------------------------------------------------------------ extracted records

    def save_extraction(self, extraction: Extraction, version: int = 1) -> None:
        """Replace an article's extracted records in one transaction."""
        aid = extraction.article_id
        with self.engine.begin() as conn:
            for name, table in schema.RECORD_TABLES.items():
                conn.execute(delete(table).where(table.c.article_id == aid))
                rows = [
                    _record_row(aid, seq, rec, table.c.keys())
                    for seq, rec in enumerate(getattr(extraction, name))
                ]
                if rows:
                    conn.execute(table.insert(), rows)
            conn.execute(
                update(schema.articles)
                .where(schema.articles.c.id == aid)
                .values(extracted_version=version)
            )

    def load_extraction(self, article_id: str) -> Extraction:
        """An article's extracted records (empty lists before extraction ran)."""
        extraction = Extraction(article_id=article_id)
        with self.engine.connect() as conn:
            for name, table in schema.RECORD_TABLES.items():
                cls = Extraction._nested[name]
                rows = conn.execute(
                    select(table.c.data).where(table.c.article_id == article_id)
                    .order_by(table.c.seq)
                ).all()
                setattr(extraction, name, [cls.from_dict(json.loads(r.data)) for r in rows])
        return extraction

    def iter_records(
        self,
        name: str,
        since: str | None = None,
        until: str | None = None,
        **equals: Any,
    ) -> Iterator[Record]:
        """Records of one kind ("events", "figures", …) overlapping [since, until], filtered by
        equality on the table's own columns (type=, kind=, modality=, article_id=…)."""
        table = schema.RECORD_TABLES[name]
        cls = Extraction._nested[name]
        query = select(table.c.data).order_by(table.c.article_id, table.c.seq)
        conds = []
        for column, value in equals.items():
            if value is None:
                continue
            if column not in table.c:
                raise ValueError(f"{name} cannot be filtered by {column}")
            col = table.c[column]
            conds.append(col.in_(value) if isinstance(value, list | tuple | set) else col == value)
        if since:
            conds.append(or_(table.c.date_latest.is_(None), table.c.date_latest >= since))
        if until:
            conds.append(or_(table.c.date_earliest.is_(None), table.c.date_earliest <= until))
        if conds:
            query = query.where(and_(*conds))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=500).execute(query):
                yield cls.from_dict(json.loads(row.data))

    def unextracted_ids(self, version: int) -> list[str]:
        """Articles whose records are missing or older than `version`."""
        t = schema.articles
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.c.id).where(
                    or_(t.c.extracted_version.is_(None), t.c.extracted_version < version)
                ).order_by(t.c.id)
            ).all()
        return [r.id for r in rows]

    # ------------------------------------------------------------------ story cache

    def replace_story_items(self, kind: str, items: Iterable[tuple[str, str | None, dict]]) -> None:
        """Replace every cached story item of one kind with (key, date, data) triples."""
        t = schema.story_items
        with self.engine.begin() as conn:
            conn.execute(delete(t).where(t.c.kind == kind))
            rows = [
                {"kind": kind, "key": key, "date": date, "data": _dumps(data)}
                for key, date, data in items
            ]
            if rows:
                conn.execute(t.insert(), rows)

    def story_items(
        self, kind: str, since: str | None = None, until: str | None = None
    ) -> list[dict]:
        """Cached story items of one kind, by date."""
        t = schema.story_items
        query = select(t.c.data).where(t.c.kind == kind)
        if since:
            query = query.where(t.c.date >= since)
        if until:
            query = query.where(t.c.date <= until)
        with self.engine.connect() as conn:
            return [json.loads(r.data) for r in conn.execute(query.order_by(t.c.date, t.c.id))]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_prefix(prefix: str) -> Any:
    return f"{_escape_like(prefix)}%"


def _article_data(article: Article) -> dict:
    data = article.to_dict()
    data.pop("text")  # the text has its own column
    return data


def _article_from_row(text: str, data: str) -> Article:
    fields = json.loads(data)
    fields["text"] = text
    return Article.from_dict(fields)


def _record_row(article_id: str, seq: int, record: Record, columns: list[str]) -> dict:
    data = record.to_dict()
    row = {"article_id": article_id, "seq": seq, "data": _dumps(data)}
    for column in columns:
        if column in ("id", "article_id", "seq", "data"):
            continue
        row[column] = data.get(column)
    return row
