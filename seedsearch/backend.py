"""Every use of Whoosh 2.7.4's private parts, in one place.

seedsearch scores queries itself (see :mod:`.execute`) on arrays read
straight from Whoosh's segment files: whole posting lists, field lengths,
deletions and columns.  Whoosh has no public API for reading a posting list
or a length column as a block, so this module reaches into its internals;
``tests/test_backend.py`` has a test per internal relied on, so an upgrade
of Whoosh that breaks one fails there first.

The internals used:

* ``whoosh.index._DEF_INDEX_NAME`` and the file names of an index;
* ``SegmentReader._terms.term_info`` / ``W3TermInfo.inlined_postings`` and
  ``W3LeafMatcher``'s block reader (``_read_ids``, ``_read_weights``,
  ``_next_block``, ``_atend``): a posting list as arrays;
* ``SegmentReader._perdoc._cached_reader`` with ``LENGTHS_COLUMN`` and its
  ``_dbfile``/``_basepos``/``_count``: the field-length bytes of a segment;
* ``whoosh.util.numeric.byte_to_length``: Whoosh's length code;
* ``FileIndex._segments()`` (segment count) and ``SegmentWriter.newsegment``
  / ``docnum`` (deleting a document added earlier in the same batch);
* ``SegmentWriter(_lk=False)``: a writer that does not lock, for seedsearch
  takes the write lock itself before it reads a batch's documents;
* two patches: ``W3PerDocReader._cached_reader`` remembers a *missing*
  length column too (see :func:`_remember_missing_lengths`), and
  ``BufferFile`` reads a memory-mapped compound segment through a view
  instead of a copy (see :func:`_read_segments_in_place`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as windex
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

__all__ = ["INDEX_NAME", "index_files", "segment_count", "leaves", "postings", "postings_values",
           "lengths",
           "live_mask", "column_values", "delete_pending", "next_docnum", "unlocked_writer"]

INDEX_NAME: str = windex._DEF_INDEX_NAME  # "MAIN"

#: Whoosh's one-byte length code, decoded: LENGTH_TABLE[code] = length.
LENGTH_TABLE = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)

_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


def index_files(path: Path) -> list[Path]:
    """The files Whoosh writes for the index named MAIN (and nothing else)."""
    out = []
    for child in path.iterdir():
        name = child.name
        if child.is_file() and (name.startswith(f"_{INDEX_NAME}_") or
                                name.startswith(f"{INDEX_NAME}_")):
            out.append(child)
    return out


def segment_count(ix: Any) -> int:
    """How many segments the index's latest commit has."""
    return len(ix._segments())


def leaves(reader: Any) -> list[tuple[Any, int]]:
    """``(segment reader, first global document number)`` of each segment."""
    return list(reader.leaf_readers())


def postings(segreader: Any, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """The whole posting list of one term in one segment: document numbers
    (local to the segment, ascending, deleted ones included) and weights
    (term frequencies).  Empty arrays when the segment lacks the term."""
    ids, weights, _ = _read_postings(segreader, fieldname, text, values=False)
    return ids, weights


def postings_values(segreader: Any, fieldname: str, text: str) -> tuple[np.ndarray, Any]:
    """Document numbers and the encoded value of each posting (for the
    exact fields: its positions; decode one with the field format's
    ``decode_positions``)."""
    ids, _, values = _read_postings(segreader, fieldname, text, values=True)
    return ids, values


def _read_postings(segreader: Any, fieldname: str, text: str,
                   values: bool) -> tuple[np.ndarray, np.ndarray, Any]:
    terms = segreader._terms
    tbytes = text.encode("utf-8")
    try:
        info = terms.term_info(fieldname, tbytes)
    except (KeyError, TermNotFound):
        return _EMPTY_IDS, _EMPTY_WEIGHTS, ()
    if info.is_inlined():
        ids, weights, vals = info.inlined_postings()
        return (np.asarray(ids, dtype=np.int64),
                np.asarray(weights if weights is not None else [1.0] * len(ids),
                           dtype=np.float64), vals)
    fmt = segreader.schema[fieldname].format
    m = terms._codec.postings_reader(terms._postfile, info, fmt)
    id_parts, weight_parts, value_parts = [], [], []
    while not m._atend:
        m._read_ids()
        m._read_weights()
        id_parts.append(m._ids)
        weight_parts.append(m._weights)
        if values:
            m._read_values()
            value_parts.append(m._values)
        if m._lastblock:
            break
        m._next_block()
    ids = np.concatenate([np.asarray(part, dtype=np.int64) for part in id_parts])
    weights = np.concatenate([np.asarray(w, dtype=np.float64) for w in weight_parts])
    return ids, weights, [v for part in value_parts for v in part]


def lengths(segreader: Any, fieldname: str) -> np.ndarray:
    """The length (in words, as Whoosh stores it: one byte, approximate
    above 100) of ``fieldname`` in every document of the segment."""
    n = segreader.doc_count_all()
    out = np.zeros(n, dtype=np.float64)
    column = segreader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return out
    count = min(column._count, n)
    codes = np.frombuffer(column._dbfile.get(column._basepos, count), dtype=np.uint8)
    out[:count] = LENGTH_TABLE[codes]
    return out


def live_mask(segreader: Any) -> np.ndarray:
    """True for every document of the segment that is not deleted."""
    mask = np.ones(segreader.doc_count_all(), dtype=bool)
    if segreader.has_deletions():
        deleted = np.fromiter(segreader._perdoc.deleted_docs(), dtype=np.int64)
        mask[deleted] = False
    return mask


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


_remember_missing_lengths()


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


_read_segments_in_place()


def iter_stored(ix: Any) -> Iterator[dict]:
    """The stored fields of every live document, segment by segment, with
    Whoosh's per-document readers (``FileIndex._segments``,
    ``Segment.open_compound_file``, ``codec().per_document_reader``): a full
    reader would also load each segment's postings and term index (1.2 GB
    for the 618 MB bench index), while this holds one segment's stored
    fields at a time.  The segments are listed and opened when iteration
    starts, so a commit during it does not pull files from under it."""
    storage = ix.storage
    opened = []
    try:
        for segment in ix._segments():
            files = segment.open_compound_file(storage) if segment.is_compound() else None
            perdoc = segment.codec().per_document_reader(files or storage, segment)
            opened.append((files, perdoc))
        while opened:
            perdoc = opened[0][1]
            for docnum in range(perdoc.doc_count_all()):
                if not perdoc.is_deleted(docnum):
                    yield perdoc.stored_fields(docnum)
            _close_segment(*opened.pop(0))  # frees its stored fields before the next
    finally:
        for files, perdoc in opened:
            _close_segment(files, perdoc)


def _close_segment(files: Any, perdoc: Any) -> None:
    """Close one segment's per-document reader and its compound file."""
    perdoc.close()
    if files is not None:
        files.close()
