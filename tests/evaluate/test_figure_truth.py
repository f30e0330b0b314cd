"""Figure series against truth files, on small truth files and series written for these tests."""

from __future__ import annotations

import json
from datetime import date

import pytest
import yaml

from storyline.evaluate.figure_truth import (
    article_split,
    held_by_day,
    not_a_count,
    read_roster,
    score_figure_truth,
)
from storyline.story.records import FigureSeries, SeriesPoint

CONFIG = {
    "split": {"heldout_share": 0.2},
    "truths": [
        {"name": "toll", "series": {"kind": "killed", "place": "Northland", "scope": "cumulative"},
         "file": "daily.json", "reader": "daily_json", "date": "day", "value": "dead",
         "fallback": "dead_est", "tolerance": 0.02, "lag_days": 1,
         "credited_to": "Northland health office", "source_pattern": "health office",
         "bars": {"within": 0.9, "credited": 0.5, "other_toll": 0},
         "other_tolls": [{"name": "the southern raid", "low": 900, "high": 1000,
                          "words": ["southland"]}]},
        {"name": "held", "series": {"kind": "captives_held"}, "file": "roster.csv",
         "reader": "hostage_roster", "events": "events.csv", "tolerance": 0.10, "lag_days": 0,
         "missing": 2, "series_kinds": ["captives_held"], "not_in_series": ["prisoner"],
         "days_after_pattern": r"after\s+(\d+)\s+days",
         "roster": {"name": "name", "kidnapped": "taken", "status": "status",
                    "death": "died", "released": "freed", "summaries": ["summary"],
                    "left": ["Freed", "Dead - returned", "Dead"], "dead_status": "Dead",
                    "events_name": "name", "events_dates": "dates"}},
    ],
}

ROSTER = """name,taken,status,died,freed,summary
Ann,2030-01-01,Freed,,2030-01-10,
Ben,2030-01-01,Freed,,2031-05-05,freed after 20 days
Cid,2030-01-01,Dead - returned,2030-01-01,2030-03-01,body returned on 4.2.30
Dee,2030-01-01,Held,,,
Eve,2030-01-01,Dead,2030-01-15,,
Fay,2030-01-01,Dead,2030-01-01,,killed on 1.1
Gus,2030-01-01,Freed,,2030-06-30,
"""
EVENTS = """name,dates
Gus,"Jan 25-27, 2030"
"""


def _point(day: str, value: float, *, qualifier: str = "exact", source: str | None = None,
           actor: str | None = None, aid: str = "a1", quote: str = "", sentence: str = "",
           start: int = 0) -> SeriesPoint:
    quote = quote or f"{int(value)} killed"
    return SeriesPoint(date=day, date_basis="publication", value=value, low=None, high=None,
                       qualifier=qualifier, unit="people", source=source, source_actor=actor,
                       article_id=aid, start=start, end=start + len(quote), quote=quote,
                       sentence=sentence or quote)


@pytest.fixture()
def truth_dir(tmp_path):
    (tmp_path / "daily.json").write_text(json.dumps([
        {"day": "2030-01-01", "dead": 1000}, {"day": "2030-01-02", "dead": 1100},
        {"day": "2030-01-03", "dead_est": 1200}, {"day": "2030-01-04", "dead": 1300},
        {"day": "2030-01-05", "dead": 2000},
    ]), encoding="utf-8")
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(CONFIG, allow_unicode=True),
                                          encoding="utf-8")
    return tmp_path


def test_roster_derivation_rules(truth_dir):
    spec = CONFIG["truths"][1]
    caps = read_roster(truth_dir / "roster.csv", truth_dir / "events.csv", spec)
    how = [(c.how, c.left.isoformat() if c.left else None) for c in caps]
    assert how == [
        ("release", "2030-01-10"),  # Ann: the release column
        ("summary", "2030-01-21"),  # Ben: "after 20 days" beats a wrong release column
        ("summary", "2030-02-04"),  # Cid: the summary's d.m.yy beats the release column
        ("held", None),  # Dee
        ("death", "2030-01-15"),  # Eve: dead in captivity, no return recorded
        ("held", None),  # Fay: the kidnap day is no leave date; her body is held
        ("events", "2030-01-25"),  # Gus: the release column is far outside the events range
    ]
    held = held_by_day(caps, ["2029-12-31", "2030-01-01", "2030-01-20", "2030-02-10"])
    assert held == {"2029-12-31": 0, "2030-01-01": 7, "2030-01-20": 5, "2030-02-10": 2}


def test_toll_within_tolerance_lag_credit_and_other_toll(truth_dir):
    series = [FigureSeries(id="s1", kind="killed", subject="people", unit="people",
                           place="Northland", scope="cumulative", points=[
        _point("2030-01-02", 1100, source="the Northland health office", actor="Northland "
               "health office"),
        _point("2030-01-03", 1300, source="the health office"),  # lag: the next day's total
        _point("2030-01-05", 1500, source="officials"),  # 25% off
        _point("2030-01-05", 950, sentence="950 killed in Southland"),  # another quantity
        _point("2030-01-05", 960),  # in that range, but nothing says it is that quantity
        _point("2030-01-09", 5000),  # no truth within the lag: not scored
    ]),
        FigureSeries(id="s2", kind="killed", subject="people", unit="people", place="Southland",
                     scope="cumulative", points=[_point("2030-01-02", 1)])]
    result = score_figure_truth(series, None, truth_dir, truth_dir / "config.yaml")
    toll = result.scores[0]
    assert toll.series == ["killed · people · Northland · cumulative (6)"]
    assert (toll.points, toll.scored, toll.within) == (6, 5, 2)
    assert (toll.credited, toll.credited_of) == (1, 2)
    assert [p.value for p in toll.other_toll] == ["950"]
    assert [p.value for p in toll.worst] == ["950", "960", "1,500"]
    assert toll.worst[2].truth == 1300 and round(toll.worst[2].error, 2) == 0.15
    rows = result.rows()
    assert rows[0][0].startswith("toll: points within 2%") and rows[0][1] == "40.0%"
    assert result.to_dict()["scores"][0]["within_share"] == 0.4
    table = {r["figure"]: r for r in result.table()}
    assert table["toll: points within 2% (±1 day)"]["met"] is False
    assert table["toll: its figures credited to it"] == {
        "figure": "toll: its figures credited to it", "storyline": "50.0%", "truth": "1/2",
        "bar": "≥ 50%", "met": True}
    assert table["toll: points from another toll"]["met"] is False
    worst = result.worst()
    assert worst[0]["entry"] == "toll" and worst[0]["quote"] == "950 killed"


def test_qualified_reading_bounds_open_ends(truth_dir):
    series = [FigureSeries(id="s1", kind="killed", subject="people", unit="people",
                           place="Northland", scope="cumulative", points=[
        _point("2030-01-05", 1900, qualifier="more_than"),  # truth 2,000: true and near
        _point("2030-01-05", 1000, qualifier="more_than"),  # true but far below
    ])]
    toll = score_figure_truth(series, None, truth_dir, truth_dir / "config.yaml").scores[0]
    assert (toll.within, toll.within_qualified) == (0, 1)


def test_hostage_band_and_not_counts(truth_dir):
    sent = "Dee, 70, and 3 prisoners were named; 9 captives remain."
    series = [FigureSeries(id="h", kind="captives_held", subject="captives", unit="people",
                           points=[
        _point("2030-01-20", 5, quote="5 captives"),  # derived 5
        _point("2030-01-20", 7, quote="7 captives"),  # derived + missing = 7
        _point("2030-01-20", 9, quote="9 captives", sentence=sent),  # off
        _point("2030-01-20", 70, quote="70", sentence=sent),  # an age
        _point("2030-01-20", 3, quote="3 prisoners", sentence=sent),
    ])]
    held = score_figure_truth(series, None, truth_dir, truth_dir / "config.yaml").scores[1]
    assert (held.scored, held.within, held.within_low, held.within_high) == (5, 2, 1, 1)
    assert sorted(p.note for p in held.not_counts) == ["age", "counts prisoners"]


def test_not_a_count_article_number():
    p = _point("2030-01-01", 8, quote="8", sentence="Under article 8(2) the taking of captives")
    assert not_a_count(p, []) == "article number"
    assert not_a_count(_point("2030-01-01", 40, quote="40 captives",
                              sentence="Some 40 captives are held."), ["prisoner"]) is None


def test_not_a_count_reads_no_words_past_punctuation():
    held = _point("2030-01-01", 60, quote="60 captives, taken prisoner in the raid")
    assert not_a_count(held, ["prisoner"]) is None
    jailed = _point("2030-01-01", 60, quote="60 prisoners, held in the north")
    assert not_a_count(jailed, ["prisoner"]) == "counts prisoners"


def test_split_is_stable_and_scoring_filters(truth_dir):
    assert article_split("abc") == article_split("abc")
    ids = [f"{i:04x}" for i in range(2000)]
    share = sum(article_split(i) == "heldout" for i in ids) / len(ids)
    assert 0.15 < share < 0.25
    series = [FigureSeries(id="s", kind="killed", subject="people", unit="people",
                           place="Northland", scope="cumulative",
                           points=[_point("2030-01-02", 1100, aid=i) for i in ids[:50]])]
    dev = score_figure_truth(series, None, truth_dir, truth_dir / "config.yaml", split="dev")
    held = score_figure_truth(series, None, truth_dir, truth_dir / "config.yaml",
                              split="heldout")
    assert dev.scores[0].points + held.scores[0].points == 50


def test_missing_truth_file_is_one_clear_error(tmp_path, truth_dir):
    (truth_dir / "daily.json").unlink()
    with pytest.raises(ValueError, match="daily.json: truth file not found"):
        score_figure_truth([], None, truth_dir, truth_dir / "config.yaml")


def test_shared_truth_files_read(shared_dir):
    """The packaged configuration reads the shared truth files (no series: nothing scored)."""
    from storyline.evaluate.figure_truth import load_truth_config

    spec = load_truth_config()["truths"][-1]
    truth = shared_dir / "data" / "truth"
    caps = read_roster(truth / spec["file"], truth / spec["events"], spec)
    assert len(caps) >= 239
    # before any release every listed abductee is held; the truce week lowers the count
    before = held_by_day(caps, ["2023-10-10"])["2023-10-10"]
    after = held_by_day(caps, ["2023-12-05"])["2023-12-05"]
    assert before >= 239 and 110 <= after <= 140
    assert date.fromisoformat("2023-12-05")
    result = score_figure_truth([], None, truth)
    assert [s.name for s in result.scores][0] == "Gaza health ministry toll"
