"""A segment's words by their Arabic root, kept in its flat file for ``root:``.

A root query (``root:كتب``) searches every word of the index that has the
root: كتاب, الكاتب, مكتوبة, يكتبون.  Reading the roots of a vocabulary costs
about 35 µs a word (:func:`seedsearch.text.roots.roots_of`), seconds for a
segment, so it is done once, when the segment is written: its flat file
(:mod:`.flat`) holds, for the exact fields, every term that has a root,
grouped by root, and a root query is a bisection away.  The terms fold أ إ
آ to ا, which loses a hamza (سأل is filed as سال, which reads as سول): a
term is read as its word was first written where that showed the hamza
(the exact field keeps those spellings while the segment is written,
:class:`seedsearch.schema.ArabicTextField`), and a merged segment keeps the
roots its segments read.

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
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from ..text.roots import roots_of
from .blobs import Strings, pack

__all__ = ["ROOTS_VERSION", "root_arrays", "RootTable", "RootWords", "computed_table",
           "inherit_roots"]

#: The version of :func:`~seedsearch.text.roots.roots_of` whose answers the
#: tables hold; raise it when the reader's answers change.  2: a particle
#: after و ف ب ل has no root (فإذا, للذين), since the tables main first had.
#: 3: the seatless twin of a hamza word is filed under no root of its own
#: (:func:`_twins_only`), a word with a hamza on an alef is read as written
#: (:func:`root_arrays`), and the reader's rules of this version (form VIII's
#: infixes, a noun's marks, four-letter roots' prior; benchmarks/ROOTS.md).
ROOTS_VERSION = 3

#: (term, segment document frequency, rank of the root among the term's).
RootWords = list[tuple[str, int, int]]


def root_arrays(terms: Sequence[tuple[str, bytes]], counts: Sequence[int],
                fields: Sequence[str],
                written: Mapping[str, Mapping[str, list]] | None = None,
                inherited: Mapping[str, Mapping[bytes, tuple[str, ...]]] | None = None,
                totals: Sequence[int] = (),
                ) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays and the header entry of the root tables of ``fields``,
    from a segment's (field, term) of every list and the document count of
    each.  A term is read as it was written where ``written`` (field ->
    term -> [the word as first written with a hamza on an alef, its
    occurrences so written]) has it: the exact terms fold أ إ آ to ا, which
    loses the hamza of سأل (سال reads as سول) and of أليم (اليم: لوم); a term
    also written without it (its occurrences in ``totals`` are more than
    those: سال, flowed) keeps that reading as well, second.  Else a term has its roots in a
    segment merged into this one (``inherited``, field -> term -> roots),
    which read it so; else it is read as the term.  Each root's entries
    are kept as the numbers of their terms (a segment's exact fields have a
    million terms), and the terms are read again as the table is written."""
    written = written or {}
    inherited = inherited or {}
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
        twins = _twins_only(terms, counts, field)
        spelt, merged = written.get(field, {}), inherited.get(field, {})
        for i, (f, tbytes) in enumerate(terms):
            if f != field or tbytes in twins:
                continue
            found = read.get(tbytes)
            if found is None:
                term = tbytes.decode("utf-8")
                spelling = spelt.get(term)
                found = _as_written(term, spelling[0], totals[i] > spelling[1]) if spelling \
                    else merged.get(tbytes)
                if found is None:
                    found = roots_of(term)
                if at < len(fields) - 1 and spelling is None:
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


def _as_written(term: str, word: str, plain_too: bool) -> tuple[str, ...]:
    """The roots of a term first written ``word`` (with a hamza on an
    alef); when ``plain_too``, the term's own readings follow (سال: سءل as
    سأل, then سول and سيل, "flowed")."""
    found = roots_of(word)
    if not plain_too:
        return found
    return found + tuple(r for r in roots_of(term) if r not in found)


_HAMZA = "\u0621"
_HAMZA_UTF8 = _HAMZA.encode("utf-8")
_SEATS = ("\u0621", "\u0648", "\u064a")  # ء و ي


def _twins_only(terms: Sequence[tuple[str, bytes]], counts: Sequence[int],
                field: str) -> set[bytes]:
    """The terms of ``field`` that are only the seatless twins of a hamza
    word: a word with ؤ or ئ is indexed twice at one position, with the
    hamza on the line and without it (مسؤول: مسءول and مسوول, see
    :func:`seedsearch.text.normalize.hamza_variants`), and the seatless
    spelling read alone is another word (المومنين reads as يمن, اوليك as
    ولي, سايل as سيل).  A twin whose documents are no more than its hamza
    spelling's has no documents of its own: it gets no root (the ء
    spelling brings those documents under the right one).  A twin with
    more documents was also written so by itself (سيل, a flood, beside
    سئل) and keeps its own reading.  Two passes over the terms: the twins
    the hamza terms name (with the most documents of one), then theirs."""
    most: dict[bytes, int] = {}
    for (f, tbytes), df in zip(terms, counts):
        if f != field or _HAMZA_UTF8 not in tbytes:
            continue
        term = tbytes.decode("utf-8")
        if term.count(_HAMZA) > 3:
            continue
        forms = [""]
        for ch in term:
            forms = [head + c for head in forms for c in (_SEATS if ch == _HAMZA else (ch,))]
        for form in forms:
            if form != term:
                twin = form.encode("utf-8")
                most[twin] = max(most.get(twin, 0), df)
    return {tbytes for (f, tbytes), df in zip(terms, counts)
            if f == field and df <= most.get(tbytes, -1)}


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


def inherit_roots(into: dict[str, dict[bytes, tuple[str, ...]]], table: RootTable | None) -> None:
    """Add to ``into`` (field -> term -> roots, likeliest first) the roots
    the ``table`` of a segment being merged filed its terms under, so that
    the merged segment keeps them: they were read from the words as
    written, which the merged segment no longer sees.  A term two segments
    filed apart (سال: سءل where it was سأل, سول where it was سال) keeps
    both, the first segment's first.  A segment without a table of this
    version (None) adds nothing: its terms are read again."""
    if table is None:
        return
    for field in table.fields():
        terms = into.setdefault(field, {})
        by_term: dict[bytes, list[tuple[int, str]]] = {}
        for root in table.roots(field):
            for term, _df, rank in table.words(field, root):
                by_term.setdefault(term.encode("utf-8"), []).append((rank, root))
        for tbytes, ranked in by_term.items():
            have = terms.get(tbytes, ())
            terms[tbytes] = have + tuple(root for _, root in sorted(ranked) if root not in have)
