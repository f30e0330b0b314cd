"""Bytes to text: byte-order marks, UTF-16/32 without BOM, strict UTF-8, then legacy encodings.

`decode_bytes` never guesses silently on binary data: files that carry a known binary signature
(PDF, ZIP, images, archives, executables…) or whose bytes are mostly control characters raise
`BinaryInput` with a short message for the user. Newlines come out as `\\n` whatever the input.

A file that mixes UTF-8 with a legacy single-byte encoding (text pasted from two sources) is
repaired per run of bytes: UTF-8 where the bytes are valid UTF-8, cp1252 for the runs that are
not; its encoding is reported as MIXED, which the pipeline records as a repair and a flag.
`LineDecoder` makes the same choice from a file's first bytes and then decodes one line at a
time, for the streaming JSONL and CSV readers.
"""

from __future__ import annotations

import re

try:  # optional: a dependency of trafilatura/requests, so normally present
    import charset_normalizer
except ImportError:  # pragma: no cover - exercised only in a stripped-down install
    charset_normalizer = None


class BinaryInput(ValueError):
    """The bytes are not text (a binary signature or too many control characters)."""


# (signature, offset, name). Only signatures that cannot plausibly begin a news text.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "PDF"),
    (b"PK\x03\x04", 0, "ZIP/Office/EPUB"),
    (b"PK\x05\x06", 0, "ZIP"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"\x00\x00\x01\x00", 0, "icon"),
    (b"\x1f\x8b", 0, "gzip"),
    (b"\xfd7zXZ\x00", 0, "xz"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd"),
    (b"Rar!\x1a\x07", 0, "RAR"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"\xcf\xfa\xed\xfe", 0, "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", 0, "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", 0, "Java class / Mach-O"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "OLE (old Word/Excel)"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"OggS", 0, "Ogg media"),
    (b"fLaC", 0, "FLAC audio"),
    (b"wOFF", 0, "WOFF font"),
    (b"wOF2", 0, "WOFF2 font"),
    (b"\x00asm", 0, "WebAssembly"),
    (b"ftyp", 4, "MP4/QuickTime media"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_RIFF = re.compile(rb"RIFF....(WEBP|WAVE|AVI )", re.DOTALL)

# BOMs, longest first (the UTF-32 LE BOM begins with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)

SAMPLE = 64 * 1024
# Control characters that text files legitimately hold.
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x0b\x1b")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
_NEWLINES = re.compile("\r\n?|[\u2028\u2029]")


def _signature(data: bytes) -> str | None:
    for magic, offset, name in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return name
    if _BZIP2.match(data):
        return "bzip2"
    if _RIFF.match(data):
        return "RIFF media"
    return None


def _utf16_32_without_bom(sample: bytes) -> str | None:
    """Guess UTF-16/32 from where the NUL bytes sit (ASCII-heavy text in a wide encoding)."""
    n = len(sample) - len(sample) % 4
    if n < 8:
        return None
    sample = sample[:n]
    zeros = [sample[i::4].count(0) / (n // 4) for i in range(4)]
    if zeros[1] > 0.9 and zeros[2] > 0.9 and zeros[3] > 0.9 and zeros[0] < 0.1:
        return "utf-32-le"
    if zeros[0] > 0.9 and zeros[1] > 0.9 and zeros[2] > 0.9 and zeros[3] < 0.1:
        return "utf-32-be"
    even = (zeros[0] + zeros[2]) / 2
    odd = (zeros[1] + zeros[3]) / 2
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / len(sample)


def _legacy(data: bytes) -> tuple[str, str]:
    """Non-UTF-8 bytes: cp1252 when it fits Latin text, else charset-normalizer, else latin-1."""
    try:
        cp1252: str | None = data.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        cp1252 = None
    if cp1252 is not None:
        # Latin-script text has high bytes scattered among ASCII; runs of high bytes mean
        # a multi-byte legacy encoding (GBK, Shift-JIS, EUC-KR) or a Cyrillic/Greek/Arabic one.
        if _looks_latin(cp1252):
            return cp1252, "cp1252"
    if charset_normalizer is not None:
        best = charset_normalizer.from_bytes(data[: SAMPLE * 4]).best()
        if best is not None and best.encoding:
            try:
                return data.decode(best.encoding), best.encoding.replace("_", "-")
            except (UnicodeDecodeError, LookupError):
                pass
    if cp1252 is not None:
        return cp1252, "cp1252"
    return data.decode("latin-1"), "latin-1"


def _looks_latin(text: str) -> bool:
    non_ascii = [c for c in text[:SAMPLE] if ord(c) >= 0x80]
    if not non_ascii:
        return True
    letters = sum(1 for c in text[:SAMPLE] if c.isalpha())
    # Mostly-ASCII text with a few accents, curly quotes or dashes.
    return len(non_ascii) <= 0.2 * max(letters, 1)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes to text with `\\n` newlines; return (text, encoding name).

    Raises BinaryInput for data that is not text.
    """
    name = _signature(data)
    if name:
        raise BinaryInput(f"binary file ({name} signature)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError:
                raise BinaryInput(f"binary file (invalid {encoding} after its BOM)") from None
            return _finish(text), encoding
    sample = data[:SAMPLE]
    wide = _utf16_32_without_bom(sample) if 0 in sample else None
    if wide:
        try:
            return _finish(data.decode(wide)), wide
        except UnicodeDecodeError:
            pass  # not really UTF-16/32: judged as binary below
    if sample.count(0) > max(2, len(sample) // 1000):
        raise BinaryInput("binary file (NUL bytes)")
    if _control_share(sample) > 0.05:
        raise BinaryInput("binary file (control characters)")
    try:
        text = data.decode("utf-8")
        encoding = "ascii" if data.isascii() else "utf-8"
    except UnicodeDecodeError:
        mixed = _mixed_utf8(data)
        text, encoding = (mixed, MIXED) if mixed is not None else _legacy(data)
    return _finish(text), encoding


_ESCAPED = re.compile("[\udc80-\udcff]")


def _escaped_byte(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        return byte.decode("latin-1")


def _mixed_utf8(data: bytes) -> str | None:
    """UTF-8 mixed with a legacy single-byte encoding, decoded per run of bytes; else None.

    The valid UTF-8 is decoded as UTF-8 and each invalid byte as cp1252 when the file holds
    valid multi-byte UTF-8 and its invalid bytes look like Latin text in a single-byte code page
    (short runs between ASCII, as accented letters, curly quotes and dashes are), or when valid
    sequences outnumber the invalid bytes (a few stray bytes, a character cut at the end). Long
    runs of invalid bytes are a multi-byte or non-Latin legacy encoding: None, decode it whole.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    runs = [len(m.group()) for m in _ESCAPED_RUN.finditer(text)]
    invalid = sum(runs)
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
    if valid == 0:
        return None
    latin_runs = sum(runs) <= 2.5 * len(runs)
    if not (valid >= invalid or (latin_runs and valid >= max(2, 0.05 * invalid))):
        return None
    return _ESCAPED.sub(_escaped_byte, text)


_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")
MIXED = "utf-8+cp1252"


class NotStreamable(ValueError):
    """A wide encoding (UTF-16/32): lines cannot be split on the newline byte."""


class LineDecoder:
    """Decodes a file one line at a time, in the encoding its first bytes show.

    UTF-8 files (and ASCII ones) are decoded per line as UTF-8; a line that is not valid UTF-8
    is repaired per run (`_mixed_utf8`) or decoded as the legacy code page, and counted in
    `repaired_lines`. A file whose first bytes are a legacy encoding is decoded in it
    throughout. Raises BinaryInput for binary data, NotStreamable for UTF-16/32.
    """

    def __init__(self, head: bytes) -> None:
        name = _signature(head)
        if name:
            raise BinaryInput(f"binary file ({name} signature)")
        self.bom = b""
        for bom, encoding in _BOMS:
            if head.startswith(bom):
                if encoding != "utf-8-sig":
                    raise NotStreamable(encoding)
                self.bom = bom
        if 0 in head and _utf16_32_without_bom(head):
            raise NotStreamable("utf-16/32")
        if head.count(0) > max(2, len(head) // 1000):
            raise BinaryInput("binary file (NUL bytes)")
        if _control_share(head) > 0.05:
            raise BinaryInput("binary file (control characters)")
        self.encoding = "utf-8"
        self.repaired_lines = 0
        body = head[len(self.bom):]
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            cut = exc.reason == "unexpected end of data" and exc.start >= len(body) - 3
            if not cut and _mixed_utf8(body) is None:
                self.encoding = _legacy(body)[1]
        self.name = "utf-8-sig" if self.bom else self.encoding

    def decode(self, line: bytes) -> tuple[str, bool]:
        """(text of one line, whether it needed a repair) with `\\n` newlines and no NUL."""
        if self.bom and line.startswith(self.bom):
            line = line[len(self.bom):]
        repaired = False
        if self.encoding == "utf-8":
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                # In a UTF-8 file, invalid bytes in short runs are the legacy code page.
                repaired = True
                text = line.decode("utf-8", errors="surrogateescape")
                runs = [len(m.group()) for m in _ESCAPED_RUN.finditer(text)]
                if sum(runs) <= 2.5 * len(runs):
                    text = _ESCAPED.sub(_escaped_byte, text)
                else:
                    text = _legacy(line)[0]
        else:
            try:
                text = line.decode(self.encoding)
            except (UnicodeDecodeError, LookupError):
                repaired = True
                text = line.decode("cp1252", errors="replace")
        self.repaired_lines += repaired
        if "\x00" in text:
            text = text.replace("\x00", "")
        if text.endswith("\r\n"):
            text = text[:-2] + "\n"
        return text, repaired


def _finish(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")  # a stray NUL is never content
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    return text
