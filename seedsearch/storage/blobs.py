"""Strings end to end in one byte array, for the tables a flat file keeps.

The frequent-term tables (:mod:`.frequent`) and the root tables
(:mod:`.roottable`) store UTF-8 strings as one ``uint8`` array and a
``uint32`` array of where each string ends.  :func:`pack` writes them;
:class:`Strings` reads a run of them in place, as a sequence that
:func:`bisect.bisect_left` can search without decoding the others.
:class:`FieldTerms` holds a segment's terms the same way while the
segment is written.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

__all__ = ["pack", "Strings", "FieldTerms"]


def pack(items: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """``items`` end to end, and where each ends (uint32)."""
    ends = np.cumsum([len(t) for t in items], dtype=np.int64)
    return np.frombuffer(b"".join(items), dtype=np.uint8), ends.astype("<u4")


class Strings(Sequence[bytes]):
    """``size`` strings of a packed array from the ``first``, read in place."""

    def __init__(self, blob: Any, ends: np.ndarray, first: int, size: int):
        self.blob, self.ends, self.first, self.size = blob, ends, first, size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, i: Any) -> Any:
        at = self.first + int(i)
        start = int(self.ends[at - 1]) if at else 0
        return bytes(self.blob[start:int(self.ends[at])])


class FieldTerms(Sequence[tuple[str, bytes]]):
    """A growing list of (field, UTF-8 term) pairs, appended field by field
    (each field's terms together, as a segment lists them), held end to end:
    the length of each term and 8 bytes, where a list of tuples costs some
    150 bytes more a term.  Items are rebuilt when read."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.ends = array("Q")
        self._fields: list[str] = []
        self._firsts: list[int] = []  # the index of each field's first term

    def append(self, item: tuple[str, bytes]) -> None:
        fieldname, tbytes = item
        if not self._fields or self._fields[-1] != fieldname:
            self._fields.append(fieldname)
            self._firsts.append(len(self.ends))
        self.blob += tbytes
        self.ends.append(len(self.blob))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: Any) -> Any:
        i = int(i)
        if i < 0:
            i += len(self.ends)
        if not 0 <= i < len(self.ends):
            raise IndexError("term index out of range")
        start = self.ends[i - 1] if i else 0
        return (self._fields[bisect_right(self._firsts, i) - 1],
                bytes(self.blob[start:self.ends[i]]))

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        view = memoryview(self.blob)
        start = 0
        bounds = [*self._firsts[1:], len(self.ends)]
        for fieldname, first, end in zip(self._fields, self._firsts, bounds):
            for at in range(first, end):
                stop = self.ends[at]
                yield fieldname, bytes(view[start:stop])
                start = stop
