"""`storyline serve`: a small WSGI app over a store, read-only, that shows the story live.

Pages:
  /                the dashboard: the store's counts, the newest articles with their records
                   (polled by the page: new articles appear without a reload), key events and
                   the negotiation state from the built story, search, filters
  /story?…         the report itself (report.report_context + render_report: every tab, the
                   article reader), rebuilt in the background when the story changes; filters
                   `since`, `until`, `type` (repeatable) and `actor` in the URL
  /data/V/KEY.js   the report's on-demand data (article texts, series tables)
  /search?q=…      full text over articles and records (search.Searcher: SQLite FTS5 or
                   PostgreSQL full-text search)
  /article/ID      one article with its records marked in the text
  /api/latest, /api/search   the same as JSON

Nothing here writes to the store; article text is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

import functools
import json
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from urllib.parse import parse_qs, quote, urlencode

from sqlalchemy import desc, func, select

from storyline import __version__
from storyline.store import schema

POLL_SECONDS = 2.0
CACHED_FILTERS = 8  # story pages kept per story version (the unfiltered one always)


@dataclass
class StoryPage:
    html: bytes
    scripts: dict[str, str]
    version: str


@dataclass
class Overview:
    """What the dashboard shows of the built story (computed once per story version)."""

    version: str
    stats: dict
    key_events: list[dict] = field(default_factory=list)
    state: dict | None = None


def filters_from(query: dict[str, list[str]]):
    """The URL's filters as the story commands take them; bad dates are dropped (and said)."""
    from datetime import date

    from storyline.output.selection import Filters

    def day(name: str) -> str | None:
        value = (query.get(name) or [""])[0].strip()
        try:
            return date.fromisoformat(value).isoformat() if value else None
        except ValueError:
            return None

    types = [t.strip().upper() for v in query.get("type", []) for t in v.split(",")
             if t.strip()]
    actor = (query.get("actor") or [""])[0].strip() or None
    return Filters(since=day("since"), until=day("until"), types=types, actor=actor)


def _filters_key(f) -> tuple:
    return (f.since, f.until, tuple(sorted(f.types)), f.actor)


class LiveStory:
    """The store as the dashboard sees it: story pages cached per story version and filters,
    rebuilt in a background thread when the story changes; search topped up as articles come."""

    def __init__(self, store, title: str = "Story", poll: float = POLL_SECONDS) -> None:
        from storyline.output.search import Searcher

        self.store = store
        self.title = title
        self.poll = poll
        self.searcher = Searcher(store)
        self._pages: OrderedDict[tuple, StoryPage] = OrderedDict()
        self._building: set[tuple] = set()
        self._overview: Overview | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._version = self._story_version()
        self._executor = None
        self._thread = threading.Thread(target=self._watch, daemon=True, name="live-story")

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> LiveStory:
        self._thread.start()
        self._build_async((self._version, _filters_key(filters_from({}))), filters_from({}))
        return self

    def close(self) -> None:
        self._stop.set()
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)

    def _story_version(self) -> str:
        built = self.store.story_built_from()
        return (built or {}).get("digest", "none") if isinstance(built, dict) else "none"

    def _watch(self) -> None:
        try:
            self.searcher.refresh()  # the first index fill, after the server is listening
        except Exception:  # noqa: BLE001 - retried below
            pass
        while not self._stop.wait(self.poll):
            try:
                self.searcher.refresh()
                version = self._story_version()
            except Exception:  # noqa: BLE001 - a busy or vanished store: try again next time
                continue
            if version != self._version:
                self._version = version
                self._build_async((version, _filters_key(filters_from({}))), filters_from({}))

    # ------------------------------------------------------------------ story pages

    def _build(self, key: tuple, filters) -> None:
        try:
            html, scripts, overview = self._pool().submit(
                build_story_page, self.store.url, filters.to_dict(), self.title, key[0]).result()
            page = StoryPage(html, scripts, key[0])
            with self._lock:
                self._pages[key] = page
                self._pages.move_to_end(key)
                while len(self._pages) > CACHED_FILTERS:
                    self._pages.popitem(last=False)
                if overview is not None:
                    self._overview = Overview(**overview)
        except Exception:  # noqa: BLE001 - a failed build is retried on the next request
            pass
        finally:
            with self._lock:
                self._building.discard(key)

    def _pool(self):
        """One builder process: building a story page is seconds of pure Python, which in a
        thread would hold the GIL and slow every request meanwhile."""
        with self._lock:
            if self._executor is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self._executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_exit_with_parent, initargs=(os.getpid(),))
            return self._executor

    def _build_async(self, key: tuple, filters) -> None:
        with self._lock:
            if key in self._building or key in self._pages:
                return
            self._building.add(key)
        threading.Thread(target=self._build, args=(key, filters), daemon=True).start()

    def story_page(self, filters) -> StoryPage | None:
        key = (self._version, _filters_key(filters))
        with self._lock:
            page = self._pages.get(key)
        if page is None:
            self._build_async(key, filters)
        return page

    def data_script(self, version: str, key: str) -> str | None:
        with self._lock:
            for page in reversed(self._pages.values()):
                if page.version == version and key in page.scripts:
                    return page.scripts[key]
        return None

    @property
    def overview(self) -> Overview | None:
        with self._lock:
            return self._overview

    @property
    def version(self) -> str:
        return self._version

    # ------------------------------------------------------------------ live queries

    def counts(self) -> dict:
        t = schema.articles
        with self.store.engine.connect() as conn:
            row = conn.execute(select(func.count(), func.count(t.c.extracted_version),
                                      func.max(t.c.ingested_at))).first()
        return {"articles": row[0], "extracted": row[1], "last_ingested": row[2]}

    def latest(self, limit: int = 20) -> list[dict]:
        """The newest articles (by ingest time) with their record counts and first events."""
        t = schema.articles
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(t.c.id, t.c.title, t.c.outlet, t.c.published,
                                       t.c.estimate_best, t.c.ingested_at, t.c.url,
                                       t.c.extracted_version)
                                .order_by(desc(t.c.ingested_at), t.c.id).limit(limit)).all()
            ids = [r.id for r in rows]
            counts: dict[str, dict[str, int]] = {i: {} for i in ids}
            for name in ("events", "statements", "figures"):
                table = schema.RECORD_TABLES[name]
                for aid, n in conn.execute(select(table.c.article_id, func.count())
                                           .where(table.c.article_id.in_(ids))
                                           .group_by(table.c.article_id)):
                    counts[aid][name] = n
            events: dict[str, list[dict]] = {i: [] for i in ids}
            e = schema.events
            for r in conn.execute(select(e.c.article_id, e.c.type, e.c.modality, e.c.data)
                                  .where(e.c.article_id.in_(ids)).order_by(e.c.article_id,
                                                                           e.c.seq)):
                if len(events[r.article_id]) < 3:
                    quote_text = json.loads(r.data).get("quote", "")
                    events[r.article_id].append({"type": r.type, "modality": r.modality,
                                                 "quote": quote_text})
        return [{"id": r.id, "title": r.title or "(untitled)", "outlet": r.outlet,
                 "date": (r.published or "")[:10] or (f"~{r.estimate_best}"
                                                      if r.estimate_best else ""),
                 "ingested": r.ingested_at, "url": r.url,
                 "extracted": r.extracted_version is not None, "counts": counts[r.id],
                 "events": events[r.id]} for r in rows]


def _exit_with_parent(parent: int) -> None:
    """In the builder process: leave when the server is gone (killed, say, by SIGTERM), rather
    than live on as an orphan."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(2)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


@functools.cache
def _builder_store(url: str):  # -> Store, one per builder process
    from storyline.store import Store

    return Store(url, readonly=True)


def build_story_page(url: str, filters: dict, title: str, version: str
                     ) -> tuple[bytes, dict[str, str], dict | None]:
    """In the builder process: the report page for these filters (report_context and
    render_report, the report's own code), its data scripts, and the overview when
    unfiltered."""
    from storyline.output.report import (
        _data_script,
        render_report,
        report_context,
        select_entries,
    )
    from storyline.output.selection import Filters, select_story

    store = _builder_store(url)
    f = Filters(since=filters.get("since"), until=filters.get("until"),
                types=list(filters.get("types") or []), actor=filters.get("actor"))
    sel = select_story(store, f)
    ctx = report_context(store, sel, title)
    html = render_report(ctx, files=f"/data/{quote(version)}/").encode("utf-8")
    scripts = {k: _data_script(k, v) for k, v in ctx["data"].items()}
    overview = None
    if not (f.since or f.until or f.types or f.actor):
        overview = {"version": version, "stats": ctx["stats"],
                    "key_events": [{"date": e.date, "type": e.type, "label": e.label,
                                    "summary": e.summary, "cluster": e.cluster_id}
                                   for e in select_entries(sel.story.timeline, 12, 2)],
                    "state": (ctx.get("state") or {}).get("current")}
    return html, scripts, overview


# --------------------------------------------------------------------------- the WSGI app


class Dashboard:
    """The WSGI application."""

    def __init__(self, live: LiveStory) -> None:
        from storyline.output.report import environment

        self.live = live
        self.env = environment()

    def __call__(self, environ, start_response):  # noqa: ANN001 - the WSGI signature
        path = environ.get("PATH_INFO") or "/"
        query = parse_qs(environ.get("QUERY_STRING") or "", keep_blank_values=False)
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return self._send(start_response, "405 Method Not Allowed", "text/plain",
                              b"read-only: GET only")
        try:
            if path == "/":
                return self._html(start_response, self.main_page(query))
            if path == "/story":
                return self._story(start_response, query)
            if path.startswith("/data/"):
                return self._data(start_response, path)
            if path == "/search":
                return self._html(start_response, self.search_page(query))
            if path.startswith("/article/"):
                page = self.article_page(path[len("/article/"):])
                if page is None:
                    return self._send(start_response, "404 Not Found", "text/plain",
                                      b"no such article")
                return self._html(start_response, page)
            if path == "/api/latest":
                return self._json(start_response, {
                    "version": self.live.version, "counts": self.live.counts(),
                    "latest": self.live.latest(int((query.get("limit") or ["20"])[0] or 20))})
            if path == "/api/search":
                q = (query.get("q") or [""])[0]
                return self._json(start_response, [vars(h) for h in self.live.searcher.search(q)])
        except ValueError:
            return self._send(start_response, "400 Bad Request", "text/plain", b"bad request")
        return self._send(start_response, "404 Not Found", "text/plain", b"not found")

    # ------------------------------------------------------------------ responses

    @staticmethod
    def _send(start_response, status: str, ctype: str, body: bytes, extra=()):  # noqa: ANN001
        headers = [("Content-Type", ctype), ("Content-Length", str(len(body))),
                   ("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store"),
                   *extra]
        start_response(status, headers)
        return [body]

    def _html(self, start_response, html: str):  # noqa: ANN001
        return self._send(start_response, "200 OK", "text/html; charset=utf-8",
                          html.encode("utf-8"))

    def _json(self, start_response, data):  # noqa: ANN001
        return self._send(start_response, "200 OK", "application/json",
                          json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def _story(self, start_response, query):  # noqa: ANN001
        page = self.live.story_page(filters_from(query))
        if page is None:
            body = self.env.get_template("dashboard/building.html.j2").render(
                title=self.live.title).encode("utf-8")
            return self._send(start_response, "503 Service Unavailable",
                              "text/html; charset=utf-8", body, [("Retry-After", "3")])
        return self._send(start_response, "200 OK", "text/html; charset=utf-8", page.html)

    def _data(self, start_response, path: str):  # noqa: ANN001
        parts = path.split("/")  # "", "data", version, kind, key.js
        if len(parts) < 5 or not parts[-1].endswith(".js"):
            return self._send(start_response, "404 Not Found", "text/plain", b"not found")
        key = "/".join(parts[3:])[:-3]
        script = self.live.data_script(parts[2], key)
        if script is None:
            return self._send(start_response, "404 Not Found", "text/plain", b"not found")
        return self._send(start_response, "200 OK", "text/javascript; charset=utf-8",
                          script.encode("utf-8"))

    # ------------------------------------------------------------------ pages

    def main_page(self, query) -> str:  # noqa: ANN001
        f = filters_from(query)
        qs = urlencode([(k, v) for k, vs in query.items() for v in vs
                        if k in ("since", "until", "type", "actor")])
        return self.env.get_template("dashboard/main.html.j2").render(
            title=self.live.title, version=__version__, counts=self.live.counts(),
            latest=self.live.latest(), overview=self.live.overview, filters=f.to_dict(),
            story_href="/story" + (f"?{qs}" if qs else ""),
            now=datetime.now(UTC).strftime("%H:%M:%S UTC"))

    def search_page(self, query) -> str:  # noqa: ANN001
        q = (query.get("q") or [""])[0][:200]
        hits = self.live.searcher.search(q) if q.strip() else []
        titles = {}
        if hits:
            t = schema.articles
            with self.live.store.engine.connect() as conn:
                for r in conn.execute(select(t.c.id, t.c.title, t.c.outlet).where(
                        t.c.id.in_({h.article_id for h in hits}))):
                    titles[r.id] = (r.title or "(untitled)", r.outlet or "")
        rows = []
        for h in hits:
            parts = escape(h.snippet).replace("\x02", "<mark>").replace("\x03", "</mark>")
            href = f"/article/{quote(h.article_id)}" + (
                f"#r-{h.start}-{h.end}" if h.start is not None else "")
            rows.append({"kind": h.kind, "href": href, "snippet": parts,
                         "title": titles.get(h.article_id, ("?", ""))[0],
                         "outlet": titles.get(h.article_id, ("?", ""))[1]})
        return self.env.get_template("dashboard/search.html.j2").render(
            title=self.live.title, q=q, hits=rows,
            backend="PostgreSQL full-text search" if self.live.searcher.postgres
            else "SQLite FTS5")

    def article_page(self, article_id: str) -> str | None:
        from storyline.output.report import _event_rec, _figure_rec, _statement_rec

        article = self.live.store.get_article(article_id) if article_id else None
        if article is None:
            return None
        ex = self.live.store.load_extraction(article.id)
        recs = ([_event_rec(e, {}) for e in ex.events] + [_figure_rec(x) for x in ex.figures]
                + [_statement_rec(s) for s in ex.statements])
        recs = [r for r in recs if r["e"] > r["s"]]
        recs.sort(key=lambda r: (r["s"], -r["e"]))
        return self.env.get_template("dashboard/article.html.j2").render(
            title=self.live.title, article=article, segments=_segments(article.text, recs),
            recs=recs)


def _segments(text: str, recs: list[dict]) -> list[dict]:
    """The text cut into plain and marked pieces; overlapping records mark the first one."""
    out, pos = [], 0
    for r in recs:
        if r["s"] < pos:
            continue
        if r["s"] > pos:
            out.append({"text": text[pos:r["s"]]})
        out.append({"text": text[r["s"]:r["e"]], "rec": r, "id": f"r-{r['s']}-{r['e']}"})
        pos = r["e"]
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


def make_server(store, host: str = "127.0.0.1", port: int = 8000, title: str = "Story",
                poll: float = POLL_SECONDS):  # noqa: ANN001 -> (server, LiveStory)
    """A threaded WSGI server for the dashboard (one request does not wait on another), and
    the LiveStory behind it (started)."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
    from wsgiref.simple_server import make_server as wsgi_server

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    live = LiveStory(store, title, poll).start()
    return wsgi_server(host, port, Dashboard(live), server_class=Server,
                       handler_class=QuietHandler), live


def serve(store, host: str = "127.0.0.1", port: int = 8000, title: str = "Story",
          ready=None) -> None:  # noqa: ANN001
    """Serve the dashboard until interrupted."""
    httpd, live = make_server(store, host, port, title)
    if ready is not None:
        ready(httpd.server_address)
    try:
        httpd.serve_forever(poll_interval=0.5)
    finally:
        live.close()
        httpd.server_close()


def wait_for(predicate, timeout: float = 30.0, every: float = 0.2) -> bool:
    """Poll `predicate` until it is true or `timeout` passes (tests and benchmarks)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(every)
    return False
