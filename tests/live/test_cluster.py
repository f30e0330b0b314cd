"""The parse and extraction on a local Dask cluster of 2 workers, into a real PostgreSQL
server: the same records as one process into SQLite, the story built from the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.extract.cluster import ClusterError, check_store_url
from storyline.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def _records(url: str) -> dict[str, list]:
    with Store(url) as store:
        out = {}
        for article in store.iter_articles():
            ex = store.load_extraction(article.id)
            out[article.id] = sorted(
                (e.type, e.start, e.end, e.modality) for e in ex.events
            ) + sorted(("fig", f.kind, f.start, f.value) for f in ex.figures)
        return out


@pytest.mark.slow
@pytest.mark.postgres
def test_local_cluster_into_postgres_matches_one_process(postgres_url, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", postgres_url, "--cluster",
                                 "local", "--workers", "2", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["stored"] >= 10 and summary["extracted"] == summary["stored"]
    assert summary["story_built"]
    sqlite = f"sqlite:///{tmp_path / 'one.db'}"
    assert runner.invoke(app, ["ingest", str(CORPUS), "--db", sqlite, "--quiet"]).exit_code == 0
    on_cluster, one_process = _records(postgres_url), _records(sqlite)
    assert on_cluster == one_process and any(on_cluster.values())
    # the story stage read the PostgreSQL store: the timeline answers from it
    timeline = runner.invoke(app, ["timeline", "--db", postgres_url, "--json"])
    assert timeline.exit_code == 0 and json.loads(timeline.stdout)


def test_remote_cluster_refuses_a_sqlite_store():
    with pytest.raises(ClusterError, match="PostgreSQL"):
        check_store_url("sqlite:///x.db", "tcp://10.0.0.5:8786")
    check_store_url("sqlite:///x.db", "local")  # a local cluster shares the file


def test_unreachable_scheduler_is_one_line(tmp_path):
    result = CliRunner().invoke(app, [
        "ingest", str(CORPUS / "2023-10-16-hostage-count.txt"), "--db",
        f"sqlite:///{tmp_path / 'x.db'}", "--cluster", "tcp://127.0.0.1:9", "--quiet"])
    assert result.exit_code == 1
    assert "PostgreSQL" in result.output or "cannot reach" in result.output
