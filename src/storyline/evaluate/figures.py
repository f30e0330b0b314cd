"""`storyline evaluate figures`: casualty figures on sentences about deaths tagged by hand.

Data (`../shared/data/figures`): `<outlet>-fatality-sentences.csv` and
`casualty-mentions/tagged_data_<outlet>_*.csv`, four outlets in all: one row per sentence that a
person tagged as reporting deaths (columns `sentence`, `article_date`, `category`: whose deaths,
…). The tags say that a sentence is about deaths, not which number is the
figure, so the gold number is taken in two ways, and each measure compares values:

- single-number sentences (automatic gold): a sentence that writes exactly one number in digits
  ("1,300", "8,000", "2.3 million") and no number in words, once years, days of the month,
  ages, durations, times, percentages and sums of money are set aside. That number is the gold
  figure (read by this module's own digit reader, not the extractor's). Recall: the share of such
  sentences from which a casualty figure (kind killed, troops_killed, injured, casualties) with
  that value is extracted: value equal, or the number is one end of an extracted range.
- hand-labelled values (`benchmarks/figures_values_gold.csv`): a fixed-seed sample of sentences
  with a number, 25 per outlet, each labelled with every casualty figure it states (kind killed,
  injured or casualties; value, a vague amount such as `dozens`, or a range; qualifier), labelled
  without looking at the extractor's output. Gold and extracted casualty figures are matched one
  to one: same value (a vague amount: the range `extract.numbers` gives it) and a compatible
  kind (killed ~ killed/troops_killed/casualties, injured ~ injured/casualties). Precision,
  recall and F1 over those matches (scikit-learn), and qualifier agreement on the matches.

The earlier kind-only measure (any casualty figure at all, whatever its value) is printed beside
the value measures on the same sentences. Precision over all kinds comes from a fixed-seed
sample of 100 extracted figures (`benchmarks/figures_sample.csv`) that a person checks against
its sentence (`benchmarks/figures_sample_checked.csv`: the sample's columns plus verdict ok/wrong
on kind, value and qualifier; source_verdict ok/wrong/partial/missed/none; note). Both files
name sentences by `file:row` and a hash of the sentence, never by its text (the text belongs to
its publisher and stays in ../shared).

Each distinct sentence counts once per outlet; it is parsed alone and dated by its article's date.
No published extraction score exists for these files; the project's bar is printed instead.
"""

from __future__ import annotations

import csv
import hashlib
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
from storyline.evaluate.metrics import (
    BenchmarkCard,
    MissingEvalExtra,
    prf_from_counts,
    print_card,
    require_eval_extra,
)
from storyline.extract.actors import ActorResolver
from storyline.extract.figures import extract_figures
from storyline.extract.numbers import VAGUE, find_quantities
from storyline.records import Article, Figure
from storyline.temporal.expressions import find_time_expressions

CASUALTY_KINDS = frozenset({"killed", "troops_killed", "injured", "casualties"})
# A gold kind and the extracted kinds that may match it.
COMPATIBLE = {
    "killed": frozenset({"killed", "troops_killed", "casualties"}),
    "injured": frozenset({"injured", "casualties"}),
    "casualties": frozenset({"casualties", "killed", "troops_killed", "injured"}),
}
BAR = {"recall": 0.80, "precision": 0.80}
SEED = 20240607
SAMPLE_SIZE = 100
VALUE_GOLD_SEED = 20250115
VALUE_GOLD_PER_OUTLET = 25
SAMPLE_COLUMNS = ["sentence_id", "sentence_sha1", "start", "end", "kind", "value", "low", "high",
                  "qualifier", "unit", "outlet", "article_date"]
CHECKED_COLUMNS = [*SAMPLE_COLUMNS, "verdict", "source_verdict", "note"]
VALUE_GOLD_COLUMNS = ["sentence_id", "sentence_sha1", "outlet", "figures", "note"]
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY_OF_MONTH = re.compile(rf"^\s*{_MONTHS}\s*$|^\s*{_MONTHS}\s", re.I)
_TIME_UNITS = re.compile(r"^\W*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b", re.I)
# "Roi, 54, was found", "aged 19": ages
_AGE_BEFORE = re.compile(r"(?:[A-Z][\w'’-]+,\s*|\baged\s+)$")
_AGE_AFTER = re.compile(r"^\s*(?:[,)]|[.;]?\s*$)")
_MARKER = re.compile(r"\s*T-I-T-L-E-E-N-D\.?\s*")

# The gold reader (independent of extract/numbers.py): a number written in digits, with its
# thousands separators, decimals and scale word.
_DIGIT_NUMBER = re.compile(
    r"(?<![\w.,/:$£€#-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
    r"(?:\s*(hundred|thousand|million|billion)\b|(m|bn|k)\b)?(?![\w/:]|\.\d|,\d)", re.I)
_SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000,
                "billion": 1_000_000_000, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundreds?|thousands?|dozens?|millions?|scores\s+of)\b", re.I)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|per\s*cent|percent)", re.I)
_HYPHEN_AFTER = re.compile(r"^-[A-Za-z]")


def clean_sentence(text: str) -> str:
    """The tagged sentence with the files' doubled spaces and title markers removed."""
    return " ".join(_MARKER.sub(" ", text).split())


def sentence_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


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


def written_numbers(text: str) -> list[tuple[float, int, int]]:
    """Numbers written in digits that could be a count: (value, start, end). Years, days of the
    month, ages, durations, percentages, money and hyphenated compounds are left out."""
    out = []
    for m in _DIGIT_NUMBER.finditer(text):
        digits, decimals = m.group(1), m.group(2)
        scale = (m.group(3) or m.group(4) or "").lower()
        before, after = text[max(0, m.start() - 12):m.start()], text[m.end():]
        if not scale and not decimals and "," not in digits and len(digits) == 4 \
                and 1800 <= int(digits) <= 2100:
            continue  # a year
        plain = int(digits.replace(",", "")) if not decimals else None
        if not scale and plain is not None and plain <= 31 and (
            _DAY_OF_MONTH.match(after) or re.search(rf"{_MONTHS}\s*$", before, re.I)
        ):
            continue  # a day of the month
        if _TIME_UNITS.match(after) or _PERCENT_AFTER.match(after) or _HYPHEN_AFTER.match(after):
            continue  # a duration, a share, "19-year-old"
        if _AGE_BEFORE.search(text[:m.start()]) and _AGE_AFTER.match(after):
            continue  # an age
        value = float(digits.replace(",", "") + ("." + decimals if decimals else ""))
        value *= _SCALE_WORDS.get(scale, 1)
        out.append((value, m.start(), m.end()))
    return out


def single_number(text: str) -> float | None:
    """The sentence's gold number when it writes exactly one count in digits and none in
    words (else None: the figure is ambiguous)."""
    nums = written_numbers(text)
    if len(nums) != 1:
        return None
    _, start, end = nums[0]
    if any(w.start() >= end or w.end() <= start for w in _NUMBER_WORD.finditer(text)):
        return None
    return nums[0][0]


def _same(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def has_value(fig: Figure, value: float) -> bool:
    """The figure states this number: as its value, or as one end of its range."""
    return _same(fig.value, value) or _same(fig.low, value) or _same(fig.high, value)


def _iso(raw: str) -> str | None:
    raw = (raw or "").strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    return None


# Outlet labels that are not the file prefix in capitals (the samples were drawn in the
# order of these labels, so they must not change).
_LABELS = {"wp": "WaPo"}


def _outlet(path: Path) -> str:
    """The outlet a file's name gives: `xyz-fatality-sentences` or `tagged_data_xyz_…` → XYZ."""
    name = path.stem.lower()
    key = name.split("_")[2] if name.startswith("tagged_data_") else name.split("-")[0]
    return _LABELS.get(key, key.upper())


def load_sentences(data: Path) -> list[dict[str, str]]:
    """Distinct tagged sentences per outlet: {outlet, sentence, article_date, category, id,
    sha1}, where id is `file:row` (the first row that holds it, counted from 1 after the
    header)."""
    files = sorted(data.glob("*.csv")) + sorted((data / "casualty-mentions").glob("tagged_*.csv"))
    if not files:
        raise ValueError(f"{data}: no tagged sentence files (*.csv, casualty-mentions/tagged_*)")
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, str]] = []
    for path in files:
        outlet = _outlet(path)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle), 1):
                text = clean_sentence(row.get("sentence") or "")
                if not text or (outlet, text) in seen:
                    continue
                seen.add((outlet, text))
                out.append({"outlet": outlet, "sentence": text,
                            "article_date": _iso(row.get("article_date", "")) or "",
                            "category": row.get("category", ""),
                            "id": f"{path.name}:{n}", "sha1": sentence_sha1(text)})
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


# ----------------------------------------------------------------------- hand-labelled values


def parse_gold_figures(cell: str, where: str) -> list[dict[str, Any]]:
    """`kind:value[:qualifier]` items separated by `|`; value is a number, `low-high`, or a vague
    amount (`dozens`, `hundreds`, `thousands` …). An empty cell: no casualty figure."""
    out = []
    for item in filter(None, (x.strip() for x in (cell or "").split("|"))):
        parts = item.split(":")
        if len(parts) not in (2, 3) or parts[0] not in COMPATIBLE:
            raise ValueError(f"{where}: bad figure {item!r} (want kind:value[:qualifier], kind "
                             f"one of {', '.join(COMPATIBLE)})")
        kind, raw = parts[0], parts[1].strip()
        qualifier = parts[2].strip() if len(parts) == 3 else "exact"
        vague = raw.replace("_", " ")
        if vague in VAGUE:
            low, high = VAGUE[vague]
            out.append({"kind": kind, "low": float(low), "high": float(high), "value": None,
                        "qualifier": qualifier, "text": item})
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?-\d+(?:\.\d+)?", raw):
            lo, hi = (float(x) for x in raw.split("-"))
            out.append({"kind": kind, "low": lo, "high": hi, "value": None,
                        "qualifier": qualifier, "text": item})
            continue
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"{where}: bad value {raw!r} in {item!r}") from None
        out.append({"kind": kind, "value": value, "low": None, "high": None,
                    "qualifier": qualifier, "text": item})
    return out


def read_value_gold(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [ln for ln in handle if not ln.startswith("#")]  # the file's own comments
    for row in csv.DictReader(lines):
        where = f"{path}: {row.get('sentence_id')}"
        out.append({"id": row["sentence_id"], "sha1": row["sentence_sha1"],
                    "outlet": row.get("outlet", ""),
                    "figures": parse_gold_figures(row.get("figures", ""), where)})
    return out


def value_gold_sample(rows: list[dict[str, str]], per_outlet: int = VALUE_GOLD_PER_OUTLET,
                      seed: int = VALUE_GOLD_SEED) -> list[dict[str, str]]:
    """The sentences the hand-labelled value gold covers: per outlet, a fixed-seed sample of
    the sentences with a number (drawn before any extraction)."""
    rng = random.Random(seed)
    out = []
    for outlet in sorted({r["outlet"] for r in rows}):
        pool = sorted((r for r in rows if r["outlet"] == outlet), key=lambda r: r["id"])
        out.extend(rng.sample(pool, min(per_outlet, len(pool))))
    return out


def gold_matches(g: dict[str, Any], fig: Figure) -> bool:
    if fig.kind not in COMPATIBLE[g["kind"]]:
        return False
    if g["value"] is not None:
        return has_value(fig, g["value"])
    return (_same(fig.low, g["low"]) and _same(fig.high, g["high"])) or (
        fig.value is not None and g["low"] <= fig.value <= g["high"] and fig.low is None)


def score_value_gold(gold: list[dict[str, Any]], by_id: dict[str, tuple[dict, list[Figure]]]
                     ) -> dict[str, Any]:
    """One-to-one matching of gold and extracted casualty figures, sentence by sentence."""
    tp = fp = fn = qualifier_ok = 0
    missing, changed = [], []
    misses: list[dict[str, Any]] = []
    for g_row in gold:
        got = by_id.get(g_row["id"])
        if got is None:
            missing.append(g_row["id"])
            continue
        row, figs = got
        if row["sha1"] != g_row["sha1"]:
            changed.append(g_row["id"])
            continue
        pred = [f for f in figs if f.kind in CASUALTY_KINDS]
        used: set[int] = set()
        for g in g_row["figures"]:
            hit = next((i for i, f in enumerate(pred) if i not in used and gold_matches(g, f)),
                       None)
            if hit is None:
                fn += 1
                misses.append({"sentence_id": g_row["id"], "gold": g["text"], "extracted": [
                    f"{f.kind}:{_value_text(f.value) or _value_text(f.low) + '-' + _value_text(f.high)}"
                    for f in pred]})
                continue
            used.add(hit)
            tp += 1
            qualifier_ok += pred[hit].qualifier == g["qualifier"]
        fp += len(pred) - len(used)
    prf = prf_from_counts(tp, fp, fn)
    return {
        "sentences": len(gold) - len(missing) - len(changed),
        "gold_figures": tp + fn, "extracted_casualty_figures": tp + fp, "matched": tp,
        **prf.rounded(),
        "qualifier_agreement": round(qualifier_ok / tp, 4) if tp else None,
        "missing_sentences": missing, "changed_sentences": changed, "misses": misses,
    }


# ----------------------------------------------------------------------- checked sample


def sample_rows(rows: list[dict[str, str]], figures: list[list[Figure]],
                size: int = SAMPLE_SIZE, seed: int = SEED) -> list[dict[str, str]]:
    """A reproducible sample of extracted figures (any kind) as CSV rows (no sentence text)."""
    pool = []
    for row, figs in zip(rows, figures, strict=True):
        for fig in figs:
            pool.append({
                "sentence_id": row["id"], "sentence_sha1": row["sha1"],
                "start": str(fig.start), "end": str(fig.end), "kind": fig.kind,
                "value": _value_text(fig.value), "low": _value_text(fig.low),
                "high": _value_text(fig.high), "qualifier": fig.qualifier,
                "unit": fig.unit or "", "outlet": row["outlet"],
                "article_date": row["article_date"],
            })
    pool.sort(key=lambda r: (r["outlet"], r["sentence_id"], int(r["start"]), r["kind"]))
    return random.Random(seed).sample(pool, min(size, len(pool)))


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return (row["sentence_id"], row["start"], row["end"], row["kind"], row["value"],
            row["qualifier"])


def read_checked(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if (r.get("verdict") or "").strip()]


# ----------------------------------------------------------------------- scoring


def cards(n_sentences: int, n_single: int, n_value_gold: int, n_checked: int
          ) -> dict[str, BenchmarkCard]:
    developed = ("yes: the figures extractor's casualty recall was measured and improved on "
                 "these sentences")
    return {
        "single_number": BenchmarkCard(
            benchmark="casualty figures, hand-tagged death sentences (four outlets)",
            split="all of it (no split; the files come from a study of how outlets word deaths)",
            developed_on=developed,
            subset=(f"{n_single} of the {n_sentences} distinct sentences with a number: those "
                    "writing exactly one count in digits and none in words"),
            matching=("an extracted killed/troops_killed/injured/casualties figure whose value is "
                      "the sentence's number (or one end of its range)"),
            anchor="none published; the project's bar (recall >= 0.80)",
        ),
        "value_gold": BenchmarkCard(
            benchmark="casualty figures, hand-labelled values (benchmarks/figures_values_gold.csv)",
            split=f"a fixed-seed sample ({VALUE_GOLD_PER_OUTLET} a outlet) of the same sentences",
            developed_on=(developed + "; the value labels are new and no rule was changed "
                          "after reading them"),
            subset=f"{n_value_gold} sentences, every casualty figure each states",
            matching=("one to one, per sentence: compatible kind (killed ~ killed/troops_killed/"
                      "casualties; injured ~ injured/casualties) and the same value (a vague "
                      "amount: its range); qualifier agreement reported on the matches"),
            anchor="none published; the project's bar (P and R >= 0.80)",
        ),
        "checked_sample": BenchmarkCard(
            benchmark="figure precision, all kinds (benchmarks/figures_sample_checked.csv)",
            split="a fixed-seed sample of 100 figures extracted from the same sentences",
            developed_on=developed,
            subset=f"{n_checked} hand-checked figures",
            matching="a person's verdict on kind, value and qualifier against the sentence",
            anchor="none published; the project's bar (precision >= 0.80)",
        ),
    }


def score(data: Path, checked_path: Path, sample_path: Path | None,
          value_gold_path: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    rows = load_sentences(data)
    rows = [r for r in rows if carries_number(r["sentence"])]
    if limit:
        rows = rows[:limit]
    figures = sentence_figures(rows)
    per: dict[str, Counter] = {}
    for row, figs in zip(rows, figures, strict=True):
        counts = per.setdefault(row["outlet"], Counter())
        casualty = [f for f in figs if f.kind in CASUALTY_KINDS]
        counts["sentences"] += 1
        counts["kind_hit"] += bool(casualty)
        counts["any_figure"] += bool(figs)
        gold = single_number(row["sentence"])
        if gold is not None:
            counts["single"] += 1
            counts["single_kind_hit"] += bool(casualty)
            counts["single_value_hit"] += any(has_value(f, gold) for f in casualty)
    total = sum(per.values(), Counter())

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    by_id = {row["id"]: (row, figs) for row, figs in zip(rows, figures, strict=True)}
    value_gold = read_value_gold(value_gold_path) if value_gold_path else []
    value_scores = score_value_gold(value_gold, by_id) if value_gold else None

    sample = sample_rows(rows, figures)
    if sample_path is not None:
        sample_path.parent.mkdir(parents=True, exist_ok=True)
        with sample_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=SAMPLE_COLUMNS)
            writer.writeheader()
            writer.writerows(sample)
    checked = read_checked(checked_path)
    produced = {_key(r) for r in sample} | {
        _key({"sentence_id": row["id"], "start": str(f.start), "end": str(f.end),
              "kind": f.kind, "value": _value_text(f.value), "qualifier": f.qualifier})
        for row, figs in zip(rows, figures, strict=True) for f in figs
    }
    ok = sum(1 for r in checked if r["verdict"].strip().lower() == "ok")
    src = Counter((r.get("source_verdict") or "").strip().lower() for r in checked)
    given = src["ok"] + src["wrong"] + src["partial"]
    return {
        "cards": {k: c.to_dict() for k, c in cards(total["sentences"], total["single"],
                                                   len(value_gold), len(checked)).items()},
        "sentences_with_number": total["sentences"],
        "kind_only_recall": ratio(total["kind_hit"], total["sentences"]),
        "single_number": {
            "sentences": total["single"],
            "value_recall": ratio(total["single_value_hit"], total["single"]),
            "kind_only_recall": ratio(total["single_kind_hit"], total["single"]),
        },
        "per_outlet": {k: {"sentences": v["sentences"],
                           "kind_only_recall": ratio(v["kind_hit"], v["sentences"]),
                           "any_figure": ratio(v["any_figure"], v["sentences"]),
                           "single_number_sentences": v["single"],
                           "single_number_value_recall": ratio(v["single_value_hit"],
                                                               v["single"])}
                       for k, v in sorted(per.items())},
        "value_gold": value_scores,
        "figures": sum(len(f) for f in figures),
        "kinds": dict(Counter(f.kind for figs in figures for f in figs).most_common()),
        "checked": len(checked),
        "precision": ratio(ok, len(checked)),
        "source_precision": ratio(src["ok"], given),
        "source_recall": ratio(src["ok"], given + src["missed"]),
        "checked_still_produced": sum(1 for r in checked if _key(r) in produced),
        "bar": BAR,
    }


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


@evaluate_app.command("figures")
def figures_command(
    data: Annotated[Path, typer.Option("--data", help="Folder of hand-tagged death sentences.")] = Path(
        "../shared/data/figures"),
    checked: Annotated[Path, typer.Option("--checked", help="Hand-checked sample (CSV).")] = Path(
        "benchmarks/figures_sample_checked.csv"),
    values: Annotated[Path, typer.Option("--values", help="Hand-labelled values (CSV).")] = Path(
        "benchmarks/figures_values_gold.csv"),
    sample: Annotated[Path | None, typer.Option(
        "--sample", help="Where to write a fresh sample of 100 figures (fixed seed).")] = Path(
        "benchmarks/figures_sample.csv"),
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N sentences.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Casualty figures on hand-tagged death sentences, values compared: single-number
    sentences, hand-labelled values, and precision from a hand-checked sample."""
    if not data.is_dir():
        raise fail(f"{data}: no such folder (the hand-tagged figures data lives in ../shared)")
    try:
        require_eval_extra()
        result = score(data, checked, sample, values, limit)
    except (ValueError, MissingEvalExtra) as exc:
        raise fail(str(exc)) from None
    if as_json:
        console.print_json(json.dumps(result))
        return
    for name, c in result["cards"].items():
        console.rule(name.replace("_", " "))
        print_card(console, BenchmarkCard(**c))
    table = Table(title=f"Casualty figures on hand-tagged death sentences "
                        f"({result['sentences_with_number']} with a number)")
    for col in ("outlet", "sentences", "kind only", "single-number", "value recall"):
        table.add_column(col, justify="left" if col == "outlet" else "right")
    for outlet, v in result["per_outlet"].items():
        table.add_row(outlet, str(v["sentences"]), _fmt(v["kind_only_recall"]),
                      str(v["single_number_sentences"]), _fmt(v["single_number_value_recall"]))
    single = result["single_number"]
    table.add_row("overall", str(result["sentences_with_number"]),
                  _fmt(result["kind_only_recall"]), str(single["sentences"]),
                  _fmt(single["value_recall"]))
    console.print(table)
    summary = Table(title="storyline vs bar")
    for col in ("measure", "storyline", "bar"):
        summary.add_column(col, justify="left" if col == "measure" else "right")
    summary.add_row(f"value recall, single-number sentences (n={single['sentences']})",
                    _fmt(single["value_recall"]), f"≥ {BAR['recall']:.2f}")
    summary.add_row("  same sentences, kind only (the old measure)",
                    _fmt(single["kind_only_recall"]), "")
    vg = result["value_gold"]
    if vg:
        summary.add_row(f"hand-labelled values: recall ({vg['gold_figures']} gold figures, "
                        f"{vg['sentences']} sentences)", _fmt(vg["recall"]),
                        f"≥ {BAR['recall']:.2f}")
        summary.add_row("hand-labelled values: precision", _fmt(vg["precision"]),
                        f"≥ {BAR['precision']:.2f}")
        summary.add_row("hand-labelled values: F1", _fmt(vg["f1"]), "")
        summary.add_row("hand-labelled values: qualifier agreement on matches",
                        _fmt(vg["qualifier_agreement"]), "")
    summary.add_row(f"precision, all kinds (hand-checked sample, n={result['checked']})",
                    _fmt(result["precision"]), f"≥ {BAR['precision']:.2f}")
    for name in ("source_precision", "source_recall"):
        if result[name] is not None:
            summary.add_row(name.replace("_", " ") + " (checked sample)", _fmt(result[name]), "")
    console.print(summary)
    if vg and (vg["missing_sentences"] or vg["changed_sentences"]):
        console.print(f"value gold: {len(vg['missing_sentences'])} sentences not found, "
                      f"{len(vg['changed_sentences'])} changed since labelling (not scored).")
    console.print(f"Checked rows the current extractor still produces: "
                  f"{result['checked_still_produced']}/{result['checked']}.")
    if sample is not None:
        console.print(f"Fresh sample of {SAMPLE_SIZE} figures (seed {SEED}) written to {sample}.")
