"""Time-expression finding and TIMEX3 normalisation on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.temporal.expressions import find_time_expressions
from storyline.temporal.normalise import weekday_date_years

TUESDAY = date(2023, 10, 24)  # the anchor: a Tuesday


@pytest.fixture(scope="module")
def find(nlp):
    def run(text: str, anchor: date | None = TUESDAY, anchored: str = "published"):
        return find_time_expressions(nlp(text), "t", anchor, anchored)

    return run


def one(found, quote: str):
    hits = [t for t in found if t.quote == quote]
    assert hits, f"{quote!r} not found in {[t.quote for t in found]}"
    return hits[0]


def test_weekday_past_by_default(find):
    tx = one(find("The minister resigned on Friday after the vote."), "Friday")
    assert (tx.type, tx.value, tx.earliest, tx.latest) == ("DATE", "2023-10-20", "2023-10-20",
                                                           "2023-10-20")
    assert tx.anchored == "published" and tx.rule.startswith("rel.")


def test_weekday_future_tense_picks_next(find):
    assert one(find("The envoys will meet on Thursday in Cairo."), "Thursday").value == \
        "2023-10-26"
    assert one(find("Talks are set to resume on Friday."), "Friday").value == "2023-10-27"


def test_weekday_of_a_reported_would_picks_next(find):
    """"said it would sign on Friday": the future of the saying, which is the writing's day."""
    assert one(find("The envoy said the rebels would sign the accord on Friday."),
               "Friday").value == "2023-10-27"
    # "would have" is a past conditional
    assert one(find("The convoy would have crossed on Friday had the gate been open."),
               "Friday").value == "2023-10-20"


def test_publication_weekday_is_that_day(find):
    assert one(find("The army said on Tuesday that it had struck."), "Tuesday").value == \
        "2023-10-24"


def test_last_week_next_week(find):
    found = find("Last week the ministers met, and next week they will meet again.")
    assert one(found, "Last week").value == "2023-W42"
    assert (one(found, "Last week").earliest, one(found, "Last week").latest) == (
        "2023-10-16", "2023-10-22")
    assert one(found, "next week").value == "2023-W44"


def test_earlier_this_month_and_last_month(find):
    found = find("Earlier this month the border closed; last month it was open.")
    tx = one(found, "Earlier this month")
    # before the day of writing: that day would be "today"
    assert (tx.value, tx.earliest, tx.latest) == ("2023-10", "2023-10-01", "2023-10-23")
    assert one(found, "last month").value == "2023-09"
    # written on the 1st, the earlier part of the month is empty: the month just gone
    first = one(find("Earlier this month the border closed.", date(2023, 11, 1)),
                "Earlier this month")
    assert (first.value, first.earliest, first.latest) == ("2023-10", "2023-10-01", "2023-10-31")


def test_date_without_year_is_the_most_recent(find):
    tx = one(find("Hundreds were taken hostage on Oct. 7."), "Oct. 7")
    assert tx.value == "2023-10-07" and tx.rule.startswith("rel.")
    later = find("Hundreds were taken hostage on Oct. 7.", date(2024, 8, 12))
    assert one(later, "Oct. 7").value == "2023-10-07"
    attributive = find("He planned the Oct. 7 attack.", date(2024, 8, 12))
    assert one(attributive, "Oct. 7").value == "2023-10-07"


def test_explicit_date_is_absolute(find):
    tx = one(find("The truce began on Nov. 24, 2023, at dawn."), "Nov. 24, 2023")
    assert tx.value == "2023-11-24" and tx.rule.startswith("abs.") and tx.anchored == "none"


def test_weekday_and_date_infers_year(find):
    tx = one(find("The cabinet met on Thursday, October 26, to approve it.", date(2023, 10, 28)),
             "Thursday, October 26")
    assert tx.value == "2023-10-26"
    # October 26 was a Thursday in 2023 and in 2017: the one nearest the anchor wins
    assert one(find("It happened on Thursday, October 26.", date(2018, 3, 1)),
               "Thursday, October 26").value == "2017-10-26"
    assert weekday_date_years(10, 26, 3, 2023, spread=6)[0] == 2023


def test_a_weekday_a_day_off_a_recent_date_is_a_slip_not_another_year(find):
    # 23 October 2023 was a Monday; "Monday 24 October" written the day after means this year,
    # though 24 October fell on a Monday in 2022
    assert one(find("The two women were freed on Monday 24 October."), "Monday 24 October"
               ).value == "2023-10-24"


def test_durations(find):
    found = find("After 10 months of war, the 19-month-old conflict dragged on for two weeks.")
    assert one(found, "10 months").value == "P10M"
    assert one(found, "10 months").type == "DURATION"
    assert one(found, "19-month-old").value == "P19M"
    assert one(found, "two weeks").value == "P2W"
    assert one(find("Over the past three months prices rose."), "the past three months").value \
        == "P3M"


def test_since_keeps_the_date(find):
    tx = one(find("Since Oct. 7, more than 200 people have been held."), "Oct. 7")
    assert tx.value == "2023-10-07"


def test_range_both_ends(find):
    found = find("A truce held between Nov. 24 and Dec. 1.", date(2023, 12, 5))
    assert one(found, "Nov. 24").value == "2023-11-24"
    assert one(found, "Dec. 1").value == "2023-12-01"


def test_part_of_day(find):
    tx = one(find("Strikes hit the city on Monday night."), "Monday night")
    assert (tx.type, tx.value, tx.earliest) == ("TIME", "2023-10-23TNI", "2023-10-23")
    assert one(find("She spoke this morning."), "this morning").value == "2023-10-24TMO"


def test_sets(find):
    found = find("Aid trucks enter every day and officials brief reporters daily.")
    assert (one(found, "every day").type, one(found, "every day").value) == ("SET", "P1D")
    assert one(found, "daily").value == "P1D"
    assert one(find("They meet every Monday."), "every Monday").value == "XXXX-WXX-1"


def test_present_ref_and_years(find):
    found = find("Now the economy is weaker than in 2019, in the 1990s or in the third quarter.")
    assert one(found, "Now").value == "PRESENT_REF"
    assert one(found, "2019").value == "2019"
    assert one(found, "the 1990s").value == "199"
    assert one(found, "the third quarter").value == "2023-Q3"
    assert one(find("Profits fell in the first quarter of 2022."),
               "the first quarter of 2022").value == "2022-Q1"


def test_numbers_are_not_years(find):
    found = find("The army called up 2000 reservists and 1500 trucks waited.")
    assert not [t for t in found if t.quote in ("2000", "1500")]


def test_a_number_naming_a_resolution_or_flight_is_not_a_year(find):
    found = find("The council recalled Resolution 1701, adopted in 2006, and Flight 1900 "
                 "was delayed.")
    assert [t.quote for t in found] == ["2006"]


def test_ages_are_not_durations(find):
    assert not find("A 6-year-old girl was among those released.")


def test_relative_without_anchor_is_underspecified(find):
    found = find("The talks resumed on Monday and ended last week, on Oct. 9, 2023.", None)
    monday = one(found, "Monday")
    assert (monday.value, monday.earliest, monday.anchored) == ("XXXX-WXX-1", None, "none")
    assert one(found, "last week").value == "XXXX-WXX"
    assert one(found, "Oct. 9, 2023").value == "2023-10-09"


def test_estimated_anchor_is_marked(find):
    tx = one(find("The talks resumed on Monday.", anchored="estimate"), "Monday")
    assert tx.anchored == "estimate"


def test_ago_and_seasons(find):
    found = find("Two weeks ago the plan failed, as it had last summer.")
    assert one(found, "Two weeks ago").value == "2023-W41"
    assert one(found, "last summer").value == "2023-SU"  # the latest summer before now


def test_urls_are_skipped(find):
    found = find("See https://example.org/news/strikes-overnight-2023-10-22/ for more.")
    assert not found


def test_spoken_years_and_clock(find):
    found = find("In nineteen ninety-six the plant closed at 5 p.m. EST, Nov. 6.",
                 date(1996, 11, 10))
    assert one(found, "nineteen ninety-six").value == "1996"
    assert one(found, "5 p.m. EST, Nov. 6").value == "1996-11-06T17:00"


def test_a_past_tense_wish_points_ahead(find):
    # grain11: "hoped"/"wanted" in reported speech still look forward; a plan reported in the
    # past tense looks back
    tx = one(find("The mayor said the city hoped to reopen the library in December."),
             "December")
    assert tx.value == "2023-12"
    tx = one(find("The club wanted to sign the striker in November."), "November")
    assert tx.value == "2023-11"
    tx = one(find("The firm planned to open the plant in March."), "March")
    assert tx.value == "2023-03"


def test_later_and_the_next_day_count_from_the_narratives_last_date(find):
    found = find("On 12 October the first convoy crossed. Two days later a second one followed. "
                 "The next day the gate shut. A week earlier, talks had stalled.")
    assert one(found, "Two days later").value == "2023-10-14"
    assert one(found, "The next day").value == "2023-10-15"
    assert one(found, "A week earlier").value == "2023-W40"  # from the last date: the 15th
    # counted from a date that rested on the anchor: re-anchored with it
    assert one(found, "Two days later").anchored == "published"
    # from a date the text gives in full, the value needs no anchor
    full = find("On 3 March 2020 the deal was signed; two years later it collapsed.")
    assert one(full, "two years later").value == "2022"
    assert one(full, "two years later").anchored == "none"


def test_later_with_no_date_before_it_dates_nothing(find):
    # not the writing's day plus two: the narrative's day is unknown
    found = find("The army said it had withdrawn. Two days later the shelling resumed.")
    later = one(found, "Two days later")
    assert later.type == "DATE" and later.earliest is None and later.latest is None
    # an event anchors "the day after the attack", not the narrative
    found = find("On 12 October the talks broke up. They met again the day after the attack.")
    assert not [t for t in found if t.quote.startswith("the day after")]
