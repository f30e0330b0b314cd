"""`storyline evaluate plover`: event type, actor and recipient scores on the PLOVER gold
standard records (openeventdata/PLOVER: sentences from the CAMEO manual coded in PLOVER 0.5).

Labels are mapped to PLOVER v2 (`event_training.PLOVER_05_TO_V2`: DEMAND→REQUEST,
DISAPPROVE and INVESTIGATE→ACCUSE, FIGHT→ASSAULT); DOCUMENT records are skipped. Each sentence
is parsed alone and run through `extract_events`; its main event (trigger highest in the parse)
is compared with the gold event; a sentence without an event counts as NONE, a wrong type.

Split: all records, in 5-fold cross-validation (stratified by type, fixed seed): the classifier
head that types each fold is trained without it (on the other folds, the ConfliBERT CAMEO
training split and the training part of the team-written set). The rules were not developed on
these records. Actors and recipients are matched one to one (`event_scoring.match_actors`:
Hungarian assignment on the Jaccard overlap of content words between a gold actorText and the
predicted actor's text or canonical name; a pair counts when they share a content word). No
published score exists for this set: the majority class is printed beside ours.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline.app import JsonOption, console, err_console, evaluate_app, fail

NONE = "NONE"
TYPE_BAR, RECIPIENT_BAR = 0.70, 0.50


def load_records(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read PLOVER records from {path}: {exc}") from exc
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of PLOVER records")
    return [r for r in data if isinstance(r, dict) and r.get("event") != "DOCUMENT"
            and r.get("text")]


def actor_texts(value: Any) -> list[str]:
    if not value or not isinstance(value, list):
        return []
    return [str(a.get("actorText", "")).replace("...", " ") for a in value
            if isinstance(a, dict) and a.get("actorText")]


def score(records: list[dict[str, Any]], cameo: Path | None, team: Path | None,
          folds: int = 5, progress=None) -> dict[str, Any]:
    from storyline.evaluate import event_scoring as scoring
    from storyline.evaluate import event_training as training
    from storyline.evaluate.cameo import load_tsv

    examples = [training.Example(r["text"], "gsr", str(r.get("id", n)),
                                 type=training.PLOVER_05_TO_V2.get(r["event"], r["event"]),
                                 mode=r.get("mode") or None) for n, r in enumerate(records)]
    gsr = training.prepare(examples, keep_docs=True)
    extra_examples = []
    if cameo is not None:
        extra_examples += [training.Example(t, "cameo", f"cameo-{n}", quad=int(lab))
                           for n, (t, lab) in enumerate(load_tsv(cameo))]
    if team is not None:
        extra_examples += training.load_team(team, "train")
    extra = training.prepare(extra_examples) if extra_examples else None
    gold_types = [e.type for e in examples]
    mains: list = [None] * len(records)

    def fit(train_idx):
        parts = [gsr.subset(train_idx.tolist())] + ([extra] if extra is not None else [])
        return training.train(training.concat(*parts))

    def run(head, test_idx):
        docs = [gsr.docs[i] for i in test_idx]
        for i, ev in zip(test_idx, scoring.sentence_main_events(docs, head), strict=True):
            mains[i] = ev

    strata = [t if c >= folds else "rare" for t, c in
              ((t, Counter(gold_types)[t]) for t in gold_types)]
    scoring.cross_validated(len(records), strata, fit, run, folds, on_fold=progress)
    rule_mains = scoring.sentence_main_events(gsr.docs, None)

    def measures(main_events) -> dict[str, Any]:
        pred = [ev.type if ev else NONE for ev in main_events]
        labels = sorted(set(gold_types))
        res = scoring.per_label(gold_types, pred, labels)
        actors, recips = scoring.Counts(), scoring.Counts()
        for rec, ev in zip(records, main_events, strict=True):
            actors.add(actor_texts(rec.get("source")),
                       [scoring.ref_names(a) for a in ev.actors] if ev else [])
            recips.add(actor_texts(rec.get("target")),
                       [scoring.ref_names(a) for a in ev.recipients] if ev else [])
        return {
            "type_accuracy": res["accuracy"], "type_macro_f1": res["macro_f1"],
            "coverage": sum(p != NONE for p in pred) / len(pred),
            "actor_precision_recall_f1": actors.prf(),
            "recipient_precision_recall_f1": recips.prf(),
            "per_type": res["per_label"],
            "confusions": Counter(f"{g}->{p}" for g, p in zip(gold_types, pred, strict=True)
                                  if g != p).most_common(10),
        }

    majority = Counter(gold_types).most_common(1)[0][0]
    base = scoring.per_label(gold_types, [majority] * len(records), sorted(set(gold_types)))
    return {
        "records": len(records),
        "split": f"all records, {folds}-fold cross-validation (stratified by type, seed "
                 f"{scoring.SEED}); head trained per fold without the scored fold",
        "rules_developed_on_it": False,
        "matching": "type of the sentence's main event (none = NONE, wrong); actors and "
                    "recipients one-to-one by content-word overlap (Hungarian)",
        **measures(mains),
        "rules_only": {k: v for k, v in measures(rule_mains).items()
                       if k not in ("per_type", "confusions")},
        "majority_class": majority,
        "majority_accuracy": base["accuracy"],
        "majority_macro_f1": base["macro_f1"],
        "anchor": "none published for this set; majority-class baseline shown instead",
    }


@evaluate_app.command("plover")
def plover_command(
    data: Annotated[Path, typer.Option("--data", help="PLOVER gold standard records (JSON).")] = Path(
        "../shared/data/events/plover-gsr.json"),
    cameo: Annotated[Path, typer.Option(
        "--cameo", help="ConfliBERT CAMEO training split, added to each fold's training data.")
    ] = Path("../shared/data/events/conflibert-cameo-class/train.tsv"),
    team: Annotated[Path, typer.Option(
        "--set", help="Team-written labelled set (its training part joins each fold's training "
                      "data).")] = Path("training/events/sentences.jsonl"),
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N.")] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Cross-validation folds.")] = 5,
    as_json: JsonOption = False,
) -> None:
    """Event type accuracy and actor/recipient F1 on the PLOVER gold records (5-fold CV)."""
    from storyline.evaluate.event_scoring import require_sklearn

    require_sklearn()
    try:
        records = load_records(data)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if limit:
        records = records[:limit]
    if not records:
        raise fail(f"{data}: no scorable records")
    for path in (cameo, team):
        if not path.is_file():
            raise fail(f"{path}: not found (training data for the folds' heads)")
    try:
        result = score(records, cameo, team, folds, progress=None if as_json else (
            lambda k: err_console.print(f"fold {k + 1}/{folds}: training the head")))
    except ValueError as exc:
        raise fail(str(exc)) from None
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(title=f"PLOVER gold standard records ({result['records']} sentences)")
    table.add_column("measure")
    table.add_column("storyline", justify="right")
    table.add_column("rules only", justify="right")
    table.add_column("majority baseline", justify="right")
    rules = result["rules_only"]
    table.add_row("event type accuracy", f"{result['type_accuracy']:.3f}",
                  f"{rules['type_accuracy']:.3f}",
                  f"{result['majority_accuracy']:.3f} ({result['majority_class']})")
    table.add_row("event type macro-F1", f"{result['type_macro_f1']:.3f}",
                  f"{rules['type_macro_f1']:.3f}", f"{result['majority_macro_f1']:.3f}")
    table.add_row("sentences with an event", f"{result['coverage']:.3f}",
                  f"{rules['coverage']:.3f}", "1.000")
    for name in ("actor", "recipient"):
        p, r, f = result[f"{name}_precision_recall_f1"]
        rp, rr, rf = rules[f"{name}_precision_recall_f1"]
        table.add_row(f"{name} P / R / F1 (one-to-one)", f"{p:.3f} / {r:.3f} / {f:.3f}",
                      f"{rp:.3f} / {rr:.3f} / {rf:.3f}", "")
    console.print(table)
    per = Table(title="per type")
    for col in ("type", "precision", "recall", "F1", "support"):
        per.add_column(col, justify="right" if col != "type" else "left")
    for k, v in result["per_type"].items():
        per.add_row(k, f"{v['precision']:.2f}", f"{v['recall']:.2f}", f"{v['f1']:.2f}",
                    str(v["support"]))
    console.print(per)
    rf1 = result["recipient_precision_recall_f1"][2]
    console.print(
        f"Split: {result['split']}. Rules developed on it: no. Scored: all {result['records']} "
        f"records. Matching: {result['matching']}. Bars: type accuracy ≥ {TYPE_BAR} "
        f"({'reached' if result['type_accuracy'] >= TYPE_BAR else 'NOT reached'}), recipient "
        f"F1 ≥ {RECIPIENT_BAR} ({'reached' if rf1 >= RECIPIENT_BAR else 'NOT reached'}). "
        f"Anchor: {result['anchor']}.")
