"""Writing a seedsearch segment: the writer helpers and :class:`TermPool`.

The Whoosh internals relied on: ``SegmentWriter.newsegment`` / ``docnum``
(deleting a document added earlier in the same batch), ``SegmentWriter(_lk=
False)`` (a writer that does not lock, for seedsearch takes the write lock
itself before it reads a batch's documents), and ``W3FieldWriter``'s posting
writer (``_postwriter.add_posting``), which :class:`TermPool` feeds
directly.  :mod:`.patches` installs the pool in the segment writers of
seedsearch indexes.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

from whoosh import writing as wwriting
from whoosh.externalsort import SortingPool

from . import flat
from .blocks import positions_of

__all__ = ["TermPool", "next_docnum", "delete_pending", "unlocked_writer"]


def next_docnum(writer: Any) -> int:
    """The segment-local number the writer gives its next document."""
    return writer.docnum


def delete_pending(writer: Any, docnum: int) -> None:
    """Delete a document added earlier in the same (single-process) batch."""
    writer.newsegment.delete_document(docnum)


def unlocked_writer(ix: Any, **kwargs: Any) -> Any:
    """``ix.writer(**kwargs)`` that does not take the index's write lock:
    the caller already holds it (Whoosh's own sub-writers use ``_lk=False``)."""
    return ix.writer(_lk=False, **kwargs)


class TermPool(wwriting.PostingPool):
    """A segment writer's postings, grouped by term as they arrive.

    Whoosh's ``PostingPool`` keeps one tuple per posting (about 200 bytes)
    and sorts them all at commit: a 5,000-document seedsearch batch, whose
    words are indexed as stems and as forms, holds 1.8 million of them.
    Postings arrive in document order, so grouping them by (field, term)
    in arrays takes half the memory and leaves only the terms to sort, and
    :meth:`write_to` hands each term's postings to the codec without
    looking up a field length per posting (Whoosh keeps those lengths in
    the blocks only for its own score bounds, which seedsearch does not
    use; the length columns are written as before).  It also collects the
    segment's flat postings (:mod:`.flat`).  Past ``limitmb`` the pool
    spills a sorted run exactly as Whoosh's does.
    """

    #: Bytes held per posting and per new term, as measured: a 5,000-document
    #: batch (1.8 million postings, 184,000 terms) grew the process by
    #: about 260 MB (the arrays' 8 bytes and a value slot per posting, the
    #: positions of the exact fields, each term's key and three containers).
    POSTING_BYTES = 100
    TERM_BYTES = 450

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.terms: dict[tuple[str, bytes], tuple[Any, Any, list]] = {}
        self.unsorted: set[tuple[str, bytes]] = set()

    def add(self, item: tuple) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        key = (fieldname, tbytes)
        entry = self.terms.get(key)
        if entry is None:
            entry = self.terms[key] = (array("I"), array("f"), [])
            self.fieldnames.add(fieldname)
            self.currentsize += self.TERM_BYTES + len(tbytes)
        elif docnum < entry[0][-1]:
            self.unsorted.add(key)  # a merged segment's postings, out of order
        entry[0].append(docnum)
        entry[1].append(weight)
        if vbytes is None:  # a merged segment's value-less posting, as Whoosh writes it
            vbytes = b""
        entry[2].append(vbytes)
        self.currentsize += self.POSTING_BYTES + len(vbytes)
        if self.currentsize > self.limit:
            self.save()

    def sorted_terms(self) -> Iterator[tuple[str, bytes, Any, Any, list]]:
        """Each term's postings in (field, term) order, by document."""
        for key in sorted(self.terms):
            docs, weights, values = self.terms[key]
            if key in self.unsorted:
                docs, weights, values = (list(column) for column in zip(*sorted(
                    zip(docs, weights, values), key=lambda posting: posting[0])))
            yield key[0], key[1], docs, weights, values

    def save(self) -> None:
        self.current = [(field, tbytes, d, w, v)
                        for field, tbytes, docs, weights, values in self.sorted_terms()
                        for d, w, v in zip(docs, weights, values)]
        self.terms, self.unsorted = {}, set()
        SortingPool.save(self)
        self.currentsize = 0

    def iter_postings(self) -> Iterator[tuple]:
        if self.runs:
            self.save()
            return SortingPool.items(self)
        return (posting for field, tbytes, docs, weights, values in self.sorted_terms()
                for posting in zip([field] * len(docs), [tbytes] * len(docs),
                                   docs, weights, values))

    def grouped_terms(self) -> Iterator[tuple[str, bytes, Any, Any, list]]:
        """:meth:`sorted_terms`, also after the pool spilled runs to disk."""
        if not self.runs:
            yield from self.sorted_terms()
            return
        for (fieldname, tbytes), postings in groupby(self.iter_postings(), key=itemgetter(0, 1)):
            _, _, docs, weights, values = zip(*postings)
            yield fieldname, tbytes, docs, weights, list(values)

    def write_to(self, fieldwriter: Any, schema: Any) -> flat.FlatWriter:
        """Write every posting through ``fieldwriter`` (a ``W3FieldWriter``);
        the flat copy of each list (see :mod:`.flat`) is returned."""
        flats = flat.FlatWriter()
        current = None
        for fieldname, tbytes, docs, weights, values in self.grouped_terms():
            if fieldname != current:
                if current is not None:
                    fieldwriter.finish_field()
                fieldwriter.start_field(fieldname, schema[fieldname])
                current = fieldname
            fieldwriter.start_term(tbytes)
            add = fieldwriter._postwriter.add_posting
            for posting in zip(docs, weights, values):
                add(*posting)
            fieldwriter.finish_term()
            fmt = fieldwriter._format
            flats.add(fieldname, tbytes, docs, weights,
                      positions_of(fmt, values) if fmt.supports("positions") else None)
        if current is not None:
            fieldwriter.finish_field()
        return flats
