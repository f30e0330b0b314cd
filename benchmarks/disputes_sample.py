"""Disputes precision on a hand-judged sample (issue 10): draw, show, score.

The sample (`benchmarks/disputes_sample.csv`) holds references only: each dispute's id and
kind and, for its two sides, the article id and character offsets of the evidence; then the
verdict of a person who read both sides in their articles (yes: the two claims contradict each
other about the same thing, from different sides; no: they do not) and a note in that person's
own words. No publisher text is in the repository: `show` reads the sides from a store built
from ../shared.

Two samples are kept. `disputes_sample_tuning.csv` (seed 20240611, disputes with a held-out
side, drawn from the build at main a199f26): judged, then the dispute rules were changed looking
at it (and at the dev side's disputes); it is not a measurement of the new rules.
`disputes_sample.csv` (seed 20241202, `--pool all --exclude disputes_sample_tuning.csv`, drawn
from the build after those changes): the fresh sample of that round (0.60); the rules were then
changed looking at it too, so it is now a tuning set as well. Only 24 disputes of that build had
a held-out side, so it was drawn from all of them.
`disputes_sample_fresh2.csv` (seed 20251203, `--pool all --exclude disputes_sample.csv --exclude
disputes_sample_tuning.csv`, drawn from the build at branch disputes4 5e24d8b): every dispute of
that build in neither older sample (18, not 50), judged before anything else about them was read
(0.61). Three rules were then made looking at it as well. `disputes_sample_rest.csv`: the one
dispute of the build after those in no sample, so that every dispute of the BBC build is judged.
At main 2cd1a50 (extraction version 8) the build's 61 disputes were all in these samples
(50 yes): no fresh sample could be drawn (`--exclude` of all four drew 0). Branch disp6 then
changed the rules looking at the false ones among them and at unpaired denials of dev-split
articles (narration between a claim and an anaphoric denial; "X happened and B denied it"; a
denial of a named claimant's claim; a denial of an accusation the article itself reports).
`disputes_sample_fresh4.csv`: the 12 disputes of the builds after those changes in no older
sample, each judged as soon as it appeared, before anything else about it was read; 5 of
their denials had been seen in the list of unpaired dev denials the rules were written from
(1 of the 12 is in a held-out article), so it is a fresh sample, not a held-out one.
`disputes_recall_heldout.csv`: recall. Every deny or reject statement of a held-out article
that the disp6 build pairs with nothing (73), as a reference (article id, offsets) with a
verdict: yes when it answers a claim by a named other side in the article (a disagreement the
build misses), read after the disp6 rules were written; before, only a one-line grep of
denials worded "X's claim" / "claims by X" over all articles had shown any of them.

    python benchmarks/disputes_sample.py draw  --db sqlite:///bbc.db   # fixed-seed sample
    python benchmarks/disputes_sample.py show  --db sqlite:///bbc.db   # both sides, to judge
    python benchmarks/disputes_sample.py score --db sqlite:///bbc.db   # precision

Drawing: every dispute of the store's built story one of whose sides is in an article of the
held-out split (`storyline.evaluate.figure_truth.article_split`; the dispute rules were
developed looking only at disputes of the other articles), sorted by id, then
`random.Random(SEED).sample(…, SIZE)`; `--pool all` draws from every dispute and `--exclude`
leaves out those of an already judged sample (a fresh sample after the rules changed).
Scoring: precision = yes / judged; the command also
says how many judged disputes the store's current build still holds (by their two sides'
article ids and offsets) and how many of those are yes.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

from storyline.evaluate.figure_truth import article_split, load_truth_config
from storyline.store import Store
from storyline.story.cache import load_kind

SEED = 20240611
SIZE = 50
SAMPLE = Path(__file__).with_name("disputes_sample.csv")
COLUMNS = ["dispute_id", "kind", "a_article", "a_start", "a_end", "b_article", "b_start",
           "b_end", "verdict", "note"]


def _sides(d) -> tuple[tuple[str, int, int], tuple[str, int, int]]:  # noqa: ANN001
    def ref(c) -> tuple[str, int, int]:  # noqa: ANN001
        ev = c.evidence
        return (ev.article_id, ev.start, ev.end) if ev else ("", 0, 0)

    return ref(d.a), ref(d.b)


def _judged_pairs(paths: list[Path]) -> set[tuple]:
    out = set()
    for path in paths:
        for r in read_sample(path):
            out.add(((r["a_article"], int(r["a_start"]), int(r["a_end"])),
                     (r["b_article"], int(r["b_start"]), int(r["b_end"]))))
    return out


def draw(store: Store, size: int, seed: int, pool_of: str = "heldout",
         exclude: list[Path] | None = None) -> list[dict[str, str]]:
    share = float((load_truth_config().get("split") or {}).get("heldout_share", 0.2))
    judged = _judged_pairs(exclude or [])
    pool = []
    for d in load_kind(store, "dispute"):
        a, b = _sides(d)
        if (a, b) in judged:
            continue
        if pool_of == "all" or "heldout" in (article_split(a[0], share),
                                             article_split(b[0], share)):
            pool.append((d.id, d.kind, a, b))
    pool.sort()
    chosen = random.Random(seed).sample(pool, min(size, len(pool)))
    return [{"dispute_id": i, "kind": k, "a_article": a[0], "a_start": str(a[1]),
             "a_end": str(a[2]), "b_article": b[0], "b_start": str(b[1]), "b_end": str(b[2]),
             "verdict": "", "note": ""} for i, k, a, b in chosen]


def read_sample(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise SystemExit(f"{path}: no sample (draw one first)")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    hi_dot, hi_nl = text.find(". ", end), text.find("\n", end)
    his = [h for h in (hi_dot, hi_nl) if h >= 0]
    hi = min(his) + 1 if his else len(text)
    return " ".join(text[lo:hi].split())


def show(store: Store, rows: list[dict[str, str]]) -> None:
    by_id = {d.id: d for d in load_kind(store, "dispute")}
    for n, r in enumerate(rows, 1):
        d = by_id.get(r["dispute_id"])
        print(f"=== {n}. {r['kind']} {r['dispute_id']} verdict={r['verdict'] or '?'}")
        if d is not None:
            print(f"    topic: {d.topic}\n    reason: {d.reason}")
        for side in ("a", "b"):
            art = store.get_article(r[f"{side}_article"])
            if art is None:
                print(f"  {side}: article {r[side + '_article']} not in the store")
                continue
            s, e = int(r[f"{side}_start"]), int(r[f"{side}_end"])
            who = getattr(getattr(d, side), "who", "") if d is not None else ""
            print(f"  {side}: [{who}] {art.published} {art.title!r}\n     "
                  f"{_sentence(art.text, s, e)}")


def score(store: Store, rows: list[dict[str, str]]) -> dict[str, object]:
    judged = [r for r in rows if r["verdict"].strip().lower() in ("yes", "no")]
    yes = sum(1 for r in judged if r["verdict"].strip().lower() == "yes")
    current = {_sides(d) for d in load_kind(store, "dispute")}
    held = [r for r in judged if ((r["a_article"], int(r["a_start"]), int(r["a_end"])),
                                  (r["b_article"], int(r["b_start"]), int(r["b_end"])))
            in current]
    still = len(held)
    # what the current build's precision is on the judged disputes it still finds (a build
    # that drops wrong ones rises here; the sample's own precision is of the build it was
    # drawn from)
    held_yes = sum(1 for r in held if r["verdict"].strip().lower() == "yes")
    by_kind: dict[str, list[int]] = {}
    for r in judged:
        by_kind.setdefault(r["kind"], [0, 0])
        by_kind[r["kind"]][0] += r["verdict"].strip().lower() == "yes"
        by_kind[r["kind"]][1] += 1
    return {"judged": len(judged), "yes": yes,
            "precision": yes / len(judged) if judged else None,
            "by_kind": {k: f"{a}/{b}" for k, (a, b) in sorted(by_kind.items())},
            "still_in_store": still, "still_yes": held_yes}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=["draw", "show", "score"])
    ap.add_argument("--db", required=True, help="store URL of a built BBC story")
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    ap.add_argument("--size", type=int, default=SIZE)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--pool", choices=["heldout", "all"], default="heldout",
                    help="draw from disputes with a held-out side (default) or from all")
    ap.add_argument("--exclude", type=Path, action="append", default=[],
                    help="a judged sample whose disputes (by their two sides) are not redrawn")
    args = ap.parse_args(argv)
    store = Store(args.db)
    if args.action == "draw":
        if args.sample.is_file() and any(r["verdict"] for r in read_sample(args.sample)):
            raise SystemExit(f"{args.sample}: already judged; draw into another file")
        rows = draw(store, args.size, args.seed, args.pool, args.exclude)
        with args.sample.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        print(f"{len(rows)} disputes drawn (seed {args.seed}) into {args.sample}")
    elif args.action == "show":
        show(store, read_sample(args.sample))
    else:
        result = score(store, read_sample(args.sample))
        prec = result["precision"]
        shown = "none judged" if prec is None else f"{prec:.3f}"
        print(f"disputes precision: {shown} "
              f"({result['yes']}/{result['judged']} judged; by kind {result['by_kind']}; "
              f"{result['still_in_store']} still in this store's build, "
              f"{result['still_yes']} of them yes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
