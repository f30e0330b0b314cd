"""Run extraction over stored articles: one spaCy pass per article, batched, optionally in
worker processes, each article's records saved in its own transaction.

An article that cannot be extracted (a text over the one-article limit of ingest/limits.py, a
parse or extractor error) is reported and marked failed in the store with its reason, so later
runs skip it instead of failing on it again (`storyline extract --again` retries it)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from storyline import nlp
from storyline.extract import embeddings
from storyline.extract.pipeline import EXTRACTION_VERSION, extract_article
from storyline.ingest.limits import MAX_TEXT_CHARS, text_too_long
from storyline.profiles import Profile
from storyline.profiles.compiled import StoryResources, resources
from storyline.records import Article, Extraction
from storyline.store import Store

BATCH = 32
# spaCy's parser holds its activations for every token of a pipe batch at once, so the peak
# memory follows the parse batch; the docs are the same (the extraction and its embedding
# still run on all 32 articles together; the README's cost row has the figures)
PARSE_BATCH = 8


@dataclass
class ExtractionFailure:
    """An article whose extraction raised: reported and left unextracted, the batch goes on."""

    article_id: str
    message: str


def extract_parsed(article: Article, doc, story: StoryResources | None = None
                   ) -> Extraction | ExtractionFailure:
    """The article's records from its parse, or the failure that stopped them."""
    try:
        return extract_article(article, doc, story)
    except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the batch
        return ExtractionFailure(article.id, f"{type(exc).__name__}: {exc}"[:200])


def _parse_one(article: Article, story: StoryResources | None = None
               ) -> Extraction | ExtractionFailure:
    try:
        doc = nlp.parse(article.text)
    except Exception as exc:  # noqa: BLE001 - a text the parser refuses is this article's
        return ExtractionFailure(article.id, f"parse failed: {type(exc).__name__}: {exc}"[:200])
    return extract_parsed(article, doc, story)


def _extract_batch(articles: list[Article], profile: Profile | None = None
                   ) -> list[Extraction | ExtractionFailure]:
    # the profile travels to worker processes as data; each compiles it once (by its hash)
    story = resources(profile)
    done: dict[str, Extraction | ExtractionFailure] = {}
    english = []
    for a in articles:
        if "non_english" in a.flags:
            continue  # stored but not run through the English pipeline
        if len(a.text) > MAX_TEXT_CHARS:  # stored by an older storyline: never parsed
            done[a.id] = ExtractionFailure(a.id, text_too_long(len(a.text)))
        else:
            english.append(a)
    try:
        docs = list(nlp.parse_many((a.text for a in english), batch_size=PARSE_BATCH))
    except Exception:  # noqa: BLE001 - one text broke the batch: find it, parse the rest
        done.update((a.id, _parse_one(a, story)) for a in english)
    else:
        # the batch's articles embed their sentences together (fewer, better-filled model
        # batches); each article's records are those of extracting it alone
        done.update(zip((a.id for a in english), embeddings.gathered(
            [functools.partial(extract_parsed, a, doc, story)
             for a, doc in zip(english, docs, strict=True)]), strict=True))
    return [done.get(a.id) or Extraction(article_id=a.id) for a in articles]


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_articles(
    articles: Iterable[Article], workers: int = 1, profile: Profile | None = None
) -> Iterator[Extraction | ExtractionFailure]:
    """Extractions for the articles, in order, under the story `profile` (None: the default);
    `workers` > 1 parses in that many processes."""
    if workers <= 1:
        for batch in _batches(articles, BATCH):
            yield from _extract_batch(batch, profile)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=nlp.load) as pool:
        # Bounded look-ahead: at most 2 batches per worker in flight keeps memory flat.
        pending = []
        for batch in _batches(articles, BATCH):
            pending.append(pool.submit(_extract_batch, batch, profile))
            if len(pending) >= 2 * workers:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()


def store_extraction(store: Store, result: Extraction | ExtractionFailure, story_hash: str,
                     version: int = EXTRACTION_VERSION) -> bool:
    """Save an article's records under the profile hash, or mark it failed; True when saved."""
    if isinstance(result, ExtractionFailure):
        store.mark_failed(result.article_id, "extract", version, result.message)
        return False
    store.save_extraction(result, version, story_hash)
    return True


def extract_stored(
    store: Store,
    ids: list[str],
    workers: int = 1,
    on_article: Callable[[str], None] | None = None,
    on_failure: Callable[[ExtractionFailure], None] | None = None,
    profile: Profile | None = None,
) -> int:
    """Extract and save the records of the stored articles with these ids under the story
    `profile` (None: the default; its hash is stored with each article's records); returns the
    count saved. An article whose extraction fails is passed to `on_failure` and marked failed
    in the store (skipped by later runs until the extraction version changes or it is
    retried)."""
    story_hash = resources(profile).hash
    count = 0
    for extraction in extract_articles(store.iter_articles(ids), workers, profile):
        if store_extraction(store, extraction, story_hash):
            count += 1
        elif on_failure:
            on_failure(extraction)
        if on_article:
            on_article(extraction.article_id)
    return count
