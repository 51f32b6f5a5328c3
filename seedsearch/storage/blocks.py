"""Whoosh 2.7.4's posting blocks, decoded into arrays.

A segment written without seedsearch's flat file (:mod:`.flat`), and every
posting's positions when a caller asks for the encoded values, are read from
the blocks ``W3PostingsWriter._write_block`` lays out; this module decodes
them with numpy, and memoizes decoded position lists.
"""

from __future__ import annotations

import io
import pickle
import zlib
from typing import Any

import numpy as np
from whoosh.system import unpack_int as _unpack_int

__all__ = ["decode_blocks", "positions_of", "POSITIONS_CACHE", "EMPTY_IDS", "EMPTY_WEIGHTS"]

#: An empty posting list's documents and weights.
EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


def decode_blocks(raw: bytes, values: bool,
                   fixed: int | None) -> tuple[np.ndarray, np.ndarray, Any]:
    """A posting list as ``W3PostingsWriter`` lays it out: a 4-byte magic,
    then blocks of (signed length, negative for the last block; pickled
    info tuple (count, last id, max weight, compression, min and max length
    bytes); pickled and maybe zlib-compressed data (delta-coded ids,
    weights as None / one float / a tuple, values: a tuple, or None when
    the format has no values, or the values joined when each has ``fixed``
    bytes)).  Read in one piece and
    decoded here, with numpy for the ids: Whoosh's matcher reads each block
    header through a Python file object and undoes the deltas in Python."""
    stream = io.BytesIO(raw)
    stream.seek(4)
    id_parts: list[np.ndarray] = []
    weight_parts: list[np.ndarray] = []
    value_parts: list[Any] = []
    last = False
    while not last:
        length = _unpack_int(stream.read(4))[0]
        last = length < 0
        end = stream.tell() + abs(length)
        count, _, _, compression, _, _ = pickle.load(stream)
        data = stream.read(end - stream.tell())
        deltas, weights, vals = pickle.loads(zlib.decompress(data) if compression else data)
        id_parts.append(np.cumsum(np.asarray(deltas, dtype=np.int64)))
        if weights is None:
            weight_parts.append(np.ones(count))
        elif isinstance(weights, float):
            weight_parts.append(np.full(count, weights))
        else:
            weight_parts.append(np.asarray(weights, dtype=np.float64))
        if values:
            if not fixed or fixed < 0:
                value_parts.extend(vals if vals is not None else [None] * count)
            else:
                value_parts.extend(vals[i:i + fixed] for i in range(0, len(vals), fixed))
    if not id_parts:
        return EMPTY_IDS, EMPTY_WEIGHTS, value_parts
    return np.concatenate(id_parts), np.concatenate(weight_parts), value_parts


#: Decoded position lists kept per posting format, by their encoding: a
#: corpus repeats the same few encodings (one word at position p) endlessly.
POSITIONS_CACHE = 100_000
_positions_seen: dict[type, dict[bytes, list[int]]] = {}


def positions_of(fmt: Any, values: list[bytes]) -> list[list[int]]:
    """The positions in each encoded posting value of a field of format
    ``fmt`` (Whoosh's ``Positions``), memoized."""
    seen = _positions_seen.setdefault(type(fmt), {})
    out: list[Any] = list(map(seen.get, values))
    if None not in out:
        return out
    for j, hit in enumerate(out):
        if hit is None:
            if len(seen) >= POSITIONS_CACHE:
                seen.clear()
            out[j] = seen[values[j]] = fmt.decode_positions(values[j])
    return out
