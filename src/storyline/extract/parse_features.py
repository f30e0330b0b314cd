"""Head input from what the spaCy parse already computed, an alternative to the MiniLM sentence
embedding (`extract/embeddings.py`) that costs next to nothing at extraction time.

For one main candidate (its sentence and trigger): the parser's own token vectors (`doc.tensor`,
the shared tok2vec layer's output) averaged over the sentence, over the trigger's clause (its
subtree within the sentence) and at the trigger; and hashed indicator features of the trigger's
lemma, tag and dependency, of its children's dependencies and lemmas, of prepositions and their
objects, of the sentence's content lemmas and entity types. Hashing uses CRC-32, not Python's
salted `hash`, so the features, and a head trained on them, are the same in every process.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np
from spacy.tokens import Span, Token

NAME = "parse"
TENSOR_DIM = 96  # en_core_web_sm's tok2vec width; another model's width is read from the doc
HASH_DIM = 2048
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % HASH_DIM


def _indicators(sentence: Span, trigger: Token) -> list[str]:
    lemma = trigger.lemma_.lower()
    out = [f"L={lemma}", f"T={trigger.tag_}", f"D={trigger.dep_}", f"LD={lemma}:{trigger.dep_}",
           f"H={trigger.head.lemma_.lower()}" if trigger.head is not trigger else "H=ROOT"]
    for child in trigger.children:
        clemma = child.lemma_.lower()
        out.append(f"C={child.dep_}")
        out.append(f"CL={child.dep_}:{clemma}")
        out.append(f"TCL={lemma}:{child.dep_}:{clemma}")
        if child.ent_type_:
            out.append(f"CE={child.dep_}:{child.ent_type_}")
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.append(f"P={clemma}:{pobj.lemma_.lower()}")
                    out.append(f"TP={lemma}:{clemma}")
    for tok in sentence:
        if tok.pos_ in CONTENT_POS and not tok.is_stop:
            out.append(f"S={tok.lemma_.lower()}")
        if tok.ent_type_ and tok.ent_iob_ == "B":
            out.append(f"E={tok.ent_type_}")
    return out


def vector(sentence: Span, trigger: Token) -> np.ndarray:
    """The head input of one main candidate (float32, 3 x the tensor width + HASH_DIM)."""
    doc = sentence.doc
    tensor = doc.tensor
    width = tensor.shape[1] if tensor is not None and tensor.size else TENSOR_DIM
    out = np.zeros(3 * width + HASH_DIM, dtype=np.float32)
    if tensor is not None and tensor.size:
        out[:width] = tensor[sentence.start:sentence.end].mean(axis=0)
        lo = max(trigger.left_edge.i, sentence.start)
        hi = min(trigger.right_edge.i + 1, sentence.end)
        out[width:2 * width] = tensor[lo:hi].mean(axis=0)
        out[2 * width:3 * width] = tensor[trigger.i]
    hashed = out[3 * width:]
    for feature in _indicators(sentence, trigger):
        hashed[_bucket(feature)] = 1.0
    return out


def vectors(pairs: Iterable[tuple[Span, Token]]) -> np.ndarray:
    """Head inputs of (sentence, trigger) pairs, one row each."""
    rows = [vector(s, t) for s, t in pairs]
    if not rows:
        return np.zeros((0, 3 * TENSOR_DIM + HASH_DIM), dtype=np.float32)
    return np.stack(rows)
