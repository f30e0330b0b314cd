"""`storyline evaluate plover`: event type, actor and recipient scores on the PLOVER gold
standard records (openeventdata/PLOVER: sentences from the CAMEO manual coded in PLOVER 0.5).

Labels are mapped to PLOVER v2 (`event_training.PLOVER_05_TO_V2`: DEMAND→REQUEST,
DISAPPROVE and INVESTIGATE→ACCUSE, FIGHT→ASSAULT); DOCUMENT records are skipped. Each sentence
is parsed alone and run through `extract_events`; its main event (trigger highest in the parse)
is compared with the gold event; a sentence without an event counts as NONE, a wrong type.

Split: all records, in 5-fold cross-validation (stratified by type, fixed seed): the classifier
head that types each fold is trained without it (on the other folds, the ConfliBERT CAMEO
training split and the training part of the team-written set). The records are also split in
two fixed parts by SHA-256 of the record id (`part_of`, about half each): the rules are
developed on the DEV part only (from branch lex10 on; before it, on neither), and the HELD-OUT
part is the score; its misses are never printed. `--part` chooses the records reported; the
folds always span all records (a fold's head may train on held-out records: they are training
data for the classifier, never read for rules), so a part's figures are a subset of the
all-records run. Actors and recipients are matched one to one (`event_scoring.match_actors`:
Hungarian assignment on the Jaccard overlap of content words between a gold actorText and the
predicted actor's text or canonical name; a pair counts when they share a content word). No
published score exists for this set: the majority class is printed beside ours.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline.app import JsonOption, console, err_console, evaluate_app, fail

NONE = "NONE"
TYPE_BAR, RECIPIENT_BAR = 0.70, 0.50
PARTS = ("dev", "heldout", "all")
# What the rules were developed on, per part: since branch lex10, the dev part's misses only.
DEVELOPED_ON = {"dev": "yes (since branch lex10)", "heldout": "no",
                "all": "the dev half (since branch lex10); the held-out half: no"}


def part_of(record_id: str) -> str:
    """"heldout" for a stable half of the ids (by SHA-256 of the id, as `event_set.split_of`
    does for the team set), else "dev"."""
    digest = hashlib.sha256(record_id.encode("utf-8")).hexdigest()
    return "heldout" if int(digest[:8], 16) % 2 else "dev"


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
          folds: int = 5, progress=None, part: str = "all",
          misses: bool = False) -> dict[str, Any]:
    """Scores of `part` ("dev", "heldout" or "all"; "all" adds both parts' figures under
    "parts"); `misses` adds the dev part's misses (never the held-out part's)."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: one of {', '.join(PARTS)}")
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

    parts = [part_of(e.id) for e in examples]

    def measures(main_events, keep) -> dict[str, Any]:
        idx = [i for i in range(len(records)) if keep(i)]
        gold = [gold_types[i] for i in idx]
        pred = [main_events[i].type if main_events[i] else NONE for i in idx]
        res = scoring.per_label(gold, pred, sorted(set(gold)))
        actors, recips = scoring.Counts(), scoring.Counts()
        for i in idx:
            rec, ev = records[i], main_events[i]
            actors.add(actor_texts(rec.get("source")),
                       [scoring.ref_names(a) for a in ev.actors] if ev else [])
            recips.add(actor_texts(rec.get("target")),
                       [scoring.ref_names(a) for a in ev.recipients] if ev else [])
        majority = Counter(gold).most_common(1)[0][0]
        base = scoring.per_label(gold, [majority] * len(gold), sorted(set(gold)))
        return {
            "records": len(idx),
            "type_accuracy": res["accuracy"], "type_macro_f1": res["macro_f1"],
            "coverage": sum(p != NONE for p in pred) / len(pred),
            "actor_precision_recall_f1": actors.prf(),
            "recipient_precision_recall_f1": recips.prf(),
            "per_type": res["per_label"],
            "confusions": Counter(f"{g}->{p}" for g, p in zip(gold, pred, strict=True)
                                  if g != p).most_common(10),
            "majority_class": majority,
            "majority_accuracy": base["accuracy"],
            "majority_macro_f1": base["macro_f1"],
        }

    def of_part(name: str) -> dict[str, Any]:
        def keep(i: int) -> bool:
            return name == "all" or parts[i] == name
        return {**measures(mains, keep),
                "rules_only": {k: v for k, v in measures(rule_mains, keep).items()
                               if k not in ("per_type", "confusions") and
                               not k.startswith("majority")}}

    result: dict[str, Any] = {
        "part": part,
        "split": f"all records, {folds}-fold cross-validation (stratified by type, seed "
                 f"{scoring.SEED}); head trained per fold without the scored fold; parts by "
                 "SHA-256 of the record id (dev / held-out, about half each)",
        "rules_developed_on_it": DEVELOPED_ON[part],
        "matching": "type of the sentence's main event (none = NONE, wrong); actors and "
                    "recipients one-to-one by content-word overlap (Hungarian)",
        **of_part(part),
        "anchor": "none published for this set; majority-class baseline shown instead",
    }
    if part == "all":
        result["parts"] = {name: {k: v for k, v in of_part(name).items()
                                  if k not in ("per_type", "confusions")}
                           for name in ("dev", "heldout")}
    if misses:
        # Only the dev part's misses are ever written: the held-out part stays unread.
        result["misses"] = [miss_of(records[i], mains[i], gold_types[i])
                            for i in range(len(records)) if parts[i] == "dev"
                            and is_miss(records[i], mains[i], gold_types[i])]
    return result


def is_miss(record: dict[str, Any], event, gold_type: str) -> bool:
    """A record whose type is wrong or whose gold recipients are not all matched."""
    from storyline.evaluate import event_scoring as scoring

    if (event.type if event else NONE) != gold_type:
        return True
    gold = actor_texts(record.get("target")) + actor_texts(record.get("source"))
    pred = ([scoring.ref_names(a) for a in event.recipients + event.actors] if event else [])
    return scoring.match_actors(gold, pred) < len(gold)


def miss_of(record: dict[str, Any], event, gold_type: str) -> dict[str, Any]:
    from storyline.evaluate import event_scoring as scoring

    return {
        "id": record.get("id"), "text": record.get("text"), "gold": gold_type,
        "gold_mode": record.get("mode"), "gold_source": actor_texts(record.get("source")),
        "gold_target": actor_texts(record.get("target")),
        "predicted": event.type if event else NONE,
        "predicted_mode": event.mode if event else None,
        "trigger": event.trigger if event else None,
        "actors": [scoring.ref_names(a) for a in event.actors] if event else [],
        "recipients": [scoring.ref_names(a) for a in event.recipients] if event else [],
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
    part: Annotated[str, typer.Option(
        "--part", help="dev (the rules are developed on it), heldout (the score) or all (both "
                       "parts' figures too).")] = "all",
    misses: Annotated[Path | None, typer.Option(
        "--misses", help="Write the dev part's misses to this JSON file (with --part dev "
                         "only; the held-out part's are never written).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Event type accuracy and actor/recipient F1 on the PLOVER gold records (5-fold CV)."""
    from storyline.evaluate.event_scoring import require_sklearn

    require_sklearn()
    try:
        records = load_records(data)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if part not in PARTS:
        raise fail(f"--part {part!r}: one of {', '.join(PARTS)}")
    if misses is not None and part != "dev":
        raise fail("--misses needs --part dev: the held-out part's misses are never shown")
    if limit:
        records = records[:limit]
    if not records:
        raise fail(f"{data}: no scorable records")
    for path in (cameo, team):
        if not path.is_file():
            raise fail(f"{path}: not found (training data for the folds' heads)")
    try:
        result = score(records, cameo, team, folds, progress=None if as_json else (
            lambda k: err_console.print(f"fold {k + 1}/{folds}: training the head")),
            part=part, misses=misses is not None)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if misses is not None:
        misses.write_text(json.dumps(result.pop("misses"), indent=1, ensure_ascii=False),
                          "utf-8")
        err_console.print(f"wrote the dev part's misses to {misses}")
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(title=f"PLOVER gold standard records, {part} part ({result['records']} "
                        "sentences)")
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
    for name, res in result.get("parts", {}).items():
        rules = res["rules_only"]
        console.print(
            f"{name} part ({res['records']} records): type accuracy {res['type_accuracy']:.3f}, "
            f"macro-F1 {res['type_macro_f1']:.3f}, actor F1 "
            f"{res['actor_precision_recall_f1'][2]:.3f}, recipient P / R / F1 "
            + " / ".join(f"{x:.3f}" for x in res["recipient_precision_recall_f1"])
            + f"; rules only {rules['type_accuracy']:.3f}, recipient F1 "
            f"{rules['recipient_precision_recall_f1'][2]:.3f}")
    rf1 = result["recipient_precision_recall_f1"][2]
    console.print(
        f"Split: {result['split']}. Rules developed on it: {result['rules_developed_on_it']}. "
        f"Scored: the {part} part, {result['records']} records. Matching: {result['matching']}. Bars: type accuracy ≥ {TYPE_BAR} "
        f"({'reached' if result['type_accuracy'] >= TYPE_BAR else 'NOT reached'}), recipient "
        f"F1 ≥ {RECIPIENT_BAR} ({'reached' if rf1 >= RECIPIENT_BAR else 'NOT reached'}). "
        f"Anchor: {result['anchor']}.")
