"""The HTML report (rendered, not in a browser) and the chart geometry behind it."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from html import unescape

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.output import charts
from storyline.output.report import write_report
from storyline.story.records import FigureSeries, SeriesPoint, StateDay

from .sample import ARTICLES, SCRIPT


def _render(store, tmp_path, **kw) -> str:
    return write_report(store, tmp_path / "report.html", **kw).page.read_text(encoding="utf-8")


def _blobs(html: str) -> dict[str, dict]:
    found = re.findall(r'<script type="application/json" id="doc-([^"]+)">(.*?)</script>', html,
                       re.S)
    return {aid: json.loads(body) for aid, body in found}


def test_article_text_with_script_is_escaped(story_store, tmp_path):
    html = _render(story_store, tmp_path, title="A <i>title</i>")
    assert SCRIPT not in html
    assert "alert('pwned')" not in html
    # server-side text (the timeline) is HTML-escaped …
    assert "chanted &lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; outside" in html
    assert "<title>A &lt;i&gt;title&lt;/i&gt;</title>" in html
    # … and JSON blocks cannot be closed by the article: `<` is escaped inside them
    docs = _blobs(html)
    assert docs["a3"]["text"] == ARTICLES["a3"][3]
    listing = json.loads(re.search(r'id="articles-data">(.*?)</script>', html, re.S).group(1))
    assert {a["title"] for a in listing} >= {ARTICLES["a3"][2]}
    series_tables = len(re.findall(r'<script type="application/json" id="data-s-', html))
    assert html.count("<script") == html.count("</script>") == len(docs) + series_tables + 3


def test_report_is_self_contained(story_store, tmp_path):
    html = _render(story_store, tmp_path)
    assert not re.search(r"<(?:script|img|iframe)[^>]+\bsrc=", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert re.search(r"<style>.*\.panel", html, re.S) and "function showTab" in html


def test_every_quote_link_reaches_a_record(story_store, tmp_path):
    html = _render(story_store, tmp_path)
    docs = _blobs(html)
    spans = {f"q-{aid}-{r['s']}-{r['e']}" for aid, d in docs.items() for r in d["recs"]}
    links = set(re.findall(r'href="#(q-[^"]+)"', html))
    assert links and links <= spans
    # the timeline, the figure chart, the disputes and the state each link a quote
    for quote in ("Two elderly women held by Group A were freed on 4 March",
                  "more than 200 captives", "135 captives", "Group A denied the assertion."):
        start = next(r["s"] for d in docs.values() for r in d["recs"]
                     if d["text"][r["s"]:r["e"]] == quote)
        assert any(link.endswith(f"-{start}-{start + len(quote)}") for link in links), quote
    # each record kind is highlighted in the reader data
    assert {r["k"] for r in docs["a1"]["recs"]} == {"event", "figure", "statement", "time"}


def test_report_sections(story_store, tmp_path):
    html = _render(story_store, tmp_path)
    for panel in ("timeline", "figures", "state", "disputes", "actors", "articles"):
        assert f'data-panel="{panel}"' in html
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    assert "more than 200 captives" in text and "“135 captives”" in text
    assert "talks active" in text and "agreement reached" in text
    assert "Mediator Q → State B, Group A" in text
    assert html.count('class="card dispute"') == 2
    assert re.search(r'<a href="#c-ev-[0-9a-f]+" class="evtick">', html)  # key events on the band
    assert html.count('<a href="#q-') >= 10


def test_report_command(story_db, tmp_path):
    out = tmp_path / "r" / "report.html"
    result = CliRunner().invoke(app, ["report", "--out", str(out), "--db", story_db,
                                      "--since", "2024-03-05", "--title", "Late"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<h1>Late</h1>" in html and "filtered:" in html
    assert "2024-03-04" not in re.sub(r'id="doc-.*', "", html, flags=re.S).split(
        'id="tab-timeline"')[1].split('id="tab-figures"')[0]


# --------------------------------------------------------------------------- chart geometry


def _point(day: str, value: float, qualifier: str, source: str, start: int) -> SeriesPoint:
    return SeriesPoint(date=day, date_basis="explicit", value=value, low=None, high=None,
                       qualifier=qualifier, unit=None, source=source, source_actor=None,
                       article_id="a1", start=start, end=start + 5, quote="quote",
                       outlet="Wire One", published=day)


def test_series_chart_places_points_by_date_and_value():
    s = FigureSeries(id="s1", kind="killed", subject="people", unit=None, points=[
        _point("2024-01-01", 100, "exact", "ministry", 0),
        _point("2024-01-31", 200, "more_than", "ministry", 10),
        _point("2024-01-31", 150, "exact", "army", 20),
    ])
    c = charts.series_chart(s, width=600, height=230)
    first, late_a, late_b = c["marks"]
    assert first["x"] == c["left"] and late_a["x"] < c["right"] < late_b["x"] + 10
    assert abs((late_a["x"] + late_b["x"]) / 2 - c["right"]) < 0.5  # side by side, centred
    assert first["y"] > late_b["y"] > late_a["y"]  # higher value, higher on the page
    assert late_a["shape"] == "up" and first["shape"] == "circle"
    assert "more than 200" in late_a["title"] and "source: ministry" in late_a["title"]
    assert late_a["href"] == "#q-a1-10-15"
    assert {x["label"] for x in c["legend"]} == {"ministry", "army"}
    assert len(c["lines"]) == 1  # the ministry's two points are joined
    assert c["yticks"][-1]["label"] == "250"


def test_ticks():
    assert charts.nice_ticks(46_000) == [0, 10_000, 20_000, 30_000, 40_000, 50_000]
    assert charts.nice_ticks(7) == [0, 2, 4, 6, 8]
    months = charts.date_ticks(date(2023, 10, 16), date(2025, 1, 19))
    labels = [label for _, label in months]
    assert labels == ["Nov 2023", "Jan 2024", "Mar", "May", "Jul", "Sep", "Nov", "Jan 2025"]
    weeks = charts.date_ticks(date(2024, 3, 1), date(2024, 3, 29))
    assert [label for _, label in weeks][:2] == ["1 Mar", "8 Mar"]


@pytest.mark.parametrize("first, last, labels", [
    (date(2024, 3, 1), date(2024, 3, 1), ["1 Mar"]),
    (date(2023, 12, 20), date(2024, 1, 20),
     ["20 Dec 2023", "27 Dec", "3 Jan 2024", "10 Jan", "17 Jan"]),
    (date(2020, 1, 1), date(2024, 6, 1), ["2020", "2021", "2022", "2023", "2024"]),
    (date(1948, 5, 14), date(2025, 1, 19), ["1950", "1960", "1970", "1980", "1990", "2000",
                                            "2010", "2020"]),
    (date(1900, 1, 1), date(2025, 12, 31), ["1900", "1920", "1940", "1960", "1980", "2000",
                                            "2020"]),
    (date(1, 1, 1), date(9999, 12, 31), ["2000", "4000", "6000", "8000"]),
    (date(9999, 3, 1), date(9999, 12, 31), ["Mar 9999", "May", "Jul", "Sep", "Nov"]),
])
def test_ticks_for_any_span(first, last, labels):
    ticks = charts.date_ticks(first, last)
    assert [label for _, label in ticks] == labels
    assert all(first <= d <= last for d, _ in ticks)
    assert charts.date_ticks(last, first) == ticks  # reversed bounds are the same axis


def test_ticks_never_exceed_the_budget():
    start = date(2024, 1, 1)
    for days in (0, 1, 5, 13, 40, 61, 200, 400, 800, 3000, 15_000, 46_000, 700_000):
        for most in (2, 5, 8, 10):
            ticks = charts.date_ticks(start - timedelta(days=days), start, most)
            assert 1 <= len(ticks) <= most, (days, most)


def test_state_band_runs_and_colours():
    statuses = {"talks_active": {"precedence": 2, "label": "talks active"},
                "truce": {"precedence": 6, "label": "truce in effect"},
                "unknown": {"precedence": 0, "label": "no recent evidence"}}
    days = [StateDay(date=f"2024-03-0{i}", status=s) for i, s in
            enumerate(["talks_active", "talks_active", "truce", "unknown"], start=1)]
    band = charts.state_band(days, statuses, width=1000)
    segs = band["segments"]
    assert [s["status"] for s in segs] == ["talks_active", "truce", "unknown"]
    assert segs[0]["w"] == segs[1]["w"] * 2
    assert segs[2]["colour"] == charts.UNKNOWN_COLOUR != segs[0]["colour"] != segs[1]["colour"]
    assert [x["status"] for x in band["legend"]] == ["truce", "talks_active", "unknown"]
