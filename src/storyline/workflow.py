"""What runs after articles are stored: date the undated, extract, rebuild the story.

The order matters: undated articles are dated first because their relative time expressions
resolve against the estimate; an estimate that moves marks the article for re-extraction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from storyline.profiles import Profile
from storyline.store import Store

Hook = Callable[[str, int], Callable[[str], None]]  # (stage, total) -> per-item callback


@dataclass
class UpdateSummary:
    estimates_changed: int = 0
    extracted: int = 0
    story_built: bool = False
    extraction_failures: list[str] = field(default_factory=list)  # "id: error" lines
    profile: str = ""  # the story profile's name and short hash
    stale_profile: int = 0  # extracted articles whose records were made under another profile

    def to_dict(self) -> dict:
        return {
            "estimates_changed": self.estimates_changed,
            "extracted": self.extracted,
            "extraction_failed": len(self.extraction_failures),
            "extraction_failures": self.extraction_failures,
            "story_built": self.story_built,
            "profile": self.profile,
            "stale_profile": self.stale_profile,
        }


def update_store(
    store: Store,
    workers: int = 1,
    extract: bool = True,
    story: bool = True,
    again: bool = False,
    stage: Hook | None = None,
    stored: int | None = None,
    cluster: str | None = None,
    profile: Profile | None = None,
) -> UpdateSummary:
    """Bring dates, records and story up to date with the stored articles.

    `stored` is how many articles this run added (None: unknown). With none added, nothing can
    move an estimate, so dating is skipped; extraction runs only for articles that lack records
    and the story is rebuilt only if something was extracted or the cached story was not built
    from the store as it is. spaCy is
    imported only when something is to be parsed: a duplicate, a missing path or an empty
    folder costs no model load. `cluster` (a Dask scheduler address, or "local" for a local
    cluster of `workers` processes) runs the extraction there (extract/cluster.py). `profile`
    is the story profile (None: the packaged default): records made under another profile's
    content hash are redone, and the story is built with its rules."""
    summary = UpdateSummary()
    if profile is None:
        from storyline.profiles import packaged_profile

        profile = packaged_profile()
    summary.profile = f"{profile.name} {profile.short_hash}"

    def on_failure(f) -> None:  # noqa: ANN001 - an ExtractionFailure
        summary.extraction_failures.append(
            f"{f.article_id}: extraction failed ({f.message}); marked failed and "
            "skipped from now on (storyline extract --again retries it)")

    if again and extract:
        store.clear_failures("extract")  # --again retries the articles that failed
    if stored != 0 or again:
        from storyline.temporal.dating import reestimate_store

        # a new undated article is parsed once: dating reads its evidence off the parse, then
        # (its estimate set) extraction runs on the same parse (--again re-extracts all below)
        on_parsed = _extract_parsed(store, summary, on_failure, profile) \
            if extract and not again else None
        summary.estimates_changed = reestimate_store(store, on_parsed=on_parsed, again=again)
    if extract:
        from storyline.extract.version import EXTRACTION_VERSION

        summary.stale_profile = sum(n for h, n in store.profile_counts().items()
                                    if h != profile.hash)
        ids = (
            [row.id for row in store.list_articles()]
            if again
            else store.unextracted_ids(EXTRACTION_VERSION, profile.hash)
        )
        tick = stage("extracting", len(ids)) if stage else None
        if ids and cluster:  # live (issue 13): the parse and extraction on a Dask cluster
            from storyline.extract.cluster import Cluster, check_store_url, extract_on_cluster

            check_store_url(store.url, cluster)
            with Cluster(cluster, workers) as dask:
                summary.extracted += extract_on_cluster(store, ids, dask, tick, on_failure,
                                                       profile)
        elif ids:
            from storyline.extract.runner import extract_stored

            summary.extracted += extract_stored(store, ids, workers, tick, on_failure=on_failure,
                                               profile=profile)
    if story:
        # Also when the cached story is not the one of the store's content (none built yet, or
        # a run was killed between its extraction and its build): a re-run completes it.
        if stored != 0 or again or summary.extracted or summary.estimates_changed \
                or (store.count_articles() and store.story_built_from() != store.fingerprint()):
            from storyline.profiles.compiled import resources
            from storyline.story.build import build_story

            # the blocks the new records do not touch come from the last build (story/memo.py)
            build_story(store, resources(profile).rules, profile.enables("negotiation"),
                        reuse=True, salt=profile.hash)
            summary.story_built = True
    return summary


def _extract_parsed(store: Store, summary: UpdateSummary, on_failure: Callable,
                    profile: Profile) -> Callable:
    """A callback that extracts and saves an article from the parse dating already made."""
    from storyline.extract.runner import extract_parsed, store_extraction
    from storyline.profiles.compiled import resources

    story = resources(profile)

    def run(article, doc) -> None:  # noqa: ANN001 - Article, spaCy Doc
        result = extract_parsed(article, doc, story)
        if store_extraction(store, result, story.hash):
            summary.extracted += 1
        else:
            on_failure(result)

    return run
