"""Story profiles: loading, validation messages (file, line, field), hashing, the starter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.profiles import (
    DEFAULT_PROFILE,
    ENV_VAR,
    ProfileError,
    init_profile,
    load_profile,
    packaged_profile,
    resolve_story,
)

GRAIN = Path(__file__).resolve().parents[2] / "examples" / "grain-deal" / "profile"


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    init_profile("port-strike", tmp_path / "ps")
    return tmp_path / "ps"


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ProfileError) as info:
        load_profile(folder)
    return [str(p) for p in info.value.problems]


def test_the_default_profile_validates_and_switches_on_the_negotiation():
    p = packaged_profile()
    assert p.name == DEFAULT_PROFILE and p.packaged
    assert p.enables("negotiation")
    assert {"actors", "figure_kinds", "outlets", "state_rules"} <= set(p.files)
    assert {"speech_verbs", "dating", "event_lexicon"} <= set(p.base)
    assert p.data("actors")["actors"]
    assert p.hash == packaged_profile().hash and len(p.hash) == 64


def test_the_grain_profile_validates_and_its_hash_does_not_depend_on_its_folder(tmp_path):
    p = load_profile(GRAIN)
    assert p.name == "grain-deal" and not p.packaged
    assert sum(p.written_lines().values()) > 100
    copy = tmp_path / "elsewhere"
    shutil.copytree(GRAIN, copy)
    assert load_profile(copy).hash == p.hash
    assert p.hash != packaged_profile().hash


def test_editing_a_file_changes_the_hash(tmp_path):
    copy = tmp_path / "g"
    shutil.copytree(GRAIN, copy)
    before = load_profile(copy).hash
    outlets = copy / "outlets.yaml"
    outlets.write_text(outlets.read_text() + "  another.example: Another Paper\n")
    assert load_profile(copy).hash != before


def test_the_starter_is_a_valid_profile_and_init_never_overwrites(starter):
    p = load_profile(starter)
    assert p.name == "port-strike"
    assert set(p.files) >= {"profile", "actors", "figure_kinds", "state_rules", "negotiation"}
    with pytest.raises(ProfileError, match="not empty"):
        init_profile("port-strike", starter)
    with pytest.raises(ProfileError, match="lower-case"):
        init_profile("Port Strike", starter.parent / "other")


def test_a_wrong_field_is_named_with_its_file_and_line(starter):
    (starter / "actors.yaml").write_text(
        "actors:\n"
        "  - name: Union\n"
        "    kind: union\n"
        "    alias: [the union]\n"
        "  - name: Port Authority\n"
        "    kind: office\n"
        "    country: Portugal\n")
    problems = _problems(starter)
    assert any(p.endswith("actors.yaml:3: actors[0].kind: 'union' is not one of armed_group, "
                          "government, igo, media, military, ministry, ngo, office, "
                          "organisation, person, state") for p in problems), problems
    assert any("actors.yaml:4: actors[0].alias: unknown field" in p for p in problems)
    assert any("actors.yaml:7: actors[1].country: 'Portugal' is not an ISO 3166" in p
               for p in problems)


def test_broken_yaml_is_reported_with_its_line(starter):
    (starter / "outlets.yaml").write_text("outlets:\n  a.example: [A Paper\n")
    problems = _problems(starter)
    assert len(problems) == 1 and "outlets.yaml:3: not valid YAML" in problems[0]
    assert "line 2" in problems[0]


def test_references_across_the_profile_are_checked(starter):
    actors = (starter / "actors.yaml").read_text()
    (starter / "actors.yaml").write_text(actors + "  - {name: Port Police, kind: office, "
                                         "parent: Harbour Board}\n")
    rules = (starter / "state_rules.yaml").read_text()
    (starter / "state_rules.yaml").write_text(rules.replace("talks/held: talks_active",
                                                            "talks/held: talking"))
    kinds = (starter / "figure_kinds.yaml").read_text()
    (starter / "figure_kinds.yaml").write_text(kinds.replace('"@cargo"', '"@freight"'))
    problems = _problems(starter)
    assert any("actors[1].parent: no actor named 'Harbour Board'" in p for p in problems)
    assert any("status 'talking' is not under statuses:" in p for p in problems)
    assert any("kinds[0].nouns: no set named 'freight'" in p for p in problems)


def test_a_folder_without_profile_yaml_is_no_profile(tmp_path):
    (tmp_path / "actors.yaml").write_text("actors: []\n")
    with pytest.raises(ProfileError, match="profile.yaml.*storyline story init"):
        load_profile(tmp_path)


def test_story_option_beats_the_environment_which_beats_the_default(starter):
    assert resolve_story(None, {}).name == DEFAULT_PROFILE
    assert resolve_story(None, {ENV_VAR: str(starter)}).name == "port-strike"
    assert resolve_story(str(GRAIN), {ENV_VAR: str(starter)}).name == "grain-deal"
    assert resolve_story("israel-hamas", {}).packaged
    with pytest.raises(ProfileError, match=f"{ENV_VAR}: no story profile at"):
        resolve_story(None, {ENV_VAR: "/no/such/profile"})


def test_story_commands(tmp_path, monkeypatch):
    from storyline.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["story", "init", "port-strike", "--dir", str(tmp_path / "p")])
    assert out.exit_code == 0, out.output
    out = runner.invoke(app, ["story", "check", str(tmp_path / "p"), "--json"])
    assert out.exit_code == 0 and '"port-strike"' in out.output
    (tmp_path / "p" / "profile.yaml").write_text("name: Port Strike\n")
    out = runner.invoke(app, ["story", "check", str(tmp_path / "p")])
    assert out.exit_code == 1
    assert "profile.yaml:1: name: 'Port Strike' is not a lower-case name" in out.output
    monkeypatch.setenv(ENV_VAR, str(GRAIN))
    out = runner.invoke(app, ["story", "check", "--json"])
    assert out.exit_code == 0 and '"grain-deal"' in out.output
