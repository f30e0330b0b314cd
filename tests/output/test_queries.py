"""Every query command's output on a small store built from records (sample.py): tables, the
four formats, filters, limits that say they cut, dates and limits validated, article
references, missing stores; and the writing commands' summaries (build, extract, ingest)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.extract.version import EXTRACTION_VERSION
from storyline.records import Article
from storyline.store import Store

from .sample import ARTICLES, build_store, extractions

QUERIES = ["timeline", "figures", "disputes", "state", "actors", "articles"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    store = build_store(tmp_path_factory.mktemp("queries") / "story.db")
    store.close()
    return store.url


def run(*args: str, input: str | None = None):
    # a runner per call: stdout and stderr kept apart, to check notes go to stderr
    return CliRunner().invoke(app, list(args), input=input)


def ok(*args: str):
    result = run(*args)
    assert result.exit_code == 0, (args, result.output)
    return result


# --------------------------------------------------------------------------- each command


def test_timeline_table_and_json(db):
    table = ok("timeline", "--db", db).stdout
    assert "2024-03-04" in table and "RETREAT/release" in table
    assert "Wire One" in table and "events" in table.splitlines()[0]
    rows = json.loads(ok("timeline", "--db", db, "--json").stdout)
    assert rows and {"date", "summary", "cluster_id", "sources"} <= set(rows[0])
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    only = json.loads(ok("timeline", "--db", db, "-f", "json", "-t", "consult").stdout)
    assert [r["type"] for r in only] == ["CONSULT"]
    assert json.loads(ok("timeline", "--db", db, "--json", "--outlet", "nowhere").stdout) == []
    late = json.loads(ok("timeline", "--db", db, "--json", "--since", "2024-03-06").stdout)
    assert late and all(r["date"] >= "2024-03-06" for r in late)


def test_timeline_limit_says_it_cut(db):
    everything = json.loads(ok("timeline", "--db", db, "--json", "-n", "0").stdout)
    assert len(everything) > 1
    cut = run("timeline", "--db", db, "--json", "-n", "1")
    assert cut.exit_code == 0 and len(json.loads(cut.stdout)) == 1
    assert f"note: 1 of {len(everything)} events (--limit 0 for all)" in cut.stderr
    table = ok("timeline", "--db", db, "-n", "1").stdout
    assert f"1 of {len(everything)} events" in table
    assert "note:" not in run("timeline", "--db", db, "--json").stderr


def test_figures_series_and_points(db):
    series = json.loads(ok("figures", "--db", db, "--json").stdout)
    assert [s["kind"] for s in series] == ["hostages_held"]
    assert len(series[0]["points"]) == 2 and series[0]["disagreements"]
    table = ok("figures", "--db", db).stdout
    assert "hostages_held" in table and "1 series" in table
    points = list(csv.reader(io.StringIO(ok("figures", "--db", db, "--points", "-f",
                                            "csv").stdout)))
    assert points[0][:4] == ["kind", "subject", "date", "value"]
    assert {r[3] for r in points[1:]} == {"more than 200", "135"}
    # --source is who gives the figure, --outlet the article's outlet: not the same filter
    by_army = json.loads(ok("figures", "--db", db, "--json", "--source", "army").stdout)
    assert [p["source"] for p in by_army[0]["points"]] == ["The army"]
    assert json.loads(ok("figures", "--db", db, "--json", "--outlet", "army").stdout) == []
    by_outlet = json.loads(ok("figures", "--db", db, "--json", "--outlet", "daily").stdout)
    assert [p["outlet"] for p in by_outlet[0]["points"]] == ["Daily Two"]
    assert json.loads(ok("figures", "--db", db, "--json", "-k", "killed").stdout) == []


def test_disputes_sides_and_kind(db):
    found = json.loads(ok("disputes", "--db", db, "--json").stdout)
    assert {d["kind"] for d in found} == {"denial", "figures"}
    tsv = ok("disputes", "--db", db, "-f", "tsv", "--dispute-kind", "denial").stdout
    header, *rows = tsv.strip().split("\n")
    assert header.split("\t")[:4] == ["date", "kind", "topic", "a_who"]
    assert len(rows) == 1 and "Group A denied the assertion." in rows[0]
    assert all(len(r.split("\t")) == len(header.split("\t")) for r in rows)
    bad = run("disputes", "--db", db, "--dispute-kind", "rumour")
    assert bad.exit_code == 2 and "'rumour' is not one of denial, figures, event" in bad.stderr


def test_state_days_and_changes(db):
    days = json.loads(ok("state", "--db", db, "--json").stdout)
    changes = json.loads(ok("state", "--db", db, "--json", "--changes").stdout)
    assert len(days) >= len(changes) >= 2 and all(d["changed"] for d in changes)
    table = ok("state", "--db", db, "--changes").stdout
    assert "agreement reached" in table or "truce in effect" in table
    assert "day" in table.splitlines()[0]


def test_actors_counts(db):
    rows = json.loads(ok("actors", "--db", db, "--json").stdout)
    group_a = next(r for r in rows if r["actor"] == "Group A")
    assert group_a["events"] >= 2 and group_a["as_recipient"] >= 1
    only = json.loads(ok("actors", "--db", db, "--json", "-a", "mediator").stdout)
    assert [r["actor"] for r in only] == ["Mediator Q"]


def test_articles_listing_and_formats(db):
    rows = json.loads(ok("articles", "--db", db, "--json").stdout)
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]
    tsv = ok("articles", "--db", db, "-f", "tsv").stdout.splitlines()
    assert tsv[0].split("\t") == ["id", "date", "outlet", "title", "source", "flags"]
    assert len(tsv) == 4
    assert [r["id"] for r in json.loads(ok("articles", "--db", db, "--json", "--outlet",
                                           "daily").stdout)] == ["a2"]
    since = json.loads(ok("articles", "--db", db, "--json", "--since", "2024-03-05").stdout)
    assert [r["id"] for r in since] == ["a2", "a3"]
    cut = run("articles", "--db", db, "--json", "--limit", "2")
    assert len(json.loads(cut.stdout)) == 2 and "note: 2 of 3 articles" in cut.stderr


def test_csv_neutralises_formulas_and_tsv_keeps_rows_whole(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    store.add_article(Article(id="f1", text="A text.\tWith a tab.", source="/c/f1.txt",
                              format="text", title="=HYPERLINK(\"http://x\")\tand\nmore",
                              outlet="@outlet", published="2024-01-01"))
    store.close()
    rows = list(csv.reader(io.StringIO(ok("articles", "--db", store.url, "-f", "csv").stdout)))
    assert rows[1][2] == "'@outlet" and rows[1][3].startswith("'=HYPERLINK")
    tsv = ok("articles", "--db", store.url, "-f", "tsv").stdout.splitlines()
    assert len(tsv) == 2 and "=HYPERLINK(\"http://x\")\\tand\\nmore" in tsv[1]


def test_piped_table_is_full_width(db):
    text = ok("timeline", "--db", db).stdout
    entries = json.loads(ok("timeline", "--db", db, "--json").stdout)
    lines = text.splitlines()
    # one row a line, nothing cut to 80 columns: each whole summary on its date's line
    for e in entries:
        summary = " ".join(e["summary"].split())
        assert any(e["date"] in line and summary in line for line in lines), summary
    assert max(map(len, lines)) > 80 and "…" not in text


def test_build_summary_formats(tmp_path):
    store = build_store(tmp_path / "b.db")
    store.close()
    table = ok("build", "--db", store.url).stdout
    assert "story built" in table and "clusters" in table
    summary = json.loads(ok("build", "--db", store.url, "--json").stdout)
    assert summary["articles"] == 3 and summary["clusters"] >= 5
    kv = ok("build", "--db", store.url, "-f", "tsv").stdout.splitlines()
    assert kv[0] == "key\tvalue" and any(line.startswith("articles\t3") for line in kv)
    assert ok("build", "--db", store.url, "-q").stdout == ""


def _extracted_store(path: Path) -> str:
    """The sample articles, every one extracted at the current version and default profile."""
    from storyline.profiles import packaged_profile

    store = Store(f"sqlite:///{path}")
    for aid, (outlet, day, title, text) in ARTICLES.items():
        store.add_article(Article(id=aid, text=text, source=f"/corpus/{aid}.txt", format="text",
                                  title=title, outlet=outlet, published=day, language="en"))
    for ex in extractions():
        store.save_extraction(ex, EXTRACTION_VERSION, packaged_profile().hash)
    store.close()
    return store.url


def test_extract_with_nothing_to_do(tmp_path):
    url = _extracted_store(tmp_path / "e.db")
    summary = json.loads(ok("extract", "--db", url, "--json").stdout)
    assert summary["extracted"] == 0 and summary["extraction_failed"] == 0
    # nothing was extracted, but no story was built yet: extract builds it
    assert summary["story_built"] is True
    again = json.loads(ok("extract", "--db", url, "--json").stdout)
    assert again["story_built"] is False  # nothing changed: the story stands
    assert ok("extract", "--db", url).stdout.strip() == "extracted 0 articles"


def test_extract_one_article(tmp_path, nlp):
    url = _extracted_store(tmp_path / "e.db")
    store = Store(url)
    store.add_article(Article(id="new", text="Mediators from Q met envoys of Group A in the "
                              "capital on 9 March 2024, officials said.", source="/c/new.txt",
                              format="text", title="Talks", published="2024-03-09",
                              language="en"))
    store.close()
    out = ok("extract", "--db", url).stdout
    assert out.strip() == "extracted 1 article"


# --------------------------------------------------------------------------- show


def test_show_by_id_prefix_file_name_and_url(db):
    for ref in ("a2", "/corpus/a2.txt", "a2.txt", "https://example.org/a2",
                "http://www.example.org/a2/"):
        data = json.loads(ok("show", ref, "--db", db, "--json").stdout)
        assert data["id"] == "a2", ref
    table = ok("show", "a1", "--db", db, "--no-text").stdout
    assert "Captives freed as mediators meet" in table and "3 statements" in table
    assert "1 figure" in table and "the assertion" in table
    rows = list(csv.reader(io.StringIO(ok("show", "a1", "--db", db, "-f", "csv").stdout)))
    assert rows[0] == ["record", "what", "start", "end", "date", "detail", "quote"]
    text = ARTICLES["a1"][3]
    assert all(text[int(r[2]):int(r[3])] == r[6] for r in rows[1:])  # offsets hold


def test_show_by_part_of_a_file_name(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    for aid, name in (("x1", "000_926d9990cf6caa3f.txt"), ("x2", "001_69b8d1e7f87b7635.txt")):
        store.add_article(Article(id=aid * 8, text=f"Text {aid}.", source=f"/seeds/{name}",
                                  format="text", title=aid))
    store.close()
    assert json.loads(ok("show", "926d9990", "--db", store.url, "--json").stdout)["id"] == \
        "x1" * 8
    ambiguous = run("show", ".txt", "--db", store.url)
    assert ambiguous.exit_code == 1 and "matches 2 articles" in ambiguous.stderr
    missing = run("show", "nothing-like-it", "--db", store.url)
    assert missing.exit_code == 1 and "no article matches 'nothing-like-it'" in missing.stderr


# --------------------------------------------------------------------------- conventions


@pytest.mark.parametrize("command", QUERIES + ["export", "report"])
@pytest.mark.parametrize("value", ["notadate", "2023-13-45", "2023/11/01", "2024-02-30"])
def test_bad_dates_are_one_usage_error(db, command, value, tmp_path):
    result = run(command, "--db", db, "--since", value)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: Invalid value for '--since': '{value}' is not a date (give YYYY-MM-DD, "
        f"YYYY-MM or YYYY) (see `storyline {command} -h`)")
    assert result.stdout == ""


def test_partial_dates_and_empty_ranges(db):
    march = json.loads(ok("articles", "--db", db, "--json", "--since", "2024-03",
                          "--until", "2024-03").stdout)
    assert len(march) == 3
    assert json.loads(ok("articles", "--db", db, "--json", "--until", "2024").stdout)
    empty = run("timeline", "--db", db, "--since", "2024-03-06", "--until", "2024-03-05")
    assert empty.exit_code == 2 and "--since 2024-03-06 is after --until 2024-03-05" in \
        empty.stderr


@pytest.mark.parametrize("command", ["timeline", "disputes", "actors", "articles", "figures",
                                     "state"])
def test_negative_limits_are_refused(db, command):
    result = run(command, "--db", db, "-n", "-1")
    assert result.exit_code == 2 and "-1 is negative (0 means no limit)" in result.stderr


@pytest.mark.parametrize("command", QUERIES + ["show"])
def test_every_query_command_speaks_every_format(db, command):
    args = [command, "--db", db] + (["a1"] if command == "show" else [])
    outputs = {fmt: ok(*args, "--format", fmt).stdout for fmt in ("table", "tsv", "csv",
                                                                   "json")}
    json.loads(outputs["json"])
    header = outputs["tsv"].splitlines()[0].split("\t")
    assert next(csv.reader(io.StringIO(outputs["csv"]))) == header
    assert ok(*args, "--json").stdout == outputs["json"]
    clash = run(*args, "--json", "--format", "csv")
    assert clash.exit_code == 2 and "--json and --format csv disagree" in clash.stderr


@pytest.mark.parametrize("command", QUERIES + ["show x", "export", "report", "build",
                                              "extract"])
def test_missing_store_is_never_created(tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STORYLINE_DB", raising=False)
    result = run(*command.split())
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no store at storyline.db: run storyline ingest first"
    assert list(tmp_path.iterdir()) == []


def test_help_and_version():
    from storyline import __version__

    assert ok("--version").stdout.strip() == f"storyline {__version__}"
    assert "Usage: storyline timeline" in ok("timeline", "-h").stdout
    assert "--format" in ok("figures", "-h").stdout
    unknown = run("timeline", "--bogus")
    assert unknown.exit_code == 2
    assert unknown.stderr.strip() == "error: No such option: --bogus (see `storyline " \
        "timeline -h`)"


def _leaf_commands(group, path=()):
    import click

    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _leaf_commands(command, (*path, name))
        else:
            yield " ".join((*path, name)), command


def test_json_help_names_format_only_where_it_exists():
    import typer

    checked = 0
    for name, command in _leaf_commands(typer.main.get_command(app)):
        options = {opt: param for param in command.params for opt in param.opts}
        if "--json" not in options:
            continue
        checked += 1
        says_format = "--format" in (options["--json"].help or "")
        assert says_format == ("--format" in options), name
    assert checked > 10


def test_export_what_is_honoured(db):
    events = json.loads(ok("export", "--db", db, "--format", "json", "--what",
                           "events").stdout)
    assert events and all("type" in e and "quote" in e for e in events)
    clusters = json.loads(ok("export", "--db", db, "--what", "clusters").stdout)
    assert isinstance(clusters, list) and {"id", "mentions"} <= set(clusters[0])
    story = json.loads(ok("export", "--db", db).stdout)
    assert {"timeline", "clusters", "series"} <= set(story)
    wrong = run("export", "--db", db, "--format", "markdown", "--what", "events")
    assert wrong.exit_code == 2 and "--what applies to --format csv and json" in wrong.stderr


def test_ingest_summary_plurals(tmp_path):
    url = f"sqlite:///{tmp_path / 'i.db'}"
    path = tmp_path / "one.txt"
    path.write_text("Envoys of Group A and State B met in the capital on Monday to discuss "
                    "the release of captives, officials said.", encoding="utf-8")
    first = ok("ingest", str(path), "--db", url, "--no-extract").stdout.strip()
    assert first == ("stored 1 article, duplicates 0, near-duplicates 0, flagged 0, skipped 0, "
                     "failed 0 (1 input)")
    again = json.loads(ok("ingest", str(path), "--db", url, "--no-extract", "-f",
                          "json").stdout)
    assert (again["stored"], again["duplicates"]) == (0, 1)


# --------------------------------------------------------------------------- start-up


_PROBE = """
import sys
sys.argv = ["storyline"] + sys.argv[1:]
from storyline.cli import main
try:
    main()
except SystemExit:
    pass
print("SPACY" if "spacy" in sys.modules else "NO-SPACY", file=sys.stderr)
"""


@pytest.mark.parametrize("case", ["missing", "empty", "no-extract", "duplicate"])
def test_ingest_of_nothing_new_never_imports_spacy(tmp_path, case):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    url_args = ["--db", url]
    empty = tmp_path / "empty"
    empty.mkdir()
    seed = tmp_path / "a.txt"
    seed.write_text("Mediators met envoys in the capital on 3 May 2024, officials said.",
                    encoding="utf-8")
    args = {"missing": [str(tmp_path / "nope")], "empty": [str(empty)],
            "no-extract": [str(empty), "--no-extract"], "duplicate": [str(seed)]}[case]
    if case == "duplicate":
        _extracted_story(url, seed)
    result = subprocess.run([sys.executable, "-c", _PROBE, "ingest", *args, *url_args],
                            capture_output=True, text=True, timeout=120)
    assert "NO-SPACY" in result.stderr, result.stderr


def _extracted_story(url: str, seed: Path) -> None:
    """The seed stored, extracted and a story built, without spaCy (records written)."""
    from storyline.ingest.pipeline import ingest_paths
    from storyline.ingest.readers import ReadOptions
    from storyline.records import Extraction
    from storyline.story.build import build_story

    with Store(url) as store:
        ingest_paths([str(seed)], store, ReadOptions())
        from storyline.profiles import packaged_profile

        for aid in store.unextracted_ids(EXTRACTION_VERSION):
            store.save_extraction(Extraction(article_id=aid), EXTRACTION_VERSION,
                                  packaged_profile().hash)
        build_story(store)
