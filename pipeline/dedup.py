"""Near-duplicate articles: the same story syndicated by several outlets (ANTARA copies).

Texts are compared by content, not by URL or title: each cleaned text becomes a set of word
shingles (runs of `shingle_size` consecutive lowercased words), hashed with hashlib, and a MinHash
signature of `num_perm` values estimates the Jaccard similarity of two shingle sets. Locality-
sensitive hashing (signature bands) finds the candidates without comparing every pair, so the index
stays fast on large crawls. A text whose estimated similarity to an earlier kept text is at least
`threshold` is a duplicate of it; the first text seen is the one kept.

A syndicated copy differs in its dateline ("SERANG, Portal X -"), its "Baca juga" teasers (removed by
cleaning), sometimes a trimmed last paragraph: it keeps most 5-word shingles (similarity 0.7-1.0).
Two different press releases written on the same template (another region, other names and numbers)
share few 5-word shingles (similarity below 0.3). Texts shorter than `min_words` words are matched
only when identical after normalisation: their shingle sets are too small to estimate.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

#: Default similarity (estimated Jaccard of 5-word shingles) from which a text is a duplicate.
DEFAULT_THRESHOLD = 0.5
NUM_PERM = 128
SHINGLE_SIZE = 5
MIN_WORDS = 25

_WORD = re.compile(r"\w+", re.UNICODE)
#: A prime above 2**32: (a * h + b) mod P with h, a, b < 2**32 never overflows uint64.
_PRIME = np.uint64(4294967311)


def words(text: str) -> list[str]:
    """The lowercased words of `text` (punctuation, case and spacing do not matter)."""
    return [w.lower() for w in _WORD.findall(text)]


def _hash32(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little")


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """The distinct 32-bit hashes of the word shingles of `text` (uint64 array, may be empty)."""
    ws = words(text)
    if not ws:
        return np.zeros(0, dtype=np.uint64)
    if len(ws) <= size:
        grams = {" ".join(ws)}
    else:
        grams = {" ".join(ws[i:i + size]) for i in range(len(ws) - size + 1)}
    return np.fromiter((_hash32(g) for g in grams), dtype=np.uint64, count=len(grams))


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
class _Kept:
    signature: np.ndarray | None  # None for short texts (exact matching only)


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
    seed: int = 20240214
    duplicates: dict[str, str] = field(default_factory=dict, init=False)  # duplicate id -> kept id

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        rng = np.random.default_rng(self.seed)
        self._a = rng.integers(1, 2**32, size=self.num_perm, dtype=np.uint64)
        self._b = rng.integers(0, 2**32, size=self.num_perm, dtype=np.uint64)
        self._bands, self._rows = _bands_for(self.threshold, self.num_perm)
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in range(self._bands)]
        self._exact: dict[str, str] = {}  # digest of the normalised text -> kept id
        self._kept: dict[str, _Kept] = {}

    def __len__(self) -> int:
        """How many texts are kept (indexed)."""
        return len(self._kept)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._kept or article_id in self.duplicates

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash signature of `text`; None when it is shorter than `min_words` words."""
        if len(words(text)) < self.min_words:
            return None
        hv = shingle_hashes(text, self.shingle_size)
        return ((self._a[:, None] * hv[None, :] + self._b[:, None]) % _PRIME).min(axis=1)

    def _band_keys(self, sig: np.ndarray) -> list[bytes]:
        r = self._rows
        return [sig[i * r:(i + 1) * r].tobytes() for i in range(self._bands)]

    @staticmethod
    def _digest(text: str) -> str:
        return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()

    def query(self, text: str) -> tuple[str, float] | None:
        """The kept article most similar to `text` at or above the threshold, with the similarity."""
        digest = self._digest(text)
        if digest in self._exact:
            return self._exact[digest], 1.0
        sig = self.signature(text)
        if sig is None:
            return None
        return self._best(sig)

    def _best(self, sig: np.ndarray) -> tuple[str, float] | None:
        candidates: dict[str, None] = {}  # ordered: earlier kept articles first
        for bucket, key in zip(self._buckets, self._band_keys(sig), strict=True):
            for kept_id in bucket.get(key, ()):
                candidates.setdefault(kept_id)
        best: tuple[str, float] | None = None
        for kept_id in candidates:
            other = self._kept[kept_id].signature
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
        if article_id in self._kept:
            return None
        if article_id in self.duplicates:
            return self.duplicates[article_id]
        if not words(text):
            return None
        digest = self._digest(text)
        if digest in self._exact:
            self.duplicates[article_id] = self._exact[digest]
            return self._exact[digest]
        sig = self.signature(text)
        if sig is not None:
            match = self._best(sig)
            if match is not None:
                self.duplicates[article_id] = match[0]
                return match[0]
            for bucket, key in zip(self._buckets, self._band_keys(sig), strict=True):
                bucket.setdefault(key, []).append(article_id)
        self._exact[digest] = article_id
        self._kept[article_id] = _Kept(signature=sig)
        return None


def find_duplicates(items: Iterable[tuple[str, str]], threshold: float = DEFAULT_THRESHOLD) -> dict[str, str]:
    """Map each duplicate article id to the id of the kept article (the first seen of its group).

    `items` are (article_id, cleaned text) pairs in input order. Articles that are not duplicates do
    not appear in the result.
    """
    index = DuplicateIndex(threshold=threshold)
    for article_id, text in items:
        index.add(article_id, text or "")
    return dict(index.duplicates)
