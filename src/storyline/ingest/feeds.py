"""RSS and Atom feeds (feedparser): the entries a store does not hold yet, as inputs to fetch.

A feed is fetched with the same `Fetcher` as a page (robots.txt, size limit, timeout); each
entry's link becomes a `RemoteInput` unless an article from that URL is stored already, so
polling a feed every few minutes fetches only what is new.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storyline.ingest.fetch import FEED_TYPES, Fetcher, FetchError, RemoteInput, normalise_url


class FeedError(Exception):
    """A feed that cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str | None = None
    published: str | None = None  # ISO date-time when the feed states one


def looks_like_feed(data: bytes) -> bool:
    """Whether a response body is an RSS/Atom/RDF document rather than a page."""
    head = data[:4096].lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head.split(b"?>", 1)[-1].lstrip()
        while head.startswith(b"<!--") or head.startswith(b"<?"):
            head = head.split(b">", 1)[-1].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))


def parse_feed(data: bytes, url: str) -> list[FeedEntry]:
    """The entries of a feed document, in feed order; raises FeedError when it is not one."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed")
    entries = []
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        if not link.lower().startswith(("http://", "https://")):
            continue  # an entry with no web page is nothing we can fetch
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published = (
            f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}T"
            f"{stamp.tm_hour:02d}:{stamp.tm_min:02d}:{stamp.tm_sec:02d}+00:00"
            if stamp else None
        )
        entries.append(FeedEntry(link=link, title=item.get("title"), published=published))
    if parsed.bozo and not entries:
        # feedparser reads what it can of a broken feed; with no usable entry, say why
        reason = parsed.get("bozo_exception")
        detail = str(reason).splitlines()[0][:120] if reason else "unreadable"
        raise FeedError(f"malformed feed ({detail})")
    return entries


def read_feed(url: str, fetcher: Fetcher) -> list[FeedEntry]:
    """Fetch and parse one feed; raises FeedError (network problems included)."""
    try:
        fetched = fetcher.fetch(url, accept=FEED_TYPES, what="feed")
    except FetchError as exc:
        raise FeedError(str(exc)) from None
    return parse_feed(fetched.data, fetched.final_url)


def stored_urls(store) -> set[str]:  # store: storyline.store.Store
    """Normalised URL and source of every stored article (what a feed need not fetch again)."""
    from sqlalchemy import select

    from storyline.store import schema

    t = schema.articles
    urls: set[str] = set()
    with store.engine.connect() as conn:
        for row in conn.execute(select(t.c.url, t.c.source)):
            for value in (row.url, row.source):
                if value and value.lower().startswith(("http://", "https://")):
                    urls.add(normalise_url(value))
    return urls


def new_entries(entries: Iterable[FeedEntry], stored: set[str]) -> list[FeedEntry]:
    """Entries whose link is not stored, each link once."""
    out, seen = [], set(stored)
    for entry in entries:
        key = normalise_url(entry.link)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def feed_inputs(
    feeds: Iterable[str], store, fetcher: Fetcher, on_problem=None
) -> tuple[list[RemoteInput], int]:
    """The not-yet-stored entries of every feed as inputs, and how many entries the feeds had.
    A feed that cannot be read gets one `on_problem` line ("url: problem") and is skipped."""
    stored = stored_urls(store)
    inputs: list[RemoteInput] = []
    total = 0
    for url in feeds:
        try:
            entries = read_feed(url, fetcher)
        except FeedError as exc:
            if on_problem:
                on_problem(f"{url}: {exc}")
            continue
        total += len(entries)
        for entry in new_entries(entries, stored):
            stored.add(normalise_url(entry.link))
            inputs.append(RemoteInput(entry.link, fetcher))
    return inputs, total
