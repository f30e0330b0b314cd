"""Timeline17 scoring through the product path, on a tiny topic the team wrote in T17's shape."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from storyline.evaluate.timeline import (
    cards,
    detokenize,
    load_tasks,
    run_task,
)

ARTICLES = [
    ("2031-05-02", "The port authority of Velmar said on Monday that talks with the dockers union "
     "had begun in Corran . \nThe union said its members would keep working during the talks ."),
    ("2031-05-03", "The dockers union and the port authority of Velmar signed an agreement on "
     "Tuesday -LRB- 3 May -RRB- ending the dispute over night shifts . \nBoth sides said the deal "
     "was fair ."),
    ("2031-05-05", "Ships queued outside Velmar on Thursday as the agreement took effect , the "
     "port authority said . \nThe union welcomed the agreement ."),
]
GOLD = """2031-05-02
Talks between the port authority and the dockers union begin in Corran .
--------------------------------
2031-05-03
The union and the port authority sign an agreement ending the dispute .
"""


def _topic(tmp_path: Path) -> Path:
    folder = tmp_path / "t17" / "port_wire"
    (folder / "timelines").mkdir(parents=True)
    with (folder / "articles.jsonl").open("w") as fh:
        for i, (day, text) in enumerate(ARTICLES):
            fh.write(json.dumps({"id": f"port_wire/{day}/{i}", "published": day, "text": text})
                     + "\n")
        fh.write(json.dumps({"id": ".DS_Store", "text": ""}) + "\n")  # a stray record
    (folder / "timelines" / "wire.txt").write_text(GOLD)
    return tmp_path / "t17"


def test_detokenize_undoes_the_treebank_tokens():
    assert detokenize("It raised $ 57m -LRB- about # 35m -RRB- on Friday 's telethon , they "
                      "said .") == "It raised $57m (about # 35m) on Friday's telethon, they said."
    assert detokenize("`` We do n't know , '' he said .") == "\u201cWe don't know,\u201d he said."


def test_the_product_timeline_is_what_storyline_timeline_shows(tmp_path):
    tasks = load_tasks(_topic(tmp_path))
    assert len(tasks) == 1
    task = tasks[0]
    assert (task.start, task.end, task.n_dates, task.k) == (date(2031, 5, 2), date(2031, 5, 3),
                                                            2, 1)
    assert any(".DS_Store" not in p and "skipped" in p for p in task.problems)
    work = tmp_path / "work"
    work.mkdir()
    r = run_task(task, "storyline", work)
    # only the two articles published inside the gold's window are ingested, into a store
    assert r["articles"] == 2 and r["stored"] == 2
    assert r["command"].startswith("storyline timeline --db sqlite:///")
    assert "--limit 2 --per-day 1" in r["command"]
    assert r["pred_sentences"] <= 2
    assert 0.0 <= r["date_f1"].f1 <= 1.0
    # a second run reuses the store: nothing new is stored
    again = run_task(task, "storyline", work)
    assert again["stored"] == 0 and again["duplicates"] == 2
    assert again["rouge_1"] == r["rouge_1"]


def test_the_baseline_gives_at_most_the_gold_number_of_dates(tmp_path):
    task = load_tasks(_topic(tmp_path))[0]
    r = run_task(task, "datewise")
    assert 1 <= r["pred_dates"] <= task.n_dates
    card = cards([task], ("storyline", "datewise"))
    assert card["datewise"].developed_on.startswith("yes")
    assert "1 of T17's 19 timelines" in card["storyline"].subset
