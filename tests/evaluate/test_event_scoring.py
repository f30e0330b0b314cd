"""One-to-one actor matching and the CAMEO class map used by the event scorers."""

from __future__ import annotations

from storyline.evaluate import event_scoring as scoring
from storyline.extract import quad


def test_actor_matching_is_one_to_one():
    # two predictions cannot both claim one gold actor, nor one prediction two gold actors
    assert scoring.match_actors(["Hamas"], [["Hamas"], ["Hamas fighters"]]) == 1
    assert scoring.match_actors(["Israel", "Hamas"], [["Israel and Hamas"]]) == 1
    # the assignment maximises overlap: "Israeli army" goes to its best gold match
    gold = ["the Israeli army", "Israel"]
    assert scoring.match_actors(gold, [["Israel"], ["Israeli army"]]) == 2
    # canonical names count: "the White House" resolved to the United States
    assert scoring.match_actors(["United States"], [["the White House", "United States"]]) == 1
    assert scoring.match_actors(["Egypt"], [["Qatar"]]) == 0
    assert scoring.match_actors([], [["Qatar"]]) == 0


def test_counts_pool_precision_and_recall():
    counts = scoring.Counts()
    counts.add(["Qatar", "Egypt"], [["Qatar"]])
    counts.add(["Norway"], [["Norway"], ["the rebels"]])
    p, r, f = counts.prf()
    assert (counts.matched, counts.predicted, counts.gold) == (2, 3, 3)
    assert abs(p - 2 / 3) < 1e-9 and abs(r - 2 / 3) < 1e-9 and abs(f - 2 / 3) < 1e-9


def test_cameo_classes_follow_the_root_codes():
    q = quad.quad_classes()
    assert q["PROTEST"] == 4  # CAMEO 14: material conflict
    assert q["REQUEST"] == 3 and q["THREATEN"] == 3 and q["ACCUSE"] == 3  # CAMEO 09-13
    assert q["CONCEDE"] == q["RETREAT"] == q["AID"] == 2  # CAMEO 06-08
    assert q["AGREE"] == q["CONSULT"] == q["SUPPORT"] == 1  # CAMEO 03-05
    assert q["SANCTION"] == q["ASSAULT"] == 4
    # a REQUEST is an appeal (CAMEO 02, class 0) or a demand (CAMEO 10, class 3) by its verb
    assert quad.cameo_class("REQUEST", "urge") == 0
    assert quad.cameo_class("REQUEST", "demand") == 3
    assert quad.cameo_class(None) == 0


def test_report_reads_the_one_map():
    from storyline.output import report

    assert report.QUAD == quad.quad_classes()


def test_scorer_reads_each_sentence_as_an_article_of_its_publication_day(nlp):
    # the product dates "in 1994" against the publication day and marks the event background;
    # the scorer must run the same path, or "historical" could never be scored right
    from storyline.evaluate.events import modality_label

    doc = nlp("Government troops shelled the border town of Karesh in 1994.")
    dated = scoring.sentence_main_events([doc], None, "2025-01-15")[0]
    assert dated is not None and dated.type == "ASSAULT"
    assert dated.historical and modality_label(dated) == "historical"
    undated = scoring.sentence_main_events([doc], None)[0]
    assert undated is not None and modality_label(undated) != "historical"
