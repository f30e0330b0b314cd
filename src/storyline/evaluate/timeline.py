"""`storyline evaluate timeline`: timeline summarisation on Timeline17 (T17), scored on the
timeline storyline shows.

Data: one folder per topic with `articles.jsonl` (id, published, text: one sentence a line) and
`timelines/*.txt` (a date line, its sentences, a `-----` separator; repeated dates are merged).

Protocol (news-tls's): one task per gold timeline; only articles published within the gold
timeline's first and last date; N = the gold's number of dates, k = its average number of
sentences per date (rounded). Scores: alignment-based ROUGE-1 and ROUGE-2 F1 ("align+ m:1",
tilse's; `storyline.evaluate.rouge` says how ours matches tilse's) and Date-F1 (exact day);
precision and recall are averaged over tasks and F1 is taken from the averages (news-tls).

Systems:

- `storyline` (the product path): the task's articles are written as one JSONL file (T17's
  tokenisation undone: `-LRB-` → `(`, no space before punctuation; one paragraph a sentence),
  ingested into a fresh store with the calls `storyline ingest` makes (store, date, extract,
  build the story), and the predicted timeline is what `storyline timeline --since FIRST
  --until LAST --limit N*k --per-day k` shows: each entry a dated summary, the entries of one
  day forming that day's summary. N*k is the gold's sentence budget; the number of days shown
  may differ from N, and Date-F1 counts that.
- `datewise` (a baseline, not the product): `storyline.story.timeline.datewise_timeline`, a
  reimplementation of DATEWISE's date ranking and CentroidOpt sentence selection over the raw
  sentences, with at most N dates of up to k sentences. Scored on the same timelines, it is the
  like-for-like anchor; DATEWISE's published figure covers all 19 T17 timelines.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from storyline.app import JsonOption, console, evaluate_app, fail
from storyline.evaluate.metrics import (
    PRF,
    BenchmarkCard,
    MissingEvalExtra,
    print_card,
    require_eval_extra,
)
from storyline.evaluate.rouge import align_m1, average_prf, date_f1

# Ghalandari & Ifrim (ACL 2020), Table 3, DATEWISE on T17 (all 19 timelines of 9 topics):
# alignment-based ROUGE-1/2 F1 and Date-F1.
PUBLISHED = {"rouge_1": 0.120, "rouge_2": 0.035, "date_f1": 0.544}
T17_TIMELINES = 19
SYSTEMS = ("storyline", "datewise")
METRICS = ("rouge_1", "rouge_2", "date_f1")

_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BAD_DATE_LINE = re.compile(r"^\d{4}-\d{1,2}-\d{0,2}$")
# Baseline only: a sentence can only name a day if it has one of these cues (weekday, month
# with a number, today/yesterday/tomorrow, a numeric date, "ago"); the rest are not parsed.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CUE = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    rf"|\b{_MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}"
    r"|\b(?:today|yesterday|tomorrow|tonight)\b|\bago\b|\blast\s+night\b"
    r"|\bthis\s+(?:morning|afternoon|evening)\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Penn Treebank tokens in the T17 texts, and the characters they stand for
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
        "``": "\u201c", "''": "\u201d"}
_PTB_TOKEN = re.compile("|".join(re.escape(k) for k in _PTB))
_SPACE_BEFORE = re.compile(
    r" +(?=[.,;:!?%)\]}\u201d]|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|n't\b)", re.IGNORECASE)
_SPACE_AFTER = re.compile(r"(?<=[(\[{$\u201c]) +")
_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")


class DataError(ValueError):
    pass


@dataclass
class Task:
    topic: str
    name: str
    gold: dict[date, list[str]]
    articles: list[dict]
    problems: list[str]


    @property
    def start(self) -> date:
        return min(self.gold)

    @property
    def end(self) -> date:
        return max(self.gold)

    @property
    def n_dates(self) -> int:
        return len(self.gold)

    @property
    def k(self) -> int:
        """Sentences per date: the gold's average, rounded (at least one)."""
        return max(1, round(sum(len(v) for v in self.gold.values()) / len(self.gold)))

    def window_articles(self) -> list[dict]:
        return [a for a in self.articles if self.start <= a["published"] <= self.end]


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


# --------------------------------------------------------------------------- the product path


def detokenize(line: str) -> str:
    """A T17 sentence as a newspaper prints it: PTB brackets and quotes back, no space before
    punctuation or clitics ("Friday 's" → "Friday's")."""
    text = _PTB_TOKEN.sub(lambda m: _PTB[m.group(0)], line.strip())
    text = _SPACE_BEFORE.sub("", text)
    return _SPACE_AFTER.sub("", text)


def write_task_corpus(task: Task, path: Path) -> int:
    """The task's articles (published inside its window) as JSONL for `storyline ingest`."""
    outlet = task.topic.rsplit("_", 1)[-1] if "_" in task.topic else task.topic
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for art in task.window_articles():
            sentences = [detokenize(s) for s in art["text"].split("\n") if s.strip()]
            if not sentences:
                continue
            fh.write(json.dumps({
                "id": str(art.get("id") or ""),
                "published": art["published"].isoformat(),
                "outlet": outlet,
                "text": "\n\n".join(sentences),
            }, ensure_ascii=False) + "\n")
            n += 1
    return n


def storyline_timeline(task: Task, work: Path, workers: int = 1) -> tuple[dict, dict]:
    """What `storyline timeline` shows for the task's articles, as {day: [summaries]}."""
    from storyline.ingest.pipeline import ingest_paths
    from storyline.ingest.readers import ReadOptions
    from storyline.store import Store
    from storyline.store.cache import open_story_cache
    from storyline.story.query import top_entries
    from storyline.workflow import update_store

    slug = _SLUG.sub("_", f"{task.topic}__{task.name}__{task.start}__{task.end}")
    corpus = work / f"{slug}.jsonl"
    url = f"sqlite:///{work / (slug + '.db')}"
    written = write_task_corpus(task, corpus)
    with Store(url) as store:
        ingested = ingest_paths([str(corpus)], store, ReadOptions())
        update = update_store(store, workers)
    limit, per_day = task.n_dates * task.k, task.k
    with open_story_cache(url) as cache:
        items = cache.story_items("timeline", task.start.isoformat(), task.end.isoformat())
        entries, _cut = top_entries(items, limit, per_day)
    pred: dict[date, list[str]] = {}
    for e in entries:
        pred.setdefault(date.fromisoformat(str(e.date)[:10]), []).append(e.summary)
    info = {
        "articles": written,
        "stored": ingested.stored,
        "duplicates": ingested.duplicates,
        "extraction_failed": len(update.extraction_failures),
        "timeline_candidates": len(items),
        "command": f"storyline timeline --db {url} --since {task.start} --until {task.end} "
                   f"--limit {limit} --per-day {per_day}",
    }
    return dict(sorted(pred.items())), info


# --------------------------------------------------------------------------- the baseline


def sentences_of(task: Task, start: date, end: date, use_time: bool = True) -> list:
    """The task's sentences (articles published in [start, end]), dated where they name a day."""
    from storyline.story.timeline import Sentence, tfidf_terms

    sents: list[Sentence] = []
    for a_idx, art in enumerate(a for a in task.articles if start <= a["published"] <= end):
        lines = [ln.strip() for ln in art["text"].split("\n") if ln.strip()]
        for pos, text in enumerate(lines):
            sents.append(Sentence(text=text, article=a_idx, position=pos,
                                  published=art["published"], terms=tfidf_terms(text)))
    if use_time:
        _date_sentences(sents)
    return sents


def _date_sentences(sents: list) -> None:
    from storyline import nlp
    from storyline.temporal.expressions import find_time_expressions

    todo = [s for s in sents if _CUE.search(s.text)]
    docs = nlp.parse_many((s.text for s in todo), batch_size=64)
    for s, doc in zip(todo, docs, strict=True):
        for tx in find_time_expressions(doc, "", s.published):
            if tx.type == "DATE" and _DAY_VALUE.match(tx.value or ""):
                s.mentioned = date.fromisoformat(tx.value)
                break


def datewise_baseline(task: Task, use_time: bool = True) -> tuple[dict, dict]:
    """The DATEWISE reimplementation's timeline: at most N dates of up to k sentences."""
    from storyline.story.timeline import datewise_timeline

    sents = sentences_of(task, task.start, task.end, use_time)
    pred = datewise_timeline(sents, task.start, task.end, task.n_dates, task.k)
    info = {"articles": len({s.article for s in sents}), "sentences": len(sents),
            "dated_sentences": sum(1 for s in sents if s.mentioned)}
    return pred, info


# --------------------------------------------------------------------------- scoring


def score_timeline(pred: dict[date, list[str]], gold: dict[date, list[str]]) -> dict[str, PRF]:
    rouge = align_m1(pred, gold)
    return {"rouge_1": rouge[1], "rouge_2": rouge[2], "date_f1": date_f1(pred.keys(), gold.keys())}


def run_task(task: Task, system: str, work: Path | None = None, workers: int = 1,
             use_time: bool = True) -> dict:
    started = time.perf_counter()
    if system == "storyline":
        if work is None:
            raise ValueError("the storyline system needs a work folder for its store")
        pred, info = storyline_timeline(task, work, workers)
    elif system == "datewise":
        pred, info = datewise_baseline(task, use_time)
    else:
        raise ValueError(f"unknown system {system!r}")
    scores = score_timeline(pred, task.gold)
    return {
        "system": system, "topic": task.topic, "timeline": task.name,
        "window": [task.start.isoformat(), task.end.isoformat()],
        "gold_dates": task.n_dates, "k": task.k, "pred_dates": len(pred),
        "pred_sentences": sum(len(v) for v in pred.values()),
        "problems": task.problems, **info, **scores,
        "seconds": round(time.perf_counter() - started, 2),
    }


def cards(tasks: list[Task], systems: tuple[str, ...]) -> dict[str, BenchmarkCard]:
    topics = sorted({t.topic for t in tasks})
    subset = (f"{len(tasks)} of T17's {T17_TIMELINES} timelines ({len(topics)} topic folders: "
              f"{', '.join(topics)}); the timelines of topics not in the data folder are not "
              "scored")
    split = "all of it (T17 has no dev/test split; news-tls scores every topic)"
    rouge_rule = ("alignment-based ROUGE-1/2 'align+ m:1' (each predicted day aligned to its "
                  "cheapest gold day and vice versa, hits weighted by 1/(1+|days apart|)); "
                  "Date-F1 on exact days")
    out = {}
    if "storyline" in systems:
        out["storyline"] = BenchmarkCard(
            benchmark="Timeline17, the timeline `storyline timeline` shows (product path)",
            split=split,
            developed_on=("no: the timeline's weights (data/story.yaml) were not tuned on T17; "
                          "the default story profile's actors are out of domain"),
            subset=subset,
            matching=rouge_rule + "; budget N*k entries, at most k a day",
            anchor=("the DATEWISE reimplementation on the same timelines (baseline below); "
                    f"DATEWISE published {PUBLISHED['rouge_1']}/{PUBLISHED['rouge_2']}/"
                    f"{PUBLISHED['date_f1']} over all {T17_TIMELINES} timelines"),
        )
    if "datewise" in systems:
        out["datewise"] = BenchmarkCard(
            benchmark="Timeline17, DATEWISE reimplementation (baseline, not the product)",
            split=split,
            developed_on="yes: built and checked on these timelines (the only T17 data here)",
            subset=subset,
            matching=rouge_rule + "; at most N days of up to k sentences",
            anchor=(f"DATEWISE published (Ghalandari & Ifrim 2020) over all {T17_TIMELINES} "
                    "timelines: not the same subset"),
        )
    return out


def _prf(x: PRF) -> dict[str, float]:
    return x.rounded()


@evaluate_app.command("timeline")
def evaluate_timeline(
    data: Annotated[Path, typer.Option("--data", help="Timeline17 folder (one folder a topic).")
                    ] = Path("../shared/data/t17"),
    topic: Annotated[
        list[str] | None, typer.Option("--topic", help="Only this topic folder (repeatable).")
    ] = None,
    system: Annotated[
        list[str] | None,
        typer.Option("--system", help="storyline (the product path) and/or datewise (the "
                     "baseline); default both."),
    ] = None,
    work: Annotated[
        Path | None,
        typer.Option("--work", help="Keep each task's corpus and store here (a second run "
                     "reuses them); default a temporary folder."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1,
                                         help="Processes for the spaCy parse.")] = 1,
    no_time: Annotated[
        bool, typer.Option("--no-time", help="Baseline ablation: date sentences by publication "
                           "only.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Alignment-based ROUGE-1/2 and Date-F1 on Timeline17: the timeline storyline shows, and
    the DATEWISE reimplementation as a baseline on the same timelines."""
    systems = tuple(system or SYSTEMS)
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise fail(f"--system must be one of {', '.join(SYSTEMS)}, not {', '.join(unknown)}")
    try:
        require_eval_extra()
        tasks = load_tasks(data, topic)
    except (MissingEvalExtra, DataError, OSError) as exc:
        raise fail(str(exc)) from None
    started = time.perf_counter()
    results: dict[str, list[dict]] = {s: [] for s in systems}
    with tempfile.TemporaryDirectory(prefix="storyline-t17-") as tmp:
        folder = work or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for task in tasks:
            for s in systems:
                r = run_task(task, s, folder, workers, use_time=not no_time)
                results[s].append(r)
                if not json_out:
                    console.print(
                        f"{s}: {r['topic']}/{r['timeline']}: R1 {r['rouge_1'].f1:.3f} "
                        f"R2 {r['rouge_2'].f1:.3f} Date-F1 {r['date_f1'].f1:.3f} "
                        f"({r['articles']} articles, {r['pred_dates']}/{r['gold_dates']} days, "
                        f"{r['seconds']} s)", highlight=False)
    avg = {s: {m: average_prf([r[m] for r in rs]) for m in METRICS} for s, rs in results.items()}
    seconds = round(time.perf_counter() - started, 1)
    card = cards(tasks, systems)
    if json_out:
        console.print_json(json.dumps({
            "tasks": len(tasks),
            "seconds": seconds,
            "cards": {s: c.to_dict() for s, c in card.items()},
            "baseline_dating": "publication only" if no_time else "time expressions",
            "average": {s: {m: _prf(v) for m, v in a.items()} for s, a in avg.items()},
            "published_datewise_all_19": PUBLISHED,
            "results": {s: [{**r, **{m: _prf(r[m]) for m in METRICS}} for r in rs]
                        for s, rs in results.items()},
        }))
        return
    for s in systems:
        console.rule(s)
        print_card(console, card[s])
    table = Table("metric (F1)", *systems, f"DATEWISE published (all {T17_TIMELINES})",
                  title=f"Timeline17: {len(tasks)} timelines, {seconds} s")
    names = {"rouge_1": "ROUGE-1 align+ m:1", "rouge_2": "ROUGE-2 align+ m:1",
             "date_f1": "Date-F1"}
    for m, label in names.items():
        table.add_row(label, *(f"{avg[s][m].f1:.3f}" for s in systems), f"{PUBLISHED[m]:.3f}")
    console.print(table)
