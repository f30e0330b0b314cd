"""TimeML reading/writing and TempEval-3 scoring on a small document written for the tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.evaluate.temporal import score_document, summarise
from storyline.records import TimeExpression
from storyline.temporal.timeml import TimeMLError, parse_timeml, read_timeml, write_timeml
from storyline.temporal.timex import interval_of

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-10-24" temporalFunction="false"
functionInDocument="CREATION_TIME">20231024</TIMEX3></DCT>
<TEXT>
The envoys <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE"
value="2023-10-23">Monday</TIMEX3> &amp; will meet again <TIMEX3 tid="t2" type="DATE"
value="2023-W44">next week</TIMEX3> after <TIMEX3 tid="t3" type="DURATION"
value="P10M">ten months</TIMEX3> of war.
</TEXT>
</TimeML>
"""


def tx(start: int, end: int, text: str, type_: str, value: str) -> TimeExpression:
    return TimeExpression("d", start, end, text[start:end], type=type_, value=value)


def test_reader_offsets_entities_and_dct():
    doc = parse_timeml(DOC)
    assert doc.name == "TEST001" and doc.dct == date(2023, 10, 24)
    assert [t.text for t in doc.timexes] == ["Monday", "next week", "ten months"]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert "&" in doc.text and "<EVENT" not in doc.text


def test_scoring_strict_relaxed_and_value():
    doc = parse_timeml(DOC)
    text = doc.text
    m = text.index("Monday")
    n = text.index("next week")
    w = text.index("ten months")
    ours = [
        tx(m, m + 6, text, "DATE", "2023-10-23"),  # exact, right value
        tx(n - 6, n + 9, text, "DATE", "2023-W43"),  # "again next week": relaxed, wrong value
        tx(w + 4, w + 10, text, "DURATION", "P10M"),  # "months": relaxed, right value
        tx(0, 3, text, "DATE", "PRESENT_REF"),  # spurious
    ]
    s = summarise(score_document(doc, ours))
    assert s["strict"] == {"precision": 0.25, "recall": 0.3333, "f1": 0.2857}
    assert s["relaxed"]["precision"] == 0.75 and s["relaxed"]["recall"] == 1.0
    assert s["value_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["value_f1"] == pytest.approx(s["relaxed"]["f1"] * 2 / 3, abs=1e-3)
    assert s["type_accuracy"] == 1.0


def test_writer_round_trips():
    doc = parse_timeml(DOC)
    m = doc.text.index("Monday")
    written = write_timeml(doc, [tx(m, m + 6, doc.text, "DATE", "2023-10-23")])
    again = parse_timeml(written)
    assert again.text == doc.text and again.dct == doc.dct
    assert [(t.text, t.value) for t in again.timexes] == [("Monday", "2023-10-23")]


def test_bad_files_raise_one_line_errors(tmp_path: Path):
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(TimeMLError, match="not well-formed"):
        read_timeml(bad)
    with pytest.raises(TimeMLError, match="no <TEXT>"):
        parse_timeml("<TimeML><DOCID>x</DOCID></TimeML>")


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        ("2023-10-26", ("2023-10-26", "2023-10-26")),
        ("2023-W43", ("2023-10-23", "2023-10-29")),
        ("2023-W43-WE", ("2023-10-28", "2023-10-29")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2024-Q1", ("2024-01-01", "2024-03-31")),
        ("2023-H2", ("2023-07-01", "2023-12-31")),
        ("2023-WI", ("2023-12-01", "2024-02-29")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("19", ("1900-01-01", "1999-12-31")),
        ("2023-10-23TNI", ("2023-10-23", "2023-10-23")),
    ],
)
def test_interval_of(value, interval):
    got = interval_of(value)
    assert got is not None and (got[0].isoformat(), got[1].isoformat()) == interval


@pytest.mark.parametrize("value", ["P10M", "PRESENT_REF", "XXXX-10-07", "XXXX-WXX-1", "",
                                   "2023-02-30"])
def test_interval_of_unanchored(value):
    assert interval_of(value) is None


def test_temporal_corpus_scores(shared_dir: Path):
    """A few TimeBank files end to end: the finder must find most of their expressions."""
    from storyline.evaluate.temporal import evaluate, tml_files

    files = tml_files([shared_dir / "data" / "temporal" / "timebank"])[:8]
    tallies, _, _, n, _ = evaluate(files)
    assert n == 8
    total = next(iter(tallies.values()))
    s = summarise(total)
    assert s["relaxed"]["f1"] > 0.75 and s["value_accuracy"] > 0.6
