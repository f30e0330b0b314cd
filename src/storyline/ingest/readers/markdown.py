"""Markdown: a header block (title, byline, date, URL), images out of the body, readable text.

The header block is the one scraped articles come in:

    # Title
    **Author One, Author Two and Author Three**
    **2023-10-24 01:49**
    **https://example.org/story**
    ![alt text](https://example.org/photo.jpg)
    Caption of the photo. AGENCY/Photographer Name

YAML front matter (`---` … `---`) is read too. Image lines, and the caption paragraph right after
an image, are recorded as images and kept out of the body. The rest is rendered to plain text:
headings become lines, emphasis and link markup go, list items stay one per line.
"""

from __future__ import annotations

import re

import yaml

from storyline.ingest.metadata import parse_stated_date, split_byline
from storyline.ingest.readers.base import RawDocument, ReadOptions, tidy
from storyline.ingest.readers.fields import apply_fields
from storyline.records import Image

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# URLs may hold one level of parentheses ("filters:quality(80)/photo.jpg")
_TARGET = r"<?((?:[^()\s<>]|\([^()\s]*\))+)>?"
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*" + _TARGET + r"(?:\s+[\"']([^\"']*)[\"'])?\s*\)")
_LINKED_IMAGE = re.compile(r"\[(!\[[^\]]*\]\(" + _TARGET + r"[^)]*\))\]\(" + _TARGET + r"\)")
_IMAGE_LINE = re.compile(r"^\s*(?:!\[[^\]]*\]\(\s*" + _TARGET + r"[^)]*\)\s*)+$")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*" + _TARGET + r"(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_EMPH_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(.+?)~~")
_CODE = re.compile(r"`{1,3}([^`]*)`{1,3}")
_HTML_TAG = re.compile(r"</?(?:br|span|div|p|em|strong|b|i|u|sup|sub|small|a)\b[^>]*>", re.I)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+)\1\s*$")
_URL = re.compile(r"^<?(https?://\S+?)>?$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
# A photo caption: a credit ("REUTERS/Name", "Photo: …", "Getty Images", "(AP Photo/…)").
_CREDIT = re.compile(
    r"\b[A-Z]{2,}(?: [A-Z]{2,})?/[A-Z][\w.' -]+|\b(?:photo|photograph|picture|image|credit)s?\b"
    r"\s*(?:by|:|/)|\bGetty Images\b|\bFile Photo\b|\bAFP\b|\bAP Photo\b|\u00a9",
    re.IGNORECASE,
)
MAX_CAPTION_CHARS = 400


def markdown_score(text: str) -> int:
    """How strongly `text` looks like Markdown (used by format detection)."""
    head = text[:20000]
    score = 0
    if re.match(r"\s*#{1,3} \S", head):
        score += 3
    if _FRONT_MATTER.match(head) and re.search(r"^(?:title|date|author)\s*:", head, re.M):
        score += 3
    score += min(3, 2 * len(re.findall(r"^\s*!\[[^\]]*\]\([^)]+\)", head, re.M)))
    score += min(2, len(re.findall(r"^#{1,6} \S", head, re.M)))
    score += min(2, len(re.findall(r"^\*\*[^*\n]+\*\*\s*$", head, re.M)))
    score += min(2, len(re.findall(r"\[[^\]\n]+\]\(https?://[^)\s]+\)", head)))
    return score


def _inline(text: str, images: list[Image]) -> str:
    """Plain text of one line of Markdown; inline images are recorded and removed."""
    text = _HTML_COMMENT.sub("", text)
    text = _LINKED_IMAGE.sub(lambda m: m.group(1), text)
    for match in _IMAGE.finditer(text):
        images.append(Image(url=match.group(2), alt=_plain(match.group(1))))
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    return _plain(text)


def _plain(text: str) -> str:
    text = _CODE.sub(r"\1", text)
    for _ in range(2):  # nested emphasis: ***bold italic***
        text = _STRONG.sub(r"\2", text)
        text = _EMPH_STAR.sub(r"\1", text)
        text = _EMPH_UNDER.sub(r"\1", text)
    text = _STRIKE.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    return _ESCAPE.sub(r"\1", text).strip()


def _is_caption(paragraph: str, image: Image) -> bool:
    plain = _plain(paragraph)
    if not plain or len(plain) > MAX_CAPTION_CHARS or _HEADING.match(paragraph):
        return False
    if image.alt and len(image.alt) >= 12 and plain.lower().startswith(image.alt[:30].lower()):
        return True
    if re.fullmatch(r"\s*([*_])[^*_]+\1\s*", paragraph):  # an italic paragraph under a photo
        return True
    return bool(_CREDIT.search(plain))


def _paragraphs(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _header(blocks: list[list[str]], doc: RawDocument) -> int:
    """Read the header block at the top; returns how many paragraph blocks it used."""
    used = 0
    for block in blocks:
        lines = [ln.strip() for ln in block]
        if used == 0 and not doc.title:
            heading = _HEADING.match(lines[0])
            if heading and len(heading.group(1)) <= 2:
                doc.title = _plain(heading.group(2)) or None
                lines = lines[1:]
        consumed = True
        for line in lines:
            if not _header_field(line, doc):
                consumed = False
                break
        if not consumed:
            break
        used += 1
    return used


def _header_field(line: str, doc: RawDocument) -> bool:
    """One header line (bold author/date/URL, "By …"): recorded into doc, else False."""
    bold = _BOLD_LINE.match(line)
    content = _plain(_LINK.sub(r"\1", bold.group(2) if bold else line)).strip()
    url = _URL.match(content) or _URL.match(line.strip())
    if url and not doc.url:
        doc.url = url.group(1)
        return True
    if not bold and not re.match(r"(?:by|published|updated|date)\b", content, re.I):
        return False
    if len(content) > 200:
        return False
    stated = parse_stated_date(content)
    if stated:
        doc.published = doc.published or stated
        return True
    names = split_byline(content)
    if names and not doc.byline:
        doc.byline = names
        return True
    if bold:
        doc.extra.setdefault("header", []).append(content)
        return True
    return False


def read_markdown(name: str, text: str, options: ReadOptions) -> list[RawDocument]:
    """One Markdown article."""
    text = tidy(text)
    doc = RawDocument(text="", format="markdown")
    front = _FRONT_MATTER.match(text)
    if front:
        try:
            meta = yaml.safe_load(front.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict):
            apply_fields(doc, meta, options, need_text=False)
            text = text[front.end():]
    lines = [ln for ln in text.split("\n") if not _REF_DEF.match(ln)]
    # Setext headings ("Title\n=====") become ATX so that one rule handles both.
    for i in range(1, len(lines)):
        if _SETEXT.match(lines[i]) and lines[i - 1].strip() and not _LIST.match(lines[i - 1]):
            marker = "#" if lines[i].lstrip()[0] == "=" else "##"
            lines[i - 1], lines[i] = f"{marker} {lines[i - 1].strip()}", ""
    blocks = _paragraphs(lines)
    start = _header(blocks, doc)
    out: list[str] = []
    previous_image: Image | None = None
    for block in blocks[start:]:
        if all(_IMAGE_LINE.match(_LINKED_IMAGE.sub(lambda m: m.group(1), ln)) for ln in block):
            before = len(doc.images)
            for ln in block:
                _inline(ln, doc.images)
            previous_image = doc.images[-1] if len(doc.images) > before else None
            continue
        if previous_image is not None and _is_caption("\n".join(block), previous_image):
            previous_image.caption = _plain(" ".join(ln.strip() for ln in block))
            previous_image = None
            continue
        previous_image = None
        out.append(_render_block(block, doc.images))
    doc.text = tidy("\n\n".join(p for p in out if p.strip()))
    return [doc]


def _render_block(block: list[str], images: list[Image]) -> str:
    """A paragraph's lines joined as Markdown joins them; headings, items and rows stay lines."""
    rendered: list[str] = []
    after_heading = False
    for raw in block:
        if _RULE.match(raw):
            continue
        line = _QUOTE.sub("", raw)
        heading = _HEADING.match(line.strip())
        if heading:
            rendered.append("\n" + _inline(heading.group(2), images))
            after_heading = True
            continue
        if line.strip().startswith("|"):  # a table row
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            rendered.append("\n" + " | ".join(_inline(c, images) for c in cells))
            continue
        item = _LIST.match(line)
        content = _inline(line[item.end():] if item else line, images)
        if item or after_heading or raw.endswith("  ") or not rendered:
            rendered.append(("\n" if rendered else "") + content)
        else:
            rendered.append(" " + content)
        after_heading = False
    return "".join(rendered).strip("\n ")
