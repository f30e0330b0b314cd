"""The PLOVER scorer's fixed dev / held-out split."""

from storyline.evaluate.plover import PARTS, part_of


def test_part_of_is_stable_and_about_half() -> None:
    ids = [f"PLOVER-GSR01-TEST-{n:04d}" for n in range(400)]
    parts = [part_of(i) for i in ids]
    assert parts == [part_of(i) for i in ids]
    assert set(parts) == {"dev", "heldout"}
    assert 160 <= parts.count("heldout") <= 240


def test_parts_named() -> None:
    assert PARTS == ("dev", "heldout", "all")


def test_misses_refused_outside_dev(tmp_path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    data = tmp_path / "gsr.json"
    data.write_text('[{"id": "x-1", "event": "AGREE", "text": "Two towns signed a pact."}]')
    result = CliRunner().invoke(app, ["evaluate", "plover", "--data", str(data), "--part",
                                      "heldout", "--misses", str(tmp_path / "m.json")])
    assert result.exit_code != 0
    assert "held-out" in result.output
    assert not (tmp_path / "m.json").exists()
