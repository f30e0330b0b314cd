"""`storyline demo`: the sample corpus into a fresh store, the story built, the report written.

The corpus is looked for in `./examples/corpus`, in the parents of the current directory, and
beside the installed package's source checkout (an editable install from a fresh clone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.profiles import Profile
from storyline.store import Store

CORPUS = Path("examples") / "corpus"
DB_NAME = "storyline.db"
REPORT_NAME = "report.html"


def find_corpus(start: Path | None = None) -> Path | None:
    """The sample corpus folder, or None when neither the current directory's ancestors nor
    the package's checkout hold one."""
    here = (start or Path.cwd()).resolve()
    package_root = Path(__file__).resolve().parents[3]  # src/storyline/output/demo.py
    for base in (here, *here.parents, package_root):
        candidate = base / CORPUS
        if candidate.is_dir() and any(candidate.iterdir()):
            return candidate
    return None


def fresh_store(out: Path) -> Store:
    """A new, empty SQLite store at OUT/storyline.db (an old demo store there is removed)."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / DB_NAME
    for suffix in ("", "-wal", "-shm", "-journal"):
        old = db.with_name(db.name + suffix)
        if old.exists():
            old.unlink()
    return Store(f"sqlite:///{db}")


@dataclass
class DemoResult:
    corpus: Path
    db: Path
    report: Path
    stored: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)


def story_corpus(story: str) -> Path | None:
    """The corpus of a story folder given as --story (its corpus/ beside profile/), if any."""
    from storyline.profiles import STORY_CORPUS_DIR

    folder = Path(story).expanduser()
    for candidate in (folder / STORY_CORPUS_DIR, folder.parent / STORY_CORPUS_DIR):
        if candidate.is_dir() and any(candidate.iterdir()):
            return candidate
    return None


def run_demo(
    corpus: Path,
    out: Path,
    title: str | None = None,
    on_file: Callable[[str], None] | None = None,
    stage: Callable | None = None,
    profile: Profile | None = None,
) -> DemoResult:
    """Ingest the corpus into a fresh store under `out`, extract and build the story with the
    story `profile` (None: the packaged default), write the report (titled after the profile
    unless `title` is given)."""
    from storyline.profiles import packaged_profile

    profile = profile or packaged_profile()
    title = title or f"Sample corpus: {profile.title}"
    from storyline.ingest import pipeline
    from storyline.ingest.metadata import outlets_of
    from storyline.ingest.readers import ReadOptions
    from storyline.output.report import write_report
    from storyline.workflow import update_store

    store = fresh_store(out)
    try:
        paths = [str(corpus)]
        items = pipeline.count_inputs(paths)
        problems: list[str] = []
        summary = pipeline.ingest_paths(paths, store, ReadOptions(outlets=outlets_of(profile)), on_file=on_file,
                                        on_problem=problems.append, files=items)
        update_store(store, extract=True, story=True, stage=stage, profile=profile)
        report = write_report(store, out / REPORT_NAME, title=title).page
    finally:
        store.close()
    return DemoResult(corpus=corpus, db=out / DB_NAME, report=report, stored=summary.stored,
                      failed=summary.failed, problems=problems)
