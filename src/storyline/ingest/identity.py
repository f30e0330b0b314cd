"""Article identity and near-duplicates.

`article_id` hashes the text after normalisation (NFKC, one form of quotes and dashes, collapsed
whitespace, casefold), so the same article with other whitespace or typography gets the same id.
`minhash` signs the set of word 3-shingles; `similarity` of two signatures estimates the Jaccard
similarity of those sets, and `NearDuplicateIndex` finds stored signatures above a threshold with
LSH banding (the same wire story in two outlets, a lightly edited rewrite).

Signatures must be stable across processes and machines (they are stored): word hashes come from
CRC32, never from Python's salted `hash`.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
import zlib
from collections import defaultdict

import numpy as np

_TYPOGRAPHY: tuple[tuple[str, str], ...] = (
    *((c, "'") for c in "‘’‚‛′`´"),
    *((c, '"') for c in "“”„‟″«»"),
    *((c, "-") for c in "‐‑‒–—―−"),
    *((c, "") for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"),  # invisible: dropped
)
# Bytes that separate words when shingling: ASCII except letters, digits and "_". Bytes of
# non-ASCII characters count as word characters (the text is already NFKC-folded and casefolded).
_SEPARATORS = bytes(b for b in range(128) if not (chr(b).isalnum() or b == ord("_")))
_TO_SPACE = bytes.maketrans(_SEPARATORS, b" " * len(_SEPARATORS))


@functools.lru_cache(maxsize=16)
def normalise_for_identity(text: str) -> str:
    """The text an article's identity is computed from (typography- and whitespace-blind)."""
    if text.isascii():
        return " ".join(text.split()).lower()
    text = unicodedata.normalize("NFKC", text)
    for char, replacement in _TYPOGRAPHY:
        if char in text:  # a few `in` scans beat one str.translate with a dict table
            text = text.replace(char, replacement)
    return " ".join(text.split()).casefold()


def article_id(text: str) -> str:
    """A stable id: the first 16 hex digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_for_identity(text).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- MinHash

_MASK32 = np.uint64(0xFFFFFFFF)
_SEED = 20231007
_WORD_CACHE: dict[bytes, int] = {}
_WORD_CACHE_LIMIT = 500_000
_PARAMS: dict[int, tuple[np.ndarray, np.ndarray]] = {}
EMPTY_HASH = 1 << 32  # above every real value; the value of every slot of an empty text's signature


def _params(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of the multiply-shift hash family h(x) = ((a x + b) mod 2^64) >> 32."""
    if num_perm not in _PARAMS:
        # splitmix64 in plain Python: the stream never changes with the NumPy version, so
        # signatures stored by one version compare with those of the next.
        state = _SEED
        values = []
        for _ in range(2 * num_perm):
            state = (state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
            values.append(z ^ (z >> 31))
        a = np.array([v | 1 for v in values[:num_perm]], dtype=np.uint64)
        b = np.array(values[num_perm:], dtype=np.uint64)
        _PARAMS[num_perm] = (a[:, None], b[:, None])
    return _PARAMS[num_perm]


def _word_hashes(words: list[bytes]) -> np.ndarray:
    cache = _WORD_CACHE
    if len(cache) > _WORD_CACHE_LIMIT:
        cache.clear()
    get = cache.get
    crc32 = zlib.crc32
    return np.array([get(w) or cache.setdefault(w, crc32(w)) for w in words], dtype=np.uint64)


def _words(text: str) -> list[bytes]:
    """The words of the normalised text, as UTF-8 bytes (hashed without decoding)."""
    return normalise_for_identity(text).encode("utf-8").translate(_TO_SPACE).split()


def _shingle_hashes(words: list[bytes]) -> np.ndarray:
    """32-bit hashes of the word 3-shingles (one shingle for texts under 3 words)."""
    h = _word_hashes(words)
    if len(h) >= 3:
        # Order-sensitive combination of three 32-bit word hashes, then a 64-bit mix.
        x = (h[:-2] * np.uint64(0x9E3779B1)) ^ (h[1:-1] * np.uint64(0x85EBCA77)) ^ h[2:]
    else:
        x = np.array([np.bitwise_xor.reduce(h * np.uint64(0x9E3779B1))], dtype=np.uint64)
    x ^= x >> np.uint64(29)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(32)
    return x & _MASK32  # duplicates left in: they cannot change a minimum


def minhash(text: str, num_perm: int = 64) -> list[int]:
    """MinHash signature (num_perm values) of the word 3-shingles of the normalised text."""
    words = _words(text)
    if not words:
        return [EMPTY_HASH] * num_perm
    shingles = _shingle_hashes(words)
    a, b = _params(num_perm)
    # Multiply-shift: uint64 arithmetic wraps (mod 2^64), the high 32 bits are the hash.
    values = (a * shingles[None, :] + b) >> np.uint64(32)
    return values.min(axis=1).tolist()


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    if len(a) != len(b) or not a:
        raise ValueError("signatures must be non-empty and of the same length")
    return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / len(a)


class NearDuplicateIndex:
    """In-memory LSH index over MinHash signatures.

    Signatures are cut into `bands` bands of `rows` values; two signatures become candidates when
    any band is identical, and candidates are then scored by `similarity`. With 21 bands of 3 rows
    (63 of 64 values) a pair with true Jaccard 0.5 is found with probability 0.94, 0.7 with
    0.9995, 0.4 with 0.75; pairs below about 0.35 are mostly not even compared. Queries with a
    threshold below that lose recall.
    """

    def __init__(self, num_perm: int = 64, rows: int = 3) -> None:
        self.num_perm = num_perm
        self.rows = rows
        self.bands = num_perm // rows
        self._buckets: list[dict[bytes, list[str]]] = [defaultdict(list) for _ in range(self.bands)]
        self._signatures: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: str) -> bool:
        return key in self._signatures

    def _keys(self, signature: np.ndarray) -> list[bytes]:
        r = self.rows
        return [signature[i * r : (i + 1) * r].tobytes() for i in range(self.bands)]

    def _array(self, signature: list[int]) -> np.ndarray:
        if len(signature) != self.num_perm:
            raise ValueError(
                f"signature has {len(signature)} values, the index expects {self.num_perm}"
            )
        return np.asarray(signature, dtype=np.uint64)

    def add(self, key: str, signature: list[int]) -> None:
        """Index one signature under `key` (adding a key again replaces nothing; it is ignored)."""
        if key in self._signatures:
            return
        array = self._array(signature)
        if (array == EMPTY_HASH).all():
            return  # a text without words is nobody's near-duplicate
        self._signatures[key] = array
        for band, bucket_key in zip(self._buckets, self._keys(array), strict=True):
            band[bucket_key].append(key)

    def query(self, signature: list[int], threshold: float = 0.5) -> list[tuple[str, float]]:
        """Indexed keys whose estimated similarity is at least `threshold`, best first."""
        array = self._array(signature)
        if (array == EMPTY_HASH).all():
            return []
        candidates: set[str] = set()
        for band, bucket_key in zip(self._buckets, self._keys(array), strict=True):
            hits = band.get(bucket_key)
            if hits:
                candidates.update(hits)
        if not candidates:
            return []
        keys = sorted(candidates)
        matrix = np.stack([self._signatures[k] for k in keys])
        scores = np.count_nonzero(matrix == array, axis=1) / self.num_perm
        found = [(k, float(s)) for k, s in zip(keys, scores, strict=True) if s >= threshold]
        return sorted(found, key=lambda item: (-item[1], item[0]))
