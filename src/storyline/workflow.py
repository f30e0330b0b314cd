"""What runs after articles are stored: date the undated, extract, rebuild the story.

The order matters: undated articles are dated first because their relative time expressions
resolve against the estimate; an estimate that moves marks the article for re-extraction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from storyline.store import Store

Hook = Callable[[str, int], Callable[[str], None]]  # (stage, total) -> per-item callback


@dataclass
class UpdateSummary:
    estimates_changed: int = 0
    extracted: int = 0
    story_built: bool = False
    extraction_failures: list[str] = field(default_factory=list)  # "id: error" lines

    def to_dict(self) -> dict:
        return {
            "estimates_changed": self.estimates_changed,
            "extracted": self.extracted,
            "extraction_failed": len(self.extraction_failures),
            "extraction_failures": self.extraction_failures,
            "story_built": self.story_built,
        }


def update_store(
    store: Store,
    workers: int = 1,
    extract: bool = True,
    story: bool = True,
    again: bool = False,
    stage: Hook | None = None,
) -> UpdateSummary:
    """Bring dates, records and story up to date with the stored articles."""
    # Imported here so that commands which only read the store do not load spaCy.
    from storyline.extract.pipeline import EXTRACTION_VERSION
    from storyline.extract.runner import extract_stored
    from storyline.story.build import build_story
    from storyline.temporal.dating import reestimate_store

    summary = UpdateSummary()
    summary.estimates_changed = reestimate_store(store)
    if extract:
        if again:
            store.clear_failures("extract")  # --again retries the articles that failed
        ids = (
            [row.id for row in store.list_articles()]
            if again
            else store.unextracted_ids(EXTRACTION_VERSION)
        )
        tick = stage("extracting", len(ids)) if stage else None
        summary.extracted = extract_stored(
            store, ids, workers, tick,
            on_failure=lambda f: summary.extraction_failures.append(
                f"{f.article_id}: extraction failed ({f.message}); marked failed and skipped "
                "from now on (storyline extract --again retries it)"
            ),
        )
    if story:
        build_story(store)
        summary.story_built = True
    return summary
