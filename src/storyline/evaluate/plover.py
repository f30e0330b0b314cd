"""`storyline evaluate plover`: event type and actor/recipient scores on the PLOVER gold
standard records (openeventdata/PLOVER, sentences from the CAMEO manual coded in PLOVER 0.5).

The file uses PLOVER 0.5 labels; they are mapped to PLOVER v2 (DEMAND→REQUEST,
DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT) and DOCUMENT records are skipped. Each
sentence is parsed alone and our main event (the one whose trigger is highest in the parse) is
compared with the gold event. No published score exists for this set: the majority-class
baseline is printed beside ours instead.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline import nlp
from storyline.app import JsonOption, console, evaluate_app, fail
from storyline.extract.actors import ActorResolver
from storyline.extract.events import extract_events
from storyline.records import Article, Event

OLD_TO_V2 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
NONE = "NONE"
_STOP = {"the", "a", "an", "of", "and", "'s", "in", "on", "to", "for", "with", "by", "at", "its",
         "their", "his", "her"}


def _depth(event: Event, doc) -> int:
    tok = doc.char_span(event.start, event.end, alignment_mode="expand")
    if tok is None:
        return 99
    # the trigger token: first token of the quote whose text starts the trigger
    first = event.trigger.split()[0]
    cands = [t for t in tok if t.text == first] or [tok.root]
    t = cands[0]
    depth = 0
    while t.head is not t and depth < 50:
        t, depth = t.head, depth + 1
    return depth


def main_event(events: list[Event], doc) -> Event | None:
    """The event a sentence is mostly about: highest trigger in the parse, then first."""
    if not events:
        return None
    return min(enumerate(events), key=lambda p: (_depth(p[1], doc), p[0]))[1]


def sentence_events(texts: Iterable[str]) -> Iterable[tuple[str, Any, list[Event]]]:
    """(text, doc, events) for each sentence, parsed in batches."""
    texts = list(texts)
    for i, (text, doc) in enumerate(zip(texts, nlp.parse_many(texts, batch_size=64), strict=True)):
        article = Article(id=f"s{i}", text=text, source="eval", format="text")
        yield text, doc, extract_events(doc, article, [], ActorResolver.for_doc(doc))


def macro_f1(gold: list[str], pred: list[str], labels: Iterable[str]) -> tuple[float, dict]:
    """Macro-averaged F1 over `labels`, and per-label (precision, recall, f1, support)."""
    per: dict[str, tuple[float, float, float, int]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[label] = (prec, rec, f1, tp + fn)
    return (sum(v[2] for v in per.values()) / len(per) if per else 0.0), per


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def overlap_counts(gold: list[str], pred: list[str]) -> tuple[int, int, int, int]:
    """(matched predictions, predictions, matched gold, gold): a match shares a content word."""
    gsets = [_tokens(g) for g in gold]
    psets = [_tokens(p) for p in pred]
    mp = sum(1 for p in psets if any(p & g for g in gsets))
    mg = sum(1 for g in gsets if any(g & p for p in psets))
    return mp, len(psets), mg, len(gsets)


def _f1(counts: Counter) -> tuple[float, float, float]:
    prec = counts["mp"] / counts["p"] if counts["p"] else 0.0
    rec = counts["mg"] / counts["g"] if counts["g"] else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def _actor_texts(value: Any) -> list[str]:
    if not value or not isinstance(value, list):
        return []
    return [str(a.get("actorText", "")).replace("...", " ") for a in value if isinstance(a, dict)]


def load_records(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read PLOVER records from {path}: {exc}") from exc
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of PLOVER records")
    return [r for r in data if isinstance(r, dict) and r.get("event") != "DOCUMENT"
            and r.get("text")]


def score(records: list[dict[str, Any]]) -> dict[str, Any]:
    gold_types = [OLD_TO_V2.get(r["event"], r["event"]) for r in records]
    pred_types: list[str] = []
    actors, recips = Counter(), Counter()
    for rec, (_, doc, events) in zip(records, sentence_events(r["text"] for r in records),
                                     strict=True):
        ev = main_event(events, doc)
        pred_types.append(ev.type if ev else NONE)
        for counter, gold, pred in (
            (actors, _actor_texts(rec.get("source")), [a.text for a in ev.actors] if ev else []),
            (recips, _actor_texts(rec.get("target")), [a.text for a in ev.recipients] if ev else []),
        ):
            mp, p, mg, g = overlap_counts(gold, pred)
            counter.update(mp=mp, p=p, mg=mg, g=g)
    labels = sorted(set(gold_types))
    acc = sum(g == p for g, p in zip(gold_types, pred_types, strict=True)) / len(records)
    mf1, per = macro_f1(gold_types, pred_types, labels)
    majority = Counter(gold_types).most_common(1)[0][0]
    base = [majority] * len(records)
    base_acc = sum(g == majority for g in gold_types) / len(records)
    base_f1, _ = macro_f1(gold_types, base, labels)
    return {
        "records": len(records),
        "coverage": sum(p != NONE for p in pred_types) / len(records),
        "type_accuracy": acc,
        "type_macro_f1": mf1,
        "majority_class": majority,
        "majority_accuracy": base_acc,
        "majority_macro_f1": base_f1,
        "actor_precision_recall_f1": _f1(actors),
        "recipient_precision_recall_f1": _f1(recips),
        "per_type": {k: {"precision": v[0], "recall": v[1], "f1": v[2], "support": v[3]}
                     for k, v in per.items()},
        "confusions": Counter(
            f"{g}->{p}" for g, p in zip(gold_types, pred_types, strict=True) if g != p
        ).most_common(10),
        "anchor": "none published for this set; majority-class baseline shown instead",
    }


@evaluate_app.command("plover")
def plover_command(
    data: Annotated[Path, typer.Option("--data", help="PLOVER gold standard records (JSON).")] = Path(
        "../shared/data/events/plover-gsr.json"),
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Event type accuracy/macro-F1 and actor/recipient F1 on the PLOVER gold standard records."""
    try:
        records = load_records(data)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if limit:
        records = records[:limit]
    if not records:
        raise fail(f"{data}: no scorable records")
    result = score(records)
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(title=f"PLOVER gold standard records ({result['records']} sentences)")
    table.add_column("measure")
    table.add_column("storyline", justify="right")
    table.add_column("majority baseline", justify="right")
    table.add_row("event type accuracy", f"{result['type_accuracy']:.3f}",
                  f"{result['majority_accuracy']:.3f} ({result['majority_class']})")
    table.add_row("event type macro-F1", f"{result['type_macro_f1']:.3f}",
                  f"{result['majority_macro_f1']:.3f}")
    table.add_row("sentences with an event", f"{result['coverage']:.3f}", "1.000")
    for name in ("actor", "recipient"):
        p, r, f = result[f"{name}_precision_recall_f1"]
        table.add_row(f"{name} P / R / F1 (word overlap)", f"{p:.3f} / {r:.3f} / {f:.3f}", "")
    console.print(table)
    per = Table(title="per type")
    for col in ("type", "precision", "recall", "F1", "support"):
        per.add_column(col, justify="right" if col != "type" else "left")
    for k, v in result["per_type"].items():
        per.add_row(k, f"{v['precision']:.2f}", f"{v['recall']:.2f}", f"{v['f1']:.2f}",
                    str(v["support"]))
    console.print(per)
    console.print(f"Anchor: {result['anchor']}.")
