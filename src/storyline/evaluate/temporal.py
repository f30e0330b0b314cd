"""`storyline evaluate temporal`: TempEval-3 Task A (time expressions) on TimeML files.

Each .tml file's TEXT is run through our finder with the document creation time (the TIMEX3 with
functionInDocument="CREATION_TIME") as the anchor, and scored the TempEval-3 way:

- extraction: strict (same character span) and relaxed (overlapping span) precision, recall, F1,
  matching each gold expression to at most one of ours (the most overlapping one left);
- over relaxed matches: type accuracy and value accuracy, and attribute F1 = relaxed F1 ×
  attribute accuracy (as TempEval-3 reports "value F1" and "type F1").

Corpora are reported separately, each with its card. TimeBank and AQUAINT are the TempEval-3
training data (TBAQ): the rules' conventions (what a span covers, how values are written) were
developed on them, so they are a development figure. WikiWars (Mazur & Dale 2010; 22 Wikipedia
articles on wars, narrative rather than news) was not used to develop the rules: it is the
held-out figure. HeidelTime's TempEval-3 figures (platinum test set) are the anchor for TBAQ.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline.app import JsonOption, console, evaluate_app, fail
from storyline.evaluate.metrics import (
    BenchmarkCard,
    MissingEvalExtra,
    prf_from_counts,
    print_card,
    require_eval_extra,
)
from storyline.records import TimeExpression
from storyline.temporal.timeml import TimeMLDoc, TimeMLError, Timex, read_timeml, write_timeml

# UzZaman et al. (2013), "SemEval-2013 Task 1: TempEval-3", Task A results table, HeidelTime-t
# on the TempEval-3 platinum test set (recalled from the paper: the search tool could not
# retrieve the table to re-check it).
HEIDELTIME_TE3 = {
    "system": "HeidelTime-t (TempEval-3 platinum test set)",
    "strict": {"precision": 0.8385, "recall": 0.7899, "f1": 0.8134},
    "relaxed": {"precision": 0.9308, "recall": 0.8768, "f1": 0.9030},
    "value_f1": 0.7761,
    "type_f1": 0.8209,
}


@dataclass
class Tally:
    """Counts for one scoring run (all documents pooled, as TempEval-3 does)."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("gold", "system", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def _prf(matched: int, n_sys: int, n_gold: int) -> dict[str, float]:
    # one-to-one matching: matched pairs, our unmatched expressions, the gold's unmatched ones
    return prf_from_counts(matched, n_sys - matched, n_gold - matched).rounded()


# The corpora storyline knows (by folder name): how each one stands to the rules.
_MATCHING = ("one-to-one: each gold TIMEX3 takes the most overlapping of our expressions not yet "
             "taken; strict = same span, relaxed = overlapping; type/value compared on relaxed "
             "matches (value as the exact TIMEX3 string)")
_TBAQ = ("rules' conventions developed on it (TempEval-3 training data)", "dev")
KNOWN_CORPORA: dict[str, dict[str, str]] = {
    "timebank": {"group": "TimeBank+AQUAINT", "name": "TimeBank 1.2 (TempEval-3 TBAQ)",
                 "split": _TBAQ[1], "developed_on": "yes: " + _TBAQ[0]},
    "aquaint": {"group": "TimeBank+AQUAINT", "name": "AQUAINT TimeML (TempEval-3 TBAQ)",
                "split": _TBAQ[1], "developed_on": "yes: " + _TBAQ[0]},
    "wikiwars": {"group": "WikiWars", "name": "WikiWars (Mazur & Dale 2010), TIMEX3 version",
                 "split": "held-out", "developed_on": "no: never used to develop the rules; "
                 "narrative history, not news"},
}
DEFAULT_GOLD = Path("../shared/data/temporal")


def corpus_card(folder: str, files: int, gold: int) -> BenchmarkCard:
    known = KNOWN_CORPORA.get(folder.lower(), {})
    anchor = ""
    if known.get("group") == "TimeBank+AQUAINT":
        anchor = (f"{HEIDELTIME_TE3['system']}: not the same documents (TBAQ is its training "
                  "data too)")
    elif known.get("group") == "WikiWars":
        anchor = ("none printed: HeidelTime's narrative-mode WikiWars figures (Strötgen & "
                  "Gertz 2013) could not be checked here")
    return BenchmarkCard(
        benchmark=f"time expressions, {known.get('name', folder)}",
        split=known.get("split", "unknown"),
        developed_on=known.get("developed_on", "unknown (a corpus storyline does not know)"),
        subset=f"all {files} .tml files, {gold} gold TIMEX3s (the DCT excluded)",
        matching=_MATCHING,
        anchor=anchor,
    )


def score_document(doc: TimeMLDoc, ours: list[TimeExpression]) -> Tally:
    """Match our expressions to the gold TIMEX3s of one document."""
    tally = Tally(gold=len(doc.timexes), system=len(ours))
    used: set[int] = set()
    for g in doc.timexes:
        best: tuple[int, int] | None = None  # (overlap, index)
        for i, s in enumerate(ours):
            if i in used:
                continue
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, i)
        if best is None:
            tally.errors.append(_error("missed", doc, g, None))
            continue
        s = ours[best[1]]
        used.add(best[1])
        tally.relaxed += 1
        if s.start == g.start and s.end == g.end:
            tally.strict += 1
        tally.type_ok += s.type == g.type
        tally.value_ok += s.value == g.value
        if s.value != g.value or s.type != g.type:
            tally.errors.append(_error("value", doc, g, s))
        elif s.start != g.start or s.end != g.end:
            tally.errors.append(_error("span", doc, g, s))
    for i, s in enumerate(ours):
        if i not in used:
            tally.errors.append(_error("spurious", doc, None, s))
    return tally


def _error(kind: str, doc: TimeMLDoc, g: Timex | None, s: TimeExpression | None) -> dict:
    return {
        "kind": kind, "doc": doc.name, "dct": doc.dct_value,
        "gold": None if g is None else {"text": g.text, "type": g.type, "value": g.value},
        "ours": None if s is None else {"text": s.quote, "type": s.type, "value": s.value,
                                        "rule": s.rule},
    }


def summarise(tally: Tally) -> dict[str, Any]:
    strict = _prf(tally.strict, tally.system, tally.gold)
    relaxed = _prf(tally.relaxed, tally.system, tally.gold)
    type_acc = tally.type_ok / tally.relaxed if tally.relaxed else 0.0
    value_acc = tally.value_ok / tally.relaxed if tally.relaxed else 0.0
    return {
        "gold": tally.gold, "system": tally.system,
        "strict": strict, "relaxed": relaxed,
        "type_accuracy": round(type_acc, 4), "value_accuracy": round(value_acc, 4),
        "type_f1": round(relaxed["f1"] * type_acc, 4),
        "value_f1": round(relaxed["f1"] * value_acc, 4),
    }


def tml_files(dirs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        if d.is_file():
            files.append(d)
        elif d.is_dir():
            files.extend(sorted(d.glob("*.tml")))
        else:
            raise TimeMLError(f"{d}: no such file or directory")
    return files


def evaluate(
    files: list[Path], write: Path | None = None
) -> tuple[dict[str, Tally], float, float, int, dict[str, int]]:
    """Score every file; return tallies per corpus (parent folder), parse and find seconds."""
    from storyline import nlp
    from storyline.temporal.expressions import find_time_expressions

    docs = [read_timeml(f) for f in files]
    t0 = time.perf_counter()
    parsed = list(nlp.parse_many([d.text for d in docs], batch_size=32))
    parse_s = time.perf_counter() - t0
    find_s = 0.0
    tallies: dict[str, Tally] = {}
    n_files: dict[str, int] = {}
    for path, doc, sdoc in zip(files, docs, parsed, strict=True):
        n_files[path.parent.name] = n_files.get(path.parent.name, 0) + 1
        t1 = time.perf_counter()
        ours = find_time_expressions(sdoc, doc.name, doc.dct, "published")
        find_s += time.perf_counter() - t1
        tallies.setdefault(path.parent.name, Tally()).add(score_document(doc, ours))
        if write is not None:
            write.mkdir(parents=True, exist_ok=True)
            (write / path.name).write_text(write_timeml(doc, ours), encoding="utf-8")
    return tallies, parse_s, find_s, len(docs), n_files


def default_gold() -> list[Path]:
    """The TimeML folders of ../shared that exist (TimeBank, AQUAINT, WikiWars)."""
    return [DEFAULT_GOLD / name for name in KNOWN_CORPORA if (DEFAULT_GOLD / name).is_dir()]


@evaluate_app.command("temporal")
def temporal_command(
    gold: Annotated[list[Path] | None, typer.Option(
        "--gold", help="TimeML folder or .tml file (repeatable); default: timebank, aquaint "
        "and wikiwars under ../shared/data/temporal.")] = None,
    write: Annotated[Path | None, typer.Option("--write", help="Write our TimeML here.")] = None,
    errors: Annotated[Path | None, typer.Option("--errors", help="Write mismatches (JSONL).")
                      ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N files.")
                     ] = None,
    as_json: JsonOption = False,
) -> None:
    """TempEval-3 Task A: time-expression extraction and normalisation against TimeML gold,
    each corpus with its split (TimeBank+AQUAINT: dev; WikiWars: held-out)."""
    gold = gold or default_gold()
    if not gold:
        raise fail("give at least one --gold DIR (e.g. ../shared/data/temporal/timebank)")
    try:
        require_eval_extra()
        files = tml_files(gold)[: limit or None]
        if not files:
            raise fail("no .tml files found under " + ", ".join(map(str, gold)))
        tallies, parse_s, find_s, n, n_files = evaluate(files, write)
    except (TimeMLError, MissingEvalExtra) as exc:
        raise fail(str(exc)) from None
    groups: dict[str, Tally] = {}
    group_files: dict[str, int] = {}
    for name, t in tallies.items():
        group = KNOWN_CORPORA.get(name.lower(), {}).get("group", name)
        groups.setdefault(group, Tally()).add(t)
        group_files[group] = group_files.get(group, 0) + n_files[name]
    cards = {name: corpus_card(name, n_files[name], t.gold) for name, t in tallies.items()}
    result = {
        "files": n,
        "corpora": {name: summarise(t) | {"card": cards[name].to_dict()}
                    for name, t in tallies.items()},
        "groups": {name: summarise(t) | {"files": group_files[name]}
                   for name, t in groups.items()},
        "seconds": {"parse": round(parse_s, 2), "find": round(find_s, 3)},
        "docs_per_second_find": round(n / find_s, 1) if find_s else None,
        "anchor": HEIDELTIME_TE3,
        "date": date.today().isoformat(),
    }
    if errors is not None:
        with errors.open("w", encoding="utf-8") as fh:
            for t in tallies.values():
                for e in t.errors:
                    fh.write(json.dumps(e) + "\n")
    if as_json:
        console.print_json(json.dumps(result))
        return
    for name in tallies:
        console.rule(name)
        print_card(console, cards[name])
    table = Table(title=f"TempEval-3 Task A ({n} files)")
    for col in ("corpus", "split", "gold", "ours", "strict F1", "relaxed P / R / F1", "type F1",
                "value F1", "value acc"):
        table.add_column(col)

    def fmt(d: dict[str, float]) -> str:
        return f"{d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f}"

    def split_of(name: str) -> str:
        return KNOWN_CORPORA.get(name.lower(), {}).get("split", "?")

    rows = [(name, split_of(name), s) for name, s in result["corpora"].items()]
    for group, s in result["groups"].items():
        members = [m for m in tallies if KNOWN_CORPORA.get(m.lower(), {}).get("group") == group]
        if len(members) > 1:
            rows.append((f"{group} (pooled)", split_of(members[0]), s))
    for name, split, s in rows:
        table.add_row(name, split, str(s["gold"]), str(s["system"]), f"{s['strict']['f1']:.3f}",
                      fmt(s["relaxed"]), f"{s['type_f1']:.3f}", f"{s['value_f1']:.3f}",
                      f"{s['value_accuracy']:.3f}")
    h = HEIDELTIME_TE3
    table.add_row("HeidelTime (TE3 platinum)", "test", "", "", f"{h['strict']['f1']:.3f}",
                  fmt(h["relaxed"]),
                  f"{h['type_f1']:.3f}", f"{h['value_f1']:.3f}", "")
    console.print(table)
    console.print(f"spaCy parse {parse_s:.1f}s; finder {find_s:.2f}s "
                  f"({result['docs_per_second_find']} docs/s, parse excluded). Pooled rows never "
                  "mix a dev corpus with a held-out one.")
