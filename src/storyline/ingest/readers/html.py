"""HTML pages: the main text and metadata by trafilatura, favouring precision; no network.

The publication time comes from the page's own markup (article:published_time, JSON-LD
datePublished, <time datetime>, …) so that a stated time survives; trafilatura's date is the
fallback, with its guessing from free text turned off.
"""

from __future__ import annotations

import json
import re

from storyline.ingest.metadata import parse_stated_date, split_byline
from storyline.ingest.readers.base import (
    RawDocument,
    ReadError,
    ReadOptions,
    fill_outlet_from_url,
    tidy,
)

# <meta> names and properties that state the publication time, most specific first.
_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished",
    "article.published", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
    "publish-date", "dc.date.issued", "dcterms.created", "dc.date", "date", "originalpublicationdate",
)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_JSON_LD = re.compile(
    r"<script[^>]+type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>",
    re.IGNORECASE | re.DOTALL,
)
_TIME = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)[\"'][^>]*>", re.IGNORECASE)
_PUBDATE_TIME = re.compile(r"<time\b[^>]*\b(?:pubdate|itemprop\s*=\s*[\"']datePublished)",
                           re.IGNORECASE)
_HEAD_CHARS = 200_000  # metadata lives in the head and the top of the body
MIN_ARTICLE_WORDS = 8
_URL_DATE = re.compile(r"(\d{4})[/-](\d{2})[/-](\d{2})(?!\d)")


def looks_like_html(text: str) -> bool:
    head = text[:5000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:20000].lower():
        return True
    tags = re.findall(r"</?(?:html|head|body|div|p|article|section|span|a|h[1-6]|meta|title|br)"
                      r"\b[^>]*>", text[:20000], re.IGNORECASE)
    return len(tags) >= 3


def _meta_tags(html: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in _META.findall(html):
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                 for m in _ATTR.finditer(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and attrs.get("content") and key not in found:
            found[key] = attrs["content"].strip()
    return found


def _json_ld_dates(html: str) -> list[str]:
    dates: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            value = node.get("datePublished") or node.get("dateCreated")
            if isinstance(value, str):
                dates.append(value)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for block in _JSON_LD.findall(html):
        try:
            walk(json.loads(block))
        except json.JSONDecodeError:
            continue
    return dates


def stated_published(html: str) -> str | None:
    """The publication date or time the page's markup states, or None."""
    head = html[:_HEAD_CHARS]
    meta = _meta_tags(head)
    candidates = [meta[k] for k in _META_DATE_KEYS if k in meta]
    candidates += _json_ld_dates(head)
    for match in _TIME.finditer(head):
        if _PUBDATE_TIME.search(match.group(0)):
            candidates.insert(len(candidates), match.group(1))
    for value in candidates:
        stated = parse_stated_date(value)
        if stated:
            return stated
    return None


def blocks_as_paragraphs(text: str) -> str:
    """One paragraph per block: trafilatura puts each block (<p>, <h2>, <li>) on a line of its
    own, and a heading without a full stop ("Drones hit the port") would otherwise run on into
    the sentence under it."""
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def read_html(name: str, text: str, options: ReadOptions) -> list[RawDocument]:
    """The article of one HTML page."""
    import trafilatura  # heavy import; only HTML needs it

    try:
        result = trafilatura.bare_extraction(
            text,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise many types on bad markup
        raise ReadError(f"unreadable HTML ({type(exc).__name__})") from None
    if result is not None and not isinstance(result, dict):  # trafilatura 2 returns a Document
        result = result.as_dict()
    result = result or {}
    body = blocks_as_paragraphs(tidy(result.get("text") or ""))
    if len(body.split()) < MIN_ARTICLE_WORDS:  # what is left of a page of menus and links
        raise ReadError("no article text found in the HTML page")
    doc = RawDocument(text=body, format="html")
    doc.title = ((result.get("title") or "").strip()) or None
    first, _, rest = doc.text.partition("\n")
    if doc.title and rest.strip() and " ".join(first.split()) == " ".join(doc.title.split()):
        doc.text = rest.strip("\n")  # the page's <h1> repeats the title
    doc.byline = split_byline((result.get("author") or "").replace(";", ","), options.outlets)
    url = (result.get("url") or "").strip()
    doc.url = url if url.startswith(("http://", "https://")) else None
    doc.published = stated_published(text)
    if doc.published is None:
        # trafilatura (htmldate) also reads dates out of URLs: a hint, not a statement
        fallback = parse_stated_date(result.get("date") or "")
        in_url = {"-".join(m.groups()) for m in _URL_DATE.finditer(doc.url or "")}
        if fallback and fallback[:10] in in_url:
            doc.extra["date_in_url"] = fallback[:10]
        else:
            doc.published = fallback
    doc.outlet = ((result.get("sitename") or "").strip()) or None
    for key in ("description", "categories", "tags", "language"):
        value = result.get(key)
        if value:
            doc.extra[key] = value
    return [fill_outlet_from_url(doc, options.outlets)]
