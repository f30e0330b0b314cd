"""`storyline evaluate quotes`: brat reading and scoring (PolNeAr itself only when present)."""

from __future__ import annotations

from storyline.evaluate.quotes import (
    Quote,
    _count,
    _equal,
    _overlap,
    load_documents,
    read_ann,
    score,
)

ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 40\tthe market would reopen
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tContent 42 50;60 70\tsplit
T6\tCue 51 55\tsaid
T7\tAttribution 51 55\tsaid
E2\tAttribution-no-source:T7 Cue:T6 Content:T5
T8\tDiscard 80 90\tignored
"""


def test_read_ann_links_roles_and_fragments():
    quotes = read_ann(ANN)
    assert quotes == [
        Quote(cue=((10, 14),), sources=((0, 9),), contents=((15, 40),)),
        Quote(cue=((51, 55),), sources=(), contents=((42, 50), (60, 70))),
    ]


def test_citron_style_counts():
    gold = read_ann(ANN)
    pred = [Quote(cue=((10, 14),), sources=((0, 9),), contents=((15, 39),)),
            Quote(cue=((100, 104),), sources=((90, 99),), contents=((105, 120),))]
    assert _count(pred, gold, "cue", _equal) == (1, 1, 1)
    assert _count(pred, gold, "sources", _equal) == (1, 1, 1)
    assert _count(pred, gold, "contents", _equal) == (0, 2, 2)
    assert _count(pred, gold, "contents", _overlap) == (1, 1, 1)


def test_polnear_dev_smoke(shared_dir):
    docs = load_documents(shared_dir / "data/quotes/polnear/dev")[:3]
    result = score(docs)
    cue = result["scores"]["cue_exact"]
    assert result["documents"] == 3 and result["gold_attributions"] > 0
    assert cue["precision"] > 0.6 and cue["recall"] > 0.2
