"""Flat postings of format 2, as seedsearch 0.1 wrote them: read only.

=========  ==========================================================
magic      4 bytes, ``SSF2``
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
keys       uint64[m], ascending: :func:`~.keys.term_keys` of every term
=========  ==========================================================

Segments written since are in format 3 (:mod:`.flat`); ``optimize()``
rewrites an old index's segments in it.
"""

from __future__ import annotations

from array import array
from typing import Any

import numpy as np

from .keys import ABSENT, ASK_WHOOSH
from .keys import aligned as _aligned

__all__ = ["FlatPostings2"]

MAGIC = b"SSF2"
_HEADER = len(MAGIC) + 8


class FlatPostings2:
    """The arrays of one segment's flat-postings file of format 2 (seedsearch
    0.1), read in place."""

    version = 2

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

    def has_key(self, key: np.uint64) -> bool:
        """Whether the segment (probably) has the term of this one key
        (:func:`term_keys`)."""
        i = int(self.keys.searchsorted(key))
        return i < len(self.keys) and bool(self.keys[i] == key)

    def has_keys(self, keys: np.ndarray) -> np.ndarray:
        """For each term key (:func:`term_keys`), whether the segment
        (probably) has the term."""
        at = np.minimum(np.searchsorted(self.keys, keys), max(len(self.keys) - 1, 0))
        return self.keys[at] == keys if len(self.keys) else np.zeros(len(keys), dtype=bool)

    def find(self, fieldname: str, tbytes: bytes, key: np.uint64) -> int:
        """:data:`~.flat.ABSENT` when the segment lacks the term, else
        :data:`~.flat.ASK_WHOOSH`: this format keeps no term -> list index."""
        return ASK_WHOOSH if self.has_key(key) else ABSENT

    def list_at(self, offset: int) -> int | None:
        """The number of the list written at ``offset`` of Whoosh's
        postings file, or None when this file does not hold it."""
        i = int(np.searchsorted(self.offsets, offset))
        if i == len(self.offsets) or self.offsets[i] != offset:
            return None
        return i

    def count(self, i: int) -> int:
        return int(self.counts[i])

    def postings(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """The documents (int64) and weights (float64) of list ``i``."""
        start = int(self.starts[i])
        end = start + int(self.counts[i])
        return (self.ids[start:end].astype(np.int64),
                self.weights[start:end].astype(np.float64))

    def positions_of(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The documents of list ``i`` and for each its positions as
        ``(first, counts)`` into :attr:`positions`."""
        start = int(self.starts[i])
        end = start + int(self.counts[i])
        first = self.first[start:end + 1].astype(np.int64)
        return self.ids[start:end].astype(np.int64), first[:-1], np.diff(first)
