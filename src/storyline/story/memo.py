"""What the last story build computed, block by block, keyed by a digest of each block's input.

The story stage is a pure function of the records, and most of it falls apart into blocks that
do not see each other: the clusters of one (type, polarity) never meet another's, an article's
denials answer claims of the same article only, and an event dispute pairs clusters of one type.
A build keeps, for each block, a digest of everything the block's result depends on (its
records, the articles' metadata they use, the parameters, the story code and the profile) and
its result; the next build recomputes only the blocks whose digest is new, and takes the others
from the memo. So the result is the one a build from scratch gives, by construction: a block
whose input changed in any way is recomputed.

The memo is cached with the story (story items of kind "memo", replaced with it in one
transaction), and holds only the blocks of the last build.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

MEMO_KIND = "memo"
# stages with one small block per record or article (a cluster's negotiation item, an
# article's statements, a finished cluster's id, a negated cluster's dispute): written as one item holding every block, not
# an item each. Their
# results are records the build changes in place, so each is kept as its JSON text (`put_json`,
# `get_json`): a block taken from the memo is parsed into fresh records (faster than a deep
# copy of a parsed one) and written back as the same text, never serialised again.
PACKED = frozenset({"record-item", "stated", "cluster-of", "event-dispute"})


@functools.cache
def code_digest() -> str:
    """A digest of the story stage's source (and the records it reads): a memo made by other
    code is never reused, so no edit to the story stage can serve an old block."""
    h = hashlib.sha1()
    package = resources.files("storyline")
    for folder in ("story",):
        for entry in sorted(package.joinpath(folder).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                h.update(entry.name.encode())
                h.update(entry.read_bytes())
    for name in ("records.py", "data/story.yaml"):
        h.update(name.encode())
        h.update(package.joinpath(name).read_bytes())
    return h.hexdigest()[:16]


def _default(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"not digestible: {type(value).__name__}")


class StoryMemo:
    """Block results of the last build (`previous`, by key) and those of this one (`kept`).

    `salt` names what every block depends on besides its own input (the story profile, the
    code): a memo made under another salt is no memo. A build looks a block up with `get` and
    records it with `put`; what it put is what the next build finds."""

    def __init__(self, salt: str, previous: Iterable[tuple[str, Any]] = ()) -> None:
        self.salt = f"{code_digest()}|{salt}"
        self.previous: dict[str, Any] = {}
        for key, value in previous:
            if key in PACKED and isinstance(value, dict):
                self.previous.update((f"{key}:{k}", v) for k, v in value.items())
            else:
                self.previous[key] = value
        self.kept: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0
        # the key of each cluster block of this build, by (type, polarity): what a block of
        # event disputes depends on
        self.blocks: dict[tuple[str, str], str] = {}
        # id() of each cluster of this build -> its JSON (taken from the cache, or made once
        # for the negotiation items' keys and for writing)
        self.cluster_texts: dict[int, str] = {}

    def key(self, stage: str, data: Any, text: str = "") -> str:
        """The key of a block of `stage` whose input is `data` (JSON-able) and `text` (input
        already serialised: a cluster's JSON)."""
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_default)
        digest = hashlib.sha1(f"{self.salt}|{stage}|{raw}|{text}".encode()).hexdigest()[:20]
        return f"{stage}:{digest}"

    def get(self, key: str, default: Any = None) -> Any:
        """The block's result from the last build, or `default`."""
        found = self.previous.get(key, default)
        if found is default:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: str, value: Any) -> None:
        self.kept[key] = value

    def get_json(self, key: str) -> tuple[Any, str] | None:
        """A result kept as JSON text (`put_json`): a fresh parse of it and the text, or None
        when the last build had no such block."""
        text = self.get(key)
        return None if text is None else (json.loads(text), text)

    def put_json(self, key: str, value: Any, text: str | None = None) -> str:
        """Record a result as its JSON text (`text` when it is known: what `get_json` gave)."""
        if text is None:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        self.put(key, text)  # (through `put`: what bench_story_memo counts)
        return text

    def items(self) -> list[tuple[str, Any]]:
        """What to cache: a (key, result) per block, those of a packed stage in one."""
        out: dict[str, Any] = {}
        for key, value in self.kept.items():
            stage, _, digest = key.partition(":")
            if stage in PACKED:
                out.setdefault(stage, {})[digest] = value
            else:
                out[key] = value
        return sorted(out.items())
