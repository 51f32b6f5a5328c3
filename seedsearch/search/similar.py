"""More like this: the documents most like one document of the index.

The document's text is read again with the index's own analysis: each word
goes to its ranked terms (:func:`~seedsearch.text.terms.ranked_terms`: the
light stem and its hamza spellings; stop words have none), and the words of
one stem count together.  Each stem is weighed as BM25 weighs a term of
that document:

    weight = idf(df) · tf · (k1 + 1) / (tf + k1 · (1 − b + b · len / avglen))

with ``tf`` its words in the document, ``df`` the documents of the index
holding the stem in the text (the ranked field's postings of the stem,
joined with the exact field's, where a word that is its own stem is
filed), and the document's length norm in the text.  A stem no other
document holds finds nothing and is left out.  The :data:`SIMILAR_WORDS`
heaviest stems, each written as the document writes it (without harakat),
make a query of plain words in one group, ``(w1 w2 …)``: an OR of the
words, ranked by the search's own BM25F, without the phrase, order and
proximity bonuses of a typed query (those reward words in the order typed;
here the order is by weight).  That query is the explanation:
``ix.explain(results.query)`` prints its plan, and
:func:`describe` lists the words with their tf, df and weight.

Only the text is read, never the title: a title shared by a whole
collection (صحيح البخاري 13) would make every document of it similar.  The
document itself is excluded from the results; an identical copy under
another id is not.  This follows Lucene's MoreLikeThis (tf · idf over the
document's terms, the best 25 kept, a minimum document frequency), with
BM25's saturation and length norm for its weight.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..errors import DocumentNotFoundError
from ..fields import TEXT
from ..text.normalize import strip_diacritics
from ..text.terms import WORD_PATTERN, ranked_terms
from .ranking import Ranking, bm25_idf
from .results import Labels, SearchResults
from .run import docnum_of, search_page
from .state import SearchState
from .suggest import visible

__all__ = ["SimilarWord", "characteristic_words", "similar_query", "similar_page", "words_of", "describe",
           "SIMILAR_WORDS", "MIN_DOCS"]

#: How many of the document's stems the query keeps.
SIMILAR_WORDS = 20
#: A stem must be held by this many documents (the document and one more).
MIN_DOCS = 2
#: Query operators a word of the document must not be read as.
_OPERATORS = frozenset({"AND", "OR", "NOT"})


@dataclass(frozen=True)
class SimilarWord:
    """One characteristic stem of a document, as the query writes it."""
    word: str
    stem: str
    tf: int
    df: int
    weight: float


def characteristic_words(state: SearchState, docnum: int, ranking: Ranking,
                         limit: int = SIMILAR_WORDS) -> list[SimilarWord]:
    """The ``limit`` heaviest stems of document ``docnum``'s text (see the
    module), heaviest first."""
    text = state.stored(docnum).get(TEXT.name) or ""
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    for word in WORD_PATTERN.findall(text):
        terms = ranked_terms(word)
        bare = visible(strip_diacritics(word))
        if terms and bare and not bare.isdigit() and bare not in _OPERATORS:
            spellings.setdefault(terms, Counter())[bare] += 1
    if not spellings or not state.size:
        return []
    k1, b = ranking.k1, ranking.b_of(TEXT.name)
    norm = float(state.norms(TEXT.name, b)[docnum])
    out = []
    scratch = np.zeros(state.size, dtype=bool)
    for terms, written in spellings.items():
        df = _documents(state, terms, scratch)
        if df < MIN_DOCS:
            continue
        tf = sum(written.values())
        weight = bm25_idf(state.size, df) * tf * (k1 + 1) / (tf + k1 * norm)
        out.append(SimilarWord(written.most_common(1)[0][0], terms[0], tf, df, weight))
    out.sort(key=lambda w: (-w.weight, w.stem))
    return out[:limit]


def _documents(state: SearchState, terms: tuple[str, ...], scratch: np.ndarray) -> int:
    """How many documents hold one of ``terms`` (a stem's spellings) in the
    text: in the ranked field, or in the exact field as a word's own form.
    ``scratch`` is all False, one slot a document, and is left so."""
    lists = [state.postings(field, t)[0] for t in terms for field in (TEXT.ranked, TEXT.exact)]
    lists = [ids for ids in lists if len(ids)]
    if len(lists) <= 1:
        return len(lists[0]) if lists else 0
    for ids in lists:
        scratch[ids] = True
    held = int(np.count_nonzero(scratch))
    for ids in lists:
        scratch[ids] = False
    return held


def similar_query(words: list[SimilarWord]) -> str:
    """The query of the characteristic words: one group of plain words."""
    return f"({' '.join(w.word for w in words)})" if words else ""


def similar_page(state: SearchState, doc_id: str, *, limit: int, page: int,
                 filters: Mapping | None, ranking: Ranking, combine_facets: bool = False,
                 labels: Labels | None = None) -> SearchResults:
    """Page ``page`` of the documents most like ``doc_id``: the search of
    its :func:`similar_query`, the document itself left out."""
    docnum = docnum_of(state, doc_id)
    if docnum is None:
        raise DocumentNotFoundError(doc_id)
    query = similar_query(characteristic_words(state, docnum, ranking))
    return search_page(state, query, limit=limit, page=page,
                       filters=filters if query else None, exact=False, vowels=False,
                       strict=False, ranking=ranking, combine_facets=combine_facets,
                       labels=labels, exclude=docnum, spelling=False)


def words_of(state: SearchState, doc_id: str, ranking: Ranking) -> list[SimilarWord]:
    """The characteristic words of ``doc_id``; DocumentNotFoundError if none."""
    docnum = docnum_of(state, doc_id)
    if docnum is None:
        raise DocumentNotFoundError(doc_id)
    return characteristic_words(state, docnum, ranking)


def describe(doc_id: str, words: list[SimilarWord]) -> str:
    """The characteristic words of ``doc_id`` as lines of text."""
    lines = [f"similar to: {doc_id}",
             f"  query: {similar_query(words) or '(no word of it is held by another document)'}"]
    lines += [f"  {w.word} (stem {w.stem}): tf {w.tf}, df {w.df}, weight {w.weight:.3f}"
              for w in words]
    return "\n".join(lines)
