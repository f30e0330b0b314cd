"""Nexis Uni and Factiva plain-text exports: several articles per file.

Nexis Uni (each document ends with "End of Document"):

    Title of the story
    Outlet Name
    December 1, 2023 Friday            (optionally a time, then an edition line)
    Copyright 2023 Publisher
    Section: …; Length: 812 words; Byline: …; Dateline: …; Highlight: …
    Body
    …the text…
    Graphic / Classification / Language: / Subject: … / Load-Date: …
    End of Document

Factiva (each document ends with "Document <accession number>"):

    Title of the story
    By Jane Doe
    1,234 words
    1 December 2023
    14:05
    Outlet Name
    CODE
    English
    Copyright 2023 Publisher
    …the text…
    Document CODE000020231201ejc1000xy

Header and trailer fields that are not ours (section, length, subjects, load date, accession
number…) go into `extra`; only the story is body.
"""

from __future__ import annotations

import re

from storyline.ingest.metadata import parse_stated_date, split_byline
from storyline.ingest.readers.base import (
    RawDocument,
    ReadError,
    ReadOptions,
    ReadResult,
    RecordProblem,
    tidy,
    unwrap,
)
from storyline.ingest.readers.covers import export_page

# ------------------------------------------------------------------------------------ Nexis

_NEXIS_END = re.compile(r"^[ \t]*End of Document[ \t]*$", re.MULTILINE)
_NEXIS_BODY = re.compile(r"^[ \t]*Body[ \t]*$", re.MULTILINE)
_NEXIS_LABEL = re.compile(
    r"^(Section|Length|Byline|Dateline|Highlight|Type|Series|Column|Edition|Correction|"
    r"Correction-Date|Pg\.|Document-Type|Publication-Type|Journal Code|Acc-No|Author|Source|"
    r"Origin|Distribution|Text|Language|Subject|Organization|Company|Industry|Geographic|Person|"
    r"Ticker|Load-Date|Notes|URL|Graphic|Contact)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:Copyright|\(c\)|\u00a9)\s*\d{0,4}|All Rights Reserved", re.I)
_TRAILER_HEADS = {"classification", "graphic", "notes", "correction", "related links"}
_TRAILER_LINE = re.compile(r"^(?:Load-Date|Language|Publication-Type|Subject)\s*:", re.I)
_PAGE_LINE = re.compile(r"^\s*Page \d+ of \d+\s*$", re.MULTILINE)
_WORDS = re.compile(r"^\s*(\d[\d,]*)\s+words\s*$", re.IGNORECASE)


def is_nexis(text: str) -> bool:
    if not _NEXIS_END.search(text):
        return False
    return bool(_NEXIS_BODY.search(text) or re.search(r"^Load-Date:", text, re.M | re.I))


def _short_date(line: str) -> str | None:
    line = line.strip()
    if not line or len(line) > 60 or not re.search(r"\d{4}", line):
        return None
    return parse_stated_date(line)


def _blocks(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line.strip())
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def _nexis_document(chunk: str, index: int) -> RawDocument | RecordProblem | None:
    lines = chunk.split("\n")
    body_at = next((i for i, ln in enumerate(lines) if _NEXIS_BODY.fullmatch(ln)), None)
    header_lines = lines[:body_at] if body_at is not None else lines
    if not any(ln.strip() for ln in lines):
        return None
    doc = RawDocument(text="", format="nexis", index=index)
    # the date line anchors the header: outlet just above it, title above the outlet
    flat = [ln.strip() for ln in header_lines]
    date_at = next((i for i, ln in enumerate(flat)
                    if ln and not _NEXIS_LABEL.match(ln) and not _COPYRIGHT.match(ln)
                    and _short_date(ln)), None)
    label_from = date_at + 1 if date_at is not None else 0
    if date_at is not None:
        doc.published = _short_date(flat[date_at])
        above = _blocks(flat[:date_at])
        if above:
            last = above[-1]
            doc.outlet = last[-1]
            title_lines = last[:-1] or (above[-2] if len(above) > 1 else [])
            doc.title = " ".join(title_lines) or None
    # labelled header fields (values may run on over following lines)
    current: str | None = None
    header_end = len(flat)
    for i in range(label_from, len(flat)):
        line = flat[i]
        if not line:
            current = None
            continue
        label = _NEXIS_LABEL.match(line)
        if _COPYRIGHT.match(line):
            doc.extra["copyright"] = line
            current = None
        elif label:
            current = label.group(1).lower()
            doc.extra[current] = label.group(2).strip()
        elif current in ("highlight", "byline", "dateline"):
            doc.extra[current] = f"{doc.extra[current]} {line}".strip()
        elif i == label_from and date_at is not None and "copyright" not in doc.extra:
            doc.extra["edition"] = line  # "Late Edition - Final" under the date
        elif body_at is None:
            header_end = i
            break
    byline = doc.extra.pop("byline", None) or doc.extra.pop("author", None)
    if byline:
        doc.byline = split_byline(byline)
    length = _WORDS.match(str(doc.extra.get("length", "")))
    if length:
        doc.extra["length"] = int(length.group(1).replace(",", ""))
    if body_at is not None:
        body_lines = lines[body_at + 1:]
    else:
        body_lines = header_lines[header_end:] if header_end < len(flat) else []
    body, trailer = _split_trailer(body_lines)
    _read_trailer(trailer, doc)
    doc.text = unwrap(tidy("\n".join(body)))
    if not doc.text.strip():
        where = f"document {index + 1}" + (f" ({doc.title})" if doc.title else "")
        return RecordProblem(index, f"{where}: no body text")
    return doc


def _split_trailer(lines: list[str]) -> tuple[list[str], list[str]]:
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.lower() in _TRAILER_HEADS or _TRAILER_LINE.match(stripped):
            return lines[:i], lines[i:]
    return lines, []


def _read_trailer(lines: list[str], doc: RawDocument) -> None:
    section: str | None = None
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.lower() in _TRAILER_HEADS:
            section = stripped.lower()
            continue
        label = _NEXIS_LABEL.match(stripped)
        if label:
            key, value = label.group(1).lower(), label.group(2).strip()
            if key == "load-date":
                doc.extra["load_date"] = parse_stated_date(value) or value
            else:
                doc.extra[key] = value
            section = None
        elif section:  # free text under "Graphic", "Notes"…
            doc.extra[section] = f"{doc.extra.get(section, '')} {stripped}".strip()


def read_nexis(name: str, text: str, options: ReadOptions) -> ReadResult:
    """Every document of a Nexis Uni plain-text export."""
    text = _PAGE_LINE.sub("", tidy(text))
    chunks = _NEXIS_END.split(text)
    result = ReadResult()
    index = 0
    for chunk in chunks:
        page = export_page(chunk)
        if page:
            result.problems.append(RecordProblem(
                index, f"document {index + 1}: {page}, not an article", skipped=True))
            index += 1
            continue
        got = _nexis_document(chunk, index)
        if got is None:
            continue
        (result.problems if isinstance(got, RecordProblem) else result).append(got)
        index += 1
    if not result and not any(p.skipped for p in result.problems):
        first = result.problems[0].message if result.problems else "no document found"
        raise ReadError(f"unreadable Nexis export ({first})")
    return result


# ---------------------------------------------------------------------------------- Factiva

_FACTIVA_END = re.compile(r"^[ \t]*Document ([A-Za-z0-9]{16,40})[ \t]*$", re.MULTILINE)
_TIME_LINE = re.compile(r"^\d{1,2}:\d{2}(?:\s*(?:GMT|UTC|[AP]M|ET|EST|EDT|BST|CET))?$", re.I)
_SOURCE_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
_LANGUAGES = {"english", "en", "eng"}
_PAGE = re.compile(r"^(?:Page|Pg\.?)\s*\w+$|^[A-Z]?\d{1,3}$", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^(?:License this article from|Dow Jones Reprint Service|Click here to|"
    r"\(END\) Dow Jones Newswires)", re.IGNORECASE)


def is_factiva(text: str) -> bool:
    return bool(_FACTIVA_END.search(text) and re.search(r"^\s*[\d,]+ words\s*$", text, re.M | re.I))


def _factiva_document(chunk: str, accession: str, index: int) -> RawDocument | RecordProblem:
    lines = [ln.strip() for ln in chunk.split("\n")]
    doc = RawDocument(text="", format="factiva", index=index)
    doc.extra["document_id"] = accession
    words_at = next((i for i, ln in enumerate(lines[:40]) if _WORDS.match(ln)), None)
    if words_at is None:
        return RecordProblem(index, f"document {accession}: no word-count line in its header")
    doc.extra["length"] = int(_WORDS.match(lines[words_at]).group(1).replace(",", ""))
    above = [ln for ln in lines[:words_at] if ln]
    if above:
        doc.title = above[0]
        for line in above[1:]:
            if re.match(r"by\s", line, re.I):
                doc.byline = split_byline(line)
            else:
                doc.extra.setdefault("section", line)
    # after the word count: date, time?, outlet, source code, edition/page?, language, copyright
    i = words_at + 1
    fields = []
    while i < len(lines) and len(fields) < 10:
        if lines[i]:
            fields.append((i, lines[i]))
        i += 1
    body_from = words_at + 1
    date_text = None
    language_seen = False
    for position, (at, line) in enumerate(fields):
        if _COPYRIGHT.match(line):
            doc.extra["copyright"] = line
            body_from = at + 1
            break
        if language_seen:
            break  # no copyright line: the story starts right after the language
        if position == 0 and _short_date(line):
            date_text = line
        elif date_text and _TIME_LINE.match(line) and "time" not in doc.extra:
            doc.extra["time"] = line
        elif line.lower() in _LANGUAGES or (len(line) == 2 and line.isalpha()):
            doc.extra["language"] = line
            body_from = at + 1
            language_seen = True
        elif _SOURCE_CODE.match(line) and doc.outlet and "source_code" not in doc.extra:
            doc.extra["source_code"] = line
        elif not doc.outlet and date_text:
            doc.outlet = line
        elif _PAGE.match(line) or len(line) <= 40:
            doc.extra.setdefault("edition", line)
        else:
            break  # the story began without a language or copyright line
    if date_text:
        stamp = f"{date_text} {doc.extra['time']}" if "time" in doc.extra else date_text
        doc.published = parse_stated_date(stamp) or parse_stated_date(date_text)
    body = [ln for ln in chunk.split("\n")[body_from:] if not _BOILERPLATE.match(ln.strip())]
    doc.text = unwrap(tidy("\n".join(body)))
    if not doc.text.strip():
        return RecordProblem(index, f"document {accession}: no body text")
    return doc


def read_factiva(name: str, text: str, options: ReadOptions) -> ReadResult:
    """Every document of a Factiva plain-text export."""
    text = tidy(text)
    result = ReadResult()
    start = 0
    for index, match in enumerate(_FACTIVA_END.finditer(text)):
        chunk = text[start:match.start()]
        page = export_page(chunk)
        if page:
            got: RawDocument | RecordProblem = RecordProblem(
                index, f"document {match.group(1)}: {page}, not an article", skipped=True)
        else:
            got = _factiva_document(chunk, match.group(1), index)
        (result.problems if isinstance(got, RecordProblem) else result).append(got)
        start = match.end()
    page = export_page(text[start:]) if text[start:].strip() else None
    if page:
        result.problems.append(RecordProblem(
            len(result) + len(result.problems), f"the {page} after the last document, "
            "not an article", skipped=True))
    elif text[start:].strip() and re.search(r"^\s*[\d,]+ words\s*$", text[start:], re.M | re.I):
        result.problems.append(RecordProblem(
            len(result) + len(result.problems), "text after the last document has no "
            "'Document' line (a truncated export?)"))
    if not result and not any(p.skipped for p in result.problems):
        first = result.problems[0].message if result.problems else "no document found"
        raise ReadError(f"unreadable Factiva export ({first})")
    return result
