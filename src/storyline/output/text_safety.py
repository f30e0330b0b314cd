"""Text from articles made safe to show: spreadsheet formulas defused, bidi overrides visible.

Article text is untrusted: an outlet field of `=HYPERLINK(…)` becomes a live formula when a CSV
export is opened in a spreadsheet, and a right-to-left override (U+202E) reverses what a reader
sees (a quote, a figure, a file name) without changing the underlying text. These helpers are
for what people read (CSV cells, Markdown, HTML); JSON exports keep the text exact, since its
offsets must match the article.
"""

from __future__ import annotations

import re

# OWASP "CSV Injection": a cell starting with one of these is read as a formula (tab and CR
# too, which some spreadsheets skip before looking for "="). The defence is a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The explicit directional formatting characters (embeddings, overrides, isolates): they
# reorder what follows them. The implicit marks (LRM, RLM, ALM) are left alone: they are
# ordinary in right-to-left text and cannot reorder a run by themselves.
BIDI_CONTROLS = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}
_BIDI = re.compile("[" + "".join(BIDI_CONTROLS) + "]")


def show_bidi(text: str) -> str:
    """Each bidi control replaced by a visible mark naming it: "⟨U+202E RLO⟩"."""
    if not _BIDI.search(text):
        return text
    return _BIDI.sub(lambda m: f"\u27e8U+{ord(m.group()):04X} {BIDI_CONTROLS[m.group()]}\u27e9",
                     text)


def neutralise_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula, with bidi controls shown; numbers and
    other non-strings are returned as they are (a negative number stays a number)."""
    if not isinstance(value, str):
        return value
    value = show_bidi(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
