"""The store: articles, their extracted records and the story's cached results.

All SQL goes through SQLAlchemy Core with bound parameters; SQLite specifics (WAL, transactions,
read-only opening) are confined to `_sqlite_engine`, so PostgreSQL works through the same code
by URL.

How a store is opened (errors are `storyline.store.errors` types, each one line for the user):

- `Store(url)` opens for writing. It creates the file (or the tables in an empty server
  database) when there is no store yet and migrates an older schema. Before writing anything it
  refuses an in-memory URL (`StoreLocationError`: nothing would be kept), a SQLite file whose
  folder does not exist (`StoreLocationError`: folders are never created silently), a database
  that is not a storyline store (`ForeignDatabase`: tables but no storyline schema version), a
  newer schema (`SchemaTooNew`) and a file it cannot write (`StoreReadOnly`).
- `Store(url, readonly=True)` opens an existing store for reading: it never creates a file or a
  table (`StoreMissing`: "no store at …: run storyline ingest first"), and any write raises
  `StoreReadOnly`. SQLite is opened with `mode=ro`, PostgreSQL in read-only transactions. A store
  of an older schema is upgraded first when it is writable, else refused.

Writes are idempotent where two processes may race (`INSERT … ON CONFLICT DO NOTHING` for
articles and links), SQLite write transactions take the write lock up front (`BEGIN
IMMEDIATE`, so a reader never has to upgrade its lock and fail), and the story cache is replaced
in one transaction (`replace_story`) that readers see whole or not at all.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import QueuePool

from storyline.records import Article, DateEstimate, Extraction, Record
from storyline.store import migrations, schema
from storyline.store.errors import (
    ForeignDatabase,
    StoreError,
    StoreLocationError,
    StoreMissing,
    StoreReadOnly,
)
from storyline.store.location import (
    check_sqlite_file,
    describe,
    resolve_url,
    sqlite_readonly_uri,
)

# Keys of pg_advisory_xact_lock: one writer at a time migrates, one replaces the story.
_PG_LOCK_MIGRATE = 0x5701
_PG_LOCK_STORY = 0x5702


# how long opening a store waits for another process's write before it gives up switching
# the journal to WAL (the busy timeout, 30 s, covers every other statement)
WAL_WAIT_SECONDS = 30.0


def _sqlite_engine(path: Path, readonly: bool) -> Engine:
    """An engine over one SQLite file, with real transactions.

    pysqlite's own transaction handling begins transactions late and never for DDL; with it
    switched off (isolation_level None) the `begin` hook below emits BEGIN itself: plain BEGIN
    for reads, BEGIN IMMEDIATE for writes (the `storyline_write` execution option), so a write
    transaction holds the write lock from its first statement and waits (busy_timeout) instead
    of failing when another process wrote first.
    """
    if readonly:
        uri = sqlite_readonly_uri(path)
        engine = create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            poolclass=QueuePool,
        )
    else:
        engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001 - DBAPI types vary by driver
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not readonly:  # (WAL is set once, after the file is known to be ours: _open_schema)
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("storyline_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _no_nul(row: dict) -> dict:
    """PostgreSQL text cannot hold NUL (SQLite can): no column of any backend gets one, so a
    store holds the same values whatever its backend. JSON columns are unaffected (json.dumps
    writes the character as \\u0000)."""
    return {k: v.replace("\x00", "") if isinstance(v, str) and "\x00" in v else v
            for k, v in row.items()}


def _readonly_error(exc: DBAPIError) -> bool:
    orig = exc.orig
    if getattr(orig, "sqlstate", None) == "25006":  # PostgreSQL read_only_sql_transaction
        return True
    message = str(orig).lower()
    return "readonly database" in message or "read-only" in message


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


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
    """A storyline store at one database URL (see the module docstring for how it opens)."""

    def __init__(self, url: str | None = None, *, readonly: bool = False) -> None:
        self.url = resolve_url(url)
        self.where = describe(self.url)
        self.readonly = readonly
        self._snapshot: Connection | None = None
        try:
            parsed = make_url(self.url)
        except ArgumentError:
            raise StoreLocationError(f"{self.where!r} is not a database URL or path") from None
        self.backend = parsed.get_backend_name()
        if self.backend == "sqlite":
            database = parsed.database or ""
            if (database in ("", ":memory:") or database.startswith("file::memory:")
                    or parsed.query.get("mode") == "memory"):
                raise StoreLocationError(
                    f"{self.url} is an in-memory database: it would keep nothing after this "
                    "command; give a file path (or a server URL) with --db"
                )
            self.path: Path | None = Path(database)
            check_sqlite_file(self.path, readonly)
            self.engine = _sqlite_engine(self.path, readonly)
        else:
            self.path = None
            connect_args: dict[str, Any] = {}
            if readonly and self.backend == "postgresql":
                connect_args["options"] = "-c default_transaction_read_only=on"
            try:
                self.engine = create_engine(self.url, connect_args=connect_args)
            except (NoSuchModuleError, ImportError) as exc:
                raise StoreLocationError(f"cannot open {self.where}: {exc}") from None
        self._writer = self.engine.execution_options(storyline_write=True)
        try:
            self._open_schema()
        except BaseException:
            self.engine.dispose()
            raise
        self._insert_article = self._insert_ignore(schema.articles)
        self._insert_link = self._insert_ignore(schema.article_links)

    def _open_schema(self) -> None:
        """Check what the database holds before writing, then create or migrate."""
        try:
            with self.engine.connect() as conn:
                version, tables = migrations.inspect_store(conn)
        except DBAPIError as exc:
            raise StoreError(f"cannot open the store at {self.where}: {_first_line(exc)}") from None
        if version == 0 and tables:
            shown = ", ".join(sorted(tables)[:6]) + (", …" if len(tables) > 6 else "")
            what = (f"it holds tables ({shown}) but no storyline schema version"
                    if "meta" not in tables or "articles" not in tables
                    else "its meta table has no schema version")
            raise ForeignDatabase(self.where, what)
        if version > migrations.CURRENT_VERSION:
            raise migrations.SchemaTooNew(
                f"the store at {self.where} has schema version {version}, newer than this "
                f"storyline's ({migrations.CURRENT_VERSION}): upgrade storyline to use it"
            )
        if self.readonly:
            if version == 0:
                raise StoreMissing(self.where)
            if version < migrations.CURRENT_VERSION:
                self._upgrade_readonly(version)
            return
        if self.backend == "sqlite":
            self._use_wal()
        if version < migrations.CURRENT_VERSION:
            with self._write() as conn:
                if self.backend == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_MIGRATE})
                migrations.upgrade(conn)  # re-reads the version under the lock

    def _use_wal(self) -> None:
        """WAL journal (kept in the file, so once is enough): readers never block the writer.
        Set outside any transaction, which SQLite requires. Switching the journal mode does
        not wait on the busy timeout (SQLite answers "database is locked" at once while
        another process writes, as when two ingests create one store), so it is retried."""
        deadline = time.monotonic() + WAL_WAIT_SECONDS
        while True:
            raw = self.engine.raw_connection()
            try:
                cursor = raw.cursor()
                if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    cursor.execute("PRAGMA journal_mode=WAL")
                cursor.close()
                return
            except sqlite3.OperationalError as exc:
                if "readonly" in str(exc):
                    raise StoreReadOnly(self.where, str(exc)) from None
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
            finally:
                raw.close()
            time.sleep(0.05)

    def _upgrade_readonly(self, version: int) -> None:
        """An older store opened for reading: upgrade it once if it can be written."""
        try:
            Store(self.url).close()
        except StoreReadOnly:
            raise StoreReadOnly(
                self.where, f"it has schema version {version} and needs upgrading to "
                f"{migrations.CURRENT_VERSION}, which needs write access once"
            ) from None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction; a store that turns out read-only raises StoreReadOnly."""
        if self.readonly:
            raise StoreReadOnly(self.where)
        try:
            with self._writer.begin() as conn:
                yield conn
        except DBAPIError as exc:
            if _readonly_error(exc):
                raise StoreReadOnly(self.where, _first_line(exc)) from None
            raise

    def _insert_ignore(self, table: Any) -> Any:
        """INSERT that does nothing when the primary key is taken (rowcount 0), so two
        processes storing the same row both succeed."""
        keys = [c for c in table.primary_key.columns]
        if self.backend == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        elif self.backend == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:  # other backends: a plain INSERT (a race there can still raise IntegrityError)
            return table.insert()
        return insert(table).on_conflict_do_nothing(index_elements=keys)

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

        Returns False (and changes nothing) when an article with the same id is stored already,
        also when another process stores it at the same moment (the insert is idempotent).
        """
        row = _no_nul(dict(
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
        ))
        with self._write() as conn:
            # Parameters passed to execute() rather than .values(): the compiled INSERT is cached.
            if conn.execute(self._insert_article, row).rowcount == 0:
                return False
            for other_id, score in links:
                for a, b in ((article.id, other_id), (other_id, article.id)):
                    conn.execute(
                        self._insert_link,
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

    def publication_dates(self) -> Iterator[tuple[str, str | None]]:
        """(id, stated publication date) of every stored article, streamed, without texts."""
        t = schema.articles
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(
                    select(t.c.id, t.c.published)):
                yield row.id, row.published

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
        with self._write() as conn:
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

    # ------------------------------------------------------------------ dating

    def dating_indexed_ids(self) -> set[str]:
        """Ids of the dated articles the story index of dating holds."""
        t = schema.dating_index
        with self.engine.connect() as conn:
            return {r.article_id for r in conn.execute(select(t.c.article_id))}

    def add_dating_entries(self, rows: Iterable[dict]) -> None:
        """Add story-index entries (dicts with the columns of `dating_index`); an article
        already indexed is left as it is."""
        insert = self._insert_ignore(schema.dating_index)
        batch: list[dict] = []
        with self._write() as conn:
            for row in rows:
                batch.append(row)
                if len(batch) >= 500:
                    conn.execute(insert, batch)
                    batch = []
            if batch:
                conn.execute(insert, batch)

    def iter_dating_entries(self) -> Iterator[Any]:
        """Every story-index entry of dating (rows with the columns of `dating_index`)."""
        t = schema.dating_index
        with self.engine.connect() as conn:
            yield from conn.execution_options(yield_per=1000).execute(
                select(t).order_by(t.c.article_id))

    def dating_evidence(self, version: int) -> dict[str, Any]:
        """The stored dating evidence at `version` by article id (rows of `dating_evidence`)."""
        t = schema.dating_evidence
        with self.engine.connect() as conn:
            return {r.article_id: r for r in conn.execute(select(t).where(t.c.version == version))}

    def save_dating_evidence(self, row: dict) -> None:
        """Store (or replace) one undated article's dating evidence."""
        t = schema.dating_evidence
        with self._write() as conn:
            conn.execute(delete(t).where(t.c.article_id == row["article_id"]))
            conn.execute(t.insert(), _no_nul(row))

    def reset_dating(self, version: int) -> bool:
        """Empty the dating tables when they were filled by another `DATING_VERSION` (their
        rules changed); returns whether they were emptied."""
        m = schema.meta
        with self._write() as conn:
            row = conn.execute(select(m.c.value).where(m.c.key == "dating_version")).first()
            if row is not None and row.value == str(version):
                return False
            conn.execute(delete(schema.dating_index))
            conn.execute(delete(schema.dating_evidence))
            conn.execute(delete(m).where(m.c.key == "dating_version"))
            conn.execute(m.insert(), {"key": "dating_version", "value": str(version)})
        return True

    def mark_dated(self, article_ids: Iterable[str], indexed: int, reference: str) -> None:
        """Record that these articles were estimated against an index of `indexed` articles on
        the reference day `reference`."""
        t = schema.dating_evidence
        ids = list(article_ids)
        with self._write() as conn:
            for i in range(0, len(ids), 500):
                conn.execute(update(t).where(t.c.article_id.in_(ids[i : i + 500]))
                             .values(indexed=indexed, reference=reference))

    # ------------------------------------------------------------------ extracted records

    def save_extraction(self, extraction: Extraction, version: int = 1,
                        profile: str | None = None) -> None:
        """Replace an article's extracted records in one transaction; `profile`: the content
        hash of the story profile they were extracted under."""
        aid = extraction.article_id
        a = schema.articles
        with self._write() as conn:
            # The article's row locked first: two processes extracting one article at once
            # (PostgreSQL) replace its records one after the other, never interleaved.
            if conn.execute(
                select(a.c.id).where(a.c.id == aid).with_for_update()
            ).first() is None:
                return  # the article is gone (nothing to attach records to)
            for name, table in schema.RECORD_TABLES.items():
                conn.execute(delete(table).where(table.c.article_id == aid))
                rows = [
                    _no_nul(_record_row(aid, seq, rec, table.c.keys()))
                    for seq, rec in enumerate(getattr(extraction, name))
                ]
                if rows:
                    conn.execute(table.insert(), rows)
            f = schema.article_failures
            conn.execute(delete(f).where(and_(f.c.article_id == aid, f.c.stage == "extract")))
            conn.execute(update(a).where(a.c.id == aid).values(extracted_version=version,
                                                                 extracted_profile=profile))

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
        raw: bool = False,
        **equals: Any,
    ) -> Iterator[Record]:
        """Records of one kind ("events", "figures", …) overlapping [since, until], filtered by
        equality on the table's own columns (type=, kind=, modality=, article_id=…); with
        `raw`, their stored dicts (a reader of many records skips building dataclasses)."""
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
                yield json.loads(row.data) if raw else cls.from_dict(json.loads(row.data))

    def iter_record_texts(self, name: str, *columns: str) -> Iterator[tuple]:
        """(article id, stored JSON, then the given columns of the table) of every record of
        one kind, by article and order, not parsed (a reader that keys blocks by their records
        parses only the new ones; the columns are copies of the record's fields)."""
        table = schema.RECORD_TABLES[name]
        query = select(table.c.article_id, table.c.data,
                       *(table.c[c] for c in columns)).order_by(table.c.article_id, table.c.seq)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=1000).execute(query):
                yield tuple(row)

    def unextracted_ids(self, version: int, profile: str | None = None) -> list[str]:
        """Articles whose records are missing or older than `version`, or (given `profile`, a
        story profile's content hash) were made under another profile or an unrecorded one."""
        t, f = schema.articles, schema.article_failures
        failed = select(f.c.article_id).where(and_(f.c.stage == "extract", f.c.version >= version))
        stale = [t.c.extracted_version.is_(None), t.c.extracted_version < version]
        if profile is not None:
            stale += [t.c.extracted_profile.is_(None), t.c.extracted_profile != profile]
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.c.id).where(or_(*stale), t.c.id.not_in(failed)).order_by(t.c.id)
            ).all()
        return [r.id for r in rows]

    def profile_counts(self) -> dict[str | None, int]:
        """Extracted articles by the story profile hash their records were made under (None:
        not recorded, made before profiles were)."""
        t = schema.articles
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.c.extracted_profile, func.count()).where(
                    t.c.extracted_version.is_not(None)).group_by(t.c.extracted_profile)
            ).all()
        return {r[0]: int(r[1]) for r in rows}

    # ------------------------------------------------------------------ failures

    def mark_failed(self, article_id: str, stage: str, version: int, reason: str) -> None:
        """Record that `stage` ("extract", "dating") cannot process an article at `version`:
        the stage skips it from now on (until its version changes, or a retry succeeds)."""
        f = schema.article_failures
        with self._write() as conn:
            if conn.execute(select(schema.articles.c.id)
                            .where(schema.articles.c.id == article_id)).first() is None:
                return
            conn.execute(delete(f).where(and_(f.c.article_id == article_id, f.c.stage == stage)))
            conn.execute(f.insert(), _no_nul(dict(
                article_id=article_id, stage=stage, version=version, reason=reason[:500],
                failed_at=_now(),
            )))

    def clear_failures(self, stage: str, ids: Iterable[str] | None = None) -> None:
        """Forget a stage's failures (all, or those of some articles), so they are retried."""
        f = schema.article_failures
        with self._write() as conn:
            if ids is None:
                conn.execute(delete(f).where(f.c.stage == stage))
                return
            wanted = list(ids)
            for i in range(0, len(wanted), 500):
                conn.execute(delete(f).where(and_(f.c.stage == stage,
                                                  f.c.article_id.in_(wanted[i:i + 500]))))

    def failures(self, stage: str | None = None) -> list[tuple[str, str, int, str]]:
        """(article id, stage, version, reason) of every recorded failure."""
        f = schema.article_failures
        query = select(f.c.article_id, f.c.stage, f.c.version, f.c.reason)
        if stage:
            query = query.where(f.c.stage == stage)
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(query.order_by(f.c.stage, f.c.article_id))]

    # ------------------------------------------------------------------ story cache

    def replace_story(
        self,
        kinds: Mapping[str, Iterable[tuple[str, str | None, dict]]],
        built_from: dict | None = None,
        stored: Mapping[str, list[tuple[int, str, str | None, str]]] | None = None,
    ) -> None:
        """Replace the whole cached story in one transaction: every item of every kind is
        deleted and the given (key, date, data) triples written, or nothing changes. A reader
        sees the old story or the new one, never a mix. `built_from` (a `fingerprint()` taken
        before the build read the store) is kept in `meta` so that `storyline check` can tell
        a story built from the store's current content from a stale one. A `data` that is a
        string is written as it is: JSON serialised before (an item taken from the cache).

        `stored`: for some kinds, their rows as stored (`story_item_rows`, read in this
        store's last build): of those kinds, the rows of a date whose items are the same
        (key, text) in the same order are left as they are, and only the other dates'
        rows are deleted and written. Readers order a kind by (date, row id), so the story
        reads as if it had all been written again (and most of a large story's bytes are not)."""
        t = schema.story_items
        stored = stored or {}
        with self._write() as conn:
            if self.backend == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_STORY})
            kept = [k for k in stored if k in kinds]
            conn.execute(delete(t).where(t.c.kind.not_in(kept)) if kept else delete(t))
            for kind, items in kinds.items():
                if kind in stored:
                    items, gone = _changed_dates(list(items), stored[kind])
                    for i in range(0, len(gone), 500):
                        conn.execute(delete(t).where(t.c.id.in_(gone[i:i + 500])))
                rows: list[dict] = []
                for key, date, data in items:
                    rows.append({"kind": kind, "key": key, "date": date,
                                 "data": data if isinstance(data, str) else _dumps(data)})
                    if len(rows) >= 1000:
                        conn.execute(t.insert(), [_no_nul(r) for r in rows])
                        rows = []
                if rows:
                    conn.execute(t.insert(), [_no_nul(r) for r in rows])
            m = schema.meta
            conn.execute(delete(m).where(m.c.key == "story_built_from"))
            if built_from is not None:
                conn.execute(m.insert(), {"key": "story_built_from", "value": _dumps(built_from)})

    def replace_story_items(self, kind: str, items: Iterable[tuple[str, str | None, dict]]) -> None:
        """Replace the cached items of one kind only (tools and tests; a build replaces the
        whole story with `replace_story`)."""
        t = schema.story_items
        with self._write() as conn:
            conn.execute(delete(t).where(t.c.kind == kind))
            rows = [
                _no_nul({"kind": kind, "key": key, "date": date, "data": _dumps(data)})
                for key, date, data in items
            ]
            if rows:
                conn.execute(t.insert(), rows)

    def story_item_rows(self, kind: str) -> list[tuple[int, str, str | None, str]]:
        """(row id, key, date, JSON text) of the cached story items of one kind, by row id:
        what `replace_story` takes as `stored` to leave the unchanged dates' rows alone."""
        t = schema.story_items
        with self._reading(None) as conn:
            return [tuple(r) for r in
                    conn.execute(select(t.c.id, t.c.key, t.c.date, t.c.data)
                                 .where(t.c.kind == kind).order_by(t.c.id))]

    def story_item_texts(self, kind: str) -> list[tuple[str, str]]:
        """(key, JSON text) of the cached story items of one kind, as stored (not parsed)."""
        t = schema.story_items
        with self._reading(None) as conn:
            return [(r.key, r.data) for r in
                    conn.execute(select(t.c.key, t.c.data).where(t.c.kind == kind)
                                 .order_by(t.c.id))]

    @contextmanager
    def read_snapshot(self) -> Iterator[Connection]:
        """Within the block, `story_items`, `story_built_from` and `fingerprint` read one
        snapshot of the store (one transaction), so several kinds read one after another belong
        to the same build. Yields the connection, for other reads in the same snapshot."""
        if self._snapshot is not None:
            yield self._snapshot
            return
        conn = self.engine.connect()
        try:
            if self.backend == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            # SQLite (WAL) takes the snapshot at the first read of the transaction: now.
            conn.execute(select(func.count()).select_from(schema.meta))
            self._snapshot = conn
            yield conn
        finally:
            self._snapshot = None
            conn.close()

    def story_items(
        self, kind: str, since: str | None = None, until: str | None = None,
        fields: tuple[str, ...] | None = None,
    ) -> list[dict]:
        """Cached story items of one kind, by date (only `fields` of each, when given)."""
        t = schema.story_items
        query = select(t.c.data).where(t.c.kind == kind)
        if since:
            query = query.where(t.c.date >= since)
        if until:
            query = query.where(t.c.date <= until)
        query = query.order_by(t.c.date, t.c.id)
        with self._reading(None) as conn:
            items = [json.loads(r.data) for r in conn.execute(query)]
        if fields:
            return [{name: item.get(name) for name in fields} for item in items]
        return items

    @contextmanager
    def _reading(self, conn: Connection | None) -> Iterator[Connection]:
        if conn is not None:
            yield conn
        elif self._snapshot is not None:
            yield self._snapshot
        else:
            with self.engine.connect() as own:
                yield own

    def story_built_from(self, conn: Connection | None = None) -> dict | None:
        """The `fingerprint()` the cached story was built from (None before any build)."""
        m = schema.meta
        with self._reading(conn) as c:
            row = c.execute(select(m.c.value).where(m.c.key == "story_built_from")).first()
        return json.loads(row.value) if row else None

    def fingerprint(self, conn: Connection | None = None) -> dict:
        """What the story is computed from, in a few numbers: the articles, and which of them
        carry records of which extraction version, and their dates (a digest of the three)."""
        t = schema.articles
        digest = hashlib.sha256()
        articles = extracted = 0
        with self._reading(conn) as c:
            query = select(t.c.id, t.c.extracted_version, t.c.estimate_best,
                           t.c.extracted_profile).order_by(t.c.id)
            for r in c.execute(query):
                articles += 1
                extracted += r.extracted_version is not None
                digest.update(f"{r.id}:{r.extracted_version}:{r.estimate_best}:"
                              f"{r.extracted_profile}\n".encode())
        return {"articles": articles, "extracted": extracted, "digest": digest.hexdigest()[:32]}


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


def _changed_dates(
    items: list[tuple[str, str | None, Any]], stored: list[tuple[int, str, str | None, str]],
) -> tuple[list[tuple[str, str | None, Any]], list[int]]:
    """Of a kind's new items and its stored rows (by row id), the items of the dates whose
    rows change and the ids of the stored rows to delete: a date whose items are the stored
    ones, (key, text) in the same order, keeps its rows. An item whose data is not a string
    is new (only a stored item comes as its text)."""
    old: dict[str | None, list[tuple[str, str]]] = {}
    ids: dict[str | None, list[int]] = {}
    for row_id, key, date, data in stored:
        old.setdefault(date, []).append((key, data))
        ids.setdefault(date, []).append(row_id)
    new: dict[str | None, list[tuple[str, str | None, Any]]] = {}
    for item in items:
        new.setdefault(item[1], []).append(item)
    changed = {d for d in old.keys() | new.keys()
               if len(old.get(d, ())) != len(new.get(d, ()))
               or any(not isinstance(data, str) or (key, data) != was
                      for (key, _, data), was in zip(new[d], old[d], strict=True))}
    return ([item for item in items if item[1] in changed],
            [i for d in changed for i in ids.get(d, ())])


def _record_row(article_id: str, seq: int, record: Record, columns: list[str]) -> dict:
    data = record.to_dict()
    row = {"article_id": article_id, "seq": seq, "data": _dumps(data)}
    for column in columns:
        if column in ("id", "article_id", "seq", "data"):
            continue
        row[column] = data.get(column)
    return row
