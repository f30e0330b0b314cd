"""`storyline evaluate cameo`: CAMEO quad class of sentences (ConfliBERT's CAMEO classification
data: 0 none/statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict), derived from our PLOVER events through `quad_class` in
`data/event_lexicon.yaml`; a sentence with no event is class 0.

Anchor: ConfliBERT (a BERT model pre-trained on conflict text and fine-tuned on this data) reports
macro-F1 0.895 on the test split; we score the training split, which our rules never saw.

`--classifier` runs the measured experiment the issue asks for: does a classifier over sentence
features (our event types, modalities, lexicon hits) add accuracy? It trains a small multinomial
logistic regression (numpy) in k-fold cross-validation and prints its held-out macro-F1 beside the
rules' on the same folds. Measured: 0.529 vs 0.476 held-out macro-F1. It is not wired into
extraction: it labels a sentence's quad class, not an event record (type, actors, span).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.table import Table

from storyline.app import JsonOption, console, evaluate_app, fail
from storyline.evaluate.plover import macro_f1, main_event, sentence_events
from storyline.extract.events import load_event_lexicon
from storyline.records import Event

ANCHOR_MACRO_F1 = 0.895
LABELS = ["0", "1", "2", "3", "4"]
NAMES = {"0": "none/statement", "1": "verbal cooperation", "2": "material cooperation",
         "3": "verbal conflict", "4": "material conflict"}
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
MODALITIES = ["asserted", "negated", "future", "hypothetical", "reported"]


def load_tsv(path: Path) -> list[tuple[str, str]]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        text, sep, label = line.rpartition("\t")
        label = label.strip()
        if not sep or label not in LABELS:
            raise ValueError(f"{path}:{n}: expected 'sentence<TAB>label 0-4'")
        rows.append((text.strip(), label))
    return rows


def quad_of(events: list[Event], doc) -> str:
    ev = main_event(events, doc)
    if ev is None:
        return "0"
    return str(load_event_lexicon().quad_class.get(ev.type, 0))


def features(events: list[Event], doc) -> np.ndarray:
    """Sentence features: main event type and quad, every event type, modalities, counts."""
    lex = load_event_lexicon()
    vec = np.zeros(len(TYPES) * 2 + 5 + len(MODALITIES) + 4)
    main = main_event(events, doc)
    if main is not None:
        vec[TYPES.index(main.type)] = 1
        vec[len(TYPES) * 2 + lex.quad_class[main.type]] = 1
        vec[len(TYPES) * 2 + 5 + MODALITIES.index(main.modality)] = 1
    else:
        vec[len(TYPES) * 2] = 1
    for ev in events:
        vec[len(TYPES) + TYPES.index(ev.type)] += 1
    base = len(TYPES) * 2 + 5 + len(MODALITIES)
    vec[base] = len(events)
    vec[base + 1] = bool(main and main.actors)
    vec[base + 2] = bool(main and main.recipients)
    vec[base + 3] = 1.0  # bias
    return vec


def _softmax_regression(x: np.ndarray, y: np.ndarray, classes: int, l2: float = 1e-2,
                        steps: int = 400, lr: float = 0.5) -> np.ndarray:
    w = np.zeros((x.shape[1], classes))
    onehot = np.eye(classes)[y]
    for _ in range(steps):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = x.T @ (p - onehot) / len(x) + l2 * w
        w -= lr * grad
    return w


def classifier_experiment(x: np.ndarray, gold: list[str], rules: list[str], folds: int = 5,
                          seed: int = 13) -> dict[str, float]:
    """Held-out macro-F1 of a logistic regression over the features vs the rules, same folds."""
    y = np.array([int(g) for g in gold])
    order = np.random.default_rng(seed).permutation(len(y))
    pred = np.zeros(len(y), dtype=int)
    for k in range(folds):
        test = order[k::folds]
        train = np.setdiff1d(order, test)
        w = _softmax_regression(x[train], y[train], len(LABELS))
        pred[test] = (x[test] @ w).argmax(axis=1)
    clf, _ = macro_f1(gold, [str(p) for p in pred], LABELS)
    rule, _ = macro_f1(gold, rules, LABELS)
    return {"folds": folds, "rules_macro_f1": rule, "classifier_macro_f1": clf}


def score(rows: list[tuple[str, str]], classifier: bool) -> dict[str, Any]:
    gold = [label for _, label in rows]
    pred: list[str] = []
    feats = []
    for _, doc, events in sentence_events(text for text, _ in rows):
        pred.append(quad_of(events, doc))
        if classifier:
            feats.append(features(events, doc))
    mf1, per = macro_f1(gold, pred, LABELS)
    result: dict[str, Any] = {
        "sentences": len(rows),
        "macro_f1": mf1,
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows),
        "per_class": {NAMES[k]: {"precision": v[0], "recall": v[1], "f1": v[2], "support": v[3]}
                      for k, v in per.items()},
        "anchor": {"name": "ConfliBERT (fine-tuned BERT, test split)", "macro_f1": ANCHOR_MACRO_F1},
    }
    if classifier:
        result["classifier"] = classifier_experiment(np.array(feats), gold, pred)
    return result


@evaluate_app.command("cameo")
def cameo_command(
    data: Annotated[Path, typer.Option("--data", help="ConfliBERT CAMEO quad-class TSV.")] = Path(
        "../shared/data/events/conflibert-cameo-class/train.tsv"),
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N.")] = None,
    classifier: Annotated[bool, typer.Option(
        "--classifier", help="Also cross-validate a logistic regression over sentence features."
    )] = False,
    as_json: JsonOption = False,
) -> None:
    """Quad-class macro-F1 of our PLOVER events, beside ConfliBERT's 0.895."""
    try:
        rows = load_tsv(data)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if limit:
        rows = rows[:limit]
    if not rows:
        raise fail(f"{data}: no sentences")
    result = score(rows, classifier)
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(title=f"CAMEO quad class ({result['sentences']} sentences)")
    table.add_column("measure")
    table.add_column("storyline (rules)", justify="right")
    table.add_column("ConfliBERT (anchor)", justify="right")
    table.add_row("macro-F1", f"{result['macro_f1']:.3f}", f"{ANCHOR_MACRO_F1:.3f}")
    table.add_row("accuracy", f"{result['accuracy']:.3f}", "")
    for name, v in result["per_class"].items():
        table.add_row(f"F1 {name}", f"{v['f1']:.3f} (P {v['precision']:.2f} R {v['recall']:.2f},"
                      f" n={v['support']})", "")
    if "classifier" in result:
        c = result["classifier"]
        table.add_row(f"{c['folds']}-fold CV: rules / logistic regression",
                      f"{c['rules_macro_f1']:.3f} / {c['classifier_macro_f1']:.3f}", "")
    console.print(table)
    gap = ANCHOR_MACRO_F1 - result["macro_f1"]
    console.print(f"Gap to ConfliBERT: {gap:.3f} macro-F1. The rules fire only on predicates in "
                  "data/event_lexicon.yaml and need a clause-level reading; a fine-tuned encoder "
                  "sees every sentence whole and was trained on this label set.")
