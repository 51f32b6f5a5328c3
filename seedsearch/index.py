"""The index: create, open, add, update, delete, search, explain, optimize.

:class:`Index` is the public facade, and each of its methods is short: the
folder checks are :mod:`.storage.opening`'s, writing batches is
:mod:`.batches`', and a search runs in :mod:`.search.run`, all from the one
search state (:class:`~.search.state.SearchState`) of the latest commit the
index keeps open, guarded by a lock so that threads may share one Index.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .batches import Batches
from .errors import ArgumentError, IndexClosedError, QueryError
from .fields import ID, VOWELS
from .ingest.documents import stored_document
from .schema import analysis_version
from .search.complete import complete
from .search.nodes import Plan
from .search.ranking import DEFAULT_RANKING, Ranking
from .search.results import Hit, SearchResults
from .search.run import document_hit, explain_query, plan_of, search_page
from .search.similar import describe, similar_page, similar_query, words_of
from .search.sorting import sort_of
from .search.state import SearchState
from .storage import labels as label_file
from .storage import reading
from .storage.opening import create_index, open_index, open_searcher

__all__ = ["Index", "LOCK_TIMEOUT"]

#: Seconds a writer waits for another writer's lock before IndexLockedError.
LOCK_TIMEOUT = 10.0


class Index:
    """A seedsearch index in one folder.  Use :meth:`create` or :meth:`open`.

    (Longer than 150 lines for a reason: it is the documented public API,
    and most of its lines are the docstrings of one-line methods.)
    """

    def __init__(self, ix: Any, path: Path, lock_timeout: float = LOCK_TIMEOUT, *,
                 schema: Any, ranking: Ranking = DEFAULT_RANKING):
        self._ix = ix
        self.path = path
        self._ranking = _ranking(ranking)
        self._state: SearchState | None = None
        self._closed = False
        self._lock = threading.RLock()
        # The schema as read when the index was opened: Whoosh's ix.schema
        # reads the newest table of contents again on every access, which a
        # concurrent commit may have just deleted.  It never changes.
        self._has_vowels = VOWELS in schema
        self._analysis = analysis_version(schema)
        self._batches = Batches(ix, path, lock_timeout, self._has_vowels)
        self._labels = label_file.read_labels(path)
        self._labels_seen = label_file.signature(path)

    # -- opening ------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike[str], *, overwrite: bool = False, vowels: bool = False,
               lock_timeout: float = LOCK_TIMEOUT, ranking: Ranking = DEFAULT_RANKING,
               labels: Mapping[str, Mapping[str, str]] | None = None) -> Index:
        """Make a new, empty index in ``path`` (created if missing).

        Raises IndexExistsError if an index is there, unless ``overwrite``:
        then only the index's own files are deleted, never anything else in
        the folder.  ``vowels=True`` also indexes the vowel data that
        ``search(vowels=True)`` needs (opt-in: it costs index time and
        space on vowelled text).  ``labels`` names collection and category
        values for display (see :meth:`set_labels`).
        """
        checked = label_file.check_labels(labels or {})
        ix, folder, schema = create_index(path, overwrite=overwrite, vowels=vowels)
        label_file.write_labels(folder, checked)  # a new index: no names of an old one
        return cls(ix, folder, lock_timeout, schema=schema, ranking=ranking)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, lock_timeout: float = LOCK_TIMEOUT,
             ranking: Ranking = DEFAULT_RANKING) -> Index:
        """Open the index in ``path``; IndexNotFoundError if there is none."""
        ix, folder, schema = open_index(path)
        return cls(ix, folder, lock_timeout, schema=schema, ranking=ranking)

    # -- context manager and basics -------------------------------------------
    def close(self) -> None:
        """Release the open searcher (the index stays on disk).  Every method
        but ``close()`` itself then raises IndexClosedError; closing again
        does nothing."""
        with self._lock:
            self._closed = True
            if self._state is not None:
                self._state.close()
                self._state = None

    def _check_open(self) -> None:
        if self._closed:
            raise IndexClosedError(
                f"{self.path}: this Index was closed; open it again with "
                f"Index.open({str(self.path)!r})")

    def __enter__(self) -> Index:
        self._check_open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """Documents in the latest commit."""
        with self._lock:
            return self._current().reader.doc_count()

    def __repr__(self) -> str:
        if self._closed:
            return f"<Index {str(self.path)!r} closed>"
        return f"<Index {str(self.path)!r} documents={len(self)}>"

    @property
    def has_vowels(self) -> bool:
        """True when the index holds the data for ``search(vowels=True)``."""
        return self._has_vowels

    @property
    def ranking(self) -> Ranking:
        """The ranking weights of every search (``search(ranking=…)``
        overrides them for one search); see
        :class:`~seedsearch.search.ranking.Ranking`.  Assign a new one to
        change them for the index."""
        return self._ranking

    @ranking.setter
    def ranking(self, value: Ranking) -> None:
        self._ranking = _ranking(value)

    @property
    def labels(self) -> dict[str, dict[str, str]]:
        """Display names of facet values: ``{"collection": {"bukhari":
        "صحيح البخاري"}, "category": {…}}``, as :meth:`set_labels` or
        ``Index.create(labels=…)`` wrote them in the index's folder
        (``seedsearch-labels.json``; read again when another process
        changes it).  Hits and results give them beside the values."""
        with self._lock:
            seen = label_file.signature(self.path)
            if seen != self._labels_seen:
                self._labels, self._labels_seen = label_file.read_labels(self.path), seen
            return {facet: dict(names) for facet, names in self._labels.items()}

    def set_labels(self, labels: Mapping[str, Mapping[str, str]], *,
                   replace: bool = False) -> None:
        """Name collection and category values for display, e.g.
        ``{"collection": {"bukhari": "صحيح البخاري"}}``: the names given are
        added to (or, with ``replace``, replace) the index's; written at
        once, atomically, to ``seedsearch-labels.json`` beside the index's
        files (no commit, no write lock).  LabelError if they are not
        strings by facet and value."""
        checked = label_file.check_labels(labels)
        with self._lock:
            merged = {} if replace else self.labels
            for facet, names in checked.items():
                merged.setdefault(facet, {}).update(names)
            label_file.write_labels(self.path, merged)
            self._labels, self._labels_seen = merged, label_file.signature(self.path)

    @property
    def lock_timeout(self) -> float:
        """Seconds a writer waits for another writer's lock."""
        return self._batches.lock_timeout

    def _current(self) -> SearchState:
        """The search state of the latest commit (call with the lock held);
        IndexClosedError after :meth:`close`.

        A state replaced by a newer one is not closed here: results and
        plans made from it may still read it, and its files stay readable
        until it is garbage-collected.
        """
        self._check_open()
        if self._state is not None and not self._state.up_to_date():
            self._state = None
        if self._state is None:
            self._state = SearchState(open_searcher(self._ix))
        return self._state

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document with this id, as a dict, or None."""
        if not isinstance(doc_id, str):
            raise QueryError(f"a document id is a string, not {type(doc_id).__name__} "
                             f"{doc_id!r}"[:200])
        with self._lock:
            stored = self._current().searcher.document(**{ID: doc_id})
        return stored_document(stored) if stored else None

    def iter_documents(self) -> Iterator[dict]:
        """Every document of the index, as :meth:`get` returns it.

        Reads only the stored fields, one segment at a time (see
        :func:`seedsearch.storage.reading.iter_stored`): an export of the
        137,000-document bench index peaks at about 150 MB.  The segments are
        listed and opened when iteration starts; deleted documents are
        skipped.  The order is the index's own.
        """
        self._check_open()
        return (stored_document(stored) for stored in reading.iter_stored(self._ix))

    # -- writing ----------------------------------------------------------------
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
        5,000 documents and two (on a machine with two cores or more) for
        larger ones.  ``progress=True`` shows a progress bar on stderr, then
        the commit as its own phase.  A ``procs`` that is not a whole number
        of 1 or more is an ArgumentError, before the lock is taken.
        """
        self._check_open()
        return self._batches.add(docs, progress, _procs(procs))

    def update_documents(self, docs: Iterable[Mapping[str, Any]], *, progress: bool = False,
                         procs: int | None = None) -> int:
        """Replace documents by id (adds those that are new); see add_documents."""
        return self.add_documents(docs, progress=progress, procs=procs)

    def delete_documents(self, ids: Iterable[str] | str) -> int:
        """Delete the documents with these ids, in one commit; returns how many."""
        self._check_open()
        return self._batches.delete(ids)

    def optimize(self) -> None:
        """Merge all segments into one (faster searches, one-off cost)."""
        self._check_open()
        self._batches.optimize()

    # -- searching ----------------------------------------------------------------
    def search(self, query: str, *, limit: int = 10, page: int = 1,
               filters: Mapping | None = None, exact: bool = False, vowels: bool = False,
               strict: bool = False, ranking: Ranking | None = None, sort: str = "relevance",
               combine_facets: bool = False) -> SearchResults:
        """Ranked search; see the README for the query language and ranking.

        ``filters`` maps collection/category to a value (or a list of values)
        and ``date`` to a range string (``"2024"``, ``">2024-05"``,
        ``"[2020 TO 2021]"``) or a (start, end) pair.  ``exact`` matches
        word forms without stemming; ``vowels`` makes harakat in the query
        count (عَلِمَ does not match عُلِمَ).  ``strict`` raises QueryError on
        malformed syntax instead of reading it leniently.  ``ranking``
        replaces the index's :attr:`ranking` for this search.  ``sort`` is
        ``"relevance"``, ``"newest"`` or ``"oldest"`` (by date, documents
        without one last, ties in the order of relevance).
        ``combine_facets`` counts each facet a filter restricts without
        that filter, so its other values stay listed (the search page's
        facets).  ``limit`` is capped at 10,000.  Everything in the results
        (hits, total, facets, suggestion) comes from one searcher.
        """
        _positive("limit", limit)
        _positive("page", page)
        order = sort_of(sort)
        weights = self.ranking if ranking is None else _ranking(ranking)
        labels = self.labels
        with self._lock:
            return search_page(self._current(), query, limit=limit, page=page,
                               filters=filters, exact=exact, vowels=vowels, strict=strict,
                               ranking=weights, sort=order, combine_facets=combine_facets,
                               labels=labels)

    def similar(self, doc_id: str, *, limit: int = 10, page: int = 1,
                filters: Mapping | None = None, combine_facets: bool = False) -> SearchResults:
        """The documents most like ``doc_id`` (itself left out), ranked, as
        :class:`SearchResults` whose ``query`` is the query of the
        document's most characteristic words (see
        :mod:`seedsearch.search.similar`; :meth:`explain_similar` shows
        them).  DocumentNotFoundError if there is no such document."""
        _positive("limit", limit)
        _positive("page", page)
        labels = self.labels
        with self._lock:
            return similar_page(self._current(), doc_id, limit=limit, page=page,
                                filters=filters, ranking=self.ranking,
                                combine_facets=combine_facets, labels=labels)

    def explain_similar(self, doc_id: str) -> str:
        """Why :meth:`similar` finds what it finds: the document's
        characteristic words (tf, df, BM25 weight), then the plan of their
        query as :meth:`explain` prints it."""
        with self._lock:
            state = self._current()
            words = words_of(state, doc_id, self.ranking)
            plan = explain_query(state, similar_query(words), filters=None, exact=False,
                                 vowels=False, strict=False, ranking=self.ranking)
        return describe(doc_id, words) + "\n" + plan

    def complete(self, prefix: str, limit: int = 10) -> list[str]:
        """Up to ``limit`` (at most 100) words of the index that begin with
        ``prefix``, most frequent first, as the text spells them: the
        prefix is read like a query word (أَحْ, أح and اح alike); stop
        words are left out.  See :mod:`seedsearch.search.complete`."""
        with self._lock:
            return complete(self._current(), prefix, limit)

    def document(self, doc_id: str, query: str = "", *, exact: bool = False,
                 vowels: bool = False) -> Hit | None:
        """The document ``doc_id`` as a :class:`Hit` (rank 0) whose
        ``highlight``, ``spans`` and ``snippet`` mark the words ``query``
        matches in it (read as :meth:`search` reads it), or None.  The whole
        text, marked: ``hit.highlight("text", size=len(hit["text"]))``."""
        labels = self.labels
        with self._lock:
            return document_hit(self._current(), doc_id, query, exact=exact, vowels=vowels,
                                ranking=self.ranking, labels=labels)

    def explain(self, query: str, *, limit: int = 10, page: int = 1,
                filters: Mapping | None = None, exact: bool = False, vowels: bool = False,
                strict: bool = False, ranking: Ranking | None = None) -> str:
        """How :meth:`search` reads ``query`` with the same arguments: each
        word with its terms per field and their weights, prefix and fuzzy
        expansions, phrases, filters, the ranking and warnings."""
        _positive("limit", limit)
        _positive("page", page)
        weights = self.ranking if ranking is None else _ranking(ranking)
        with self._lock:
            return explain_query(self._current(), query, filters=filters, exact=exact,
                                 vowels=vowels, strict=strict, ranking=weights)

    def _plan_with_state(self, query: str, *, strict: bool = False) -> tuple[Plan, SearchState]:
        """The plan :meth:`search` makes of ``query`` and the search state it
        was made against (for :mod:`seedsearch.export.planned`, which writes
        the plan as query DSL and reads document frequencies from the state)."""
        with self._lock:
            state = self._current()
            plan, _ = plan_of(state, query, exact=False, vowels=False, strict=strict,
                              ranking=self.ranking)
        return plan, state

    # -- statistics -------------------------------------------------------------
    def stats(self, *, count_terms: bool = True) -> dict:
        """Documents, terms, segments, size on disk, fields, and the versions
        of its analysis and of its segments' flat postings (0: a segment
        without them, read from Whoosh's blocks).

        Counting the terms streams through the whole vocabulary, keeping
        nothing (838,112 terms of the 137,000-document bench corpus in about
        10 s and 30 MB); ``count_terms=False`` skips it and reports ``terms``
        as None.
        """
        self._check_open()
        terms = None
        if count_terms:
            with self._lock:
                terms = sum(1 for _ in self._current().reader.all_terms())
        size = sum(p.stat().st_size for p in reading.index_files(self.path))
        with self._lock:
            flat = sorted({getattr(reading.flat_postings(r), "version", 0)
                           for r, _ in self._current().leaves})
        return {
            "path": str(self.path),
            "documents": self._ix.doc_count(),
            "deleted": self._ix.doc_count_all() - self._ix.doc_count(),
            "terms": terms,
            "segments": reading.segment_count(self._ix),
            "size_bytes": size,
            "fields": list(self._ix.schema.names()),
            "vowels": self.has_vowels,
            "analysis": self._analysis,
            "flat_formats": flat,
        }


def _positive(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise QueryError(f"{name} must be a whole number >= 1, not {value!r}")
    return value


def _procs(value: object) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ArgumentError(f"procs must be a whole number >= 1 or None for the default, "
                            f"not {value!r}"[:200])
    return value


def _ranking(value: object) -> Ranking:
    if not isinstance(value, Ranking):
        raise QueryError(f"ranking must be a seedsearch Ranking, not {type(value).__name__}")
    return value
