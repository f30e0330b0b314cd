"""Every YAML file the package ships, and every example profile, gives each key once: YAML keeps
the last of two, so a second `receive:` silently drops the senses of the first."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("src/storyline/**/*.yaml"), *ROOT.glob("examples/**/*.yaml")])


def _duplicates(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        found.append((key.start_mark.line + 1, key.value))
                    seen.add(key.value)
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    for doc in yaml.compose_all(text, Loader=yaml.SafeLoader):
        if doc is not None:
            walk(doc)
    return found


def test_the_check_finds_a_key_given_twice():
    assert _duplicates("verbs:\n  free: []\n  hold: []\n  free: [x]\n") == [(4, "free")]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_key_is_given_twice(path: Path):
    assert not _duplicates(path.read_text("utf-8")), path
