"""Text repair after decoding: mojibake from UTF-8 read as cp1252/latin-1 (ftfy) or as GBK (ours).

Clean text must come out byte for byte unchanged, so ftfy runs with every option that rewrites
legitimate characters switched off: no quote uncurling, no Unicode normalisation, no ligature or
width folding (full-width forms are legitimate in CJK text), no line-break changes, no HTML
unescaping (plain text may legitimately say "&amp;"), no control-character removal (emoji tag
sequences use invisible characters). What stays on is the encoding repair itself.
"""

from __future__ import annotations

import difflib
import re

import ftfy

from storyline.ingest.gbk_mojibake import repair_gbk_mojibake
from storyline.records import Repair

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)

# UTF-8 E2 80 xx read as cp1252 is "â€" + one character. Five bytes are undefined in cp1252
# (81 8D 8F 90 9D): a reader with errors="replace" turns them into U+FFFD and one with
# errors="ignore" drops them. Of E2 80 81/8D/8F/90/9D only ” (9D) and the hyphen ‐ (90) are
# visible text; ftfy cannot tell which and leaves U+FFFD (or, for a dropped byte before a space,
# guesses a dagger from "â€" + no-break space). We restore the byte before ftfy runs.
_CP1252_CONTINUATION = "".join(
    bytes([b]).decode("cp1252")
    for b in range(0x80, 0xC0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
) + "\x81\x8d\x8f\x90\x9d"  # a reader that falls back to latin-1 keeps them as C1 controls
# "â€" then U+FFFD, or then anything that is not a continuation byte read as cp1252.
_CP1252_LOST = re.compile("â€(\ufffd|(?![" + re.escape(_CP1252_CONTINUATION) + "]))")


_AMBIGUOUS_A0 = re.compile("[ÂÃ] ")


def _restore_cp1252_lost(text: str) -> tuple[str, int]:
    """Put back the byte that cp1252 could not decode after "â€" (see above); (text, count)."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        count += 1
        if before.islower() and after.islower():
            return "â€\x90"  # U+2010 hyphen between lower-case letters
        return "â€\x9d"  # U+201D right double quotation mark

    return _CP1252_LOST.sub(replace, text), count


_TOKENS = re.compile(r"\S+|\s+")


def changed_characters(before: str, after: str) -> int:
    """How many characters of `before` a repair changed (insertions count their length).

    Aligns words first (a character-level diff of a whole article is quadratic), then counts,
    inside each changed stretch, the characters outside its common prefix and suffix.
    """
    if before == after:
        return 0
    a = _TOKENS.findall(before)
    b = _TOKENS.findall(after)
    if len(a) == len(b):  # the usual case: words were mended in place
        return sum(_changed_in(x, y) for x, y in zip(a, b, strict=True) if x != y)
    before_lines = before.split("\n")
    after_lines = after.split("\n")
    if len(before_lines) == len(after_lines) and len(before_lines) > 1:
        return sum(
            changed_characters(x, y)
            for x, y in zip(before_lines, after_lines, strict=True)
            if x != y
        )
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changed = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changed += _changed_in("".join(a[i1:i2]), "".join(b[j1:j2]))
    return changed


def _changed_in(a: str, b: str) -> int:
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return max(len(a), len(b)) - start - end


def _ftfy(text: str) -> tuple[str, Repair | None]:
    prepared, restored = _restore_cp1252_lost(text) if "â€" in text else (text, 0)
    fixed, steps = ftfy.fix_and_explain(prepared, config=FTFY_CONFIG)
    if fixed == prepared:
        return text, None  # also undoes our restored bytes when ftfy had no use for them
    if _AMBIGUOUS_A0.search(prepared):
        # "Ã " read as "à" (or "Â " as a no-break space) assumes the space was a flattened
        # no-break space; a legitimate "Ã " (a letter named in a list) looks the same. Accept it
        # only in a text that has mojibake without those pairs.
        rest = _AMBIGUOUS_A0.sub("", prepared)
        if ftfy.fix_text(rest, config=FTFY_CONFIG) == rest:
            return text, None
    detail = ", ".join(f"{action} {arg}" for action, arg in steps or [])
    if restored:
        detail += f"; {restored} byte(s) lost by the cp1252 reader inferred"
    return fixed, Repair("ftfy", changed_characters(text, fixed), detail)


def repair_text(text: str, spaced_dash: str | None = None) -> tuple[str, list[Repair]]:
    """Repair mojibake in decoded text; clean text (any script) comes back unchanged.

    `spaced_dash` ("—" or "–"), when the outlet's house style is known, is the dash a GBK reader's
    lost byte becomes between spaces (the bytes cannot tell an en dash from an em dash there).
    """
    if text.isascii():
        return text, []
    repairs: list[Repair] = []
    text, repair = _ftfy(text)
    if repair:
        repairs.append(repair)
    gbk = repair_gbk_mojibake(text, spaced_dash)
    if gbk.sequences:
        repairs.append(
            Repair(
                "gbk-mojibake",
                gbk.changed,
                f"UTF-8 read as GBK: {gbk.sequences} sequence(s) repaired, "
                f"{gbk.lost_bytes} lost byte(s) inferred",
            )
        )
        text = gbk.text
    return text, repairs
