"""Writing batches into an index: one lock, one commit, all or nothing.

:class:`Batches` is what :class:`seedsearch.Index` calls to add, replace and
delete documents and to optimize.  It adds what Whoosh lacks: a lock
timeout (Whoosh's default is 0) and a lock held before the first document
of a batch is read, unique ids inside one batch (the last copy wins),
streaming with bounded memory (the writer's pool), two processes for large
batches, and errors a person can act on (a full disk is
:class:`~seedsearch.errors.IndexWriteError`, nothing of the batch committed).
"""

from __future__ import annotations

import gc
import itertools
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh.util.filelock import try_for

from .errors import DocumentError, IndexLockedError, IndexWriteError
from .fields import ID
from .ingest.documents import prepared
from .ingest.progress import Progress
from .storage import writing

__all__ = ["Batches", "LIMIT_MB", "PARALLEL_MIN_DOCS", "default_procs"]

#: Memory (MB) each indexing process's posting pool may use before it
#: spills to disk (by the measured estimate of ``writing.TermPool``; the
#: process's peak is larger).  Spilling pickles every posting to a run file
#: and back: at 64 MB it cost a quarter of the build time of 1,500 news
#: articles, and at 128 MB each 2,500-document half of a default
#: two-process 5,000-document batch spilled once (build 22 s instead of
#: 13 s).  192 MB holds it; a worker of a 50,000-document build peaked at
#: 645 MB with 128 MB.
LIMIT_MB = 192
#: Batches at least this large are indexed by two processes by default.
PARALLEL_MIN_DOCS = 5_000
#: The allocations between two collections of the cyclic garbage
#: collector's youngest generation while a batch is written (Python's
#: default is 700).  A batch allocates millions of objects that live until
#: its segment is written (the pool's postings, the analysis caches) and
#: form no cycles, and each collection walked them: 2,060 collections took
#: 0.74 s of a 2,500-document batch's 10 s; at 100,000, 12 took 0.17 s.
#: Raised for the batch (its indexing processes inherit it), then restored.
#: The objects that exist when the batch starts are frozen for it
#: (``gc.freeze``, as Python's documentation advises before a fork): no
#: collection in the batch, nor in an indexing process it forks, walks
#: them, or writes to their pages.  In the speed benchmark, whose building
#: process holds the whole query set, the default two-process build of
#: 5,000 documents took 9.2 s without the freeze and 7.8-7.9 s with it.
GC_THRESHOLD = 100_000


class Batches:
    """The writing side of one index: ``ix`` is its Whoosh index, ``path``
    its folder (for messages), ``lock_timeout`` the seconds a writer waits
    for another, and ``vowels`` whether documents also fill the vowels field."""

    def __init__(self, ix: Any, path: Path, lock_timeout: float, vowels: bool):
        self._ix = ix
        self.path = path
        self.lock_timeout = lock_timeout
        self.vowels = vowels

    @contextmanager
    def locked(self) -> Iterator[None]:
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
        """A Whoosh writer that does not lock: the caller holds :meth:`locked`."""
        if procs > 1:
            # Each worker writes one segment and exits: it may drop its word caches first.
            return writing.unlocked_writer(self._ix, procs=procs, multisegment=True,
                                           subargs={"limitmb": LIMIT_MB,
                                                    writing.LAST_IN_PROCESS: True})
        return writing.unlocked_writer(self._ix, limitmb=LIMIT_MB)

    @contextmanager
    def writing(self, procs: int = 1, optimize: bool = False,
                before_commit: Callable[[], None] | None = None) -> Iterator[Any]:
        """A writer committed when the block ends, cancelled on any error.

        Use it inside :meth:`locked`.  An OSError (disk full, I/O error)
        becomes IndexWriteError; in every failure the previous committed
        state stays (and the caller's lock is released).
        """
        with _fewer_collections():
            writer = self._writer(procs)
            try:
                yield writer
                if before_commit is not None:
                    before_commit()
                writer.commit(optimize=optimize)
            except BaseException as exc:
                writing.cancel(writer, self._ix)
                if isinstance(exc, OSError):
                    raise IndexWriteError(
                        f"{self.path}: writing the index failed ({exc.strerror or exc}); "
                        "nothing of this batch was committed") from None
                raise

    def add(self, docs: Iterable[Mapping[str, Any]], progress: bool,
            procs: int | None) -> int:
        """See :meth:`seedsearch.Index.add_documents`."""
        if isinstance(docs, Mapping):
            docs = [docs]
        if not isinstance(docs, Iterable) or isinstance(docs, (str, bytes)):
            raise DocumentError(f"documents are a dict or a list of dicts, not "
                                f"{type(docs).__name__}")
        with self.locked():
            given = docs
            if procs is None:
                procs, docs = _auto_procs(docs)
            procs = max(1, int(procs))
            late: dict[str, Mapping[str, Any]] = {}
            with Progress(docs, progress, source=given) as shown:
                with self.writing(procs, before_commit=shown.committing) as writer:
                    count = self._write_all(writer, shown, procs, late)
                if late:
                    # procs > 1 only: ids repeated after their first copy went to a
                    # worker process, replaced in a second commit under the same lock.
                    with self.writing(1) as writer:
                        self._write_all(writer, late.values(), 1, {})
        return count

    def _write_all(self, writer: Any, items: Iterable[Mapping[str, Any]], procs: int,
                   late: dict[str, Mapping[str, Any]]) -> int:
        fresh = self._ix.doc_count_all() == 0
        searcher = None if fresh else writer.searcher()
        pending: dict[str, int] = {}
        count = 0
        try:
            for number, doc in enumerate(items, 1):
                try:
                    fields = prepared(doc, vowels=self.vowels)  # validated once: by the loader, or here
                except DocumentError as exc:
                    if exc.doc_id is None and exc.source is None:  # no id to name it by
                        raise DocumentError(f"document {number} of the batch: {exc.reason}") from None
                    raise
                doc_id = fields[ID]
                if doc_id in pending:
                    if procs > 1:
                        late[doc_id] = doc
                        continue
                    writing.delete_pending(writer, pending[doc_id])
                    count -= 1
                elif searcher is not None:
                    for docnum in list(searcher.document_numbers(id=doc_id)):
                        writer.delete_document(docnum)
                pending[doc_id] = writing.next_docnum(writer) if procs == 1 else 0
                writer.add_document(**fields)
                count += 1
        finally:
            if searcher is not None:
                searcher.close()
        return count

    def delete(self, ids: Iterable[str] | str) -> int:
        """See :meth:`seedsearch.Index.delete_documents`."""
        if isinstance(ids, str):
            ids = [ids]
        if not isinstance(ids, Iterable) or isinstance(ids, bytes):
            raise DocumentError(f"ids to delete are an id or a list of ids, not "
                                f"{type(ids).__name__}")
        with self.locked(), self.writing() as writer:  # a bad id cancels the whole batch
            return sum(writer.delete_by_term(ID, _id(doc_id)) for doc_id in ids)

    def optimize(self) -> None:
        """Merge all segments into one."""
        with self.locked(), self.writing(optimize=True):
            pass


_collections_lock = threading.Lock()
_batches_writing = 0  # batches being written in this process
_thresholds_before: tuple[int, ...] = ()


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Raise the garbage collector's first threshold to :data:`GC_THRESHOLD`
    and freeze the objects of before while a batch is written; they are
    unfrozen and the thresholds of before come back when the last batch
    being written in the process (of any index, in any thread) ends."""
    global _batches_writing, _thresholds_before
    with _collections_lock:
        if _batches_writing == 0:
            _thresholds_before = gc.get_threshold()
            gc.set_threshold(max(_thresholds_before[0], GC_THRESHOLD), *_thresholds_before[1:])
            gc.freeze()
        _batches_writing += 1
    try:
        yield
    finally:
        with _collections_lock:
            _batches_writing -= 1
            if _batches_writing == 0:
                gc.unfreeze()
                gc.set_threshold(*_thresholds_before)


def _id(doc_id: object) -> str:
    if not isinstance(doc_id, str):
        raise DocumentError(f"a document id is a string, not {type(doc_id).__name__} "
                            f"{doc_id!r}"[:200])
    return doc_id


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
