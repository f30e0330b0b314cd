"""The pages of a news-database export that are not articles: cover sheets and result lists.

Nexis Uni puts a cover sheet before an export ("Date and Time: …", "Job Number: …", "Documents
(25)", "Client/Matter: …", "Search Terms: …") and offers the result list as a page of its own;
Factiva ends an export with a search summary ("Search Summary", "Text: …", "Date: In the last
…", "Source: All sources", "Results Found: 25", "Timestamp: …"). Read as articles, they get an
estimated date and put their headlines into the story as events. `export_page` recognises them
by their labelled lines, so the pipeline skips them (and counts them as skipped).
"""

from __future__ import annotations

import re

_NEXIS_LABELS = re.compile(
    r"^[ \t]*(Date and Time|Job Number|Documents \(\d+\)|Client/Matter|Search Terms|"
    r"Search Type|Narrowed by|Content Type|Print Requested|Print Request ID|Downloaded by|"
    r"Download Requested|Results? List)\b",
    re.IGNORECASE | re.MULTILINE,
)
_FACTIVA_LABELS = re.compile(
    r"^[ \t]*(Search Summary|Results Found|Timestamp|Text|Date|Source|Author|Company|Subject|"
    r"Industry|Region|Language)\s*(?::|\t| {2,})",
    re.IGNORECASE | re.MULTILINE,
)
_NEXIS_BODY = re.compile(r"^[ \t]*Body[ \t]*$", re.MULTILINE)
_NUMBERED = re.compile(r"^[ \t]*\d{1,4}\.[ \t]+\S", re.MULTILINE)
SAMPLE = 20_000  # a cover sheet is short; its labels come first


def export_page(text: str) -> str | None:
    """"Nexis cover page", "Nexis result list" or "Factiva search summary" when the text is
    one of those (and holds no article body); else None."""
    head = text[:SAMPLE]
    nexis = {m.group(1).lower().split(" (")[0] for m in _NEXIS_LABELS.finditer(head)}
    if len(nexis) >= 2 and not _NEXIS_BODY.search(text):
        if len(_NUMBERED.findall(head)) >= 2:
            return "Nexis result list"
        return "Nexis cover page"
    factiva = {m.group(1).lower() for m in _FACTIVA_LABELS.finditer(head)}
    if ("search summary" in factiva or "results found" in factiva) and len(factiva) >= 4:
        return "Factiva search summary"
    return None
