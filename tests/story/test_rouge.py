"""Timeline ROUGE (align+ m:1), Date-F1 and the date-wise summariser on tiny hand-made cases.

Expected values are computed by hand in the comments.
"""

from __future__ import annotations

from datetime import date

import pytest

from storyline.evaluate.rouge import (
    PRF,
    align_m1,
    average_prf,
    date_f1,
    rouge_approximation,
    rouge_counts,
    tokens,
)
from storyline.evaluate.timeline import read_gold
from storyline.story.timeline import Sentence, datewise_timeline, knee_point, tfidf_terms

D1, D3, D4 = date(2020, 1, 1), date(2020, 1, 3), date(2020, 1, 4)


def test_tokens_like_rouge_155():
    # stop words (SMART + ROUGE's "reuters"), hyphen split, Porter on words longer than 3
    assert tokens("The runners were running quickly-fast to Reuters!") == [
        "runner", "run", "quickli", "fast"
    ]
    assert tokens("Cats ran") == ["cat", "ran"]
    assert tokens("Cats ran", stem=False) == ["cats", "ran"]


def test_rouge_counts_clip_hits():
    c = rouge_counts(["storm storm coast"], ["storm coast coast coast"], 1)
    assert (c.hits, c.peer, c.model) == (2, 3, 4)
    assert rouge_counts(["storm hits coast"], ["storm hits coast"], 2).hits == 2


def test_rouge_approximation_is_whitespace_f1():
    # {Floods, close, bridges} vs {Floods, close, roads}: 2 matches, P = R = 2/3
    assert rouge_approximation(["Floods close bridges"], [["Floods close roads"]]) == (
        pytest.approx(2 / 3)
    )


def test_align_m1_by_hand():
    ref = {D1: ["Storm hits coast"], D3: ["Floods close roads"]}
    pred = {D1: ["Storm hits coast"], D4: ["Floods close bridges"]}
    # precision: D1→D1 (3 hits of 3); D4→D3 (cost 0.5·(1−2/3) beats D1's 0.75·1), 2 hits of 3
    # weighted 1/2: P = (3 + 1) / 6. Recall symmetric: R = (3 + 1) / 6.
    r = align_m1(pred, ref)
    assert r[1].precision == pytest.approx(4 / 6)
    assert r[1].recall == pytest.approx(4 / 6)
    assert r[1].f1 == pytest.approx(4 / 6)
    # bigrams: D1 2 of 2; D4→D3 (flood close) 1 of 2 weighted 1/2: (2 + 0.5) / 4
    assert r[2].precision == pytest.approx(0.625)
    assert r[2].f1 == pytest.approx(0.625)


def test_align_m1_many_to_one_and_empty():
    ref = {D1: ["Storm hits coast"]}
    pred = {D1: ["Storm hits coast"], D3: ["Storm hits coast"]}
    r = align_m1(pred, ref)
    # both predicted dates align to D1: P = (3 + 3/3) / 6; recall D1→D1: 3/3
    assert r[1].precision == pytest.approx(4 / 6)
    assert r[1].recall == pytest.approx(1.0)
    assert align_m1({}, ref)[1] == PRF(0.0, 0.0, 0.0)


def test_date_f1_and_average():
    s = date_f1([D1, D4], [D1, D3])
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)
    avg = average_prf([PRF(1.0, 0.0, 0.0), PRF(0.0, 1.0, 0.0)])
    assert (avg.precision, avg.recall, avg.f1) == (0.5, 0.5, 0.5)


def test_read_gold_merges_repeated_dates(tmp_path):
    path = tmp_path / "tl.txt"
    path.write_text("2020-01-03\nB one .\n-----\n2020-01-01\nA one .\nA two .\n-----\n"
                    "2020-01-03\nB two .\n-----\n", encoding="utf-8")
    assert read_gold(path) == {D1: ["A one .", "A two ."], D3: ["B one .", "B two ."]}


def test_knee_point():
    assert knee_point([1.0, 0.9, 0.2, 0.1, 0.05]) == 2


def test_datewise_picks_most_mentioned_date_and_central_sentence():
    def s(text, art, pos, pub, ment=None):
        return Sentence(text, art, pos, pub, ment, tfidf_terms(text))

    sents = [
        s("The dam burst flooding the valley villages overnight killing dozens", 0, 0, D3, D1),
        s("Officials said the dam burst flooded valley villages and killed dozens", 1, 0, D3, D1),
        s("Rescue teams searched valley villages after the dam burst flooding homes", 2, 1, D4,
          D1),
        s("A minister visited the capital to discuss unrelated budget matters today", 3, 0, D4,
          D4),
    ]
    tl = datewise_timeline(sents, D1, D4, n_dates=1, k=1)
    assert list(tl) == [D1]
    assert "dam burst" in tl[D1][0]


def test_read_gold_skips_malformed_date(tmp_path):
    path = tmp_path / "tl.txt"
    path.write_text("2020-01-01\nA one .\n-----\n2020-01-0\nBad day .\n-----\n", encoding="utf-8")
    problems: list[str] = []
    assert read_gold(path, problems) == {D1: ["A one ."]}
    assert len(problems) == 1 and "2020-01-0" in problems[0]
