"""Nexis Uni and Factiva exports: several articles a file, header and trailer kept out of the body."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.readers import ReadError, ReadOptions, detect_format, read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def _read(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return detect_format(name, text), read_document(name, text, ReadOptions())


def test_nexis_export_with_cover_page():
    fmt, result = _read("nexis_with_cover.txt")
    assert fmt == "nexis" and not result.problems
    first, second = result
    assert first.title == "Aid convoy reaches northern shelters for first time in weeks"
    assert (first.outlet, first.published, first.byline) == (
        "The Fixture Gazette", "2023-11-26", ["Lena Ortiz"])
    assert first.extra["edition"] == "Final Edition"
    assert first.extra["length"] == 143
    assert first.extra["section"] == "FOREIGN; Pg. A6"
    assert first.extra["highlight"] == "Relief workers said the supplies would last only a few days."
    assert first.extra["load_date"] == "2023-11-27"
    assert first.extra["subject"].startswith("HUMANITARIAN ASSISTANCE")
    assert first.extra["graphic"].startswith("PHOTO: Trucks wait")
    # hard-wrapped body joined; page markers, graphic and classification are not body
    assert first.text.split("\n\n")[0].endswith("during the third day of the pause in the fighting.")
    for furniture in ("Page 2", "PHOTO", "Classification", "Load-Date", "Search Terms"):
        assert furniture not in first.text
    assert (second.index, second.title, second.published) == (
        1, "Talks continue on longer pause", "2023-11-28")
    assert second.byline == [] and second.text.startswith("Mediators said on Tuesday")


def test_factiva_export():
    fmt, result = _read("factiva_two.txt")
    assert fmt == "factiva" and not result.problems
    first, second = result
    assert first.title == "Mediators say draft is close to agreed"
    assert first.byline == ["Sam Patel", "Ana Ruiz"]
    assert (first.published, first.outlet) == ("2024-03-05T09:12", "The Fixture Times")
    assert first.extra["document_id"] == "FIXT000020240305ek350000b"
    assert first.extra["length"] == 412 and first.extra["section"] == "World News"
    assert first.extra["source_code"] == "FIXT" and first.extra["edition"] == "Late Edition"
    assert first.text.startswith("CAIRO -- Mediators said on Tuesday")
    assert "License this article" not in first.text and "(c) 2024" not in first.text
    # no time, no copyright: the text starts after the language line
    assert (second.published, second.outlet) == ("2024-03-06", "Fixture Wire")
    assert second.text.startswith("Officials said on Wednesday")


def test_nexis_document_without_body_is_a_problem():
    text = (FIXTURES / "nexis_with_cover.txt").read_text(encoding="utf-8")
    broken = text.replace(
        "Mediators said on Tuesday that they were working to lengthen the pause by several more "
        "days, as both sides prepared another exchange of captives and prisoners.\n", "")
    result = read_document("n.txt", broken, ReadOptions())
    assert len(result) == 1
    assert result.problems[0].index == 1 and "no body text" in result.problems[0].message


def test_truncated_factiva_export_is_reported():
    text = (FIXTURES / "factiva_two.txt").read_text(encoding="utf-8")
    cut = text[: text.index("Document FIXW")]
    result = read_document("f.txt", cut, ReadOptions())
    assert len(result) == 1 and "truncated export" in result.problems[0].message


def test_not_an_export_at_all():
    with pytest.raises(ReadError):
        read_document("x.txt", "End of Document\nLoad-Date: May 1, 2024\nEnd of Document\n",
                      ReadOptions())
