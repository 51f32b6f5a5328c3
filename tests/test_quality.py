"""A retrieval-quality floor on the public xquad_ar set (skipped without ../shared).

Not a target to tune against: a guard that a change to analysis or ranking
did not quietly cost retrieval quality (seedsearch measured 0.927 MRR@10
when this test was written; tantivy's Arabic stemmer 0.917).
"""

from __future__ import annotations

import pytest
from conftest import shared_path

from seedsearch import Index

#: Indexes and queries the whole xquad_ar set: slow; CI runs it.
pytestmark = pytest.mark.slow


def test_xquad_ar_mrr_at_10_stays_above_0_90(tmp_path):
    folder = shared_path("eval", "xquad_ar")
    from benchmarks.quality import load_eval, scores

    corpus, queries, qrels = load_eval(folder)
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(corpus)
        judged = [q for q in queries if q in qrels]
        mrr = sum(scores([h.id for h in ix.search(queries[q], limit=10)], qrels[q])[0]
                  for q in judged) / len(judged)
    assert mrr >= 0.90
