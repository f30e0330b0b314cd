"""Choose the timeline's balance weights on half of the truth's milestones, score the other half.

The timeline ranks entries by importance and then lowers the n-th entry of one kind by
kind_decay·log(n) and the n-th of one ISO week by week_decay·log(n) (story/timeline.py,
data/story.yaml `timeline:`), with w_roles·log(1 + parties and mediators) for negotiation-record
entries. This benchmark recomputes the timeline of a built store's cached story for each point
of a small grid of those three weights and counts the milestones of `../shared/gold/
negotiation.yaml` found in the top 50 (`storyline timeline -n 50`, the matching rule of
`storyline evaluate story`: ±1 day, one of the milestone's PLOVER types, one of its parties).

Split: the milestones in date order, alternately: the 1st, 3rd, 5th … are the tuning half, the
others are held out (two halves of one size, each spread over the whole period). The weights are chosen on the tuning half alone (most top-50
milestones, then most top-20, then the nearest to the shipped weights); the held-out half is
printed for the shipped and the chosen weights. The milestones as a whole were read while the
story rules were developed (the story's development set): the held-out half is held out from
this choice of weights only.

    python benchmarks/tune_timeline.py --db bbc.db
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold" / "negotiation.yaml"
GRID = {
    "kind_decay": (0.0, 0.25, 0.5, 1.0, 1.5),
    "week_decay": (0.0, 0.25, 0.5, 1.0, 1.5),
    "w_roles": (0.0, 1.0, 2.0, 3.0),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a store with a built story")
    args = parser.parse_args()
    if not GOLD.is_file():
        print(f"skipped: {GOLD} is absent")
        return 0

    from storyline.evaluate import story_score as ss
    from storyline.evaluate.truth import load_negotiation
    from storyline.store import Store
    from storyline.story.build import _in_period, load_articles, load_story
    from storyline.story.config import section
    from storyline.story.timeline import story_timeline

    with Store(f"sqlite:///{args.db}") as store:
        story = load_story(store)
        articles = load_articles(store)
    dates = sorted(d for d in (articles.published(a) for a in articles.by_id) if d)
    truth = load_negotiation(GOLD)
    milestones = truth.milestones_in(dates[0], dates[-1])
    ordered = sorted(milestones, key=lambda m: (m.date, m.kind, m.summary))
    halves = {"tuning": ordered[0::2], "held-out": ordered[1::2]}
    clusters = {c.id: c for c in story.clusters}
    in_period = _in_period(list(story.clusters), articles)
    shipped = {k: float(section("timeline").get(k, 0.0)) for k in GRID}

    def found(params: dict, ms: list, limit: int) -> int:
        timeline = story_timeline(in_period, articles, params=params, record=story.negotiation)
        levels = {"top": ss.timeline_candidates(timeline, clusters, limit)}
        return ss.score_milestones(ms, levels, truth.tolerance_days)["found"]["top"]

    results = []
    for values in itertools.product(*GRID.values()):
        params = dict(zip(GRID, values, strict=True))
        distance = sum(abs(params[k] - shipped[k]) for k in GRID)
        results.append((found(params, halves["tuning"], 50), found(params, halves["tuning"], 20),
                        -distance, params))
    results.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    chosen = results[0][3]
    n = {k: len(v) for k, v in halves.items()}
    print(f"milestones in the corpus period: {len(milestones)} (tuning {n['tuning']}, "
          f"held-out {n['held-out']}); grid of {len(results)} points")
    for name, params in (("shipped", shipped), ("chosen", chosen)):
        cells = []
        for half, ms in halves.items():
            top50, top20 = found(params, ms, 50), found(params, ms, 20)
            cells.append(f"{half} top 50 {top50}/{len(ms)} ({top50 / max(1, len(ms)):.3f}), "
                         f"top 20 {top20}/{len(ms)}")
        everything = found(params, milestones, 50)
        print(f"  {name:8} {params}: " + "; ".join(cells)
              + f"; all top 50 {everything}/{len(milestones)} "
                f"({everything / max(1, len(milestones)):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
