"""Both shipped stories run end to end with no code change: the default profile on the sample
corpus, the grain-deal profile on its own corpus; each store records its profile's hash, and
records made under another profile are stale until `extract` redoes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.profiles import load_profile, packaged_profile
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[2]
GRAIN = ROOT / "examples" / "grain-deal"


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, Path]:
    runner = CliRunner()
    out = {}
    for name, args in (("default", ["--corpus", str(ROOT / "examples" / "corpus")]),
                       ("grain", ["--story", str(GRAIN)])):
        folder = tmp_path_factory.mktemp(name)
        result = runner.invoke(app, ["demo", "--dir", str(folder), "--quiet", *args])
        assert result.exit_code == 0, result.output
        assert (folder / "report.html").is_file()
        out[name] = folder / "storyline.db"
    return out


def _figure_kinds(db: Path) -> set[str]:
    with Store(f"sqlite:///{db}", readonly=True) as store:
        return {f.kind for f in store.iter_records("figures")}


def test_each_story_extracts_with_its_own_profile(stores):
    grain = load_profile(GRAIN / "profile")
    with Store(f"sqlite:///{stores['grain']}", readonly=True) as store:
        assert store.profile_counts() == {grain.hash: 15}
    with Store(f"sqlite:///{stores['default']}", readonly=True) as store:
        assert set(store.profile_counts()) == {packaged_profile().hash}
    grain_kinds = {k["kind"] for k in grain.data("figure_kinds")["kinds"]}
    assert _figure_kinds(stores["grain"]) & grain_kinds
    assert not _figure_kinds(stores["default"]) & grain_kinds
    report = (stores["grain"].parent / "report.html").read_text(encoding="utf-8")
    assert grain.title in report


def test_the_grain_story_s_negotiation_uses_its_parties(stores):
    with Store(f"sqlite:///{stores['grain']}", readonly=True) as store:
        from storyline.story.build import load_kind

        items = load_kind(store, "negotiation")
    parties = {p for i in items for p in i.parties} | {m for i in items for m in i.mediators}
    assert parties & {"Russia", "Ukraine", "Turkey", "United Nations"}
    assert not parties & {"Israel", "Hamas", "Qatar"}


def test_records_of_another_profile_are_stale_and_extract_redoes_them(stores, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(stores["grain"].read_bytes())
    runner = CliRunner()
    out = runner.invoke(app, ["check", "--db", str(db)])
    assert out.exit_code == 0 and "15 extracted articles stale for the story profile" in out.output
    out = runner.invoke(app, ["extract", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    summary = json.loads(out.output)
    assert summary["extracted"] == 15 and summary["stale_profile"] == 15
    with Store(f"sqlite:///{db}", readonly=True) as store:
        assert store.profile_counts() == {packaged_profile().hash: 15}
    out = runner.invoke(app, ["extract", "--db", str(db), "--story", str(GRAIN), "--json"])
    assert json.loads(out.output)["extracted"] == 15


def test_a_broken_profile_stops_ingest_with_its_file_and_line(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "profile.yaml").write_text("name: bad\nanalyses: [negotiations]\n")
    out = CliRunner().invoke(app, ["ingest", str(GRAIN / "corpus"), "--db",
                                   str(tmp_path / "s.db"), "--story", str(bad)])
    assert out.exit_code == 1
    assert "profile.yaml:2: analyses[0]: 'negotiations' is not one of negotiation" in out.output
    assert not (tmp_path / "s.db").exists()


def test_outlets_come_from_the_chosen_profile(stores):
    with Store(f"sqlite:///{stores['grain']}", readonly=True) as store:
        outlets = {a.outlet for a in store.iter_articles()}
    assert {"Harbour Ledger", "Meridian Daily", "Storyline Wire"} <= outlets
    assert not {o for o in outlets if o and o.endswith(".example")}


def test_a_profile_without_the_negotiation_analysis_has_no_negotiation(tmp_path):
    import shutil

    story = tmp_path / "story"
    shutil.copytree(GRAIN, story)
    manifest = story / "profile" / "profile.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "analyses: [negotiation]", "analyses: []"), encoding="utf-8")
    out = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path / "demo"), "--quiet",
                                   "--story", str(story)])
    assert out.exit_code == 0, out.output
    with Store(f"sqlite:///{tmp_path / 'demo' / 'storyline.db'}", readonly=True) as store:
        from storyline.story.build import load_kind, load_story

        assert load_kind(store, "negotiation") == [] and load_kind(store, "state") == []
        assert load_story(store).summary.analyses == []
    report = (tmp_path / "demo" / "report.html").read_text(encoding="utf-8")
    assert 'data-tab="state"' not in report and 'data-tab="timeline"' in report


def test_the_grain_report_has_its_negotiation_tab(stores):
    report = (stores["grain"].parent / "report.html").read_text(encoding="utf-8")
    assert 'data-tab="state"' in report


def test_the_grain_report_labels_states_by_its_profile(stores):
    grain = load_profile(GRAIN / "profile")
    label = grain.data("state_rules")["statuses"]["agreement"]["label"]
    with Store(f"sqlite:///{stores['grain']}", readonly=True) as store:
        from storyline.story.build import load_story

        story = load_story(store)
    assert story.summary.statuses["agreement"]["label"] == label
    assert any(d.status == "agreement" for d in story.state)  # the July 2022 signing
    assert label in (stores["grain"].parent / "report.html").read_text(encoding="utf-8")
