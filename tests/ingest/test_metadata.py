"""Stated metadata: dates that are written, outlets named by URL, bylines split into people."""

from __future__ import annotations

import pytest

from storyline.ingest.metadata import outlet_from_url, parse_stated_date, split_byline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-10-24 01:49", "2023-10-24T01:49"),
        ("2023-10-07T13:09:32+00:00", "2023-10-07T13:09+00:00"),
        ("2023-10-07T13:09:32Z", "2023-10-07T13:09+00:00"),
        ("2024-02-07", "2024-02-07"),
        ("December 1, 2023 Friday", "2023-12-01"),
        ("December 1, 2023 Friday 10:35 AM EST", "2023-12-01T10:35"),
        ("1 December 2023", "2023-12-01"),
        ("Oct. 24, 2023 1:49 AM EDT", "2023-10-24T01:49"),
        ("Published: 24 October 2023", "2023-10-24"),
        ("Load-Date: January 30, 2024", "2024-01-30"),
        ("13/04/2024", "2024-04-13"),
        ("04/13/2024", "2024-04-13"),
    ],
)
def test_stated_dates(text, expected):
    assert parse_stated_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Friday", "next Friday", "yesterday", "3 days ago", "December 2023", "24 October", "2023",
     "03/04/2024", "1,234 words", "21:05", "", "2023-02-30",
     "The talks resumed in Cairo on December 1, 2023, after a long pause in the fighting there "
     "that lasted for weeks and weeks"],
)
def test_never_guesses(text):
    assert parse_stated_date(text) is None


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.reuters.com/world/story-2023-10-23/", "Reuters"),
        ("http://bbc.co.uk/news/world-middle-east-67040221", "BBC News"),
        ("https://www.bbc.com/news/articles/abc", "BBC News"),
        ("https://edition.cnn.com/2024/08/12/middleeast/x", "CNN"),
        ("https://www.timesofisrael.com/liveblog/", "The Times of Israel"),
        ("www.aljazeera.com/news/2024/1/1/x", "Al Jazeera"),
        ("https://news.example-paper.co.uk/story", "example-paper.co.uk"),
        ("https://wire.storyline.example/2023/10/21/x", "storyline.example"),
        ("not a url", None),
        ("http://192.168.1.4/page", None),
        ("", None),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Matt Spetalnick, Steve Holland, Humeyra Pamuk",
         ["Matt Spetalnick", "Steve Holland", "Humeyra Pamuk"]),
        ("By Jane Doe and John Roe in Jerusalem", ["Jane Doe", "John Roe"]),
        ("Jane Doe, Middle East correspondent", ["Jane Doe"]),
        ("By Jane Doe | Reuters", ["Jane Doe"]),
        ("Staff and agencies", []),
        ("Ali Abu Bakr & Sara de la Cruz", ["Ali Abu Bakr", "Sara de la Cruz"]),
        ("**Omar Haddad; Dana Levin; Omar Haddad**", ["Omar Haddad", "Dana Levin"]),
        ("", []),
    ],
)
def test_split_byline(byline, names):
    assert split_byline(byline) == names


def test_outlet_inferred_from_the_one_outlet_a_source_told():
    from storyline.ingest.metadata import outlet_from_text

    text = "The talks stalled, an official told Reuters on Monday. He told Reuters more later."
    assert outlet_from_text(text) == ("Reuters", "told Reuters")
    assert outlet_from_text("A diplomat told the BBC News team nothing.") == (
        "BBC News", "told the BBC News")
    # Two outlets named: the text quotes others' reporting, so nothing is inferred.
    assert outlet_from_text("He told CNN and later told Reuters the same.") is None
    assert outlet_from_text("Nobody told anyone anything.") is None
