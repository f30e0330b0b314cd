"""CSV cells defused by the OWASP rule; bidi controls shown, never passed on."""

from __future__ import annotations

import csv
import io

import pytest

from storyline.output.text_safety import neutralise_cell, show_bidi


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x",
                                  '=HYPERLINK("http://example.invalid","x")'])
def test_formula_starts_get_a_leading_quote(cell):
    assert neutralise_cell(cell) == "'" + cell


def test_ordinary_cells_and_numbers_are_unchanged():
    assert neutralise_cell("Talks resume") == "Talks resume"
    assert neutralise_cell(-5.0) == -5.0 and neutralise_cell(3) == 3
    assert neutralise_cell("a = b") == "a = b"


def test_bidi_controls_are_named_and_ordinary_marks_kept():
    assert show_bidi("abc\u202edef\u202c") == "abc\u27e8U+202E RLO\u27e9def\u27e8U+202C PDF\u27e9"
    assert show_bidi("\u2067x\u2069") == "\u27e8U+2067 RLI\u27e9x\u27e8U+2069 PDI\u27e9"
    assert show_bidi("name \u200f in Arabic") == "name \u200f in Arabic"  # RLM is ordinary


def test_csv_round_trip_keeps_the_quote_visible():
    from storyline.output.exports import _csv

    text = _csv(["a", "b"], [{"a": "=cmd|' /C calc'!A0", "b": "x\u202ey"}])
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row == ["'=cmd|' /C calc'!A0", "x\u27e8U+202E RLO\u27e9y"]
