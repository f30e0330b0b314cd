"""Exports on a small store built from texts written for these tests."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.output import exports
from storyline.output.selection import Filters, select_story
from storyline.store import Store

from .sample import ARTICLES, SCRIPT


def test_json_has_every_part_with_sources(story_store):
    data = exports.to_json(select_story(story_store))
    assert set(data) >= {"summary", "timeline", "clusters", "series", "disputes", "state",
                         "sources", "filters"}
    release = next(c for c in data["clusters"] if c["type"] == "RETREAT" and len(c["mentions"]) == 2)
    assert release["outlets"] == ["Wire One", "Daily Two"]
    assert {m["quote"] for m in release["mentions"]} == {
        "Group A released two elderly women it held captive on Monday",
        "Two elderly women held by Group A were freed on 4 March",
    }
    assert {d["kind"] for d in data["disputes"]} == {"denial", "figures"}
    held = data["series"][0]
    assert held["kind"] == "hostages_held" and len(held["disagreements"]) == 1
    sources = {s["article_id"]: s for s in data["sources"]}
    assert set(sources) == set(ARTICLES)
    assert sources["a2"] == {"article_id": "a2", "outlet": "Daily Two", "published": "2024-03-05",
                             "title": "Two elderly women freed", "url": "https://example.org/a2"}
    json.dumps(data)  # serialisable as it stands


def test_filters_cut_every_part(story_store):
    late = exports.to_json(select_story(story_store, Filters(since="2024-03-05")))
    assert {c["date_earliest"] for c in late["clusters"]} == {"2024-03-05", "2024-03-06"}
    assert late["series"] == []  # its points are all on 4 March
    retreat = select_story(story_store, Filters(types=["retreat"])).story
    assert {c.type for c in retreat.clusters} == {"RETREAT"}
    assert {e.type for e in retreat.timeline} == {"RETREAT"}
    mediator = select_story(story_store, Filters(actor="mediator q")).story
    assert [c.type for c in mediator.clusters] == ["CONSULT"]
    assert mediator.disputes == []


def test_csv_one_row_per_cluster(story_store):
    sel = select_story(story_store)
    rows = list(csv.DictReader(io.StringIO(exports.to_csv(sel))))
    assert len(rows) == len(sel.story.clusters) == 7
    assert list(rows[0]) == exports.CLUSTER_COLUMNS
    release = next(r for r in rows if r["type"] == "RETREAT" and r["mentions"] == "2")
    assert release["outlets"] == "Wire One; Daily Two"
    assert release["first_url"] == "https://example.org/a1"
    assert release["independent_reports"] == "2"


@pytest.mark.parametrize("what,count,column", [
    ("events", 8, "type"), ("figures", 2, "kind"), ("statements", 3, "stance"),
])
def test_csv_records_carry_their_quotes(story_store, what, count, column):
    sel = select_story(story_store)
    rows = list(csv.DictReader(io.StringIO(exports.to_csv(sel, what, story_store))))
    assert len(rows) == count
    for r in rows:
        text = ARTICLES[r["article_id"]][3]
        assert text[int(r["start"]):int(r["end"])] == r["quote"]
        assert r[column] and r["outlet"] == ARTICLES[r["article_id"]][0]
    if what == "figures":
        assert {r["display"] for r in rows} == {"more than 200", "135"}


def test_markdown_timeline_links_its_sources(story_store):
    md = exports.to_markdown(select_story(story_store), "Test [story]")
    assert md.startswith("# Test \\[story\\]\n")
    assert "## March 2024" in md
    assert "[Wire One, 2024-03-04](<https://example.org/a1>)" in md
    assert "[Daily Two, 2024-03-05](<https://example.org/a2>)" in md
    # article text cannot inject HTML or links into the Markdown
    assert SCRIPT not in md and "\\<script\\>alert" in md
    assert "## Disputed claims" in md and "“Group A denied the assertion.”" in md
    timeline = md.split("## Disputed claims")[0]
    dates = [line[4:14] for line in timeline.splitlines() if line.startswith("- **")]
    assert dates == sorted(dates) and len(dates) == 6


def test_timelinejs_slides(story_store):
    sel = select_story(story_store)
    data = exports.to_timelinejs(sel, "Test story")
    assert data["title"]["text"]["headline"] == "Test story"
    assert len(data["events"]) == len(sel.story.timeline) == 6
    for slide, entry in zip(data["events"], sel.story.timeline, strict=True):
        y, m, d = (int(x) for x in entry.date.split("-"))
        assert slide["start_date"] == {"year": y, "month": m, "day": d}
        assert all(isinstance(v, int) for v in slide["start_date"].values())
        assert slide["text"]["headline"]
        assert slide["group"] == entry.type
    assert len({s["unique_id"] for s in data["events"]}) == len(data["events"])
    protest = next(s for s in data["events"] if s["group"] == "PROTEST")
    # TimelineJS renders text as HTML: the article's markup is escaped
    assert SCRIPT not in protest["text"]["text"]
    assert "&lt;script&gt;" in protest["text"]["text"]
    assert '<a href="https://example.org/a3">Paper Three (2024-03-06)</a>' in \
        protest["text"]["text"]


def test_plover_records(story_store):
    from storyline.output.plover import plover_export

    exported = plover_export(story_store, select_story(story_store))
    records = exported.records
    # PLOVER requires a date: the one undated mention (a future event) is left out, counted
    assert (len(records), exported.undated) == (7, 1)
    for r in records:
        assert {"id", "date", "source", "event", "mode", "context", "text", "text_info",
                "cite_info", "coder", "storyline"} <= set(r)
        aid = r["storyline"]["article_id"]
        text = ARTICLES[aid][3]
        assert text[r["text_info"]["start"]:r["text_info"]["end"]] == r["storyline"]["quote"]
        assert r["cite_info"]["publication"] == ARTICLES[aid][0]
        assert isinstance(r["event"], list) and isinstance(r["mode"], list)
    assert len({r["id"] for r in records}) == 7
    strike = next(r for r in records if r["event"] == ["ASSAULT"])
    assert strike["source"] == [{"actor_text": "State B's aircraft", "code": "SBX",
                                 "sector": "GOV", "identifier_text": "State B", "kind": "state"}]
    assert [(a["actor_text"], a["sector"]) for a in strike["recipient"]] == [("Group A", "REB")]
    assert strike["quad_code"] == 4 and strike["mode"] == ["heavy-weapons"]
    assert strike["event_scale"] == -9.3
    assert strike["date"] == "2024-03-04" and strike["storyline"]["date_basis"] == "relative"
    assert strike["cite_info"]["url"] == "https://example.org/a2"
    assert strike["event_loc"]["name"] == "Northtown"  # not in the gazetteer: the words only
    # mentions of one event share the cluster id in `link`
    releases = [r for r in records if r["mode"] == ["release"]
                and r["storyline"]["modality"] == "asserted"]
    assert len(releases) == 2 and releases[0]["link"] == releases[1]["link"] is not None


# --------------------------------------------------------------------------- the command


def test_export_command_writes_each_format(story_db, tmp_path):
    runner = CliRunner()
    for fmt in exports.FORMATS:
        out = tmp_path / f"story.{fmt}"
        result = runner.invoke(app, ["export", "--format", fmt, "--out", str(out),
                                     "--db", story_db])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        if fmt in ("json", "timelinejs"):
            json.loads(text)
        elif fmt == "plover":
            assert len([json.loads(line) for line in text.splitlines()]) == 7
        elif fmt == "geojson":
            assert json.loads(text)["type"] == "FeatureCollection"
        elif fmt == "csv":
            assert len(list(csv.DictReader(io.StringIO(text)))) == 7
        else:
            assert text.startswith("# Story timeline")


def test_export_command_filters_and_stdout(story_db):
    result = CliRunner().invoke(app, ["export", "-f", "csv", "--what", "events", "--type",
                                      "assault", "--db", story_db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["type"] for r in rows] == ["ASSAULT"]


def test_export_command_errors(story_db, tmp_path):
    runner = CliRunner()
    bad = runner.invoke(app, ["export", "--format", "xml", "--db", story_db])
    assert bad.exit_code == 2 and "'xml' is not one of json, csv" in bad.output
    bad_date = runner.invoke(app, ["export", "--since", "March", "--db", story_db])
    assert bad_date.exit_code == 2 and "'March' is not a date" in bad_date.output
    Store(f"sqlite:///{tmp_path / 'empty.db'}").close()
    empty = runner.invoke(app, ["export", "--db", f"sqlite:///{tmp_path / 'empty.db'}"])
    assert empty.exit_code == 1 and "no story built yet" in empty.output
