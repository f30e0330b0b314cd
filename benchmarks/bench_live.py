"""Live path: pages and a feed from a local server, `watch` into a store that `serve` shows.

    python benchmarks/bench_live.py [--articles 200] [--dashboard-db sqlite:///bbc.db]

1. Fetch and ingest: the first N BBC articles (../shared/data/news, file order) are rendered
   as HTML pages (title, publication time, paragraphs) on a server on 127.0.0.1 that this
   script starts, with an RSS feed of them; `storyline ingest --feed URL --no-extract` (the
   product command, a subprocess) fetches and stores every entry. Reported: pages/s
   (fetch + read + store), and the same with extraction and the story build.
2. Feed to dashboard: `storyline serve` on that store and `storyline watch FEED --every 2s`
   run as subprocesses; one more article is added to the feed, and the time is taken from that
   moment until `/api/latest` on the dashboard lists the article with its records. The
   article's own ingest time is the watch round that stored it (its started/finished stamps);
   the target is latency < that round + 5 s.
3. Dashboard main page: with `--dashboard-db` (a store of the 1,574 BBC articles made by
   `storyline ingest`), `storyline serve` on it, the story view built, then GET / 20 times:
   median and slowest (bar: < 300 ms).

The pages are made from the publisher's text at run time and served only on 127.0.0.1;
nothing of them is written to the repository. No rule was tuned on this.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news"
CLI = [sys.executable, "-m", "storyline"]


def _articles(n: int) -> list[dict]:
    out = []
    for path in sorted(NEWS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if len(rec.get("text") or "") > 200:
                    out.append(rec)
            if len(out) >= n:
                return out
    return out


def _page(rec: dict, base: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>"
                         for p in rec["text"].split("  ") if p.strip())
    return (f"<!doctype html><html><head><title>{html.escape(rec['title'])}</title>"
            f'<link rel="canonical" href="{base}/a/{rec["id"]}.html">'
            f'<meta property="article:published_time" content="{rec["published"]}">'
            f'<meta property="og:site_name" content="{html.escape(rec["outlet"])}"></head>'
            f"<body><article><h1>{html.escape(rec['title'])}</h1>{paragraphs}</article>"
            f"</body></html>").encode()


class Site:
    def __init__(self, articles: list[dict]) -> None:
        self.articles = {a["id"]: a for a in articles}
        self.in_feed: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/robots.txt":
                    body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
                elif self.path == "/feed.xml":
                    body, ctype = site.feed(), "application/rss+xml"
                elif self.path.startswith("/a/") and self.path[3:-5] in site.articles:
                    body, ctype = _page(site.articles[self.path[3:-5]], site.base), "text/html"
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def feed(self) -> bytes:
        items = []
        for aid in self.in_feed:
            a = self.articles[aid]
            stamp = format_datetime(datetime.fromisoformat(a["published"]).replace(tzinfo=UTC))
            items.append(f"<item><title>{html.escape(a['title'])}</title>"
                         f"<link>{self.base}/a/{aid}.html</link><pubDate>{stamp}</pubDate></item>")
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>'
                f"<link>{self.base}/</link>{''.join(items)}</channel></rss>").encode()


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def _start_serve(db: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(CLI + ["serve", "--db", db, "--port", "0"], stdout=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline()
    address = line.split("http://", 1)[1].split("/", 1)[0]
    return proc, f"http://{address}"


def _wait(pred, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if pred():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def fetch_and_latency(n: int) -> None:
    articles = _articles(n + 1)
    site = Site(articles)
    site.in_feed = [a["id"] for a in articles[:n]]
    work = Path(tempfile.mkdtemp())
    db = f"sqlite:///{work / 'live.db'}"
    t0 = time.perf_counter()
    out = subprocess.run(CLI + ["ingest", "--feed", site.base + "/feed.xml", "--db", db,
                                "--allow-private", "--no-extract", "--json"],
                         capture_output=True, text=True, check=False)
    fetch_s = time.perf_counter() - t0
    summary = json.loads(out.stdout)
    print(f"fetch + store, {summary['stored']} pages from the feed: {fetch_s:.1f} s = "
          f"{summary['stored'] / fetch_s:.1f} pages/s (failed {summary['failed']})", flush=True)
    t0 = time.perf_counter()
    subprocess.run(CLI + ["extract", "--db", db, "--quiet"], check=True)
    extract_s = time.perf_counter() - t0
    print(f"then extraction and story build: {extract_s:.1f} s; fetched and ingested "
          f"end to end: {summary['stored'] / (fetch_s + extract_s):.2f} pages/s", flush=True)
    serve, base = _start_serve(db)
    watch = subprocess.Popen(CLI + ["watch", site.base + "/feed.xml", "--db", db, "--every",
                                    "2s", "--allow-private", "--json"],
                             stdout=subprocess.PIPE, text=True)
    try:
        first = json.loads(watch.stdout.readline())  # a round with nothing new
        new = articles[n]
        site.in_feed.append(new["id"])
        appeared = time.time()

        def shown() -> bool:
            latest = _get_json(base + "/api/latest?limit=5")["latest"]
            return any(a["title"] == new["title"] and a["extracted"] and a["counts"]
                       for a in latest)

        ok = _wait(shown, 300)
        seen = time.time()
        rounds = [first]
        while not any(r["stored"] for r in rounds):
            rounds.append(json.loads(watch.stdout.readline()))
        storing = next(r for r in rounds if r["stored"])
        ingest = storing["finished"] - storing["started"]
        latency = seen - appeared
        print(f"feed entry to its record in serve: {latency:.1f} s ({'seen' if ok else 'NOT seen'}"
              f"); that article's ingest (its watch round: fetch, store, date, extract, "
              f"story build) {ingest:.1f} s; latency - ingest = {latency - ingest:.1f} s "
              "(target < 5 s)", flush=True)
    finally:
        watch.terminate()
        serve.terminate()
        watch.wait(30)
        serve.wait(30)


def dashboard(db: str) -> None:
    serve, base = _start_serve(db)
    try:
        started = time.perf_counter()
        _wait(lambda: urllib.request.urlopen(base + "/story", timeout=30).status == 200, 900)
        built = time.perf_counter() - started
        times = []
        for _ in range(20):
            t0 = time.perf_counter()
            with urllib.request.urlopen(base + "/", timeout=30) as r:
                r.read()
            times.append((time.perf_counter() - t0) * 1000)
        counts = _get_json(base + "/api/latest?limit=1")["counts"]
        print(f"dashboard main page on {counts['articles']} articles: median "
              f"{statistics.median(times):.0f} ms, slowest {max(times):.0f} ms of 20 "
              f"(bar < 300 ms); story view ready {built:.0f} s after start", flush=True)
    finally:
        serve.terminate()
        serve.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--dashboard-db", default=None)
    parser.add_argument("--skip-fetch", action="store_true")
    args = parser.parse_args()
    if not NEWS.is_dir():
        sys.exit(f"{NEWS} is absent: the BBC corpus is needed")
    if not args.skip_fetch:
        fetch_and_latency(args.articles)
    if args.dashboard_db:
        dashboard(args.dashboard_db)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
