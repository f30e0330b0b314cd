"""Read and write TimeML (.tml) documents: the plain TEXT with its TIMEX3 annotations.

Offsets are character offsets into the TEXT element's plain text (tags removed, entities
decoded), so a finder run on that text can be scored against the gold annotations directly.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from storyline.records import TimeExpression


class TimeMLError(ValueError):
    """A file that is not readable TimeML."""


@dataclass
class Timex:
    """One TIMEX3 annotation: its span in the plain text and its attributes."""

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class TimeMLDoc:
    """A TimeML document: its id, creation time (the anchor), plain text and TIMEX3s."""

    name: str
    text: str
    dct: date | None
    dct_value: str | None
    timexes: list[Timex]


def _walk(element: ET.Element, parts: list[str], length: list[int], out: list[Timex]) -> None:
    """Append the element's text to `parts`, recording TIMEX3 spans (tags nest rarely)."""
    if element.text:
        parts.append(element.text)
        length[0] += len(element.text)
    for child in element:
        start = length[0]
        _walk(child, parts, length, out)
        if child.tag == "TIMEX3":
            text = "".join(parts)[start : length[0]]
            out.append(
                Timex(
                    start=start,
                    end=length[0],
                    text=text,
                    type=child.get("type", ""),
                    value=child.get("value", ""),
                    tid=child.get("tid", ""),
                    attrs=dict(child.attrib),
                )
            )
        if child.tail:
            parts.append(child.tail)
            length[0] += len(child.tail)


_DCT_DAY = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})")


def parse_timeml(source: str, name: str = "") -> TimeMLDoc:
    """Parse TimeML from a string."""
    try:
        root = ET.fromstring(source)
    except ET.ParseError as exc:
        raise TimeMLError(f"{name or 'document'}: not well-formed XML ({exc})") from None
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise TimeMLError(f"{name or 'document'}: no <TEXT> element")
    dct_value = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct_value = timex.get("value")
            break
    dct = None
    if dct_value and (m := _DCT_DAY.match(dct_value)):
        try:
            dct = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            dct = None
    parts: list[str] = []
    timexes: list[Timex] = []
    _walk(text_el, parts, [0], timexes)
    docid = root.findtext(".//DOCID") or name
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDoc(docid.strip(), "".join(parts), dct, dct_value, timexes)


def read_timeml(path: Path) -> TimeMLDoc:
    """Read one .tml file (UTF-8)."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TimeMLError(f"{path}: cannot read ({exc})") from None
    return parse_timeml(source, path.stem)


def write_timeml(doc: TimeMLDoc, times: list[TimeExpression]) -> str:
    """TimeML for `doc` with our TIMEX3s in place of the gold ones (same TEXT, same DCT)."""
    out: list[str] = []
    pos = 0
    tid = 0
    text = doc.text
    for tx in sorted(times, key=lambda t: (t.start, -t.end)):
        if tx.start < pos:  # overlapping expressions cannot both be tagged
            continue
        tid += 1
        out.append(escape(text[pos : tx.start]))
        attrs = f'tid="t{tid}" type={quoteattr(tx.type)} value={quoteattr(tx.value)}'
        out.append(f"<TIMEX3 {attrs}>{escape(text[tx.start : tx.end])}</TIMEX3>")
        pos = tx.end
    out.append(escape(text[pos:]))
    dct = ""
    if doc.dct_value:
        dct = (
            f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(doc.dct_value)} temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{escape(doc.dct_value)}</TIMEX3></DCT>\n'
        )
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{escape(doc.name)}</DOCID>\n{dct}<TEXT>{''.join(out)}</TEXT>\n</TimeML>\n"
    )
