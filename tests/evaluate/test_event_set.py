"""The team-written labelled event set and its held-out third (evaluate/event_set.py)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from storyline.evaluate import event_set

SET = Path(__file__).resolve().parents[2] / "training" / "events" / "sentences.jsonl"
CATEGORIES = ["CONSULT/third-party", "CONSULT/visit", "AGREE", "CONCEDE", "REQUEST/yield",
              "REJECT", "RETREAT/release", "RETREAT/ceasefire", "RETREAT/access", "AID/rescue",
              "COERCE/restrict", "ASSAULT", "MOBILIZE"]


def test_split_is_stable_and_a_third():
    # pinned: the split is a function of the id alone, so it can never drift between runs
    assert event_set.split_of("consult-third-party-001") == "heldout"
    assert event_set.split_of("consult-third-party-003") == "train"
    assert [event_set.split_of(f"x-{i}") for i in range(6)] == [
        event_set.split_of(f"x-{i}") for i in range(6)]
    share = sum(event_set.split_of(f"sentence-{i}") == "heldout" for i in range(3000)) / 3000
    assert 0.30 < share < 0.37


def test_the_set_covers_every_category_and_modality():
    everything = event_set.load(SET)
    labels = Counter(s.label for s in everything)
    for category in CATEGORIES:
        assert labels[category] >= 40, category
    events = sum(labels[c] for c in CATEGORIES)
    assert labels["NONE"] >= 0.95 * events  # about as many non-events as events
    modalities = Counter(s.modality for s in everything if s.type != "NONE")
    for modality in event_set.MODALITIES[1:]:
        assert modalities[modality] >= 35, modality
    held = event_set.load(SET, "heldout")
    train = event_set.load(SET, "train")
    assert len(held) + len(train) == len(everything)
    assert not {s.id for s in held} & {s.id for s in train}
    assert all(event_set.split_of(s.id) == "heldout" for s in held)


def test_bad_records_name_the_file_and_line(tmp_path):
    good = {"id": "a-1", "text": "Oslo hosted talks.", "type": "CONSULT", "mode": "third-party",
            "modality": "asserted", "actors": [{"text": "Oslo", "start": 0, "end": 4}],
            "recipients": []}
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(good) + "\n")
    assert event_set.load(path)[0].label == "CONSULT/third-party"
    bad_span = dict(good, actors=[{"text": "Oslo", "start": 1, "end": 5}])
    path.write_text(json.dumps(good) + "\n" + json.dumps(dict(bad_span, id="a-2")) + "\n")
    with pytest.raises(ValueError, match=r"set.jsonl:2: span"):
        event_set.load(path)
    path.write_text(json.dumps(dict(good, type="WAR")) + "\n")
    with pytest.raises(ValueError, match="unknown type"):
        event_set.load(path)
    with pytest.raises(ValueError, match="cannot read"):
        event_set.load(tmp_path / "missing.jsonl")
