"""Reading a segment's arrays through Whoosh 2.7.4's private parts.

seedsearch scores queries itself (see :mod:`seedsearch.search.scoring`) on
arrays read straight from Whoosh's segment files: whole posting lists, field
lengths, deletions and columns.  Whoosh has no public API for reading a
posting list or a length column as a block, so this module reaches into its
internals; ``tests/test_storage.py`` has a test per internal relied on, so
an upgrade of Whoosh that breaks one fails there first.

The internals read here:

* ``whoosh.index._DEF_INDEX_NAME`` and the file names of an index;
* ``SegmentReader._terms.term_info`` / ``W3TermInfo.inlined_postings`` and
  ``W3TermInfo._offset`` / ``_length``: where a posting list is, for a
  segment whose flat file (:mod:`.flat`) cannot say (its blocks are then
  decoded by :mod:`.blocks`);
* ``SegmentReader._perdoc._cached_reader`` with ``LENGTHS_COLUMN`` and its
  ``_dbfile``/``_basepos``/``_count``: the field-length bytes of a segment;
* ``whoosh.util.numeric.byte_to_length``: Whoosh's length code;
* ``SegmentReader._perdoc.stored_fields`` and ``Schema._fields``: a
  document's stored fields, without Whoosh's per-field schema look-up;
* ``FileIndex._segments()``, ``Segment.open_compound_file`` and
  ``codec().per_document_reader``: the segment count, and stored fields
  read one segment at a time.

Columns (facets) are read by :mod:`.columns`; writing goes through
:mod:`.writing`; the patches to Whoosh's own classes are in :mod:`.patches`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as windex
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import ReaderClosed, TermNotFound
from whoosh.util.numeric import byte_to_length

from ..fields import TEXT_FIELDS
from . import flat
from .blocks import EMPTY_IDS, EMPTY_WEIGHTS, decode_blocks, positions_of
from .roottable import RootWords, computed_table
from .vocabulary import doc_frequencies

__all__ = ["INDEX_NAME", "index_files", "segment_count", "leaves", "TermRef", "find_term", "postings",
           "postings_values", "term_keys", "has_keys", "flat_postings", "term_positions",
           "has_positions", "has_frequent", "stored_fields", "frequent_starting", "root_words",
           "lengths", "live_mask", "iter_stored"]

INDEX_NAME: str = windex._DEF_INDEX_NAME  # "MAIN"

#: Whoosh's one-byte length code, decoded: LENGTH_TABLE[code] = length.
LENGTH_TABLE = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)

_LOOK_UP = object()
#: The fields a root table covers.
_EXACT_FIELDS = tuple(spec.exact for spec in TEXT_FIELDS.values())


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


@dataclass(frozen=True)
class TermRef:
    """Where one segment keeps a term: its document frequency, and its list
    in the segment's flat file (``flat`` ≥ 0) or Whoosh's ``TermInfo``
    (``info``), or both."""
    df: int
    flat: int = -1
    info: Any = None


def find_term(segreader: Any, fieldname: str, text: str | bytes,
              key: Any = None) -> TermRef | None:
    """Where the segment keeps a term, or None when it lacks it.  A segment
    with a flat file of format 3 answers from its own term index; others
    ask Whoosh's term table (slower: a Python hash-file look-up).  ``key``:
    the term's :func:`term_keys` key, when the caller has it (one hash
    serves every segment).  A term of a numeric field is given as its bytes."""
    tbytes = text if isinstance(text, bytes) else text.encode("utf-8")
    table = flat_postings(segreader)
    if table is not None:
        if key is None:
            key = flat.term_keys(fieldname, (tbytes,))[0]
        i = table.find(fieldname, tbytes, key)
        if i == flat.ABSENT:
            return None
        if i >= 0:
            return TermRef(table.count(i), i)
    info = _whoosh_term_info(segreader, fieldname, tbytes)
    if info is None:
        return None
    at = table.list_at(info._offset) if table is not None and not info.is_inlined() else None
    return TermRef(info.doc_frequency(), -1 if at is None else at, info)


def _whoosh_term_info(segreader: Any, fieldname: str, tbytes: bytes) -> Any | None:
    terms = getattr(segreader, "_terms", None)  # None: an EmptyReader
    if terms is None:
        return None
    try:
        return terms.term_info(fieldname, tbytes)
    except (KeyError, TermNotFound):
        return None


def postings(segreader: Any, fieldname: str, text: str | bytes,
             ref: Any = _LOOK_UP) -> tuple[np.ndarray, np.ndarray]:
    """The whole posting list of one term in one segment: document numbers
    (local to the segment, ascending, deleted ones included) and weights
    (term frequencies).  Empty arrays when the segment lacks the term.
    ``ref``: the term's :func:`find_term`, when the caller has it."""
    if ref is _LOOK_UP:
        ref = find_term(segreader, fieldname, text)
    if ref is None:
        return EMPTY_IDS, EMPTY_WEIGHTS
    if ref.flat >= 0:
        table = flat_postings(segreader)
        assert table is not None
        return table.postings(ref.flat)
    ids, weights, _ = _whoosh_postings(segreader, fieldname, ref.info, values=False)
    return ids, weights


def postings_values(segreader: Any, fieldname: str,
                    text: str) -> tuple[np.ndarray, np.ndarray, Any]:
    """Document numbers, weights and the encoded value of each posting (for
    the exact fields: its positions; :func:`term_positions` decodes them),
    from Whoosh's own postings."""
    info = _whoosh_term_info(segreader, fieldname, text.encode("utf-8"))
    if info is None:
        return EMPTY_IDS, EMPTY_WEIGHTS, ()
    return _whoosh_postings(segreader, fieldname, info, values=True)


def _whoosh_postings(segreader: Any, fieldname: str, info: Any,
                     values: bool) -> tuple[np.ndarray, np.ndarray, Any]:
    if info.is_inlined():
        ids, weights, vals = info.inlined_postings()
        return (np.asarray(ids, dtype=np.int64),
                np.asarray(weights if weights is not None else [1.0] * len(ids),
                           dtype=np.float64), vals)
    length = info._length  # a 1-tuple when read from disk (Whoosh 2.7.4 forgets the [0])
    if isinstance(length, tuple):
        length = length[0]
    fixed = segreader.schema[fieldname].format.fixed_value_size() if values else None
    return decode_blocks(segreader._terms._postfile.get(info._offset, length), values, fixed)


def term_keys(fieldname: str, terms: list[str]) -> np.ndarray:
    """The flat files' 64-bit keys of ``terms`` (see :mod:`.flat`), computed
    once to test against every segment with :func:`has_keys`."""
    return flat.term_keys(fieldname, [t.encode("utf-8") for t in terms])


def has_keys(segreader: Any, keys: np.ndarray) -> np.ndarray | None:
    """Whether the segment probably has each term of ``keys``, by its flat
    file's term keys (a 64-bit hash collision says yes wrongly, so confirm a
    yes with :func:`find_term`); None when the segment has no flat file
    (ask Whoosh, e.g. ``terms_within``)."""
    table = flat_postings(segreader)
    return None if table is None else table.has_keys(keys)


def flat_postings(segreader: Any) -> flat.FlatReader | None:
    """The segment's flat-postings arrays (see :mod:`.flat`), read in place
    from its compound file once per segment reader; None for a segment
    written without them, or in a format this seedsearch does not know."""
    cached = segreader.__dict__.get("_seedsearch_flat", _UNREAD)
    if cached is not _UNREAD:
        return cached
    table = None
    segment = getattr(segreader, "_segment", None)  # None: an EmptyReader
    name = segment.make_filename(flat.EXT) if segment is not None else None
    if name is not None and segreader._storage.file_exists(name):
        f = segreader._storage.open_file(name)
        buffer = f._buf if isinstance(f, BufferFile) else f.read()
        table = flat.read_flat(buffer)
    segreader._seedsearch_flat = table
    return table


_UNREAD = object()


def term_positions(segreader: Any, fieldname: str, text: str | bytes, ref: Any = _LOOK_UP
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """A term's postings with their positions in one segment: document
    numbers, and for each where its positions begin in the last array and
    how many there are; None when the segment lacks the term.  From the
    flat file when the segment has one, else decoded from Whoosh's blocks
    (an index made before 0.2.0 kept positions there; one made since keeps
    them in the flat file only, and a flat file this seedsearch cannot read
    leaves its segment without positions: None).
    ``ref``: the term's :func:`find_term`, when the caller has it."""
    if ref is _LOOK_UP:
        ref = find_term(segreader, fieldname, text)
    if ref is None:
        return None
    if ref.flat >= 0:
        table = flat_postings(segreader)
        assert table is not None
        return (*table.positions_of(ref.flat), table.positions)
    fmt = segreader.schema[fieldname].format
    if not fmt.supports("positions"):
        return None
    ids, _, values = _whoosh_postings(segreader, fieldname, ref.info, values=True)
    plists = positions_of(fmt, values)
    counts = np.fromiter(map(len, plists), dtype=np.int64, count=len(plists))
    return (ids, np.cumsum(counts) - counts, counts,
            np.fromiter(chain.from_iterable(plists), dtype=np.int64))


def stored_fields(segreader: Any, docnum: int) -> dict[str, Any]:
    """The stored fields of a document of the segment (``SegmentReader._perdoc``):
    Whoosh's ``stored_fields`` also asks the schema about each field in turn,
    through its dynamic-field look-up, a third of the time of a hit."""
    if segreader.is_closed:
        raise ReaderClosed
    names = segreader.schema._fields
    return {k: v for k, v in segreader._perdoc.stored_fields(docnum).items() if k in names}


def frequent_starting(segreader: Any, fieldname: str, prefix: str,
                      want: int) -> tuple[list[tuple[str, int]], bool] | None:
    """The segment's ``want`` most frequent terms of ``fieldname`` that
    begin with ``prefix`` (with their document frequencies) and whether
    more begin with it, from its flat file's table (:mod:`.frequent`);
    None when it cannot tell."""
    table = getattr(flat_postings(segreader), "frequent", None)
    return None if table is None else table.starting(fieldname, prefix, want)


def has_frequent(segreader: Any) -> bool:
    """Whether the segment's flat file keeps its table of frequent terms."""
    return getattr(flat_postings(segreader), "frequent", None) is not None


def root_words(segreader: Any, fieldname: str, root: str) -> tuple[RootWords, bool]:
    """The segment's terms of ``fieldname`` that have ``root`` (term, document
    frequency, the root's rank among the term's), and whether the segment's
    roots had to be computed now: a segment written without a root table
    (:mod:`.roottable`) has its whole vocabulary read once, when first
    asked, and kept with the segment reader."""
    table = getattr(flat_postings(segreader), "roots", None)
    computed = False
    if table is None or fieldname not in table.fields():
        table = segreader.__dict__.get("_seedsearch_roots")
        if table is None:
            table = computed_table(_EXACT_FIELDS, lambda field: doc_frequencies(segreader, field))
            segreader._seedsearch_roots = table
            computed = True
    return table.words(fieldname, root), computed


def has_positions(segreader: Any, fieldname: str) -> bool:
    """Whether the segment's word positions in ``fieldname`` can be read:
    from its flat file, or from Whoosh's postings of an index made before
    0.2.0.  (A flat file this seedsearch cannot read leaves a segment of a
    later index without them.)"""
    if flat_postings(segreader) is not None:
        return True
    schema = getattr(segreader, "schema", None)
    return schema is not None and fieldname in schema and \
        schema[fieldname].format.supports("positions")


def lengths(segreader: Any, fieldname: str) -> np.ndarray:
    """The length (in words, as Whoosh stores it: one byte, approximate
    above 100) of ``fieldname`` in every document of the segment."""
    n = segreader.doc_count_all()
    out = np.zeros(n, dtype=np.float64)
    perdoc = getattr(segreader, "_perdoc", None)  # None: an EmptyReader
    if perdoc is None:
        return out
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
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
