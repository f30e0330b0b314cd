"""`storyline demo` on the example corpus (the team's own texts under examples/corpus)."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.output import demo
from storyline.store import Store
from storyline.story.build import has_story

REPO = Path(__file__).resolve().parents[2]


def test_demo_ingests_builds_and_reports(demo_run):
    result, out = demo_run
    assert result.exit_code == 0, result.output
    assert (out / "storyline.db").is_file() and (out / "report.html").is_file()
    text = result.output
    for label in ("articles", "events", "figure series", "disputes", "timeline: top events"):
        assert label in text
    articles = int(re.search(r"articles\s+(\d+)", text).group(1))
    with Store(f"sqlite:///{out / 'storyline.db'}") as store:
        assert has_story(store)
        assert store.count_articles() == articles >= 10
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count('<script type="application/json" id="doc-') == articles
    assert str(out / "report.html") in text.replace("\n", "")


def test_demo_store_is_fresh(demo_run, tmp_path):
    # a second run into a folder with an old store starts from scratch (no duplicates)
    result, out = demo_run
    stale = tmp_path / "old"
    stale.mkdir()
    (stale / "storyline.db").write_bytes((out / "storyline.db").read_bytes())
    store = demo.fresh_store(stale)
    try:
        assert store.count_articles() == 0
    finally:
        store.close()


def test_find_corpus_from_anywhere(tmp_path):
    assert demo.find_corpus(REPO) == REPO / "examples" / "corpus"
    # outside the checkout: the package's own checkout is the fallback (editable install)
    assert demo.find_corpus(tmp_path) == REPO / "examples" / "corpus"


def test_demo_without_corpus_fails_clearly(monkeypatch, tmp_path):
    monkeypatch.setattr(demo, "find_corpus", lambda start=None: None)
    result = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "sample corpus examples/corpus was not found" in result.output
    missing = CliRunner().invoke(app, ["demo", "--corpus", str(tmp_path / "nope")])
    assert missing.exit_code == 1 and "is not a folder" in missing.output
