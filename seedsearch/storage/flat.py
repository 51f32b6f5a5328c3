"""Flat postings: a segment's posting lists as two plain arrays.

Whoosh 2.7.4 stores a posting list in blocks of 128, each a zlib-compressed
pickle of (ids, weights, positions).  Reading a whole list that way costs a
decompression and an unpickling per block, positions included, even when
only the documents and frequencies are wanted, which is what scoring wants:
at 50,000 documents a common word's exact-form list took ~12 ms to decode.

So each segment seedsearch writes also carries one more file (extension
:data:`EXT`, inside the segment's compound file) with every posting list
as flat arrays, found by the list's offset in Whoosh's
postings file (which the term's Whoosh ``TermInfo`` gives):

=========  ==========================================================
magic      4 bytes, :data:`MAGIC`
n          uint64: how many posting lists
offsets    int64[n], ascending: each list's offset in Whoosh's file
starts     int64[n]: where each list begins in ``ids``/``weights``
counts     int64[n]: how many postings each list has
ids        uint32[total]: document numbers, ascending within a list
weights    float32[total]: the weights Whoosh stores (as float32 too)
first      uint32[total + 1]: where each posting's positions begin in
           ``positions`` (a posting without positions has none)
(padding)  zero bytes to a multiple of 8
p          uint64: how many positions
positions  uint32[p]: the word positions of each posting, ascending
(padding)  zero bytes to a multiple of 8
m          uint64: how many terms the segment has
keys       uint64[m], ascending: :func:`term_keys` of every term
=========  ==========================================================

The positions let a phrase be checked for thousands of candidates with a
few numpy operations, where Whoosh's format has one pickle per posting.

The term keys let a fuzzy word test its few hundred one-edit candidates
(see :mod:`.edits`) against the whole vocabulary at once, instead of
walking Whoosh's term list with an automaton; a key found is confirmed
with Whoosh's own look-up, so a hash collision costs nothing but time.

An index written before this file existed (or by another Whoosh writer)
simply lacks it, and its lists are decoded from Whoosh's blocks.
"""

from __future__ import annotations

import io
from array import array
from collections.abc import Iterable
from hashlib import blake2b
from typing import Any

import numpy as np

__all__ = ["EXT", "MAGIC", "FlatWriter", "FlatPostings", "term_keys"]

EXT = ".ssflat"
MAGIC = b"SSF2"
_HEADER = len(MAGIC) + 8


def term_keys(fieldname: str, terms: Iterable[bytes]) -> np.ndarray:
    """A 64-bit key (BLAKE2b of field and term) for each UTF-8 term."""
    prefix = fieldname.encode("utf-8") + b"\0"
    digests = b"".join(blake2b(prefix + t, digest_size=8).digest() for t in terms)
    return np.frombuffer(digests, dtype="<u8")


def _aligned(arr: np.ndarray) -> np.ndarray:
    return arr if arr.flags.aligned else arr.copy()


class FlatWriter:
    """Collects posting lists in the order they are written."""

    def __init__(self) -> None:
        self.terms: dict[str, list[bytes]] = {}
        self.offsets: list[int] = []
        self.counts: list[int] = []
        self.ids = bytearray()
        self.weights = bytearray()
        self.first = array("I")
        self.positions = array("I")

    def add(self, offset: int, docs: Any, weights: Any,
            positions: Iterable[Iterable[int]] | None = None) -> None:
        """One posting list, written at ``offset`` of Whoosh's postings file
        (document numbers and weights: sequences, or ``array("I")`` and
        ``array("f")``, which are copied as they are; ``positions``: each
        posting's positions, for a field that keeps them)."""
        if self.offsets and offset <= self.offsets[-1]:
            raise ValueError(f"posting offsets must ascend: {offset} after {self.offsets[-1]}")
        self.offsets.append(offset)
        self.counts.append(len(docs))
        self.ids += docs if isinstance(docs, array) and docs.typecode == "I" else array("I", docs)
        self.weights += (weights if isinstance(weights, array) and weights.typecode == "f"
                         else array("f", weights))
        if positions is None:
            self.first.extend([len(self.positions)] * len(docs))
            return
        for plist in positions:
            self.first.append(len(self.positions))
            self.positions.extend(plist)

    def add_term(self, fieldname: str, tbytes: bytes) -> None:
        """One term of the segment (every term, inlined lists included)."""
        self.terms.setdefault(fieldname, []).append(tbytes)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.write(out)
        return out.getvalue()

    def write(self, out: Any) -> None:
        """Write the file to ``out`` (anything with ``write``), part by part:
        at 25,000 documents a segment's arrays are 150 MB, not to be copied."""
        counts = np.asarray(self.counts, dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
        keys = np.unique(np.concatenate(
            [term_keys(f, ts) for f, ts in self.terms.items()] or [np.zeros(0, dtype="<u8")]))
        written = 0
        for part in (MAGIC, np.uint64(len(counts)).tobytes(),
                     np.asarray(self.offsets, dtype=np.int64).tobytes(), starts.tobytes(),
                     counts.tobytes(), self.ids, self.weights, memoryview(self.first),
                     array("I", [len(self.positions)]).tobytes(), None,
                     np.uint64(len(self.positions)).tobytes(), memoryview(self.positions), None,
                     np.uint64(len(keys)).tobytes(), keys.astype("<u8").tobytes()):
            if part is None:  # pad to a multiple of 8
                part = bytes(-written % 8)
            out.write(part)
            written += memoryview(part).nbytes


class FlatPostings:
    """The arrays of one segment's flat-postings file, read in place."""

    def __init__(self, buffer: Any):
        if bytes(buffer[:len(MAGIC)]) != MAGIC:
            raise ValueError("not a seedsearch flat-postings file")
        assert array("I").itemsize == 4 and array("f").itemsize == 4
        n = int(np.frombuffer(buffer, dtype=np.uint64, count=1, offset=len(MAGIC))[0])
        at = _HEADER
        # The two tables searched are copied unless aligned: inside a compound
        # file they need not be, and numpy copies an unaligned array on every
        # searchsorted.  Everything else is read in place.
        self.offsets = _aligned(np.frombuffer(buffer, dtype=np.int64, count=n, offset=at))
        self.starts = np.frombuffer(buffer, dtype=np.int64, count=n, offset=at + 8 * n)
        self.counts = np.frombuffer(buffer, dtype=np.int64, count=n, offset=at + 16 * n)
        total = int(self.counts.sum()) if n else 0
        at += 24 * n
        self.ids = np.frombuffer(buffer, dtype=np.uint32, count=total, offset=at)
        self.weights = np.frombuffer(buffer, dtype=np.float32, count=total, offset=at + 4 * total)
        self.first = np.frombuffer(buffer, dtype=np.uint32, count=total + 1,
                                   offset=at + 8 * total)
        at += 12 * total + 4
        at += -at % 8
        p = int(np.frombuffer(buffer, dtype="<u8", count=1, offset=at)[0])
        self.positions = np.frombuffer(buffer, dtype=np.uint32, count=p, offset=at + 8)
        at += 8 + 4 * p
        at += -at % 8
        m = int(np.frombuffer(buffer, dtype="<u8", count=1, offset=at)[0])
        self.keys = _aligned(np.frombuffer(buffer, dtype="<u8", count=m, offset=at + 8))

    def has_term(self, fieldname: str, tbytes: bytes) -> bool:
        """Whether the segment (probably) has this one term."""
        key = term_keys(fieldname, (tbytes,))[0]
        i = int(self.keys.searchsorted(key))
        return i < len(self.keys) and self.keys[i] == key

    def has_keys(self, keys: np.ndarray) -> np.ndarray:
        """For each term key (:func:`term_keys`), whether the segment
        (probably) has the term."""
        at = np.minimum(np.searchsorted(self.keys, keys), max(len(self.keys) - 1, 0))
        return self.keys[at] == keys if len(self.keys) else np.zeros(len(keys), dtype=bool)

    def _span(self, offset: int) -> tuple[int, int] | None:
        i = int(np.searchsorted(self.offsets, offset))
        if i == len(self.offsets) or self.offsets[i] != offset:
            return None
        start = int(self.starts[i])
        return start, start + int(self.counts[i])

    def get(self, offset: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The documents (int64) and weights (float64) of the list written
        at ``offset``, or None when this file does not hold it."""
        span = self._span(offset)
        if span is None:
            return None
        start, end = span
        return (self.ids[start:end].astype(np.int64),
                self.weights[start:end].astype(np.float64))

    def get_positions(self, offset: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The documents of the list written at ``offset``, and for each its
        positions as ``(first, counts)`` into :attr:`positions`; None when
        this file does not hold the list."""
        span = self._span(offset)
        if span is None:
            return None
        start, end = span
        first = self.first[start:end + 1].astype(np.int64)
        return self.ids[start:end].astype(np.int64), first[:-1], np.diff(first)
