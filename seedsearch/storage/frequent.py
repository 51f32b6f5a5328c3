"""A segment's most frequent words, kept in its flat file for short prefixes.

A prefix of one or two letters (ا*, ال*) begins a large share of a
vocabulary: at 50,000 documents, ال begins more than 100,000 words of the
text.  Its expansion is its :data:`~seedsearch.search.expansion.MAX_EXPANSIONS`
most frequent words, and finding them by reading the term table from the
prefix on cost a tenth of a second per 20,000 entries.  So each segment's
flat file (:mod:`.flat`) also holds, for the exact fields, the
:data:`FREQUENT_TERMS` terms that most of its documents hold, in term order
with their document frequencies.  The words with a prefix are then a
bisection away, and when the table holds at least as many of them as are
wanted, they are the segment's most frequent words with that prefix (every
word left out of the table is rarer than every word in it).

==================  =====================================================
``frequent_terms``  uint8: the terms, UTF-8, end to end
``frequent_ends``   uint32: where each term ends in ``frequent_terms``
``frequent_df``     uint32: the documents holding each term
==================  =====================================================

The header's ``"frequent"`` entry gives each field's first entry, its
count, and whether the table holds every term of the field.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

import numpy as np

from .blobs import Strings, pack

__all__ = ["FREQUENT_TERMS", "frequent_arrays", "FrequentTerms"]

#: Terms kept per field and segment (about 0.4 MB for the text's field).
FREQUENT_TERMS = 20_000
#: Above every UTF-8 byte: ``prefix + _END`` bounds the words that begin with ``prefix``.
_END = b"\xff"


def frequent_arrays(terms: Sequence[tuple[str, bytes]], counts: Sequence[int],
                    fields: Sequence[str], keep: int | None = None
                    ) -> tuple[dict[str, np.ndarray], dict[str, list[Any]]]:
    """The arrays and the header entry of the ``keep`` (default
    :data:`FREQUENT_TERMS`) most frequent terms of ``fields``, from a
    segment's (field, term) of every list, in term order (so each field's
    terms stand together), and the document count of each."""
    keep = FREQUENT_TERMS if keep is None else keep
    spans: dict[str, list[int]] = {}
    for i, (field, _) in enumerate(terms):
        if field in fields:
            spans.setdefault(field, [i, i])[1] = i + 1
    all_counts = np.asarray(counts, dtype=np.int64)
    chosen: list[bytes] = []
    dfs: list[np.ndarray] = []
    meta: dict[str, list[Any]] = {}
    for field, (lo, hi) in spans.items():
        at = np.arange(lo, hi)
        df = all_counts[lo:hi]
        if len(at) > keep:
            top = np.sort(np.argpartition(-df, keep)[:keep])  # in term order still
            at, df = at[top], df[top]
        meta[field] = [len(chosen), len(at), len(at) == hi - lo]
        chosen += [terms[i][1] for i in at.tolist()]
        dfs.append(df)
    blob, ends = pack(chosen)
    return {"frequent_terms": blob, "frequent_ends": ends,
            "frequent_df": (np.concatenate(dfs) if dfs else np.zeros(0)).astype("<u4")}, meta


class FrequentTerms:
    """The frequent-term tables of one flat file, read in place: a prefix
    is found by bisection on the UTF-8 terms (their order is the term
    order), and only the terms it begins are decoded."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict[str, list[Any]]):
        self._arrays = arrays
        self._meta = meta

    def starting(self, field: str, prefix: str,
                 want: int) -> tuple[list[tuple[str, int]], bool] | None:
        """The ``want`` most frequent terms of ``field`` that begin with
        ``prefix``, with their document frequencies, in term order, and
        whether more terms may begin with it; None when the table cannot tell
        (it holds fewer than ``want`` of them and not the field's every
        term)."""
        if field not in self._meta:
            return None
        first, count, whole = self._meta[field]
        terms = Strings(self._arrays["frequent_terms"].data, self._arrays["frequent_ends"],
                        first, count)
        key = prefix.encode("utf-8")
        lo = bisect_left(terms, key)
        hi = bisect_left(terms, key + _END, lo)
        if hi - lo < want and not whole:
            return None
        found = self._arrays["frequent_df"][first + lo:first + hi].astype(np.int64)
        at = (np.sort(np.argpartition(-found, want)[:want]) if len(found) > want
              else np.arange(len(found)))
        return ([(terms[lo + i].decode("utf-8"), int(found[i])) for i in at.tolist()],
                hi - lo > want or (hi - lo == want and not whole))
