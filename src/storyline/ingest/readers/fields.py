"""Our fields in other people's records: which key holds the text, the title, the date…

Used by JSON, JSONL, CSV and Markdown front matter. Keys match whatever their case or separators
("Full Text", "full_text", "fullText"); `ReadOptions.field_map` names the user's own key for any of
our fields and wins over the usual names. A mapped key may be a dotted path into nested objects
("headline.main"). Values may be nested the way news APIs nest them ({"name": "the Wire"},
[{"name": "A"}, {"name": "B"}], a list of paragraphs).
"""

from __future__ import annotations

import re
from typing import Any

from storyline.ingest.metadata import (
    date_from_timestamp,
    outlet_from_url,
    parse_stated_date,
    split_byline,
)
from storyline.ingest.readers.base import RawDocument, ReadOptions

# Our field -> the usual names for it, in order of preference (normalised: lower-case, no
# separators). "description"/"summary" are deliberately absent from text: they are not the story.
USUAL_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "fulltext", "articlebody", "articletext",
             "bodytext", "maintext", "story", "storytext", "contents", "textbody"),
    "title": ("title", "headline", "heading", "head", "articletitle", "headlinemain"),
    "url": ("url", "link", "canonicalurl", "weburl", "articleurl", "permalink", "href", "uri"),
    "published": ("published", "publishdate", "publisheddate", "pubdate", "date", "datetime",
                  "publishedat", "datepublished", "publicationdate", "publishedtime",
                  "publishedon", "pubdatetime", "firstpublished", "timestamp", "time"),
    "outlet": ("outlet", "source", "site", "publisher", "sourcename", "sitename", "publication",
               "newspaper", "media", "domain"),
    "byline": ("byline", "author", "authors", "creator", "creators", "writer", "writers", "by"),
}
# Names a user may give our fields in --field (text=..., date=..., source=..., author=...).
FIELD_ALIASES = {"date": "published", "source": "outlet", "author": "byline",
                 "authors": "byline", "body": "text", "headline": "title", "link": "url"}
_NESTED_VALUE_KEYS = ("name", "main", "original", "value", "text", "displayname", "title",
                      "fullname", "url", "href")
MAX_EXTRA_CHARS = 2000


def normalise_key(key: str) -> str:
    return re.sub(r"[^0-9a-z]", "", str(key).lower())


def our_field(name: str) -> str:
    """Our field for a --field name: "date" → "published"."""
    key = normalise_key(name)
    return FIELD_ALIASES.get(key, key)


def _lookup(record: dict, path: str) -> tuple[bool, Any, str | None]:
    """(found, value, key used) for a user's key or dotted path, matched leniently."""
    if path in record:
        return True, record[path], path
    wanted = normalise_key(path)
    for key, value in record.items():
        if normalise_key(key) == wanted:
            return True, value, key
    if "." in path:
        head, _, rest = path.partition(".")
        found, value, key = _lookup(record, head)
        if found and isinstance(value, dict):
            inner = _lookup(value, rest)
            return inner[0], inner[1], key
    return False, None, None


def find_field(record: dict, ours: str, options: ReadOptions) -> tuple[bool, Any, str | None]:
    """Where `record` keeps our field `ours`: (found, value, key)."""
    for theirs_for, theirs in options.field_map.items():
        if our_field(theirs_for) == ours:
            return _lookup(record, theirs)
    by_name = {normalise_key(k): k for k in record}
    for usual in USUAL_NAMES[ours]:
        key = by_name.get(usual)
        if key is not None:
            return True, record[key], key
    return False, None, None


def text_keys(keys: list[str], options: ReadOptions) -> str | None:
    """The column that holds the text among `keys` (CSV header), or None."""
    found, _, key = find_field({k: None for k in keys}, "text", options)
    return key if found else None


def _flatten(value: Any) -> Any:
    """{"name": "the Wire"} → "the Wire"; NYT-style {"main": …}, {"original": …} likewise."""
    if isinstance(value, dict):
        by_name = {normalise_key(k): v for k, v in value.items()}
        for key in _NESTED_VALUE_KEYS:
            if by_name.get(key) not in (None, "", []):
                return _flatten(by_name[key])
        return None
    return value


def as_text(value: Any, joiner: str = "\n\n") -> str:
    """A field's value as text: lists of paragraphs joined, nested names taken."""
    value = _flatten(value)
    if value is None:
        return ""
    if isinstance(value, list):
        parts = [as_text(v, joiner) for v in value]
        return joiner.join(p for p in parts if p.strip())
    return str(value)


def as_names(value: Any) -> list[str]:
    """Authors from a string byline, a list of names, or a list of {"name": …} objects."""
    if isinstance(value, list):
        names: list[str] = []
        for item in value:
            for name in split_byline(as_text(item, ", ")):
                if name not in names:
                    names.append(name)
        return names
    return split_byline(as_text(value, ", "))


def as_date(value: Any) -> str | None:
    """A stated date: ISO or written out, or a Unix timestamp in seconds or milliseconds."""
    value = _flatten(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return date_from_timestamp(float(value)) if value > 1e8 else None
    text = str(value).strip()
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", text):
        return date_from_timestamp(float(text))
    return parse_stated_date(text)


def apply_fields(
    doc: RawDocument, record: dict, options: ReadOptions, need_text: bool = True
) -> str | None:
    """Fill `doc` from one record; returns a one-line problem when the record has no text field.

    Keys we do not use are kept in `doc.extra` (short scalar values: ids, sections, tags).
    """
    used: set[str] = set()
    if need_text:
        found, value, key = find_field(record, "text", options)
        if not found:
            fields = ", ".join(str(k) for k in list(record)[:12]) or "none"
            wanted = options.field_map.get("text")
            hint = f"no field {wanted!r}" if wanted else "no text field"
            return f"{hint} (fields: {fields}; use --field text=FIELD)"
        doc.text = as_text(value)
        used.add(str(key))
    for ours in ("title", "url", "published", "outlet", "byline"):
        found, value, key = find_field(record, ours, options)
        if not found or value in (None, "", []):
            continue
        used.add(str(key))
        if ours == "title":
            doc.title = " ".join(as_text(value, " ").split()) or None
        elif ours == "url":
            url = as_text(value, " ").strip()
            doc.url = url if re.match(r"(?:https?:)?//|www\.", url) else doc.url
            if doc.url is None:
                doc.extra[str(key)] = url
        elif ours == "published":
            stated = as_date(value)
            if stated:
                doc.published = stated
            else:
                doc.extra["published_unparsed"] = as_text(value, " ")[:200]
        elif ours == "outlet":
            outlet = as_text(value, ", ").strip()
            if normalise_key(str(key)) == "domain":
                outlet = outlet_from_url(outlet, options.outlets) or outlet
            doc.outlet = outlet or None
        elif ours == "byline":
            doc.byline = as_names(value)
    for key, value in record.items():
        if str(key) in used:
            continue
        if isinstance(value, str | int | float | bool) and len(str(value)) <= MAX_EXTRA_CHARS:
            doc.extra[str(key)] = value
        elif isinstance(value, list) and len(value) <= 50 and all(
            isinstance(v, str | int | float | bool) for v in value
        ):
            doc.extra[str(key)] = value
    return None
