"""A segment's words by their Arabic root, kept in its flat file for ``root:``.

A root query (``root:كتب``) searches every word of the index that has the
root: كتاب, الكاتب, مكتوبة, يكتبون.  Reading the roots of a vocabulary costs
about 35 µs a word (:func:`seedsearch.text.roots.roots_of`), seconds for a
segment, so it is done once, when the segment is written: its flat file
(:mod:`.flat`) holds, for the exact fields, every term that has a root,
grouped by root, and a root query is a bisection away.

=====================  ================================================
``root_names``         uint8: the roots, UTF-8, end to end, in byte order
``root_name_ends``     uint32: where each root ends in ``root_names``
``root_firsts``        uint32: each root's first entry (one more at the
                       end: the number of entries)
``root_words``         uint8: each entry's term, UTF-8, end to end
``root_word_ends``     uint32: where each term ends in ``root_words``
``root_word_df``       uint32: the segment's documents holding the term
``root_word_rank``     uint8: 0 when the root is the term's likeliest,
                       1 when it is its second (an ambiguous word)
=====================  ================================================

The header's ``"roots"`` entry gives each field's first root, its count,
its first entry and their count, and :data:`ROOTS_VERSION`, the version
of the root reader the table was made with: a table of another version
(or none, in a segment written before this table existed) is read as
absent, and the searcher computes the segment's roots when first asked
(:func:`computed_table`).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ..text.roots import roots_of
from .blobs import Strings, pack

__all__ = ["ROOTS_VERSION", "root_arrays", "RootTable", "RootWords", "computed_table"]

#: The version of :func:`~seedsearch.text.roots.roots_of` whose answers the
#: tables hold; raise it when the reader's answers change.  2: a particle
#: after و ف ب ل has no root (فإذا, للذين), since the tables main first had.
ROOTS_VERSION = 2

#: (term, segment document frequency, rank of the root among the term's).
RootWords = list[tuple[str, int, int]]


def root_arrays(terms: Sequence[tuple[str, bytes]], counts: Sequence[int],
                fields: Sequence[str]) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays and the header entry of the root tables of ``fields``,
    from a segment's (field, term) of every list and the document count of
    each.  Each root's entries are kept as the numbers of their terms (a
    segment's exact fields have a million terms), and the terms are read
    again as the table is written."""
    names: list[bytes] = []
    firsts: list[int] = []
    words = bytearray()
    word_ends = array("Q")
    dfs = array("Q")
    ranks = array("B")
    meta: dict[str, Any] = {"version": ROOTS_VERSION, "fields": {}}
    # The roots of the first fields' words, kept for the last field's (a
    # title's words are mostly the text's too); the last, largest, field's
    # are not kept.
    read: dict[bytes, tuple[str, ...]] = {}
    for at, field in enumerate(fields):
        by_root: dict[str, tuple[array, array]] = {}  # root -> its terms' numbers, ranks
        for i, (f, tbytes) in enumerate(terms):
            if f != field:
                continue
            found = read.get(tbytes)
            if found is None:
                found = roots_of(tbytes.decode("utf-8"))
                if at < len(fields) - 1:
                    read[tbytes] = found
            for rank, root in enumerate(found):
                entries = by_root.get(root)
                if entries is None:
                    entries = by_root[root] = (array("Q"), array("B"))
                entries[0].append(i)
                entries[1].append(rank)
        first_root, first_entry = len(names), len(word_ends)
        for root in sorted(by_root, key=lambda r: r.encode("utf-8")):
            names.append(root.encode("utf-8"))
            firsts.append(len(word_ends))
            numbers, root_ranks = by_root[root]
            for i in numbers:
                words += terms[i][1]
                word_ends.append(len(words))
                dfs.append(counts[i])
            ranks.extend(root_ranks)
        meta["fields"][field] = [first_root, len(names) - first_root, first_entry,
                                 len(word_ends) - first_entry]
    firsts.append(len(word_ends))
    root_names, root_name_ends = pack(names)
    return {"root_names": root_names, "root_name_ends": root_name_ends,
            "root_firsts": np.asarray(firsts, dtype="<u4"),
            "root_words": np.frombuffer(bytes(words), dtype=np.uint8),
            "root_word_ends": np.asarray(word_ends, dtype=np.int64).astype("<u4"),
            "root_word_df": np.asarray(dfs, dtype="<u4"),
            "root_word_rank": np.asarray(ranks, dtype="<u1")}, meta


class RootTable:
    """The root tables of one flat file (or of a segment whose roots were
    computed when first asked), read in place."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict[str, Any]):
        self._arrays = arrays
        self._fields: dict[str, list[int]] = meta.get("fields", {})

    @classmethod
    def of_file(cls, arrays: dict[str, np.ndarray], meta: Any) -> RootTable | None:
        """The table of a flat file's arrays and header entry; None when the
        file has none, or one made by another version of the root reader."""
        if not isinstance(meta, dict) or meta.get("version") != ROOTS_VERSION:
            return None
        if not all(name in arrays for name in ("root_names", "root_firsts", "root_words")):
            return None
        return cls(arrays, meta)

    def fields(self) -> frozenset[str]:
        return frozenset(self._fields)

    def roots(self, field: str) -> list[str]:
        """Every root the table holds words of in ``field``, in byte order."""
        spec = self._fields.get(field)
        if spec is None:
            return []
        a = self._arrays
        names = Strings(a["root_names"].data, a["root_name_ends"], spec[0], spec[1])
        return [names[i].decode("utf-8") for i in range(len(names))]

    def words(self, field: str, root: str) -> RootWords:
        """The terms of ``field`` that have ``root``, with their document
        frequencies in the segment and the root's rank among theirs."""
        spec = self._fields.get(field)
        if spec is None:
            return []
        first_root, nroots = spec[0], spec[1]
        a = self._arrays
        names = Strings(a["root_names"].data, a["root_name_ends"], first_root, nroots)
        key = root.encode("utf-8")
        i = bisect_left(names, key)
        if i == nroots or names[i] != key:
            return []
        lo, hi = int(a["root_firsts"][first_root + i]), int(a["root_firsts"][first_root + i + 1])
        terms = Strings(a["root_words"].data, a["root_word_ends"], 0, hi)
        df, rank = a["root_word_df"], a["root_word_rank"]
        return [(terms[j].decode("utf-8"), int(df[j]), int(rank[j])) for j in range(lo, hi)]


def computed_table(fields: Iterable[str], vocabulary: Any) -> RootTable:
    """The root table of a segment written without one: ``vocabulary(field)``
    gives the segment's (term, document frequency) pairs of each field."""
    terms: list[tuple[str, bytes]] = []
    counts: list[int] = []
    fields = list(fields)
    for field in fields:
        for term, df in vocabulary(field):
            terms.append((field, term.encode("utf-8")))
            counts.append(df)
    arrays, meta = root_arrays(terms, counts, fields)
    return RootTable(arrays, meta)
