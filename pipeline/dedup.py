"""Near-duplicate articles: the same story syndicated by several outlets (ANTARA copies).

Texts are compared by content, not by URL or title: each cleaned text becomes a set of word
shingles (runs of `shingle_size` consecutive lowercased words) with 32-bit hashes (CRC-32 of each word,
combined over the shingle with numpy), and a MinHash signature of `num_perm` values estimates the
Jaccard similarity of two shingle sets. A text's `Fingerprint` (exact digest + signature) is computed
once, where the text is (a batch worker), so only 1 KB per article travels to the index. Locality-
sensitive hashing (signature bands) finds the candidates without comparing every pair, so the index
stays fast on large crawls. A text whose estimated similarity to an earlier kept text is at least
`threshold` is a duplicate of it; the first text seen is the one kept.

A syndicated copy differs in its dateline ("SERANG, Portal X -"), its "Baca juga" teasers (removed by
cleaning), sometimes a trimmed last paragraph: it keeps most 5-word shingles (similarity 0.7-1.0).
Two different press releases written on the same template (another region, other names and numbers)
share few 5-word shingles (similarity mostly below 0.3, up to 0.4). The MinHash estimate of a
similarity J has a standard deviation of sqrt(J(1-J)/num_perm): with 128 values and a threshold of 0.5,
a run over 50,000 generated template articles marked 7 pairs of true similarity 0.30-0.41 as copies
(and dropped their facts). With 256 values and 0.6 the threshold stands 6 standard deviations above
such pairs and 3.5 below a copy at 0.7: a borderline copy may be missed, a different article is not
dropped. Texts shorter than `min_words` words are matched
only when identical after normalisation: their shingle sets are too small to estimate.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

#: Default similarity (estimated Jaccard of 5-word shingles) from which a text is a duplicate.
DEFAULT_THRESHOLD = 0.6
NUM_PERM = 256
SHINGLE_SIZE = 5
MIN_WORDS = 25
SEED = 20240214

_WORD = re.compile(r"\w+", re.UNICODE)
#: A prime above 2**32: (a * h + b) mod P with h, a, b < 2**32 never overflows uint64.
_PRIME = np.uint64(4294967311)
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))
_MAX32 = np.uint64(2**32 - 1)


def words(text: str) -> list[str]:
    """The lowercased words of `text` (punctuation, case and spacing do not matter)."""
    return _WORD.findall(text.lower())


def _shingles(ws: list[str], size: int) -> np.ndarray:
    """Distinct 32-bit hashes (uint64 array) of the `size`-word shingles of the words `ws`."""
    if not ws:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in ws), dtype=np.uint64, count=len(ws))
    n = max(1, len(ws) - size + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(min(size, len(ws))):  # a polynomial of the word hashes, wrapping modulo 2**64
        acc = acc * _MIX[0] + h[k:k + n]
    acc ^= acc >> np.uint64(31)  # splitmix64 finaliser: every bit of the shingle reaches the top 32
    acc *= _MIX[1]
    acc ^= acc >> np.uint64(29)
    acc *= _MIX[2]
    return np.unique(acc >> np.uint64(32))


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """The distinct 32-bit hashes of the word shingles of `text` (uint64 array, may be empty)."""
    return _shingles(words(text), size)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return (rng.integers(1, 2**32, size=num_perm, dtype=np.uint64),
            rng.integers(0, 2**32, size=num_perm, dtype=np.uint64))


@dataclass(frozen=True)
class Fingerprint:
    """What the index needs of one text: the digest of its words and its MinHash signature."""

    digest: str  # sha1 of the normalised words: exact copies
    signature: np.ndarray | None  # uint32 MinHash values; None for texts under `min_words` words

    def signature_bytes(self) -> bytes:
        return b"" if self.signature is None else self.signature.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, digest: str, data: bytes) -> Fingerprint:
        return cls(digest, np.frombuffer(data, dtype="<u4").astype(np.uint32) if data else None)


def fingerprint(text: str, num_perm: int = NUM_PERM, shingle_size: int = SHINGLE_SIZE,
                min_words: int = MIN_WORDS, seed: int = SEED) -> Fingerprint | None:
    """The `Fingerprint` of `text`; None when it has no words."""
    ws = words(text)
    if not ws:
        return None
    digest = hashlib.sha1(" ".join(ws).encode("utf-8")).hexdigest()
    if len(ws) < min_words:
        return Fingerprint(digest, None)
    a, b = _permutations(num_perm, seed)
    hv = _shingles(ws, shingle_size)
    sig = ((a[:, None] * hv[None, :] + b[:, None]) % _PRIME).min(axis=1)
    return Fingerprint(digest, np.minimum(sig, _MAX32).astype(np.uint32))


def jaccard(text_a: str, text_b: str, size: int = SHINGLE_SIZE) -> float:
    """The exact Jaccard similarity of the shingle sets of two texts (for checks and tuning)."""
    a, b = set(shingle_hashes(text_a, size).tolist()), set(shingle_hashes(text_b, size).tolist())
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _bands_for(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows): the most selective banding that still finds a pair at `threshold` 99% of the time."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if bands < 1:
            break
        p_candidate = 1.0 - (1.0 - threshold**rows) ** bands
        if p_candidate >= 0.99:
            best = (bands, rows)
    return best


@dataclass
class DuplicateIndex:
    """An incremental near-duplicate index: `add` texts in order; the first of a group is kept.

    >>> idx = DuplicateIndex()
    >>> idx.add("a", text)          # None: new, kept
    >>> idx.add("b", copy_of_text)  # "a": b is a duplicate of a
    """

    threshold: float = DEFAULT_THRESHOLD
    num_perm: int = NUM_PERM
    shingle_size: int = SHINGLE_SIZE
    min_words: int = MIN_WORDS
    seed: int = SEED
    duplicates: dict[str, str] = field(default_factory=dict, init=False)  # duplicate id -> kept id

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        self._bands, self._rows = _bands_for(self.threshold, self.num_perm)
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in range(self._bands)]
        self._exact: dict[str, str] = {}  # digest of the normalised text -> kept id
        self._kept: dict[str, np.ndarray | None] = {}  # kept id -> signature (None: short text)

    def __len__(self) -> int:
        """How many texts are kept (indexed)."""
        return len(self._kept)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._kept or article_id in self.duplicates

    def fingerprint(self, text: str) -> Fingerprint | None:
        """`fingerprint(text)` with this index's settings."""
        return fingerprint(text, self.num_perm, self.shingle_size, self.min_words, self.seed)

    def _band_keys(self, sig: np.ndarray) -> list[bytes]:
        """The bytes of each band of `sig` (slices of one `tobytes`: the same keys, 5x cheaper)."""
        raw = sig.tobytes()
        step = self._rows * sig.itemsize
        return [raw[i * step:(i + 1) * step] for i in range(self._bands)]

    def query(self, text: str) -> tuple[str, float] | None:
        """The kept article most similar to `text` at or above the threshold, with the similarity."""
        fp = self.fingerprint(text)
        if fp is None:
            return None
        if fp.digest in self._exact:
            return self._exact[fp.digest], 1.0
        return None if fp.signature is None else self._best(fp.signature)

    def _best(self, sig: np.ndarray, keys: list[bytes] | None = None) -> tuple[str, float] | None:
        candidates: dict[str, None] = {}  # ordered: earlier kept articles first
        for bucket, key in zip(self._buckets, keys or self._band_keys(sig), strict=True):
            for kept_id in bucket.get(key, ()):
                candidates.setdefault(kept_id)
        best: tuple[str, float] | None = None
        for kept_id in candidates:
            other = self._kept[kept_id]
            if other is None:
                continue
            sim = float(np.count_nonzero(other == sig)) / self.num_perm
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (kept_id, sim)
        return best

    def add(self, article_id: str, text: str) -> str | None:
        """Add one article: the id of the kept article it duplicates, or None (it is kept and indexed).

        Empty texts are neither kept nor duplicates (None, not indexed). Adding an id again returns
        what its first addition returned.
        """
        if article_id in self._kept or article_id in self.duplicates:
            return self.duplicates.get(article_id)
        return self.add_fingerprint(article_id, self.fingerprint(text))

    def add_fingerprint(self, article_id: str, fp: Fingerprint | None) -> str | None:
        """`add` for a text whose fingerprint was computed elsewhere (with the same settings)."""
        if article_id in self._kept or article_id in self.duplicates:
            return self.duplicates.get(article_id)
        if fp is None:
            return None
        if fp.digest in self._exact:
            self.duplicates[article_id] = self._exact[fp.digest]
            return self._exact[fp.digest]
        sig = fp.signature
        if sig is not None:
            if len(sig) != self.num_perm:
                raise ValueError(f"signature of {len(sig)} values for an index of num_perm={self.num_perm}")
            keys = self._band_keys(sig)
            match = self._best(sig, keys)
            if match is not None:
                self.duplicates[article_id] = match[0]
                return match[0]
            for bucket, key in zip(self._buckets, keys, strict=True):
                bucket.setdefault(key, []).append(article_id)
        self._exact[fp.digest] = article_id
        self._kept[article_id] = sig
        return None


def find_duplicates(items: Iterable[tuple[str, str]], threshold: float = DEFAULT_THRESHOLD) -> dict[str, str]:
    """Map each duplicate article id to the id of the kept article (the first seen of its group).

    `items` are (article_id, cleaned text) pairs in input order. Articles that are not duplicates do
    not appear in the result.
    """
    return find_duplicates_fp(((article_id, fingerprint(text or "")) for article_id, text in items), threshold)


def find_duplicates_fp(items: Iterable[tuple[str, Fingerprint | None]],
                       threshold: float = DEFAULT_THRESHOLD) -> dict[str, str]:
    """`find_duplicates` over (article_id, `fingerprint(text)`) pairs, in input order."""
    index = DuplicateIndex(threshold=threshold)
    for article_id, fp in items:
        index.add_fingerprint(article_id, fp)
    return dict(index.duplicates)
