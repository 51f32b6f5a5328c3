"""Four patches to Whoosh 2.7.4's classes, installed by :func:`install`.

:func:`install` is called by :func:`seedsearch.storage.opening.whoosh_storage`,
the one way seedsearch opens or creates an index, so every index it
touches is read and written with them; each patch checks a marker first,
so installing twice changes nothing.

* ``W3PerDocReader._cached_reader`` remembers a *missing* length column too
  (:func:`_remember_missing_lengths`);
* ``BufferFile`` reads a memory-mapped compound segment through a view
  instead of a copy (:func:`_read_segments_in_place`);
* ``W3TermInfo`` gets ``set_inline``, the name Whoosh's postings writer
  calls to inline a short list (:func:`_spell_set_inline`);
* a seedsearch index's ``SegmentWriter`` groups its postings by term in a
  :class:`~seedsearch.storage.writing.TermPool` and writes them straight to
  the codec, with the segment's flat postings, takes the positions of a
  segment it merges from that segment's flat file, and keeps its term
  table's pending (hash, position) pairs in arrays
  (:class:`~seedsearch.storage.writing.TermTableBucket`); a writer made with
  :data:`~seedsearch.storage.writing.LAST_IN_PROCESS` (an indexing worker's)
  empties the analysis' word caches before it writes its segment
  (:func:`_group_postings_by_term`).

Other Whoosh indexes in the same process behave as before: the first three
patches change no result (Whoosh inlines no list by default), and the
fourth applies only to schemas that carry :data:`seedsearch.fields.SCHEMA_MARK`.
"""

from __future__ import annotations

from typing import Any

from whoosh import writing as wwriting
from whoosh.codec.whoosh3 import W3PerDocReader, W3TermInfo
from whoosh.filedb.structfile import BufferFile

from ..fields import SCHEMA_MARK
from ..schema import ArabicTextField
from ..text.terms import clear_caches
from . import flat, reading
from .roottable import inherit_roots
from .writing import (
    LAST_IN_PROCESS,
    TermPool,
    TermTableBucket,
    merged_postings,
    write_postings,
)

__all__ = ["install"]


def install() -> None:
    """Install the four patches (idempotent)."""
    _remember_missing_lengths()
    _read_segments_in_place()
    _spell_set_inline()
    _group_postings_by_term()


def _remember_missing_lengths() -> None:
    """Whoosh 2.7.4 caches a segment's length-column reader when the column
    exists but not when it is missing, so writing a segment asks the disk
    (a ``stat``) once per posting of every field that keeps no lengths, such
    as seedsearch's ranked fields.  Cache the miss as well; behaviour is
    otherwise unchanged."""
    original = W3PerDocReader._cached_reader
    if getattr(original, "remembers_missing", False):
        return
    missing = object()

    def _cached_reader(self, fieldname, column):
        reader = self._readers.get(fieldname)
        if reader is missing:
            return None
        if reader is None:
            reader = original(self, fieldname, column)
            if reader is None:
                self._readers[fieldname] = missing
        return reader

    _cached_reader.remembers_missing = True  # type: ignore[attr-defined]
    W3PerDocReader._cached_reader = _cached_reader


class _ViewFile:
    """A read-only file over a memoryview, without copying it (what
    ``io.BytesIO(memoryview)`` would do)."""

    __slots__ = ("_view", "_pos")

    def __init__(self, view: Any):
        self._view = memoryview(view)
        self._pos = 0

    def read(self, n: int | None = -1) -> bytes:
        start = self._pos
        end = len(self._view) if n is None or n < 0 else min(start + n, len(self._view))
        self._pos = end
        return self._view[start:end].tobytes()

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        rest = self._view[self._pos:] if size is None or size < 0 else \
            self._view[self._pos:self._pos + size]
        data = rest.tobytes()
        cut = data.find(b"\n")
        line = data if cut < 0 else data[:cut + 1]
        self._pos += len(line)
        return line

    def seek(self, pos: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._view))[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view.release()


def _read_segments_in_place() -> None:
    """Whoosh 2.7.4 opens each file inside a memory-mapped compound segment
    as ``BufferFile(memoryview)``, whose ``BytesIO(memoryview)`` copies the
    file into memory every time a reader opens: about as much memory as the
    index is large (1.2 GB for the 137,000-document bench corpus) in every
    process that searches.  Read through the mapped pages instead; reads
    stay as fast as the copy's, and the memory is the page cache's."""
    if getattr(BufferFile.__init__, "reads_in_place", False):
        return

    def __init__(self, buf, name=None, onclose=None):
        self._buf = buf
        self._name = name
        self.file = _ViewFile(buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    __init__.reads_in_place = True  # type: ignore[attr-defined]
    BufferFile.__init__ = __init__


def _spell_set_inline() -> None:
    """Whoosh 2.7.4's postings writer inlines a list shorter than its
    ``inlinelimit`` by calling ``terminfo.set_inline``, but ``W3TermInfo``
    names the method ``set_inlined``; the default limit (1) never reaches
    the call.  Give it the name called, so that seedsearch's writer can
    inline short lists (:data:`~seedsearch.storage.writing.INLINE_BELOW`);
    Whoosh's readers read inlined postings as they are."""
    if not hasattr(W3TermInfo, "set_inline"):
        W3TermInfo.set_inline = W3TermInfo.set_inlined


def _group_postings_by_term() -> None:
    """Give every ``SegmentWriter`` of a seedsearch index a :class:`TermPool`
    and compact term-table buckets (other Whoosh indexes in the same process
    keep Whoosh's own)."""
    init = wwriting.SegmentWriter.__init__
    if getattr(init, "groups_by_term", False):
        return
    flush = wwriting.SegmentWriter._flush_segment

    def __init__(self, ix, *args, **kwargs):
        last = kwargs.pop(LAST_IN_PROCESS, False)
        init(self, ix, *args, **kwargs)
        self._seedsearch_last = last
        if SCHEMA_MARK in self.schema:
            old = self.pool
            self.pool = TermPool(old.tempstore, old.segment, limitmb=old.limit // (1024 * 1024),
                                 schema=self.schema)
            for _, field in self.schema.items():  # a cancelled writer's spellings are not ours
                getattr(field, "written", {}).clear()
            terms = getattr(self.fieldwriter, "_tindex", None)  # W3FieldWriter's term table
            if terms is not None and isinstance(getattr(terms, "buckets", None), list):
                terms.buckets = [TermTableBucket() for _ in terms.buckets]

    def _flush_segment(self):
        if not isinstance(self.pool, TermPool):
            return flush(self)
        self.perdocwriter.close()
        if getattr(self, "_seedsearch_last", False):
            clear_caches()  # this process analyses no more words
        flats = write_postings(self.pool, self.fieldwriter, self.schema)
        self.fieldwriter.close()
        flats.written = {name: field.written for name, field in self.schema.items()
                         if getattr(field, "written", None)}
        flats.inherited = self.__dict__.get("_seedsearch_roots", {})
        out = self.newsegment.create_file(self.storage, flat.EXT)
        flats.write(out)
        out.close()
        for field in flats.written.values():
            field.clear()

    add_postings = wwriting.SegmentWriter.add_postings_to_pool

    def add_postings_to_pool(self, reader, startdoc, docmap):
        if not isinstance(self.pool, TermPool):
            return add_postings(self, reader, startdoc, docmap)
        for item in self._process_posts(merged_postings(reader, self.schema), startdoc, docmap):
            self.pool.add_posting(item)
        inherit_roots(self.__dict__.setdefault("_seedsearch_roots", {}),
                      getattr(reading.flat_postings(reader), "roots", None))

    whoosh_add_document = wwriting.SegmentWriter.add_document

    def add_document(self, **fields):
        if not isinstance(self.pool, TermPool) or any(name.startswith("_") for name in fields):
            return whoosh_add_document(self, **fields)  # boosts and stored overrides
        _add_document(self, fields)

    __init__.groups_by_term = True  # type: ignore[attr-defined]
    wwriting.SegmentWriter.__init__ = __init__
    wwriting.SegmentWriter.add_document = add_document
    wwriting.SegmentWriter._flush_segment = _flush_segment
    wwriting.SegmentWriter.add_postings_to_pool = add_postings_to_pool


def _add_document(writer: Any, fields: dict[str, Any]) -> None:
    """Whoosh's ``SegmentWriter.add_document`` for a document without
    boosts or stored overrides (no key starting with ``_``), but each text
    field of seedsearch's handed to the pool at once
    (:meth:`~seedsearch.storage.writing.TermPool.add_text`) rather than
    posting by posting.  Whoosh's fields are handled as Whoosh does (its
    spelling and vector fields are not used by seedsearch's schemas)."""
    writer._check_state()
    perdocwriter, schema, docnum, pool = writer.perdocwriter, writer.schema, writer.docnum, writer.pool
    fieldnames = sorted(fields)
    writer._check_fields(schema, fieldnames)
    perdocwriter.start_doc(docnum)
    for fieldname in fieldnames:
        value = fields[fieldname]
        if value is None:
            continue
        field = schema[fieldname]
        length = 0
        if field.indexed:
            if isinstance(field, ArabicTextField) and isinstance(value, str) and (
                    field.flat_positions or not field.format.supports("positions")):
                length = pool.add_text(fieldname, field, docnum, value)
            else:
                for tbytes, freq, weight, vbytes in field.index(value):
                    if field.scorable:
                        length += freq
                    pool.add((fieldname, tbytes, docnum, weight, vbytes))
        perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
        if field.column_type:
            perdocwriter.add_column_value(fieldname, field.column_type,
                                          field.to_column_value(value))
    perdocwriter.finish_doc()
    writer._added = True
    writer.docnum += 1
