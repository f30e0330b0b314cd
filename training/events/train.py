"""Retrain the event classifier head shipped in src/storyline/data/event_head.npz.

    pip install -e '.[train]'
    python training/events/train.py            # writes the head and says what it trained on
    python training/events/train.py --check    # only validate the labelled set

Trains on the ConfliBERT CAMEO training split, the PLOVER gold standard records and the
training two-thirds of training/events/sentences.jsonl (never its held-out third), with the
combination settings chosen by 3-fold cross-validation on that same training data. The result
is deterministic: the same data and the same installed model give the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHECK_SENTENCES = [
    "Qatari mediators hosted the two delegations for a new round of talks.",
    "The rebels freed six soldiers they had held since the spring.",
    "Artillery units shelled the outskirts of the town overnight.",
    "The valley is known for its apricot orchards.",
]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cameo", type=Path, default=REPO.parent / "shared" / "data" / "events"
                        / "conflibert-cameo-class" / "train.tsv")
    parser.add_argument("--gsr", type=Path,
                        default=REPO.parent / "shared" / "data" / "events" / "plover-gsr.json")
    parser.add_argument("--set", type=Path, default=REPO / "training" / "events" /
                        "sentences.jsonl", help="the team-written labelled set")
    parser.add_argument("--out", type=Path,
                        default=REPO / "src" / "storyline" / "data" / "event_head.npz")
    parser.add_argument("--check", action="store_true", help="validate the labelled set only")
    parser.add_argument("--inputs", choices=("minilm", "parse"), default=None,
                        help="what the head reads: the MiniLM sentence embedding (default) or "
                        "the parse's own features (extract/parse_features.py); default "
                        "STORYLINE_HEAD_INPUTS or minilm")
    args = parser.parse_args()

    import os

    if args.inputs:
        os.environ["STORYLINE_HEAD_INPUTS"] = args.inputs  # the training module reads it
    from storyline.evaluate import event_set

    try:
        everything = event_set.load(args.set)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    held = sum(event_set.split_of(s.id) == "heldout" for s in everything)
    print(f"{args.set}: {len(everything)} sentences, {held} held out")
    if args.check:
        return 0

    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("error: training needs scikit-learn: pip install -e '.[train]'", file=sys.stderr)
        return 1
    from storyline.evaluate import event_training as training
    from storyline.extract import event_classifier as ec

    for path in (args.cameo, args.gsr):
        if not path.is_file():
            print(f"error: {path} is missing (the CAMEO and PLOVER data live in ../shared)",
                  file=sys.stderr)
            return 1
    examples = (training.load_cameo(args.cameo) + training.load_gsr(args.gsr)
                + training.load_team(args.set, "train"))
    data = training.prepare(examples)
    head = training.train(data)
    head.trained_on = {
        "sources": training.describe(data),
        "files": {p.name: _sha256(p) for p in (args.cameo, args.gsr, args.set)},
        "team_set_part": "train (held-out third excluded)",
        "check": _check_predictions(training, ec, head),
    }
    head.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    print("trained on: " + ", ".join(f"{n} {k}" for k, n in head.trained_on["sources"].items())
          + " sentences (team set: training two-thirds only)")
    print(f"type labels: {', '.join(head.type_labels)}")
    print(f"mode heads: {', '.join(f'{t} {list(m)}' for t, m in head.mode_labels.items())}")
    print(f"combination settings (3-fold CV on the training data): {training.dump(head)}")
    return 0


def _check_predictions(training, ec, head) -> list[dict]:
    """The type probabilities scikit-learn gives a few fixed sentences, stored with the head
    for the test that its numpy inference reproduces them."""
    prepared = training.prepare([training.Example(t, "check", f"check-{n}")
                                 for n, t in enumerate(CHECK_SENTENCES)])
    model = head.sklearn_models["type"]
    order = [list(model.classes_).index(label) for label in head.type_labels]
    probs = model.predict_proba(prepared.x)[:, order]
    return [{"text": t, "type_probabilities": [round(float(p), 6) for p in row]}
            for t, row in zip(CHECK_SENTENCES, probs, strict=True)]


if __name__ == "__main__":
    sys.exit(main())
