"""Each document's date as a number: the column a sort by date reads.

The schema indexes ``date`` as a Whoosh ``DATETIME`` (a 64-bit NUMERIC
field with a trie of coarser terms, for ranges) and keeps no column of it,
so the column is rebuilt from the terms: the full-precision terms of the
field (``NUMERIC.sortable_terms``: those whose shift byte is 0, the first
in the term list) each give their value to the documents of their posting
list, read from the segment's flat file when it has one.  A segment holds
about as many such terms as distinct dates, so this is one posting list
per distinct date, once per searcher.

The value is Whoosh's own number (``NUMERIC.from_bytes``, which
``DATETIME.from_bytes`` turns into a datetime: microseconds, as
``whoosh.util.times.datetime_to_long`` counts them), which orders as the
dates do; a document without a date gets :data:`MISSING`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.fields import NUMERIC

from .reading import postings

__all__ = ["MISSING", "date_column"]

#: The value of a document without a date (below every real date).
MISSING = np.iinfo(np.int64).min


def date_column(segreader: Any, fieldname: str) -> np.ndarray:
    """The date of every document of the segment (deleted ones included),
    by local document number; :data:`MISSING` where there is none."""
    out = np.full(segreader.doc_count_all(), MISSING, dtype=np.int64)
    if getattr(segreader, "_terms", None) is None or fieldname not in segreader.schema \
            or not len(out):  # no terms: an EmptyReader
        return out
    field = segreader.schema[fieldname]
    for tbytes in field.sortable_terms(segreader, fieldname):
        ids, _ = postings(segreader, fieldname, tbytes)
        out[ids] = NUMERIC.from_bytes(field, tbytes)
    return out
