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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.util.filelock import try_for

from .storage import backend
from .ingest.documents import prepared, stored_document
from .errors import (IndexExistsError, IndexLockedError, IndexNotFoundError, IndexPathError,
                     IndexWriteError, QueryError, SchemaMismatchError)
from .search.execute import SearchState, execute
from .folders import make_folder
from .text.lexicon import is_known_stem
from .fields import SCHEMA_MARK, VOWELS
from .search.plan import Plan, filter_nodes, plan_query
from .ingest.progress import Progress
from .search.query import parse
from .search.results import Highlighter, Hit, SearchResults
from .schema import build_schema
from .search.suggest import suggest
from .storage.opening import create_whoosh_index, index_exists, open_searcher, open_whoosh_index

__all__ = ["Index", "LOCK_TIMEOUT", "LIMIT_MB"]

#: Seconds a writer waits for another writer's lock before IndexLockedError.
LOCK_TIMEOUT = 10.0
#: Memory (MB) each indexing process's posting pool may use before it
#: spills to disk (by the measured estimate of ``backend.TermPool``; the
#: process's peak is larger).  Spilling pickles every posting to a run file
#: and back: at 64 MB it cost a quarter of the build time of 1,500 news
#: articles, and at 128 MB each 2,500-document half of a default
#: two-process 5,000-document batch spilled once (build 22 s instead of
#: 13 s).  192 MB holds it; a worker of a 50,000-document build peaked at
#: 645 MB with 128 MB.
LIMIT_MB = 192
#: Batches at least this large are indexed by two processes by default.
PARALLEL_MIN_DOCS = 5_000
#: Largest page size a search returns.
MAX_LIMIT = 10_000


def _index_path(path: object) -> Path:
    """``path`` as a Path, or IndexPathError for None, a wrong type or ""."""
    if not isinstance(path, (str, os.PathLike)):
        raise IndexPathError(
            f"the index path must be a str or os.PathLike folder path, not "
            f"{type(path).__name__} {path!r}")
    try:
        text = os.fspath(path)
    except TypeError as exc:
        raise IndexPathError(f"the index path {path!r} cannot be used ({exc})") from None
    if not isinstance(text, str):
        raise IndexPathError(f"the index path must be text, not bytes: {text!r}")
    if not text.strip():
        raise IndexPathError("the index path is empty; name a folder (e.g. 'index')")
    if "\0" in text:
        raise IndexPathError(f"the index path {text!r} contains a NUL character")
    return Path(text)


class Index:
    """A seedsearch index in one folder.  Use :meth:`create` or :meth:`open`."""

    def __init__(self, ix: Any, path: Path, lock_timeout: float = LOCK_TIMEOUT, *,
                 schema: Any):
        self._ix = ix
        self.path = path
        self.lock_timeout = lock_timeout
        self._state: SearchState | None = None
        self._lock = threading.RLock()
        # The schema as read when the index was opened: Whoosh's ix.schema
        # reads the newest table of contents again on every access, which a
        # concurrent commit may have just deleted.  It never changes.
        self._has_vowels = VOWELS in schema

    # -- opening ------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike[str], *, overwrite: bool = False, vowels: bool = False,
               lock_timeout: float = LOCK_TIMEOUT) -> "Index":
        """Make a new, empty index in ``path`` (created if missing).

        Raises IndexExistsError if an index is there, unless ``overwrite``:
        then only the index's own files are deleted, never anything else in
        the folder.  ``vowels=True`` also indexes the vowel data that
        ``search(vowels=True)`` needs (opt-in: it costs index time and
        space on vowelled text).
        """
        path = make_folder(_index_path(path), IndexPathError, "index")
        if index_exists(path):
            if not overwrite:
                raise IndexExistsError(
                    f"{path}: an index is already there; open it, or pass overwrite=True "
                    "(CLI: --overwrite) to replace it")
            cls._check_ours(path)
            for child in backend.index_files(path):
                child.unlink()
        if not os.access(path, os.W_OK | os.X_OK):
            raise IndexPathError(f"{path}: the folder is not writable")
        try:
            schema = build_schema(vowels=vowels)
            ix = create_whoosh_index(path, schema)
        except OSError as exc:
            raise IndexPathError(f"{path}: cannot write the index ({exc.strerror})") from None
        return cls(ix, path, lock_timeout, schema=schema)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *,
             lock_timeout: float = LOCK_TIMEOUT) -> "Index":
        """Open the index in ``path``; IndexNotFoundError if there is none."""
        path = _index_path(path)
        if not path.is_dir() or not index_exists(path):
            raise IndexNotFoundError(
                f"{path}: no seedsearch index here; create one first "
                f"(seedsearch index FILES --index {path})")
        ix, schema = cls._check_ours(path)
        return cls(ix, path, lock_timeout, schema=schema)

    @staticmethod
    def _check_ours(path: Path) -> Any:
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
        return ix, schema

    # -- context manager and basics -------------------------------------------
    def close(self) -> None:
        """Release the open searcher (the index stays on disk)."""
        with self._lock:
            if self._state is not None:
                self._state.close()
                self._state = None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """Documents in the latest commit."""
        with self._lock:
            return self._current().reader.doc_count()

    def __repr__(self):
        return f"<Index {str(self.path)!r} documents={len(self)}>"

    @property
    def has_vowels(self) -> bool:
        """True when the index holds the data for ``search(vowels=True)``."""
        return self._has_vowels

    def _current(self) -> SearchState:
        """The search state of the latest commit (call with the lock held).

        A state replaced by a newer one is not closed here: results and
        plans made from it may still read it, and its files stay readable
        until it is garbage-collected.
        """
        if self._state is not None and not self._state.up_to_date():
            self._state = None
        if self._state is None:
            self._state = SearchState(open_searcher(self._ix))
        return self._state

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document with this id, as a dict, or None."""
        with self._lock:
            stored = self._current().searcher.document(id=doc_id)
        return stored_document(stored) if stored else None

    def iter_documents(self) -> Iterator[dict]:
        """Every document of the index, as :meth:`get` returns it.

        Reads only the stored fields, one document at a time, segment by
        segment, with Whoosh's per-document readers: a full reader would also
        load each segment's postings and term index (1.2 GB for the 618 MB
        bench index), while this holds one segment's compressed stored fields
        at a time (an export of that index peaks at about 150 MB).  The
        segments are listed and opened when iteration starts; deleted
        documents are skipped.  The order is the index's own.
        """
        for stored in backend.iter_stored(self._ix):
            yield stored_document(stored)

    # -- writing ----------------------------------------------------------------
    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the index's write lock (an OS file lock) for the block,
        waiting up to ``lock_timeout`` seconds for another writer."""
        lock = self._ix.lock("WRITELOCK")
        try:
            got = try_for(lock.acquire, timeout=self.lock_timeout, delay=0.05)
        except OSError as exc:
            raise IndexWriteError(
                f"{self.path}: cannot take the write lock ({exc.strerror or exc})") from None
        if not got:
            raise IndexLockedError(
                f"{self.path}: another writer held the index lock for {self.lock_timeout:g} s; "
                "wait for it to finish (a lock left by a dead process is released by the "
                "system automatically)")
        try:
            yield
        finally:
            lock.release()

    def _writer(self, procs: int = 1) -> Any:
        """A Whoosh writer that does not lock: the caller holds :meth:`_locked`."""
        if procs > 1:
            return backend.unlocked_writer(self._ix, procs=procs, multisegment=True,
                                           subargs={"limitmb": LIMIT_MB})
        return backend.unlocked_writer(self._ix, limitmb=LIMIT_MB)

    @contextmanager
    def _writing(self, procs: int = 1, optimize: bool = False,
                 before_commit: Callable[[], None] | None = None) -> Iterator[Any]:
        """A writer committed when the block ends, cancelled on any error.

        Use it inside :meth:`_locked`.  An OSError (disk full, I/O error)
        becomes IndexWriteError; in every failure the previous committed
        state stays (and the caller's lock is released).
        """
        writer = self._writer(procs)
        try:
            yield writer
            if before_commit is not None:
                before_commit()
            writer.commit(optimize=optimize)
        except BaseException as exc:
            _cancel(writer)
            if isinstance(exc, OSError):
                raise IndexWriteError(
                    f"{self.path}: writing the index failed ({exc.strerror or exc}); "
                    "nothing of this batch was committed") from None
            raise

    def add_documents(self, docs: Iterable[Mapping[str, Any]], *, progress: bool = False,
                      procs: int | None = None) -> int:
        """Add (or replace, by id) every document of ``docs``, in one commit.

        ``docs`` is streamed; memory stays bounded by the writer's pool.
        Within one batch the last document with a given id wins.  On any
        error nothing of the batch is committed.  Returns how many documents
        were written.

        The write lock is taken first (waiting up to ``lock_timeout``), so no
        document of ``docs`` is read before it is held.  ``procs`` is the
        number of indexing processes; by default one for batches under
        ``PARALLEL_MIN_DOCS`` documents and two (on a machine with two cores
        or more) for larger ones.  ``progress=True`` shows a progress bar on
        stderr, then the commit as its own phase.
        """
        if isinstance(docs, Mapping):
            docs = [docs]
        with self._locked():
            given = docs
            if procs is None:
                procs, docs = _auto_procs(docs)
            procs = max(1, int(procs))
            late: dict[str, Mapping[str, Any]] = {}
            with Progress(docs, progress, source=given) as shown:
                with self._writing(procs, before_commit=shown.committing) as writer:
                    count = self._write_all(writer, shown, procs, late)
                if late:
                    # procs > 1 only: ids repeated after their first copy went to a
                    # worker process, replaced in a second commit under the same lock.
                    with self._writing(1) as writer:
                        self._write_all(writer, late.values(), 1, {})
        return count

    def _write_all(self, writer, items, procs, late) -> int:
        fresh = self._ix.doc_count_all() == 0
        searcher = None if fresh else writer.searcher()
        pending: dict[str, int] = {}
        vowels = self.has_vowels
        count = 0
        try:
            for doc in items:
                fields = prepared(doc, vowels=vowels)  # validated once: by the loader, or here
                doc_id = fields["id"]
                if doc_id in pending:
                    if procs > 1:
                        late[doc_id] = doc
                        continue
                    backend.delete_pending(writer, pending[doc_id])
                    count -= 1
                elif searcher is not None:
                    for docnum in list(searcher.document_numbers(id=doc_id)):
                        writer.delete_document(docnum)
                pending[doc_id] = backend.next_docnum(writer) if procs == 1 else 0
                writer.add_document(**fields)
                count += 1
        finally:
            if searcher is not None:
                searcher.close()
        return count

    def update_documents(self, docs: Iterable[Mapping[str, Any]], *, progress: bool = False,
                         procs: int | None = None) -> int:
        """Replace documents by id (adds those that are new); see add_documents."""
        return self.add_documents(docs, progress=progress, procs=procs)

    def delete_documents(self, ids: Iterable[str] | str) -> int:
        """Delete the documents with these ids, in one commit; returns how many."""
        if isinstance(ids, str):
            ids = [ids]
        with self._locked(), self._writing() as writer:
            return sum(writer.delete_by_term("id", doc_id) for doc_id in ids)

    def optimize(self) -> None:
        """Merge all segments into one (faster searches, one-off cost)."""
        with self._locked(), self._writing(optimize=True):
            pass

    # -- searching ----------------------------------------------------------------
    def search(self, query: str, *, limit: int = 10, page: int = 1,
               filters: Mapping | None = None, exact: bool = False, vowels: bool = False,
               strict: bool = False) -> SearchResults:
        """Ranked search; see the README for the query language and ranking.

        ``filters`` maps collection/category to a value (or a list of values)
        and ``date`` to a range string (``"2024"``, ``">2024-05"``,
        ``"[2020 TO 2021]"``) or a (start, end) pair.  ``exact`` matches
        word forms without stemming; ``vowels`` makes harakat in the query
        count (عَلِمَ does not match عُلِمَ).  ``strict`` raises QueryError on
        malformed syntax instead of reading it leniently.  Everything in the
        results (hits, total, facets, suggestion) comes from one searcher.
        """
        limit = min(_positive("limit", limit), MAX_LIMIT)
        page = _positive("page", page)
        extra = filter_nodes(filters)
        with self._lock:
            state = self._current()
            plan, warnings = self._plan(state, query, exact=exact, vowels=vowels, strict=strict)
            outcome = execute(plan, state, extra, k=page * limit)
            highlighter = Highlighter({k: frozenset(v) for k, v in plan.highlight.items()},
                                      tuple(plan.vowel_checks))
            first = (page - 1) * limit
            hits = []
            for rank, (docnum, score) in enumerate(
                    zip(outcome.top[first:].tolist(), outcome.scores[first:].tolist()), first + 1):
                fields = stored_document(state.searcher.stored_fields(docnum))
                hits.append(Hit(fields["id"], score, rank, fields, highlighter))
            suggestion = suggest(state, query, plan.unknown_words) if plan.unknown_words else None
            return SearchResults(query, hits, outcome.total, state.facet_counts(outcome.mask),
                                 page, limit, warnings, suggestion)

    def explain(self, query: str, *, limit: int = 10, page: int = 1,
                filters: Mapping | None = None, exact: bool = False, vowels: bool = False,
                strict: bool = False) -> str:
        """How :meth:`search` reads ``query`` with the same arguments: each
        word with its terms per field and their weights, prefix and fuzzy
        expansions, phrases, filters and warnings."""
        _positive("limit", limit)
        _positive("page", page)
        extra = filter_nodes(filters)
        with self._lock:
            plan, warnings = self._plan(self._current(), query, exact=exact, vowels=vowels,
                                        strict=strict)
        plan.filters += extra
        plan.warnings = warnings
        return plan.explain()

    def _plan(self, state: SearchState, query: str, *, exact: bool, vowels: bool,
              strict: bool) -> tuple[Plan, list[str]]:
        group, problems = parse(query, strict=strict)
        plan = plan_query(query, group, state, exact=exact, vowels=vowels,
                          lexicon=is_known_stem)
        return plan, [f"read leniently: {p}" for p in problems] + plan.warnings

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
                terms = sum(1 for _ in self._current().reader.all_terms())
        size = sum(p.stat().st_size for p in backend.index_files(self.path))
        return {
            "path": str(self.path),
            "documents": self._ix.doc_count(),
            "deleted": self._ix.doc_count_all() - self._ix.doc_count(),
            "terms": terms,
            "segments": backend.segment_count(self._ix),
            "size_bytes": size,
            "fields": list(self._ix.schema.names()),
            "vowels": self.has_vowels,
        }


def default_procs(batch_size: int) -> int:
    """Indexing processes for a batch of this size: 2 for large batches on a
    machine with two cores or more, else 1."""
    return 2 if batch_size >= PARALLEL_MIN_DOCS and (os.cpu_count() or 1) >= 2 else 1


def _auto_procs(docs: Iterable[Any]) -> tuple[int, Iterable[Any]]:
    """Choose the process count from the batch size (peeking at a stream)."""
    if default_procs(PARALLEL_MIN_DOCS) == 1:
        return 1, docs
    if isinstance(docs, Sized):
        return default_procs(len(docs)), docs
    iterator = iter(docs)
    head = list(itertools.islice(iterator, PARALLEL_MIN_DOCS))
    return default_procs(len(head)), itertools.chain(head, iterator)


def _positive(name, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise QueryError(f"{name} must be a whole number >= 1, not {value!r}")
    return value


def _cancel(writer: Any) -> None:
    try:
        writer.cancel()
    except Exception:  # the writer may already be closed; the lock is freed anyway
        pass

