"""`storyline evaluate seeds`: quote finding, span matching and field scoring on hand-made
records, and one run of the real command over ../shared."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app
from storyline.evaluate import seed_scoring as sc
from storyline.records import ActorRef, DateEstimate, Event, Figure, Statement

TEXT = "Officials said on Monday that Hamas released two more hostages. Israel called up reservists."


def _event(quote: str, **kw) -> Event:
    start = TEXT.index(quote)
    return Event(article_id="a", start=start, end=start + len(quote), quote=quote, **kw)


def test_find_spans_exact_and_loose():
    assert sc.find_spans(TEXT, "released two more hostages") == [(36, 62)]
    text = "Hamas’ leader said  “no”."
    assert sc.find_spans(text, "Hamas' leader said \"no\"") == [(0, 24)]
    assert sc.find_spans(TEXT, "not in the text") == []
    assert len(sc.find_spans("on Monday and on Monday", "on Monday")) == 2


def test_match_prefers_the_record_that_agrees():
    gold = [sc.GoldItem({"type": "RETREAT", "actor": ["Hamas"], "modality": "reported",
                         "date": "2023-10-23"}, "released two more hostages",
                        sc.find_spans(TEXT, "released two more hostages"))]
    wrong = _event("Hamas released two more hostages", type="ASSAULT",
                   actors=[ActorRef("Hamas", canonical="Hamas")], modality="reported")
    right = _event("Hamas released two more hostages", type="RETREAT",
                   actors=[ActorRef("Hamas", canonical="Hamas")], modality="reported",
                   date_earliest="2023-10-23", date_latest="2023-10-23")
    other = _event("Israel called up reservists", type="MOBILIZE")
    matches, rest = sc.match_records(gold, [wrong, right, other], sc.EVENT_FIELDS,
                                     sc.STRICT["events"])
    assert matches[0].record is right
    assert matches[0].correct(sc.STRICT["events"])
    assert rest == [wrong, other]
    assert sc.overlaps_any(wrong, gold) and not sc.overlaps_any(other, gold)


def test_fields_compared_only_where_gold_states_them():
    ev = _event("Israel called up reservists", type="MOBILIZE", modality="asserted",
                actors=[ActorRef("Israel", canonical="Israel")])
    fields = sc.compare_fields({"type": "MOBILIZE", "actor": ["Israel"], "modality": "future"},
                               ev, sc.EVENT_FIELDS)
    assert fields == {"type": True, "actors": True, "modality": False}
    assert sc.same_actors(["Israel", "Hamas"], ev.actors) is False
    assert sc.same_date("2023-10-21/2023-10-23", "2023-10-21", "2023-10-23") is True
    assert sc.same_date("2023-10-23", None, None) is False


def test_a_gold_month_or_year_is_every_day_in_it():
    # the extractors date "last month" to its first and last day; the gold writes the month
    assert sc.same_date("2022-07", "2022-07-01", "2022-07-31") is True
    assert sc.same_date("2024-02", "2024-02-01", "2024-02-29") is True
    assert sc.same_date("2022", "2022-01-01", "2022-12-31") is True
    assert sc.same_date("2022-07", "2022-07-01", "2022-07-30") is False
    assert sc.gold_interval("2022-07-18/2022-07-24") == ("2022-07-18", "2022-07-24")


def test_a_gold_iso_week_is_monday_to_sunday():
    # grain11: "last week" is dated to its seven days; a gold that writes the week agrees
    assert sc.same_date("2024-W19", "2024-05-06", "2024-05-12") is True
    assert sc.same_date("2024-W19", "2024-05-06", "2024-05-11") is False


def test_figure_fields():
    fig = Figure(article_id="a", start=0, end=5, quote="x", kind="aid_trucks", value=54,
                 qualifier="exact", source="the United Nations")
    gold = {"kind": "aid_trucks", "value": 54, "qualifier": "exact",
            "source": "the United Nations", "date": "2023-10-21/2023-10-23"}
    fields = sc.compare_fields(gold, fig, sc.FIGURE_FIELDS)
    assert fields == {"kind": True, "value": True, "qualifier": True, "source": True,
                      "date": False}


def test_a_pronoun_speaker_is_scored_as_whom_it_stands_for():
    def said(speaker, actor=None):
        return Statement(article_id="a", start=0, end=10, quote="He said it", speaker=speaker,
                         speaker_actor=actor, cue="said", content="it", stance="assert")

    compare = sc.STATEMENT_FIELDS["speaker"]
    gold = {"speaker": "Arne Lund"}
    assert compare(gold, said("He", ActorRef(text="He", canonical="Arne Lund"))) is True
    assert compare(gold, said("Arne Lund")) is True
    assert compare(gold, said("He", ActorRef(text="He", canonical="Ola Berg"))) is False
    assert compare({}, said("He")) is None


def test_tally_precision_complete_vs_partial():
    gold = [sc.GoldItem({"type": "RETREAT"}, "released", sc.find_spans(TEXT, "released"))]
    recs = [_event("Hamas released", type="RETREAT"), _event("called up", type="MOBILIZE")]
    matches, _ = sc.match_records(gold, recs, sc.EVENT_FIELDS, ("type",))
    tally = sc.Tally()
    tally.add(matches, recs, gold, ("type",))
    partial, complete = tally.scores(False), tally.scores(True)
    assert partial["recall"] == 1.0 and partial["precision"] is None
    assert partial["precision_overlap_lower_bound"] == 0.5
    assert partial["precision_of_matched"] == 1.0
    assert complete["precision"] == 0.5


def test_section_completeness_from_header():
    header = ("Gold for the five seeds: metadata and publication windows (complete), key "
              "figures and events (partial).")
    c = sc.section_completeness(header)
    assert sc.is_complete("metadata", c) and sc.is_complete("publication window", c)
    assert not sc.is_complete("events", c) and not sc.is_complete("figures", c)
    assert not sc.is_complete("time_expressions", c)  # not named: treated as partial


def test_repair_checks():
    lines = ["Israelâ€™s → Israel’s (UTF-8 read as cp1252)"]
    assert sc.repair_checks("Israel’s army", lines)["ok"]
    bad = sc.repair_checks("Israelâ€™s army \ufffd 鈥", lines)
    assert not bad["ok"] and bad["replacement_chars"] == 1 and bad["cjk_chars"] == 1
    assert bad["missing"] == ["Israel’s"] and bad["still_broken"] == ["Israelâ€™s"]


def test_window_check():
    gold = {"earliest": "2024-08-12", "latest": "2024-08-13"}
    wide = DateEstimate("2024-08-01", "2024-08-20", "2024-08-12", "text")
    assert sc.window_check(gold, wide) == {"estimated": True, "earliest": "2024-08-01",
                                               "latest": "2024-08-20", "best": "2024-08-12",
                                               "contains": True, "best_inside": True}
    off = DateEstimate("2024-08-12", "2024-08-12", "2024-08-12", "text")
    assert not sc.window_check(gold, off)["contains"]
    assert sc.window_check(gold, None)["estimated"] is False


def test_seeds_command_on_shared(shared_dir):
    result = CliRunner().invoke(app, [
        "evaluate", "seeds", "--seeds", str(shared_dir / "seeds"),
        "--gold", str(shared_dir / "gold" / "seeds.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["seeds"]) == 5
    events = data["records"]["events"]
    assert events["gold"] >= 4 and not events["gold_complete"]
    assert events["recall"] >= 0.7  # the seed bar
    assert events["precision_of_matched"] >= 0.8
    seed0 = data["seeds"][0]
    assert all(c["ok"] for c in seed0["metadata"].values())
    assert all(s["repairs"]["ok"] for s in data["seeds"])
