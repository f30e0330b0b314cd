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
    """LSH index over MinHash signatures, compact in memory.

    Signatures are cut into `bands` bands of `rows` values; two signatures become candidates when
    any band is identical, and candidates are then scored by `similarity`. With 21 bands of 3 rows
    (63 of 64 values) a pair with true Jaccard 0.5 is found with probability 0.94, 0.7 with
    0.9995, 0.4 with 0.75; pairs below about 0.35 are mostly not even compared. Queries with a
    threshold below that lose recall.

    Memory is about 0.5 KB per indexed article, in NumPy arrays: each signature as uint32, and
    one 64-bit hash per band (salted by the band's number) in one sorted array, merged in from a
    small unsorted buffer. Dicts of byte strings and lists took 4 KB an article, 380 MB for the
    90,000 articles of a 200 MB file. A hash that collides only adds a candidate, which its
    score then rejects.
    """

    _MERGE = 1024  # signatures buffered unsorted before their band hashes are merged in
    _MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9],
                    dtype=np.uint64)

    def __init__(self, num_perm: int = 64, rows: int = 3) -> None:
        if rows > len(self._MIX):
            raise ValueError(f"at most {len(self._MIX)} rows a band")
        self.num_perm = num_perm
        self.rows = rows
        self.bands = num_perm // rows
        self._salt = (np.arange(self.bands, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93))
        self._keys: list[str] = []
        self._position: dict[str, int] = {}
        self._signatures = np.zeros((1024, num_perm), dtype=np.uint32)
        self._hash = np.zeros(0, dtype=np.uint64)  # every merged band hash, sorted
        self._at = np.zeros(0, dtype=np.uint32)  # the signature each belongs to
        self._pending_hash = np.zeros((self.bands, self._MERGE), dtype=np.uint64)
        self._pending_at = np.zeros(self._MERGE, dtype=np.uint32)
        self._pending = 0

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: str) -> bool:
        return key in self._position

    def _array(self, signature: list[int]) -> np.ndarray:
        if len(signature) != self.num_perm:
            raise ValueError(
                f"signature has {len(signature)} values, the index expects {self.num_perm}"
            )
        return np.asarray(signature, dtype=np.uint64)

    def _band_hashes(self, array: np.ndarray) -> np.ndarray:
        """One 64-bit hash per band, salted by the band (uint64 arithmetic wraps)."""
        mixed = array[: self.bands * self.rows].reshape(self.bands, self.rows) * self._MIX[
            : self.rows]
        out = mixed[:, 0] ^ self._salt
        for r in range(1, self.rows):
            out = (out ^ (out >> np.uint64(29))) * self._MIX[0] ^ mixed[:, r]
        return out

    def add(self, key: str, signature: list[int]) -> None:
        """Index one signature under `key` (adding a key again replaces nothing; it is ignored)."""
        if key in self._position:
            return
        array = self._array(signature)
        if (array == EMPTY_HASH).all():
            return  # a text without words is nobody's near-duplicate
        at = len(self._keys)
        if at == len(self._signatures):
            grown = np.zeros((2 * at, self.num_perm), dtype=np.uint32)
            grown[:at] = self._signatures
            self._signatures = grown
        self._signatures[at] = np.minimum(array, 0xFFFFFFFF)  # slots are 32-bit hashes
        self._keys.append(key)
        self._position[key] = at
        self._pending_hash[:, self._pending] = self._band_hashes(array)
        self._pending_at[self._pending] = at
        self._pending += 1
        if self._pending == self._MERGE:
            self._merge()

    def _merge(self) -> None:
        """Insert the buffered band hashes into the sorted array (linear, not a re-sort)."""
        n = self._pending
        hashes = self._pending_hash[:, :n].ravel()
        at = np.tile(self._pending_at[:n], self.bands)
        order = np.argsort(hashes, kind="stable")
        hashes, at = hashes[order], at[order]
        where = np.searchsorted(self._hash, hashes, side="right")
        self._hash = np.insert(self._hash, where, hashes)
        self._at = np.insert(self._at, where, at)
        self._pending = 0

    def query(self, signature: list[int], threshold: float = 0.5) -> list[tuple[str, float]]:
        """Indexed keys whose estimated similarity is at least `threshold`, best first."""
        array = self._array(signature)
        if (array == EMPTY_HASH).all() or not self._keys:
            return []
        hashes = self._band_hashes(array)
        found = []
        if self._pending:
            hit = (self._pending_hash[:, : self._pending] == hashes[:, None]).any(axis=0)
            if hit.any():
                found.append(self._pending_at[: self._pending][hit])
        lo = np.searchsorted(self._hash, hashes, side="left")
        hi = np.searchsorted(self._hash, hashes, side="right")
        for band in np.nonzero(hi > lo)[0]:
            found.append(self._at[lo[band]:hi[band]])
        if not found:
            return []
        candidates = np.unique(np.concatenate(found))
        query = np.minimum(array, 0xFFFFFFFF).astype(np.uint32)
        scores = np.count_nonzero(self._signatures[candidates] == query, axis=1) / self.num_perm
        hits = [(self._keys[i], float(score)) for i, score in zip(candidates, scores, strict=True)
                if score >= threshold]
        return sorted(hits, key=lambda item: (-item[1], item[0]))
