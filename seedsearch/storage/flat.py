"""Flat postings: a segment's posting lists as small plain arrays.

Whoosh 2.7.4 stores a posting list in blocks of 128, each a zlib-compressed
pickle of (ids, weights, positions).  Reading a whole list that way costs a
decompression and an unpickling per block, positions included, even when
only the documents and frequencies are wanted, which is what scoring wants:
at 50,000 documents a common word's exact-form list took ~12 ms to decode.

So each segment seedsearch writes also carries one more file (extension
:data:`EXT`, inside the segment's compound file) with every posting list
as flat arrays, and its own index of the segment's terms, so that a search
never needs Whoosh's term table (a Python hash-file look-up of ~40 µs a
term, where a search probes dozens of candidate terms).  Format 3
(:data:`MAGIC`) keeps the arrays narrow, since they repeat what Whoosh's
postings hold:

==============  =========================================================
``SSF3``        the magic, then a little-endian uint32: the header's length
header          JSON: ``{"version": 3, "arrays": {name: [dtype, count,
                offset]}}``; every array starts at a multiple of 8
``counts``      uint32: how many postings each list has, one list per
                term of the segment in Whoosh's order (field, then term),
                lists Whoosh inlines in its term table included
``wide``        uint8: 1 where the list's document numbers are in ``ids32``
``positional``  uint8: 1 where the list's postings carry positions
``pos_starts``  uint32 (uint64 past 4 G): where each list's positions begin
``ids16``       uint16: the document numbers of the narrow lists, each as
                the gap from the one before (the first: from 0)
``ids32``       uint32: the same for the lists with a gap of 65,536 or more
``freq``        uint8: each posting's frequency (the weight Whoosh stores,
                a whole number; for a positional list, how many positions
                it has); 255 means "see ``big_at``/``big``"
``big_at``      uint32, ascending: the postings whose frequency is 255 or more
``big``         uint32: those frequencies
``positions``   uint16 (uint32 where a document passes 65,535 words): the
                word positions of each posting, ascending
``keys``        uint64, ascending: :func:`term_keys` of every term
``key_checks``  uint32: the CRC-32 of each key's field and term
                (:func:`term_check`), ascending among equal keys
``key_lists``   uint32: the list of each key's term; :data:`SHARED` where
                two terms of the segment share both key and check (the
                term is then looked up in Whoosh's table)
``frequent_*``  the most frequent terms of the exact fields (:mod:`.frequent`)
``root_*``      the terms of the exact fields by their Arabic root
                (:mod:`.roottable`; absent from files written before it)
==============  =========================================================

A term is found by its 64-bit key, and the CRC-32 tells apart the terms
that share a key and confirms the one found: a term the segment lacks is
taken for another only if both its BLAKE2b key and its CRC-32 collide with
that term's, about once in 2^96 look-ups per term held.

About 3 bytes a posting and 2 a position, against 12 and 4 in format 2
(which kept 32-bit documents, float weights and a start per posting).

The positions let a phrase be checked for thousands of candidates with a
few numpy operations, where Whoosh's format has one pickle per posting.
The term keys let a fuzzy word test its few hundred one-edit candidates
against the whole vocabulary at once; a key found is confirmed by its
CRC-32, and only a term whose key and check both collide with another's is
looked up in Whoosh's table.

An index written before this file existed (or by another Whoosh writer)
lacks it, and one in a format this module does not know (:func:`read_flat`
returns None) is read from Whoosh's blocks: correctly, more slowly.  Format
2 files, written by seedsearch 0.1, are still read (:mod:`.flat2`).
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from array import array
from itertools import groupby
from typing import Any, Protocol

import numpy as np

from .blobs import FieldTerms
from .flatchunks import ARRAYS, BIG, encode_lists, joined, widened
from .frequent import FrequentTerms, frequent_arrays
from .keys import ABSENT, ASK_WHOOSH, aligned, term_keys
from .roottable import RootTable, root_arrays

__all__ = ["EXT", "MAGIC", "VERSION", "SHARED", "ABSENT", "ASK_WHOOSH", "FlatWriter", "FlatPostings",
           "FlatReader",
           "read_flat", "term_keys", "term_check"]

EXT = ".ssflat"
MAGIC = b"SSF3"
VERSION = 3
#: ``key_lists`` of a key two terms of the segment share.
SHARED = 0xFFFF_FFFF


def term_check(fieldname: str, tbytes: bytes) -> int:
    """The CRC-32 of a field and UTF-8 term: the second hash that confirms
    a term found by its key."""
    return zlib.crc32(tbytes, zlib.crc32(fieldname.encode("utf-8") + b"\0"))


class FlatReader(Protocol):
    """What a segment's flat file answers, in any format version.  Lists
    are numbered in the file's order; :meth:`find` gives a term's number
    (or :data:`ABSENT`, or :data:`ASK_WHOOSH`), :meth:`list_at` the number
    of the list Whoosh's ``TermInfo`` places at an offset (None where the
    format keeps no offsets)."""
    version: int
    positions: np.ndarray

    def has_key(self, key: np.uint64) -> bool: ...
    def has_keys(self, keys: np.ndarray) -> np.ndarray: ...
    def find(self, fieldname: str, tbytes: bytes, key: np.uint64) -> int: ...
    def list_at(self, offset: int) -> int | None: ...
    def count(self, i: int) -> int: ...
    def postings(self, i: int) -> tuple[np.ndarray, np.ndarray]: ...
    def positions_of(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...


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
    """Collects a segment's posting lists, one per term, in the order
    Whoosh writes its terms.

    A worker's segment of the bench corpus (68,000 documents) has 580,000
    terms, 11.6 million postings and 13 million positions: the lists are
    encoded into the file's narrow arrays :data:`CHUNK` postings at a time,
    as they arrive, and only the terms of ``frequent_fields`` (for the
    frequent-word and root tables) are kept, end to end
    (:class:`~.blobs.FieldTerms`).  Holding every list as 32-bit arrays and
    every term as a tuple, then widening them all to 64 bits at once to
    encode them, took that worker from 700 MB to 1.15 GB at its commit.
    (Over 150 lines: the chunked encoding keeps its state here, and the
    root table's inputs, the spellings and inherited roots, ride along.)
    """

    #: Postings gathered before they are encoded (about 12 MB of work arrays).
    CHUNK = 1 << 18

    def __init__(self, frequent_fields: tuple[str, ...] = ()) -> None:
        #: The fields whose most frequent terms the file lists (:mod:`.frequent`).
        self.frequent_fields = frequent_fields
        #: The terms of ``frequent_fields``, with their document counts and
        #: their occurrences in the segment.
        self.kept_terms = FieldTerms()
        self.kept_counts = array("I")
        self.kept_totals = array("Q")
        #: For the root table (:func:`.roottable.root_arrays`): each exact
        #: field's terms as first written with a hamza on an alef, and the
        #: roots of the terms of the segments merged into this one.
        self.written: dict[str, dict[str, list]] = {}
        self.inherited: dict[str, dict[bytes, tuple[str, ...]]] = {}
        # The lists added since the last chunk was encoded.
        self._terms: list[tuple[str, bytes]] = []
        self._counts: list[int] = []
        self._positional: list[bool] = []
        self._ids = array("I")
        self._freq = array("I")
        self._positions: list[np.ndarray] = []
        # The encoded chunks of each array of the file (see the module), and
        # the postings and positions they hold.
        self._parts: dict[str, list[np.ndarray]] = {name: [] for name in (*ARRAYS, "keys",
                                                                          "checks")}
        self._done_postings = 0
        self._done_positions = 0

    def add(self, fieldname: str, tbytes: bytes, docs: Any, weights: Any,
            positions: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """The posting list of one term: its document numbers (ascending,
        at least one) and weights (whole numbers: frequencies), and for a
        field that keeps them, every posting's positions end to end with
        how many each posting has."""
        if not len(docs):
            raise ValueError("a posting list has at least one posting")
        if positions is None:
            freq = [int(w) for w in weights]
            if any(f != w for f, w in zip(freq, weights)):
                raise ValueError("flat postings hold whole-number weights (frequencies) only")
        else:
            every, counts = positions
            if len(counts) != len(docs) or int(counts.sum()) != len(every):
                raise ValueError("positions: one count per posting, adding up to the positions")
        self._terms.append((fieldname, tbytes))
        self._counts.append(len(docs))
        self._positional.append(positions is not None)
        if fieldname in self.frequent_fields:
            self.kept_terms.append((fieldname, tbytes))
            self.kept_counts.append(len(docs))
            self.kept_totals.append(sum(freq) if positions is None else len(every))
        self._ids.extend(docs)
        if positions is None:
            self._freq.extend(freq)
        else:
            self._positions.append(np.asarray(every, dtype=np.uint32))
            self._freq.extend(counts.tolist())
        if len(self._ids) >= self.CHUNK:
            self._encode()

    def _encode(self) -> None:
        """Encode the lists gathered since the last chunk (see the module)."""
        if not self._counts:
            return
        parts = encode_lists(self._counts, self._ids, self._freq, self._positional,
                             self._positions, self._done_postings, self._done_positions)
        parts["keys"] = np.concatenate([term_keys(f, [t for _, t in run])
                                        for f, run in groupby(self._terms, key=lambda ft: ft[0])])
        parts["checks"] = np.fromiter((term_check(f, t) for f, t in self._terms),
                                      dtype=np.uint32, count=len(self._terms))
        for name, part in parts.items():
            self._parts[name].append(part)
        self._done_postings += len(self._freq)
        self._done_positions += len(parts["positions"])
        self._terms, self._counts, self._positional = [], [], []
        self._ids, self._freq, self._positions = array("I"), array("I"), []

    def _arrays(self) -> dict[str, list[np.ndarray]]:
        """The file's arrays (see the module), each as the chunks it is
        written in."""
        self._encode()
        pos_type = "<u4" if self._done_positions < 1 << 32 else "<u8"
        parts = {name: self._parts[name] for name in ARRAYS}
        parts["pos_starts"] = [chunk.astype(pos_type) for chunk in parts["pos_starts"]]
        if not parts["counts"]:  # no list at all: the one start of an empty file, as ever
            parts["pos_starts"] = [np.zeros(1, dtype=pos_type)]
        parts["positions"] = widened(parts["positions"])
        parts.update({name: [arr] for name, arr in self._term_index().items()})
        return parts

    def arrays(self) -> dict[str, np.ndarray]:
        """The file's arrays (see the module), each in one piece."""
        return {name: joined(chunks, name) for name, chunks in self._arrays().items()}

    def _term_index(self) -> dict[str, np.ndarray]:
        """``keys`` ascending, with each key's list and check (see the module)."""
        keys = joined(self._parts["keys"], "keys")
        checks = joined(self._parts["checks"], "key_checks")
        order = np.lexsort((checks, keys))
        keys, checks = keys[order], checks[order]
        lists = order.astype(np.int64)
        # Two terms whose key and check both collide cannot be told apart.
        shared = np.zeros(len(keys), dtype=bool)
        if len(keys) > 1:
            same = (keys[1:] == keys[:-1]) & (checks[1:] == checks[:-1])
            shared[1:] |= same
            shared[:-1] |= same
        lists[shared] = SHARED
        return {"keys": keys.astype("<u8"), "key_lists": lists.astype("<u4"),
                "key_checks": checks.astype("<u4")}

    def write(self, out: Any) -> None:
        """Write the file to ``out`` (anything with ``write``), array by array."""
        parts = self._arrays()
        frequent, meta = frequent_arrays(self.kept_terms, self.kept_counts, self.frequent_fields)
        roots, root_meta = root_arrays(self.kept_terms, self.kept_counts, self.frequent_fields,
                                       self.written, self.inherited, self.kept_totals)
        for name, arr in (*frequent.items(), *roots.items()):
            parts[name] = [arr]
        layout: dict[str, list[Any]] = {}
        at = 0
        for name, chunks in parts.items():
            nbytes = sum(chunk.nbytes for chunk in chunks)
            layout[name] = [joined(chunks[:1], name).dtype.str,
                            sum(len(chunk) for chunk in chunks), at]
            at += nbytes + (-nbytes % 8)
        header = json.dumps({"version": VERSION, "arrays": layout, "frequent": meta,
                             "roots": root_meta},
                            ensure_ascii=True).encode("ascii")
        head = MAGIC + struct.pack("<I", len(header)) + header
        head += bytes(-len(head) % 8)
        out.write(head)
        for chunks in parts.values():
            for chunk in chunks:
                out.write(np.ascontiguousarray(chunk).data.cast("B"))
            out.write(bytes(-sum(chunk.nbytes for chunk in chunks) % 8))

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
        self.counts = arrays["counts"]
        self.wide = arrays["wide"]
        self.positional = arrays["positional"]
        self.pos_starts = arrays["pos_starts"]
        self.ids16, self.ids32 = arrays["ids16"], arrays["ids32"]
        self.freq, self.big_at, self.big = arrays["freq"], aligned(arrays["big_at"]), arrays["big"]
        self.positions = arrays["positions"]
        self.keys = aligned(arrays["keys"])
        self.key_lists, self.key_checks = arrays["key_lists"], arrays["key_checks"]
        self.frequent = FrequentTerms(arrays, header.get("frequent", {}))
        #: None for a file written before root tables (or by another reader).
        self.roots = RootTable.of_file(arrays, header.get("roots"))
        counts = self.counts.astype(np.int64)
        self.starts = np.cumsum(counts) - counts
        # Where each list's gaps begin in ids16 or ids32.
        wide = counts * self.wide
        narrow = counts - wide
        self.id_starts = np.where(self.wide, np.cumsum(wide) - wide, np.cumsum(narrow) - narrow)

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
        """The number of the term's list (``key``: its :func:`term_keys`),
        :data:`ABSENT` when the segment lacks it, or :data:`ASK_WHOOSH`
        when two of the segment's terms share the key."""
        i = int(self.keys.searchsorted(key))
        if i == len(self.keys) or self.keys[i] != key:
            return ABSENT
        check = term_check(fieldname, tbytes)
        # Terms sharing a key stand together, ordered by their checks.
        while i < len(self.keys) and self.keys[i] == key:
            if int(self.key_checks[i]) == check:
                at = int(self.key_lists[i])
                return ASK_WHOOSH if at == SHARED else at
            i += 1
        return ABSENT

    def list_at(self, offset: int) -> int | None:
        """None: this format finds lists by term, not by Whoosh's offsets."""
        return None

    def count(self, i: int) -> int:
        return int(self.counts[i])

    def _ids(self, i: int) -> np.ndarray:
        start, n = int(self.id_starts[i]), int(self.counts[i])
        gaps = (self.ids32 if self.wide[i] else self.ids16)[start:start + n]
        return np.cumsum(gaps, dtype=np.int64)

    def _freq(self, i: int) -> np.ndarray:
        start = int(self.starts[i])
        end = start + int(self.counts[i])
        freq = self.freq[start:end].astype(np.int64)
        if len(self.big_at) and freq.max(initial=0) == BIG:
            lo, hi = np.searchsorted(self.big_at, [start, end])
            freq[self.big_at[lo:hi].astype(np.int64) - start] = self.big[lo:hi]
        return freq

    def postings(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """The documents (int64) and weights (float64) of list ``i``."""
        return self._ids(i), self._freq(i).astype(np.float64)

    def positions_of(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The documents of list ``i``, and for each its positions as
        ``(first, counts)`` into :attr:`positions`."""
        counts = self._freq(i) if self.positional[i] else np.zeros(int(self.counts[i]), np.int64)
        first = int(self.pos_starts[i]) + np.cumsum(counts) - counts
        return self._ids(i), first, counts
