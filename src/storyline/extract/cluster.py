"""Extraction past one machine: the parse and extract stages of stored articles on a Dask
cluster, each worker reading its articles from the store and writing their records back.

Only article ids travel to the workers and only counts come back, so a worker needs the
package and the store's URL, nothing else: with a PostgreSQL store the workers can be on
other machines (`--cluster tcp://scheduler:8786`); `--cluster local` starts a local cluster of
`--workers` processes (one thread each: the parse holds the GIL). Reading and storing the
articles (decode, repair, deduplicate) stays with the client, which needs the whole store's
near-duplicate index; it is about 1% of the work. The story is built afterwards by the client
from what the store holds.

Dask rather than Ray: measured in the README (install size, start-up, per-task overhead).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from storyline.store.location import resolve_url

# The runner imports spaCy: it is imported on the workers and when extraction starts, so that
# `storyline ingest --cluster …` with nothing to extract starts quickly.

LOCAL = "local"


class ClusterError(Exception):
    """The cluster cannot be reached or cannot use this store; one line for the user."""


@dataclass
class BatchResult:
    saved: list[str]
    failures: list[tuple[str, str]]  # (article id, reason)


@functools.cache
def _worker_store(url: str):  # -> Store, one per worker process and URL
    from storyline.store import Store

    return Store(url)


def _warm() -> bool:
    from storyline import nlp

    nlp.load()
    return True


def extract_batch_task(url: str, ids: list[str], version: int, profile=None  # noqa: ANN001
                       ) -> BatchResult:
    """On a worker: read the articles, parse and extract them under the story `profile` (a
    Profile; None: the default), save each article's records in its own transaction (or mark
    it failed), and say which."""
    from storyline.extract.runner import _extract_batch, store_extraction
    from storyline.profiles.compiled import resources

    store = _worker_store(url)
    articles = list(store.iter_articles(ids))
    result = BatchResult([], [])
    story_hash = resources(profile).hash
    for extraction in _extract_batch(articles, profile):
        if store_extraction(store, extraction, story_hash, version):
            result.saved.append(extraction.article_id)
        else:
            result.failures.append((extraction.article_id, extraction.message))
    return result


def check_store_url(url: str, cluster: str) -> None:
    """A remote cluster's workers cannot open this machine's SQLite file."""
    if cluster != LOCAL and resolve_url(url).startswith("sqlite"):
        raise ClusterError("a remote cluster's workers cannot reach a SQLite file: use a "
                           "PostgreSQL store (--db postgresql+psycopg://…) or --cluster local")


class Cluster:
    """A Dask client (and the local cluster it started, if any); use as a context manager."""

    def __init__(self, address: str = LOCAL, workers: int = 2) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ClusterError("--cluster needs Dask: pip install 'storyline[cluster]'") from None
        self.address = address
        self._local = None
        try:
            if address == LOCAL:
                self._local = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    host="127.0.0.1", dashboard_address=None,
                    worker_dashboard_address=None, silence_logs=logging.ERROR,
                )
                self.client = Client(self._local)
            else:
                self.client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            if self._local is not None:
                self._local.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
        self.client.run(_warm)  # every worker loads the model now, in parallel

    @property
    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def close(self) -> None:
        self.client.close()
        if self._local is not None:
            self._local.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extract(self, url: str, ids: list[str], version: int, profile=None  # noqa: ANN001
                ) -> Iterator[BatchResult]:
        """Batches of ids to the workers, at most two per worker thread in flight (memory
        stays flat); results as they complete."""
        from distributed import as_completed

        from storyline.extract.runner import BATCH

        check_store_url(url, self.address)
        # smaller batches when there are few articles per worker: the last batch of a worker
        # is time the others may sit idle
        size = max(4, min(BATCH, -(-len(ids) // (4 * self.threads))))
        batches = [ids[i:i + size] for i in range(0, len(ids), size)]
        pending = iter(batches)
        futures = as_completed()
        submitted = []

        def submit(batch: list[str]) -> None:
            future = self.client.submit(extract_batch_task, url, batch, version, profile,
                                        pure=False)
            submitted.append(future)
            futures.add(future)

        for batch in _take(pending, 2 * self.threads):
            submit(batch)
        for future in futures:
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker's failure: one line, not a trace
                for other in submitted:
                    other.cancel()
                reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
                raise ClusterError(f"a cluster worker failed: {reason} (the articles "
                                   "extracted so far are kept; run the command again to "
                                   "resume)") from None
            yield result
            future.release()
            for batch in _take(pending, 1):
                submit(batch)


def _take(iterator: Iterator[list[str]], n: int) -> list[list[str]]:
    out = []
    for _ in range(n):
        try:
            out.append(next(iterator))
        except StopIteration:
            break
    return out


def extract_on_cluster(
    store,  # storyline.store.Store
    ids: list[str],
    cluster: Cluster,
    on_article: Callable[[str], None] | None = None,
    on_failure: Callable | None = None,  # called with an ExtractionFailure
    profile=None,  # noqa: ANN001 - the story Profile (None: the default)
) -> int:
    """Extract the stored articles with these ids on the cluster under the story `profile`;
    returns the count saved."""
    from storyline.extract.runner import ExtractionFailure
    from storyline.extract.version import EXTRACTION_VERSION

    count = 0
    for result in cluster.extract(store.url, ids, EXTRACTION_VERSION, profile):
        count += len(result.saved)
        for article_id, message in result.failures:
            if on_failure:
                on_failure(ExtractionFailure(article_id, message))
        if on_article:
            for article_id in result.saved + [a for a, _ in result.failures]:
                on_article(article_id)
    return count
