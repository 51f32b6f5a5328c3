"""Term keys: a 64-bit hash of each (field, term), the flat files' index of
a segment's vocabulary (see :mod:`.flat`); and reading an array in place."""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import blake2b

import numpy as np

__all__ = ["term_keys", "aligned", "ABSENT", "ASK_WHOOSH"]

#: What a flat file's ``find`` answers, besides a list number: the segment
#: lacks the term; or the file cannot tell which list is the term's (ask
#: Whoosh's term table).
ABSENT = -1
ASK_WHOOSH = -2


def term_keys(fieldname: str, terms: Iterable[bytes]) -> np.ndarray:
    """A 64-bit key (BLAKE2b of field and term) for each UTF-8 term."""
    prefix = fieldname.encode("utf-8") + b"\0"
    digests = b"".join(blake2b(prefix + t, digest_size=8).digest() for t in terms)
    return np.frombuffer(digests, dtype="<u8")


def aligned(arr: np.ndarray) -> np.ndarray:
    """``arr``, copied if unaligned: numpy copies an unaligned array on every
    searchsorted, and inside a compound file nothing need be aligned."""
    return arr if arr.flags.aligned else arr.copy()
