"""The seed articles' time expressions (../shared/gold/seeds.yaml) must be found with their values.

Seed 000 is dated and its gold lists time expressions with values. Seeds 001–004 are undated:
with the gold best day as the (estimated) anchor, the expressions their evidence cites must
resolve to the dates the evidence states. Seed 003 is GBK-mojibaked: only weekdays are checked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from storyline.temporal.expressions import find_time_expressions


def _seed(shared_dir: Path, prefix: str) -> tuple[str, dict]:
    gold = yaml.safe_load((shared_dir / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
    entry = next(e for e in gold if e["file"].startswith(prefix))
    text = (shared_dir / "seeds" / entry["file"]).read_bytes().decode("utf-8", errors="replace")
    return text, entry


def _found_at(times, text: str, phrase: str) -> list:
    """Our expressions overlapping any occurrence of `phrase` in the text."""
    hits = []
    pos = text.find(phrase)
    while pos >= 0:
        hits += [t for t in times if t.start < pos + len(phrase) and pos < t.end]
        pos = text.find(phrase, pos + 1)
    return hits


def test_seed_000_gold_time_expressions(shared_dir: Path, nlp):
    text, entry = _seed(shared_dir, "000_")
    anchor = date.fromisoformat(entry["metadata"]["published"][:10])
    times = find_time_expressions(nlp(text), "000", anchor, "published")
    for item in entry["time_expressions"]:
        hits = _found_at(times, text, item["text"])
        assert hits, f"{item['text']!r} not found"
        values = {t.value for t in hits}
        assert item["value"] in values, f"{item['text']!r}: {values} != {item['value']}"


# (seed, phrase as written, value), from the gold evidence of each undated seed
UNDATED = [
    ("001_", "19-month-old", "P19M"),
    ("001_", "Oct. 7, 2023", "2023-10-07"),
    ("002_", "Thursday, October 26", "2023-10-26"),
    ("002_", "October 7", "2023-10-07"),
    ("003_", "The White House said Monday", "2024-08-12"),
    ("003_", "furthered those threats on Monday", "2024-08-12"),
    ("003_", "93 Palestinians on Saturday", "2024-08-10"),
    ("004_", "news conference on Tuesday", "2023-12-12"),
    ("004_", "White House on Wednesday", "2023-12-13"),
    ("004_", "earlier this month", "2023-12"),
]


@pytest.mark.parametrize(("prefix", "phrase", "value"), UNDATED)
def test_undated_seeds_resolve_against_best_estimate(shared_dir: Path, nlp, prefix, phrase,
                                                     value):
    text, entry = _seed(shared_dir, prefix)
    anchor = date.fromisoformat(entry["published_estimate"]["best"])
    times = find_time_expressions(nlp(text), prefix, anchor, "estimate")
    hits = _found_at(times, text, phrase)
    assert hits, f"{phrase!r} not found"
    assert value in {t.value for t in hits}, f"{phrase!r}: {[t.value for t in hits]}"
    for t in hits:
        if t.rule.startswith("rel."):
            assert t.anchored == "estimate"
