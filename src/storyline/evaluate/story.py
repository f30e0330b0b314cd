"""`storyline evaluate story`: build a story from a corpus and score it against the truth.

The story is built through the product path: the corpus is ingested (`storyline ingest`: read,
repair, store, date, extract, build) into a temporary store, or into the `--db` store when that
one is empty; a `--db` store that already holds articles is brought up to date instead (the
undated re-dated, articles extracted by an older extractor re-extracted, the story rebuilt), or
scored as cached with `--cached`. It is then scored (`evaluate.story_score`) against
`gold/negotiation.yaml` (truce days, status changes, milestones) over the corpus's period, the
first to the last publication day. The seeds check ingests ../shared/seeds alone into a
temporary store (the corpus is not its context) and looks for each seed's negotiation
content in that story's record (`seeds_negotiation.yaml`). Figures against ../shared/data/truth
are scored by `evaluate.figure_truth`.

Split: the corpus of ../shared/data/news (one broadcaster's articles) is the development set;
the state rules and the record were developed on it. Scores on it are not evidence of
generalisation.
"""

from __future__ import annotations

import json
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.markup import escape
from rich.table import Table

from storyline.app import JsonOption, console, err_console, evaluate_app, fail
from storyline.evaluate import story_score as ss
from storyline.evaluate.truth import NegotiationTruth, load_negotiation

DEFAULT_CORPUS = Path("../shared/data/news")
BARS = {
    "truce_f1": 0.9,
    "false_truce_days": 0,
    "status_change_ratio": 2.0,
    "milestones_record": 0.8,
    "milestones_top50": 0.6,
}
SEED_EXPECTATIONS = Path(__file__).with_name("seeds_negotiation.yaml")


# --------------------------------------------------------------------------- building


def _ingest(store, paths: list[str], workers: int, quiet: bool) -> dict[str, Any]:  # noqa: ANN001
    """`storyline ingest PATHS` into the store: the product path, with its progress bars."""
    from storyline.commands.progress import progress_bar
    from storyline.ingest import pipeline
    from storyline.workflow import update_store

    items = pipeline.count_inputs(paths)
    with progress_bar(quiet) as progress:
        task = progress.add_task("ingesting", total=len(items))
        summary = pipeline.ingest_paths(
            paths, store, on_file=lambda _n: progress.advance(task), files=items,
            on_problem=lambda line: err_console.print(f"[yellow]skipped[/] {escape(line)}"),
        )
        update = update_store(store, workers, stage=_stage(progress))
    return summary.to_dict() | update.to_dict()


def _stage(progress):  # noqa: ANN001, ANN202 - a Rich Progress; returns the workflow's hook
    def stage(description: str, total: int):  # noqa: ANN202
        task = progress.add_task(description, total=total)
        return lambda _id: progress.advance(task)
    return stage


def _refresh(store, workers: int, quiet: bool) -> dict[str, Any]:  # noqa: ANN001
    from storyline.commands.progress import progress_bar
    from storyline.workflow import update_store

    with progress_bar(quiet) as progress:
        return update_store(store, workers, stage=_stage(progress)).to_dict()


def _corpus_period(store) -> tuple[str, str, int, list[str]]:  # noqa: ANN001
    """First and last publication day, the number of articles and the files they came from."""
    rows = store.list_articles()
    dates = sorted((r.published or "")[:10] or r.estimate_best for r in rows
                   if r.published or r.estimate_best)
    if not dates:
        raise fail("the store holds no dated article: no period to score")
    files = sorted({(r.source or "").split("#")[0] for r in rows})
    return dates[0], dates[-1], len(rows), files


# --------------------------------------------------------------------------- scoring


def score_story(story, truth: NegotiationTruth, first: str, last: str) -> dict[str, Any]:  # noqa: ANN001
    """Every figure of the story against the truth over [first, last] (a cached `Story`)."""
    clusters = {c.id: c for c in story.clusters}
    has_record = bool(story.negotiation)
    levels = {
        "top20": ss.timeline_candidates(story.timeline, clusters, 20),
        "top50": ss.timeline_candidates(story.timeline, clusters, 50),
        "record": ss.record_candidates(story.negotiation, clusters) if has_record else None,
        "clusters": ss.cluster_candidates(story.clusters),
    }
    return {
        "period": {"first": first, "last": last},
        "truce_days": ss.score_truce_days(story.state, truth, first, last),
        "status_changes": ss.score_status_changes(story.state, truth, first, last),
        "milestones": ss.score_milestones(truth.milestones_in(first, last), levels,
                                          truth.tolerance_days),
        "record_items": len(story.negotiation),
    }


def score_figures(story, truth_dir: Path) -> dict[str, Any]:  # noqa: ANN001 - a Story
    """The story's figure series against ../shared/data/truth (`evaluate.figure_truth`)."""
    from storyline.evaluate.figure_truth import score_figure_truth

    try:
        scored = score_figure_truth(story.series, truth_dir=truth_dir)
    except ValueError as exc:  # a truth file missing or unreadable: say so, score the rest
        return {"status": "unavailable", "reason": str(exc)}
    return {"status": "scored", **scored.to_dict(), "rows": scored.table(),
            "worst": scored.worst()}


def run_seeds(seeds: Path, workers: int, quiet: bool) -> dict[str, Any]:
    """Ingest the seeds alone into a temporary store and check their record."""
    from storyline.evaluate.seeds import read_seeds
    from storyline.store import Store
    from storyline.story.cache import load_story

    expectations = yaml.safe_load(SEED_EXPECTATIONS.read_text("utf-8")) or []
    ids = {name: a.id for name, a in read_seeds(seeds)}
    with tempfile.TemporaryDirectory(prefix="storyline-seeds-") as tmp:
        with Store(f"sqlite:///{tmp}/seeds.db") as store:
            _ingest(store, [str(seeds)], workers, quiet)
            story = load_story(store)
    checks = ss.check_seeds(expectations, ids, story.negotiation, story.disputes)
    return {"context": "alone (the seeds only, without the corpus)",
            "record_items": len(story.negotiation), "seeds": checks,
            "met": sum(c["met"] for c in checks), "of": len(checks)}


# --------------------------------------------------------------------------- output


def _fmt(value: float | None, pattern: str = "{:.3f}") -> str:
    return "–" if value is None else pattern.format(value)


def _mark(ok: bool | None) -> str:
    return "–" if ok is None else ("[green]yes[/]" if ok else "[red]no[/]")


def bars_met(result: dict[str, Any]) -> dict[str, bool | None]:
    t, s, m = result["truce_days"], result["status_changes"], result["milestones"]["recall"]
    ratio = s["ratio"]
    seeds = result.get("seeds")
    return {
        "truce_f1": t["f1"] >= BARS["truce_f1"],
        "false_truce_days": len(t["false_days"]) <= BARS["false_truce_days"],
        "status_change_ratio": None if ratio is None else (
            1 / BARS["status_change_ratio"] <= ratio <= BARS["status_change_ratio"]),
        "milestones_record": None if m["record"] is None else
        m["record"] >= BARS["milestones_record"],
        "milestones_top50": m["top50"] >= BARS["milestones_top50"],
        "seeds": None if not seeds else seeds["met"] == seeds["of"],
    }


def print_result(result: dict[str, Any], verbose: bool) -> None:
    t, s, m = result["truce_days"], result["status_changes"], result["milestones"]
    ok = bars_met(result)
    per = result["period"]
    console.print(
        f"[bold]corpus[/] {escape(', '.join(result['corpus']))}: {result['articles']} articles, "
        f"{per['first']} to {per['last']} ({s['days']} days)\n[bold]split[/] "
        f"{escape(result['split'])}", highlight=False)
    table = Table(title="story against the truth (gold/negotiation.yaml)")
    for col in ("figure", "storyline", "truth", "bar", "met"):
        table.add_column(col, justify="left" if col == "figure" else "right")
    table.add_row("truce days: precision", _fmt(t["precision"]),
                  f"{t['truth_days']} days", "", "")
    table.add_row("truce days: recall", _fmt(t["recall"]), "", "", "")
    table.add_row("truce days: F1", _fmt(t["f1"]), "", "≥ 0.9", _mark(ok["truce_f1"]))
    table.add_row("false truce days", str(len(t["false_days"])), "0", "0",
                  _mark(ok["false_truce_days"]))
    table.add_row("status changes per 30 days", f"{s['per_30_days']:.2f} ({s['changes']})",
                  f"{s['truth_per_30_days']:.2f} ({s['truth_changes']})", "within 2×",
                  _mark(ok["status_change_ratio"]))
    n = m["milestones"]
    for level, label, bar, key in (
        ("top20", "milestones in timeline top 20", "", None),
        ("top50", "milestones in timeline top 50", "≥ 0.6", "milestones_top50"),
        ("record", "milestones in the negotiation record", "≥ 0.8", "milestones_record"),
        ("clusters", "milestones among all events (diagnostic)", "", None),
    ):
        r, f = m["recall"][level], m["found"][level]
        shown = "no record" if r is None else f"{r:.3f} ({f}/{n})"
        table.add_row(label, shown, f"{n} in period", bar, _mark(ok[key]) if key else "")
    fig = result.get("figures") or {}
    if fig.get("status") == "scored":
        for row in fig.get("rows", []):
            table.add_row(escape(row["figure"]), escape(str(row["storyline"])),
                          escape(str(row.get("truth", ""))), escape(str(row.get("bar", ""))),
                          _mark(row.get("met")))
    else:
        table.add_row("figures against data/truth", escape(str(fig.get("status", "pending"))),
                      escape(str(fig.get("reason", ""))), "", "")
    seeds = result.get("seeds")
    if seeds:
        table.add_row("seeds: negotiation content in the record", f"{seeds['met']}/{seeds['of']}",
                      "", "all", _mark(ok["seeds"]))
    console.print(table)

    if fig.get("status") == "scored" and fig.get("worst"):
        wt = Table("series", "date", "value", "truth", "off", "source", "quote", "where",
                   title="worst figure points against data/truth (read each in its article)")
        for w in fig["worst"]:
            wt.add_row(escape(w["entry"]), w["date"], escape(w["value"]),
                       _fmt(w["truth"], "{:,.0f}"), _fmt(w["error"], "{:.0%}"),
                       escape(w["source_actor"] or w["source"] or "unattributed"),
                       escape(w["quote"][:80]), f"{w['article_id'][:12]}:{w['start']}-{w['end']}")
        console.print(wt)
    if t["false_days"]:
        ft = Table("false truce day", "evidence", title="days the story calls a truce that were not")
        for d in t["false_days"]:
            ft.add_row(d["date"], escape(d["evidence"]))
        console.print(ft)
    mt = Table("date", "kind", "milestone", "top 50", "record", "matched entry",
               title=f"milestones in the period (±{result['tolerance_days']} day)")
    for row in m["rows"]:
        ms = row["milestone"]
        hit = row["record"] or row["top50"] or (row["clusters"] if verbose else None)
        where = escape(hit["where"][:120]) if hit else "[red]missed[/]"
        mt.add_row(ms["date"], ms["kind"], escape(ms["summary"][:70]),
                   _mark(bool(row["top50"])),
                   "–" if m["recall"]["record"] is None else _mark(bool(row["record"])), where)
    console.print(mt)
    if seeds:
        st = Table("seed", "what", "met", "by", title=f"seeds, {seeds['context']}")
        for sd in seeds["seeds"]:
            by = "; ".join(
                escape(_expectation(c["expect"])) + " → " + ("ok" if c["met"] else "[red]missing[/]")
                for c in sd["checks"] if verbose or not c["met"])
            st.add_row(sd["file"][:12], escape(sd["what"]), _mark(sd["met"]), by)
        console.print(st)
    if verbose:
        ch = Table("date", "from", "to", title="status changes of the truth (derived)")
        for c in s["truth_change_days"]:
            ch.add_row(c["date"], c["from"], c["to"])
        console.print(ch)


def _expectation(want: dict[str, Any]) -> str:
    return ", ".join(f"{k} {'/'.join(v) if isinstance(v, list) else v}" for k, v in want.items())


# --------------------------------------------------------------------------- the command


@evaluate_app.command("story")
def story_command(
    corpus: Annotated[list[Path] | None, typer.Option(
        "--corpus", help="Articles to build the story from, any input format (repeatable; "
        "default ../shared/data/news).")] = None,
    db: Annotated[str | None, typer.Option(
        "--db", help="Store to use: an empty one is filled from the corpus (and kept); one "
        "with articles is brought up to date and scored (the corpus is not read).")] = None,
    cached: Annotated[bool, typer.Option(
        "--cached", help="With --db: score the story as cached, without updating it.")] = False,
    gold: Annotated[Path, typer.Option("--gold", help="Negotiation truth (YAML).")] = Path(
        "../shared/gold/negotiation.yaml"),
    truth_dir: Annotated[Path, typer.Option("--truth", help="Folder of figure truth files.")] = Path(
        "../shared/data/truth"),
    seeds: Annotated[Path | None, typer.Option(
        "--seeds", help="Seed folder for the seeds check (default ../shared/seeds).")] = None,
    no_seeds: Annotated[bool, typer.Option("--no-seeds", help="Skip the seeds check.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1,
                                         help="Processes for the spaCy parse.")] = 2,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Every match, the truth's "
                                          "status changes and the seeds' checks.")] = False,
    as_json: JsonOption = False,
) -> None:
    """The built story against the truth: truce days, status changes, milestones, seeds."""
    from storyline.store import Store
    from storyline.story.cache import has_story, load_story

    try:
        truth = load_negotiation(gold)
    except ValueError as exc:
        raise fail(f"--gold: {exc}") from None
    paths = [str(p) for p in (corpus or [DEFAULT_CORPUS])]
    for p in paths:
        if not Path(p).exists():
            raise fail(f"--corpus: no such file or folder: {p}")
    seeds = seeds or Path("../shared/seeds")
    if not no_seeds and not seeds.is_dir():
        raise fail(f"--seeds: no such folder: {seeds} (or pass --no-seeds)")
    started = time.perf_counter()
    build: dict[str, Any] = {}
    with ExitStack() as stack:
        if db is None:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="storyline-eval-"))
            db = f"sqlite:///{tmp}/story.db"
        try:
            store = stack.enter_context(Store(db))
        except Exception as exc:  # noqa: BLE001 - a bad URL or file is the user's
            raise fail(f"cannot open the store: {exc}") from None
        reused = store.count_articles() > 0
        if not reused:
            build = _ingest(store, paths, workers, as_json)
        elif not cached:
            build = _refresh(store, workers, as_json)
        elif not has_story(store):
            raise fail("--cached: the store holds no built story (drop --cached)")
        first, last, n_articles, files = _corpus_period(store)
        story = load_story(store)
        result = score_story(story, truth, first, last)
        result["figures"] = score_figures(story, truth_dir)
    result |= {
        "corpus": files if len(files) <= 4 else files[:3] + [f"… {len(files)} files"],
        "store": "reused" + (" as cached" if cached else ", updated") if reused else "built",
        "articles": n_articles,
        "split": _split(files),
        "tolerance_days": truth.tolerance_days,
        "build": build,
    }
    if not no_seeds:
        result["seeds"] = run_seeds(seeds, 1, as_json)
    result["bars"] = BARS
    result["met"] = bars_met(result)
    result["seconds"] = round(time.perf_counter() - started, 1)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print_result(result, verbose)


def _split(files: list[str]) -> str:
    dev = DEFAULT_CORPUS.resolve()
    if files and all(Path(f).resolve().is_relative_to(dev) for f in files):
        return ("development set (../shared/data/news; the state rules and the negotiation record "
                "were developed on it)")
    return ("as given: the corpus of ../shared/data/news is the development set (rules "
            "developed on it); any other corpus is unseen only if no one tuned on it")
