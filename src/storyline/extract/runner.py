"""Run extraction over stored articles: one spaCy pass per article, batched, optionally in
worker processes, each article's records saved in its own transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from storyline import nlp
from storyline.extract.pipeline import EXTRACTION_VERSION, extract_article
from storyline.records import Article, Extraction
from storyline.store import Store

BATCH = 32


def _extract_batch(articles: list[Article]) -> list[Extraction]:
    english = [a for a in articles if "non_english" not in a.flags]
    docs = nlp.parse_many((a.text for a in english), batch_size=BATCH)
    done = {a.id: extract_article(a, doc) for a, doc in zip(english, docs, strict=True)}
    # Non-English articles are stored but not run through the English pipeline.
    return [done.get(a.id) or Extraction(article_id=a.id) for a in articles]


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_articles(articles: Iterable[Article], workers: int = 1) -> Iterator[Extraction]:
    """Extractions for the articles, in order; `workers` > 1 parses in that many processes."""
    if workers <= 1:
        for batch in _batches(articles, BATCH):
            yield from _extract_batch(batch)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=nlp.load) as pool:
        # Bounded look-ahead: at most 2 batches per worker in flight keeps memory flat.
        pending = []
        for batch in _batches(articles, BATCH):
            pending.append(pool.submit(_extract_batch, batch))
            if len(pending) >= 2 * workers:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()


def extract_stored(
    store: Store,
    ids: list[str],
    workers: int = 1,
    on_article: Callable[[str], None] | None = None,
) -> int:
    """Extract and save the records of the stored articles with these ids; returns the count."""
    count = 0
    for extraction in extract_articles(store.iter_articles(ids), workers):
        store.save_extraction(extraction, EXTRACTION_VERSION)
        count += 1
        if on_article:
            on_article(extraction.article_id)
    return count
