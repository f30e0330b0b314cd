"""Choose the story-record dating parameters on the dev slice of the BBC corpus only.

    python benchmarks/fit_dating.py [--corpus FILE ...] [--dev-until 2023-11-30] [--limit N]

Grid over the parameters that set the story record's best day and interval (`data/base/
dating.yaml`: story_interval_neighbours, story_quantiles, story_margin_days, story_neighbours,
weights.story). Each configuration dates every dev article leave-one-out (as
`storyline evaluate dating` does) and is scored on it. Selection rule, in order: meet both bars
on dev (median error <= 3 days, >= 90% of true days inside the interval); among those, the
narrowest median interval; then the smaller median error; then more articles within a day.
When no configuration meets both bars, the smallest median error among those covering >= 90%.

The held-out slice is never read here. Write the chosen values into dating.yaml by hand, then
report both slices with `storyline evaluate dating`.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from storyline.evaluate.dating import (
    BAR,
    DEFAULT_CORPUS,
    DEFAULT_DEV_UNTIL,
    prepare,
    read_corpus,
    run_slice,
    split_slices,
)
from storyline.temporal.evidence import config

GRID = {
    "story_interval_neighbours": [10, 20, 40],
    "story_quantiles": [[0.05, 0.95], [0.1, 0.9], [0.2, 0.8]],
    "story_margin_days": [0, 3, 7],
    "story_neighbours": [5, 10],
    "weights.story": [1.0, 2.0],
}


@contextmanager
def overridden(params: dict):
    """The cached dating configuration with `params` set (dotted keys reach into mappings)."""
    cfg = config()
    saved = copy.deepcopy(cfg)
    try:
        for key, value in params.items():
            target = cfg
            *parents, leaf = key.split(".")
            for p in parents:
                target = target[p]
            target[leaf] = value
        yield
    finally:
        cfg.clear()
        cfg.update(saved)


def selection_key(figures: dict) -> tuple:
    s = figures["with_story_record"]
    error = s["median_error_days"] if s["median_error_days"] is not None else 1e9
    width = s["median_interval_days"] if s["median_interval_days"] is not None else 1e9
    cover = s["interval_coverage"] or 0.0
    meets = error <= BAR["median_error_days"] and cover >= BAR["interval_coverage"]
    covered = cover >= BAR["interval_coverage"]
    if meets:
        return (0, width, error, -(s["within_1"] or 0.0))
    if covered:
        return (1, error, width, -(s["within_1"] or 0.0))
    return (2, -cover, error, width)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, action="append")
    ap.add_argument("--dev-until", default=DEFAULT_DEV_UNTIL.isoformat())
    ap.add_argument("--limit", type=int, default=None, help="dev articles to score (spread)")
    ap.add_argument("--json", type=Path, default=None, help="write every configuration here")
    args = ap.parse_args(argv)
    corpus = read_corpus(list(args.corpus or DEFAULT_CORPUS))
    dev = split_slices(corpus, date.fromisoformat(args.dev_until))["dev"]
    if not dev:
        print("no dev articles", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    prep = prepare(dev, args.limit)
    print(f"dev slice: {len(prep.articles)} of {len(dev)} articles parsed in "
          f"{time.perf_counter() - t0:.0f}s", flush=True)
    current = {k: _get(config(), k) for k in GRID}
    rows = []
    names = list(GRID)
    for values in itertools.product(*(GRID[k] for k in names)):
        params = dict(zip(names, values, strict=True))
        with overridden(params):
            figures = run_slice(prep, date.today())
        rows.append({"params": params, "figures": figures})
        s = figures["with_story_record"]
        print(json.dumps(params), f"error {s['median_error_days']} cover "
              f"{s['interval_coverage']} width {s['median_interval_days']} "
              f"within1 {s['within_1']}", flush=True)
    rows.sort(key=lambda r: selection_key(r["figures"]))
    best = rows[0]
    at_current = next((r for r in rows if r["params"] == current), None)
    print("\ncurrent values:", json.dumps(current))
    if at_current:
        print("  dev figures:", _brief(at_current["figures"]))
    print("chosen on dev:", json.dumps(best["params"]))
    print("  dev figures:", _brief(best["figures"]))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


def _get(cfg: dict, key: str):
    for part in key.split("."):
        cfg = cfg[part]
    return cfg


def _brief(figures: dict) -> str:
    s = figures["with_story_record"]
    return (f"median error {s['median_error_days']} d, coverage {s['interval_coverage']}, "
            f"median width {s['median_interval_days']} d, within 1 day {s['within_1']}")


if __name__ == "__main__":
    sys.exit(main())
