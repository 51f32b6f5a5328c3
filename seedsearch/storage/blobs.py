"""Strings end to end in one byte array, for the tables a flat file keeps.

The frequent-term tables (:mod:`.frequent`) and the root tables
(:mod:`.roottable`) store UTF-8 strings as one ``uint8`` array and a
``uint32`` array of where each string ends.  :func:`pack` writes them;
:class:`Strings` reads a run of them in place, as a sequence that
:func:`bisect.bisect_left` can search without decoding the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["pack", "Strings"]


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
