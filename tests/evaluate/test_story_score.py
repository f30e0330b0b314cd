"""The story scorer on a tiny synthetic truth (names and dates invented for these tests)."""

from __future__ import annotations

import pytest

from storyline.evaluate import story_score as ss
from storyline.evaluate.truth import load_negotiation
from storyline.story.records import (
    Claim,
    Dispute,
    EventCluster,
    Evidence,
    NegotiationItem,
    StateDay,
    TimelineEntry,
)

GOLD = """\
tolerance_days: 1
truce_periods:
  - {start: "2030-01-10", end: "2030-01-12"}
milestones:
  - {date: "2030-01-05", kind: talks, plover: [CONSULT], parties: [Israel]}
  - {date: "2030-01-08", kind: agreement, plover: [AGREE], parties: [Hamas]}
  - {date: "2030-01-10", kind: truce_start, plover: [RETREAT], parties: [Israel, Hamas]}
  - {date: "2030-01-13", kind: truce_end, plover: [ASSAULT], parties: [Israel]}
  - {date: "2030-01-20", kind: release, plover: [RETREAT], parties: [Hamas]}
  - {date: "2031-05-01", kind: talks, plover: [CONSULT], parties: [Qatar]}
"""


@pytest.fixture
def truth(tmp_path):
    path = tmp_path / "negotiation.yaml"
    path.write_text(GOLD, encoding="utf-8")
    return load_negotiation(path)


def _state(statuses: dict[str, str]) -> list[StateDay]:
    ev = Evidence(kind="event", article_id="x", start=0, end=3, quote="why")
    return [StateDay(date=d, status=s, evidence=[ev]) for d, s in sorted(statuses.items())]


def test_truce_days_precision_recall_and_false_days(truth):
    state = _state({"2030-01-09": "truce", "2030-01-10": "truce", "2030-01-11": "truce",
                    "2030-01-12": "talks_active"})
    r = ss.score_truce_days(state, truth, "2030-01-01", "2030-01-31")
    assert r["truth_days"] == 3 and r["predicted_days"] == 3 and r["true_positive"] == 2
    assert r["precision"] == pytest.approx(2 / 3) and r["recall"] == pytest.approx(2 / 3)
    assert r["f1"] == pytest.approx(2 / 3)
    assert [d["date"] for d in r["false_days"]] == ["2030-01-09"]
    assert r["missed_days"] == ["2030-01-12"]


def test_truce_days_outside_the_period_are_not_scored(truth):
    r = ss.score_truce_days(_state({"2030-01-11": "truce"}), truth, "2030-01-11", "2030-01-11")
    assert r["truth_days"] == 1 and r["precision"] == 1.0 and r["f1"] == 1.0


def test_no_predicted_truce_day_has_no_precision(truth):
    r = ss.score_truce_days([], truth, "2030-01-01", "2030-01-31")
    assert r["precision"] is None and r["recall"] == 0.0 and r["f1"] == 0.0


def test_truth_status_changes_come_from_milestones_and_truce_periods(truth):
    changes = truth.status_changes("2030-01-01", "2030-01-31")
    # talks (01-05), agreement (01-08), truce (01-10), collapsed (01-13); the release sets none
    assert [(c["date"], c["to"]) for c in changes] == [
        ("2030-01-05", "talks_active"), ("2030-01-08", "agreement"), ("2030-01-10", "truce"),
        ("2030-01-13", "collapsed")]


def test_status_changes_per_30_days_and_ratio(truth):
    state = _state({"2030-01-05": "talks_active", "2030-01-06": "talks_active",
                    "2030-01-07": "unknown", "2030-01-10": "truce"})
    r = ss.score_status_changes(state, truth, "2030-01-01", "2030-01-30")
    # unknown → talks (05), → unknown (07), → truce (10), → unknown (11)
    assert r["changes"] == 4 and r["truth_changes"] == 4
    assert r["per_30_days"] == pytest.approx(4.0) and r["ratio"] == pytest.approx(1.0)


def _cluster(cid: str, type_: str, day: str, actors: list[str]) -> EventCluster:
    return EventCluster(id=cid, type=type_, mode=None, polarity="real", actors=actors,
                        recipients=[], date_earliest=day, date_latest=day,
                        date_basis="explicit", label=f"{type_} {cid}", summary=f"event {cid}")


def test_milestones_need_date_type_and_party(truth):
    clusters = [
        _cluster("c1", "CONSULT", "2030-01-06", ["Israel Defense Forces"]),  # stands for Israel
        _cluster("c2", "AGREE", "2030-01-08", ["Qatar"]),  # wrong party
        _cluster("c3", "RETREAT", "2030-01-12", ["Hamas"]),  # two days late
        _cluster("c4", "ASSAULT", "2030-01-13", ["Israel"]),
    ]
    by_id = {c.id: c for c in clusters}
    timeline = [TimelineEntry(date=c.date_earliest, summary=c.summary, label=c.label,
                              type=c.type, cluster_id=c.id, score=float(i))
                for i, c in enumerate(clusters)]
    levels = {
        "top20": ss.timeline_candidates(timeline, by_id, 1),  # only the best-scored entry: c4
        "top50": ss.timeline_candidates(timeline, by_id, 50),
        "record": None,
        "clusters": ss.cluster_candidates(clusters),
    }
    r = ss.score_milestones(truth.milestones_in("2030-01-01", "2030-01-31"), levels,
                            truth.tolerance_days)
    assert r["milestones"] == 5  # the 2031 milestone is outside the period
    assert r["found"] == {"top20": 1, "top50": 2, "record": None, "clusters": 2}
    assert r["recall"]["top50"] == pytest.approx(0.4) and r["recall"]["record"] is None
    found = {row["milestone"]["date"]: row["top50"] for row in r["rows"]}
    assert found["2030-01-05"]["where"].startswith("timeline #")
    assert found["2030-01-08"] is None and found["2030-01-10"] is None


def _item(kind: str, aid: str, **kw) -> NegotiationItem:
    ev = Evidence(kind="event", article_id=aid, start=0, end=5, quote="quote",
                  sentence=kw.pop("sentence", "a sentence"))
    return NegotiationItem(id=f"{kind}-{aid}", kind=kind, date="2030-01-05", evidence=[ev], **kw)


def test_seed_expectations_need_an_item_from_the_seed_itself():
    expectations = [
        {"file": "s1.txt", "expect": [{"kind": "talks", "venue_any": ["Northport"],
                                       "mediators_any": ["Qatar"]}]},
        {"file": "s2.txt", "expect": [{"kind": "proposal", "words_any": ["bridging"]},
                                      {"dispute_between": ["Israel", "Hamas"]}]},
        {"file": "s3.txt", "expect": [{"kind": "talks"}]},
    ]
    items = [
        _item("talks", "A1", venue="Northport", mediators=["Qatari Foreign Ministry"]),
        _item("proposal", "A2", sentence="They offered a bridging text."),
        _item("talks", "A9"),  # another article's: does not count for s3
    ]
    claim = Claim(kind="statement", who="a minister", side="israel", text="x", stance="assert")
    other = Claim(kind="statement", who="a spokesman", side="hamas", text="y", stance="deny")
    disputes = [Dispute(id="d", kind="denial", date=None, topic="t", a=claim, b=other)]
    out = ss.check_seeds(expectations, {"s1.txt": "A1", "s2.txt": "A2", "s3.txt": "A3"},
                         items, disputes)
    assert [s["met"] for s in out] == [True, True, False]
    assert out[0]["checks"][0]["by"]["venue"] == "Northport"


def test_a_malformed_truth_file_is_one_clear_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("milestones:\n  - {date: 'soon', plover: [AGREE]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml: milestone 1"):
        load_negotiation(path)


def test_the_command_builds_a_story_from_a_corpus_and_scores_it(tmp_path, truth):
    import json

    from typer.testing import CliRunner

    from storyline.cli import app

    corpus = tmp_path / "corpus.jsonl"
    rows = [
        {"id": "n1", "outlet": "Test Wire", "published": "2030-01-05",
         "title": "Talks open", "text": "Israeli and Hamas negotiators met in Doha on Saturday "
         "for talks mediated by Qatar on the release of the captives."},
        {"id": "n2", "outlet": "Test Wire", "published": "2030-01-13",
         "title": "Fighting resumes", "text": "Israeli aircraft struck targets across the "
         "territory on Sunday as the pause in fighting ended."},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    gold = tmp_path / "gold.yaml"
    gold.write_text(GOLD, encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "story", "--corpus", str(corpus), "--gold",
                                      str(gold), "--no-seeds", "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["period"] == {"first": "2030-01-05", "last": "2030-01-13"}
    assert out["articles"] == 2 and out["split"].startswith("as given")
    assert out["truce_days"]["truth_days"] == 3
    assert out["milestones"]["milestones"] == 4
    assert out["figures"]["status"] in ("pending", "scored")


def test_the_command_names_a_bad_gold_file(tmp_path):
    from typer.testing import CliRunner

    from storyline.cli import app

    result = CliRunner().invoke(app, ["evaluate", "story", "--gold", str(tmp_path / "none.yaml"),
                                      "--no-seeds"])
    assert result.exit_code == 1
    assert "none.yaml: cannot read" in result.output and "Traceback" not in result.output
