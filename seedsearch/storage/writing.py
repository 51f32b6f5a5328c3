"""Writing a seedsearch segment: the writer helpers and :class:`TermPool`.

The Whoosh internals relied on: ``SegmentWriter.newsegment`` / ``docnum``
(deleting a document added earlier in the same batch), ``SegmentWriter(_lk=
False)`` (a writer that does not lock, for seedsearch takes the write lock
itself before it reads a batch's documents), ``W3FieldWriter``'s posting
writer (``_postwriter.add_posting``), which :class:`TermPool` feeds
directly, and its term table's ``HashWriter.buckets`` (appended, counted
and iterated only), which :class:`TermTableBucket` replaces.
:mod:`.patches` installs both in the segment writers of seedsearch indexes.
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Iterator
from itertools import chain
from typing import Any

import numpy as np
from whoosh import writing as wwriting
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.index import clean_files
from whoosh.system import pack_ushort

from ..fields import TEXT_FIELDS
from ..schema import POSITIONS_DTYPE, frequency_bytes, positions_bytes
from ..text.terms import WORD_LENGTHS
from . import flat, reading, runs
from .blocks import positions_of

_POSITION_SIZE = np.dtype(POSITIONS_DTYPE).itemsize
_TERM_INFO_SIZE = W3TermInfo._struct.size

__all__ = ["TermPool", "write_postings", "TermTableBucket", "LAST_IN_PROCESS", "INLINE_BELOW",
           "next_docnum", "delete_pending", "unlocked_writer", "cancel", "flat_positions"]

#: A keyword for a seedsearch ``SegmentWriter``: True when the segment it
#: writes is its process's last (an indexing worker's), so the analysis'
#: word caches are emptied before the segment is written, for the memory
#: the commit needs (:mod:`.patches`).
LAST_IN_PROCESS = "seedsearch_last_in_process"

#: A posting list shorter than this is kept inside its term's entry in the
#: term table (Whoosh's "inlined" postings, which its readers read), not as
#: a block of the postings file: a block costs a header, a pickled
#: description and a zlib stream, about 60 bytes, and writing blocks is a
#: fifth of the time of writing a segment.  Whoosh 2.7.4 inlines lists
#: shorter than its limit of 1, that is none, and the method it would call
#: is misspelt (:mod:`.patches` adds it).  Half of a 2,500-document
#: segment's lists have one posting; inlining those (with
#: :func:`_finish_term`) made it 43.1 -> 37.9 MB, and lists of up to 7
#: postings 35.6 MB (up to 3: 36.1), its writing 0.5 s faster again.
INLINE_BELOW = 8


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


def cancel(writer: Any, ix: Any) -> None:
    """Cancel ``writer`` (of the index ``ix``, whose write lock the caller
    holds) and remove what it wrote: the index's files are those of its last
    commit again.  A multiprocess writer's processes are stopped first:
    Whoosh's ``MpWriter.cancel`` only tells its own copy of each task to
    stop, and the processes went on reading job files the cancel had
    deleted, each printing a traceback.  The segment files of the batch
    (and of a stopped process) are removed as Whoosh's commit removes
    files no segment of the index names."""
    tasks = getattr(writer, "tasks", ())
    for task in tasks:
        if task.is_alive():
            task.terminate()
    for task in tasks:
        task.join()
    try:
        writer.cancel()
    except Exception:  # the writer may already be closed; the lock is freed anyway
        pass
    try:
        toc = ix._read_toc()
        clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
    except Exception:  # the error that cancelled the batch is the one to report;
        pass  # the next commit removes what is left


class TermPool(runs.Spilling, wwriting.PostingPool):
    """A segment writer's postings, grouped by term as they arrive.

    Whoosh's ``PostingPool`` keeps one tuple per posting (about 200 bytes)
    and sorts them all at commit: a 5,000-document seedsearch batch, whose
    words are indexed as stems and as forms, holds 1.8 million of them.
    Postings arrive in document order, so grouping them by (field, term)
    in arrays takes half the memory and leaves only the terms to sort, and
    :func:`write_postings` hands each term's postings to the codec without
    looking up a field length per posting (Whoosh keeps those lengths in
    the blocks only for its own score bounds, which seedsearch does not
    use; the length columns are written as before).  It also collects the
    segment's flat postings (:mod:`.flat`).  Past ``limitmb`` the pool
    spills a sorted run to disk, a record per term (:mod:`.runs`).
    """

    #: Bytes held per posting and per new term, as measured: a 5,000-document
    #: batch (1.8 million postings, 184,000 terms) grew the process by
    #: about 260 MB (the arrays' 8 bytes and a value slot per posting, the
    #: positions of the exact fields, each term's key and three containers).
    POSTING_BYTES = 100
    TERM_BYTES = 450

    def __init__(self, *args: Any, schema: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        #: field -> term -> (documents, weights, values)
        self.terms: dict[str, dict[bytes, tuple[Any, Any, list]]] = {}
        self.unsorted: set[tuple[str, bytes]] = set()
        #: The fields whose positions go to the flat file only: a posting of
        #: a document takes its positions from the field (see
        #: :class:`seedsearch.schema.ArabicTextField`).
        self.flat_fields = {name: field for name, field in (schema.items() if schema else ())
                            if getattr(field, "flat_positions", False)}

    def add(self, item: tuple) -> None:
        """A posting of a document being added (Whoosh's ``add_document``)."""
        field = self.flat_fields.get(item[0])
        if field is not None:
            item = (*item[:4], field.last_positions[item[1]])
        self.add_posting(item)

    def add_posting(self, item: tuple) -> None:
        """A posting as the pool keeps it: a ``flat_positions`` field's value
        is its positions (:func:`seedsearch.schema.positions_bytes`)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.terms.get(fieldname)
        if terms is None:
            terms = self._new_field(fieldname)
        entry = terms.get(tbytes)
        if entry is None:
            entry = terms[tbytes] = (array("I"), array("f"), [])
            self.currentsize += self.TERM_BYTES + len(tbytes)
        elif docnum < entry[0][-1]:
            self.unsorted.add((fieldname, tbytes))  # a merged segment's postings, out of order
        entry[0].append(docnum)
        entry[1].append(weight)
        if not vbytes:  # a merged segment's value-less posting: None from a block,
            vbytes = b""  # "" from an inlined list (Whoosh's ListMatcher)
        entry[2].append(vbytes)
        self.currentsize += self.POSTING_BYTES + len(vbytes)
        if self.currentsize > self.limit:
            self.save()

    def _new_field(self, fieldname: str) -> dict[bytes, tuple[Any, Any, list]]:
        """The (empty) terms of a field the pool has not held yet."""
        self.fieldnames.add(fieldname)
        terms = self.terms[fieldname] = {}
        return terms

    def add_text(self, fieldname: str, field: Any, docnum: int, value: str) -> int:
        """Every posting of the newest document's ``value`` in ``field`` (an
        :class:`~seedsearch.schema.ArabicTextField` that keeps no positions in
        Whoosh's postings) at once; the field's length in the document is
        returned (0 when the field is not scorable).  What Whoosh's
        ``add_document`` and :meth:`add` do posting by posting, a third of
        the time of adding a document."""
        terms = self.terms.get(fieldname)
        if terms is None:
            terms = self._new_field(fieldname)
        boost = field.format.field_boost
        flat_field = field.flat_positions
        length = 0
        size = 0
        # A field with positions measures its length in words (positions): a
        # word filed under two terms (مسؤول under مسءول and مسوول) is one word
        # (from analysis 5; an older index keeps counting terms throughout).
        by_words = flat_field and field.analysis >= WORD_LENGTHS
        words: set[int] = set()
        for term, plist in field.term_positions(value).items():
            tbytes = term.encode("utf-8")
            entry = terms.get(tbytes)
            if entry is None:
                entry = terms[tbytes] = (array("I"), array("f"), [])
                size += self.TERM_BYTES + len(tbytes)
            freq = plist if isinstance(plist, int) else len(plist)
            vbytes = positions_bytes(plist) if flat_field else frequency_bytes(freq)
            entry[0].append(docnum)
            entry[1].append(freq * boost)
            entry[2].append(vbytes)
            size += self.POSTING_BYTES + len(vbytes)
            length += freq
            if by_words:
                words.update(plist)
        if by_words:
            length = len(words)
        self.currentsize += size
        if self.currentsize > self.limit:
            self.save()
        return length if field.scorable else 0

    def sorted_terms(self) -> Iterator[tuple[str, bytes, Any, Any, list]]:
        """Each term's postings in (field, term) order, by document.  The
        pool is read once (to spill a run, or to write the segment), and
        lets go of each term as it hands it on, so that what the writer
        builds from it can reuse the memory."""
        by_field, unsorted = self.terms, self.unsorted
        self.terms, self.unsorted = {}, set()
        for fieldname in sorted(by_field):
            terms = by_field.pop(fieldname)
            for tbytes in sorted(terms):
                docs, weights, values = terms.pop(tbytes)
                if (fieldname, tbytes) in unsorted:
                    docs, weights, values = (list(column) for column in zip(*sorted(
                        zip(docs, weights, values), key=lambda posting: posting[0])))
                yield fieldname, tbytes, docs, weights, values

    def iter_postings(self) -> Iterator[tuple]:
        """Every posting, one tuple each, in (field, term, document) order
        (Whoosh's pool interface)."""
        return (posting for field, tbytes, docs, weights, values in self.grouped_terms()
                for posting in zip([field] * len(docs), [tbytes] * len(docs),
                                   docs, weights, values))

    def grouped_terms(self) -> Iterator[tuple[str, bytes, Any, Any, list]]:
        """:meth:`sorted_terms`, also after the pool spilled runs to disk:
        the runs' records are merged by term, and a term's postings from
        several runs joined in the order the runs were written (the
        order its documents arrived)."""
        if not self.runs:
            yield from self.sorted_terms()
        else:
            yield from self.merged_runs()


class TermTableBucket:
    """One of the 256 buckets in which Whoosh's term table
    (``filetables.HashWriter.buckets``) keeps a (hash, file position) pair
    per term until the segment is written, as two arrays: 12 bytes a term
    instead of a tuple and two integers (about 120).  A worker's segment of
    the bench corpus has over a million terms.  Whoosh only appends pairs,
    counts them and reads them back in order, which is all this does."""

    __slots__ = ("hashes", "positions")

    def __init__(self) -> None:
        self.hashes = array("I")  # Whoosh's hashes are 32-bit and packed as such
        self.positions = array("q")

    def append(self, entry: tuple[int, int]) -> None:
        self.hashes.append(entry[0])
        self.positions.append(entry[1])

    def __len__(self) -> int:
        return len(self.hashes)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.hashes, self.positions)


def write_postings(pool: TermPool, fieldwriter: Any, schema: Any) -> flat.FlatWriter:
    """Write every posting of ``pool`` through ``fieldwriter`` (a
    ``W3FieldWriter``); the flat copy of each list (see :mod:`.flat`) is
    returned.  A field with ``flat_positions`` hands its positions as each
    posting's value: Whoosh gets the frequency, the flat copy the positions."""
    flats = flat.FlatWriter(frequent_fields=tuple(spec.exact for spec in TEXT_FIELDS.values()))
    current = None
    in_flat = in_whoosh = False
    for fieldname, tbytes, docs, weights, values in pool.grouped_terms():
        if fieldname != current:
            if current is not None:
                fieldwriter.finish_field()
            field = schema[fieldname]
            fieldwriter.start_field(fieldname, field)
            fieldwriter._postwriter._inlinelimit = INLINE_BELOW
            current = fieldname
            in_flat = getattr(field, "flat_positions", False)
            in_whoosh = field.format.supports("positions")
        positions = None
        if in_flat:
            positions = flat_positions(values)
            values = [frequency_bytes(n) for n in positions[1].tolist()]
        elif in_whoosh:  # an index made before flat_positions
            plists = positions_of(fieldwriter._format, values)
            positions = (np.fromiter(chain.from_iterable(plists), dtype=np.uint32),
                         np.fromiter(map(len, plists), dtype=np.int64, count=len(plists)))
        fieldwriter.start_term(tbytes)
        _add_postings(fieldwriter._postwriter, docs, weights, values)
        _finish_term(fieldwriter)
        flats.add(fieldname, tbytes, docs, weights, positions)
    if current is not None:
        fieldwriter.finish_field()
    return flats


def _add_postings(postwriter: Any, docs: Any, weights: Any, values: list) -> None:
    """``W3PostingsWriter.add_posting`` for each posting of one term, a
    block's worth at a time: the writer's block (its documents, weights,
    values and largest weight) is filled as Whoosh fills it, without a call
    and four type checks per posting.  No lengths are given (see
    :class:`TermPool`); a value that is empty is not kept, as in Whoosh."""
    limit = postwriter._blocklimit
    start, count = 0, len(docs)
    while start < count:
        if len(postwriter._ids) >= limit:
            postwriter._write_block()
        end = min(count, start + limit - len(postwriter._ids))
        postwriter._ids.extend(docs[start:end])
        chunk = weights[start:end]
        postwriter._weights.extend(chunk)
        postwriter._maxweight = max(postwriter._maxweight, max(chunk))
        postwriter._values.extend(v for v in values[start:end] if v)
        start = end


def _finish_term(fieldwriter: Any) -> None:
    """``W3FieldWriter.finish_term``, but an inlined list is pickled with
    protocol 3, not 2: Whoosh reads it with ``pickle.loads``, which reads
    any protocol, and protocol 2 spells each ``bytes`` as a call to
    ``_codecs.encode`` (72 bytes for a one-posting list, 32 in protocol 3;
    a 2,500-document segment has about 70,000 such lists).  Whoosh packs
    the entry's head with an empty list in place of the postings: pickling
    them with protocol 2 too cost 1 µs a list."""
    terminfo = fieldwriter._postwriter.finish_postings()
    if terminfo.is_inlined():
        postings, terminfo._inlined = terminfo._inlined, ()
        entry = terminfo.to_bytes()[:_TERM_INFO_SIZE] + pickle.dumps(postings, 3)
        terminfo._inlined = postings
    else:
        entry = terminfo.to_bytes()
    fieldwriter._tindex.add(pack_ushort(fieldwriter._fieldid) + fieldwriter._btext, entry)


def flat_positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The positions of each posting of a ``flat_positions`` field, as its
    values hold them (:func:`seedsearch.schema.positions_bytes`): all of them
    end to end, and how many each posting has."""
    counts = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) // _POSITION_SIZE
    return np.frombuffer(b"".join(values), dtype=POSITIONS_DTYPE), counts


def merged_postings(reader: Any, schema: Any) -> Iterator[tuple]:
    """The postings of a segment being merged into a new one (Whoosh's
    ``iter_postings``: field, term, document, weight, value), with the
    value of each posting of a ``flat_positions`` field its positions, read
    from the segment's flat file (or from Whoosh's postings, for a segment
    made before): Whoosh's own value there is only the frequency."""
    current: tuple[str, bytes] | None = None
    by_doc: dict[int, bytes] = {}
    for fieldname, tbytes, docnum, weight, vbytes in reader.iter_postings():
        field = schema[fieldname] if fieldname in schema else None
        if getattr(field, "flat_positions", False):
            if (fieldname, tbytes) != current:
                current = (fieldname, tbytes)
                by_doc = _positions_by_doc(reader, fieldname, tbytes)
            vbytes = by_doc.get(docnum, b"")
        yield fieldname, tbytes, docnum, weight, vbytes


def _positions_by_doc(reader: Any, fieldname: str, tbytes: bytes) -> dict[int, bytes]:
    found = reading.term_positions(reader, fieldname, tbytes)
    if found is None:
        return {}
    ids, first, counts, every = found
    chunks = every.astype(POSITIONS_DTYPE)
    return {doc: chunks[f:f + n].tobytes()
            for doc, f, n in zip(ids.tolist(), first.tolist(), counts.tolist())}

