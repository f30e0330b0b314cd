"""Fetch web pages and feeds politely: a timeout, a size limit, robots.txt, our User-Agent.

The connection pool is trafilatura's (`trafilatura.downloads.create_pool`, which refuses
non-public addresses unless `allow_private` is set); the request loop is ours because
trafilatura's `fetch_response` returns None for every failure, and a user needs to know which
one it was (timeout, refused by robots.txt, redirected to another host, not HTML, too large).
Redirects are followed by hand so that one to another host is refused before it is requested.

A URL argument of `storyline ingest` becomes a `RemoteInput` (see `sources.expand`): it reads
like a file, so the ingest pipeline handles pages exactly as it handles saved HTML.
"""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass, field
from urllib import robotparser
from urllib.parse import urljoin, urlsplit, urlunsplit

from storyline import __version__

MB = 1024 * 1024
USER_AGENT = (
    f"storyline/{__version__} (news research tool; fetches single pages, respects robots.txt)"
)
ROBOTS_AGENT = "storyline"  # the product token robots.txt rules name
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+json", "application/json",
)


class FetchError(Exception):
    """A URL that could not be fetched; the message is one line for the user."""


@dataclass(frozen=True)
class FetchSettings:
    """How storyline fetches (passed down from the command line)."""

    timeout: float = 20.0  # seconds for the whole response, not per read
    max_bytes: int = 5 * MB  # a page beyond this is not an article
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    allow_private: bool = False  # loopback and private addresses (intranet use, tests)
    max_redirects: int = 5
    max_crawl_delay: float = 30.0  # honour robots.txt Crawl-delay up to this


@dataclass
class Fetched:
    """One successful response."""

    url: str  # as requested
    final_url: str  # after same-host redirects
    content_type: str
    data: bytes
    headers: dict[str, str] = field(default_factory=dict)


def normalise_url(url: str) -> str:
    """The URL without its fragment, with a lower-case scheme and host."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       parts.query, ""))


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


class Fetcher:
    """Fetches URLs with one pool, one robots.txt cache and per-host pacing (thread-safe)."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._pool = None  # made on the first fetch: importing trafilatura takes a while
        self._robots: dict[str, robotparser.RobotFileParser | None] = {}
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ public

    def fetch(self, url: str, accept: tuple[str, ...] = PAGE_TYPES, what: str = "page") -> Fetched:
        """GET one URL; raises FetchError with a one-line reason."""
        if not is_url(url):
            raise FetchError("not an http(s) URL")
        url = normalise_url(url)
        if self.settings.respect_robots and not self._allowed(url):
            raise FetchError("refused by the site's robots.txt")
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            self._pace(current)
            status, headers, data = self._get(current)
            if status in (301, 302, 303, 307, 308):
                location = headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                target = normalise_url(urljoin(current, location))
                if _host(target) != _host(url):
                    raise FetchError(f"redirected to another host ({urlsplit(target).netloc}); "
                                     "not followed")
                if self.settings.respect_robots and not self._allowed(target):
                    raise FetchError("redirect target refused by the site's robots.txt")
                current = target
                continue
            if status != 200:
                raise FetchError(f"HTTP {status}")
            ctype = headers.get("content-type", "").split(";")[0].strip().lower()
            if accept and ctype and ctype not in accept and not _sniffs_as(data, accept):
                raise FetchError(f"not a {what}: the server sent {ctype}")
            return Fetched(url=url, final_url=current, content_type=ctype, data=data,
                           headers=headers)
        raise FetchError(f"more than {self.settings.max_redirects} redirects")

    # ------------------------------------------------------------------ internals

    def _get(self, url: str) -> tuple[int, dict[str, str], bytes]:
        import urllib3

        s = self.settings
        if self._pool is None:
            import certifi
            from trafilatura.downloads import create_pool

            self._pool = create_pool(ssrf_protection=not s.allow_private,
                                     ca_certs=certifi.where(), cert_reqs="CERT_REQUIRED")
        deadline = time.monotonic() + s.timeout
        try:
            response = self._pool.request(
                "GET", url,
                headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate",
                         "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
                                   "*/*;q=0.5"},
                redirect=False,
                retries=urllib3.util.Retry(total=0, connect=0, read=0, redirect=0),
                timeout=urllib3.Timeout(connect=min(10.0, s.timeout), read=s.timeout),
                preload_content=False,
            )
        except urllib3.exceptions.MaxRetryError as exc:
            raise FetchError(_network_reason(exc.reason)) from None
        except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise FetchError(_network_reason(exc)) from None
        try:
            headers = {k.lower(): v for k, v in response.headers.items()}
            if response.status != 200:
                return response.status, headers, b""
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > s.max_bytes:
                raise FetchError(f"response is {int(declared) / MB:.1f} MB, over the "
                                 f"{s.max_bytes / MB:g} MB limit")
            chunks, size = [], 0
            for chunk in response.stream(64 * 1024):  # decompressed: the cap is on real bytes
                size += len(chunk)
                if size > s.max_bytes:
                    raise FetchError(f"response is over the {s.max_bytes / MB:g} MB limit")
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {s.timeout:g} s")
                chunks.append(chunk)
            return response.status, headers, b"".join(chunks)
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(_network_reason(exc)) from None
        finally:
            response.release_conn()

    def _pace(self, url: str) -> None:
        """Wait out the host's robots.txt Crawl-delay since our last request to it."""
        host = urlsplit(url).netloc
        delay = 0.0
        robots = self._robots.get(_robots_key(url))
        if robots is not None:
            found = robots.crawl_delay(ROBOTS_AGENT)
            delay = min(float(found), self.settings.max_crawl_delay) if found else 0.0
        with self._lock:
            wait = self._last_request.get(host, 0.0) + delay - time.monotonic()
            self._last_request[host] = time.monotonic() + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)

    def _allowed(self, url: str) -> bool:
        key = _robots_key(url)
        with self._lock:
            cached = self._robots.get(key, _MISSING)
        if cached is _MISSING:
            cached = self._load_robots(key)  # raises FetchError when unreachable (not cached)
            with self._lock:
                self._robots[key] = cached
        return cached is None or cached.can_fetch(ROBOTS_AGENT, url)

    def _load_robots(self, base: str) -> robotparser.RobotFileParser | None:
        """The site's robots.txt, None when every URL may be fetched (RFC 9309: a 4xx means
        no rules; a server error means nothing may be fetched)."""
        try:
            status, _headers, data = self._get(base + "/robots.txt")
        except FetchError as exc:
            raise FetchError(f"{exc} (while reading robots.txt)") from None
        if 400 <= status < 500:
            return None
        parser = robotparser.RobotFileParser()
        if status != 200:
            parser.disallow_all = True
            return parser
        parser.parse(data.decode("utf-8", "replace").splitlines())
        return parser


_MISSING = object()


def _robots_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _sniffs_as(data: bytes, accept: tuple[str, ...]) -> bool:
    """Servers mislabel: accept a body that plainly is what we asked for."""
    head = data[:2048].lstrip().lower()
    if any(t in PAGE_TYPES for t in accept) and (head.startswith((b"<!doctype html", b"<html"))):
        return True
    if any(t in FEED_TYPES for t in accept):
        return head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head
    return False


def _network_reason(exc: BaseException | None) -> str:
    import urllib3

    # NewConnectionError subclasses urllib3's TimeoutError: test it first
    if isinstance(exc, urllib3.exceptions.NewConnectionError):
        text = str(exc)
        if "SSRF" in text or "non-public" in text:
            return "address is not public (use --allow-private for intranet hosts)"
        if "Name or service not known" in text or "getaddrinfo" in text:
            return "host not found"
        if "timed out" not in text:
            return "connection refused or unreachable"
    if isinstance(exc, urllib3.exceptions.TimeoutError | TimeoutError):
        return "timed out"
    if isinstance(exc, urllib3.exceptions.SSLError):
        return "TLS error (certificate not valid)"
    if isinstance(exc, urllib3.exceptions.ProtocolError):
        return "connection broken"
    text = str(exc) if exc else "network error"
    return f"network error ({text[:120]})"


@dataclass(frozen=True)
class RemoteInput:
    """A URL named on the command line: reads like an input file (see `sources.InputFile`)."""

    name: str  # the URL as given
    fetcher: Fetcher
    path: None = None

    def size(self) -> int | None:
        return None  # unknown before the fetch; the fetcher enforces its own limit

    def read_bytes(self) -> bytes:
        from storyline.ingest.pipeline import InputProblem

        try:
            return self.fetcher.fetch(self.name).data
        except FetchError as exc:
            raise InputProblem(str(exc)) from None

    def open(self) -> io.BytesIO:
        """The page's bytes (fetched now, within the fetcher's size limit) as a file."""
        return io.BytesIO(self.read_bytes())


_default: Fetcher | None = None


def default_fetcher() -> Fetcher:
    """A process-wide fetcher with the default settings (for URLs given to `sources.expand`
    without one)."""
    global _default
    if _default is None:
        _default = Fetcher()
    return _default
