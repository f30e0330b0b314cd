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


def _fake_part(acc: float) -> dict:
    return {"records": 2, "type_accuracy": acc, "type_macro_f1": acc, "coverage": 1.0,
            "actor_precision_recall_f1": (1.0, 1.0, 1.0),
            "recipient_precision_recall_f1": (0.5, 0.5, 0.5),
            "majority_class": "AGREE", "majority_accuracy": 0.5, "majority_macro_f1": 0.3,
            "rules_only": {"records": 2, "type_accuracy": acc, "type_macro_f1": acc,
                           "coverage": 1.0, "actor_precision_recall_f1": (1.0, 1.0, 1.0),
                           "recipient_precision_recall_f1": (0.5, 0.5, 0.5)}}


def test_table_prints_both_parts_and_the_development_line(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app
    from storyline.evaluate import plover

    def fake_score(records, cameo, team, folds, progress=None, part="all", misses=False):
        return {**_fake_part(0.5), "part": part, "split": "fake split",
                "rules_developed_on_it": plover.DEVELOPED_ON[part], "matching": "fake",
                "per_type": {}, "confusions": [], "anchor": "none",
                "parts": {"dev": _fake_part(0.75), "heldout": _fake_part(0.25)}}

    monkeypatch.setattr(plover, "score", fake_score)
    data = tmp_path / "gsr.json"
    data.write_text('[{"id": "x-1", "event": "AGREE", "text": "Two towns signed a pact."}]')
    result = CliRunner().invoke(app, ["evaluate", "plover", "--data", str(data), "--cameo",
                                      str(data), "--set", str(data)])
    assert result.exit_code == 0, result.output
    assert "dev part (2 records): type accuracy 0.750" in result.output
    assert "heldout part (2 records): type accuracy 0.250" in result.output
    assert "the dev half (since branch lex10)" in result.output
