"""Clustering a block again when mentions were added to it: the last build's decisions are
replayed, and only the mentions the new ones can reach are scored again.

The clusterer (story/clusters.py) places a block's mentions one at a time in a fixed order,
each in the best of the clusters registered on its days (or a new one). The last build kept,
for each block, a digest of each mention (`mention_digest`: its event as stored, its article's
outlet and date, its actors' names) and the index of the cluster each joined (`Trace`). When the
block now holds the same mentions plus new ones, in the same order, the run is replayed: until
the first new mention is placed every decision is the last build's; after it, a mention is
scored again only when one of its days carries a cluster that differs from the last build's
("dirty": one a new mention joined or founded, or one that gained or lost a member because a
decision changed; when a cluster turns dirty, the days of its members so far, in either build,
are marked, and so are the days of every mention placed in it, or taken from it, after). A
mention none of whose days is marked sees exactly the clusters it saw last time, in the same
states and order, so it makes the same decision, which is taken without scoring. Undated mentions, which look
at every undated or recalled cluster of the block, are scored again once anything is dirty.
What follows the placing (folding a day's clusters, finishing each) runs as in a full build.
The result is the full build's, which tests/story/test_cluster_replay.py checks mention by
mention on stores grown one article at a time.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.story.clusters import Clusterer, _Prepared
    from storyline.story.records import Mention


def mention_digest(text: str, m: Mention) -> str:
    """What a mention is made of: its event as stored (its type, dates, words and actors'
    countries are in it), its article's outlet and date, and its actors' names (a person's
    full name may come from another article)."""
    raw = f"{text}\x1f{m.outlet!r}\x1f{m.published!r}\x1f{m.actors!r}\x1f{m.recipients!r}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


@dataclass
class Trace:
    """One block's placing in a build: each mention's digest and the index (in order of
    founding) of the cluster it was placed in, both in the block's input order."""

    digests: list[str]
    joined: list[int]

    def to_data(self) -> dict[str, Any]:
        return {"digests": self.digests, "joined": self.joined}

    @classmethod
    def from_data(cls, data: Any) -> Trace | None:
        if not isinstance(data, dict):
            return None
        digests, joined = data.get("digests"), data.get("joined")
        if not isinstance(digests, list) or not isinstance(joined, list) or \
                len(digests) != len(joined):
            return None
        return cls(digests, joined)


def _match(old: Sequence[str], new: Sequence[str]) -> list[int | None] | None:
    """For each new mention, the position of the same mention last time (None: new), when
    the old mentions are all still there in the same order; else None."""
    out: list[int | None] = []
    j = 0
    for digest in new:
        if j < len(old) and old[j] == digest:
            out.append(j)
            j += 1
        else:
            out.append(None)
    return out if j == len(old) else None


def place_all(clusterer: Clusterer, prepared: Sequence[_Prepared], order: Sequence[int],
              digests: Sequence[str], last: Trace | None) -> list[int]:
    """Place every prepared mention (positions `order`, the clusterer's order) and return the
    index of the cluster each was placed in, by input position: the last build's decisions
    where nothing it saw has changed (see the module docstring), the clusterer's elsewhere."""
    from storyline.story.clusters import lookup_days

    joined = [-1] * len(prepared)
    match = _match(last.digests, digests) if last is not None else None
    if match is None or last is None:
        for i in order:
            joined[i] = clusterer.add(prepared[i])
        return joined
    old_joined = last.joined
    to_new: dict[int, int] = {}  # a cluster of the last build -> the same cluster now
    to_old: dict[int, int] = {}
    placed: dict[int, list[int]] = defaultdict(list)  # a cluster now -> positions placed in it
    seen: dict[int, list[int]] = defaultdict(list)  # one of the last build's -> its positions so far
    dirty_old: set[int] = set()
    dirty_new: set[int] = set()
    dirty_days: set[int] = set()

    def mark(positions: list[int]) -> None:
        for q in positions:
            days = lookup_days(prepared[q])
            if days is not None:
                dirty_days.update(days)

    def spoil(new: int | None, old: int | None) -> None:
        """A cluster (now, or of the last build, or both) differs from then: the days it is
        registered on so far, in either build, are dirty."""
        if new is not None and old is None:
            old = to_old.get(new)
        if old is not None and new is None:
            new = to_new.get(old)
        if new is not None and new not in dirty_new:
            dirty_new.add(new)
            mark(placed[new])
        if old is not None and old not in dirty_old:
            dirty_old.add(old)
            mark(seen[old])

    for i in order:
        p = prepared[i]
        o = match[i]
        j = old_joined[o] if o is not None else None
        if j is not None:
            days = lookup_days(p)
            clean = not (dirty_old or dirty_new) if days is None else \
                dirty_days.isdisjoint(days)
        else:
            clean = False
        if clean:  # the clusters it sees are those it saw: the same decision
            best = to_new.get(j)
            idx = clusterer.place(p, best)
            if best is None:
                to_new[j], to_old[idx] = idx, j
        else:
            best = clusterer.choose(p)
            idx = clusterer.place(p, best)
            if j is not None and j not in dirty_old and (
                    (best is None and j not in to_new) or
                    (best is not None and to_new.get(j) == best)):
                if best is None:  # it founds the cluster it founded: still the same
                    to_new[j], to_old[idx] = idx, j
            else:  # another decision: both clusters differ from the last build's
                spoil(idx, None)
                if j is not None:
                    spoil(None, j)
        placed[idx].append(i)
        if j is not None:
            seen[j].append(i)
        if idx in dirty_new or (j is not None and j in dirty_old):
            mark([i])  # a dirty cluster is (or was) registered on its days
        joined[i] = idx
    return joined
