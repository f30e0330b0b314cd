"""`storyline evaluate figures`: casualty figures on sentences about deaths tagged by hand.

Data (`../shared/data/figures`): `bbc-fatality-sentences.csv` (BBC) and
`casualty-mentions/tagged_data_<outlet>_*.csv` (NYT, WaPo, WSJ): one row per sentence that a
person tagged as reporting deaths (columns `sentence`, `article_date`, `category`
palestine/israel/both, …). The tags say a sentence is about deaths, not which number is the
figure, so two measures are reported:

- recall: among the tagged sentences that carry a number (digits or number words, not a year, a
  day of the month, an age or a duration, not the word "one"), the share from which a killed or
  injured figure is extracted (kinds killed, troops_killed, injured, casualties); per outlet and
  overall. Each distinct sentence counts once per outlet; it is parsed alone, dated by its
  article's date.
- precision: a sample of 100 extracted figures of any kind, drawn with a fixed seed, is written
  to `benchmarks/figures_sample.csv`; a person checks each against its sentence and records the
  verdict in `benchmarks/figures_sample_checked.csv` (the sample's columns plus verdict ok/wrong
  on kind, value and qualifier; source_verdict ok/wrong/partial/missed/none; note). Precision is
  the share of ok verdicts; source precision and recall come from source_verdict; the command also
  says how many checked rows the current extractor still produces.

No published extraction score exists for these files (they come from a study of how outlets word
deaths); the project's own bar is printed beside ours: recall ≥ 0.80, precision ≥ 0.80.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline import nlp
from storyline.app import JsonOption, console, evaluate_app, fail
from storyline.extract.actors import ActorResolver
from storyline.extract.figures import extract_figures
from storyline.extract.numbers import find_quantities
from storyline.records import Article, Figure
from storyline.temporal.expressions import find_time_expressions

CASUALTY_KINDS = frozenset({"killed", "troops_killed", "injured", "casualties"})
BAR = {"recall": 0.80, "precision": 0.80}
SEED = 20240607
SAMPLE_SIZE = 100
SAMPLE_COLUMNS = ["sentence", "quote", "kind", "value", "low", "high", "qualifier", "unit",
                  "subject", "source", "outlet", "article_date"]
CHECKED_COLUMNS = [*SAMPLE_COLUMNS, "verdict", "source_verdict", "note"]
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY_OF_MONTH = re.compile(rf"^\s*{_MONTHS}\s*$|^\s*{_MONTHS}\s", re.I)
_TIME_UNITS = re.compile(r"^\W*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b", re.I)
# "Roi, 54, was found", "aged 19": ages
_AGE_BEFORE = re.compile(r"(?:[A-Z][\w'’-]+,\s*|\baged\s+)$")
_AGE_AFTER = re.compile(r"^\s*(?:[,)]|[.;]?\s*$)")
_MARKER = re.compile(r"\s*T-I-T-L-E-E-N-D\.?\s*")
_OUTLETS = {"nyt": "NYT", "wp": "WaPo", "wsj": "WSJ", "bbc": "BBC"}


def clean_sentence(text: str) -> str:
    """The tagged sentence with the files' doubled spaces and title markers removed."""
    return " ".join(_MARKER.sub(" ", text).split())


def carries_number(text: str) -> bool:
    """A number that could be a figure: not a year, a day of the month, an age or a duration,
    and not the word "one" (mostly "one of …")."""
    for q in find_quantities(text):
        numeral = text[q.num_start:q.num_end]
        if numeral.lower() in ("one", "a dozen") or (q.suffix and q.suffix not in ("strong",
                                                                                  "plus")):
            continue
        if numeral.isdigit() and len(numeral) == 4 and 1800 <= int(numeral) <= 2100:
            continue
        before, after = text[max(0, q.num_start - 12):q.num_start], text[q.num_end:]
        if numeral.isdigit() and int(numeral) <= 31 and (
            _DAY_OF_MONTH.match(after) or re.search(rf"{_MONTHS}\s*$", before, re.I)
        ):
            continue
        if _TIME_UNITS.match(after) or (_AGE_BEFORE.search(text[:q.num_start])
                                        and _AGE_AFTER.match(after)):
            continue
        return True
    return False


def _iso(raw: str) -> str | None:
    raw = (raw or "").strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _outlet(path: Path) -> str:
    name = path.stem.lower()
    for key, outlet in _OUTLETS.items():
        if name.startswith(key) or f"_{key}_" in name:
            return outlet
    return path.stem


def load_sentences(data: Path) -> list[dict[str, str]]:
    """Distinct tagged sentences per outlet: {outlet, sentence, article_date, category}."""
    files = sorted(data.glob("*.csv")) + sorted((data / "casualty-mentions").glob("tagged_*.csv"))
    if not files:
        raise ValueError(f"{data}: no tagged sentence files (*.csv, casualty-mentions/tagged_*)")
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, str]] = []
    for path in files:
        outlet = _outlet(path)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                text = clean_sentence(row.get("sentence") or "")
                if not text or (outlet, text) in seen:
                    continue
                seen.add((outlet, text))
                out.append({"outlet": outlet, "sentence": text,
                            "article_date": _iso(row.get("article_date", "")) or "",
                            "category": row.get("category", "")})
    return out


def sentence_figures(rows: list[dict[str, str]]) -> list[list[Figure]]:
    """Figures of each sentence, parsed alone and dated by its article's date."""
    out: list[list[Figure]] = []
    texts = [r["sentence"] for r in rows]
    for i, (row, doc) in enumerate(zip(rows, nlp.parse_many(texts, batch_size=64), strict=True)):
        published = row["article_date"] or None
        article = Article(id=f"f{i}", text=row["sentence"], source="eval", format="text",
                          published=published)
        anchor = date.fromisoformat(published) if published else None
        times = find_time_expressions(doc, article.id, anchor, "published" if anchor else "none")
        out.append(extract_figures(doc, article, times, ActorResolver.for_doc(doc)))
    return out


def _value_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def sample_rows(rows: list[dict[str, str]], figures: list[list[Figure]],
                size: int = SAMPLE_SIZE, seed: int = SEED) -> list[dict[str, str]]:
    """A reproducible sample of extracted figures (any kind) as CSV rows."""
    pool = []
    for row, figs in zip(rows, figures, strict=True):
        for fig in figs:
            pool.append({
                "sentence": row["sentence"], "quote": fig.quote, "kind": fig.kind,
                "value": _value_text(fig.value), "low": _value_text(fig.low),
                "high": _value_text(fig.high), "qualifier": fig.qualifier,
                "unit": fig.unit or "", "subject": fig.subject or "", "source": fig.source or "",
                "outlet": row["outlet"], "article_date": row["article_date"],
            })
    pool.sort(key=lambda r: (r["outlet"], r["sentence"], r["quote"], r["kind"]))
    return random.Random(seed).sample(pool, min(size, len(pool)))


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return (row["sentence"], row["quote"], row["kind"], row["value"], row["qualifier"])


def read_checked(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if (r.get("verdict") or "").strip()]


def score(data: Path, checked_path: Path, sample_path: Path | None,
          limit: int | None = None) -> dict[str, Any]:
    rows = load_sentences(data)
    rows = [r for r in rows if carries_number(r["sentence"])]
    if limit:
        rows = rows[:limit]
    figures = sentence_figures(rows)
    per: dict[str, Counter] = {}
    for row, figs in zip(rows, figures, strict=True):
        counts = per.setdefault(row["outlet"], Counter())
        counts["sentences"] += 1
        counts["hit"] += any(f.kind in CASUALTY_KINDS for f in figs)
        counts["any_figure"] += bool(figs)
    total = sum(per.values(), Counter())
    sample = sample_rows(rows, figures)
    if sample_path is not None:
        sample_path.parent.mkdir(parents=True, exist_ok=True)
        with sample_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=SAMPLE_COLUMNS)
            writer.writeheader()
            writer.writerows(sample)
    checked = read_checked(checked_path)
    produced = {_key(r) for r in sample} | {
        _key({"sentence": row["sentence"], "quote": f.quote, "kind": f.kind,
              "value": _value_text(f.value), "qualifier": f.qualifier})
        for row, figs in zip(rows, figures, strict=True) for f in figs
    }
    ok = sum(1 for r in checked if r["verdict"].strip().lower() == "ok")
    src = Counter((r.get("source_verdict") or "").strip().lower() for r in checked)
    given = src["ok"] + src["wrong"] + src["partial"]
    return {
        "sentences_with_number": total["sentences"],
        "recall": total["hit"] / total["sentences"] if total["sentences"] else 0.0,
        "per_outlet": {k: {"sentences": v["sentences"], "recall": v["hit"] / v["sentences"],
                           "any_figure": v["any_figure"] / v["sentences"]}
                       for k, v in sorted(per.items())},
        "figures": sum(len(f) for f in figures),
        "kinds": dict(Counter(f.kind for figs in figures for f in figs).most_common()),
        "checked": len(checked),
        "precision": ok / len(checked) if checked else None,
        "source_precision": src["ok"] / given if given else None,
        "source_recall": src["ok"] / (given + src["missed"]) if given + src["missed"] else None,
        "checked_still_produced": sum(1 for r in checked if _key(r) in produced),
        "bar": BAR,
        "anchor": "none published for these files; the project's bar is shown instead",
    }


@evaluate_app.command("figures")
def figures_command(
    data: Annotated[Path, typer.Option("--data", help="Folder of hand-tagged death sentences.")] = Path(
        "../shared/data/figures"),
    checked: Annotated[Path, typer.Option("--checked", help="Hand-checked sample (CSV).")] = Path(
        "benchmarks/figures_sample_checked.csv"),
    sample: Annotated[Path | None, typer.Option(
        "--sample", help="Where to write a fresh sample of 100 figures (fixed seed).")] = Path(
        "benchmarks/figures_sample.csv"),
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N sentences.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Recall of killed/injured figures on hand-tagged death sentences; precision from a
    hand-checked sample."""
    if not data.is_dir():
        raise fail(f"{data}: no such folder (the hand-tagged figures data lives in ../shared)")
    try:
        result = score(data, checked, sample, limit)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(title=f"Casualty figures on hand-tagged death sentences "
                        f"({result['sentences_with_number']} with a number)")
    for col in ("outlet", "sentences", "recall (killed/injured)", "any figure"):
        table.add_column(col, justify="left" if col == "outlet" else "right")
    for outlet, v in result["per_outlet"].items():
        table.add_row(outlet, str(v["sentences"]), f"{v['recall']:.3f}", f"{v['any_figure']:.3f}")
    table.add_row("overall", str(result["sentences_with_number"]), f"{result['recall']:.3f}", "")
    console.print(table)
    prec = result["precision"]
    summary = Table(title="storyline vs bar")
    for col in ("measure", "storyline", "bar"):
        summary.add_column(col, justify="left" if col == "measure" else "right")
    summary.add_row("recall (sentences with a number)", f"{result['recall']:.3f}",
                    f"≥ {BAR['recall']:.2f}")
    summary.add_row(f"precision (hand-checked sample, n={result['checked']})",
                    f"{prec:.3f}" if prec is not None else "not checked",
                    f"≥ {BAR['precision']:.2f}")
    for name in ("source_precision", "source_recall"):
        if result[name] is not None:
            summary.add_row(name.replace("_", " ") + " (checked sample)", f"{result[name]:.3f}", "")
    console.print(summary)
    console.print(f"Checked rows the current extractor still produces: "
                  f"{result['checked_still_produced']}/{result['checked']}.")
    if sample is not None:
        console.print(f"Fresh sample of {SAMPLE_SIZE} figures (seed {SEED}) written to {sample}.")
    console.print(f"Anchor: {result['anchor']}.")
