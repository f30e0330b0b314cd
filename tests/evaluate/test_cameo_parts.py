"""The CAMEO scorer's fixed dev / held-out split (by SHA-256 of the sentence text)."""

from storyline.evaluate.cameo import PARTS, part_of, select_part

# Sentences written for this test, not taken from any data set.
ROWS = [(f"Officials in town {n} signed a water accord with a neighbouring district.", str(n % 5))
        for n in range(400)]


def test_part_of_is_deterministic_and_about_half() -> None:
    parts = [part_of(text) for text, _ in ROWS]
    assert parts == [part_of(text) for text, _ in ROWS]
    assert set(parts) == {"dev", "heldout"}
    assert 160 <= parts.count("heldout") <= 240


def test_part_of_is_stable_across_releases() -> None:
    # Pinned: changing the hash or its cut would silently move sentences between the parts
    # (and let the rules see held-out ones).
    assert part_of("Two ministers met in the capital to discuss a border dispute.") == "dev"
    assert part_of("Rebels shelled a village overnight, residents said.") == "dev"
    assert part_of("The council voted to expel the envoy.") == "heldout"


def test_part_of_ignores_surrounding_space_and_file_order() -> None:
    text = ROWS[7][0]
    assert part_of(f"  {text}\n") == part_of(text)
    assert select_part(list(reversed(ROWS)), "dev") == list(reversed(select_part(ROWS, "dev")))


def test_parts_are_disjoint_and_cover_all() -> None:
    dev, held = select_part(ROWS, "dev"), select_part(ROWS, "heldout")
    assert not {t for t, _ in dev} & {t for t, _ in held}
    assert len(dev) + len(held) == len(ROWS)
    assert select_part(ROWS, "all") == ROWS
    assert PARTS == ("dev", "heldout", "all")


def test_misses_refused_outside_dev(tmp_path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    data = tmp_path / "cameo.tsv"
    data.write_text("Two towns signed a pact.\t1\n")
    result = CliRunner().invoke(app, ["evaluate", "cameo", "--data", str(data), "--part",
                                      "heldout", "--misses", str(tmp_path / "m.json")])
    assert result.exit_code != 0
    assert "held-out" in result.output
    assert not (tmp_path / "m.json").exists()
