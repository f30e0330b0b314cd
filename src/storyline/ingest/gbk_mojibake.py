"""Repair UTF-8 text that was decoded as GBK (cp936): `鈥檚` → `’s`, `鈥渇` → `“f`, `鈥�` → `”`.

How the damage happens: the UTF-8 bytes of ’ “ ” — – … are E2 80 xx. A GBK decoder reads E2 80 as
the ideograph 鈥, then pairs the third byte xx with whatever byte follows it. When that next byte is
an ASCII letter the pair is a valid GBK character (`檚` = 99 73 = the end of ’ plus "s") and nothing
is lost. When the next byte is a space, punctuation or a newline, the pair is invalid: the decoder
emits U+FFFD for the single byte xx and goes on, so that byte is LOST (Python's `errors="replace"`
and the WHATWG decoder used by browsers both behave this way; `errors="ignore"` drops it silently).

How we repair it: take each run of non-ASCII characters, re-encode it to the GBK bytes it came
from (U+FFFD standing for one unknown byte), and decode those bytes as UTF-8. A lost byte is
rebuilt from the candidates in General Punctuation (U+2010–U+2026) that (a) complete the UTF-8
sequence, (b) would really have been lost (GBK would not have paired it with the byte that
follows), and (c) fit the context: an apostrophe inside a word, an opening quote before a word, a
closing quote after one (judged by the quote balance of the paragraph), a dash between spaces.

Context, in order: digits on both sides → en dash; letters on both sides → apostrophe; spaces on
both sides → the document's dash (en dash if its surviving dashes are mostly en dashes, else em);
a space before → opening quote; after a word or punctuation, before a space → the innermost open
quote's closing mark (’ inside ‘…’, ” inside “…”, except a possessive such as "groups’ statement"
inside a long quote), else ” after punctuation, a possessive ’ after s when a noun follows, else
an ellipsis.

Only clearly damaged text is touched. A repair starts at an ideograph whose GBK bytes are E2 80–88
(the lead of a UTF-8 punctuation/symbol sequence: 鈥 鈧 鈩 …), must decode to a punctuation or
symbol character, and the whole chain must be valid UTF-8, not right after another ideograph.
Strong evidence is 鈥 with the character that swallowed the next byte or with a U+FFFD; a lone 鈥
(errors="ignore") is believed only in a document with strong evidence, and nothing is repaired in
a text mostly written in a CJK script. Latin-1 letters read as GBK (`茅` for é, `拢` for £, `聽`
for a no-break space) are repaired beside ASCII text when the whole run decodes, and, in a text
without damaged punctuation, only when every run of ideographs in it decodes that way. Genuine
Chinese text decodes to invalid UTF-8 or to ideographs, and is left alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

REPLACEMENT = "\ufffd"
SLOT = -1  # an unknown (lost) byte in a byte pattern

# Ideographs whose GBK bytes are E2 80..E2 88: the first two bytes of U+2000..U+223F in UTF-8.
ANCHORS = frozenset(bytes([0xE2, b]).decode("gbk") for b in range(0x80, 0x89))
# What a UTF-8 sequence started by an anchor may decode to, for the repair to be believed.
_ANCHOR_TARGETS = ((0x2002, 0x205E), (0x2070, 0x209C), (0x20A0, 0x20C0), (0x2100, 0x223F))

# Candidates for a lost third byte of E2 80 xx, most frequent in English news first.
# Then symbols outside E2 80 (€ after 鈧, ™ after 鈩) and invisible spaces, chosen only when
# nothing else fits the surviving bytes.
LOST_CANDIDATES = "’”“—–…‘•‑‐‒―„‚†‡․‥‖‗‛‟‣€™′″\u200b\u202f\u2009"
_CANDIDATE_BYTES = tuple((char, tuple(char.encode("utf-8"))) for char in LOST_CANDIDATES)

_RUN = re.compile(r"[^\x00-\x7f]+")
# Ideographs whose GBK bytes are C2–CB 80–BF (UTF-8 of U+0080–U+02FF: Latin-1, Latin Extended,
# spacing modifiers) or EF AC 80–86 (the ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ, whose third byte pairs with the
# next character).
_LATIN_LEADS = tuple((lead, trail) for lead in range(0xC2, 0xCC) for trail in range(0x80, 0xC0))
LATIN_MOJIBAKE = frozenset(bytes(pair).decode("gbk") for pair in (*_LATIN_LEADS, (0xEF, 0xAC)))


@dataclass
class GbkRepairResult:
    text: str
    sequences: int = 0  # damaged sequences repaired
    lost_bytes: int = 0  # bytes that were lost and inferred from context
    changed: int = 0  # characters of the input that were replaced


@functools.lru_cache(maxsize=16384)
def _char_bytes(char: str) -> tuple[int, ...] | None:
    """The bytes a GBK decoder read to produce `char` (None: it cannot come from GBK)."""
    if char == REPLACEMENT:
        return (SLOT,)
    if char == "€":  # cp936 / WHATWG decode the single byte 0x80 as the euro sign
        return (0x80,)
    try:
        data = char.encode("gbk")
    except UnicodeEncodeError:
        try:  # gb18030 readers map GBK's user-defined area to the Private Use Area
            data = char.encode("gb18030")
        except UnicodeEncodeError:
            return None
        if len(data) != 2:
            return None
    return tuple(data)


def _utf8_length(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _split_utf8(data: list[int], final: bool) -> tuple[list[list[int]], int] | None:
    """Split a byte pattern into UTF-8 sequences; (sequences, implicit lost bytes added).

    Returns None when the pattern is not UTF-8 (or, when not `final`, cannot yet be told: the
    caller then extends the pattern). With `final`, a sequence missing its last byte (a decoder
    with errors="ignore" dropped it) gets an implicit lost byte; after E2 (the lead of General
    Punctuation) the last two bytes may be missing, E2 80 being by far the likeliest pair.
    """
    units: list[list[int]] = []
    implicit = 0
    i = 0
    while i < len(data):
        lead = data[i]
        if lead == SLOT:
            return None  # a lost lead byte cannot be rebuilt with any confidence
        if lead < 0x80:
            units.append([lead])
            i += 1
            continue
        size = _utf8_length(lead)
        if not size:
            return None
        unit = [lead]
        i += 1
        while len(unit) < size:
            if i >= len(data):
                if not final:
                    return None
                break
            byte = data[i]
            if byte != SLOT and not 0x80 <= byte <= 0xBF:
                return None
            unit.append(byte)
            i += 1
        missing = size - len(unit)
        if missing:
            unknown = missing + unit.count(SLOT)
            if size != 3 or unknown > (2 if lead == 0xE2 else 1):
                return None
            unit.extend([SLOT] * missing)
            implicit += missing
        if unit.count(SLOT) > (2 if lead == 0xE2 else 1):
            return None
        units.append(unit)
    return units, implicit


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


@functools.lru_cache(maxsize=4096)
def _would_be_lost(byte: int, following: int | None) -> bool:
    """Would a GBK decoder have failed on `byte` (given the byte after it) and dropped it?"""
    if following is None or following == SLOT:
        return True
    try:
        bytes([byte, following]).decode("gbk")
    except UnicodeDecodeError:
        return True
    return False


@dataclass
class _Context:
    left: str  # character before the sequence ("" at the start of the text)
    right: str  # character after it ("" at the end)
    quote: str  # the innermost quote open in this paragraph: '"', "'" or ""
    quoted_words: int  # words quoted since that quote opened
    word: str  # the word the sequence ends (letters before it, back to a space)
    next_word: str  # the word after it (lower case), if any
    previous: str  # the last character before it that is not a space
    next_capital: bool  # the next word starts with a capital (a new sentence?)
    closes_later: bool  # a closing double quote follows later in the paragraph
    dash: str  # the dash this document uses between spaces


# Words that cannot follow a possessive (a noun phrase must): "weeks… and", not "weeks’ and".
_NOT_NOUNS = frozenset(
    "and or but nor so yet the a an to of in on at for with by from as that which who whom "
    "is was are were be been has have had will would can could may might must shall should "
    "he she it they we i you said says then than if when while because against about after "
    "before into over under between through during without within across since until per via "
    "amid among towards toward despite like near".split()
)


_PHRASE_WORDS = 4  # quotes longer than this are speech, not a quoted phrase


def _preference(ctx: _Context) -> str:
    """Candidate characters for a lost byte, best first, for this context."""
    left, right = ctx.left, ctx.right
    left_word = left.isalnum()
    right_word = right.isalnum()
    left_open = left == "" or left.isspace() or left in "([{—–-/"
    right_end = right == "" or right.isspace() or right in ".,;:!?)]}—–-"
    if left.isdigit() and right.isdigit():
        return "–—’…"
    if left_word and right_word:
        return "’…–—”“"
    if left_open and right_end:
        if ctx.quote and left == " " and ctx.previous in ".,!?":
            # “… he’s alive. ” As is the case: a spaced closing quote.
            return ("”" if ctx.quote == '"' else "’") + ctx.dash
        return ctx.dash + "—–…“”"
    if left_open:
        return "“‘…" + ctx.dash
    if right_word:
        return "…’" + ctx.dash
    # After a word or punctuation, before a space, punctuation or the end: a closing mark.
    if ctx.quote == "'":
        return "’”…"
    possessive = (
        bool(ctx.next_word)
        and "’" not in ctx.word
        and "'" not in ctx.word
        and ctx.next_word not in _NOT_NOUNS
    )
    if ctx.quote == '"':
        # Quotes close mid-sentence after a bare word ("to “use the full force of the law”
        # against"), so a closing quote stays likelier than an ellipsis; but "…the groups’
        # statement" inside a long quote is a possessive: a noun follows.
        long_quote = ctx.quoted_words > _PHRASE_WORDS
        if long_quote and left in "sSzZ" and possessive and right == " " and ctx.next_word:
            return "’”…"
        if left.isalnum() and right == " " and ctx.closes_later:
            return "…’”"  # the quote closes further on: this is not its end
        if long_quote and left.isalpha() and right == " " and ctx.next_capital:
            return "…”’"  # “My family is there… Everything”: no stop before a new sentence
        return "”’…"
    if left in ".,!?;:":
        return "”…’"
    if left in "sSzZ" and possessive:
        return "’…”"  # plural possessive: "Hamas’ leaders" (a noun phrase follows)
    return "…”’"


def _resolve(unit: list[int], position: int, data: list[int], after: int | None, ctx: _Context):
    """The character for a UTF-8 sequence with lost bytes, or None."""
    slots = [k for k, byte in enumerate(unit) if byte == SLOT]
    # The byte a GBK decoder saw after each lost one (implicit slots sit past the data's end).
    following = tuple(
        data[position + k + 1] if position + k + 1 < len(data) else after for k in slots
    )
    candidates = _candidates(tuple(unit), following)
    if not candidates:
        return None
    for char in _preference(ctx):
        if char in candidates:
            return char
    return candidates[0]


@functools.lru_cache(maxsize=4096)
def _candidates(unit: tuple[int, ...], following: tuple[int | None, ...]) -> str:
    """Candidates that fit the surviving bytes and would really have been lost, by frequency."""
    slots = [k for k, byte in enumerate(unit) if byte == SLOT]
    found = []
    for char, encoded in _CANDIDATE_BYTES:
        if len(encoded) != len(unit):
            continue
        if any(b != SLOT and b != e for b, e in zip(unit, encoded, strict=True)):
            continue
        if all(_would_be_lost(encoded[k], f) for k, f in zip(slots, following, strict=True)):
            found.append(char)
    return "".join(found)


_QUOTE_MARKS = re.compile("[“”‘’]")


def _open_quote(paragraph: str) -> tuple[str, int]:
    """The innermost curly quote open at the end of `paragraph` ('"', "'" or "") and how many
    words it has quoted so far."""
    stack: list[tuple[str, int]] = []
    for match in _QUOTE_MARKS.finditer(paragraph):
        index, char = match.start(), match.group()
        # Straight quotes are not counted: a text that opens with " closes with " (no byte lost).
        if char == "“":
            stack.append(('"', index))
        elif char == "”":
            while stack and stack.pop()[0] != '"':
                pass
        elif char == "‘":
            stack.append(("'", index))
        elif char == "’" and stack and stack[-1][0] == "'":
            following = paragraph[index + 1 : index + 2]
            if not following.isalpha():  # a closing single quote, not an apostrophe
                stack.pop()
    if not stack:
        return "", 0
    kind, start = stack[-1]
    return kind, len(paragraph[start:].split())


def _document_dash(text: str) -> str:
    """En dash if the document's recoverable dashes are mostly en dashes, else em dash.

    A dash followed by a letter survives GBK decoding (鈥 + a character whose first GBK byte is
    0x93 for an en dash, 0x94 for an em dash); those and any intact dashes tell the style.
    """
    en = text.count("–")
    em = text.count("—")
    index = text.find("鈥")
    while index != -1 and index + 1 < len(text):
        pattern = _char_bytes(text[index + 1])
        if pattern and pattern[0] == 0x93:
            en += 1
        elif pattern and pattern[0] == 0x94:
            em += 1
        index = text.find("鈥", index + 1)
    return "–" if en > em else "—"


def _decode_chain(
    run: str,
    start: int,
    patterns: list[tuple[int, ...] | None],
    after: int | None,
    max_chars: int = 8,
):
    """Decode the shortest chain of run[start:j] that is complete UTF-8; (j, units, implicit)."""
    data: list[int] = []
    for j in range(start, min(len(run), start + max_chars)):
        pattern = patterns[j]
        if pattern is None:
            return None
        data.extend(pattern)
        final = j == len(run) - 1
        split = _split_utf8(data, final)
        if split is not None:
            return j + 1, split[0], split[1], data
        if not _could_continue(data):  # invalid UTF-8: more characters cannot help
            return None
    return None


def _could_continue(data: list[int]) -> bool:
    """True when the pattern ends inside a UTF-8 sequence that more bytes could complete."""
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == SLOT:
            return False
        size = 1 if byte < 0x80 else _utf8_length(byte)
        if not size:
            return False
        for k in range(1, size):
            if i + k >= len(data):
                return True
            nxt = data[i + k]
            if nxt != SLOT and not 0x80 <= nxt <= 0xBF:
                return False
        i += size
    return False


def repair_gbk_mojibake(text: str, spaced_dash: str | None = None) -> GbkRepairResult:
    """Repair UTF-8 read as GBK in `text`; clean text (and genuine Chinese) comes back unchanged.

    `spaced_dash` ("—" or "–") is the house style for a dash between spaces, whose distinguishing
    byte is always lost; by default the document's surviving dashes decide, else an em dash.
    """
    result = GbkRepairResult(text)
    if text.isascii():
        return result
    runs = _RUN.findall(text)
    if not any(char in ANCHORS or char in LATIN_MOJIBAKE for run in runs for char in run):
        return result
    dash = spaced_dash or _document_dash(text)
    spans = _find_repairs(text, dash, latin=False)
    # Strong evidence: 鈥 with the character that consumed its last byte (鈥檚) or with the U+FFFD
    # that replaced it. A lone 鈥 before ASCII (a reader with errors="ignore") is weak evidence,
    # believed only in a document that has strong evidence too.
    strong = [span for span in spans if span[1] - span[0] >= 2]
    if strong and not _mostly_cjk(text, strong):
        # The document is damaged: Latin-1 letters read as GBK (茅 for é) are repaired as well.
        spans = _find_repairs(text, dash, latin=True)
    else:
        # No damaged punctuation: Latin-1 letters alone (Ant贸nio, 拢5, spokesman聽John) are
        # repaired only when every run of ideographs in the text decodes that way.
        spans = _find_repairs(text, dash, latin=True)
        if not spans or _mostly_cjk(text, spans) or not _all_runs_covered(text, spans):
            return result
    out: list[str] = []
    pos = 0
    for start, end, replacement, lost in spans:
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
        result.sequences += 1
        result.lost_bytes += lost
        result.changed += end - start
    out.append(text[pos:])
    result.text = "".join(out)
    return result


def _all_runs_covered(text: str, spans: list[tuple[int, int, str, int]]) -> bool:
    """Does every non-ASCII run holding a CJK character lie wholly inside repaired spans?"""
    covered = bytearray(len(text))
    for start, end, *_ in spans:
        covered[start:end] = b"\x01" * (end - start)
    for match in _RUN.finditer(text):
        if any(_is_cjk(char) for char in match.group()):
            if covered.find(0, match.start(), match.end()) != -1:
                return False
    return True


_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


def _mostly_cjk(text: str, repaired: list[tuple[int, int, str, int]]) -> bool:
    """Is the text, apart from what was found damaged, written in a CJK script?

    A Chinese or Japanese text that happens to hold 鈥 next to ASCII is left alone entirely.
    """
    cjk = sum(1 for run in _RUN.findall(text) for char in run if _is_cjk(char))
    cjk -= sum(end - start for start, end, *_ in repaired)
    latin = len(text.encode("ascii", errors="ignore").translate(None, _NOT_LETTERS))
    return cjk > 0.1 * latin


def _is_cjk(char: str) -> bool:
    """Ideographs, kana, hangul, CJK punctuation, full-width forms, private use."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xE000 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or code >= 0x20000
    )


def _latin_context(left: str, decoded: str, right: str) -> bool:
    """Is a decoded Latin-1 letter or symbol where damaged English text would put it?

    Not beside a remaining ideograph; a letter (é) inside a word, next to an ASCII letter or
    digit; a symbol or no-break space (£ ° NBSP) beside any ASCII character.
    """
    if _is_cjk(right) and right not in ANCHORS and right not in LATIN_MOJIBAKE:
        return False
    if any(c.isascii() and c.isalnum() for c in (left, right, *decoded)):
        return True
    if left in "'’-" or right in "'’-":  # Bahá'í
        return True
    symbol = not decoded[0].isalpha()
    return symbol and (left.isascii() or right.isascii())


def _latin_start(char: str, pattern: tuple[int, ...] | None) -> bool:
    """A Latin-1 letter or symbol (UTF-8 C2/C3 xx) read as one GBK ideograph."""
    return (
        pattern is not None
        and len(pattern) == 2
        and (0xC2 <= pattern[0] <= 0xCB or pattern[0] == 0xEF)
        and 0x80 <= pattern[1] <= 0xBF
    )


_LOOKBACK = 800  # characters of the paragraph that the quote balance looks at


def _extend_paragraph(tail: str, piece: str) -> str:
    """The last _LOOKBACK characters of the current paragraph after `piece` is written."""
    if "\n" in piece:
        return piece[piece.rfind("\n") + 1 :][-_LOOKBACK:]
    return (tail + piece)[-_LOOKBACK:]


def _find_repairs(text: str, dash: str, latin: bool) -> list[tuple[int, int, str, int]]:
    """(start, end, replacement, lost bytes) for every damaged sequence found."""
    spans: list[tuple[int, int, str, int]] = []
    tail = ""  # the repaired paragraph so far, up to the last repair (for the quote balance)
    last = 0
    for match in _RUN.finditer(text):
        run = match.group()
        base = match.start()
        first_span = len(spans)
        patterns = [_char_bytes(c) for c in run]
        after = ord(text[match.end()]) if match.end() < len(text) else None
        i = 0
        while i < len(run):
            char = run[i]
            if char in ANCHORS:
                # In damaged English the character before a 鈥 is ASCII or the end of the
                # previous repair; in genuine Chinese it is an ideograph.
                at = base + i
                starts = at == 0 or at == last or not _is_cjk(text[at - 1])
            elif latin and _latin_start(char, patterns[i]):
                at = base + i
                starts = at == last or at == 0 or not _is_cjk(text[at - 1])
            else:
                starts = False
            chain = _decode_chain(run, i, patterns, after) if starts else None
            if chain is None:
                i += 1
                continue
            end, units, _implicit, data = chain
            paragraph = _extend_paragraph(tail, text[last : base + i])
            following = text[base + end : base + end + 40]
            later = text[base + end : base + end + _LOOKBACK]
            later = later[: later.find("\n")] if "\n" in later else later
            decoded = _decode_units(units, data, following, later, after, paragraph, dash)
            if decoded is None or not _believable(decoded[0], char in ANCHORS):
                i += 1
                continue
            if char not in ANCHORS and not _latin_context(
                text[base + i - 1] if base + i else " ", decoded[0], following[:1] or " "
            ):
                i += 1
                continue
            replacement, lost = decoded
            tail = _extend_paragraph(paragraph, replacement)
            last = base + end
            spans.append((base + i, base + end, replacement, lost))
            i = end
        if latin and len(spans) > first_span:
            # Latin-1 letters are believed only when the whole run decodes: "茅台" is a word.
            repaired = sum(end - start for start, end, *_ in spans[first_span:])
            if repaired != len(run):
                kept = [s for s in spans[first_span:] if text[s[0]] in ANCHORS]
                del spans[first_span:]
                spans.extend(kept)
    return spans


def _decode_units(
    units: list[list[int]],
    data: list[int],
    following: str,
    later: str,
    after: int | None,
    before: str,
    dash: str,
) -> tuple[str, int] | None:
    """Decode a chain's UTF-8 sequences, inferring lost bytes; (text, lost bytes) or None.

    `before` is the repaired paragraph up to the chain, `following` the text after it, `later`
    the rest of its paragraph (still damaged).
    """
    chars: list[str] = []
    lost = 0
    position = 0
    for index, unit in enumerate(units):
        if SLOT in unit:
            rest = _rest(units[index + 1 :], following)
            right = rest[:1]
            next_word = _NEXT_WORD.match(rest)
            left = chars[-1] if chars else (before[-1:] if before else "")
            so_far = before + "".join(chars)
            paragraph = so_far[so_far.rfind("\n") + 1 :]
            word = paragraph[paragraph.rfind(" ") + 1 :]
            ctx = _Context(
                left,
                right,
                *_open_quote(paragraph),
                word,
                next_word.group(1).lower() if next_word else "",
                paragraph.rstrip()[-1:],
                bool(next_word) and next_word.group(1)[:1].isupper(),
                _closes_later(later) if index + 1 == len(units) else False,
                dash,
            )
            char = _resolve(unit, position, data, after, ctx)
            if char is None:
                return None
            chars.append(char)
            lost += unit.count(SLOT)
        else:
            try:
                chars.append(bytes(unit).decode("utf-8"))
            except UnicodeDecodeError:
                return None
        position += len(unit)
    return "".join(chars), lost


# The next word in Latin script (damaged characters such as 鈥 are not words).
_NEXT_WORD = re.compile(r"\s*([0-9A-Za-z\u00c0-\u024f]+)")
_OPENS = frozenset(bytes([0x9C, b]).decode("gbk", "replace") for b in range(0x40, 0x7F)) - {
    REPLACEMENT
}
_CLOSES = frozenset(bytes([0x9D, b]).decode("gbk", "replace") for b in range(0x40, 0x7F)) - {
    REPLACEMENT
}


def _closes_later(later: str) -> bool:
    """Does the rest of the (damaged) paragraph close a double quote before opening another?

    “ before a letter survives as 鈥 + a character whose first GBK byte is 9C, ” before a letter
    as 9D; a lost byte after sentence punctuation or at the paragraph's end is a closing quote.
    """
    index = later.find("鈥")
    while index != -1:
        after = later[index + 1 : index + 2]
        if after in _OPENS:
            return False
        if after in _CLOSES:
            return True
        if after == REPLACEMENT:
            before = later[index - 1 : index] if index else ""
            end = later[index + 2 : index + 3]
            if before in ".,!?" and before or end == "":
                return True
        index = later.find("鈥", index + 1)
    return False


def _rest(units: list[list[int]], following: str) -> str:
    """The text after a sequence: the chain's later sequences (up to a lost byte), then on."""
    decoded = []
    for unit in units:
        if SLOT in unit:
            return "".join(decoded)
        decoded.append(bytes(unit).decode("utf-8", "replace"))
    return "".join(decoded) + following


def _believable(decoded: str, from_anchor: bool) -> bool:
    """Does the decoded chain look like what an English text holds, not like an accident?"""
    first = ord(decoded[0])
    if from_anchor and not _in_ranges(first, _ANCHOR_TARGETS):
        return False
    if not from_anchor and not (0xA0 <= first <= 0x2FF or 0xFB00 <= first <= 0xFB06):
        return False
    for char in decoded:
        code = ord(char)
        if not (
            0x20 <= code < 0x7F
            or 0xA0 <= code <= 0x2FF
            or 0x2000 <= code <= 0x27BF
            or 0xFB00 <= code <= 0xFB06
        ):
            return False
        # Format characters (zero-width space, bidi marks) are kept: sources do contain them.
        if unicodedata.category(char) in ("Cc", "Cn"):
            return False
    return True
