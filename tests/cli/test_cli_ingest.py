"""The command line: ingest, articles, show — exit codes, summaries, JSON."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from storyline.cli import app

TEXT = (
    "Mediators from Qatar and Egypt held a new round of talks in Cairo on Tuesday, officials "
    "said, while relatives of the captives marched through the capital demanding a deal."
)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_ingest_json_summary_and_resume(tmp_path, runner, db):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    args = ["ingest", str(path), "--db", db, "--json", "--no-extract"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["stored"], summary["duplicates"], summary["failed"]) == (1, 0, 0)
    again = json.loads(runner.invoke(app, args).stdout)
    assert (again["stored"], again["duplicates"]) == (0, 1)


def test_ingest_exits_non_zero_when_a_file_failed(tmp_path, runner, db):
    good = tmp_path / "a.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(good), str(empty), "--db", db, "--no-extract"])
    assert result.exit_code == 1
    assert f"{empty}: empty file" in result.output
    assert "stored 1" in result.output and "failed 1" in result.output
    assert "Traceback" not in result.output


def test_ingest_from_stdin(runner, db):
    result = runner.invoke(
        app, ["ingest", "-", "--db", db, "--json", "--no-extract", "--default-outlet", "Newsletter"],
        input=TEXT,
    )
    assert result.exit_code == 0, result.output
    listing = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    assert [(a["source"], a["outlet"]) for a in listing] == [("<stdin>", "Newsletter")]


def test_bad_published_option_is_one_line(runner, db, tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db, "--default-date", "soon"])
    assert result.exit_code == 2
    assert "Invalid value for '--default-date': 'soon' is not a date" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_articles_and_show(tmp_path, runner, db):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    runner.invoke(app, ["ingest", str(path), "--db", db, "--no-extract", "--default-date",
                        "2024-02-06"])
    listing = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    [row] = listing
    assert row["published"] == "2024-02-06"
    shown = runner.invoke(app, ["show", row["id"][:8], "--db", db, "--json"])
    data = json.loads(shown.stdout)
    assert data["text"] == TEXT and data["records"]["article_id"] == row["id"]
    table = runner.invoke(app, ["show", row["id"], "--db", db])
    assert table.exit_code == 0 and "Cairo" in table.output
    missing = runner.invoke(app, ["show", "ffffffff", "--db", db])
    assert missing.exit_code == 1 and "no article" in missing.output
    assert runner.invoke(app, ["articles", "--db", db, "--outlet", "nothing"]).exit_code == 0
