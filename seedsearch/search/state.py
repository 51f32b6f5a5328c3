"""One open searcher and what is cached for it: the state a search reads.

:class:`SearchState` is the planner's :class:`~seedsearch.search.nodes.Vocabulary`
over a Whoosh reader (document frequencies, prefix and fuzzy expansions) and
the executor's source of arrays (decoded postings, field lengths, deletions,
facet columns), each read through :mod:`seedsearch.storage.reading` and
kept in a bounded cache.  Hits, totals, facets and suggestions of a search
all come from one state.
"""

from __future__ import annotations

import heapq
import itertools
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from itertools import islice
from operator import itemgetter
from typing import Any

import numpy as np
from whoosh import query as wq

from ..fields import DATE, FACETS, TEXT, TEXT_FIELDS
from ..storage import columns, reading
from ..storage.blocks import EMPTY_IDS, EMPTY_WEIGHTS
from ..storage.dates import date_column
from ..storage.vocabulary import doc_frequencies
from ..text.edits import one_edit
from .nodes import Vocabulary

__all__ = ["SearchState", "POSTINGS_CACHE", "DF_CACHE", "REF_CACHE"]

#: Decoded postings (document numbers) kept per searcher across queries.
POSTINGS_CACHE = 4_000_000

#: Document frequencies kept per searcher (a long-running server asks for
#: ever new terms; the cache starts again when it is full).
DF_CACHE = 500_000
#: Where segments keep terms, per searcher (the same, smaller, as they are larger).
REF_CACHE = 50_000


class SearchState(Vocabulary):
    """One open Whoosh searcher and what is cached for it: frequencies,
    decoded postings, field lengths, deletions and facet columns.  Hits,
    totals, facets and suggestions of a search all come from one state.

    (A little over 150 lines: it is both the planner's vocabulary and the
    executor's source of arrays, over one reader and one set of caches.)
    """

    def __init__(self, searcher: Any):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.fieldnames = frozenset(self.reader.schema.names())
        self.leaves = reading.leaves(self.reader)
        self.size = self.reader.doc_count_all()
        self._firsts = np.array([first for _, first in self.leaves], dtype=np.int64)
        self.live = (np.concatenate([reading.live_mask(r) for r, _ in self.leaves])
                     if self.leaves else np.zeros(0, dtype=bool))
        #: Per segment, whether its word positions can be read (see
        #: :func:`~seedsearch.storage.reading.has_positions`).
        self.leaf_positions = [reading.has_positions(r, TEXT.exact) for r, _ in self.leaves]
        self._df: dict[tuple[str, str], int] = {}
        self._refs: dict[tuple[str, str], list[reading.TermRef | None]] = {}
        self._held: dict[tuple[str, tuple[str, ...]], list[np.ndarray | None]] = {}
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._norms: dict[tuple[Any, float], np.ndarray] = {}
        self._documents: dict[str, int] = {}
        self._facets: dict[str, tuple[np.ndarray, list[str]]] = {}
        self._dates: np.ndarray | None = None

    def close(self) -> None:
        self.searcher.close()

    def up_to_date(self) -> bool:
        return self.searcher.up_to_date()

    # -- the vocabulary ---------------------------------------------------------
    def doc_frequency(self, fieldname: str, term: str) -> int:
        key = (fieldname, term)
        df = self._df.get(key)
        if df is None:
            df = sum(ref.df for ref in self.term_refs(key) if ref is not None)
            if len(self._df) >= DF_CACHE:
                self._df.clear()
            self._df[key] = df
        return df

    def term_refs(self, key: tuple[str, str]) -> list[reading.TermRef | None]:
        """Where each segment keeps the term ``key`` (None where absent):
        one look-up serves both the frequency and the postings."""
        refs = self._refs.get(key)
        if refs is None:
            if key[0] in self.fieldnames:
                hashed = reading.term_keys(key[0], [key[1]])[0] if len(self.leaves) > 1 else None
                refs = [reading.find_term(r, *key, key=hashed) for r, _ in self.leaves]
            else:
                refs = [None] * len(self.leaves)
            if len(self._refs) >= REF_CACHE:
                self._refs.clear()
            self._refs[key] = refs
        return refs

    def prefetch(self, fieldnames: Iterable[str], terms: Iterable[str]) -> None:
        """Look up the document frequencies of ``terms`` in ``fieldnames``
        together: a word's readings are dozens of candidate terms, most of
        which the index lacks, and one hash per term and one search of each
        segment's term keys for all of them tells those apart at once."""
        terms = list(dict.fromkeys(terms))
        if len(self._df) >= DF_CACHE or len(self._refs) >= REF_CACHE:
            self._df.clear()
            self._refs.clear()
        for fieldname in fieldnames:
            todo = [t for t in terms if (fieldname, t) not in self._df]
            if not todo or fieldname not in self.fieldnames:
                continue
            keys = reading.term_keys(fieldname, todo)
            found = [reading.has_keys(r, keys) for r, _ in self.leaves]
            held = [h for h in found if h is not None]
            if len(held) < len(found):
                continue  # a segment without term keys: ask term by term
            for i, term in enumerate(todo):
                if not any(h[i] for h in held):
                    self._df[fieldname, term] = 0
                    continue
                refs = [reading.find_term(r, fieldname, term, key=keys[i]) if h[i] else None
                        for (r, _), h in zip(self.leaves, held)]
                self._refs[fieldname, term] = refs
                self._df[fieldname, term] = sum(ref.df for ref in refs if ref is not None)

    def iter_prefix(self, fieldname: str, prefix: str) -> Iterator[tuple[str, int]]:
        """``(term, document frequency)`` of the terms that begin with
        ``prefix``, in term order: each segment's term table read directly
        (:func:`~seedsearch.storage.vocabulary.doc_frequencies`, five times
        Whoosh's own iteration), the segments merged."""
        if fieldname not in self.fieldnames:
            return
        merged = heapq.merge(*(doc_frequencies(r, fieldname, prefix) for r, _ in self.leaves),
                             key=itemgetter(0))
        for term, group in itertools.groupby(merged, key=itemgetter(0)):
            yield term, sum(df for _, df in group)

    def prefix_terms(self, fieldname: str, prefix: str, want: int,
                     scan: int) -> tuple[list[tuple[str, int]], int, bool]:
        """The terms that begin with ``prefix``: in each segment its ``want``
        most frequent, from its flat file's table of frequent terms, or
        where that cannot tell, its first ``scan`` in term order; with their
        document frequencies in the whole index, the entries read, and
        whether a table left terms out."""
        if fieldname not in self.fieldnames:
            return [], 0, False
        found: dict[str, None] = {}
        scanned = 0
        more = False
        for segreader, _ in self.leaves:
            top = reading.frequent_starting(segreader, fieldname, prefix, want)
            if top is None:
                pairs = list(islice(doc_frequencies(segreader, fieldname, prefix), max(0, scan)))
                scanned += len(pairs)
            else:
                pairs, left_out = top
                more |= left_out
            found.update(dict.fromkeys(t for t, _ in pairs))
        self.prefetch((fieldname,), found)
        return [(t, self.doc_frequency(fieldname, t)) for t in found], scanned, more

    def root_terms(self, fieldname: str, root: str) -> tuple[list[tuple[str, int, int]], int]:
        """The terms of ``fieldname`` with the Arabic root ``root``, from each
        segment's root table (:mod:`seedsearch.storage.roottable`), with
        their document frequencies in the whole index and the root's rank
        among each term's; and how many segments had their roots computed
        for this call (written without a table)."""
        if fieldname not in self.fieldnames:
            return [], 0
        found: dict[str, list[int]] = {}
        computed = 0
        for segreader, _ in self.leaves:
            words, fresh = reading.root_words(segreader, fieldname, root)
            computed += fresh
            for term, df, rank in words:
                entry = found.setdefault(term, [0, rank])
                entry[0] += df
                entry[1] = min(entry[1], rank)
        return [(t, df, rank) for t, (df, rank) in found.items()], computed

    def probably_held(self, fieldname: str, terms: list[str]) -> list[np.ndarray | None]:
        """Per segment, whether it probably holds each of ``terms`` (by its
        flat file's term keys, hashed once for all segments and kept: the
        proximity bonus asks about a word's surface forms every time the
        word is searched; None for a segment without that file)."""
        key = (fieldname, tuple(terms))
        hit = self._held.get(key)
        if hit is None:
            keys = reading.term_keys(fieldname, terms)
            hit = [reading.has_keys(r, keys) for r, _ in self.leaves]
            if len(self._held) >= REF_CACHE:
                self._held.clear()
            self._held[key] = hit
        return hit

    def terms_within(self, fieldname: str, text: str, maxdist: int,
                     prefix: int = 1) -> Iterator[str]:
        """Terms within ``maxdist`` edits that share the first ``prefix``
        letters.  One edit: the candidates (:func:`~seedsearch.text.edits.one_edit`)
        are looked up in each segment's term keys.  More, or a segment
        without keys: each segment walks its word list with Whoosh's
        automaton (Whoosh's multi-segment reader would compute the distance
        to every word)."""
        if fieldname not in self.fieldnames:
            return iter(())
        if maxdist == 1 and self.leaves and all(reading.flat_postings(r) is not None
                                                for r, _ in self.leaves):
            return iter(self.held(fieldname, sorted(one_edit(text, prefix))))
        within = (t for r, _ in self.leaves
                  for t in r.terms_within(fieldname, text, maxdist, prefix=prefix))
        return iter(dict.fromkeys(within))

    def held(self, fieldname: str, terms: list[str]) -> list[str]:
        """The terms of ``terms`` that some document holds in ``fieldname``:
        looked up in every segment's term keys at once, a key found
        confirmed by the document frequency (the look-up every caller makes
        next, and caches), since 64-bit keys may collide."""
        if fieldname not in self.fieldnames:
            return []
        found = self.probably_held(fieldname, terms)
        maybe = terms if any(f is None for f in found) else [
            t for i, t in enumerate(terms) if any(f[i] for f in found if f is not None)]
        return [t for t in maybe if self.doc_frequency(fieldname, t)]

    def stored(self, docnum: int) -> dict[str, Any]:
        """The stored fields of the document ``docnum`` (a global number)."""
        leaf = int(np.searchsorted(self._firsts, docnum, side="right")) - 1
        segreader, first = self.leaves[leaf]
        return reading.stored_fields(segreader, docnum - first)

    # -- arrays -------------------------------------------------------------------
    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Global document numbers and frequencies of one term."""
        key = (fieldname, term)
        hit = self._postings.get(key)
        if hit is not None:
            self._postings.move_to_end(key)
            return hit
        if fieldname not in self.fieldnames or not self.doc_frequency(fieldname, term):
            return self._remember(key, EMPTY_IDS, EMPTY_WEIGHTS)
        parts = [reading.postings(r, fieldname, term, ref)
                 for (r, _), ref in zip(self.leaves, self.term_refs(key))]
        return self._remember(key, *self._joined(parts))

    def _joined(self, parts: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
        """Per-segment postings as global document numbers and weights."""
        ids = np.concatenate([p[0] + off for p, (_, off) in zip(parts, self.leaves)])
        return ids, np.concatenate([p[1] for p in parts])

    def _remember(self, key: tuple[str, str], ids: np.ndarray,
                  weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        self._postings[key] = (ids, weights)
        self._cached += len(ids) + 1
        while self._cached > POSTINGS_CACHE and len(self._postings) > 1:
            _, (old, _) = self._postings.popitem(last=False)
            self._cached -= len(old) + 1
        return ids, weights

    def lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length in ``fieldname``."""
        hit = self._lengths.get(fieldname)
        if hit is None:
            if self.leaves and fieldname in self.fieldnames:
                hit = np.concatenate([reading.lengths(r, fieldname) for r, _ in self.leaves])
            else:
                hit = np.zeros(self.size)
            self._lengths[fieldname] = hit
        return hit

    def date_docs(self, fieldname: str, start: Any, end: Any) -> np.ndarray:
        """Global numbers of the documents dated in ``[start, end)`` (either
        bound may be None)."""
        q = wq.DateRange(fieldname, start, end, endexcl=True)
        return np.fromiter(q.docs(self.searcher), dtype=np.int64)

    def dates(self) -> np.ndarray:
        """Every document's date as a number that orders as the dates do
        (:data:`seedsearch.storage.dates.MISSING` where it has none),
        read once per searcher."""
        if self._dates is None:
            parts = [date_column(r, DATE) for r, _ in self.leaves]
            self._dates = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return self._dates

    def norms(self, fieldname: str, b: float) -> np.ndarray:
        """Every document's BM25 length norm in the text field ``fieldname``
        (its exact field's length): ``1 - b + b · len / avglen``, the mean
        over the documents that hold the field, read from the lengths
        themselves (see :meth:`combined_norms`)."""
        return self.combined_norms(((fieldname, 1.0),), b)

    def combined_norms(self, weights: tuple[tuple[str, float], ...], b: float) -> np.ndarray:
        """Every document's BM25F length norm over the text fields
        ``weights`` names (each with its weight) as one field:
        ``1 - b + b · L / avgL``, ``L`` the weighted sum of the fields'
        lengths, ``avgL`` its sum over the documents divided by the number
        of documents that have the field most held, as Lucene's
        CombinedFieldQuery (and so an exported index) computes them."""
        key = (weights, b)
        hit = self._norms.get(key)
        if hit is None:
            total = np.zeros(self.size)
            for name, weight in weights:
                total = total + weight * self.lengths(TEXT_FIELDS[name].exact)
            held = max(self.documents_with(name) for name, _ in weights)
            mean = float(total.sum()) / held if held else 1.0
            hit = self._norms[key] = 1 - b + b * total / mean
        return hit

    def documents_with(self, fieldname: str) -> int:
        """How many documents hold a word in the text field ``fieldname``
        (Lucene's docCount of the field)."""
        count = self._documents.get(fieldname)
        if count is None:
            lengths = self.lengths(TEXT_FIELDS[fieldname].exact)
            count = self._documents[fieldname] = int(np.count_nonzero(lengths))
        return count

    def facet_counts(self, mask: np.ndarray) -> dict[str, dict[str, int]]:
        """Value -> matching documents, for each facet, most frequent first."""
        out = {}
        for name in FACETS:
            codes, labels = self._facet_column(name)
            counts = np.bincount(codes[mask], minlength=len(labels)) if labels else EMPTY_IDS
            held = np.flatnonzero(counts)  # a facet may have thousands of values
            pairs = [(labels[i], int(counts[i])) for i in held.tolist() if labels[i]]
            out[name] = dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0])))
        return out

    def _facet_column(self, name: str) -> tuple[np.ndarray, list[str]]:
        hit = self._facets.get(name)
        if hit is None:
            codes_of: dict[str, int] = {"": 0}
            parts = [np.zeros(0, dtype=np.int64)]
            for r, _ in (self.leaves if name in self.fieldnames else ()):
                codes, labels = columns.column_codes(r, name)
                # The leaf's numbers, renumbered into the searcher's.
                renumber = np.fromiter((codes_of.setdefault(v, len(codes_of)) for v in labels),
                                       dtype=np.int64, count=len(labels))
                parts.append(renumber[codes])
            joined = np.concatenate(parts)
            if joined.size != self.size:
                joined = np.zeros(self.size, dtype=np.int64)
            hit = self._facets[name] = (joined, list(codes_of))
        return hit
