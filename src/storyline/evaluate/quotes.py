"""`storyline evaluate quotes`: attribution spans (source, cue, content) on PolNeAr (brat).

PolNeAr (Newell, Margolin & Ruths 2018) annotates attributions in political news as brat
standoff: `text/<name>.txt` beside `attributions/<name>_<annotator>.ann`, entities Source, Cue
and Content (several fragments when discontinuous: "“A,” he said, “B.”") tied together by an
`Attribution` (or `Attribution-no-source`) event. A text with two annotators is scored once,
against the first annotation file in name order.

Scoring follows Citron's `citron_evaluate` (bbc/citron, `citron/metrics.py`):
- cue exact: a predicted cue equal to a gold cue;
- source / content exact: a predicted attribution whose cue overlaps a gold cue and whose
  source (content) span list equals the gold one exactly;
- overlap: the same pairing with the spans only required to share a character.
Citron's published figures (model en_2021-11-15, measured on the PARC 3.0 test partition, not on
PolNeAR: no published figure exists for this set) are printed beside ours as the anchor.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline import nlp
from storyline.app import JsonOption, console, evaluate_app, fail
from storyline.evaluate.metrics import BenchmarkCard, print_card
from storyline.extract.attribution import find_attributions, load_speech_lexicon

Spans = tuple[tuple[int, int], ...]

# Citron en_2021-11-15, exact-match F1 (bbc/citron models/en_2021-11-15/README.md, PARC 3.0 test)
CITRON_EXACT_F1 = {"source": 0.820, "cue": 0.823, "content": 0.593}
CITRON_NOTE = "Citron en_2021-11-15 exact F1, published on PARC 3.0 test (none published for PolNeAr)"


@dataclass
class Quote:
    """One attribution as span lists (character offsets, fragments in text order)."""

    cue: Spans
    sources: Spans = ()
    contents: Spans = ()


@dataclass
class Document:
    name: str
    text: str
    gold: list[Quote] = field(default_factory=list)


# --------------------------------------------------------------------------- reading brat


def _spans(offsets: str) -> Spans:
    out = []
    for frag in offsets.split(";"):
        start, end = frag.split()
        out.append((int(start), int(end)))
    return tuple(sorted(out))


def read_ann(text: str) -> list[Quote]:
    """Gold attributions of one brat .ann file."""
    entities: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, list[str]]] = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            entities[parts[0]] = (label, _spans(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, list[str]] = {}
            for arg in parts[1].split()[1:]:
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append(roles)
    def collect(roles: dict[str, list[str]], role: str) -> Spans:
        return tuple(sorted(s for r in roles.get(role, []) if r in entities
                            for s in entities[r][1]))

    return [Quote(cue=collect(roles, "Cue"), sources=collect(roles, "Source"),
                  contents=collect(roles, "Content"))
            for roles in events if collect(roles, "Cue")]


def load_documents(root: Path) -> list[Document]:
    """PolNeAr documents under `root` (with `text/` and `attributions/`)."""
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise ValueError(f"{root}: expected text/ and attributions/ (PolNeAr brat layout)")
    docs: dict[str, Document] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name in docs:
            continue  # a second annotator of the same text
        txt = text_dir / f"{name}.txt"
        if not txt.is_file():
            continue
        docs[name] = Document(name, txt.read_text("utf-8"), read_ann(ann.read_text("utf-8")))
    return list(docs.values())


# --------------------------------------------------------------------------- scoring


def predict(doc: Any) -> list[Quote]:
    """Our attributions of a parsed document as span lists."""
    lex = load_speech_lexicon()
    return [
        Quote(cue=(a.cue,), sources=(a.speaker,) if a.speaker else (),
              contents=tuple(sorted(a.contents)))
        for a in find_attributions(doc, lex)
    ]


def _overlap(a: Spans, b: Spans) -> bool:
    return any(x[0] < y[1] and y[0] < x[1] for x in a for y in b)


def _equal(a: Spans, b: Spans) -> bool:
    return a == b


def _count(pred: list[Quote], gold: list[Quote], part: str,
           same: Callable[[Spans, Spans], bool]) -> tuple[int, int, int]:
    """(tp, fp, fn) as Citron counts them: a prediction is right when some gold attribution
    with an overlapping cue has the same `part` (for the cue itself: the same cue)."""

    def match(p: Quote, g: Quote) -> bool:
        if part == "cue":
            return same(p.cue, g.cue)
        if not _overlap(p.cue, g.cue):
            return False
        return same(getattr(p, part), getattr(g, part))

    tp = sum(1 for p in pred if any(match(p, g) for g in gold))
    fp = len(pred) - tp
    fn = sum(1 for g in gold if not any(match(p, g) for p in pred))
    return tp, fp, fn


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


PARTS = {"source": "sources", "cue": "cue", "content": "contents"}


def score(docs: Iterable[Document]) -> dict[str, Any]:
    docs = list(docs)
    counts = {(name, how): [0, 0, 0] for name in PARTS for how in ("exact", "overlap")}
    n_pred = n_gold = 0
    parse_s = extract_s = 0.0
    texts = [d.text for d in docs]
    t0 = time.perf_counter()
    parsed = list(nlp.parse_many(texts, batch_size=16))
    parse_s = time.perf_counter() - t0
    for document, doc in zip(docs, parsed, strict=True):
        t1 = time.perf_counter()
        pred = predict(doc)
        extract_s += time.perf_counter() - t1
        n_pred += len(pred)
        n_gold += len(document.gold)
        for name, part in PARTS.items():
            for how, same in (("exact", _equal), ("overlap", _overlap)):
                for k, v in enumerate(_count(pred, document.gold, part, same)):
                    counts[(name, how)][k] += v
    result: dict[str, Any] = {
        "documents": len(docs),
        "gold_attributions": n_gold,
        "predicted_attributions": n_pred,
        "scores": {},
        "articles_per_second": len(docs) / (parse_s + extract_s) if parse_s + extract_s else 0.0,
        "articles_per_second_without_parse": len(docs) / extract_s if extract_s else 0.0,
        "anchor": CITRON_EXACT_F1,
        "anchor_note": CITRON_NOTE,
    }
    for (name, how), (tp, fp, fn) in counts.items():
        p, r, f = _prf(tp, fp, fn)
        result["scores"][f"{name}_{how}"] = {"precision": p, "recall": r, "f1": f,
                                             "tp": tp, "fp": fp, "fn": fn}
    return result


@evaluate_app.command("quotes")
def quotes_command(
    data: Annotated[Path, typer.Option("--data", help="PolNeAr split (text/ + attributions/).")] = Path(
        "../shared/data/quotes/polnear/dev"),
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Source / cue / content P/R/F1 (exact and overlap) on PolNeAr, beside Citron's figures."""
    try:
        docs = load_documents(data)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if limit:
        docs = docs[:limit]
    if not docs:
        raise fail(f"{data}: no annotated documents")
    result = score(docs)
    result["card"] = BenchmarkCard(
        benchmark="attribution spans (source, cue, content), PolNeAr (Newell et al. 2018)",
        split=f"{data.name} (the test split is not read)",
        developed_on="yes: the statements extractor was measured and tuned on this split",
        subset=(f"{result['documents']} articles, {result['gold_attributions']} gold "
                "attributions (a text with two annotators: the first annotation file)"),
        matching=("Citron's: cue exact = same cue span; source/content exact = the cue overlaps "
                  "a gold cue and the span list is equal; overlap = they share a character; "
                  "precision over predictions matching some gold, recall over gold matched by "
                  "some prediction (not one to one)"),
        anchor=CITRON_NOTE,
    ).to_dict()
    if as_json:
        console.print_json(json.dumps(result))
        return
    print_card(console, BenchmarkCard(**result["card"]))
    table = Table(title=f"PolNeAr attributions ({result['documents']} articles, "
                        f"{result['gold_attributions']} gold, "
                        f"{result['predicted_attributions']} predicted)")
    for col in ("span", "match", "precision", "recall", "F1", "Citron F1 (exact)"):
        table.add_column(col, justify="left" if col in ("span", "match") else "right")
    for name in PARTS:
        for how in ("exact", "overlap"):
            s = result["scores"][f"{name}_{how}"]
            anchor = f"{CITRON_EXACT_F1[name]:.3f}" if how == "exact" else ""
            table.add_row(name, how, f"{s['precision']:.3f}", f"{s['recall']:.3f}",
                          f"{s['f1']:.3f}", anchor)
    console.print(table)
    console.print(f"Speed: {result['articles_per_second']:.1f} articles/s with the spaCy parse, "
                  f"{result['articles_per_second_without_parse']:.0f} articles/s attribution only.")
    console.print(f"Anchor: {CITRON_NOTE}.")
