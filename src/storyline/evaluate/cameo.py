"""`storyline evaluate cameo`: CAMEO five-way class of sentences (ConfliBERT's CAMEO data: 0
statements and appeals, CAMEO 01-02, which PLOVER does not code; 1 verbal cooperation; 2
material cooperation; 3 verbal conflict; 4 material conflict), scored through the product's
event path: each sentence is parsed alone and run through `extract_events`, and its class is
that of its main event (the event whose trigger is highest in the parse) by `quad_class` in
`data/event_lexicon.yaml` (a REQUEST made with an appeal verb is CAMEO 02, class 0). A sentence
without an event is class 0: right for class-0 sentences, wrong for the others.

Split: the ConfliBERT training split, cut in two fixed parts by SHA-256 of the sentence text
(`part_of`, about half each). The rules were developed on the DEV part's misses only (from
branch cameo13 on; before it, on neither part); the HELD-OUT part is the score and its
sentences and misses are never printed. `--part` chooses the sentences scored; within them,
5-fold cross-validation (stratified by class, fixed seed): for each fold the classifier head is
trained, and its combination with the rules chosen, without that fold (on the part's other
folds, the PLOVER gold records and the training part of the team-written set); the other part
is not used at all. Anchor: ConfliBERT, a BERT model pre-trained on conflict text and
fine-tuned on this task, reports macro-F1 0.895 on the test split (which we do not use).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline.app import JsonOption, console, err_console, evaluate_app, fail

ANCHOR_MACRO_F1 = 0.895
BAR = 0.80
LABELS = ["0", "1", "2", "3", "4"]
NAMES = {"0": "statement/appeal (none)", "1": "verbal cooperation", "2": "material cooperation",
         "3": "verbal conflict", "4": "material conflict"}
DEFAULT_SET = Path("training/events/sentences.jsonl")
PARTS = ("dev", "heldout", "all")
# What the rules were developed on, per part: since branch cameo13, the dev part's misses only.
DEVELOPED_ON = {"dev": "yes (since branch cameo13)", "heldout": "no",
                "all": "the dev half (since branch cameo13); the held-out half: no"}


def part_of(text: str) -> str:
    """"heldout" for a stable half of the sentences (by SHA-256 of the stripped text, so the
    split does not depend on the file's order), else "dev"."""
    digest = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
    return "heldout" if int(digest[:8], 16) % 2 else "dev"


def select_part(rows: list[tuple[str, str]], part: str) -> list[tuple[str, str]]:
    """The rows of `part` ("dev", "heldout" or "all"), in file order."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: one of {', '.join(PARTS)}")
    return [r for r in rows if part == "all" or part_of(r[0]) == part]


def load_tsv(path: Path) -> list[tuple[str, str]]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror}") from exc
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


def _class(event, doc) -> str:
    from storyline.evaluate.event_scoring import lemma_of
    from storyline.extract.quad import cameo_class

    if event is None:
        return "0"
    return str(cameo_class(event.type, lemma_of(event, doc), mode=event.mode,
                           modality=event.modality))


def score(rows: list[tuple[str, str]], gsr: Path | None, team: Path | None,
          folds: int = 5, progress=None, part: str = "all",
          misses: bool = False) -> dict[str, Any]:
    """Scores of `rows`, the sentences of `part` (already selected by `select_part`);
    `misses` adds the wrongly classed sentences, for the dev part only."""
    from storyline.evaluate import event_scoring as scoring
    from storyline.evaluate import event_training as training

    gold = [label for _, label in rows]
    cam = training.prepare([training.Example(t, "cameo", f"cameo-{n}", quad=int(lab))
                            for n, (t, lab) in enumerate(rows)], keep_docs=True)
    extra_examples = []
    if gsr is not None:
        extra_examples += training.load_gsr(gsr)
    if team is not None:
        extra_examples += training.load_team(team, "train")
    extra = training.prepare(extra_examples) if extra_examples else None
    rules = [_class(ev, doc) for ev, doc in
             zip(scoring.sentence_main_events(cam.docs, None), cam.docs, strict=True)]
    predicted: list[str | None] = [None] * len(rows)
    settings: list[dict] = []

    def fit(train_idx):
        parts = [cam.subset(train_idx.tolist())] + ([extra] if extra is not None else [])
        head = training.train(training.concat(*parts))
        settings.append(head.settings)
        return head

    def run(head, test_idx):
        docs = [cam.docs[i] for i in test_idx]
        for i, ev, doc in zip(test_idx, scoring.sentence_main_events(docs, head), docs,
                              strict=True):
            predicted[i] = _class(ev, doc)

    scoring.cross_validated(len(rows), gold, fit, run, folds, on_fold=progress)
    result = scoring.per_label(gold, predicted, LABELS)
    rule_result = scoring.per_label(gold, rules, LABELS)
    no_event = sum(1 for g, p in zip(gold, predicted, strict=True) if g != "0" and p == "0")
    result_all = {
        "sentences": len(rows),
        "part": part,
        "split": f"ConfliBERT CAMEO training split, {_PART_WORDS[part]} (by SHA-256 of the "
                 f"sentence text); {folds}-fold cross-validation within it (stratified, seed "
                 f"{scoring.SEED}); head trained per fold without the scored fold",
        "rules_developed_on_it": DEVELOPED_ON[part],
        "matching": "class of the sentence's main event via quad_class; no event = class 0 "
                    "(right for class 0, wrong for classes 1-4)",
        "macro_f1": result["macro_f1"],
        "accuracy": result["accuracy"],
        "per_class": {NAMES[k]: v for k, v in result["per_label"].items()},
        "rules_only": {"macro_f1": rule_result["macro_f1"], "accuracy": rule_result["accuracy"]},
        "sentences_without_event_of_classes_1_4": no_event,
        "fold_settings": settings,
        "anchor": {"name": "ConfliBERT (fine-tuned BERT, test split)", "macro_f1": ANCHOR_MACRO_F1},
        "bar": BAR,
    }
    if misses:
        if part != "dev":
            raise ValueError("misses are written for the dev part only")
        result_all["misses"] = [
            {"text": text, "gold": g, "predicted": p, "rules": r}
            for (text, _), g, p, r in zip(rows, gold, predicted, rules, strict=True) if g != p]
    return result_all


_PART_WORDS = {"dev": "dev part (about half)", "heldout": "held-out part (about half)",
               "all": "both parts"}


@evaluate_app.command("cameo")
def cameo_command(
    data: Annotated[Path, typer.Option("--data", help="ConfliBERT CAMEO quad-class TSV.")] = Path(
        "../shared/data/events/conflibert-cameo-class/train.tsv"),
    gsr: Annotated[Path, typer.Option(
        "--gsr", help="PLOVER gold records, added to each fold's training data.")] = Path(
        "../shared/data/events/plover-gsr.json"),
    team: Annotated[Path, typer.Option(
        "--set", help="Team-written labelled set (its training part joins each fold's training "
                      "data).")] = DEFAULT_SET,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N.")] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Cross-validation folds.")] = 5,
    part: Annotated[str, typer.Option(
        "--part", help="dev (the rules are developed on it), heldout (the score) or all.")
    ] = "all",
    misses: Annotated[Path | None, typer.Option(
        "--misses", help="Write the dev part's misses to this JSON file (with --part dev "
                         "only; the held-out part's are never written).")] = None,
    as_json: JsonOption = False,
) -> None:
    """CAMEO class macro-F1 of our events (5-fold CV, product path), beside ConfliBERT's 0.895."""
    from storyline.evaluate.event_scoring import require_sklearn

    require_sklearn()
    if part not in PARTS:
        raise fail(f"--part {part!r}: one of {', '.join(PARTS)}")
    if misses is not None and part != "dev":
        raise fail("--misses needs --part dev: the held-out part's misses are never shown")
    try:
        rows = select_part(load_tsv(data), part)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if limit:
        rows = rows[:limit]
    if not rows:
        raise fail(f"{data}: no sentences")
    for path in (gsr, team):
        if not path.is_file():
            raise fail(f"{path}: not found (training data for the folds' heads)")
    try:
        result = score(rows, gsr, team, folds, progress=None if as_json else (
            lambda k: err_console.print(f"fold {k + 1}/{folds}: training the head")),
            part=part, misses=misses is not None)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if misses is not None:
        misses.write_text(json.dumps(result.pop("misses"), indent=1, ensure_ascii=False) + "\n",
                          "utf-8")
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(title=f"CAMEO five-way class, {part} part ({result['sentences']} sentences)")
    table.add_column("measure")
    table.add_column("storyline", justify="right")
    table.add_column("rules only", justify="right")
    table.add_column("ConfliBERT (anchor)", justify="right")
    table.add_row("macro-F1", f"{result['macro_f1']:.3f}",
                  f"{result['rules_only']['macro_f1']:.3f}", f"{ANCHOR_MACRO_F1:.3f}")
    table.add_row("accuracy", f"{result['accuracy']:.3f}",
                  f"{result['rules_only']['accuracy']:.3f}", "")
    for name, v in result["per_class"].items():
        table.add_row(f"F1 {name}", f"{v['f1']:.3f} (P {v['precision']:.2f} R {v['recall']:.2f},"
                      f" n={v['support']})", "", "")
    console.print(table)
    verdict = "reached" if result["macro_f1"] >= BAR else "NOT reached"
    console.print(f"Split: {result['split']}. Rules developed on the dev part only; on this "
                  f"subset: {result['rules_developed_on_it']}. Scored: the {part} subset, "
                  f"{result['sentences']} sentences. Matching: {result['matching']}; "
                  f"{result['sentences_without_event_of_classes_1_4']} sentences of classes 1-4 "
                  f"got no event. Bar macro-F1 ≥ {BAR}: {verdict}.")
