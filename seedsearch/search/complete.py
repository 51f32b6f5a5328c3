"""Completions: the index's words that begin with what someone is typing.

The prefix is read like a query word (:func:`~seedsearch.text.normalize.normalize`:
harakat and tatweel out, أ إ آ ٱ as ا, ة as ه, ى as ي; both spellings of a
seated hamza), so أَحْ, أح and اح complete alike, and the words come from the
exact field of the text (every word form the text holds, with the
article).  They are ranked by the documents that hold them, most first,
stop words left out, and each is given in the spelling the stored text
uses most (:func:`~seedsearch.search.suggest.surface_form`: الصلاة, not the
index's الصلاه), the hamza spellings of one word given once.

A short prefix (ا, ال) begins tens of thousands of words, too many to read
while someone types.  Each segment's flat file keeps its 20,000 most
frequent words (:mod:`seedsearch.storage.frequent`), so a prefix is looked
up there, in every segment, and the words found are counted in the whole
index (at 50,000 documents 35–75 ms for the first call after opening, the
searcher's opening included, and 1–9 ms after; measured 2026-12-04).  An
index whose segments lack that table (written by seedsearch 0.1) reads the
:data:`TABLE_WORDS` words that most documents hold once per searcher
instead (the vocabulary streamed through: half a second at 50,000
documents) and looks a prefix up in them by bisection.
When the tables hold fewer than ``limit`` words with the prefix, the rare
words are what is asked for: the index's own term list is read from the
prefix on, at most :data:`SCAN_WORDS` entries.
"""

from __future__ import annotations

import heapq
import weakref
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import islice

import numpy as np

from ..errors import QueryError
from ..fields import TEXT
from ..storage import reading
from ..storage.vocabulary import doc_frequencies
from ..text.normalize import hamza_variants, normalize
from ..text.terms import is_stop_form
from .state import SearchState
from .suggest import surface_form

__all__ = ["complete", "MAX_COMPLETIONS", "TABLE_WORDS", "SCAN_WORDS", "SURFACE_DOCS"]

#: The most completions one call gives.
MAX_COMPLETIONS = 100
#: Words kept in the per-searcher table of frequent words.
TABLE_WORDS = 50_000
#: Vocabulary entries read, per segment, for a prefix the table cannot complete.
SCAN_WORDS = 5_000
#: Stored documents read to find a completion's usual spelling.
SURFACE_DOCS = 3
#: Above every letter: ``prefix + _END`` bounds the words that begin with ``prefix``.
_END = "\U0010ffff"


def _frequencies(state: SearchState, prefix: str,
                 per_segment: int | None) -> Iterator[tuple[str, int]]:
    """The text's words that begin with ``prefix``, in order, each with the
    documents holding it (at most ``per_segment`` entries read from each
    segment): the segments' term lists merged as they stream, a word that
    several segments hold given once, its counts added up."""
    streams = [islice(doc_frequencies(r, TEXT.exact, prefix), per_segment)
               for r, _ in state.leaves]
    if len(streams) == 1:
        yield from streams[0]
        return
    term, total = None, 0
    for word, df in heapq.merge(*streams):
        if word != term:
            if term is not None:
                yield term, total
            term, total = word, 0
        total += df
    if term is not None:
        yield term, total


class _Table:
    """The frequent words of one searcher, sorted, for an index whose
    segments keep no table of their own.

    The vocabulary streams through in chunks; after each, only the
    :data:`TABLE_WORDS` most frequent words so far are kept (in term
    order), so memory holds two tables' worth, never the vocabulary."""

    def __init__(self, state: SearchState):
        terms: list[str] = []
        docs = np.zeros(0, dtype=np.int64)
        stream = _frequencies(state, "", None)
        seen = 0
        while chunk := list(islice(stream, TABLE_WORDS)):
            seen += len(chunk)
            terms += [t for t, _ in chunk]
            docs = np.concatenate([docs, np.fromiter((df for _, df in chunk), dtype=np.int64,
                                                     count=len(chunk))])
            if len(terms) > TABLE_WORDS:
                at = np.sort(np.argpartition(-docs, TABLE_WORDS)[:TABLE_WORDS])
                terms, docs = [terms[i] for i in at.tolist()], docs[at]
        self.full = seen <= TABLE_WORDS  # it holds every word
        keep = [i for i, t in enumerate(terms) if not is_stop_form(t)]
        self.terms = [terms[i] for i in keep]
        self.docs = docs[keep]

    def starting(self, prefix: str, want: int) -> list[tuple[int, str]]:
        """The ``want`` most frequent words of the table that begin with
        ``prefix`` (all of them when fewer), as (documents, word)."""
        lo = bisect_left(self.terms, prefix)
        hi = bisect_left(self.terms, prefix + _END, lo)
        docs = self.docs[lo:hi]
        at = (np.argpartition(-docs, want)[:want] if len(docs) > want
              else np.arange(len(docs)))
        return [(int(docs[i]), self.terms[lo + i]) for i in at.tolist()]


_TABLES: weakref.WeakKeyDictionary[SearchState, _Table] = weakref.WeakKeyDictionary()
#: Per searcher, the spelling found for each word completed.
_SURFACES: weakref.WeakKeyDictionary[SearchState, dict[str, str]] = weakref.WeakKeyDictionary()


def _table(state: SearchState) -> _Table:
    table = _TABLES.get(state)
    if table is None:
        table = _TABLES[state] = _Table(state)
    return table


def _starting(state: SearchState, form: str, want: int) -> tuple[dict[str, int], bool]:
    """The most frequent words that begin with ``form`` (stop words left
    out), as {word: documents}, and whether rarer ones may be left out."""
    if all(reading.has_frequent(r) for r, _ in state.leaves):
        # A few of a prefix's most frequent words may be stop words: ask for more.
        pairs, _, more = state.prefix_terms(TEXT.exact, form, want + 20, SCAN_WORDS)
        return {t: df for t, df in pairs if not is_stop_form(t)}, more
    table = _table(state)
    return {t: df for df, t in table.starting(form, want)}, not table.full


def complete(state: SearchState, prefix: str, limit: int = 10) -> list[str]:
    """Up to ``limit`` words of the index that begin with ``prefix`` (its
    last word, when it has several), most frequent first (see the module)."""
    if not isinstance(prefix, str):
        raise QueryError(f"a prefix must be a string, not {type(prefix).__name__}")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_COMPLETIONS:
        raise QueryError(f"limit must be a whole number from 1 to {MAX_COMPLETIONS}, "
                         f"not {limit!r}")
    words = prefix.split()
    norm = normalize(words[-1]) if words else ""
    if not norm:
        return []
    forms = hamza_variants(norm)
    # The hamza spellings of a word, and words of one spelling, come twice.
    want = 3 * limit
    found: dict[str, int] = {}
    rarer = False
    for form in forms:
        frequent, more = _starting(state, form, want)
        found.update(frequent)
        rarer |= more
    if len(found) < limit and rarer:
        for form in forms:
            found.update((t, df) for t, df in _frequencies(state, form, SCAN_WORDS)
                         if not is_stop_form(t))
    return _spelled(state, _best(found), limit)


def _best(found: dict[str, int]) -> Iterable[str]:
    return (term for term, _ in sorted(found.items(), key=lambda e: (-e[1], e[0])))


def _spelled(state: SearchState, terms: Iterable[str], limit: int) -> list[str]:
    """The first ``limit`` different spellings of ``terms``, as the text writes them."""
    surfaces = _SURFACES.get(state)
    if surfaces is None:
        surfaces = _SURFACES[state] = {}
    out: dict[str, None] = {}
    for term in terms:
        surface = surfaces.get(term)
        if surface is None:
            surface = surfaces[term] = surface_form(state, term, sample=SURFACE_DOCS)
        out.setdefault(surface)
        if len(out) >= limit:
            break
    return list(out)
