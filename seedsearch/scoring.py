"""Ranking: BM25 with the standard (Robertson-Sparck Jones) idf.

Whoosh's BM25F uses ``idf = log(N / (df + 1)) + 1``, which flattens the
difference between rare and common words; the standard BM25 idf used by
Lucene, Elasticsearch, tantivy and bm25s, ``log(1 + (N - df + 0.5) /
(df + 0.5))``, gives a rare name or number its full weight.  K1 and B are
the usual 1.2 and 0.75.  The class path is stored with nothing (weighting is
chosen when a searcher opens), so it may move freely.
"""

from __future__ import annotations

from math import log

from whoosh.scoring import BM25F

__all__ = ["ArabicBM25"]


class ArabicBM25(BM25F):
    """Whoosh BM25F with the standard BM25 idf."""

    def __init__(self, B: float = 0.75, K1: float = 1.2, **field_B):
        super().__init__(B=B, K1=K1, **field_B)

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        df = parent.doc_frequency(fieldname, text)
        n = parent.doc_count_all()
        return log(1 + (n - df + 0.5) / (df + 0.5))
