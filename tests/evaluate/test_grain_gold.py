"""The second story's gold stays in step with its corpus: every gold quote is in its article,
every entry names an article, every figure kind and actor is the grain profile's."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from storyline.evaluate.seed_scoring import find_spans
from storyline.evaluate.seeds import load_gold, read_seeds
from storyline.profiles import load_profile

ROOT = Path(__file__).resolve().parents[2] / "examples" / "grain-deal"


@pytest.mark.parametrize(("folder", "sizes"), [(ROOT, (10, 15)), (ROOT / "heldout", (3, 6)),
                                                (ROOT / "heldout2", (6, 6)),
                                                (ROOT / "heldout3", (6, 8)),
                                                (ROOT / "heldout4", (7, 8)),
                                                (ROOT / "heldout5", (8, 8))])
def test_every_gold_quote_is_in_its_article(folder, sizes):
    articles = defaultdict(list)
    for name, article in read_seeds(folder / "corpus"):
        articles[name].append(article)
    entries, completeness = load_gold(folder / "gold.yaml")
    assert completeness["event"] and completeness["statement"] and completeness["figure"]
    assert sizes[0] <= sum(len(v) for v in articles.values()) <= sizes[1]
    assert len(entries) == sum(len(v) for v in articles.values())
    missing = []
    for e in entries:
        article = articles[e["file"]][int(e.get("record") or 0)]
        for section, key in (("time_expressions", "text"), ("figures", "quote"),
                             ("events", "quote"), ("statements", "quote")):
            for item in e.get(section) or []:
                if not find_spans(article.text, item[key]):
                    missing.append((e["file"], section, item[key]))
    assert not missing


@pytest.mark.parametrize("gold_file", [ROOT / "gold.yaml", ROOT / "heldout" / "gold.yaml",
                                       ROOT / "heldout2" / "gold.yaml",
                                       ROOT / "heldout3" / "gold.yaml",
                                       ROOT / "heldout4" / "gold.yaml",
                                       ROOT / "heldout5" / "gold.yaml"])
def test_gold_uses_the_profile_s_kinds_and_actors(gold_file):
    profile = load_profile(ROOT / "profile")
    kinds = {k["kind"] for k in profile.data("figure_kinds")["kinds"]}
    actors = {a["name"] for a in profile.data("actors")["actors"]}
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    for e in gold:
        for f in e.get("figures") or []:
            assert f["kind"] in kinds, f
        for ev in e.get("events") or []:
            for name in (ev.get("actor") or []) + (ev.get("recipient") or []):
                assert name in actors, (ev["quote"], name)
