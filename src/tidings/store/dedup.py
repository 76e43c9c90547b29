"""Near-duplicate detection for syndicated copies: word shingles, MinHash and LSH banding.

A wire story reappears at many outlets under other headlines, trimmed, or with a local
paragraph added. Copies share most of their word 5-grams ("shingles"). A MinHash signature
(NUM_PERM minimum hash values under random affine permutations) estimates the Jaccard
similarity of two shingle sets; LSH banding (BANDS bands of ROWS values) puts two
signatures in a common bucket with high probability when their similarity is above about
(1/BANDS) ** (1/ROWS) ~ 0.29. Candidates from the buckets are then verified on the real
shingle sets: same story when the Jaccard similarity or the containment of the shorter text
in the longer one is high enough (containment catches trimmed copies and added paragraphs).

Pure numpy; no spaCy.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

__all__ = [
    "shingles",
    "minhash",
    "lsh_buckets",
    "similarity",
    "Similarity",
    "is_same_story",
    "same_story_score",
    "NUM_PERM",
    "BANDS",
    "ROWS",
    "SHINGLE",
    "words",
    "TextSketch",
]

SHINGLE = 5  # words per shingle
NUM_PERM = 126  # signature length (= BANDS * ROWS)
BANDS = 42
ROWS = 3
MIN_SHINGLES = 8  # texts shorter than this are never grouped with others
JACCARD_MIN = 0.5  # same story if the shingle sets overlap this much ...
CONTAINMENT_MIN = 0.7  # ... or the shorter text lies this much inside the longer one

_MERSENNE = np.uint64((1 << 61) - 1)
_SHIFT = np.uint64(61)
_rng = np.random.default_rng(20211212)
_A = _rng.integers(1, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)
_CHUNK = 4096  # shingles hashed at a time


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The set of k-word shingles of a text (the whole text when it has fewer than k words)."""
    w = words(text)
    if len(w) < k:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i : i + k]) for i in range(len(w) - k + 1)}


def _hashes(sh: set[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(s.encode("utf-8")) for s in sh), dtype=np.uint64, count=len(sh))


def minhash(sh: set[str]) -> np.ndarray:
    """MinHash signature (uint32[NUM_PERM]) of a shingle set."""
    if not sh:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    x = _hashes(sh)
    out = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for i in range(0, len(x), _CHUNK):  # bounded memory for long texts
        # (a * x + b) mod p for every permutation (rows) and shingle (columns); a, x < 2**32
        np.minimum(out, _mod_mersenne(np.multiply.outer(_A, x[i : i + _CHUNK]) + _B[:, None]).min(axis=1), out=out)
    return (out & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _mod_mersenne(v: np.ndarray) -> np.ndarray:
    """v mod (2**61 - 1) for uint64 values, in place, without a division: 2**61 is 1 modulo
    p, so v = high * 2**61 + low is (high + low) mod p, and high + low <= p + 7 < 2 p needs at
    most one subtraction of p. The same values as `v % p` (PolNeAR's minhash 0.49 -> 0.37 ms
    per article; the division was most of it)."""
    high = v >> _SHIFT
    v &= _MERSENNE
    v += high
    np.subtract(v, _MERSENNE, out=v, where=v >= _MERSENNE)
    return v


def lsh_buckets(signature: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) pairs of a signature; bucket is a signed 64-bit hash of the band number
    and the band's rows (so that a bucket alone identifies a band)."""
    sig = np.asarray(signature, dtype=np.uint32)
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(
            b.to_bytes(2, "little") + sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8
        ).digest()
        out.append((b, int.from_bytes(digest, "little", signed=True)))
    return out


class TextSketch:
    """What near-duplicate search needs of one text: its number of shingles, MinHash signature
    and LSH buckets, computed once (a pool's workers make them beside the coding; the store's
    writer otherwise). The shingle set itself is needed only to verify a candidate: a sketch
    made elsewhere travels without it (and without its text) and computes it again from the
    text it is given (`for_text`) when asked."""

    __slots__ = ("count", "signature", "buckets", "_shingles", "_text")

    def __init__(
        self,
        count: int,
        signature: np.ndarray,
        buckets: list[tuple[int, int]],
        shingle_set: set[str] | None = None,
        text: str | None = None,
    ):
        self.count, self.signature, self.buckets = count, signature, buckets
        self._shingles, self._text = shingle_set, text

    @classmethod
    def of(cls, text: str, portable: bool = False) -> "TextSketch":
        """The sketch of a text; `portable`: without the shingle set and the text (to send)."""
        sh = shingles(text)
        sig = minhash(sh)
        return cls(len(sh), sig, lsh_buckets(sig), None if portable else sh, None if portable else text)

    def for_text(self, text: str) -> "TextSketch":
        """This sketch, knowing the text it was made of (for one that travelled without it)."""
        return self if self._text is not None else TextSketch(self.count, self.signature, self.buckets, None, text)

    def shingles(self, made: dict[str, set[str]] | None = None) -> set[str]:
        """The text's shingle set; `made`: the sets made already, by text (read and added to)."""
        if self._shingles is None:
            if self._text is None:
                raise ValueError("a sketch without its text: give it with for_text()")
            if made is None:
                self._shingles = shingles(self._text)
            else:
                got = made.get(self._text)
                self._shingles = got if got is not None else made.setdefault(self._text, shingles(self._text))
        return self._shingles

    def __getstate__(self) -> tuple[int, np.ndarray, list[tuple[int, int]]]:
        return (self.count, self.signature, self.buckets)

    def __setstate__(self, state: tuple[int, np.ndarray, list[tuple[int, int]]]) -> None:
        self.count, self.signature, self.buckets = state
        self._shingles = self._text = None


def estimated_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    return float(np.mean(np.asarray(sig_a, dtype=np.uint32) == np.asarray(sig_b, dtype=np.uint32)))


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float

    @property
    def score(self) -> float:
        return max(self.jaccard, self.containment)


def similarity(a: set[str], b: set[str]) -> Similarity:
    if not a or not b:
        return Similarity(0.0, 0.0)
    inter = len(a & b)
    return Similarity(inter / len(a | b), inter / min(len(a), len(b)))


def is_same_story(a: set[str], b: set[str]) -> bool:
    return same_story_score(a, b) is not None


def same_story_score(a: set[str], b: set[str]) -> float | None:
    """How alike two texts are (Similarity.score) when they are copies of one story
    (is_same_story), else None: the overlap is counted once for both."""
    if len(a) < MIN_SHINGLES or len(b) < MIN_SHINGLES:
        return None
    s = similarity(a, b)
    return s.score if s.jaccard >= JACCARD_MIN or s.containment >= CONTAINMENT_MIN else None


def sentence_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the word bigrams of two sentences (used to match events)."""
    sa, sb = shingles(a, 2), shingles(b, 2)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


_SUFFIXES = ("ing", "ed", "es", "s")


def trigger_key(text: str | None) -> str:
    """A crude, deterministic lemma of a trigger ("agree", "agreed", "agrees" -> "agr")."""
    out = []
    for w in words(text or ""):
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)]
                break
        if len(w) > 3:
            w = w[:3] + w[3:].rstrip("e")
        out.append(w)
    return " ".join(out)
