"""`storyline evaluate events`: the team-written labelled event set (`training/events/`),
scored through the product's event path with the shipped classifier head.

Split: the held-out third (`event_set.split_of`: SHA-256 of the sentence id), which the shipped
head never saw in training; `--part train` scores the training two-thirds instead (the head was
trained on them: a development view, not a score). The rules were written before the set and
are not tuned on its held-out part. Each sentence is parsed alone and run through
the product's path (its time expressions against `event_set.PUBLISHED`, then `extract_events`);
its main event (trigger highest in the parse) is compared with the label:
- type: PLOVER type or NONE (a sentence without an event is NONE); macro-F1 over the labels;
- type and mode: the same with the mode of the moded categories (CONSULT/third-party …);
- modality: on the event sentences whose main event was found (any type); an asserted event
  the product marks as background counts as `historical`;
- actors and recipients: one-to-one matching (see `event_scoring.match_actors`) on the event
  sentences, pooled.
No external anchor exists: the bars of issue 8 are printed beside the figures.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline.app import JsonOption, console, evaluate_app, fail
from storyline.evaluate import event_set

TYPE_BAR, MODALITY_BAR = 0.85, 0.90


def modality_label(event) -> str:
    """An event's modality in the set's labels: an asserted event the product marks as
    background (`Event.historical`, PLOVER's "historical" context) is "historical"."""
    if event.modality == "asserted" and event.historical:
        return "historical"
    return event.modality


def score(sentences: list[event_set.LabelledSentence]) -> dict[str, Any]:
    from storyline import nlp
    from storyline.evaluate import event_scoring as scoring
    from storyline.extract import event_classifier as ec

    docs = list(nlp.parse_many([s.text for s in sentences], batch_size=64))
    published = event_set.PUBLISHED
    runs = {"storyline": scoring.sentence_main_events(docs, ec.load_head(), published),
            "rules only": scoring.sentence_main_events(docs, None, published)}
    gold_types = [s.type for s in sentences]
    gold_labels = [s.label for s in sentences]
    out: dict[str, Any] = {}
    for name, mains in runs.items():
        types = [ev.type if ev else "NONE" for ev in mains]
        labels = [(f"{ev.type}/{ev.mode}" if ev.mode and f"{ev.type}/{ev.mode}" in set(
            gold_labels) else ev.type) if ev else "NONE" for ev in mains]
        by_type = scoring.per_label(gold_types, types, sorted(set(gold_types)))
        by_label = scoring.per_label(gold_labels, labels, sorted(set(gold_labels)))
        events = [(s, ev) for s, ev in zip(sentences, mains, strict=True) if s.type != "NONE"]
        found = [(s, ev) for s, ev in events if ev is not None]
        modality_right = sum(s.modality == modality_label(ev) for s, ev in found)
        per_modality = {}
        for m in event_set.MODALITIES:
            rows = [(s, ev) for s, ev in found if s.modality == m]
            per_modality[m] = {"support": len(rows),
                               "accuracy": (sum(modality_label(ev) == m for _, ev in rows) / len(rows)
                                            if rows else None)}
        actors, recips = scoring.Counts(), scoring.Counts()
        for s, ev in events:
            actors.add([a.text for a in s.actors],
                       [scoring.ref_names(a) for a in ev.actors] if ev else [])
            recips.add([r.text for r in s.recipients],
                       [scoring.ref_names(r) for r in ev.recipients] if ev else [])
        out[name] = {
            "type_macro_f1": by_type["macro_f1"], "type_accuracy": by_type["accuracy"],
            "type_mode_macro_f1": by_label["macro_f1"],
            "per_label": by_label["per_label"],
            "event_sentences": len(events), "event_found": len(found),
            "modality_accuracy": modality_right / len(found) if found else 0.0,
            "per_modality": per_modality,
            "actor_precision_recall_f1": actors.prf(),
            "recipient_precision_recall_f1": recips.prf(),
            "confusions": Counter(f"{g}->{p}" for g, p in zip(gold_labels, labels, strict=True)
                                  if g != p).most_common(12),
        }
    return out


@evaluate_app.command("events")
def events_command(
    data: Annotated[Path, typer.Option("--data", help="The labelled event set (JSONL).")] = (
        event_set.DEFAULT_PATH),
    part: Annotated[str, typer.Option(
        "--part", help="heldout (the score), train (the head was trained on it) or all.")
    ] = "heldout",
    as_json: JsonOption = False,
) -> None:
    """Type, mode, modality and actor scores on the team-written labelled event set."""
    from storyline.evaluate.event_scoring import require_sklearn
    from storyline.extract.embeddings import EmbeddingModelMissing
    from storyline.extract.event_classifier import HeadMissing

    require_sklearn()
    try:
        sentences = event_set.load(data, part)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if not sentences:
        raise fail(f"{data}: no sentences in part {part!r}")
    try:
        result = score(sentences)
    except (EmbeddingModelMissing, HeadMissing) as exc:
        raise fail(str(exc)) from None
    result = {"sentences": len(sentences), "part": part,
              "split": "held-out third by SHA-256 of the id; the shipped head never trained on it"
              if part == "heldout" else f"{part}: the shipped head was trained on the training "
              "part, so this is not a score", "rules_developed_on_it": False, **result}
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(title=f"team-written event set, {part} part ({len(sentences)} sentences)")
    table.add_column("measure")
    table.add_column("storyline", justify="right")
    table.add_column("rules only", justify="right")
    table.add_column("bar", justify="right")
    ours, rules = result["storyline"], result["rules only"]
    table.add_row("type macro-F1", f"{ours['type_macro_f1']:.3f}",
                  f"{rules['type_macro_f1']:.3f}", f"≥ {TYPE_BAR}")
    table.add_row("type accuracy", f"{ours['type_accuracy']:.3f}",
                  f"{rules['type_accuracy']:.3f}", "")
    table.add_row("type+mode macro-F1", f"{ours['type_mode_macro_f1']:.3f}",
                  f"{rules['type_mode_macro_f1']:.3f}", "")
    table.add_row("modality accuracy (on the events found: found of event sentences)",
                  f"{ours['modality_accuracy']:.3f} ({ours['event_found']}/"
                  f"{ours['event_sentences']})",
                  f"{rules['modality_accuracy']:.3f} ({rules['event_found']}/"
                  f"{rules['event_sentences']})", f"≥ {MODALITY_BAR}")
    for m, v in ours["per_modality"].items():
        rv = rules["per_modality"][m]
        table.add_row(f"  {m}", "-" if v["accuracy"] is None else
                      f"{v['accuracy']:.2f} (n={v['support']})",
                      "-" if rv["accuracy"] is None else f"{rv['accuracy']:.2f} (n={rv['support']})",
                      "")
    for name in ("actor", "recipient"):
        p, r, f = ours[f"{name}_precision_recall_f1"]
        rp, rr, rf = rules[f"{name}_precision_recall_f1"]
        table.add_row(f"{name} P / R / F1 (one-to-one)", f"{p:.3f} / {r:.3f} / {f:.3f}",
                      f"{rp:.3f} / {rr:.3f} / {rf:.3f}", "")
    console.print(table)
    per = Table(title="per label (storyline)")
    for col in ("label", "precision", "recall", "F1", "support"):
        per.add_column(col, justify="right" if col != "label" else "left")
    for k, v in ours["per_label"].items():
        per.add_row(k, f"{v['precision']:.2f}", f"{v['recall']:.2f}", f"{v['f1']:.2f}",
                    str(v["support"]))
    console.print(per)
    console.print(f"Split: {result['split']}. Rules developed on it: no. Matching: the "
                  "sentence's main event; no event = NONE; modality on the event sentences "
                  "whose event was found; actors one-to-one by content-word overlap.")
