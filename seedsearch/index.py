"""The index lifecycle: create, open, add, update, delete, search, optimize.

Whoosh does the storage and scoring; this module adds what it lacks: a lock
timeout (Whoosh's default is 0), errors a person can act on, unique ids
inside one batch, streaming with bounded memory, and lazy totals and facets.
"""

from __future__ import annotations

import itertools
import os
import threading
from contextlib import contextmanager
from collections.abc import Iterable, Mapping
from pathlib import Path

from whoosh import index as windex
from whoosh import query as wq
from whoosh.index import LockError

from .compile import Compiler
from .documents import prepare, stored_document
from .errors import (IndexExistsError, IndexLockedError, IndexNotFoundError, IndexPathError,
                     IndexWriteError, QueryError, SchemaMismatchError)
from .query import date_range, parse, parse_date_bound
from .results import Highlighter, Hit, SearchResults
from .scoring import ArabicBM25
from .schema import KEYWORD_FIELDS, SCHEMA_MARK, build_schema
from .normalize import normalize
from .opening import create_whoosh_index, index_exists, open_searcher, open_whoosh_index
from .terms import exact_terms, ranked_terms

__all__ = ["Index", "LOCK_TIMEOUT", "LIMIT_MB"]

#: Seconds a writer waits for another writer's lock before IndexLockedError.
LOCK_TIMEOUT = 10.0
#: Memory (MB) the writer's posting pool may use before it spills to disk.
LIMIT_MB = 64
#: Batches at least this large are indexed by two processes by default.
PARALLEL_MIN_DOCS = 5_000
#: Largest page size a search returns.
MAX_LIMIT = 10_000
_INDEX_NAME = windex._DEF_INDEX_NAME  # "MAIN"


def _index_files(path: Path) -> list[Path]:
    """The files Whoosh writes for an index named MAIN (and nothing else)."""
    out = []
    for child in path.iterdir():
        name = child.name
        if child.is_file() and (name.startswith(f"_{_INDEX_NAME}_") or
                                name.startswith(f"{_INDEX_NAME}_") or
                                name == f"{_INDEX_NAME}_WRITELOCK"):
            out.append(child)
    return out


class Index:
    """A seedsearch index in one folder.  Use :meth:`create` or :meth:`open`."""

    def __init__(self, ix, path: Path, lock_timeout: float = LOCK_TIMEOUT):
        self._ix = ix
        self.path = path
        self.lock_timeout = lock_timeout
        self._searcher = None
        self._lock = threading.RLock()

    # -- opening ------------------------------------------------------------
    @classmethod
    def create(cls, path, *, overwrite: bool = False, vowels: bool = False,
               lock_timeout: float = LOCK_TIMEOUT) -> "Index":
        """Make a new, empty index in ``path`` (created if missing).

        Raises IndexExistsError if an index is there, unless ``overwrite``:
        then only the index's own files are deleted, never anything else in
        the folder.  ``vowels=True`` also indexes the vowel data that
        ``search(vowels=True)`` needs (opt-in: it costs index time and
        space on vowelled text).
        """
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise IndexPathError(f"{path}: is a file, not a folder; choose a folder for the index")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise IndexPathError(f"{path}: cannot create the folder ({exc.strerror})") from None
        if index_exists(path):
            if not overwrite:
                raise IndexExistsError(
                    f"{path}: an index is already there; open it, or pass overwrite=True "
                    "(CLI: --overwrite) to replace it")
            cls._check_ours(path)
            for child in _index_files(path):
                child.unlink()
        if not os.access(path, os.W_OK | os.X_OK):
            raise IndexPathError(f"{path}: the folder is not writable")
        try:
            ix = create_whoosh_index(path, build_schema(vowels=vowels))
        except OSError as exc:
            raise IndexPathError(f"{path}: cannot write the index ({exc.strerror})") from None
        return cls(ix, path, lock_timeout)

    @classmethod
    def open(cls, path, *, lock_timeout: float = LOCK_TIMEOUT) -> "Index":
        """Open the index in ``path``; IndexNotFoundError if there is none."""
        path = Path(path)
        if not path.is_dir() or not index_exists(path):
            raise IndexNotFoundError(
                f"{path}: no seedsearch index here; create one first "
                f"(seedsearch index FILES --index {path})")
        ix = cls._check_ours(path)
        return cls(ix, path, lock_timeout)

    @staticmethod
    def _check_ours(path: Path):
        try:
            ix, schema = open_whoosh_index(path)
        except (OSError, EOFError, windex.EmptyIndexError) as exc:
            raise IndexNotFoundError(f"{path}: the index cannot be read ({exc})") from None
        except Exception as exc:  # unpickling a foreign schema can raise anything
            raise SchemaMismatchError(
                f"{path}: holds an index seedsearch cannot read ({type(exc).__name__}: {exc})"
            ) from None
        if SCHEMA_MARK not in schema:
            raise SchemaMismatchError(
                f"{path}: holds a Whoosh index that seedsearch did not create; "
                "refusing to use or replace it")
        return ix

    # -- context manager and basics -------------------------------------------
    def close(self) -> None:
        """Release the open searcher (the index stays on disk)."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __len__(self) -> int:
        return self._ix.doc_count()

    def __repr__(self):
        return f"<Index {str(self.path)!r} documents={len(self)}>"

    @property
    def has_vowels(self) -> bool:
        """True when the index holds the data for ``search(vowels=True)``."""
        return "text_vowels" in self._ix.schema

    def _search_with(self):
        """The cached searcher, refreshed if the index changed."""
        if self._searcher is not None and not self._searcher.up_to_date():
            self._searcher.close()
            self._searcher = None
        if self._searcher is None:
            self._searcher = open_searcher(self._ix, weighting=ArabicBM25())
        return self._searcher

    def get(self, doc_id: str) -> dict | None:
        """The stored document with this id, as a dict, or None."""
        with self._lock:
            stored = self._search_with().document(id=doc_id)
        return stored_document(stored) if stored else None

    # -- writing ----------------------------------------------------------------
    def _writer(self, procs: int = 1):
        try:
            if procs > 1:
                return self._ix.writer(procs=procs, multisegment=True,
                                       timeout=self.lock_timeout,
                                       subargs={"limitmb": LIMIT_MB // procs})
            return self._ix.writer(timeout=self.lock_timeout, limitmb=LIMIT_MB)
        except LockError:
            raise IndexLockedError(
                f"{self.path}: another writer held the index lock for {self.lock_timeout:g} s; "
                "wait for it to finish (a lock left by a dead process is released by the "
                "system automatically)") from None

    @contextmanager
    def _writing(self, procs: int = 1, optimize: bool = False):
        """A writer committed when the block ends, cancelled on any error.

        An OSError (disk full, I/O error) becomes IndexWriteError; in every
        failure the previous committed state stays and the lock is released.
        """
        writer = self._writer(procs)
        try:
            yield writer
            writer.commit(optimize=optimize)
        except BaseException as exc:
            _cancel(writer)
            if isinstance(exc, OSError):
                raise IndexWriteError(
                    f"{self.path}: writing the index failed ({exc.strerror or exc}); "
                    "nothing of this batch was committed") from None
            raise

    def add_documents(self, docs: Iterable[Mapping], *, progress: bool = False,
                      procs: int | None = None) -> int:
        """Add (or replace, by id) every document of ``docs``, in one commit.

        ``docs`` is streamed; memory stays bounded by the writer's pool.
        Within one batch the last document with a given id wins.  On any
        error nothing of the batch is committed.  Returns how many documents
        were written.

        ``procs`` is the number of indexing processes; by default one for
        batches under ``PARALLEL_MIN_DOCS`` documents and two (on a machine
        with two cores or more) for larger ones.
        """
        if isinstance(docs, Mapping):
            docs = [docs]
        if procs is None:
            procs, docs = _auto_procs(docs)
        procs = max(1, int(procs))
        late: dict[str, dict] = {}
        with self._writing(procs) as writer:
            count = self._write_all(writer, _progress(docs, progress), procs, late)
        if late:
            # procs > 1 only: ids repeated after they went to a worker process.
            self.add_documents(late.values())
        return count

    def _write_all(self, writer, items, procs, late) -> int:
        fresh = self._ix.doc_count_all() == 0
        searcher = None if fresh else writer.searcher()
        pending: dict[str, int] = {}
        vowels = self.has_vowels
        count = 0
        try:
            for doc in items:
                fields = prepare(doc)
                if vowels:
                    fields["text_vowels"] = fields["text"]
                doc_id = fields["id"]
                if doc_id in pending:
                    if procs > 1:
                        late[doc_id] = doc
                        continue
                    writer.newsegment.delete_document(pending[doc_id])
                    count -= 1
                elif searcher is not None:
                    for docnum in list(searcher.document_numbers(id=doc_id)):
                        writer.delete_document(docnum)
                pending[doc_id] = writer.docnum if procs == 1 else 0
                writer.add_document(**fields)
                count += 1
        finally:
            if searcher is not None:
                searcher.close()
        return count

    def update_documents(self, docs: Iterable[Mapping], **kwargs) -> int:
        """Replace documents by id (adds those that are new); see add_documents."""
        return self.add_documents(docs, **kwargs)

    def delete_documents(self, ids: Iterable[str]) -> int:
        """Delete the documents with these ids, in one commit; returns how many."""
        if isinstance(ids, str):
            ids = [ids]
        with self._writing() as writer:
            return sum(writer.delete_by_term("id", doc_id) for doc_id in ids)

    def optimize(self) -> None:
        """Merge all segments into one (faster searches, one-off cost)."""
        with self._writing(optimize=True):
            pass

    # -- searching ----------------------------------------------------------------
    def search(self, query: str, *, limit: int = 10, page: int = 1,
               filters: Mapping | None = None, exact: bool = False, vowels: bool = False,
               strict: bool = False) -> SearchResults:
        """Ranked search; see the README for the query language.

        ``filters`` maps collection/category to a value (or a list of values)
        and ``date`` to a range string (``"2024"``, ``">2024-05"``,
        ``"[2020 TO 2021]"``) or a (start, end) pair.  ``exact`` matches
        word forms without stemming; ``vowels`` makes harakat in the query
        count (عَلِمَ does not match عُلِمَ).  ``strict`` raises QueryError on
        malformed syntax instead of reading it leniently.
        """
        limit = _positive("limit", limit)
        page = _positive("page", page)
        limit = min(limit, MAX_LIMIT)
        group, problems = parse(query, strict=strict)
        fq = _filter_query(filters)
        with self._lock:
            searcher = self._search_with()
            compiled = Compiler(searcher.reader(), exact=exact, vowels=vowels).compile(group)
            warnings = [f"read leniently: {p}" for p in problems] + compiled.warnings
            q = compiled.query
            if compiled.filters:
                parts = compiled.filters + ([fq] if fq is not None else [])
                fq = parts[0] if len(parts) == 1 else wq.And(parts)
            if q is None:
                if fq is None:
                    return _empty(page, limit, warnings)
                q = wq.Every()
            wanted = min(page * limit, max(1, searcher.doc_count()))
            results = searcher.search(q, limit=wanted, filter=fq, terms=False)
            top = results.top_n
            highlighter = Highlighter({k: frozenset(v) for k, v in compiled.highlight.items()},
                                      tuple(compiled.vowel_checks))
            hits = []
            first = (page - 1) * limit
            for rank, (score, docnum) in enumerate(top[first:first + limit], first + 1):
                fields = stored_document(searcher.stored_fields(docnum))
                hits.append(Hit(fields["id"], float(score), rank, fields, highlighter))
            complete = len(top) < wanted
            known = [docnum for _, docnum in top] if complete else None
        words = compiled.plain_words
        return SearchResults(hits, warnings=warnings,
                             counter=lambda: self._count(q, fq, known),
                             suggester=lambda: self._suggest(query, words),
                             page=page, limit=limit)

    def _count(self, q, fq, known):
        """Total and facet counts over every match, in one pass."""
        with self._lock:
            searcher = self._search_with()
            if known is None:
                docnums = searcher.docs_for_query(q)
                if fq is not None:
                    allowed = set(searcher.docs_for_query(fq))
                    docnums = (d for d in docnums if d in allowed)
            else:
                docnums = known
            reader = searcher.reader()
            columns = {name: reader.column_reader(name) for name in KEYWORD_FIELDS
                       if reader.has_column(name)}
            facets = {name: {} for name in KEYWORD_FIELDS}
            total = 0
            for docnum in docnums:
                total += 1
                for name, column in columns.items():
                    value = _column_value(column, docnum)
                    if value:
                        counts = facets[name]
                        counts[value] = counts.get(value, 0) + 1
        ordered = {name: dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
                   for name, counts in facets.items()}
        return total, ordered

    def _suggest(self, query: str, words: list[str]) -> str | None:
        """A corrected query when some plain word is unknown to the index."""
        with self._lock:
            return self._suggestion(self._search_with().reader(), query, words)

    @staticmethod
    def _suggestion(reader, query: str, words: list[str]) -> str | None:
        suggestion = query
        changed = False
        for word in dict.fromkeys(words):
            forms = [(f, t) for t in exact_terms(word) + ranked_terms(word)
                     for f in ("text", "title", "text_exact", "title_exact")]
            if not forms or any(reader.doc_frequency(f, t) for f, t in forms):
                continue
            norm = normalize(word)
            if len(norm) < 3:
                continue
            maxdist = 1 if len(norm) <= 5 else 2
            best = None
            for cand in reader.terms_within("text_exact", norm, maxdist, prefix=1):
                freq = reader.doc_frequency("text_exact", cand)
                dist = _distance(norm, cand)
                key = (dist, -freq)
                if freq and (best is None or key < best[0]):
                    best = (key, cand)
            if best is not None:
                suggestion = suggestion.replace(word, best[1], 1)
                changed = True
        return suggestion if changed else None

    # -- statistics -------------------------------------------------------------
    def stats(self, *, count_terms: bool = True) -> dict:
        """Documents, terms, segments, size on disk and fields.

        Counting the terms streams through the whole vocabulary, keeping
        nothing (838,112 terms of the 137,000-document bench corpus in about
        10 s and 30 MB); ``count_terms=False`` skips it and reports ``terms``
        as None.
        """
        terms = None
        if count_terms:
            with self._lock:
                terms = sum(1 for _ in self._search_with().reader().all_terms())
        size = sum(p.stat().st_size for p in _index_files(self.path))
        return {
            "path": str(self.path),
            "documents": self._ix.doc_count(),
            "deleted": self._ix.doc_count_all() - self._ix.doc_count(),
            "terms": terms,
            "segments": len(self._ix._segments()),
            "size_bytes": size,
            "fields": list(self._ix.schema.names()),
            "vowels": self.has_vowels,
        }


def default_procs(batch_size: int) -> int:
    """Indexing processes for a batch of this size: 2 for large batches on a
    machine with two cores or more, else 1."""
    return 2 if batch_size >= PARALLEL_MIN_DOCS and (os.cpu_count() or 1) >= 2 else 1


def _auto_procs(docs):
    """Choose the process count from the batch size (peeking at a stream)."""
    if default_procs(PARALLEL_MIN_DOCS) == 1:
        return 1, docs
    if hasattr(docs, "__len__"):
        return default_procs(len(docs)), docs
    iterator = iter(docs)
    head = list(itertools.islice(iterator, PARALLEL_MIN_DOCS))
    return default_procs(len(head)), itertools.chain(head, iterator)


def _column_value(column, docnum):
    """A document's value in a column, or None when it has none.

    Whoosh 2.7.4 does not pad a segment's column after its last document
    with a value, so reading past it raises IndexError: that means "none".
    """
    try:
        return column[docnum]
    except IndexError:
        return None


def _positive(name, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise QueryError(f"{name} must be a whole number >= 1, not {value!r}")
    return value


def _empty(page, limit, warnings) -> SearchResults:
    return SearchResults([], warnings=warnings,
                         counter=lambda: (0, {name: {} for name in KEYWORD_FIELDS}),
                         suggester=lambda: None, page=page, limit=limit)


def _filter_query(filters: Mapping | None):
    if not filters:
        return None
    if not isinstance(filters, Mapping):
        raise QueryError(f"filters must be a dict, not {type(filters).__name__}")
    parts = []
    for name, value in filters.items():
        if name in KEYWORD_FIELDS:
            values = [value] if isinstance(value, str) else list(value)
            if not values or not all(isinstance(v, str) for v in values):
                raise QueryError(f"filter {name!r} needs a string or a list of strings")
            parts.append(wq.Or([wq.Term(name, v) for v in values]))
        elif name == "date":
            parts.append(_date_filter(value))
        else:
            raise QueryError(
                f"cannot filter on {name!r}; use one of {', '.join(KEYWORD_FIELDS)}, date")
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _date_filter(value):
    if isinstance(value, str):
        rng = date_range(value.strip("[]") if " TO " in value.upper() else value)
        if rng is None:
            raise QueryError(f"cannot read the date filter {value!r} "
                             "(examples: 2024, >=2024-05, [2020-01-01 TO 2021-12-31])")
        return wq.DateRange("date", rng.start, rng.end, endexcl=True)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        lo = parse_date_bound(str(value[0])) if value[0] else (None, None)
        hi = parse_date_bound(str(value[1])) if value[1] else (None, None)
        if lo is not None and hi is not None:
            return wq.DateRange("date", lo[0], hi[1], endexcl=True)
    raise QueryError(f"cannot read the date filter {value!r}")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short words only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _cancel(writer):
    try:
        writer.cancel()
    except Exception:  # the writer may already be closed; the lock is freed anyway
        pass


def _progress(docs, enabled):
    if not enabled:
        return docs
    from tqdm import tqdm

    total = len(docs) if hasattr(docs, "__len__") else None
    return tqdm(docs, total=total, unit="doc", smoothing=0.1, leave=False)

