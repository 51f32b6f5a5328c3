"""A segment's columns (the facets: collection, category, year) read as
arrays, through Whoosh 2.7.4's private parts (like :mod:`.reading`):

* ``SegmentReader.column_reader(..., translate=False)``: a column's values,
  one by one (:func:`column_values`);
* ``W3PerDocReader._colfiles``/``_get_column_file``/``_doccount`` and the
  trailer of a ``VarBytesColumn`` (lengths, offsets, their type codes): a
  column's values as one block of bytes (:func:`column_codes`).

``tests/test_storage.py`` compares both with Whoosh's own reader.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

import numpy as np
from whoosh import columns as wcolumns

__all__ = ["column_values", "column_codes"]


def column_values(segreader: Any, fieldname: str) -> Iterator[str]:
    """The value of a column for every document of the segment ("" when
    none).  Whoosh 2.7.4 does not pad a column after its last value, so the
    values are padded here."""
    n = segreader.doc_count_all()
    count = 0
    if segreader.has_column(fieldname):
        for raw in segreader.column_reader(fieldname, translate=False):
            if count == n:
                break
            yield raw.decode("utf-8") if raw else ""
            count += 1
    for _ in range(n - count):
        yield ""


#: A column whose values are all at most this many bytes long is coded with
#: numpy (:func:`column_codes`); a longer one, value by value.
_WIDE_VALUE = 64


def column_codes(segreader: Any, fieldname: str) -> tuple[np.ndarray, list[str]]:
    """Every document's value of a column as a number into the list of the
    column's distinct values ("" for a document without one): what
    :func:`column_values` gives, at numpy's speed.  The values of a
    VarBytes column lie end to end in one block, followed by their lengths
    (and offsets): each document's bytes are padded to the longest value's
    width and the rows told apart with ``np.unique`` (a facet column of
    25,000 documents: 11 ms value by value, under 3 ms so)."""
    n = segreader.doc_count_all()
    found = _varbytes(segreader, fieldname)
    if found is None:
        return _codes_one_by_one(segreader, fieldname)
    block, offsets, lengths = found
    width = int(lengths.max()) if n else 0
    if width > _WIDE_VALUE:
        return _codes_one_by_one(segreader, fieldname)
    rows = np.zeros((n, max(width, 1)), dtype=np.uint8)
    for j in range(width):
        held = lengths > j
        rows[held, j] = block[offsets[held] + j]
    if rows.shape[1] <= 8:  # one number per row: a fast unique
        wide = np.zeros((n, 8), dtype=np.uint8)
        wide[:, :rows.shape[1]] = rows
        keys = wide.view(np.uint64).ravel()
        distinct, codes = np.unique(keys, return_inverse=True)
        values = [v.tobytes() for v in distinct]
    else:
        distinct, codes = np.unique(rows.view(np.dtype((np.void, rows.shape[1]))).ravel(),
                                    return_inverse=True)
        values = [bytes(v) for v in distinct]
    return codes.astype(np.int64), [v.rstrip(b"\0").decode("utf-8") for v in values]


def _varbytes(segreader: Any, fieldname: str
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(the values' bytes, each document's offset and length) of a VarBytes
    column, read as Whoosh 2.7.4's ``VarBytesColumn.Reader`` reads it (its
    trailer: the lengths array, the offsets array when an ``X`` says so,
    their type codes) but without its Python loop over the documents; None
    for another kind of column, or none."""
    fieldobj = segreader.schema[fieldname] if fieldname in segreader.schema else None
    if fieldobj is None or type(fieldobj.column_type) is not wcolumns.VarBytesColumn \
            or not segreader.has_column(fieldname):
        return None
    perdoc = segreader._perdoc
    if fieldname not in perdoc._colfiles:  # as its column_reader() keeps it
        perdoc._colfiles[fieldname] = perdoc._get_column_file(fieldname)
    dbfile, base, size = perdoc._colfiles[fieldname]
    n = perdoc._doccount
    last = base + size - 1
    code = chr(dbfile.get_byte(last))
    offsets = None
    if code == "X":
        code, ocode = chr(dbfile.get_byte(last - 2)), chr(dbfile.get_byte(last - 1))
        last = last - 2 - n * struct.calcsize(ocode)
        offsets = np.frombuffer(dbfile.get_array(last, ocode, n), dtype=ocode).astype(np.int64)
    lengths = np.frombuffer(dbfile.get_array(last - struct.calcsize(code) * n, code, n),
                            dtype=code).astype(np.int64)
    if offsets is None:
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])) if n else lengths
    end = int((offsets + lengths).max()) if n else 0
    block = np.frombuffer(dbfile.get(base, end), dtype=np.uint8) if end else \
        np.zeros(1, dtype=np.uint8)
    return block, offsets, lengths


def _codes_one_by_one(segreader: Any, fieldname: str) -> tuple[np.ndarray, list[str]]:
    labels: dict[str, int] = {}
    codes = np.fromiter((labels.setdefault(v, len(labels))
                         for v in column_values(segreader, fieldname)),
                        dtype=np.int64, count=segreader.doc_count_all())
    return codes, list(labels) or [""]
