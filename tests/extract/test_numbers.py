"""Number parsing on phrases written for these tests."""

from __future__ import annotations

import pytest

from storyline.extract.numbers import (
    find_quantities,
    is_round,
    parse_number,
    qualifier_of,
    vague_range,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,400", 1400.0),
        ("54", 54.0),
        ("2.3 million", 2_300_000.0),
        ("2 million", 2_000_000.0),
        ("$3.5 billion", 3_500_000_000.0),
        ("US$3.5bn", 3_500_000_000.0),
        ("€40m", 40_000_000.0),
        ("two", 2.0),
        ("Eight", 8.0),
        ("twenty-five", 25.0),
        ("one hundred and twenty", 120.0),
        ("a dozen", 12.0),
        ("three thousand", 3000.0),
        ("30%", 30.0),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parse_number_rejects_words_that_are_no_numbers():
    assert parse_number("hostages") is None
    assert parse_number("") is None


@pytest.mark.parametrize(
    ("text", "bounds"),
    [("dozens", (24, 99)), ("tens of thousands", (20_000, 99_999)), ("hundreds", (200, 999)),
     ("Thousands", (2_000, 9_999))],
)
def test_vague_range(text, bounds):
    assert vague_range(text) == bounds


def test_vague_range_unknown():
    assert vague_range("many") is None


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [("more than", "more_than"), ("some", "approximately"), ("at least", "at_least"),
     ("nearly", "nearly"), ("up to", "up_to"), ("fewer than", "fewer_than"),
     ("has passed", "more_than"), ("edging closer to", "nearly"), ("the", None)],
)
def test_qualifier_of(words, qualifier):
    assert qualifier_of(words) == qualifier


def _one(text):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "quote"),
    [
        ("the raid left some 1,400 people dead", 1400, "approximately", "some 1,400"),
        ("the group holds more than 200 captives", 200, "more_than", "more than 200"),
        ("at least 93 villagers died", 93, "at_least", "at least 93"),
        ("a barrage of about 30 shells", 30, "approximately", "about 30"),
        ("the toll has passed 53,000", 53000, "more_than", "has passed 53,000"),
        ("a tally edging closer to 40,000", 40000, "nearly", "edging closer to 40,000"),
        ("nearly 50 trucks crossed", 50, "nearly", "nearly 50"),
        ("up to 50 percent of the land", 50, "up_to", "up to 50 percent"),
        ("fewer than 10 lorries", 10, "fewer_than", "fewer than 10"),
        ("the freeing of two more captives", 2, "exact", "two"),
    ],
)
def test_find_quantity_with_qualifier(text, value, qualifier, quote):
    q = _one(text)
    assert q.value == value
    assert q.qualifier == qualifier
    assert q.text == quote
    assert text[q.start:q.end] == quote


def test_range_between_and_hyphen():
    q = _one("between 100 and 150 families fled")
    assert (q.value, q.low, q.high) == (None, 100, 150)
    assert q.text == "between 100 and 150"
    q = _one("100-150 trucks a day")
    assert (q.low, q.high) == (100, 150)


def test_two_numbers_joined_by_and_are_no_range():
    found = find_quantities("gunmen killed 1,200 people and seized 250")
    assert [q.value for q in found] == [1200, 250]


def test_vague_amounts():
    q = _one("tens of thousands of residents fled")
    assert q.vague and (q.low, q.high) == (20_000, 99_999)
    assert q.qualifier == "approximately"
    assert _one("scores of captives").low == 40
    assert find_quantities("they kept scores") == []  # "scores" alone is not an amount


def test_units_and_suffixes():
    assert _one("it released $3.5 billion").unit == "USD"
    assert _one("about 30% of the strip").unit == "percent"
    q = _one("the 2 million-strong population")
    assert q.suffix == "strong" and q.value == 2_000_000
    assert _one("the 19-month-old war").suffix == "month-old"
    assert find_quantities("a seven-day truce") == []


def test_times_dates_and_ordinals_are_refused():
    assert find_quantities("at 10:30 on 10/18/2023") == []
    assert find_quantities("the 7th round") == []
    assert [q.value for q in find_quantities("Oct. 7")] == [7]  # the caller drops dates


def test_words_and_digits():
    found = find_quantities("twenty-five men and one hundred and twenty others")
    assert [(q.value, q.words) for q in found] == [(25, True), (120, True)]


def test_is_round():
    assert is_round("2 million") and is_round("2,000")
    assert not is_round("2,345") and not is_round("48")
