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
  ``W3TermInfo._offset`` / ``_length`` and the block layout of
  ``W3PostingsWriter._write_block`` (see :func:`_decode_blocks`): a posting
  list as arrays;
* ``SegmentReader._perdoc._cached_reader`` with ``LENGTHS_COLUMN`` and its
  ``_dbfile``/``_basepos``/``_count``: the field-length bytes of a segment;
* ``whoosh.util.numeric.byte_to_length``: Whoosh's length code;
* ``FileIndex._segments()`` (segment count) and ``SegmentWriter.newsegment``
  / ``docnum`` (deleting a document added earlier in the same batch);
* ``SegmentWriter(_lk=False)``: a writer that does not lock, for seedsearch
  takes the write lock itself before it reads a batch's documents;
* three patches: ``W3PerDocReader._cached_reader`` remembers a *missing*
  length column too (see :func:`_remember_missing_lengths`);
  ``BufferFile`` reads a memory-mapped compound segment through a view
  instead of a copy (see :func:`_read_segments_in_place`); and a
  seedsearch index's ``SegmentWriter`` groups its postings by term and
  writes them straight to ``W3FieldWriter``'s posting writer
  (``_postwriter.add_posting``), see :class:`TermPool`.
"""

from __future__ import annotations

import io
import pickle
import zlib
from array import array
from collections.abc import Iterator
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as windex
from whoosh import writing as wwriting
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
from whoosh.externalsort import SortingPool
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import TermNotFound
from whoosh.system import unpack_int as _unpack_int
from whoosh.util.numeric import byte_to_length

from . import flat
from ..fields import SCHEMA_MARK

__all__ = ["INDEX_NAME", "index_files", "segment_count", "leaves", "term_info", "postings",
           "postings_values", "term_keys", "has_keys",
           "term_positions", "lengths",
           "live_mask", "column_values", "delete_pending", "next_docnum", "unlocked_writer"]

INDEX_NAME: str = windex._DEF_INDEX_NAME  # "MAIN"

#: Whoosh's one-byte length code, decoded: LENGTH_TABLE[code] = length.
LENGTH_TABLE = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)

_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_LOOK_UP = object()
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


def term_info(segreader: Any, fieldname: str, text: str) -> Any | None:
    """The segment's Whoosh ``TermInfo`` of a term (``doc_frequency()``
    and where its postings are), or None when the segment lacks it (which
    the flat file's term keys tell without Whoosh's slower look-up)."""
    tbytes = text.encode("utf-8")
    table = _flat_postings(segreader)
    if table is not None and not table.has_term(fieldname, tbytes):
        return None
    terms = getattr(segreader, "_terms", None)  # None: an EmptyReader
    if terms is None:
        return None
    try:
        return terms.term_info(fieldname, tbytes)
    except (KeyError, TermNotFound):
        return None


def postings(segreader: Any, fieldname: str, text: str,
             info: Any = _LOOK_UP) -> tuple[np.ndarray, np.ndarray]:
    """The whole posting list of one term in one segment: document numbers
    (local to the segment, ascending, deleted ones included) and weights
    (term frequencies).  Empty arrays when the segment lacks the term.
    ``info``: the term's :func:`term_info`, when the caller has it."""
    if info is _LOOK_UP:
        info = term_info(segreader, fieldname, text)
    ids, weights, _ = _read_postings(segreader, fieldname, info, values=False)
    return ids, weights


def postings_values(segreader: Any, fieldname: str,
                    text: str) -> tuple[np.ndarray, np.ndarray, Any]:
    """Document numbers, weights and the encoded value of each posting (for
    the exact fields: its positions; :func:`term_positions` decodes them)."""
    return _read_postings(segreader, fieldname, term_info(segreader, fieldname, text),
                          values=True)


def _read_postings(segreader: Any, fieldname: str, info: Any,
                   values: bool) -> tuple[np.ndarray, np.ndarray, Any]:
    if info is None:
        return _EMPTY_IDS, _EMPTY_WEIGHTS, ()
    if info.is_inlined():
        ids, weights, vals = info.inlined_postings()
        return (np.asarray(ids, dtype=np.int64),
                np.asarray(weights if weights is not None else [1.0] * len(ids),
                           dtype=np.float64), vals)
    if not values:
        table = _flat_postings(segreader)
        hit = table.get(info._offset) if table is not None else None
        if hit is not None:
            return hit[0], hit[1], ()
    length = info._length  # a 1-tuple when read from disk (Whoosh 2.7.4 forgets the [0])
    if isinstance(length, tuple):
        length = length[0]
    fixed = segreader.schema[fieldname].format.fixed_value_size() if values else None
    return _decode_blocks(segreader._terms._postfile.get(info._offset, length), values, fixed)


def term_keys(fieldname: str, terms: list[str]) -> np.ndarray:
    """The flat files' 64-bit keys of ``terms`` (see :mod:`.flat`), computed
    once to test against every segment with :func:`has_keys`."""
    return flat.term_keys(fieldname, [t.encode("utf-8") for t in terms])


def has_keys(segreader: Any, keys: np.ndarray) -> np.ndarray | None:
    """Whether the segment probably has each term of ``keys``, by its flat
    file's term keys (a 64-bit hash collision says yes wrongly, so confirm a
    yes with :func:`term_info`); None when the segment has no flat file
    (ask Whoosh, e.g. ``terms_within``)."""
    table = _flat_postings(segreader)
    return None if table is None else table.has_keys(keys)


def _flat_postings(segreader: Any) -> flat.FlatPostings | None:
    """The segment's flat-postings arrays (see :mod:`.flat`), read in place
    from its compound file once per segment reader; None for a segment
    written without them."""
    cached = segreader.__dict__.get("_seedsearch_flat", _UNREAD)
    if cached is not _UNREAD:
        return cached
    table = None
    segment = getattr(segreader, "_segment", None)  # None: an EmptyReader
    name = segment.make_filename(flat.EXT) if segment is not None else None
    if name is not None and segreader._storage.file_exists(name):
        f = segreader._storage.open_file(name)
        buffer = f._buf if isinstance(f, BufferFile) else f.read()
        table = flat.FlatPostings(buffer)
    segreader._seedsearch_flat = table
    return table


_UNREAD = object()


def _decode_blocks(raw: bytes, values: bool,
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
        return _EMPTY_IDS, _EMPTY_WEIGHTS, value_parts
    return np.concatenate(id_parts), np.concatenate(weight_parts), value_parts


#: Decoded position lists kept per posting format, by their encoding: a
#: corpus repeats the same few encodings (one word at position p) endlessly.
POSITIONS_CACHE = 100_000
_positions_seen: dict[type, dict[bytes, list[int]]] = {}


def _positions_of(fmt: Any, values: list[bytes]) -> list[list[int]]:
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


def term_positions(segreader: Any, fieldname: str, text: str, info: Any = _LOOK_UP
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """A term's postings with their positions in one segment: document
    numbers, and for each where its positions begin in the last array and
    how many there are; None when the segment lacks the term.  From the
    flat file when the segment has one, else decoded from Whoosh's blocks.
    ``info``: the term's :func:`term_info`, when the caller has it."""
    if info is _LOOK_UP:
        info = term_info(segreader, fieldname, text)
    if info is None:
        return None
    table = _flat_postings(segreader)
    if table is not None and not info.is_inlined():
        hit = table.get_positions(info._offset)
        if hit is not None:
            return (*hit, table.positions)
    ids, _, values = _read_postings(segreader, fieldname, info, values=True)
    plists = _positions_of(segreader.schema[fieldname].format, values)
    counts = np.fromiter(map(len, plists), dtype=np.int64, count=len(plists))
    return (ids, np.cumsum(counts) - counts, counts,
            np.fromiter(chain.from_iterable(plists), dtype=np.int64))


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
        postfile = fieldwriter._postfile
        current = None
        for fieldname, tbytes, docs, weights, values in self.grouped_terms():
            if fieldname != current:
                if current is not None:
                    fieldwriter.finish_field()
                fieldwriter.start_field(fieldname, schema[fieldname])
                current = fieldname
            flats.add_term(fieldname, tbytes)
            start = postfile.tell()
            fieldwriter.start_term(tbytes)
            add = fieldwriter._postwriter.add_posting
            for posting in zip(docs, weights, values):
                add(*posting)
            fieldwriter.finish_term()
            if postfile.tell() > start:  # not inlined in the term table
                fmt = fieldwriter._format
                flats.add(start, docs, weights,
                          _positions_of(fmt, values) if fmt.supports("positions") else None)
        if current is not None:
            fieldwriter.finish_field()
        return flats


def _group_postings_by_term() -> None:
    """Give every ``SegmentWriter`` of a seedsearch index a :class:`TermPool`
    (other Whoosh indexes in the same process keep Whoosh's own pool)."""
    init = wwriting.SegmentWriter.__init__
    if getattr(init, "groups_by_term", False):
        return
    flush = wwriting.SegmentWriter._flush_segment

    def __init__(self, ix, *args, **kwargs):
        init(self, ix, *args, **kwargs)
        if SCHEMA_MARK in self.schema:
            old = self.pool
            self.pool = TermPool(old.tempstore, old.segment, limitmb=old.limit // (1024 * 1024))

    def _flush_segment(self):
        if not isinstance(self.pool, TermPool):
            return flush(self)
        self.perdocwriter.close()
        flats = self.pool.write_to(self.fieldwriter, self.schema)
        self.fieldwriter.close()
        out = self.newsegment.create_file(self.storage, flat.EXT)
        flats.write(out)
        out.close()

    __init__.groups_by_term = True  # type: ignore[attr-defined]
    wwriting.SegmentWriter.__init__ = __init__
    wwriting.SegmentWriter._flush_segment = _flush_segment


_group_postings_by_term()


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
