"""Which date an event or figure holds for: `date_for_span` on sentences written for the tests."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.temporal.anchoring import date_for_span
from storyline.temporal.expressions import find_time_expressions

ANCHOR = date(2023, 10, 24)  # Tuesday


@pytest.fixture(scope="module")
def attach(nlp):
    def run(text: str, phrase: str, anchor: date | None = ANCHOR, anchored: str = "published"):
        doc = nlp(text)
        times = find_time_expressions(doc, "t", anchor, anchored)
        start = text.index(phrase)
        return date_for_span(times, doc, start, start + len(phrase), anchor, anchored)

    return run


def test_relative_expression_attached_to_predicate(attach):
    got = attach("Hamas released two hostages on Monday, officials said.", "released two hostages")
    assert (got.earliest, got.latest, got.text, got.basis) == ("2023-10-23", "2023-10-23",
                                                               "Monday", "relative")


def test_explicit_date_basis(attach):
    got = attach("The truce began on Nov. 24, 2023, in Gaza.", "truce began")
    assert (got.earliest, got.basis, got.text) == ("2023-11-24", "explicit", "Nov. 24, 2023")


def test_syntactic_attachment_beats_nearness(attach):
    text = ("The army said on Monday that troops had raided the hospital on Saturday.")
    raid = attach(text, "raided the hospital")
    said = attach(text, "said")
    assert raid.earliest == "2023-10-21"
    assert said.earliest == "2023-10-23"


def test_no_expression_falls_back_to_publication_flagged(attach):
    got = attach("Israel has called up 300,000 reservists.", "called up 300,000 reservists")
    assert (got.earliest, got.latest, got.text, got.basis) == ("2023-10-24", "2023-10-24", None,
                                                               "publication")


def test_no_anchor_is_unknown(attach):
    got = attach("Israel has called up 300,000 reservists on Monday.", "called up", anchor=None,
                 anchored="none")
    assert got.basis == "unknown" and got.earliest is None


def test_no_anchor_explicit_date_still_dates(attach):
    got = attach("Israel called up reservists on Oct. 9, 2023.", "called up", anchor=None,
                 anchored="none")
    assert (got.earliest, got.basis) == ("2023-10-09", "explicit")


def test_durations_and_sets_do_not_date_events(attach):
    got = attach("Aid trucks entered every day for two weeks.", "Aid trucks entered")
    assert got.basis == "publication"


def test_since_spans_to_the_anchor(attach):
    got = attach("Since Saturday, 54 trucks of aid have entered Gaza.", "54 trucks of aid")
    assert (got.earliest, got.latest, got.basis) == ("2023-10-21", "2023-10-24", "relative")
    assert got.text == "Since Saturday"


def test_range_spans_both_dates(attach):
    got = attach("A truce held between Nov. 24 and Dec. 1, 2023.", "A truce held",
                 anchor=date(2023, 12, 5))
    assert (got.earliest, got.latest) == ("2023-11-24", "2023-12-01")


def test_other_sentence_expression_is_ignored(attach):
    text = "The talks collapsed on Friday. Israel resumed strikes."
    got = attach(text, "resumed strikes")
    assert got.basis == "publication"


def test_estimate_anchor_is_carried(attach):
    got = attach("Officials met on Monday.", "Officials met", anchored="estimate")
    assert got.anchored == "estimate" and got.basis == "relative"
    got = attach("Officials met.", "Officials met", anchored="estimate")
    assert got.anchored == "estimate" and got.basis == "publication"


def test_before_is_a_bound_not_the_date(attach):
    got = attach("The hostages were moved before Friday.", "were moved")
    assert got.basis == "publication"
