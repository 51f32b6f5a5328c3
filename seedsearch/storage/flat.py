"""Flat postings: a segment's posting lists as small plain arrays.

Whoosh 2.7.4 stores a posting list in blocks of 128, each a zlib-compressed
pickle of (ids, weights, positions).  Reading a whole list that way costs a
decompression and an unpickling per block, positions included, even when
only the documents and frequencies are wanted, which is what scoring wants:
at 50,000 documents a common word's exact-form list took ~12 ms to decode.

So each segment seedsearch writes also carries one more file (extension
:data:`EXT`, inside the segment's compound file) with every posting list
as flat arrays, found by the list's offset in Whoosh's postings file (which
the term's Whoosh ``TermInfo`` gives).  Format 3 (:data:`MAGIC`) keeps them
narrow, since they repeat what Whoosh's postings hold:

=============  =========================================================
``SSF3``       the magic, then a little-endian uint32: the header's length
header         JSON: ``{"version": 3, "arrays": {name: [dtype, count,
               offset]}}``; every array starts at a multiple of 8
``offsets``    uint32 (int64 past 4 GB), ascending: each list's offset in
               Whoosh's postings file
``counts``     uint32: how many postings each list has
``wide``       uint8: 1 where the list's document numbers are in ``ids32``
``positional`` uint8: 1 where the list's postings carry positions
``pos_starts`` uint32 (uint64 past 4 G): where each list's positions begin
``ids16``      uint16: the document numbers of the narrow lists, each as
               the gap from the one before (the first: from 0)
``ids32``      uint32: the same for the lists with a gap of 65,536 or more
``freq``       uint8: each posting's frequency (the weight Whoosh stores,
               a whole number; for a positional list, how many positions
               it has); 255 means "see ``big_at``/``big``"
``big_at``     uint32, ascending: the postings whose frequency is 255 or more
``big``        uint32: those frequencies
``positions``  uint16 (uint32 where a document passes 65,535 words): the
               word positions of each posting, ascending
``keys``       uint64, ascending: :func:`term_keys` of every term
=============  =========================================================

About 3 bytes a posting and 2 a position, against 12 and 4 in format 2
(which kept 32-bit documents, float weights and a start per posting).

The positions let a phrase be checked for thousands of candidates with a
few numpy operations, where Whoosh's format has one pickle per posting.
The term keys let a fuzzy word test its few hundred one-edit candidates
against the whole vocabulary at once; a key found is confirmed with
Whoosh's own look-up, so a hash collision costs nothing but time.

An index written before this file existed (or by another Whoosh writer)
lacks it, and one in a format this module does not know (:func:`read_flat`
returns None) is read from Whoosh's blocks: correctly, more slowly.  Format
2 files, written by seedsearch 0.1, are still read (:mod:`.flat2`).
"""

from __future__ import annotations

import io
import json
import struct
from array import array
from collections.abc import Iterable
from typing import Any, Protocol

import numpy as np

from .keys import aligned, term_keys

__all__ = ["EXT", "MAGIC", "VERSION", "FlatWriter", "FlatPostings", "FlatReader", "read_flat",
           "term_keys"]

EXT = ".ssflat"
MAGIC = b"SSF3"
VERSION = 3
_BIG = 255


class FlatReader(Protocol):
    """What a segment's flat file answers, in any format version."""
    version: int
    positions: np.ndarray

    def has_term(self, fieldname: str, tbytes: bytes) -> bool: ...
    def has_keys(self, keys: np.ndarray) -> np.ndarray: ...
    def get(self, offset: int) -> tuple[np.ndarray, np.ndarray] | None: ...
    def get_positions(self, offset: int
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None: ...


def read_flat(buffer: Any) -> FlatReader | None:
    """The reader of a flat file's bytes, or None for a format this module
    does not know (the segment is then read from Whoosh's blocks)."""
    magic = bytes(buffer[:4])
    if magic == MAGIC:
        try:
            return FlatPostings(buffer)
        except (ValueError, KeyError, TypeError):
            return None
    if magic == b"SSF2":
        from .flat2 import FlatPostings2

        return FlatPostings2(buffer)
    return None


class FlatWriter:
    """Collects posting lists in the order they are written."""

    def __init__(self) -> None:
        self.terms: dict[str, list[bytes]] = {}
        self.offsets: list[int] = []
        self.counts: list[int] = []
        self.positional: list[bool] = []
        self.ids = array("I")
        self.freq = array("I")
        self.positions = array("I")

    def add(self, offset: int, docs: Any, weights: Any,
            positions: Iterable[Iterable[int]] | None = None) -> None:
        """One posting list, written at ``offset`` of Whoosh's postings file:
        its document numbers and weights (whole numbers: frequencies), and
        for a field that keeps them, each posting's positions."""
        if self.offsets and offset <= self.offsets[-1]:
            raise ValueError(f"posting offsets must ascend: {offset} after {self.offsets[-1]}")
        self.offsets.append(offset)
        self.counts.append(len(docs))
        self.positional.append(positions is not None)
        self.ids.extend(docs)
        if positions is None:
            freq = [int(w) for w in weights]
            if any(f != w for f, w in zip(freq, weights)):
                raise ValueError("flat postings hold whole-number weights (frequencies) only")
            self.freq.extend(freq)
            return
        for plist in positions:
            before = len(self.positions)
            self.positions.extend(plist)
            self.freq.append(len(self.positions) - before)

    def add_term(self, fieldname: str, tbytes: bytes) -> None:
        """One term of the segment (every term, inlined lists included)."""
        self.terms.setdefault(fieldname, []).append(tbytes)

    def arrays(self) -> dict[str, np.ndarray]:
        """The file's arrays (see the module)."""
        counts = np.asarray(self.counts, dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
        ids = np.frombuffer(self.ids, dtype=np.uint32).astype(np.int64)
        gaps = np.diff(ids, prepend=0)
        if len(counts):
            gaps[starts] = ids[starts]
        widest = np.maximum.reduceat(gaps, starts) if len(counts) else gaps
        wide = widest >= 1 << 16
        posting_wide = np.repeat(wide, counts)
        freq = np.frombuffer(self.freq, dtype=np.uint32)
        big_at = np.flatnonzero(freq >= _BIG).astype(np.uint32)
        positional = np.asarray(self.positional, dtype=bool)
        npos = np.where(np.repeat(positional, counts), freq, 0).astype(np.int64)
        per_list = np.add.reduceat(npos, starts) if len(counts) else npos
        pos_starts = np.concatenate(([0], np.cumsum(per_list)[:-1])).astype(np.int64)
        positions = np.frombuffer(self.positions, dtype=np.uint32)
        keys = np.unique(np.concatenate(
            [term_keys(f, ts) for f, ts in self.terms.items()] or [np.zeros(0, dtype="<u8")]))
        offsets = np.asarray(self.offsets, dtype=np.int64)
        return {
            "offsets": offsets.astype("<u4" if not len(offsets) or offsets[-1] < 1 << 32
                                      else "<i8"),
            "counts": counts.astype("<u4"),
            "wide": wide.astype("<u1"),
            "positional": positional.astype("<u1"),
            "pos_starts": pos_starts.astype("<u4" if len(positions) < 1 << 32 else "<u8"),
            "ids16": gaps[~posting_wide].astype("<u2"),
            "ids32": gaps[posting_wide].astype("<u4"),
            "freq": np.minimum(freq, _BIG).astype("<u1"),
            "big_at": big_at.astype("<u4"),
            "big": freq[big_at].astype("<u4"),
            "positions": positions.astype("<u2" if not len(positions) or positions.max() < 1 << 16
                                          else "<u4"),
            "keys": keys.astype("<u8"),
        }

    def write(self, out: Any) -> None:
        """Write the file to ``out`` (anything with ``write``), array by array."""
        parts = self.arrays()
        layout: dict[str, list[Any]] = {}
        at = 0
        for name, arr in parts.items():
            layout[name] = [arr.dtype.str, len(arr), at]
            at += arr.nbytes + (-arr.nbytes % 8)
        header = json.dumps({"version": VERSION, "arrays": layout}).encode("ascii")
        head = MAGIC + struct.pack("<I", len(header)) + header
        head += bytes(-len(head) % 8)
        out.write(head)
        for arr in parts.values():
            out.write(np.ascontiguousarray(arr).data.cast("B"))
            out.write(bytes(-arr.nbytes % 8))

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.write(out)
        return out.getvalue()


class FlatPostings:
    """The arrays of one segment's flat-postings file (format 3), read in place."""

    version = VERSION

    def __init__(self, buffer: Any):
        if bytes(buffer[:4]) != MAGIC:
            raise ValueError("not a seedsearch flat-postings file of format 3")
        (size,) = struct.unpack("<I", bytes(buffer[4:8]))
        header = json.loads(bytes(buffer[8:8 + size]))
        if header.get("version") != VERSION:
            raise ValueError(f"flat-postings format {header.get('version')}, not {VERSION}")
        base = 8 + size + (-(8 + size) % 8)
        arrays = {name: np.frombuffer(buffer, dtype=np.dtype(dtype), count=count,
                                      offset=base + offset)
                  for name, (dtype, count, offset) in header["arrays"].items()}
        self.offsets = aligned(arrays["offsets"])
        self.counts = arrays["counts"]
        self.wide = arrays["wide"].astype(bool)
        self.positional = arrays["positional"].astype(bool)
        self.pos_starts = arrays["pos_starts"]
        self.ids16, self.ids32 = arrays["ids16"], arrays["ids32"]
        self.freq, self.big_at, self.big = arrays["freq"], aligned(arrays["big_at"]), arrays["big"]
        self.positions = arrays["positions"]
        self.keys = aligned(arrays["keys"])
        counts = self.counts.astype(np.int64)
        self.starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
        # Where each list's gaps begin in ids16 or ids32.
        narrow = np.where(self.wide, 0, counts)
        self.id_starts = np.where(self.wide, np.cumsum(counts - narrow) - (counts - narrow),
                                  np.cumsum(narrow) - narrow)

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

    def _list(self, offset: int) -> int | None:
        i = int(np.searchsorted(self.offsets, offset))
        if i == len(self.offsets) or self.offsets[i] != offset:
            return None
        return i

    def _ids(self, i: int) -> np.ndarray:
        start, n = int(self.id_starts[i]), int(self.counts[i])
        gaps = (self.ids32 if self.wide[i] else self.ids16)[start:start + n]
        return np.cumsum(gaps, dtype=np.int64)

    def _freq(self, i: int) -> np.ndarray:
        start = int(self.starts[i])
        end = start + int(self.counts[i])
        freq = self.freq[start:end].astype(np.int64)
        if len(self.big_at) and freq.max(initial=0) == _BIG:
            lo, hi = np.searchsorted(self.big_at, [start, end])
            freq[self.big_at[lo:hi].astype(np.int64) - start] = self.big[lo:hi]
        return freq

    def get(self, offset: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The documents (int64) and weights (float64) of the list written
        at ``offset``, or None when this file does not hold it."""
        i = self._list(offset)
        if i is None:
            return None
        return self._ids(i), self._freq(i).astype(np.float64)

    def get_positions(self, offset: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The documents of the list written at ``offset``, and for each its
        positions as ``(first, counts)`` into :attr:`positions`; None when
        this file does not hold the list."""
        i = self._list(offset)
        if i is None:
            return None
        counts = self._freq(i) if self.positional[i] else np.zeros(int(self.counts[i]), np.int64)
        first = int(self.pos_starts[i]) + np.cumsum(counts) - counts
        return self._ids(i), first, counts
