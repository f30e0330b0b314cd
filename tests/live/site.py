"""A small news site on 127.0.0.1 for the fetch, feed and watch tests (pages written by us)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLES = {
    "talks": (
        "Mediators meet again in Cairo",
        "2024-02-13T09:00:00+00:00",
        "Negotiators from Qatar and Egypt met delegations in Cairo on Tuesday to discuss a "
        "pause in the fighting, officials said. The talks focused on the release of captives "
        "and on how many aid lorries could cross each day. Both delegations left without a "
        "statement, and a further meeting was expected in Doha within a week.",
    ),
    "aid": (
        "Aid convoy crosses at Rafah",
        "2024-02-14T11:30:00+00:00",
        "A convoy of forty aid lorries crossed into the south of the territory at Rafah on "
        "Wednesday, the United Nations said. Officials in Khan Younis reported that the "
        "supplies were taken to shelters, where families had waited for days for flour, "
        "water and medicine.",
    ),
    "rescue": (
        "Two captives freed in night raid",
        "2024-02-15T06:10:00+00:00",
        "Special forces freed two captives in a night raid, the army said on Thursday. The "
        "two men were taken to hospital and were reported to be in good condition, while "
        "relatives gathered outside to wait for news of the others still held.",
    ),
}


def article_html(slug: str, canonical: bool = True) -> str:
    title, published, body = ARTICLES[slug]
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    link = f'<link rel="canonical" href="https://news.example/{slug}">' if canonical else ""
    return (
        f"<!doctype html><html><head><title>{title}</title>{link}"
        f'<meta property="article:published_time" content="{published}">'
        f'<meta property="og:site_name" content="Example News"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}"
        f"</article><footer>Example News</footer></body></html>"
    )


def rss(base: str, slugs: list[str]) -> str:
    items = "".join(
        f"<item><title>{ARTICLES[s][0]}</title><link>{base}/{s}.html</link>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(ARTICLES[s][1]).astimezone(UTC))}"
        f"</pubDate></item>"
        for s in slugs
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Example News</title><link>{base}/</link>{items}</channel></rss>")


class Site:
    """Serves the routes in `self.routes` (path -> callable returning status, headers, body)."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[], tuple[int, dict, bytes]]] = {}
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                route = site.routes.get(self.path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                else:
                    status, headers, body = route()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in headers and not callable(body):
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    if callable(body):
                        body(self.wfile)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def page(self, path: str, html: str, ctype: str = "text/html; charset=utf-8") -> None:
        self.routes[path] = lambda: (200, {"Content-Type": ctype}, html.encode("utf-8"))

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.routes[path] = lambda: (status, {"Location": location}, b"")


def standard_site() -> Site:
    """The site most tests use: three articles, a feed, and one route per failure kind."""
    site = Site()
    for slug in ARTICLES:
        site.page(f"/{slug}.html", article_html(slug))
    site.page("/bare.html", article_html("talks", canonical=False).replace(
        "Mediators meet again", "Mediators meet once more"))
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.page("/private/secret.html", article_html("rescue"))
    site.redirect("/moved", "/talks.html")
    site.redirect("/elsewhere", "http://other.example/talks.html")
    site.page("/data.json", '{"not": "a page"}', "application/json")
    site.page("/feed.xml", rss(site.base, ["talks", "aid"]), "application/rss+xml")
    site.page("/broken.xml", "<?xml version='1.0'?><rss><channel><item><title>oops",
              "application/rss+xml")
    big = b"<html><body>" + b"<p>filler text for a page far too large</p>" * 200_000

    def giant_body(out) -> None:
        out.write(big)

    site.routes["/giant.html"] = lambda: (200, {"Content-Type": "text/html"}, giant_body)

    def slow_body(out) -> None:
        out.write(b"<html><body><p>starting")
        out.flush()
        time.sleep(3)
        out.write(b"</p></body></html>")

    site.routes["/slow.html"] = lambda: (200, {"Content-Type": "text/html"}, slow_body)
    return site
