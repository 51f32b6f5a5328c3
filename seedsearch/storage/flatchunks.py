"""Encoding posting lists into a flat file's narrow arrays, a chunk at a time.

:class:`~.flat.FlatWriter` gathers a few hundred thousand postings, then
:func:`encode_lists` turns them into the pieces of the arrays :mod:`.flat`
describes (``counts`` to ``positions``; the term index is the writer's),
numbering postings and positions from where the chunks before ended.  The
pieces of one array, end to end, are the array a single chunk would give,
but for ``positions``: a chunk with no position past 65,535 keeps them as
uint16, and the writer widens every chunk when one does not (:func:`widened`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["BIG", "ARRAYS", "encode_lists", "joined", "widened"]

#: A frequency of this or more is escaped to ``big_at``/``big``.
BIG = 255
#: The arrays :func:`encode_lists` gives pieces of, in the file's order.
ARRAYS = ("counts", "wide", "positional", "pos_starts", "ids16", "ids32", "freq", "big_at",
          "big", "positions")
#: The type of each array when a segment has no lists at all.
_EMPTY = {"counts": "<u4", "wide": "<u1", "positional": "<u1", "pos_starts": "<u4",
          "ids16": "<u2", "ids32": "<u4", "freq": "<u1", "big_at": "<u4", "big": "<u4",
          "positions": "<u2", "keys": "<u8", "checks": "<u4", "key_checks": "<u4"}


def encode_lists(counts: list[int], ids: Any, freq: Any, positional: list[bool],
                 positions: list[np.ndarray], first_posting: int,
                 first_position: int) -> dict[str, np.ndarray]:
    """The pieces of :data:`ARRAYS` for some whole lists: how many postings
    each has (at least one), their document numbers and frequencies end to
    end (uint32 buffers), whether each list is positional, the positions of
    the positional ones, and the numbers of this chunk's first posting and
    position in the file.  ``pos_starts`` is int64 here (its width depends
    on the whole file)."""
    n = np.asarray(counts, dtype=np.int64)
    starts = np.cumsum(n) - n
    docs = np.frombuffer(ids, dtype=np.uint32).astype(np.int64)
    gaps = np.diff(docs, prepend=0)
    gaps[starts] = docs[starts]
    wide = np.maximum.reduceat(gaps, starts) >= 1 << 16
    posting_wide = np.repeat(wide, n)
    freqs = np.frombuffer(freq, dtype=np.uint32)
    big_at = np.flatnonzero(freqs >= BIG)
    with_positions = np.asarray(positional, dtype=bool)
    npos = np.where(np.repeat(with_positions, n), freqs, 0).astype(np.int64)
    per_list = np.add.reduceat(npos, starts)
    every = np.concatenate(positions) if positions else np.zeros(0, dtype=np.uint32)
    narrow = not len(every) or every.max() < 1 << 16
    return {"counts": n.astype("<u4"), "wide": wide.astype("<u1"),
            "positional": with_positions.astype("<u1"),
            "pos_starts": first_position + np.cumsum(per_list) - per_list,
            "ids16": gaps[~posting_wide].astype("<u2"), "ids32": gaps[posting_wide].astype("<u4"),
            "freq": np.minimum(freqs, BIG).astype("<u1"),
            "big_at": (first_posting + big_at).astype("<u4"), "big": freqs[big_at].astype("<u4"),
            "positions": every.astype("<u2" if narrow else "<u4")}


def widened(chunks: list[np.ndarray]) -> list[np.ndarray]:
    """The ``positions`` pieces, all uint32 if any of them is."""
    if any(chunk.dtype.itemsize > 2 for chunk in chunks):
        return [chunk.astype("<u4") for chunk in chunks]
    return chunks


def joined(chunks: list[np.ndarray], name: str) -> np.ndarray:
    """The pieces of array ``name`` in one (an empty array of its type if none)."""
    if not chunks:
        return np.zeros(0, dtype=_EMPTY[name])
    return chunks[0] if len(chunks) == 1 else np.concatenate(chunks)
