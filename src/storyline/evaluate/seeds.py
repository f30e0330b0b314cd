"""`storyline evaluate seeds`: the five seed articles against `gold/seeds.yaml`.

The seeds go through the same path as `storyline ingest` (input expansion, decoding, repair,
readers, identity) and undated ones are dated as the store dates them (a story index over the
seeds that state their date, then `temporal.dating.estimate`); each is parsed once and run
through `extract_article`. Scored:

- metadata (title, outlet, byline, url, published): exact;
- repairs: no U+FFFD and no CJK left, the repaired strings the gold names present;
- publication window: the estimated interval contains the gold window, the best day inside it;
- time expressions (value), events (type, actors, date, modality; mode, recipients and source
  reported too), figures (kind, value, qualifier, source; date too), statements and disputes
  when the gold lists them: each gold record matched by span overlap with its quote.

The gold header says which sections are complete. Where a section is partial, an extracted
record that overlaps no gold record may still be right, so precision there is reported two
ways, both labelled: the share of extracted records overlapping a gold record (a lower bound)
and the share of matched records whose fields are right. No published figure exists for these
five articles: the project's own bars (recall ≥ 0.7, precision ≥ 0.8) are printed beside ours.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.markup import escape
from rich.table import Table

from storyline import nlp
from storyline.app import JsonOption, StoryOption, console, evaluate_app, fail, story_profile
from storyline.evaluate import seed_scoring as sc
from storyline.evaluate.metrics import BenchmarkCard, print_card
from storyline.extract.pipeline import extract_article
from storyline.ingest import sources
from storyline.ingest.metadata import Outlets
from storyline.ingest.pipeline import InputProblem, iter_file_articles
from storyline.ingest.readers import ReadOptions
from storyline.profiles.compiled import StoryResources, resources
from storyline.records import Article, Extraction
from storyline.temporal.dating import estimate
from storyline.temporal.story_index import StoryIndex

BAR = {"recall": 0.7, "precision": 0.8}
RECORD_SECTIONS = ("time_expressions", "events", "figures", "statements")
# The gold key holding each section's quote.
QUOTE_KEY = {"time_expressions": "text"}
DEFAULT_COMPLETE = {"metadata": True, "publication": True, "window": True}


@dataclass
class SeedRun:
    """One seed as stored and extracted."""

    file: str
    article: Article
    extraction: Extraction
    disputes: list[Any] = field(default_factory=list)
    record: int = 0  # the article's position in a file that holds several (JSONL line, CSV row)

    @property
    def label(self) -> str:
        """Short name in the tables: the seeds' number prefix ("000"), else file[#record]."""
        if re.match(r"\d{3}_", self.file):
            return self.file[:3]
        return self.file + (f"#{self.record}" if self.record else "")


# --------------------------------------------------------------------------- running the seeds


def read_seeds(folder: Path, outlets: Outlets | None = None) -> list[tuple[str, Article]]:
    """(file name, article) for every article in the folder, read exactly as ingest reads it
    (outlets by the story profile's `outlets`; None: the default profile's)."""
    out = []
    for item in sources.expand([str(folder)]):
        if isinstance(item, sources.MissingInput):
            raise InputProblem(f"{item.name}: {item.problem}")
        articles, _problems = iter_file_articles(item, ReadOptions(outlets=outlets))
        out += [(Path(item.name).name, a) for a in articles]
    return out


def _disputes(article: Article, extraction: Extraction, actors: Any = None) -> list[Any]:
    """Denial disputes inside one article, as the story stage would find them (sides by the
    profile's actor lexicon `actors`)."""
    if not extraction.statements:
        return []
    from storyline.story.context import ArticleInfo, Articles
    from storyline.story.disputes import denial_disputes, sentence_leads

    info = ArticleInfo(article.id, article.outlet, article.anchor_date, article.title,
                       article.url, article.id)
    leads = sentence_leads(extraction.statements, lambda _id: article.text)
    return denial_disputes(extraction.statements, Articles(by_id={article.id: info}),
                           actors=actors, leads=leads)


def run_seeds(folder: Path, record: list[Path] | None = None,
              story: StoryResources | None = None) -> list[SeedRun]:
    """Read, date (undated seeds, against the dated ones and the `record` files) and extract
    every seed with the story profile's resources (`story`; None: the default profile's)."""
    outlets = story.outlets if story is not None else None
    seeds = read_seeds(folder, outlets)
    docs = list(nlp.parse_many(a.text for _, a in seeds))
    index = StoryIndex()
    recorded = [a for path in record or [] for _, a in read_seeds(path, outlets)]
    for article in [a for _, a in seeds] + recorded:
        # the store's story index: every article that states its date
        if article.published:
            try:
                index.add(article.text, date.fromisoformat(article.published[:10]), article.id)
            except ValueError:
                continue
    runs = []
    position: dict[str, int] = {}
    for (name, article), doc in zip(seeds, docs, strict=True):
        if not article.published:
            article.published_estimate = estimate(doc, article.id, index if len(index) else None)
        extraction = extract_article(article, doc, story)
        record_no = position.get(name, 0)
        position[name] = record_no + 1
        runs.append(SeedRun(name, article, extraction,
                            _disputes(article, extraction, story.actors if story else None),
                            record_no))
    return runs


# --------------------------------------------------------------------------- scoring


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def load_gold(path: Path) -> tuple[list[dict[str, Any]], dict[str, bool]]:
    """The gold entries and the completeness of each section (from the header comment)."""
    text = path.read_text("utf-8")
    entries = yaml.safe_load(text) or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "file" in e
                                                for e in entries):
        raise ValueError(f"{path}: expected a YAML list of entries with a `file` key")
    header = "\n".join(line.lstrip("# ") for line in text.splitlines()
                       if line.startswith("#"))
    completeness = dict(DEFAULT_COMPLETE)
    completeness.update(sc.section_completeness(header))
    return entries, completeness


def _gold_items(entry: dict[str, Any], section: str, text: str) -> list[sc.GoldItem]:
    key = QUOTE_KEY.get(section, "quote")
    items = []
    for data in entry.get(section) or []:
        quote = str(data.get(key, ""))
        items.append(sc.GoldItem(data, quote, sc.find_spans(text, quote)))
    return items


def _describe(rec: Any) -> str:
    """One line for an extracted record in the tables."""
    kind = type(rec).__name__
    if kind == "Event":
        who = ", ".join(a.canonical or a.text for a in rec.actors) or "-"
        to = ", ".join(a.canonical or a.text for a in rec.recipients)
        when = rec.date_earliest if rec.date_earliest == rec.date_latest else (
            f"{rec.date_earliest}/{rec.date_latest}" if rec.date_earliest else "-")
        return (f"{rec.type}/{rec.mode or '-'} {who}" + (f" → {to}" if to else "")
                + f" {when} {rec.modality}" + (f" ({rec.source})" if rec.source else ""))
    if kind == "Figure":
        return (f"{rec.kind} {rec.qualifier} {rec.value if rec.value is not None else rec.low}"
                + (f" ({rec.source})" if rec.source else ""))
    if kind == "TimeExpression":
        return f"{rec.type} {rec.value}"
    if kind == "Statement":
        return f"{rec.speaker} {rec.cue} [{rec.stance}]"
    return kind


def _describe_gold(data: dict[str, Any], section: str) -> str:
    keys = {"events": ("type", "mode", "actor", "recipient", "date", "modality", "source"),
            "figures": ("kind", "qualifier", "value", "date", "source"),
            "time_expressions": ("value",), "statements": ("speaker", "stance")}[section]
    return " ".join(f"{k}={data[k]}" for k in keys if data.get(k) is not None)


def score(runs: list[SeedRun], entries: list[dict[str, Any]],
          completeness: dict[str, bool], lexicon: Any = None) -> dict[str, Any]:
    """Every score of the seeds against the gold, as one JSON-ready dict (`lexicon`: the story
    profile's actor lexicon, through which an actor counts as the state it acts for)."""
    fields = {**sc.FIELDS, "events": sc.event_fields(lexicon)}
    # a gold entry names its article by file and, in a file of several, `record` (0-based)
    by_file = {(r.file, r.record): r for r in runs}
    seeds: list[dict[str, Any]] = []
    tallies = {s: sc.Tally() for s in RECORD_SECTIONS}
    scope: dict[str, list[str]] = {s: [] for s in RECORD_SECTIONS}
    misses: list[dict[str, Any]] = []
    unlisted: list[dict[str, Any]] = []
    disputes = {"gold": 0, "found": 0}
    for entry in entries:
        run = by_file.get((entry["file"], int(entry.get("record") or 0)))
        if run is None:
            seeds.append({"file": entry["file"], "label": entry["file"][:3], "missing": True})
            continue
        art, text = run.article, run.article.text
        row: dict[str, Any] = {"file": run.file, "label": run.label, "id": art.id}
        gold_meta = {k: _iso(v) for k, v in (entry.get("metadata") or {}).items()}
        row["metadata"] = sc.metadata_checks(gold_meta, art)
        row["repairs"] = sc.repair_checks(text, entry.get("repairs") or [])
        row["repairs"]["applied"] = [r.name for r in art.repairs]
        if entry.get("published_estimate"):
            window = {k: _iso(v) for k, v in entry["published_estimate"].items()}
            row["window"] = {"gold": f"{window['earliest']}/{window['latest']} best "
                             f"{window['best']}", **sc.window_check(window, art.published_estimate)}
        for section in RECORD_SECTIONS:
            gold = _gold_items(entry, section, text)
            records = getattr(run.extraction, section)
            complete = sc.is_complete(section, completeness)
            if not gold and not complete:
                continue  # a partial section the gold does not list for this seed
            scope[section].append(run.label)
            matches, rest = sc.match_records(gold, records, fields[section],
                                             sc.STRICT[section])
            tallies[section].add(matches, records, gold, sc.STRICT[section])
            for m in matches:
                if m.correct(sc.STRICT[section]):
                    continue
                wrong = [k for k, ok in m.fields.items() if not ok]
                misses.append({
                    "seed": run.label, "section": section, "quote": m.gold.quote,
                    "gold": _describe_gold(m.gold.data, section),
                    "ours": _describe(m.record) if m.record is not None else
                    ("quote not in text" if not m.gold.spans else "not found"),
                    "wrong_fields": wrong,
                })
            for rec in rest:
                if sc.overlaps_any(rec, gold):
                    continue
                unlisted.append({"seed": run.label, "section": section, "quote": rec.quote,
                                 "ours": _describe(rec), "gold_complete": complete})
        found = []
        for d in entry.get("disputes") or []:
            disputes["gold"] += 1
            hit = sc.match_dispute(d, text, run.disputes)
            disputes["found"] += hit is not None
            found.append({"claim": d.get("claim"), "found": hit is not None})
            if hit is None:
                misses.append({"seed": run.label, "section": "disputes",
                               "quote": d.get("claim", ""), "gold": f"countered by "
                               f"{d.get('by_counter')}: {d.get('counter')}",
                               "ours": "not found", "wrong_fields": []})
        if found:
            row["disputes"] = found
        row["extracted"] = {s: len(getattr(run.extraction, s)) for s in RECORD_SECTIONS}
        seeds.append(row)
    records = {}
    for section, tally in tallies.items():
        result = tally.scores(sc.is_complete(section, completeness))
        result["scope"] = scope[section]
        records[section] = result
    return {
        "seeds": seeds,
        "records": records,
        "disputes": {**disputes, "recall": disputes["found"] / disputes["gold"]
                     if disputes["gold"] else None},
        "metadata_agreement": _metadata_rate(seeds),
        "windows": [s["window"] | {"file": s["file"]} for s in seeds if "window" in s],
        "misses": misses,
        "unlisted": unlisted,
        "completeness": completeness,
        "bar": BAR,
        "anchor": "none published for these five articles; the project's bars are shown",
    }


def gold_card(gold: Path, entries: list[dict[str, Any]], runs: list[SeedRun]) -> BenchmarkCard:
    """What the gold file says about itself (`# split:` and `# rules developed on it:` header
    lines); the seeds' gold is the development set."""
    header = {}
    for line in gold.read_text("utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("# ").partition(":")
        if sep and key.strip().lower() in ("split", "rules developed on it"):
            header[key.strip().lower()] = value.strip()
    seeds = gold.name == "seeds.yaml"
    return BenchmarkCard(
        benchmark=f"articles against their gold ({gold})",
        split=header.get("split") or ("dev: the five articles the project started from"
                                      if seeds else "not stated in the gold's header"),
        developed_on=header.get("rules developed on it") or (
            "yes: the rules were developed on the seeds" if seeds else "not stated"),
        subset=f"{len(entries)} gold entries, {len(runs)} articles read",
        matching=("a gold record matches the extracted record whose span overlaps its quote "
                  "(most agreeing fields, then most overlap); correct when the strict fields "
                  "agree (events: type, actors, date, modality; figures: kind, value, "
                  "qualifier, source; statements: speaker, stance; time: value); an extracted "
                  "actor also answers to the state or body it acts for (a person's affiliation, "
                  "a ministry's parent in the profile); a gold date that is a month or a year "
                  "is every day in it"),
        anchor="none published; the project's bars",
    )


def _metadata_rate(seeds: list[dict[str, Any]]) -> dict[str, Any]:
    checks = [c for s in seeds for c in s.get("metadata", {}).values()]
    return {"agree": sum(c["ok"] for c in checks), "compared": len(checks)}


# --------------------------------------------------------------------------- output


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _mark(ok: bool) -> str:
    return "[green]✓[/]" if ok else "[red]✗[/]"


def print_report(result: dict[str, Any], verbose: bool) -> None:
    if result.get("card"):
        print_card(console, BenchmarkCard(**result["card"]))
    meta = Table(title="Seeds: metadata (exact), repairs, publication window")
    for col in ("seed", "title", "outlet", "byline", "url", "published", "repairs", "window"):
        meta.add_column(col)
    for s in result["seeds"]:
        if s.get("missing"):
            meta.add_row(s["label"], "[red]seed file missing[/]")
            continue
        cells = []
        for name in sc.METADATA_FIELDS:
            c = s["metadata"].get(name)
            cells.append("" if c is None else _mark(c["ok"]) + ("" if c["ok"] else
                         escape(f" {c['ours']!r}≠{c['gold']!r}"[:60])))
        rep = s["repairs"]
        rep_cell = _mark(rep["ok"]) + escape(
            "" if rep["ok"] else f" FFFD={rep['replacement_chars']} CJK={rep['cjk_chars']} "
            f"missing={rep['missing']} broken={rep['still_broken']}")
        w = s.get("window")
        win = "" if w is None else (
            "[red]no estimate[/]" if not w["estimated"] else
            f"{_mark(w['contains'])} {w['earliest']}/{w['latest']} "
            f"{_mark(w['best_inside'])} best {w['best']} (gold {w['gold']})")
        meta.add_row(s["label"], *cells, rep_cell, win)
    console.print(meta)
    m = result["metadata_agreement"]
    console.print(f"Metadata fields exact: {m['agree']}/{m['compared']}.")

    table = Table(title="Records matched by span overlap with the gold quotes")
    for col in ("records", "gold", "extracted", "matched", "recall (span)",
                "recall (fields)", "precision", "bar R / P", "scope (seeds)"):
        table.add_column(col, justify="left" if col in ("records", "scope (seeds)") else "right")
    for section, r in result["records"].items():
        if r["gold_complete"]:
            prec = _f(r["precision"])
        else:
            prec = (f"≥{_f(r['precision_overlap_lower_bound'])} overlap\n"
                    f"{_f(r['precision_of_matched'])} of matched")
        table.add_row(section.replace("_", " "), str(r["gold"]), str(r["extracted"]),
                      str(r["matched"]), _f(r["recall_span"]), _f(r["recall"]), prec,
                      f"{BAR['recall']} / {BAR['precision']}",
                      ", ".join(r["scope"]) or "no gold")
    d = result["disputes"]
    table.add_row("disputes", str(d["gold"]), "", str(d["found"]), _f(d["recall"]), "", "",
                  "", "")
    console.print(table)
    partial = [s for s, r in result["records"].items() if not r["gold_complete"] and r["gold"]]
    if partial:
        console.print(
            f"The gold lists only some {', '.join(p.replace('_', ' ') for p in partial)} "
            "(partial): an extracted record that overlaps no gold record may be right but "
            "unlisted, so precision there is shown as a lower bound (share of extracted records "
            "overlapping a gold record, in the seeds whose gold lists that section) and as the "
            "share of matched records whose scored fields all agree. Recall (fields) counts gold "
            "records matched with every scored field right (events: type, actors, date, "
            "modality; figures: kind, value, qualifier, source; time: value); fields the gold "
            "does not state are not scored.", highlight=False)

    fields = Table(title="Field agreement on matched records")
    for col in ("records", "field", "agree", "rate"):
        fields.add_column(col, justify="right" if col in ("agree", "rate") else "left")
    for section, r in result["records"].items():
        for name, f in r["field_agreement"].items():
            strict = "" if name in sc.STRICT[section] else " (reported)"
            fields.add_row(section.replace("_", " "), name + strict,
                           f"{f['agree']}/{f['compared']}", f"{f['rate']:.3f}")
    console.print(fields)
    if verbose:
        _print_misses(result)
    else:
        console.print(f"{len(result['misses'])} misses, {len(result['unlisted'])} extracted "
                      "records not in the gold: --verbose lists them.")
    console.print(f"Anchor: {result['anchor']}.")


def _print_misses(result: dict[str, Any]) -> None:
    misses = Table(title="Gold records missed or with wrong fields", show_lines=True)
    for col in ("seed", "records", "gold quote", "gold", "ours", "wrong"):
        misses.add_column(col, overflow="fold")
    for m in result["misses"]:
        misses.add_row(m["seed"], m["section"], escape(m["quote"]), escape(m["gold"]),
                       escape(m["ours"]), ", ".join(m["wrong_fields"]))
    console.print(misses)
    extra = Table(title="Extracted records overlapping no gold record (false positives where "
                  "the gold is complete; unlisted, possibly right, where it is partial)",
                  show_lines=True)
    for col in ("seed", "records", "gold", "quote", "ours"):
        extra.add_column(col, overflow="fold")
    for u in result["unlisted"]:
        extra.add_row(u["seed"], u["section"], "complete" if u["gold_complete"] else "partial",
                      escape(u["quote"]), escape(u["ours"]))
    console.print(extra)


@evaluate_app.command("seeds")
def seeds_command(
    seeds: Annotated[Path, typer.Option("--seeds", help="Folder of seed articles.")] = Path(
        "../shared/seeds"),
    gold: Annotated[Path, typer.Option("--gold", help="Gold for the seeds (YAML).")] = Path(
        "../shared/gold/seeds.yaml"),
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="List misses and unlisted records.")] = False,
    record: Annotated[list[Path] | None, typer.Option(
        "--record", help="Dated articles (any input format) ingested beside the seeds as the "
        "story's record for dating the undated ones, e.g. the JSONL files of ../shared/data/news.")] = None,
    as_json: JsonOption = False,
    story: StoryOption = None,
) -> None:
    """Seed articles against their gold: metadata, repairs, dating, time, events, figures
    (extracted with the story profile `--story` names)."""
    profile = story_profile(story)
    if not seeds.is_dir():
        raise fail(f"--seeds: no such folder: {seeds}")
    try:
        entries, completeness = load_gold(gold)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise fail(f"--gold: cannot read {gold}: {exc}") from None
    try:
        compiled = resources(profile)
        runs = run_seeds(seeds, record, compiled)
    except InputProblem as exc:
        raise fail(str(exc)) from None
    if not runs:
        raise fail(f"{seeds}: no seed articles")
    result = score(runs, entries, completeness, compiled.actors)
    result["card"] = gold_card(gold, entries, runs).to_dict()
    if as_json:
        console.print_json(json.dumps(result, default=str))
        return
    print_report(result, verbose)
