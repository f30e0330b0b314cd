"""JSON, JSONL and CSV: usual field names, the user's field map, and bad records reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest.readers import ReadError, ReadOptions, detect_format, read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
TEXT = ("Mediators met in Doha on Thursday to discuss a new proposal for a pause in the fighting, "
        "two officials said.")


def test_json_list_with_usual_names():
    records = [
        {"headline": "One", "body": TEXT, "publish_date": "2024-01-02", "link":
         "https://www.bbc.co.uk/news/x", "authors": ["Lena Ortiz", "Sam Patel"], "id": 7},
        {"title": "Two", "content": ["First paragraph here.", "Second one."],
         "pubDate": "Tue, 02 Jan 2024 10:00:00 GMT", "source": {"name": "Fixture Wire"}},
    ]
    result = read_document("a.json", json.dumps(records), ReadOptions())
    one, two = result
    assert (one.title, one.published, one.outlet, one.byline) == (
        "One", "2024-01-02", "BBC News", ["Lena Ortiz", "Sam Patel"])
    assert one.extra["id"] == 7 and one.index == 0 and one.format == "json"
    assert two.text == "First paragraph here.\n\nSecond one."
    assert (two.published, two.outlet, two.index) == ("2024-01-02T10:00", "Fixture Wire", 1)
    assert result.problems == []


def test_single_object_and_wrapper():
    [doc] = read_document("one.json", json.dumps({"text": TEXT, "title": "Solo"}), ReadOptions())
    assert doc.title == "Solo"
    wrapped = {"status": "ok", "articles": [{"text": TEXT}, {"text": TEXT + " Again."}]}
    assert len(read_document("w.json", json.dumps(wrapped), ReadOptions())) == 2


def test_custom_field_names_with_field_map():
    text = (FIXTURES / "custom_fields.json").read_text(encoding="utf-8")
    options = ReadOptions(field_map={"text": "article_body", "title": "headline.main",
                                     "date": "pub"})
    result = read_document("custom.json", text, options)
    first, empty = result
    assert first.title == "Ministers weigh new offer"
    assert first.text.startswith("Ministers met late on Thursday") and "\n\n" in first.text
    assert first.published == "2024-03-07T23:10+00:00"
    assert (first.url, first.outlet) == ("https://www.reuters.com/world/fixture-offer", "Reuters")
    assert first.byline == ["Lena Ortiz", "Sam Patel"]
    assert first.extra["_id"] == "fx-1"
    assert empty.text == "" and empty.published == "2024-03-07"  # the pipeline judges length
    [problem] = result.problems
    assert problem.index == 2 and "no field 'article_body'" in problem.message
    assert "summary" in problem.message


def test_custom_fields_without_map_take_only_the_usual_names():
    text = (FIXTURES / "custom_fields.json").read_text(encoding="utf-8")
    result = read_document("custom.json", text, ReadOptions())
    first = result[0]
    assert first.text.startswith("Ministers met")  # "article_body" is a usual name for text
    assert first.title == "Ministers weigh new offer"  # {"main": ...} is unwrapped
    assert first.published is None and first.extra["pub"] == "2024-03-07T23:10:00Z"
    assert "no text field (fields: _id, headline, summary" in result.problems[0].message


def test_json_without_articles_names_its_keys():
    with pytest.raises(ReadError, match="no text field and no list of articles.*status"):
        read_document("x.json", '{"status": "ok", "count": 0}', ReadOptions())


@pytest.mark.parametrize(
    "text", ['[{"title": "A", "text": "Talks resumed in Doha on', '{"text": "x", ', "[1, 2"]
)
def test_truncated_json(text):
    with pytest.raises(ReadError, match=r"^truncated or invalid JSON at line 1 col \d+"):
        read_document("t.json", text, ReadOptions())


def test_jsonl_bad_lines_reported_with_line_numbers():
    lines = [json.dumps({"text": TEXT, "date": "2024-01-03"}), '{"text": "broken',
             "", json.dumps(["not", "an", "object"]), json.dumps({"title": "no text"}),
             json.dumps({"body": TEXT})]
    result = read_document("d.jsonl", "\n".join(lines), ReadOptions())
    assert [d.index for d in result] == [0, 5]  # index = line number - 1
    assert [(p.index, p.message.split(":")[0]) for p in result.problems] == [
        (1, "line 2"), (3, "line 4"), (4, "line 5")]
    assert "truncated or invalid JSON" in result.problems[0].message
    assert "not an object" in result.problems[1].message
    assert "no text field" in result.problems[2].message


def test_jsonl_detected_without_suffix_and_all_bad_is_an_error():
    text = json.dumps({"text": TEXT}) + "\n" + json.dumps({"text": TEXT})
    assert detect_format("dump", text) == "jsonl"
    assert detect_format("dump.json", text) == "jsonl"
    with pytest.raises(ReadError, match="no record could be read"):
        read_document("x.jsonl", "{bad\n{worse\n", ReadOptions())


def test_csv_sniffs_delimiter_and_keeps_quoted_paragraphs():
    body = 'He said "no deal yet".\n\nA second paragraph; with a semicolon.'
    text = f'Headline;Article;Date\n"Talks stall";"{body.replace(chr(34), 2 * chr(34))}";' \
           f"05/03/2024\n"
    [doc] = read_document("s.csv", text, ReadOptions())
    assert doc.title == "Talks stall" and doc.text == body
    assert doc.published is None and doc.extra["published_unparsed"] == "05/03/2024"


def test_csv_without_text_column_names_the_columns():
    with pytest.raises(ReadError, match="no text column among the columns found: title, date"):
        read_document("n.csv", "title,date\nTalks resume,2024-01-01\n", ReadOptions())
    options = ReadOptions(field_map={"text": "story_text"})
    [doc] = read_document("n.csv", f"title,story_text\nA,{TEXT.replace(',', '')}\n", options)
    assert doc.text.startswith("Mediators met")


def test_csv_ragged_row_is_a_problem_not_a_failure():
    text = f"title,text\nA,{TEXT.replace(',', '')}\nB,x,y,z\n"
    result = read_document("r.csv", text, ReadOptions())
    assert len(result) == 1 and "4 cells for 2 columns" in result.problems[0].message


def test_csv_detected_in_a_txt_file():
    assert detect_format("export.txt", "title,text,date\nA,Some text,2024-01-01\n") == "csv"


def test_bbc_jsonl_true_dates_and_titles(shared_dir):
    path = shared_dir / "data" / "news" / "bbc-2023-10-to-11.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    result = read_document(path.name, path.read_text(encoding="utf-8"), ReadOptions())
    assert len(result) == len(lines) and not result.problems
    for doc, line in zip(result, lines, strict=True):
        record = json.loads(line)
        assert doc.title == " ".join(record["title"].split())
        assert doc.published[:16] == record["published"][:16]
        assert doc.extra["id"] == record["id"] and doc.outlet == record["outlet"]
        assert doc.text == record["text"].strip("\n") or doc.text == record["text"]
