"""`storyline evaluate timeline`: timeline summarisation on Timeline17 (T17).

Data: one folder per topic with `articles.jsonl` (id, published, text: one sentence a line) and
`timelines/*.txt` (a date line, its sentences, a `-----` separator; repeated dates are merged).

Protocol (news-tls's, for DATEWISE and CLUST): one task per gold timeline; only articles
published within the gold timeline's first and last date; the predicted timeline has as many
dates as the gold and, per date, the gold's average number of sentences per date (rounded).
Scores: alignment-based ROUGE-1 and ROUGE-2 F1 ("align+ m:1", tilse's; see
`storyline.evaluate.rouge` for how our ROUGE matches tilse's) and Date-F1; precision and recall
are averaged over tasks and F1 is taken from the averages, as news-tls reports them.

The system (`storyline.story.timeline.datewise_timeline`): each sentence is dated with
`storyline.temporal.expressions.find_time_expressions` (its first expression that names one
day); only sentences with a date cue are parsed, one sentence per doc, anchored on the article's
publication date. Dates are ranked by how many sentences and articles mention them; each
date's sentences are chosen by TF-IDF centroid similarity. The published DATEWISE figures it is
compared with use a supervised date ranker trained on the other topics and HeidelTime.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from storyline.app import JsonOption, console, evaluate_app, fail
from storyline.evaluate.rouge import PRF, align_m1, average_prf, date_f1
from storyline.story.timeline import Sentence, datewise_timeline, tfidf_terms

# Ghalandari & Ifrim (ACL 2020), Table 3, DATEWISE on T17: alignment-based ROUGE-1/2 F1, Date-F1
PUBLISHED = {"rouge_1": 0.120, "rouge_2": 0.035, "date_f1": 0.544}

_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BAD_DATE_LINE = re.compile(r"^\d{4}-\d{1,2}-\d{0,2}$")
# A sentence can only name a day if it has one of these cues (weekday, month with a number,
# today/yesterday/tomorrow, a numeric date, "ago"); the rest are not parsed at all.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CUE = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    rf"|\b{_MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}"
    r"|\b(?:today|yesterday|tomorrow|tonight)\b|\bago\b|\blast\s+night\b"
    r"|\bthis\s+(?:morning|afternoon|evening)\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DataError(ValueError):
    pass


@dataclass
class Task:
    topic: str
    name: str
    gold: dict[date, list[str]]
    articles: list[dict]
    problems: list[str]


def read_gold(path: Path, problems: list[str] | None = None) -> dict[date, list[str]]:
    """A T17 timeline file: date line, sentences, `-----` separator; repeated dates merged.

    A block whose date line is malformed (MJ_bbc has "2011-04-0") is skipped and reported in
    `problems`: its day cannot be scored.
    """
    out: dict[date, list[str]] = {}
    current: date | None = None
    skipping = False
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("-----"):
            current, skipping = None, False
            continue
        if skipping:
            continue
        if current is None and _DATE_LINE.match(line):
            current = date.fromisoformat(line)
            out.setdefault(current, [])
            continue
        if current is None and _BAD_DATE_LINE.match(line):
            skipping = True
            if problems is not None:
                problems.append(f"{path.name}:{n}: malformed date {line!r}: entry skipped")
            continue
        if current is None:
            raise DataError(f"{path}:{n}: text before a date line: {line[:60]!r}")
        out[current].append(line)
    return {d: s for d, s in sorted(out.items()) if s}


def read_articles(path: Path, problems: list[str] | None = None) -> list[dict]:
    """Article records; a line that is not one (bpoil_bbc holds a stray .DS_Store record with
    no date) is skipped and reported in `problems`."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                rec["published"] = date.fromisoformat(str(rec["published"])[:10])
                rec["text"] = str(rec["text"])
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                if problems is not None:
                    problems.append(f"{path.parent.name}/{path.name}:{n}: skipped ({exc})")
                continue
            out.append(rec)
    return out


def load_tasks(data: Path, topics: list[str] | None = None) -> list[Task]:
    if not data.is_dir():
        raise DataError(f"{data} is not a folder")
    tasks = []
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        if topics and folder.name not in topics:
            continue
        arts = folder / "articles.jsonl"
        gold_dir = folder / "timelines"
        if not arts.is_file() or not gold_dir.is_dir():
            continue
        skipped: list[str] = []
        articles = read_articles(arts, skipped)
        for gold_path in sorted(gold_dir.glob("*.txt")):
            problems: list[str] = list(skipped)
            gold = read_gold(gold_path, problems)
            tasks.append(Task(folder.name, gold_path.stem, gold, articles, problems))
    if not tasks:
        raise DataError(f"no Timeline17 topics (articles.jsonl + timelines/*.txt) under {data}")
    return tasks


def sentences_of(task: Task, start: date, end: date, use_time: bool = True) -> list[Sentence]:
    """The task's sentences (articles published in [start, end]), dated where they name a day."""
    sents: list[Sentence] = []
    for a_idx, art in enumerate(a for a in task.articles if start <= a["published"] <= end):
        lines = [ln.strip() for ln in art["text"].split("\n") if ln.strip()]
        for pos, text in enumerate(lines):
            sents.append(Sentence(text=text, article=a_idx, position=pos,
                                  published=art["published"], terms=tfidf_terms(text)))
    if use_time:
        _date_sentences(sents)
    return sents


def _date_sentences(sents: list[Sentence]) -> None:
    from storyline import nlp
    from storyline.temporal.expressions import find_time_expressions

    todo = [s for s in sents if _CUE.search(s.text)]
    docs = nlp.parse_many((s.text for s in todo), batch_size=64)
    for s, doc in zip(todo, docs, strict=True):
        for tx in find_time_expressions(doc, "", s.published):
            if tx.type == "DATE" and _DAY_VALUE.match(tx.value or ""):
                s.mentioned = date.fromisoformat(tx.value)
                break


def run_task(task: Task, use_time: bool = True) -> dict:
    started = time.perf_counter()
    gold = task.gold
    start, end = min(gold), max(gold)
    n_dates = len(gold)
    k = max(1, round(sum(len(v) for v in gold.values()) / n_dates))
    sents = sentences_of(task, start, end, use_time)
    pred = datewise_timeline(sents, start, end, n_dates, k)
    rouge = align_m1(pred, gold)
    dates = date_f1(pred.keys(), gold.keys())
    return {
        "topic": task.topic,
        "timeline": task.name,
        "articles": len({s.article for s in sents}),
        "sentences": len(sents),
        "dated_sentences": sum(1 for s in sents if s.mentioned),
        "gold_dates": n_dates,
        "pred_dates": len(pred),
        "k": k,
        "problems": task.problems,
        "rouge_1": rouge[1],
        "rouge_2": rouge[2],
        "date_f1": dates,
        "seconds": round(time.perf_counter() - started, 2),
    }


def _prf(x: PRF) -> dict[str, float]:
    return {k: round(v, 4) for k, v in x.to_dict().items()}


@evaluate_app.command("timeline")
def evaluate_timeline(
    data: Annotated[Path, typer.Option("--data", help="Timeline17 folder (one folder a topic).")],
    topic: Annotated[
        list[str] | None, typer.Option("--topic", help="Only this topic folder (repeatable).")
    ] = None,
    no_time: Annotated[
        bool, typer.Option("--no-time", help="Ablation: date sentences by publication only.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Alignment-based ROUGE-1/2 and Date-F1 on Timeline17, beside DATEWISE's figures."""
    try:
        tasks = load_tasks(data, topic)
    except (DataError, OSError) as exc:
        raise fail(str(exc)) from None
    started = time.perf_counter()
    results = []
    for task in tasks:
        results.append(run_task(task, use_time=not no_time))
        if not json_out:
            r = results[-1]
            console.print(
                f"{r['topic']}/{r['timeline']}: R1 {r['rouge_1'].f1:.3f} R2 {r['rouge_2'].f1:.3f}"
                f" Date-F1 {r['date_f1'].f1:.3f} ({r['articles']} articles, {r['seconds']} s)",
                highlight=False,
            )
    avg = {m: average_prf([r[m] for r in results]) for m in ("rouge_1", "rouge_2", "date_f1")}
    seconds = round(time.perf_counter() - started, 1)
    if json_out:
        console.print_json(json.dumps({
            "tasks": len(results),
            "seconds": seconds,
            "dating": "publication only" if no_time else "time expressions",
            "average": {m: _prf(v) for m, v in avg.items()},
            "published_datewise": PUBLISHED,
            "results": [
                {**r, **{m: _prf(r[m]) for m in ("rouge_1", "rouge_2", "date_f1")}}
                for r in results
            ],
        }))
        return
    table = Table("metric (F1)", "storyline", "DATEWISE (published)",
                  title=f"Timeline17: {len(results)} timelines, {seconds} s")
    names = {"rouge_1": "ROUGE-1 align+ m:1", "rouge_2": "ROUGE-2 align+ m:1",
             "date_f1": "Date-F1"}
    for m, label in names.items():
        table.add_row(label, f"{avg[m].f1:.3f}", f"{PUBLISHED[m]:.3f}")
    console.print(table)
